import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, mockApi, renderWithProviders } from '../../../test/render';
import { ImportWizard } from './import-wizard';
import { contactImport } from './test-imports';

const ok = (data: unknown) => jsonResponse(200, { success: true, data });

describe('ImportWizard', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('goes from the chosen file to its preview and back', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    mockApi({
      'POST /api/v1/contacts/imports/preview': () =>
        ok({
          encoding: 'UTF-8',
          delimiter: ';',
          headers: ['phone'],
          defaultCountry: 'GB',
          mapping: [{ index: 0, header: 'phone', target: 'phone', attributeKey: null }],
          rows: [],
        }),
    });
    const user = userEvent.setup();
    renderWithProviders(<ImportWizard />);

    await user.upload(
      screen.getByLabelText('CSV file'),
      new File(['phone\n'], 'list.csv', { type: 'text/csv' }),
    );
    expect(await screen.findByRole('heading', { name: 'list.csv' })).toBeInTheDocument();
    expect(await screen.findByText(/semicolon separated/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Choose another file' }));
    expect(screen.getByLabelText('CSV file')).toBeInTheDocument();
  });

  it('follows the import named in the address', async () => {
    mockApi({ 'GET /api/v1/contacts/imports/i1': () => ok(contactImport()) });
    renderWithProviders(<ImportWizard />, { route: '/contacts/import?id=i1' });
    expect(await screen.findByRole('heading', { name: 'Import finished' })).toBeInTheDocument();
  });
});
