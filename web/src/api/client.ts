import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { toApiError } from './errors';
import type { paths } from './schema';

export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_HEADER = 'X-XSRF-TOKEN';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

export interface ApiClientOptions {
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
}

export function createApiClient(options: ApiClientOptions = {}): Client<paths> {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const client = createClient<paths>({ baseUrl, credentials: 'include', fetch: doFetch });

  // Spring sets the XSRF-TOKEN cookie; writes must echo it. If the cookie is missing (fresh
  // browser, or rotated away at sign-in), ask for it once before the write.
  async function csrfToken(): Promise<string | undefined> {
    const existing = readCookie(CSRF_COOKIE);
    if (existing) return existing;
    try {
      const res = await doFetch(
        new Request(`${baseUrl}/api/v1/auth/csrf`, { credentials: 'include' }),
      );
      const body: unknown = await res.json().catch(() => undefined);
      const fromCookie = readCookie(CSRF_COOKIE);
      if (fromCookie) return fromCookie;
      const data = (body as { data?: { token?: unknown } } | undefined)?.data;
      return typeof data?.token === 'string' ? data.token : undefined;
    } catch {
      return undefined;
    }
  }

  const csrf: Middleware = {
    async onRequest({ request }) {
      if (SAFE_METHODS.has(request.method.toUpperCase())) return request;
      const token = await csrfToken();
      if (token) request.headers.set(CSRF_HEADER, token);
      return request;
    },
  };
  client.use(csrf);
  return client;
}

export const api = createApiClient();

/** Makes sure the CSRF cookie exists before the first write; called once on app start. */
export async function ensureCsrfCookie(): Promise<void> {
  if (readCookie(CSRF_COOKIE)) return;
  await api.GET('/api/v1/auth/csrf').catch(() => undefined);
}

type ApiResult<E> = { data?: E; error?: unknown; response: Response };

/**
 * Awaits an openapi-fetch call and returns the envelope's `data`, or throws an ApiError built from
 * the error envelope (status 0 when the server could not be reached).
 */
// The envelope's `data`: null only where the API never sends any (e.g. DELETE).
type EnvelopeData<E> = E extends { data?: infer D }
  ? [NonNullable<D>] extends [never]
    ? null
    : NonNullable<D>
  : null;

export async function unwrap<E extends object>(
  call: Promise<ApiResult<E>>,
): Promise<EnvelopeData<E>> {
  let result: ApiResult<E>;
  try {
    result = await call;
  } catch (err) {
    console.warn('API request failed', err);
    throw toApiError(0, undefined);
  }
  if (!result.response.ok || result.error !== undefined) {
    throw toApiError(result.response.status, result.error);
  }
  return ((result.data as { data?: unknown } | undefined)?.data ?? null) as EnvelopeData<E>;
}
