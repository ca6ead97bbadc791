import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContactFact } from '../../../api/types';
import { mockApi, renderWithProviders } from '../../../test/render';
import { ContactFacts } from './contact-facts';
import { availability, CONTACT_ID, failure, fact, LONG, ok } from './test-fixtures';

const BASE = `/api/v1/contacts/${CONTACT_ID}/facts`;
const PEANUTS = fact();
const EVENINGS = fact({
  id: '0190b000-0000-7000-8000-0000000000f2',
  fact: 'Prefers deliveries after 6 pm',
  source: 'user',
  agentId: null,
  sourceMessageId: null,
});

/** A contact's facts kept in memory, as the server would. */
function factsApi(initial: ContactFact[], max = 50) {
  let facts = [...initial];
  return mockApi({
    'GET /api/v1/agents/availability': () => ok(availability({ maxFactsPerContact: max })),
    [`GET ${BASE}`]: () => ok(facts),
    [`POST ${BASE}`]: async (r) => {
      const { fact: text } = (await r.json()) as { fact: string };
      if (facts.some((f) => f.fact === text)) {
        return failure(409, 'conflict', 'This contact already has that fact');
      }
      const created = fact({ id: `new-${facts.length}`, fact: text, source: 'user' });
      facts = [...facts, created];
      return ok(created, 201);
    },
    [`PUT ${BASE}/${PEANUTS.id}`]: async (r) => {
      const { fact: text } = (await r.json()) as { fact: string };
      facts = facts.map((f) => (f.id === PEANUTS.id ? { ...f, fact: text, source: 'user' } : f));
      return ok(facts.find((f) => f.id === PEANUTS.id));
    },
    [`DELETE ${BASE}/${EVENINGS.id}`]: () => {
      facts = facts.filter((f) => f.id !== EVENINGS.id);
      return new Response(null, { status: 204 });
    },
  });
}

describe('ContactFacts', () => {
  beforeEach(() => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
  });
  afterEach(() => vi.unstubAllGlobals());

  it('lists facts with who wrote them and how many a contact keeps', LONG, async () => {
    factsApi([PEANUTS, EVENINGS]);
    renderWithProviders(<ContactFacts contactId={CONTACT_ID} />);

    const list = await screen.findByRole('list', { name: 'Facts about this contact' });
    const [peanuts, evenings] = within(list).getAllByRole('listitem');
    expect(peanuts).toHaveTextContent('Is allergic to peanuts');
    expect(within(peanuts!).getByText('Agent')).toBeInTheDocument();
    expect(peanuts).toHaveTextContent('1 hour ago');
    expect(within(evenings!).getByText('Person')).toBeInTheDocument();
    expect(await screen.findByTestId('facts-count')).toHaveTextContent('2 of 50 facts');
  });

  it('adds a fact, and says why the server refused one', LONG, async () => {
    const { requests } = factsApi([PEANUTS]);
    const user = userEvent.setup();
    renderWithProviders(<ContactFacts contactId={CONTACT_ID} />);

    const input = await screen.findByRole('textbox', { name: 'New fact' });
    await user.click(screen.getByRole('button', { name: 'Add fact' }));
    expect(await screen.findByText('Write the fact')).toBeInTheDocument();

    await user.type(input, 'Speaks Yoruba');
    await user.click(screen.getByRole('button', { name: 'Add fact' }));
    const list = screen.getByRole('list', { name: 'Facts about this contact' });
    expect(await within(list).findByText('Speaks Yoruba')).toBeInTheDocument();
    await waitFor(() => expect(input).toHaveValue(''));
    expect(screen.getByTestId('facts-count')).toHaveTextContent('2 of 50 facts');
    const post = requests.find((r) => r.method === 'POST');
    expect(await post!.json()).toEqual({ fact: 'Speaks Yoruba' });

    await user.type(input, 'Is allergic to peanuts');
    await user.click(screen.getByRole('button', { name: 'Add fact' }));
    expect(await screen.findByText('This contact already has that fact')).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');
  });

  it('corrects a fact in place and deletes one after asking', LONG, async () => {
    const { requests } = factsApi([PEANUTS, EVENINGS]);
    const user = userEvent.setup();
    renderWithProviders(<ContactFacts contactId={CONTACT_ID} />);

    await user.click(
      await screen.findByRole('button', { name: 'Edit fact: Is allergic to peanuts' }),
    );
    const edit = screen.getByRole('textbox', { name: 'Fact' });
    expect(edit).toHaveValue('Is allergic to peanuts');
    await user.clear(edit);
    await user.type(edit, 'Is allergic to peanuts and cashews');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const list = screen.getByRole('list', { name: 'Facts about this contact' });
    expect(await within(list).findByText('Is allergic to peanuts and cashews')).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Fact' })).not.toBeInTheDocument();
    const put = requests.find((r) => r.method === 'PUT');
    expect(await put!.json()).toEqual({ fact: 'Is allergic to peanuts and cashews' });

    await user.click(
      screen.getByRole('button', { name: 'Delete fact: Prefers deliveries after 6 pm' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Delete this fact?' });
    expect(requests.some((r) => r.method === 'DELETE')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() =>
      expect(within(list).queryByText('Prefers deliveries after 6 pm')).not.toBeInTheDocument(),
    );
    expect(screen.getByTestId('facts-count')).toHaveTextContent('1 of 50 facts');
  });

  it('explains where facts come from when there are none', LONG, async () => {
    factsApi([]);
    renderWithProviders(<ContactFacts contactId={CONTACT_ID} />);
    expect(
      await screen.findByText('No facts yet: agents remember what customers tell them'),
    ).toBeInTheDocument();
  });

  it('takes no more facts once the memory is full', LONG, async () => {
    factsApi([PEANUTS, EVENINGS], 2);
    renderWithProviders(<ContactFacts contactId={CONTACT_ID} />);
    expect(await screen.findByTestId('facts-count')).toHaveTextContent('2 of 2 facts');
    expect(screen.getByRole('textbox', { name: 'New fact' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Add fact' })).toBeDisabled();
    expect(screen.getByText(/A contact keeps at most 2 facts/)).toBeInTheDocument();
  });
});
