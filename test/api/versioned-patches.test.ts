/**
 * PATCH of portfolios, programs and people: the fields sent change and the others stay, the version moves on and
 * is the new ETag, one audit row is written; a stale version is 409 version_conflict and changes nothing; an
 * unknown id is 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestContext } from '../helpers.js';

let ctx: TestContext;
let portfolioId = '';
beforeAll(async () => {
  ctx = await createTestApp();
  portfolioId = json(await ctx.app.inject({ method: 'POST', url: '/api/v1/portfolios', headers: ctx.admin.auth, payload: { name: 'Programs home' } })).id;
});
afterAll(async () => ctx.close());
let n = 0;

const cases: Array<{ entityType: string; path: string; create: () => object; patch: object; expected: object; second: () => object }> = [
  { entityType: 'portfolio', path: '/portfolios', create: () => ({ name: `Versioned portfolio ${++n}`, description: 'kept', ownerId: ctx.admin.id }), patch: { description: 'changed', ownerId: null }, expected: { description: 'changed', ownerId: null }, second: () => ({ name: `Second portfolio ${++n}` }) },
  { entityType: 'program', path: '/programs', create: () => ({ portfolioId, name: `Versioned program ${++n}`, description: 'kept' }), patch: { description: 'changed' }, expected: { description: 'changed' }, second: () => ({ name: `Second program ${++n}` }) },
  { entityType: 'person', path: '/people', create: () => ({ name: 'Versioned person', email: 'vp@example.com', title: 'Engineer' }), patch: { title: null, active: false }, expected: { name: 'Versioned person', email: 'vp@example.com', title: null, active: false }, second: () => ({ title: 'Second title' }) },
];

describe.each(cases)('PATCH $path/{id}', ({ entityType, path, create, patch, expected, second }) => {
  it('changes what is sent, keeps the rest, moves the version on and writes one audit row', async () => {
    const made = json(await ctx.app.inject({ method: 'POST', url: `/api/v1${path}`, headers: ctx.admin.auth, payload: create() }));
    expect(made.version).toBe(1);
    const res = await ctx.app.inject({ method: 'PATCH', url: `/api/v1${path}/${made.id}`, headers: ctx.admin.auth, payload: { ...patch, version: 1 } });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject({ ...expected, id: made.id, name: made.name, version: 2 });
    expect(res.headers.etag).toBe('"2"');
    // The version may come as If-Match instead of in the body.
    const next = second();
    const again = await ctx.app.inject({ method: 'PATCH', url: `/api/v1${path}/${made.id}`, headers: { ...ctx.admin.auth, 'if-match': '"2"' }, payload: next });
    expect(json(again)).toMatchObject({ ...expected, ...next, version: 3 });
    const audit = await ctx.database.db.selectFrom('audit_log').select('action').where('entity_type', '=', entityType).where('entity_id', '=', made.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['created', 'updated', 'updated']);
  });

  it('refuses a stale version with 409 version_conflict and changes nothing', async () => {
    const made = json(await ctx.app.inject({ method: 'POST', url: `/api/v1${path}`, headers: ctx.admin.auth, payload: create() }));
    const next = second();
    expect((await ctx.app.inject({ method: 'PATCH', url: `/api/v1${path}/${made.id}`, headers: ctx.admin.auth, payload: { ...next, version: 1 } })).statusCode).toBe(200);
    const stale = await ctx.app.inject({ method: 'PATCH', url: `/api/v1${path}/${made.id}`, headers: ctx.admin.auth, payload: { ...patch, version: 1 } });
    expect(stale.statusCode).toBe(409);
    expect(json(stale).code).toBe('version_conflict');
    const audit = await ctx.database.db.selectFrom('audit_log').select('action').where('entity_type', '=', entityType).where('entity_id', '=', made.id).execute();
    expect(audit).toHaveLength(2);
    const list = json(await ctx.app.inject({ method: 'GET', url: `/api/v1${path}`, headers: ctx.admin.auth }));
    expect(list.items.find((i: { id: string }) => i.id === made.id)).toMatchObject({ ...next, version: 2 });
  });

  it('answers 404 for an id that does not exist', async () => {
    const res = await ctx.app.inject({ method: 'PATCH', url: `/api/v1${path}/00000000-0000-4000-8000-000000000000`, headers: ctx.admin.auth, payload: { ...second(), version: 1 } });
    expect(res.statusCode).toBe(404);
  });
});
