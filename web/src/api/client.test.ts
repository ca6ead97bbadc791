import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApiClient, unwrap } from './client';
import { ApiError, fieldErrors } from './errors';

function clearCookies() {
  for (const c of document.cookie.split(';')) {
    const name = c.split('=')[0]?.trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  }
}

const ok = (data: unknown, status = 200) =>
  new Response(JSON.stringify({ success: true, data }), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('api client', () => {
  beforeEach(clearCookies);
  afterEach(clearCookies);

  it('sends the XSRF-TOKEN cookie back as X-XSRF-TOKEN on writes but not on reads', async () => {
    document.cookie = 'XSRF-TOKEN=tok%2Fen-123; path=/';
    const seen: Request[] = [];
    const fetch = vi.fn(async (req: Request) => {
      seen.push(req);
      return ok({ id: 'k1', name: 'n', prefix: 'wdx_ab', key: 'secret', createdAt: 'now' }, 201);
    });
    const client = createApiClient({ baseUrl: 'http://localhost', fetch: fetch as never });

    await client.GET('/api/v1/api-keys');
    await client.POST('/api/v1/api-keys', { body: { name: 'n' } });
    await client.DELETE('/api/v1/api-keys/{id}', { params: { path: { id: 'k1' } } });

    expect(seen.map((r) => [r.method, r.headers.get('X-XSRF-TOKEN')])).toEqual([
      ['GET', null],
      ['POST', 'tok/en-123'],
      ['DELETE', 'tok/en-123'],
    ]);
    expect(seen.every((r) => r.credentials === 'include')).toBe(true);
  });

  it('fetches a CSRF token first when the cookie is missing', async () => {
    const seen: string[] = [];
    const fetch = vi.fn(async (req: Request) => {
      seen.push(`${req.method} ${new URL(req.url).pathname} ${req.headers.get('X-XSRF-TOKEN')}`);
      if (req.url.endsWith('/api/v1/auth/csrf')) return ok({ token: 'fresh' });
      return ok(null);
    });
    const client = createApiClient({ baseUrl: 'http://localhost', fetch: fetch as never });

    await client.POST('/api/v1/auth/logout');

    expect(seen).toEqual(['GET /api/v1/auth/csrf null', 'POST /api/v1/auth/logout fresh']);
  });

  it('unwraps data and turns the error envelope into an ApiError with field details', async () => {
    const fetch = vi.fn(async (req: Request) =>
      req.method === 'GET'
        ? ok({ items: [], nextCursor: null })
        : new Response(
            JSON.stringify({
              success: false,
              error: {
                code: 'validation_failed',
                message: 'Some fields are invalid',
                details: [{ field: 'name', message: 'must not be blank' }],
              },
            }),
            { status: 400, headers: { 'Content-Type': 'application/json' } },
          ),
    );
    const client = createApiClient({ baseUrl: 'http://localhost', fetch: fetch as never });

    await expect(unwrap(client.GET('/api/v1/api-keys'))).resolves.toEqual({
      items: [],
      nextCursor: null,
    });
    const err = await unwrap(client.POST('/api/v1/api-keys', { body: { name: '' } })).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(400);
    expect((err as ApiError).message).toBe('Some fields are invalid');
    expect(fieldErrors(err)).toEqual({ name: 'must not be blank' });
  });

  it('reports an unreachable server as status 0 with a readable message', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('fetch failed');
    });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const client = createApiClient({ baseUrl: 'http://localhost', fetch: fetch as never });
    const err = (await unwrap(client.GET('/api/v1/auth/me')).catch((e: unknown) => e)) as ApiError;
    expect(err.status).toBe(0);
    expect(err.message).toMatch(/cannot reach the server/i);
  });
});
