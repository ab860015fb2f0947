/**
 * Concurrency on PostgreSQL (a pool of connections, real parallel transactions): parallel approvals of
 * overlapping batches count every entry once; parallel drafting of the same work (or milestone) bills it once;
 * parallel issuing yields consecutive numbers without gaps or duplicates. PGlite is one connection, so the test is
 * skipped there (run it with `npm run test:pg -- test/finance`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, json, testEngine, type TestContext } from '../helpers.js';
import { buildFinanceWorld, call, type FinanceWorld } from './finance-world.js';

const onPostgres = testEngine() === 'postgres';
if (!onPostgres) console.warn('test/finance/concurrency.test.ts: skipped on PGlite (single connection); run `npm run test:pg -- test/finance`');

let ctx: TestContext;
let w: FinanceWorld;
const people: string[] = [];
const batches: string[][] = [];
beforeAll(async () => {
  if (!onPostgres) return;
  ctx = await createTestApp();
  w = await buildFinanceWorld(ctx);
  await call(ctx, w.finance, 'POST', '/rates', { kind: 'cost', effectiveFrom: '2026-01-01', amountMinorPerHour: 5000, currency: 'EUR' }, 201);
  await call(ctx, w.finance, 'POST', '/rates', { kind: 'bill', effectiveFrom: '2026-01-01', amountMinorPerHour: 8000, currency: 'EUR' }, 201);
  for (let i = 0; i < 8; i++) {
    const p = json(await call(ctx, ctx.admin, 'POST', '/people', { name: `Parallel ${i}` }, 201));
    people.push(p.id);
    const entries = ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06'].map((date) => ({ projectId: w.projectId, date, minutes: 60 + i }));
    await call(ctx, ctx.admin, 'PUT', `/timesheets/${p.id}/weeks/2026-11-02/entries`, { entries }, 200);
    const sub = json(await call(ctx, ctx.admin, 'POST', `/timesheets/${p.id}/weeks/2026-11-02/submit`, undefined, 200));
    batches.push(sub.entries.map((e: { id: string }) => e.id));
  }
});
afterAll(async () => ctx?.close());

describe.skipIf(!onPostgres)('concurrency (PostgreSQL only; skipped on PGlite)', () => {
  it('parallel approvals of overlapping batches approve and count every entry exactly once', async () => {
    const requests = [...batches, ...batches, batches[0]!.concat(batches[1]!)].map((ids) => call(ctx, w.pm, 'POST', '/time-entries/approve', { ids }));
    const results = await Promise.all(requests);
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    const approved = results.filter((r) => r.statusCode === 200).reduce((s, r) => s + json(r).approved, 0);
    expect(approved).toBe(40);
    const expectedMinutes = batches.reduce((s, _b, i) => s + 5 * (60 + i), 0);
    const summary = await sql<{ minutes: string; cost: string }>`select sum(labour_minutes)::bigint as minutes, sum(labour_cost_minor)::bigint as cost from project_cost_summary where project_id = ${w.projectId}`.execute(ctx.database.db);
    expect(Number(summary.rows[0]!.minutes)).toBe(expectedMinutes);
    expect(Number(summary.rows[0]!.cost)).toBe(batches.reduce((s, _b, i) => s + 5 * Math.round(((60 + i) * 5000) / 60), 0));
    const entries = await sql<{ n: number }>`select count(*)::int as n from time_entries where state = 'approved' and project_id = ${w.projectId}`.execute(ctx.database.db);
    expect(entries.rows[0]!.n).toBe(40);
  });

  it('parallel drafts of the same work bill it once; parallel issuing numbers without gaps', async () => {
    const drafts = await Promise.all(Array.from({ length: 6 }, () => call(ctx, w.finance, 'POST', '/invoices', { projectId: w.projectId, from: '2026-11-02', to: '2026-11-08' })));
    const ok = drafts.filter((r) => r.statusCode === 201);
    expect(ok).toHaveLength(1);
    expect(drafts.every((r) => [201, 409, 422].includes(r.statusCode))).toBe(true);
    const billed = await sql<{ n: number; d: number }>`select count(*)::int as n, count(distinct source_id)::int as d from billed_items where released_at is null`.execute(ctx.database.db);
    expect(billed.rows[0]!.n).toBe(40);
    expect(billed.rows[0]!.d).toBe(40);

    // one draft per person-week (entry-level drafts per day), then issue them all at once
    const ids: string[] = [json(ok[0]!).id];
    await call(ctx, w.finance, 'DELETE', `/invoices/${ids[0]}`, undefined, 204, { 'if-match': `"${json(ok[0]!).version}"` });
    ids.length = 0;
    for (const date of ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06']) {
      ids.push(json(await call(ctx, w.finance, 'POST', '/invoices', { projectId: w.projectId, from: date, to: date }, 201)).id);
    }
    const issued = await Promise.all(ids.flatMap((id) => [
      call(ctx, w.finance, 'POST', `/invoices/${id}/issue`, { issueDate: '2026-11-25', version: 1 }),
      call(ctx, w.finance, 'POST', `/invoices/${id}/issue`, { issueDate: '2026-11-25', version: 1 }),
    ]));
    const good = issued.filter((r) => r.statusCode === 200).map((r) => json(r).number as string).sort();
    expect(good).toEqual(['INV-2026-00001', 'INV-2026-00002', 'INV-2026-00003', 'INV-2026-00004', 'INV-2026-00005']);
    expect(issued.filter((r) => r.statusCode !== 200).every((r) => r.statusCode === 409)).toBe(true);
    const counter = await sql<{ last_sequence: number }>`select last_sequence from invoice_counters where series = 'INV' and year = 2026`.execute(ctx.database.db);
    expect(counter.rows[0]!.last_sequence).toBe(5);
  });

  it('parallel drafts billing the same milestone bill it once', async () => {
    const m = json(await call(ctx, w.pm, 'POST', `/projects/${w.projectId}/billing-milestones`, { name: 'Acceptance', amountMinor: 750_000 }, 201));
    await call(ctx, w.pm, 'PATCH', `/billing-milestones/${m.id}`, { status: 'achieved', achievedOn: '2026-11-20', version: m.version }, 200);
    const drafts = await Promise.all(Array.from({ length: 6 }, () => call(ctx, w.finance, 'POST', '/invoices', { projectId: w.projectId, milestoneIds: [m.id] })));
    expect(drafts.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const billed = await sql<{ n: number }>`select count(*)::int as n from billed_items where source_kind = 'milestone' and source_id = ${m.id} and released_at is null`.execute(ctx.database.db);
    expect(billed.rows[0]!.n).toBe(1);
  });
});
