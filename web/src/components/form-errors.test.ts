import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/errors';
import { formPath, showFormErrors } from './form-errors';

vi.mock('./notify', () => ({ showApiError: vi.fn() }));
const { showApiError } = await import('./notify');

describe('showFormErrors', () => {
  it('turns list indexes into form paths', () => {
    expect(formPath('meta.parameters[2]')).toBe('meta.parameters.2');
    expect(formPath('name')).toBe('name');
  });

  it('puts nested field errors next to their inputs and the rest in a notification', () => {
    const setErrors = vi.fn();
    const form = {
      values: { name: '', media: { url: '' }, meta: { parameters: ['{{name}}'] } },
      setErrors,
    };
    const err = new ApiError(400, 'validation_failed', 'Request validation failed', [
      { field: 'media.url', message: 'must be an http(s) URL' },
      { field: 'meta.parameters[0]', message: 'Unexpected } at position 3' },
      { field: 'media.kind', message: 'must be image, video or document' },
    ]);
    showFormErrors(form, err, 'Could not save');
    expect(setErrors).toHaveBeenCalledWith({
      'media.url': 'must be an http(s) URL',
      'meta.parameters.0': 'Unexpected } at position 3',
    });
    // media.kind has no input in this form: the notification says so
    expect(showApiError).toHaveBeenCalledWith(err, 'Could not save');
  });
});
