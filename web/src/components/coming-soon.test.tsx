import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../test/render';
import { InboxPage } from '../routes/placeholder-pages';

describe('ComingSoon', () => {
  it('says what the page will do', () => {
    renderWithProviders(<InboxPage />);
    expect(screen.getByRole('heading', { name: 'Inbox' })).toBeInTheDocument();
    expect(screen.getByText('Coming soon')).toBeInTheDocument();
    expect(screen.getByText(/one inbox for every whatsapp conversation/i)).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'What Inbox will do' })).toHaveTextContent(
      'Hand conversations to AI agents',
    );
  });
});
