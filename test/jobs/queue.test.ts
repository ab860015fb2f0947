import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sql } from 'kysely';
import type { Database } from '../../src/db/database.js';
import { createTestDatabase } from '../helpers.js';
import { claimJobs, enqueueJob, runDueJobs, type JobDefinition } from '../../src/jobs/queue.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

describe('job queue', () => {
  it('enqueues a unique key once and never hands one job to two workers', async () => {
    const db = database.db;
    expect(await enqueueJob(db, { type: 'chase', uniqueKey: 'chase:2026-W48' })).not.toBeNull();
    expect(await enqueueJob(db, { type: 'chase', uniqueKey: 'chase:2026-W48' })).toBeNull();
    for (let i = 0; i < 9; i++) await enqueueJob(db, { type: 'chase', payload: { i } });
    const [a, b] = await Promise.all([claimJobs(db, 'w1', ['chase'], 6), claimJobs(db, 'w2', ['chase'], 6)]);
    const ids = [...a, ...b].map((j) => j.id);
    expect(ids).toHaveLength(10);
    expect(new Set(ids).size).toBe(10);
    expect(await claimJobs(db, 'w3', ['chase'], 5)).toEqual([]);
  });

  it('runs handlers, retries failures with backoff and gives up after max attempts', async () => {
    const db = database.db;
    const seen: number[] = [];
    const def: JobDefinition<z.ZodType> = {
      type: 'flaky',
      payload: z.object({ n: z.number() }),
      async handle(p: { n: number }) {
        seen.push(p.n);
        if (p.n < 0) throw new Error('negative');
      },
    };
    await enqueueJob(db, { type: 'flaky', payload: { n: 1 } });
    await enqueueJob(db, { type: 'flaky', payload: { n: -1 }, maxAttempts: 2 });
    await enqueueJob(db, { type: 'flaky', payload: { wrong: true } });
    expect(await runDueJobs(db, 'w', [def])).toBe(3);
    const rows = await db.selectFrom('jobs').select(['status', 'attempts', 'last_error']).where('type', '=', 'flaky').orderBy('created_at').execute();
    expect(rows.map((r) => r.status).sort()).toEqual(['done', 'failed', 'queued']);
    await sql`update jobs set run_at = now() - interval '1 second' where type = 'flaky' and status = 'queued'`.execute(db);
    expect(await runDueJobs(db, 'w', [def])).toBe(1);
    const failed = await db.selectFrom('jobs').select(['status', 'attempts', 'last_error']).where('type', '=', 'flaky').where('status', '=', 'failed').execute();
    expect(failed).toHaveLength(2);
    expect(failed.map((f) => f.last_error).join()).toContain('negative');
    expect(seen).toEqual([1, -1, -1]);
  });
});
