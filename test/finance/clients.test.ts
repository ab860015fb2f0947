/**
 * Changing a client through the API: version-checked (409 stale, 428 without a version), 404 for an unknown id,
 * problem+json on bad fields, officers only, an audit row; and invoices keep the buyer they were issued with.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestContext } from '../helpers.js';
import { buildFinanceWorld, buyer, call, workWeek, type FinanceWorld } from './finance-world.js';

let ctx: TestContext;
let w: FinanceWorld;
beforeAll(async () => {
  ctx = await createTestApp();
  w = await buildFinanceWorld(ctx);
  for (const monday of ['2026-11-02', '2026-11-09']) {
    const week = `/timesheets/${w.personId}/weeks/${monday}`;
    await call(ctx, w.worker, 'PUT', `${week}/entries`, { entries: workWeek(w, monday, 480) }, 200);
    const sub = json(await call(ctx, w.worker, 'POST', `${week}/submit`, undefined, 200));
    await call(ctx, w.pm, 'POST', '/time-entries/approve', { ids: sub.entries.map((e: { id: string }) => e.id) }, 200);
  }
});
afterAll(async () => ctx.close());

const moved = { ...buyer, name: 'Gemeente Nieuwstad', vatId: 'NL111222333B01', address: { street: 'Marktplein 9', city: 'Amersfoort', postalCode: '3811 LE', countryCode: 'NL' } };

describe('changing a client', () => {
  it('changes the party and currency at the current version, answers the new version and writes an audit row', async () => {
    const created = await call(ctx, w.finance, 'POST', '/clients', { party: { ...buyer, name: 'Stichting Tijdelijk' }, currency: 'EUR' }, 201);
    expect(created.headers.etag).toBe('"1"');
    const c = json(created);
    const res = await call(ctx, w.finance, 'PATCH', `/clients/${c.id}`, { party: { ...moved, name: 'Stichting Blijvend' }, currency: 'USD' }, 200, { 'if-match': '"1"' });
    expect(res.headers.etag).toBe('"2"');
    expect(json(res)).toMatchObject({ id: c.id, name: 'Stichting Blijvend', currency: 'USD', version: 2, party: { name: 'Stichting Blijvend', vatId: 'NL111222333B01', address: { city: 'Amersfoort' } } });
    // Only the currency: the party stays as it was (version in the body instead of If-Match).
    const res2 = json(await call(ctx, w.finance, 'PATCH', `/clients/${c.id}`, { currency: 'GBP', version: 2 }, 200));
    expect(res2).toMatchObject({ name: 'Stichting Blijvend', currency: 'GBP', version: 3, party: { address: { city: 'Amersfoort' } } });
    const listed = json(await call(ctx, w.pm, 'GET', '/clients', undefined, 200)).items.find((x: { id: string }) => x.id === c.id);
    expect(listed).toMatchObject({ name: 'Stichting Blijvend', currency: 'GBP', version: 3 });
    const audit = await ctx.database.db.selectFrom('audit_log').select(['action', 'actor_id', 'before', 'after']).where('entity_type', '=', 'client').where('entity_id', '=', c.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['created', 'updated', 'updated']);
    expect(audit[1]).toMatchObject({ actor_id: w.finance.id, before: { name: 'Stichting Tijdelijk', currency: 'EUR', version: 1 }, after: { name: 'Stichting Blijvend', currency: 'USD', version: 2 } });
  });

  it('answers 409 to a stale version, 428 without one and 404 for an unknown client, changing nothing', async () => {
    const c = json(await call(ctx, w.finance, 'POST', '/clients', { party: { ...buyer, name: 'Raced Client' } }, 201));
    await call(ctx, w.finance, 'PATCH', `/clients/${c.id}`, { currency: 'USD', version: 1 }, 200);
    const stale = await call(ctx, w.finance, 'PATCH', `/clients/${c.id}`, { party: { ...buyer, name: 'Lost Update' }, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(json(stale).code).toBe('version_conflict');
    const none = await call(ctx, w.finance, 'PATCH', `/clients/${c.id}`, { currency: 'CHF' });
    expect(none.statusCode).toBe(428);
    const unknown = await call(ctx, w.finance, 'PATCH', '/clients/00000000-0000-4000-8000-000000000000', { currency: 'CHF', version: 1 });
    expect(unknown.statusCode).toBe(404);
    expect(json(unknown).code).toBe('not_found');
    const row = await ctx.database.db.selectFrom('clients').select(['name', 'currency', 'version']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect({ ...row, currency: row.currency.trim() }).toEqual({ name: 'Raced Client', currency: 'USD', version: 2 });
  });

  it('refuses bad fields with 400 problem+json naming the field', async () => {
    const c = json(await call(ctx, w.finance, 'POST', '/clients', { party: { ...buyer, name: 'Strict Client' } }, 201));
    const bad = [
      [{ currency: 'euro', version: 1 }, 'currency'],
      [{ party: { ...buyer, vatId: 'not a vat id' }, version: 1 }, 'party.vatId'],
      [{ party: { ...buyer, address: { ...buyer.address, countryCode: 'Netherlands' } }, version: 1 }, 'party.address.countryCode'],
      [{ party: { ...buyer, name: '' }, version: 1 }, 'party.name'],
      [{ name: 'no such field', version: 1 }, ''],
    ] as const;
    for (const [payload, path] of bad) {
      const res = await call(ctx, w.finance, 'PATCH', `/clients/${c.id}`, payload);
      expect({ payload, status: res.statusCode }).toEqual({ payload, status: 400 });
      expect(res.headers['content-type']).toContain('application/problem+json');
      const body = json(res);
      expect(body.code).toBe('validation_failed');
      if (path) expect(body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const row = await ctx.database.db.selectFrom('clients').select(['name', 'version']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'Strict Client', version: 1 });
  });

  it('lets only those who may add clients change them', async () => {
    const c = json(await call(ctx, w.finance, 'POST', '/clients', { party: { ...buyer, name: 'Guarded Client' } }, 201));
    const pmo = await ctx.user('pmo');
    for (const u of [w.pm, w.worker, pmo]) {
      const res = await call(ctx, u, 'PATCH', `/clients/${c.id}`, { currency: 'USD', version: 1 });
      expect(res.statusCode).toBe(403);
      expect((await call(ctx, u, 'POST', '/clients', { party: { ...buyer, name: 'Not allowed' } })).statusCode).toBe(403);
    }
    expect(json(await call(ctx, ctx.admin, 'PATCH', `/clients/${c.id}`, { currency: 'USD', version: 1 }, 200)).version).toBe(2);
  });

  it('leaves an issued invoice, its PDF and its UBL as issued; a new draft bills the changed client', async () => {
    const draft = json(await call(ctx, w.finance, 'POST', '/invoices', { projectId: w.projectId, from: '2026-11-02', to: '2026-11-06' }, 201));
    const issued = json(await call(ctx, w.finance, 'POST', `/invoices/${draft.id}/issue`, { issueDate: '2026-11-25', version: draft.version }, 200));
    const pdfBefore = (await call(ctx, w.finance, 'GET', `/invoices/${issued.id}/pdf`, undefined, 200)).rawPayload;
    const ublBefore = (await call(ctx, w.finance, 'GET', `/invoices/${issued.id}/ubl`, undefined, 200)).body;
    expect(ublBefore).toContain('Gemeente Voorbeeld');
    expect(ublBefore).toContain('Utrecht');

    const current = json(await call(ctx, w.finance, 'GET', '/clients', undefined, 200)).items.find((x: { id: string }) => x.id === w.clientId);
    await call(ctx, w.finance, 'PATCH', `/clients/${w.clientId}`, { party: moved, version: current.version }, 200);

    const after = json(await call(ctx, w.finance, 'GET', `/invoices/${issued.id}`, undefined, 200));
    expect(after).toMatchObject({ buyerName: 'Gemeente Voorbeeld', clientId: w.clientId, number: issued.number, version: issued.version });
    const ublAfter = (await call(ctx, w.finance, 'GET', `/invoices/${issued.id}/ubl`, undefined, 200)).body;
    expect(ublAfter).toBe(ublBefore);
    expect(ublAfter).not.toContain('Amersfoort');
    const pdfAfter = (await call(ctx, w.finance, 'GET', `/invoices/${issued.id}/pdf`, undefined, 200)).rawPayload;
    expect(Buffer.compare(pdfAfter, pdfBefore)).toBe(0);

    const next = json(await call(ctx, w.finance, 'POST', '/invoices', { projectId: w.projectId, from: '2026-11-09', to: '2026-11-13' }, 201));
    expect(next.buyerName).toBe('Gemeente Nieuwstad');
    const nextIssued = json(await call(ctx, w.finance, 'POST', `/invoices/${next.id}/issue`, { issueDate: '2026-11-26', version: next.version }, 200));
    const nextUbl = (await call(ctx, w.finance, 'GET', `/invoices/${nextIssued.id}/ubl`, undefined, 200)).body;
    expect(nextUbl).toContain('Amersfoort');
    expect(nextUbl).toContain('NL111222333B01');
  });
});
