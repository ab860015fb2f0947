/** People and users lists: all rows, or stable pages by name with a cursor, filtered by name. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestContext } from '../helpers.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
  for (const name of ['Zoë Costa', 'Ada Okafor', 'Ben Müller', 'Ada Schmidt', 'Chen Wei']) {
    await ctx.app.inject({ method: 'POST', url: '/api/v1/people', headers: ctx.admin.auth, payload: { name } });
  }
  for (const role of ['pmo', 'finance', 'member'] as const) await ctx.user(role);
});
afterAll(async () => ctx.close());

async function pages(url: string, limit: number, key: string) {
  const names: string[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 20; guard++) {
    const res: Awaited<ReturnType<typeof ctx.app.inject>> = await ctx.app.inject({ method: 'GET', url: `${url}?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, headers: ctx.admin.auth });
    expect(res.statusCode).toBe(200);
    const body: { items: Record<string, string>[]; nextCursor: string | null } = json(res);
    names.push(...body.items.map((i) => i[key]!));
    cursor = body.nextCursor;
    if (!cursor) break;
  }
  return names;
}

describe('lists sorted by name', () => {
  it('pages people by name and returns them all without a limit', async () => {
    const all = json(await ctx.app.inject({ method: 'GET', url: '/api/v1/people', headers: ctx.admin.auth }));
    expect(all.nextCursor).toBeNull();
    expect(all.items.map((p: { name: string }) => p.name)).toEqual(['Ada Okafor', 'Ada Schmidt', 'Ben Müller', 'Chen Wei', 'Zoë Costa']);
    expect(await pages('/api/v1/people', 2, 'name')).toEqual(['Ada Okafor', 'Ada Schmidt', 'Ben Müller', 'Chen Wei', 'Zoë Costa']);
    const ada = json(await ctx.app.inject({ method: 'GET', url: '/api/v1/people?q=ada', headers: ctx.admin.auth }));
    expect(ada.items).toHaveLength(2);
  });

  it('pages users by username and refuses a foreign cursor', async () => {
    const all = json(await ctx.app.inject({ method: 'GET', url: '/api/v1/users', headers: ctx.admin.auth })).items.map((u: { username: string }) => u.username);
    expect(await pages('/api/v1/users', 1, 'username')).toEqual(all);
    const people = json(await ctx.app.inject({ method: 'GET', url: '/api/v1/people?limit=1', headers: ctx.admin.auth }));
    const bad = await ctx.app.inject({ method: 'GET', url: `/api/v1/users?limit=1&cursor=${people.nextCursor}`, headers: ctx.admin.auth });
    expect(bad.statusCode).toBe(400);
    expect(json(bad).code).toBe('invalid_cursor');
  });
});
