import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, mockApi, renderWithProviders } from '../../../test/render';
import { TemplateEditor } from './template-editor';

const WELCOME = {
  id: 't1',
  name: 'Welcome',
  category: 'utility',
  body: 'Hi {{ first_name | there }}',
  media: { kind: 'image', url: 'https://example.com/a.jpg' },
  meta: { name: 'welcome', language: 'en', parameters: ['{{first_name}}'] },
  variables: ['first_name'],
  createdAt: '2026-01-02T03:04:05Z',
  updatedAt: '2026-01-02T03:04:05Z',
};

const ok = (data: unknown) => jsonResponse(200, { success: true, data });

function renderAt(id: string) {
  return renderWithProviders(
    <Routes>
      <Route path="/templates" element={<p>The list</p>} />
      <Route path="/templates/:id" element={<TemplateEditor id={id} />} />
    </Routes>,
    { route: `/templates/${id}` },
  );
}

describe('TemplateEditor', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('loads a template into the form and goes back to the list once saved', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    const { requests } = mockApi({
      'GET /api/v1/templates/t1': () => ok(WELCOME),
      'GET /api/v1/contacts': () => ok({ items: [], nextCursor: null }),
      'POST /api/v1/templates/render': () =>
        ok({ text: 'Hi there', variables: ['first_name'], missing: ['first_name'], spins: false }),
      'PUT /api/v1/templates/t1': () => ok(WELCOME),
    });
    const user = userEvent.setup();
    renderAt('t1');

    expect(await screen.findByRole('heading', { name: 'Welcome' })).toBeInTheDocument();
    expect(screen.getByLabelText(/^Message/)).toHaveValue('Hi {{ first_name | there }}');
    expect(screen.getByLabelText(/^Media URL/)).toHaveValue('https://example.com/a.jpg');
    expect(screen.getByLabelText('Parameter 1')).toHaveValue('{{first_name}}');
    expect(await screen.findByTestId('preview-text')).toHaveTextContent('Hi there');

    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('The list')).toBeInTheDocument();
    const put = requests.find((r) => r.method === 'PUT');
    expect(await put?.json()).toEqual({
      name: 'Welcome',
      category: 'utility',
      body: 'Hi {{ first_name | there }}',
      media: { kind: 'image', url: 'https://example.com/a.jpg' },
      meta: { name: 'welcome', language: 'en', parameters: ['{{first_name}}'] },
    });
  });

  it('says when the template does not exist', async () => {
    mockApi({
      'GET /api/v1/templates/gone': () =>
        jsonResponse(404, {
          success: false,
          error: { code: 'not_found', message: 'Template not found', details: [] },
        }),
    });
    renderAt('gone');
    expect(await screen.findByText('Template not found')).toBeInTheDocument();
    expect(screen.getByText(/may have been deleted/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '← Templates' })).toHaveAttribute('href', '/templates');
  });
});
