import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockApi, renderWithProviders } from '../../../test/render';
import { Composer } from './composer';
import {
  channel,
  CHANNEL_ID,
  CLOSED_WINDOW,
  CONTACT_ID,
  detail,
  message,
  ok,
  OTHER_CHANNEL_ID,
  page,
  refusal,
  template,
} from './test-fixtures';

const CHANNELS = [channel(), channel({ id: OTHER_CHANNEL_ID, name: 'Abuja sales' })];
const REPLY = `POST /api/v1/inbox/conversations/${CONTACT_ID}/reply`;

type ReplyBody = { text?: string; templateId?: string; channelId?: string; clientKey?: string };

async function bodies(requests: Request[]): Promise<ReplyBody[]> {
  return Promise.all(
    requests.filter((r) => r.url.endsWith('/reply')).map((r) => r.json() as Promise<ReplyBody>),
  );
}

describe('Composer', () => {
  beforeEach(() => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
  });
  afterEach(() => vi.unstubAllGlobals());

  it('sends text through the channel that last talked, and empties itself', async () => {
    const { requests } = mockApi({
      [REPLY]: () => ok(message({ id: 'm9', direction: 'out', status: 'accepted' }), 201),
    });
    const user = userEvent.setup();
    renderWithProviders(<Composer detail={detail()} channels={CHANNELS} />);

    expect(screen.getByRole('combobox', { name: 'Reply channel' })).toHaveValue('Lagos support');
    expect(screen.getByTestId('service-window')).toHaveTextContent(/Window closes in 23 h 5\d m/);
    const box = screen.getByRole('textbox', { name: 'Message' });
    await user.type(box, 'It ships today');
    await user.keyboard('{Control>}{Enter}{/Control}');

    await waitFor(() => expect(box).toHaveValue(''));
    const [sent] = await bodies(requests);
    expect(sent).toMatchObject({ text: 'It ships today', channelId: CHANNEL_ID });
    expect(sent?.clientKey).toMatch(/^[0-9a-f-]{32,36}$/);
  });

  it('makes the AI agent’s state of the conversation stale: a person’s reply pauses it', async () => {
    mockApi({
      [REPLY]: () => ok(message({ id: 'm9', direction: 'out', status: 'accepted' }), 201),
    });
    const user = userEvent.setup();
    const { queryClient } = renderWithProviders(<Composer detail={detail()} channels={CHANNELS} />);
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');

    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'I will take it from here');
    await user.click(screen.getByRole('button', { name: 'Send' }));

    await waitFor(() =>
      expect(invalidate).toHaveBeenCalledWith({ queryKey: ['agents', 'conversation', CONTACT_ID] }),
    );
  });

  it('keeps the text and says why when the server refuses, and retries with the same key', async () => {
    let refuse = true;
    const { requests } = mockApi({
      [REPLY]: () =>
        refuse
          ? refusal(
              409,
              'invalid_state',
              'Channel Lagos support is disconnected; reconnect it or choose another channel',
            )
          : ok(message({ id: 'm9', direction: 'out', status: 'accepted' }), 201),
      'GET /api/v1/channels': () => page(CHANNELS),
      [`GET /api/v1/inbox/conversations/${CONTACT_ID}`]: () => ok(detail()),
    });
    const user = userEvent.setup();
    renderWithProviders(<Composer detail={detail()} channels={CHANNELS} />);

    const box = screen.getByRole('textbox', { name: 'Message' });
    await user.type(box, 'Your order is ready');
    await user.click(screen.getByRole('button', { name: 'Send' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The channel cannot send');
    expect(alert).toHaveTextContent('Channel Lagos support is disconnected');
    expect(box).toHaveValue('Your order is ready');

    refuse = false;
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(box).toHaveValue(''));
    expect(screen.queryByRole('alert')).toBeNull();
    const [first, second] = await bodies(requests);
    expect(second?.clientKey).toBe(first?.clientKey);
  });

  it('sends once however fast Send is clicked', async () => {
    let answer: (r: Response) => void = () => {};
    const { requests } = mockApi({
      [REPLY]: () => new Promise<Response>((resolve) => (answer = resolve)),
    });
    const user = userEvent.setup();
    renderWithProviders(<Composer detail={detail()} channels={CHANNELS} />);
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Only once');
    await user.dblClick(screen.getByRole('button', { name: 'Send' }));
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(requests.filter((r) => r.url.endsWith('/reply'))).toHaveLength(1));
    answer(ok(message({ id: 'm9', direction: 'out', status: 'accepted' }), 201));
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Message' })).toHaveValue(''));
    expect(requests.filter((r) => r.url.endsWith('/reply'))).toHaveLength(1);
  });

  it('offers only approved templates when the window is closed, previewed for the contact', async () => {
    const approved = template({
      id: 't-approved',
      name: 'Order update',
      meta: { name: 'order_update', language: 'en', parameters: ['{{first_name}}'] },
    });
    const draft = template({ id: 't-draft', name: 'Friendly hello', body: 'Hello there!' });
    const { requests } = mockApi({
      'GET /api/v1/templates': () => page([approved, draft]),
      'POST /api/v1/templates/render': () =>
        ok({ text: 'Hi Ada, your order is on its way.', variables: [], missing: [], spins: false }),
      [REPLY]: () => ok(message({ id: 'm9', direction: 'out', type: 'template' }), 201),
    });
    const user = userEvent.setup();
    renderWithProviders(
      <Composer detail={detail({ window: CLOSED_WINDOW })} channels={CHANNELS} />,
    );

    expect(screen.getByTestId('service-window')).toHaveTextContent(
      'Window closed — send a template',
    );
    expect(
      screen.getByText(/More than 24 hours have passed since Ada Obi last wrote/),
    ).toBeVisible();
    // no free text outside the window
    expect(screen.getByRole('radio', { name: 'Message' })).toBeDisabled();
    expect(screen.queryByRole('textbox', { name: 'Message' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Send template' })).toBeDisabled();

    await user.click(screen.getByRole('combobox', { name: 'Template' }));
    expect(await screen.findByRole('option', { name: 'Friendly hello' })).toHaveAttribute(
      'data-combobox-disabled',
      'true',
    );
    await user.click(screen.getByRole('option', { name: 'Order update' }));

    expect(await screen.findByTestId('template-preview')).toHaveTextContent(
      'Hi Ada, your order is on its way.',
    );
    expect(screen.getByText(/approved WhatsApp template “order_update” \(en\)/)).toBeVisible();
    const render = requests.find((r) => r.url.endsWith('/templates/render'))!;
    expect(await render.json()).toEqual({ body: approved.body, contactId: CONTACT_ID });

    await user.click(screen.getByRole('button', { name: 'Send template' }));
    await waitFor(async () =>
      expect(await bodies(requests)).toEqual([
        expect.objectContaining({ templateId: 't-approved', channelId: CHANNEL_ID }),
      ]),
    );
  });

  it('says when no template can be sent outside the window', async () => {
    mockApi({ 'GET /api/v1/templates': () => page([template()]) });
    renderWithProviders(
      <Composer detail={detail({ window: CLOSED_WINDOW })} channels={CHANNELS} />,
    );
    expect(await screen.findByText('No approved templates')).toBeInTheDocument();
  });

  it('explains a deleted reply channel and sends through the one picked instead', async () => {
    const { requests } = mockApi({
      [REPLY]: () => ok(message({ id: 'm9', direction: 'out' }), 201),
    });
    const user = userEvent.setup();
    const gone = detail({
      replyChannel: {
        channelId: 'deleted-channel',
        name: null,
        status: 'deleted',
        problem: 'The channel that last talked to this contact was deleted; choose another channel',
      },
    });
    renderWithProviders(<Composer detail={gone} channels={CHANNELS} />);

    expect(screen.getByText(/was deleted; choose another channel/)).toBeVisible();
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Hello again');
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();

    await user.click(screen.getByRole('combobox', { name: 'Reply channel' }));
    await user.click(await screen.findByRole('option', { name: 'Abuja sales' }));
    expect(screen.queryByText(/was deleted/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(async () =>
      expect(await bodies(requests)).toEqual([
        expect.objectContaining({ text: 'Hello again', channelId: OTHER_CHANNEL_ID }),
      ]),
    );
  });

  it('turns to templates, text kept, when the server says the window closed', async () => {
    mockApi({
      [REPLY]: () =>
        refusal(
          409,
          'outside_service_window',
          "Free text can only be sent within 24 hours of the contact's last message",
        ),
      'GET /api/v1/templates': () => page([]),
      [`GET /api/v1/inbox/conversations/${CONTACT_ID}`]: () => ok(detail()),
      'GET /api/v1/channels': () => page(CHANNELS),
    });
    const user = userEvent.setup();
    renderWithProviders(<Composer detail={detail()} channels={CHANNELS} />);
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Still there?');
    await user.click(screen.getByRole('button', { name: 'Send' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Outside the 24-hour window');
    expect(screen.getByRole('combobox', { name: 'Template' })).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'Message' }));
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveValue('Still there?');
  });
});
