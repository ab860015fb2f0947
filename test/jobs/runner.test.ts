/**
 * The job runner on a real database: recurring slots enqueued once however many processes tick, jobs of a dead
 * worker put back after their lease, the timer loop, and the server's own recurring jobs (EVM and risk exposure
 * snapshots) running to completion.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Database } from '../../src/db/database.js';
import { createTestApp, createTestDatabase, json } from '../helpers.js';
import { createJobRunner } from '../../src/jobs/runner.js';
import { summariseJobs, type JobDefinition } from '../../src/jobs/queue.js';
import { CRON_SCHEDULES, JOB_DEFINITIONS } from '../../src/server/jobs.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

const at = (iso: string) => () => Date.parse(iso);

function counter(type: string) {
  const seen: string[] = [];
  const def: JobDefinition<z.ZodType> = { type, payload: z.strictObject({ day: z.string() }), handle: async (p: { day: string }) => void seen.push(p.day) };
  return { def, seen };
}

describe('job runner', () => {
  it('enqueues a recurring slot once across processes and runs it once', async () => {
    const { def, seen } = counter('test.daily');
    const schedules = [{ type: 'test.daily', every: 'day' as const, atMinutes: 60, payload: (s: { date: string }) => ({ day: s.date }) }];
    const a = createJobRunner(database.db, { definitions: [def], schedules, workerId: 'a', now: at('2026-12-07T09:00:00Z') });
    const b = createJobRunner(database.db, { definitions: [def], schedules, workerId: 'b', now: at('2026-12-07T09:00:05Z') });
    const [ra, rb] = await Promise.all([a.tick(), b.tick()]);
    expect([...ra.enqueued, ...rb.enqueued]).toEqual(['test.daily:2026-12-07']);
    expect(ra.ran + rb.ran).toBe(1);
    expect(seen).toEqual(['2026-12-07']);
    // Later the same day: nothing new; the next day: the next slot.
    expect(await a.tick()).toEqual({ enqueued: [], requeued: 0, ran: 0 });
    const c = createJobRunner(database.db, { definitions: [def], schedules, workerId: 'c', now: at('2026-12-08T01:00:00Z') });
    expect((await c.tick()).enqueued).toEqual(['test.daily:2026-12-08']);
    expect(seen).toEqual(['2026-12-07', '2026-12-08']);
  });

  it('puts back a job whose worker died after its lease, and runs it', async () => {
    const { def, seen } = counter('test.lost');
    await database.db.insertInto('jobs').values({ id: crypto.randomUUID(), type: 'test.lost', payload: JSON.stringify({ day: 'x' }), status: 'running', locked_by: 'dead', locked_at: new Date(Date.now() - 3_600_000), attempts: 1, run_at: new Date(Date.now() - 3_600_000) }).execute();
    const fresh = { id: crypto.randomUUID(), type: 'test.lost', payload: JSON.stringify({ day: 'y' }), status: 'running' as const, locked_by: 'alive', locked_at: new Date(), attempts: 1, run_at: new Date() };
    await database.db.insertInto('jobs').values(fresh).execute();
    const r = await createJobRunner(database.db, { definitions: [def], schedules: [], leaseMs: 60_000 }).tick();
    expect(r).toEqual({ enqueued: [], requeued: 1, ran: 1 });
    expect(seen).toEqual(['x']);
    const still = await database.db.selectFrom('jobs').select(['status', 'locked_by']).where('id', '=', fresh.id).executeTakeFirstOrThrow();
    expect(still).toEqual({ status: 'running', locked_by: 'alive' });
  });

  it('ticks on its own timer until stopped', async () => {
    const { def, seen } = counter('test.timer');
    const runner = createJobRunner(database.db, { definitions: [def], schedules: [{ type: 'test.timer', every: 'hour', atMinutes: 0, payload: (s) => ({ day: s.key }) }], pollMs: 50 });
    runner.start();
    for (let i = 0; i < 200 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    await runner.stop();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}$/);
  });

  it('refuses a schedule without a definition or with an offset outside its period', () => {
    expect(() => createJobRunner(database.db, { definitions: [], schedules: [{ type: 'nope', every: 'day', atMinutes: 0, payload: () => ({}) }] })).toThrow(/no job definition/);
    const { def } = counter('test.bad');
    expect(() => createJobRunner(database.db, { definitions: [def], schedules: [{ type: 'test.bad', every: 'hour', atMinutes: 60, payload: () => ({}) }] })).toThrow(/atMinutes/);
  });

  it("runs the server's recurring jobs: the day's EVM and exposure snapshots", async () => {
    const ctx = await createTestApp();
    try {
      const post = async (url: string, payload: object) => json(await ctx.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: ctx.admin.auth, payload }));
      const portfolio = await post('/portfolios', { name: 'Jobs' });
      const project = await post('/projects', { name: 'Jobs project', portfolioId: portfolio.id, startDate: '2026-11-02' });
      await post(`/projects/${project.id}/risks`, { title: 'Supplier fails', category: 'commercial', inherent: { probabilityLevel: 3, impacts: { cost: 4 } } });
      await runServerJobs(ctx.database);
    } finally {
      await ctx.close();
    }
  });
});

/** Ticks the server's runner on a day and checks both recurring jobs ran and the exposure snapshot was written. */
async function runServerJobs(database: Database) {
  const r = await createJobRunner(database.db, { definitions: JOB_DEFINITIONS, schedules: CRON_SCHEDULES, now: at('2026-12-07T02:00:00Z') }).tick();
  expect(r.enqueued.sort()).toEqual(['finance.evm-snapshot:2026-12-07', 'risk.exposure-snapshot:2026-12-07']);
  const { counts, failed } = await summariseJobs(database.db);
  expect(failed).toEqual([]);
  expect(counts.filter((c) => c.type.startsWith('finance.') || c.type.startsWith('risk.'))).toEqual([
    { type: 'finance.evm-snapshot', status: 'done', count: 1 },
    { type: 'risk.exposure-snapshot', status: 'done', count: 1 },
  ]);
  const snaps = await database.db.selectFrom('risk_exposure_snapshots').select('as_of').where('as_of', '=', '2026-12-07').execute();
  expect(snaps.length).toBeGreaterThan(0);
}
