import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestContext } from '../helpers.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({ loginRateLimit: { max: 5, timeWindow: 60_000 } });
});
afterAll(async () => ctx.close());

const login = (username: string, password: string) => ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress: `10.0.0.${username.length}` });

describe('login and sessions', () => {
  it('rejects a wrong password with 401 invalid_credentials and no cookie', async () => {
    const res = await login('admin', 'wrong-password');
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(json(res).code).toBe('invalid_credentials');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('logs in with an httpOnly SameSite session cookie and needs the CSRF token for writes', async () => {
    const res = await login('admin', ctx.admin.password);
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/pmo_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const { csrfToken, user } = json(res);
    expect(user.username).toBe('admin');
    expect(user).not.toHaveProperty('passwordHash');
    const session = cookie.split(';')[0]!;

    const me = await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: session } });
    expect(me.statusCode).toBe(200);
    expect(json(me).csrfToken).toBe(csrfToken);

    const noCsrf = await ctx.app.inject({ method: 'POST', url: '/api/v1/portfolios', headers: { cookie: session }, payload: { name: 'No CSRF' } });
    expect(noCsrf.statusCode).toBe(403);
    expect(json(noCsrf).code).toBe('csrf_failed');
    const withCsrf = await ctx.app.inject({ method: 'POST', url: '/api/v1/portfolios', headers: { cookie: session, 'x-csrf-token': csrfToken }, payload: { name: 'With CSRF' } });
    expect(withCsrf.statusCode).toBe(201);

    const out = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: session, 'x-csrf-token': csrfToken } });
    expect(out.statusCode).toBe(204);
    const after = await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: session } });
    expect(after.statusCode).toBe(401);
  });

  it('rate-limits repeated logins with 429 rate_limited', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await login('nobody', 'x')).statusCode);
    expect(codes.slice(0, 5).every((c) => c === 401)).toBe(true);
    expect(codes[6]).toBe(429);
  });
});

describe('personal API tokens', () => {
  it('creates a token shown once, stores only its hash, and revokes it', async () => {
    const created = await ctx.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: ctx.admin.auth, payload: { name: 'script', scopes: ['read'] } });
    expect(created.statusCode).toBe(201);
    const { token, secret } = json(created);
    expect(secret).toMatch(/^pmo_[A-Za-z0-9]{8}_/);
    expect(token.prefix).toBe(secret.slice(4, 12));
    const stored = await ctx.database.db.selectFrom('api_tokens').selectAll().where('id', '=', token.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(secret);
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);

    const list = json(await ctx.app.inject({ method: 'GET', url: '/api/v1/me/tokens', headers: ctx.admin.auth }));
    expect(JSON.stringify(list)).not.toContain(secret);

    const read = await ctx.app.inject({ method: 'GET', url: '/api/v1/projects', headers: { authorization: `Bearer ${secret}` } });
    expect(read.statusCode).toBe(200);
    const write = await ctx.app.inject({ method: 'POST', url: '/api/v1/portfolios', headers: { authorization: `Bearer ${secret}` }, payload: { name: 'read only' } });
    expect(write.statusCode).toBe(403);
    expect(json(write).code).toBe('insufficient_scope');

    const revoke = await ctx.app.inject({ method: 'DELETE', url: `/api/v1/me/tokens/${token.id}`, headers: ctx.admin.auth });
    expect(revoke.statusCode).toBe(204);
    const after = await ctx.app.inject({ method: 'GET', url: '/api/v1/projects', headers: { authorization: `Bearer ${secret}` } });
    expect(after.statusCode).toBe(401);
    expect(json(after).code).toBe('invalid_token');
  });

  it('rejects malformed Authorization headers with 401', async () => {
    for (const authorization of ['Basic abc', 'Bearer', 'Bearer pmo_short']) {
      const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/projects', headers: { authorization } });
      expect(res.statusCode).toBe(401);
    }
  });

  it('stores passwords as argon2id hashes', async () => {
    const u = await ctx.database.db.selectFrom('users').select('password_hash').where('username', '=', 'admin').executeTakeFirstOrThrow();
    expect(u.password_hash).toMatch(/^\$argon2id\$/);
  });
});
