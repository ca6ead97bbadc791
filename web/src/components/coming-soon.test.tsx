import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../test/render';
import { ComingSoon } from './coming-soon';

describe('ComingSoon', () => {
  it('says what the page will do', () => {
    renderWithProviders(
      <ComingSoon
        title="Reports"
        summary="Scheduled reports of your messages and campaigns, by email."
        features={['Send a weekly summary']}
      />,
    );
    expect(screen.getByRole('heading', { name: 'Reports' })).toBeInTheDocument();
    expect(screen.getByText('Coming soon')).toBeInTheDocument();
    expect(screen.getByText(/Scheduled reports of your messages/i)).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'What Reports will do' })).toHaveTextContent(
      'Send a weekly summary',
    );
  });
});
