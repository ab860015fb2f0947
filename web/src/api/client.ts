/** The one typed API client: openapi-fetch + a middleware for CSRF and problem+json errors. */
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/** One field error from a problem-details `errors` array. */
export interface FieldError {
  path: string;
  message: string;
}

/** RFC 9457 problem details turned into an Error; `code` is the API's stable error code. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly fieldErrors: FieldError[];
  constructor(status: number, body: { code?: string; title?: string; detail?: string; errors?: FieldError[] }) {
    super(body.detail ?? body.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code ?? `http_${status}`;
    this.title = body.title ?? `HTTP ${status}`;
    this.detail = body.detail;
    this.fieldErrors = Array.isArray(body.errors) ? body.errors : [];
  }
  /** Message for a field path like `name` or `body.name` (the API may prefix with the location). */
  fieldMessage(field: string): string | undefined {
    return this.fieldErrors.find((e) => e.path === field || e.path.endsWith(`.${field}`) || e.path.endsWith(`/${field}`))?.message;
  }
}

let csrfToken: string | null = null;

/** Remembers the CSRF token from login or GET /auth/me; sent on every write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The CSRF header for writes sent without the typed client (file uploads). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

/** Listeners told when any request comes back 401 (session expired). */
const unauthenticatedListeners = new Set<() => void>();
/** Subscribes to "the session is gone"; returns an unsubscribe function. */
export function onUnauthenticated(fn: () => void): () => void {
  unauthenticatedListeners.add(fn);
  return () => unauthenticatedListeners.delete(fn);
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Adds x-csrf-token to writes and throws ApiError for any non-2xx response. */
export const apiMiddleware: Middleware = {
  onRequest({ request }) {
    if (csrfToken && WRITE_METHODS.has(request.method)) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
  async onResponse({ response, request }) {
    if (response.ok) return response;
    let body: Record<string, unknown> = {};
    try {
      body = (await response.clone().json()) as Record<string, unknown>;
    } catch {
      body = { title: response.statusText };
    }
    if (response.status === 401 && !request.url.endsWith('/auth/login')) {
      for (const fn of unauthenticatedListeners) fn();
    }
    throw new ApiError(response.status, body);
  },
};

/** The API client; paths are typed from web/src/api/schema.d.ts. */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(apiMiddleware);

/** Awaits an openapi-fetch call and returns its data (errors already threw in the middleware). */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const res = await call;
  if (res.error !== undefined && res.error !== null) throw new ApiError(res.response.status, res.error as object);
  return res.data as T;
}

/** If-Match header value for a resource version. */
export function ifMatch(version: number): { 'If-Match': string } {
  return { 'If-Match': `"${version}"` };
}
