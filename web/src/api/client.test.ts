import { describe, expect, it } from 'vitest';
import createClient from 'openapi-fetch';
import type { paths } from './schema';
import { ApiError, apiMiddleware, setCsrfToken } from './client';

function clientReturning(res: () => Response, seen: Request[]) {
  const c = createClient<paths>({ baseUrl: 'http://pmo.test', fetch: async (req: Request) => { seen.push(req); return res(); } });
  c.use(apiMiddleware);
  return c;
}

describe('apiMiddleware', () => {
  it('adds x-csrf-token to writes but not to reads', async () => {
    setCsrfToken('tok-1');
    const seen: Request[] = [];
    const c = clientReturning(() => new Response(JSON.stringify({ items: [] }), { status: 200, headers: { 'content-type': 'application/json' } }), seen);
    await c.GET('/api/v1/me/tokens');
    await c.POST('/api/v1/me/tokens', { body: { name: 'x', scopes: ['read'] } });
    expect(seen[0]!.headers.get('x-csrf-token')).toBeNull();
    expect(seen[1]!.headers.get('x-csrf-token')).toBe('tok-1');
    setCsrfToken(null);
  });
  it('turns problem+json into an ApiError with field errors', async () => {
    const problem = { type: 'about:blank', title: 'Validation failed', status: 400, code: 'validation_failed', errors: [{ path: 'body.name', message: 'Required' }] };
    const c = clientReturning(() => new Response(JSON.stringify(problem), { status: 400, headers: { 'content-type': 'application/problem+json' } }), []);
    const err = await c.POST('/api/v1/projects', { body: { name: '', portfolioId: 'p' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('validation_failed');
    expect((err as ApiError).fieldMessage('name')).toBe('Required');
    expect((err as ApiError).fieldMessage('portfolioId')).toBeUndefined();
  });
  it('copes with a non-JSON error body', async () => {
    const c = clientReturning(() => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }), []);
    const err = (await c.GET('/api/v1/me/tokens').catch((e: unknown) => e)) as ApiError;
    expect(err.status).toBe(502);
    expect(err.code).toBe('http_502');
  });
});
