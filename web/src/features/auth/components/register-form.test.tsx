import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, mockApi, renderWithProviders } from '../../../test/render';
import { RegisterForm } from './register-form';

async function fillIn(password = 'correct horse battery') {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText(/^email/i), 'ada@example.com');
  await user.type(screen.getByLabelText(/^password/i), password);
  await user.type(screen.getByLabelText(/your name/i), 'Ada');
  await user.type(screen.getByLabelText(/workspace name/i), 'Acme');
  await user.click(screen.getByRole('button', { name: 'Create account' }));
}

function describedBy(input: HTMLElement): string {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

describe('RegisterForm', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the server field errors next to their inputs', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    const { requests } = mockApi({
      'POST /api/v1/auth/register': () =>
        jsonResponse(400, {
          success: false,
          error: {
            code: 'validation_failed',
            message: 'Some fields are invalid',
            details: [
              { field: 'email', message: 'is already registered' },
              { field: 'workspaceName', message: 'is too long' },
            ],
          },
        }),
    });
    const onRegistered = vi.fn();
    renderWithProviders(<RegisterForm onRegistered={onRegistered} />);

    await fillIn();

    const email = screen.getByLabelText(/^email/i);
    await waitFor(() => expect(email).toHaveAttribute('aria-invalid', 'true'));
    expect(describedBy(email)).toContain('is already registered');
    expect(describedBy(screen.getByLabelText(/workspace name/i))).toContain('is too long');
    expect(screen.getByLabelText(/your name/i)).not.toHaveAttribute('aria-invalid', 'true');
    expect(onRegistered).not.toHaveBeenCalled();
    expect(await requests[0]!.json()).toEqual({
      email: 'ada@example.com',
      password: 'correct horse battery',
      name: 'Ada',
      workspaceName: 'Acme',
    });
  });

  it('shows other errors as a notification with the server message', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    mockApi({
      'POST /api/v1/auth/register': () =>
        jsonResponse(429, {
          success: false,
          error: { code: 'rate_limited', message: 'Too many attempts, wait a minute', details: [] },
        }),
    });
    renderWithProviders(<RegisterForm onRegistered={vi.fn()} />);

    await fillIn();

    expect(await screen.findByText('Too many attempts, wait a minute')).toBeInTheDocument();
  });

  it('rejects a short password before calling the server', async () => {
    const { fetchMock } = mockApi({});
    renderWithProviders(<RegisterForm onRegistered={vi.fn()} />);

    await fillIn('short');

    expect(await screen.findByText('Use at least 10 characters')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
