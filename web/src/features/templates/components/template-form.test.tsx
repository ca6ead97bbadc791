import { screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, mockApi, renderWithProviders } from '../../../test/render';
import type { Template } from '../../../api/types';
import { TemplateForm } from './template-form';

const ok = (data: unknown, status = 200) => jsonResponse(status, { success: true, data });

const invalid = (details: { field: string; message: string }[], message = details[0]!.message) =>
  jsonResponse(400, {
    success: false,
    error: { code: 'validation_failed', message, details },
  });

const renderOk = async (r: Request) => {
  const { body } = (await r.json()) as { body: string };
  return ok({ text: body, variables: [], missing: [], spins: false });
};

/** Types by pasting: Mantine inputs re-render on every key, which is slow under jsdom. */
async function fill(user: ReturnType<typeof userEvent.setup>, input: HTMLElement, value: string) {
  await user.click(input);
  await user.paste(value);
}

// these walk through a whole form: more than the default 5 s on a busy machine
const LONG = { timeout: 20_000 };

const SAVED: Template = {
  id: 't1',
  name: 'Welcome',
  category: 'marketing',
  body: 'Hi',
  media: null,
  meta: null,
  variables: [],
  createdAt: '2026-01-02T03:04:05Z',
  updatedAt: '2026-01-02T03:04:05Z',
};

describe('TemplateForm', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the server’s field errors next to the inputs, nested ones too', LONG, async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    let attempt = 0;
    mockApi({
      'POST /api/v1/templates/render': renderOk,
      'POST /api/v1/templates': () =>
        ++attempt === 1
          ? invalid([
              { field: 'media.url', message: 'must be an http(s) URL' },
              { field: 'meta.language', message: 'must be a language code such as en or pt_BR' },
              { field: 'meta.parameters[0]', message: "Unexpected '}' at position 0" },
            ])
          : jsonResponse(409, {
              success: false,
              error: {
                code: 'duplicate_name',
                message: 'A template named "Welcome" already exists',
                details: [],
              },
            }),
    });
    const onSaved = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<TemplateForm onCancel={() => {}} onSaved={onSaved} />);

    await user.click(screen.getByRole('button', { name: 'Create template' }));
    expect(await screen.findByText('Name the template')).toBeInTheDocument();
    expect(screen.getByText('Write the message')).toBeInTheDocument();

    await fill(user, screen.getByLabelText(/^Name/), 'Welcome');
    await fill(user, screen.getByLabelText(/^Message/), 'Hi there');
    await user.click(screen.getByText('Image'));
    await fill(user, screen.getByLabelText(/^Media URL/), 'ftp://example.com/a.jpg');
    await user.click(screen.getByLabelText(/Meta template \(/));
    await fill(user, screen.getByLabelText(/^Meta template name/), 'welcome');
    await fill(user, screen.getByLabelText(/^Language/), 'english');
    await user.click(screen.getByRole('button', { name: 'Add parameter' }));
    await fill(user, screen.getByLabelText('Parameter 1'), '}');
    await user.click(screen.getByRole('button', { name: 'Create template' }));

    expect(await screen.findByText('must be an http(s) URL')).toBeInTheDocument();
    expect(screen.getByText('must be a language code such as en or pt_BR')).toBeInTheDocument();
    expect(screen.getByText("Unexpected '}' at position 0")).toBeInTheDocument();
    expect(screen.getByLabelText('Parameter 1')).toHaveAttribute('aria-invalid', 'true');

    await user.click(screen.getByRole('button', { name: 'Create template' }));
    expect(
      await screen.findByText('A template named "Welcome" already exists'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(/^Name/)).toHaveAttribute('aria-invalid', 'true');
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('offers the workspace’s own attribute keys, once each', LONG, async () => {
    mockApi({
      'POST /api/v1/templates/render': renderOk,
      'GET /api/v1/contacts/attribute-keys': () => ok({ keys: ['city', 'loyalty_points', 'name'] }),
    });
    const user = userEvent.setup();
    renderWithProviders(<TemplateForm template={SAVED} onCancel={() => {}} onSaved={() => {}} />);

    const fields = await screen.findByRole(
      'group',
      { name: "Your contacts' fields" },
      { timeout: 5000 },
    );
    expect(
      within(fields)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['{{city}}', '{{loyalty_points}}']);
    expect(screen.getAllByRole('button', { name: 'Insert name' })).toHaveLength(1);
    const body = screen.getByLabelText<HTMLTextAreaElement>(/^Message/);
    body.setSelectionRange(body.value.length, body.value.length);
    await user.click(within(fields).getByRole('button', { name: 'Insert city' }));
    expect(body.value.endsWith('{{city}}')).toBe(true);
  });

  it('uploads a file and puts its public link in the media URL', LONG, async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    const link = 'http://localhost:8080/media/templates/w1/m1/tag/sale.png';
    const { requests } = mockApi({
      'POST /api/v1/templates/render': renderOk,
      'POST /api/v1/templates/media': () =>
        ok(
          {
            id: 'm1',
            kind: 'image',
            filename: 'sale.png',
            mime: 'image/png',
            sizeBytes: 4,
            url: link,
          },
          201,
        ),
    });
    const user = userEvent.setup();
    renderWithProviders(<TemplateForm template={SAVED} onCancel={() => {}} onSaved={() => {}} />);

    await user.click(screen.getByText('Image'));
    const input = document.querySelector<HTMLInputElement>('input[type="file"]');
    expect(input).not.toBeNull();
    await user.upload(input!, new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'sale.png'));
    await waitFor(() => expect(screen.getByLabelText(/^Media URL/)).toHaveValue(link));
    const post = requests.find((r) => r.url.endsWith('/api/v1/templates/media'));
    expect(post!.headers.get('Content-Type')).toMatch(/^multipart\/form-data; boundary=/);
    const part = (await post!.formData()).get('file');
    expect(part).not.toBeNull();
    expect(typeof part).not.toBe('string'); // a file part, not a text field
  });

  it('inserts variables at the cursor and saves what the server expects', LONG, async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    const { requests } = mockApi({
      'POST /api/v1/templates/render': renderOk,
      'PUT /api/v1/templates/t1': () => ok({ ...SAVED, body: 'Hi {{ first_name | there }}!' }),
    });
    const onSaved = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<TemplateForm template={SAVED} onCancel={() => {}} onSaved={onSaved} />);

    const body = screen.getByLabelText<HTMLTextAreaElement>(/^Message/);
    await user.click(body);
    await user.paste(' !');
    await fill(user, screen.getByLabelText('Default if empty'), 'there');
    // the cursor between "Hi " and "!" (a browser keeps it while another input has focus)
    body.setSelectionRange(3, 3);
    await user.click(screen.getByRole('button', { name: 'Insert first_name' }));
    expect(body).toHaveValue('Hi {{ first_name | there }}!');
    expect(screen.getByTestId('body-length')).toHaveTextContent('28 / 4,096');

    // a custom attribute by its key, without a default this time
    await user.clear(screen.getByLabelText('Default if empty'));
    await fill(user, screen.getByLabelText('Attribute key'), 'has space');
    await user.click(screen.getByRole('button', { name: 'Insert attribute' }));
    expect(await screen.findByText(/Letters, digits/)).toBeInTheDocument();
    await user.clear(screen.getByLabelText('Attribute key'));
    await fill(user, screen.getByLabelText('Attribute key'), 'city');
    body.setSelectionRange(body.value.length, body.value.length);
    await user.click(screen.getByRole('button', { name: 'Insert attribute' }));
    expect(body).toHaveValue('Hi {{ first_name | there }}!{{city}}');
    await user.clear(body);
    await user.paste('Hi {{ first_name | there }}!');

    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    const put = requests.find((r) => r.method === 'PUT');
    expect(await put?.json()).toEqual({
      name: 'Welcome',
      category: 'marketing',
      body: 'Hi {{ first_name | there }}!',
      media: null,
      meta: null,
    });
  });
});

describe('TemplateForm preview', () => {
  afterEach(() => vi.unstubAllGlobals());

  const ADA = {
    id: 'c1',
    name: 'Ada Okafor',
    phone: '+2348031234567',
    rawPhone: '+2348031234567',
    email: null,
    tags: [],
    attributes: {},
    optedOut: false,
    optedOutAt: null,
    lastChannelId: null,
    lastInteractionAt: null,
    lastInboundAt: null,
    createdAt: '2026-01-02T03:04:05Z',
    updatedAt: '2026-01-02T03:04:05Z',
  };

  it(
    'renders the body for a chosen contact, says what is missing, and shuffles',
    LONG,
    async () => {
      document.cookie = 'XSRF-TOKEN=t; path=/';
      const { requests } = mockApi({
        'GET /api/v1/contacts': (r) =>
          ok({
            items: new URL(r.url).searchParams.get('search') === 'ada' ? [ADA] : [],
            nextCursor: null,
          }),
        'POST /api/v1/templates/render': async (r) => {
          const cmd = (await r.json()) as { contactId?: string | null; seed?: number | null };
          const greeting = cmd.seed == null ? 'Hi' : 'Hello';
          return ok(
            cmd.contactId === 'c1'
              ? {
                  text: `${greeting} Ada, your code is `,
                  variables: ['first_name', 'code'],
                  missing: ['code'],
                  spins: true,
                }
              : {
                  text: `${greeting} there, your code is `,
                  variables: ['first_name', 'code'],
                  missing: ['first_name', 'code'],
                  spins: true,
                },
          );
        },
      });
      const user = userEvent.setup();
      renderWithProviders(<TemplateForm onCancel={() => {}} onSaved={() => {}} />);

      await user.click(screen.getByLabelText(/^Message/));
      await user.paste('{Hi|Hello} {{ first_name | there }}, your code is {{code}}');
      const text = await screen.findByTestId('preview-text');
      expect(text).toHaveTextContent('Hi there, your code is');
      expect(screen.getByTestId('preview-missing')).toHaveTextContent('Pick a contact to fill in');

      await user.type(screen.getByRole('combobox', { name: 'Preview for' }), 'ada');
      await user.click(await screen.findByRole('option', { name: 'Ada Okafor (+2348031234567)' }));
      await waitFor(() => expect(screen.getByTestId('preview-text')).toHaveTextContent('Hi Ada,'));
      expect(screen.getByTestId('preview-missing')).toHaveTextContent(
        'Ada Okafor has no value for code',
      );

      await user.click(screen.getByRole('button', { name: 'Shuffle' }));
      await waitFor(() =>
        expect(screen.getByTestId('preview-text')).toHaveTextContent('Hello Ada,'),
      );
      const renders = await Promise.all(
        requests
          .filter((r) => new URL(r.url).pathname === '/api/v1/templates/render')
          .map(
            (r) =>
              r.clone().json() as Promise<{
                body: string;
                contactId: string | null;
                seed: number | null;
              }>,
          ),
      );
      // debounced: the pasted body is rendered once without a contact, then once for Ada
      expect(renders.map((r) => [r.contactId, r.seed === null ? 'no seed' : 'seed'])).toEqual([
        [null, 'no seed'],
        ['c1', 'no seed'],
        ['c1', 'seed'],
      ]);
    },
  );

  it('shows a syntax error under the message, with its position', LONG, async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    mockApi({
      'GET /api/v1/contacts': () => ok({ items: [], nextCursor: null }),
      'POST /api/v1/templates/render': async (r) => {
        const { body } = (await r.json()) as { body: string };
        return body.includes('{Hi ')
          ? invalid([
              { field: 'body', message: "Unclosed '{' (spintax ends with '}') at position 0" },
            ])
          : ok({ text: body, variables: [], missing: [], spins: false });
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<TemplateForm onCancel={() => {}} onSaved={() => {}} />);

    const body = screen.getByLabelText(/^Message/);
    await user.click(body);
    await user.paste('{Hi there');
    expect(
      await screen.findByText("Unclosed '{' (spintax ends with '}') at position 0"),
    ).toBeInTheDocument();
    expect(body).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Nothing to preview yet')).toBeInTheDocument();

    await user.clear(body);
    await user.paste('Hi there');
    expect(await screen.findByTestId('preview-text')).toHaveTextContent('Hi there');
    expect(screen.queryByText(/Unclosed/)).toBeNull();
    expect(body).not.toHaveAttribute('aria-invalid', 'true');
  });
});
