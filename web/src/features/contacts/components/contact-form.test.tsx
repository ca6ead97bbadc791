import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, mockApi, renderWithProviders } from '../../../test/render';
import { ContactForm } from './contact-form';

const CONTACT = {
  id: 'c1',
  name: 'Ada',
  phone: '+2348031234567',
  rawPhone: '0803 123 4567',
  email: null,
  tags: ['vip'],
  attributes: { city: 'Lagos' },
  optedOut: false,
  optedOutAt: null,
  lastChannelId: null,
  lastInteractionAt: null,
  lastInboundAt: null,
  createdAt: '2026-01-02T03:04:05Z',
  updatedAt: '2026-01-02T03:04:05Z',
};

describe('ContactForm', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the server’s field errors next to the inputs', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    mockApi({
      'POST /api/v1/contacts': () =>
        jsonResponse(400, {
          success: false,
          error: {
            code: 'validation_failed',
            message: 'Request validation failed',
            details: [
              { field: 'phone', message: 'is not a valid phone number for NG' },
              { field: 'email', message: 'must be an email address' },
            ],
          },
        }),
    });
    const onSaved = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<ContactForm onCancel={() => {}} onSaved={onSaved} />);

    await user.click(screen.getByRole('button', { name: 'Add contact' }));
    expect(await screen.findByText('Phone is required')).toBeInTheDocument();

    await user.type(screen.getByLabelText(/^Phone/), '12345');
    await user.type(screen.getByLabelText(/^Email/), 'nope');
    await user.click(screen.getByRole('button', { name: 'Add contact' }));
    expect(await screen.findByText('is not a valid phone number for NG')).toBeInTheDocument();
    expect(screen.getByText('must be an email address')).toBeInTheDocument();
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('sends only a changed phone when editing, with tags and custom fields', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    const { requests } = mockApi({
      'PATCH /api/v1/contacts/c1': () =>
        jsonResponse(200, { success: true, data: { ...CONTACT, name: 'Ada Okafor' } }),
    });
    const onSaved = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<ContactForm contact={CONTACT} onCancel={() => {}} onSaved={onSaved} />);

    expect(screen.getByLabelText('Field 1 value')).toHaveValue('Lagos');
    await user.clear(screen.getByLabelText(/^Name/));
    await user.type(screen.getByLabelText(/^Name/), 'Ada Okafor');
    await user.click(screen.getByRole('button', { name: 'Add field' }));
    await user.type(screen.getByLabelText('Field 2 name'), 'plan');
    await user.type(screen.getByLabelText('Field 2 value'), 'gold');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(await requests[0]?.json()).toEqual({
      phone: null,
      name: 'Ada Okafor',
      email: '',
      tags: ['vip'],
      attributes: { city: 'Lagos', plan: 'gold' },
      optedOut: false,
    });
  });
});
