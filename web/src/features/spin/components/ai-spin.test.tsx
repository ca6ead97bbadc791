import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, mockApi, renderWithProviders } from '../../../test/render';
import { AiSpin } from './ai-spin';

// The spin dialog is tested where the template page composes it into the editor
// (routes/template-page.test.tsx).

const ok = (data: unknown) => jsonResponse(200, { success: true, data });

describe('AiSpin', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is disabled on a Pro workspace, saying to upgrade with the server’s message', async () => {
    const message =
      'AI spinning is part of the Enterprise plan; ask the platform operator to upgrade this workspace';
    mockApi({
      'GET /api/v1/templates/spin/availability': () =>
        ok({ available: false, reason: 'upgrade_required', message }),
    });
    renderWithProviders(<AiSpin body="Hi" onBodyChange={() => {}} />);

    const reason = await screen.findByText(message);
    expect(reason).toHaveTextContent('Upgrade to Enterprise:');
    const button = screen.getByRole('button', { name: 'AI Spin' });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription(/Upgrade to Enterprise.*ask the platform operator/);
  });

  it('is disabled without an AI provider, saying so', async () => {
    mockApi({
      'GET /api/v1/templates/spin/availability': () =>
        ok({
          available: false,
          reason: 'ai_not_configured',
          message:
            'No AI provider is configured on this server; the operator sets WHATSDEX_AI_BASE_URL',
        }),
    });
    renderWithProviders(<AiSpin body="Hi" onBodyChange={() => {}} />);

    expect(await screen.findByText(/the operator sets WHATSDEX_AI_BASE_URL/)).toHaveTextContent(
      'No AI provider is configured',
    );
    expect(screen.getByRole('button', { name: 'AI Spin' })).toBeDisabled();
  });
});
