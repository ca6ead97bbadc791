import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Route, Routes } from 'react-router';
import type { SpinAvailability, SpinResult, Template } from '../api/types';
import { jsonResponse, mockApi, renderWithProviders } from '../test/render';
import { TemplatePage } from './template-page';

const ok = (data: unknown) => jsonResponse(200, { success: true, data });
const failure = (status: number, code: string, message: string) =>
  jsonResponse(status, { success: false, error: { code, message, details: [] } });

const AVAILABLE: SpinAvailability = { available: true, reason: null, message: null };

const renderOk = async (r: Request) => {
  const { body } = (await r.json()) as { body: string };
  return ok({ text: body, variables: [], missing: [], spins: false });
};

const TEMPLATE: Template = {
  id: 't1',
  name: 'Welcome',
  category: 'marketing',
  body: 'Hi {{first_name}}, our sale starts today',
  media: null,
  meta: null,
  variables: ['first_name'],
  createdAt: '2026-01-02T03:04:05Z',
  updatedAt: '2026-01-02T03:04:05Z',
};

/** The template page, which composes the AI Spin action into the editor. */
function renderEditor() {
  return renderWithProviders(
    <Routes>
      <Route path="/templates/:templateId" element={<TemplatePage />} />
    </Routes>,
    { route: `/templates/${TEMPLATE.id}` },
  );
}

const LONG = { timeout: 20_000 };

async function openAndSpin(user: ReturnType<typeof userEvent.setup>, count?: string) {
  const button = await screen.findByRole('button', { name: 'AI Spin' });
  await waitFor(() => expect(button).toBeEnabled());
  await user.click(button);
  const dialog = await screen.findByRole('dialog', { name: 'AI Spin' });
  if (count !== undefined) {
    const input = within(dialog).getByLabelText(/^Variants/);
    await user.clear(input);
    await user.type(input, count);
  }
  await user.click(within(dialog).getByRole('button', { name: 'Generate variants' }));
  return dialog;
}

describe('TemplatePage: AI Spin', () => {
  beforeEach(() => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
  });
  afterEach(() => vi.unstubAllGlobals());

  it(
    'spins the current body and lists the variants and, collapsed, the rejected ones',
    LONG,
    async () => {
      const result: SpinResult = {
        variants: [
          'Hello {{first_name}}, the sale begins today',
          'Hey {{first_name}}, sale on now',
        ],
        rejected: [{ text: 'Hello there, sale today', reason: 'dropped {{first_name}}' }],
      };
      const { requests } = mockApi({
        'GET /api/v1/templates/spin/availability': () => ok(AVAILABLE),
        'GET /api/v1/templates/t1': () => ok(TEMPLATE),
        'POST /api/v1/templates/render': renderOk,
        'POST /api/v1/templates/spin': () => ok(result),
      });
      const user = userEvent.setup();
      renderEditor();

      const dialog = await openAndSpin(user, '5');

      expect(await within(dialog).findByText(result.variants[0]!)).toBeInTheDocument();
      expect(within(dialog).getByText(result.variants[1]!)).toBeInTheDocument();
      const spinRequest = requests.find((r) => r.url.endsWith('/api/v1/templates/spin'));
      expect(await spinRequest?.json()).toEqual({ body: TEMPLATE.body, count: 5 });

      const toggle = within(dialog).getByRole('button', { name: 'Show 1 rejected variant' });
      expect(toggle).toHaveAttribute('aria-expanded', 'false');
      expect(within(dialog).queryByRole('list', { name: 'Rejected variants' })).toBeNull();
      await user.click(toggle);
      expect(toggle).toHaveAttribute('aria-expanded', 'true');
      // the collapse opens with a transition
      const rejected = await within(dialog).findByRole('list', { name: 'Rejected variants' });
      await waitFor(() =>
        expect(within(rejected).getByText('Hello there, sale today')).toBeVisible(),
      );
      expect(within(rejected).getByText('dropped {{first_name}}')).toBeVisible();
    },
  );

  it('adds two accepted variants to the body as spintax, skipping another', LONG, async () => {
    mockApi({
      'GET /api/v1/templates/spin/availability': () => ok(AVAILABLE),
      'GET /api/v1/templates/t1': () => ok(TEMPLATE),
      'POST /api/v1/templates/render': renderOk,
      'POST /api/v1/templates/spin': () =>
        ok({
          variants: [
            'Hello {{first_name}}, the sale | offer begins today',
            'Dear {{first_name}}, no sale today',
            'Hey {{ first_name | there }}, {sale|offer} on now',
          ],
          rejected: [],
        }),
    });
    const user = userEvent.setup();
    renderEditor();

    const dialog = await openAndSpin(user);
    const first = await within(dialog).findByRole('listitem', { name: 'Variant 1' });
    await user.click(within(first).getByRole('button', { name: 'Accept' }));
    expect(within(first).getByText('Added')).toBeInTheDocument();
    const second = within(dialog).getByRole('listitem', { name: 'Variant 2' });
    await user.click(within(second).getByRole('button', { name: 'Skip' }));
    expect(within(second).getByText('Skipped')).toBeInTheDocument();
    const third = within(dialog).getByRole('listitem', { name: 'Variant 3' });
    await user.click(within(third).getByRole('button', { name: 'Accept' }));

    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByLabelText(/^Message/)).toHaveValue(
      '{Hi {{first_name}}, our sale starts today' +
        '|Hello {{first_name}}, the sale \\| offer begins today' +
        '|Hey {{ first_name | there }}, {sale|offer} on now}',
    );
  });

  it('replaces the body with one variant', LONG, async () => {
    mockApi({
      'GET /api/v1/templates/spin/availability': () => ok(AVAILABLE),
      'GET /api/v1/templates/t1': () => ok(TEMPLATE),
      'POST /api/v1/templates/render': renderOk,
      'POST /api/v1/templates/spin': () =>
        ok({ variants: ['Hello {{first_name}}, the sale begins today'], rejected: [] }),
    });
    const user = userEvent.setup();
    renderEditor();

    const dialog = await openAndSpin(user);
    const variant = await within(dialog).findByRole('listitem', { name: 'Variant 1' });
    await user.click(within(variant).getByRole('button', { name: 'Replace body' }));
    expect(within(variant).getByText('Now the body')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Message/, { selector: 'textarea' })).toHaveValue(
      'Hello {{first_name}}, the sale begins today',
    );
  });

  it('shows the provider’s error in the dialog and keeps it open', LONG, async () => {
    let calls = 0;
    mockApi({
      'GET /api/v1/templates/spin/availability': () => ok(AVAILABLE),
      'GET /api/v1/templates/t1': () => ok(TEMPLATE),
      'POST /api/v1/templates/render': renderOk,
      'POST /api/v1/templates/spin': () =>
        ++calls === 1
          ? failure(502, 'ai_provider_error', 'The AI provider did not answer in time; try again')
          : ok({ variants: ['Hello {{first_name}}, the sale begins today'], rejected: [] }),
    });
    const user = userEvent.setup();
    renderEditor();

    const dialog = await openAndSpin(user);
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('The AI provider did not answer in time; try again');
    expect(screen.getByRole('dialog', { name: 'AI Spin' })).toBeInTheDocument();
    expect(screen.getByLabelText(/^Message/)).toHaveValue(TEMPLATE.body);

    await user.click(within(dialog).getByRole('button', { name: 'Generate variants' }));
    expect(
      await within(dialog).findByText('Hello {{first_name}}, the sale begins today'),
    ).toBeInTheDocument();
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
  });
});
