import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../api/errors';
import { jsonResponse, mockApi, renderWithProviders } from '../../../test/render';
import { uploadImportFile } from '../api/upload';
import { ImportPreviewStep } from './import-preview-step';

vi.mock('../api/upload', () => ({ uploadImportFile: vi.fn() }));

const CSV = 'name,phone,notes\nAda Lovelace,+2348031234567,likes maths\nBad,12,\n';
const ok = (data: unknown) => jsonResponse(200, { success: true, data });

function preview(notesTarget: 'attribute' | 'ignore' = 'attribute') {
  return {
    encoding: 'UTF-8',
    delimiter: ',',
    headers: ['name', 'phone', 'notes'],
    defaultCountry: 'NG',
    mapping: [
      { index: 0, header: 'name', target: 'name', attributeKey: null },
      { index: 1, header: 'phone', target: 'phone', attributeKey: null },
      {
        index: 2,
        header: 'notes',
        target: notesTarget,
        attributeKey: notesTarget === 'attribute' ? 'notes' : null,
      },
    ],
    rows: [
      {
        rowNumber: 2,
        cells: ['Ada Lovelace', '+2348031234567', 'likes maths'],
        name: 'Ada Lovelace',
        phone: '+2348031234567',
        email: null,
        tags: [],
        attributes: notesTarget === 'attribute' ? { notes: 'likes maths' } : {},
        error: null,
      },
      {
        rowNumber: 3,
        cells: ['Bad', '12', ''],
        name: 'Bad',
        phone: null,
        email: null,
        tags: [],
        attributes: {},
        error: 'phone: is not a valid number',
      },
    ],
  };
}

function csvFile() {
  return new File([CSV], 'contacts.csv', { type: 'text/csv' });
}

function previewRequests(requests: Request[]) {
  return requests
    .filter((r) => new URL(r.url).pathname === '/api/v1/contacts/imports/preview')
    .map((r) => new URL(r.url).searchParams);
}

describe('ImportPreviewStep', () => {
  beforeEach(() => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.mocked(uploadImportFile).mockReset();
  });

  it('sends the file, then shows its format, a target per column and the first rows', async () => {
    const { requests } = mockApi({
      'POST /api/v1/contacts/imports/preview': () => ok(preview()),
    });
    renderWithProviders(
      <ImportPreviewStep file={csvFile()} onBack={() => {}} onStarted={() => {}} />,
    );

    expect(await screen.findByRole('combobox', { name: 'Import name as' })).toHaveValue(
      'Full name',
    );
    expect(screen.getByRole('combobox', { name: 'Import phone as' })).toHaveValue('Phone');
    expect(screen.getByRole('combobox', { name: 'Import notes as' })).toHaveValue(
      'Custom attribute',
    );
    expect(screen.getByTestId('file-format')).toHaveTextContent('UTF-8 · comma separated');
    const rows = screen.getByRole('table', { name: 'Preview rows' });
    expect(within(rows).getByText('+2348031234567')).toBeInTheDocument();
    expect(within(rows).getByText('notes: likes maths')).toBeInTheDocument();
    expect(within(rows).getByText('Rejected: phone: is not a valid number')).toBeInTheDocument();
    expect(screen.getByLabelText(/Default country/)).toHaveValue('NG');

    const first = requests[0]!;
    expect(first.headers.get('Content-Type')).toBe('text/csv');
    expect(first.headers.get('X-XSRF-TOKEN')).toBe('t');
    expect(await first.text()).toBe(CSV);
    expect(new URL(first.url).searchParams.has('mapping')).toBe(false);
  });

  it('asks for a new preview with the chosen mapping when a target changes', async () => {
    const { requests } = mockApi({
      'POST /api/v1/contacts/imports/preview': (r) =>
        ok(preview(new URL(r.url).searchParams.has('mapping') ? 'ignore' : 'attribute')),
    });
    const user = userEvent.setup();
    renderWithProviders(
      <ImportPreviewStep file={csvFile()} onBack={() => {}} onStarted={() => {}} />,
    );

    await user.click(await screen.findByRole('combobox', { name: 'Import notes as' }));
    await user.click(await screen.findByRole('option', { name: 'Ignore' }));

    await waitFor(() => expect(previewRequests(requests)).toHaveLength(2));
    expect(JSON.parse(previewRequests(requests)[1]!.get('mapping')!)).toEqual([
      { index: 0, target: 'name', attributeKey: null },
      { index: 1, target: 'phone', attributeKey: null },
      { index: 2, target: 'ignore', attributeKey: 'notes' },
    ]);
    const rows = screen.getByRole('table', { name: 'Preview rows' });
    await waitFor(() => expect(within(rows).queryByText('notes: likes maths')).toBeNull());
    expect(screen.getByRole('combobox', { name: 'Import notes as' })).toHaveValue('Ignore');
  });

  it('will not import without a phone column', async () => {
    mockApi({ 'POST /api/v1/contacts/imports/preview': () => ok(preview()) });
    const user = userEvent.setup();
    renderWithProviders(
      <ImportPreviewStep file={csvFile()} onBack={() => {}} onStarted={() => {}} />,
    );

    await user.click(await screen.findByRole('combobox', { name: 'Import phone as' }));
    await user.click(await screen.findByRole('option', { name: 'Email' }));
    expect(await screen.findByText(/Map one column to Phone/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Import' })).toBeDisabled();
  });

  it('shows why a file cannot be read', async () => {
    mockApi({
      'POST /api/v1/contacts/imports/preview': () =>
        jsonResponse(400, {
          success: false,
          error: {
            code: 'invalid_file',
            message: 'This file is not a CSV text file (it holds binary data).',
            details: [],
          },
        }),
    });
    renderWithProviders(
      <ImportPreviewStep file={csvFile()} onBack={() => {}} onStarted={() => {}} />,
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This file is not a CSV text file (it holds binary data).',
    );
  });

  it('says what is wrong with an empty file', async () => {
    mockApi({
      'POST /api/v1/contacts/imports/preview': () =>
        jsonResponse(400, {
          success: false,
          error: {
            code: 'validation_failed',
            message: 'Validation failed',
            details: [{ field: 'file', message: 'is empty' }],
          },
        }),
    });
    renderWithProviders(
      <ImportPreviewStep file={csvFile()} onBack={() => {}} onStarted={() => {}} />,
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('The file is empty');
  });

  it('shows why the import did not start, e.g. a file above the upload limit', async () => {
    mockApi({ 'POST /api/v1/contacts/imports/preview': () => ok(preview()) });
    vi.mocked(uploadImportFile).mockRejectedValue(
      new ApiError(413, 'payload_too_large', 'The file is larger than 200 MB'),
    );
    const onStarted = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(
      <ImportPreviewStep file={csvFile()} onBack={() => {}} onStarted={onStarted} />,
    );

    await screen.findByRole('table', { name: 'Preview rows' });
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText('The file is larger than 200 MB')).toBeInTheDocument();
    expect(onStarted).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Import' })).toBeEnabled();
  });

  it('uploads the whole file with the options and shows the upload progress', async () => {
    mockApi({ 'POST /api/v1/contacts/imports/preview': () => ok(preview()) });
    let finish: (value: unknown) => void = () => {};
    vi.mocked(uploadImportFile).mockImplementation((_file, _query, onProgress) => {
      onProgress({ loaded: 25, total: 100 });
      return new Promise((resolve) => {
        finish = resolve as (value: unknown) => void;
      });
    });
    const onStarted = vi.fn();
    const user = userEvent.setup();
    const file = csvFile();
    renderWithProviders(<ImportPreviewStep file={file} onBack={() => {}} onStarted={onStarted} />);

    await screen.findByRole('table', { name: 'Preview rows' });
    await user.click(screen.getByRole('radio', { name: /Skip existing/ }));
    await user.type(screen.getByPlaceholderText('Type a tag and press Enter'), 'lagos{Enter}');
    await user.click(screen.getByRole('button', { name: 'Import' }));

    expect(await screen.findByText('Uploading… 25%')).toBeInTheDocument();
    const [sent, query] = vi.mocked(uploadImportFile).mock.calls[0]!;
    expect(sent).toBe(file);
    expect(query.get('filename')).toBe('contacts.csv');
    expect(query.get('onExisting')).toBe('skip');
    expect(query.get('tags')).toBe('lagos');
    expect(query.has('mapping')).toBe(false);

    finish({ id: 'i1', status: 'queued' });
    await waitFor(() => expect(onStarted).toHaveBeenCalledWith({ id: 'i1', status: 'queued' }));
  });
});
