/**
 * The durable job queue: jobs are rows; workers claim them with FOR UPDATE SKIP LOCKED, so any number of
 * processes on one PostgreSQL database share the work and never run a job twice at once. A job with a
 * unique key (e.g. a cron slot `report:weekly:2026-W48`) is enqueued at most once. Failed jobs are retried
 * with exponential backoff up to max_attempts. Handlers must be safe to run twice.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { z } from 'zod';
import type { DB, JobsTable } from '../db/schema.js';

export type JobRow = Selectable<JobsTable>;

/** A job type: an id, the schema of its payload, and its handler. */
export interface JobDefinition<S extends z.ZodType> {
  type: string;
  payload: S;
  handle(payload: z.infer<S>, ctx: { db: Kysely<DB>; job: JobRow }): Promise<void>;
}

/** Enqueues a job; returns its id, or null when a job with the same unique key already exists. */
export async function enqueueJob(db: Kysely<DB>, job: { type: string; payload?: unknown; runAt?: Date; uniqueKey?: string; maxAttempts?: number }): Promise<string | null> {
  const row = await db
    .insertInto('jobs')
    .values({
      id: randomUUID(),
      type: job.type,
      payload: JSON.stringify(job.payload ?? {}),
      unique_key: job.uniqueKey ?? null,
      run_at: job.runAt ?? new Date(),
      ...(job.maxAttempts ? { max_attempts: job.maxAttempts } : {}),
    })
    .onConflict((oc) => oc.column('unique_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Claims up to `limit` due jobs of the given types for `workerId`. */
export async function claimJobs(db: Kysely<DB>, workerId: string, types: string[], limit: number): Promise<JobRow[]> {
  if (types.length === 0) return [];
  const r = await sql<JobRow>`
    update jobs set status = 'running', locked_by = ${workerId}, locked_at = now(), attempts = attempts + 1
    where id in (
      select id from jobs
      where status = 'queued' and run_at <= now() and type in (${sql.join(types)})
      order by run_at, id
      for update skip locked
      limit ${limit}
    )
    returning *`.execute(db);
  // UPDATE ... RETURNING has no order: hand the jobs out oldest first.
  return r.rows.sort((a, b) => a.run_at.getTime() - b.run_at.getTime() || (a.id < b.id ? -1 : 1));
}

export async function completeJob(db: Kysely<DB>, id: string): Promise<void> {
  await db.updateTable('jobs').set({ status: 'done', finished_at: new Date(), locked_by: null, locked_at: null }).where('id', '=', id).execute();
}

/** Queues again the jobs still running that were claimed before `lockedBefore` (their worker died); returns how many. */
export async function requeueLostJobs(db: Kysely<DB>, lockedBefore: Date): Promise<number> {
  const r = await db
    .updateTable('jobs')
    .set({ status: 'queued', locked_by: null, locked_at: null })
    .where('status', '=', 'running')
    .where('locked_at', '<', lockedBefore)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Records a failure: back to the queue after 2^attempts seconds, or failed for good after max_attempts. */
export async function failJob(db: Kysely<DB>, job: JobRow, error: string): Promise<void> {
  const final = job.attempts >= job.max_attempts;
  await db
    .updateTable('jobs')
    .set({
      status: final ? 'failed' : 'queued',
      last_error: error.slice(0, 2000),
      run_at: final ? job.run_at : new Date(Date.now() + 1000 * 2 ** job.attempts),
      finished_at: final ? new Date() : null,
      locked_by: null,
      locked_at: null,
    })
    .where('id', '=', job.id)
    .execute();
}

/** Runs the handler of each claimed job; returns how many jobs ran. */
export async function runDueJobs(db: Kysely<DB>, workerId: string, definitions: JobDefinition<z.ZodType>[], limit = 10): Promise<number> {
  const byType = new Map(definitions.map((d) => [d.type, d]));
  const jobs = await claimJobs(db, workerId, [...byType.keys()], limit);
  for (const job of jobs) {
    const def = byType.get(job.type)!;
    const parsed = def.payload.safeParse(job.payload);
    if (!parsed.success) {
      await failJob(db, { ...job, attempts: job.max_attempts }, `invalid payload: ${parsed.error.message}`);
      continue;
    }
    try {
      await def.handle(parsed.data, { db, job });
      await completeJob(db, job.id);
    } catch (err) {
      await failJob(db, job, err instanceof Error ? err.message : String(err));
    }
  }
  return jobs.length;
}

/** Jobs per type and status, and the latest failures: what `pmo jobs status` prints. */
export async function summariseJobs(db: Kysely<DB>, failures = 5): Promise<{ counts: { type: string; status: string; count: number }[]; failed: { type: string; uniqueKey: string | null; attempts: number; error: string | null; finishedAt: Date | null }[] }> {
  const counts = await db.selectFrom('jobs').select(['type', 'status', (eb) => eb.fn.countAll<string>().as('n')]).groupBy(['type', 'status']).orderBy('type').orderBy('status').execute();
  const failed = await db.selectFrom('jobs').select(['type', 'unique_key', 'attempts', 'last_error', 'finished_at']).where('status', '=', 'failed').orderBy('finished_at', 'desc').limit(failures).execute();
  return {
    counts: counts.map((c) => ({ type: c.type, status: c.status, count: Number(c.n) })),
    failed: failed.map((f) => ({ type: f.type, uniqueKey: f.unique_key, attempts: f.attempts, error: f.last_error, finishedAt: f.finished_at })),
  };
}
