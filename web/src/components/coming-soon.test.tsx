import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../test/render';
import { ComingSoon } from './coming-soon';

describe('ComingSoon', () => {
  it('says what the page will do', () => {
    renderWithProviders(
      <ComingSoon
        title="Agents"
        summary="AI agents that answer customers with a memory of each one."
        features={['Hand conversations back to people']}
      />,
    );
    expect(screen.getByRole('heading', { name: 'Agents' })).toBeInTheDocument();
    expect(screen.getByText('Coming soon')).toBeInTheDocument();
    expect(screen.getByText(/AI agents that answer customers/i)).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'What Agents will do' })).toHaveTextContent(
      'Hand conversations back to people',
    );
  });
});
