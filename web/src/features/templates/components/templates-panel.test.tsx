import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, mockApi, renderWithProviders } from '../../../test/render';
import { TemplatesPanel } from './templates-panel';

function template(id: string, name: string, body: string, category = 'marketing') {
  return {
    id,
    name,
    category,
    body,
    media: null,
    meta: null,
    variables: body.includes('first_name') ? ['first_name'] : [],
    createdAt: '2026-01-02T03:04:05Z',
    updatedAt: '2026-01-02T03:04:05Z',
  };
}

const WELCOME = template('t1', 'Welcome', '{Hi|Hello} {{ first_name | there }}!');
const RECEIPT = template('t2', 'Receipt', 'Your order has shipped.', 'utility');

const ok = (data: unknown, status = 200) => jsonResponse(status, { success: true, data });

describe('TemplatesPanel', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('explains an empty workspace and links to a new template', async () => {
    mockApi({ 'GET /api/v1/templates': () => ok({ items: [], nextCursor: null }) });
    renderWithProviders(<TemplatesPanel />);
    expect(await screen.findByText('No templates yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Write a template' })).toHaveAttribute(
      'href',
      '/templates/new',
    );
  });

  it('lists templates, loads more, and searches once typing pauses, with the category', async () => {
    const { requests } = mockApi({
      'GET /api/v1/templates': (r) => {
        const q = new URL(r.url).searchParams;
        if (q.get('cursor') === 'next') return ok({ items: [RECEIPT], nextCursor: null });
        if (q.get('category') === 'utility') return ok({ items: [], nextCursor: null });
        if (q.get('search') === 'welc') return ok({ items: [WELCOME], nextCursor: null });
        return ok({ items: [WELCOME], nextCursor: 'next' });
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<TemplatesPanel />);

    const table = await screen.findByRole('table', { name: 'Templates' });
    expect(within(table).getByRole('link', { name: 'Welcome' })).toHaveAttribute(
      'href',
      '/templates/t1',
    );
    expect(within(table).getByText('first_name')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await within(table).findByRole('link', { name: 'Receipt' })).toBeInTheDocument();

    await user.type(screen.getByLabelText('Search'), 'welc');
    await waitFor(() => expect(within(table).queryByText('Receipt')).toBeNull());
    const searches = requests
      .map((r) => new URL(r.url).searchParams)
      .filter((q) => q.has('search'))
      .map((q) => q.get('search'));
    // debounced: one request for the whole word
    expect(searches).toEqual(['welc']);

    await user.click(screen.getByRole('combobox', { name: 'Category' }));
    await user.click(await screen.findByRole('option', { name: 'Utility' }));
    expect(await screen.findByText('No templates match')).toBeInTheDocument();
    const last = new URL(requests.at(-1)!.url).searchParams;
    expect(last.get('search')).toBe('welc');
    expect(last.get('category')).toBe('utility');
  });

  it('shows why the server refuses a delete, and deletes after confirming', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    let items = [WELCOME, RECEIPT];
    mockApi({
      'GET /api/v1/templates': () => ok({ items, nextCursor: null }),
      'DELETE /api/v1/templates/t1': () =>
        jsonResponse(409, {
          success: false,
          error: {
            code: 'template_in_use',
            message: 'The running campaign “Spring sale” uses this template',
            details: [],
          },
        }),
      'DELETE /api/v1/templates/t2': () => {
        items = [WELCOME];
        return new Response(null, { status: 204 });
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<TemplatesPanel />);

    await user.click(await screen.findByRole('button', { name: 'Delete Welcome' }));
    let dialog = await screen.findByRole('dialog', { name: 'Delete template?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The running campaign “Spring sale” uses this template',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    await user.click(screen.getByRole('button', { name: 'Delete Receipt' }));
    dialog = await screen.findByRole('dialog', { name: 'Delete template?' });
    // the earlier refusal is not shown for another template
    expect(within(dialog).queryByRole('alert')).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Receipt' })).toBeNull());
    expect(await screen.findByText('Deleted “Receipt”')).toBeInTheDocument();
  });

  it('duplicates a template and lists the copy', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    let items = [WELCOME];
    const copy = { ...WELCOME, id: 't3', name: 'Welcome (copy)' };
    mockApi({
      'GET /api/v1/templates': () => ok({ items, nextCursor: null }),
      'POST /api/v1/templates/t1/duplicate': () => {
        items = [copy, WELCOME];
        return ok(copy, 201);
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<TemplatesPanel />);

    await user.click(await screen.findByRole('button', { name: 'Duplicate Welcome' }));
    expect(await screen.findByRole('link', { name: 'Welcome (copy)' })).toHaveAttribute(
      'href',
      '/templates/t3',
    );
    expect(screen.getByText('Created “Welcome (copy)”')).toBeInTheDocument();
  });
});
