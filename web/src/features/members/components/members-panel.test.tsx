import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, mockApi, renderWithProviders } from '../../../test/render';
import { MembersPanel } from './members-panel';

const members = [
  {
    userId: 'u1',
    email: 'owner@example.com',
    name: 'Olive Owner',
    role: 'owner',
    createdAt: '2026-01-01T00:00:00Z',
  },
  {
    userId: 'u2',
    email: 'agent@example.com',
    name: 'Ari Agent',
    role: 'agent',
    createdAt: '2026-01-02T00:00:00Z',
  },
];

function serveMembers() {
  mockApi({
    'GET /api/v1/workspace/members': () =>
      jsonResponse(200, { success: true, data: { items: members, nextCursor: null } }),
  });
}

describe('MembersPanel', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lets an owner add members and change or remove others, but not themselves', async () => {
    serveMembers();
    renderWithProviders(<MembersPanel currentUserId="u1" currentUserRole="owner" />);

    const table = await screen.findByRole('table', { name: 'Team members' });
    expect(screen.getByRole('button', { name: 'Add member' })).toBeInTheDocument();
    expect(
      within(table).getByRole('combobox', { name: 'Role of agent@example.com' }),
    ).toBeInTheDocument();
    expect(
      within(table).getByRole('button', { name: 'Remove agent@example.com' }),
    ).toBeInTheDocument();
    expect(within(table).queryByRole('combobox', { name: 'Role of owner@example.com' })).toBeNull();
    expect(within(table).queryByRole('button', { name: 'Remove owner@example.com' })).toBeNull();
  });

  it('shows agents a read-only list', async () => {
    serveMembers();
    renderWithProviders(<MembersPanel currentUserId="u2" currentUserRole="agent" />);

    const table = await screen.findByRole('table', { name: 'Team members' });
    expect(within(table).getByText('Olive Owner')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add member' })).toBeNull();
    expect(within(table).queryByRole('button', { name: /remove/i })).toBeNull();
    expect(within(table).queryByRole('combobox', { name: /role of/i })).toBeNull();
  });
});
