/**
 * The job runner every server process starts (and `pmo jobs run-due` runs once): each tick it enqueues the due
 * slot of every recurring schedule (unique key `<type>:<slot>`, so any number of processes enqueue a slot once),
 * puts back jobs whose worker died mid-run (a lease on `locked_at`), and runs due jobs until none is left or the
 * tick's budget is spent. Ticks never overlap; `stop()` waits for the running one.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../db/schema.js';
import { latestDueSlot, validateCronSchedule, type CronSchedule } from './cron.js';
import { enqueueJob, requeueLostJobs, runDueJobs, type JobDefinition } from './queue.js';

export interface JobRunnerOptions {
  definitions: JobDefinition<z.ZodType>[];
  schedules: CronSchedule[];
  /** Names this process in jobs.locked_by. */
  workerId?: string;
  /** Time between ticks (ms). */
  pollMs?: number;
  /** A running job locked longer than this is taken to have lost its worker and is queued again (ms). */
  leaseMs?: number;
  /** Jobs run per tick at most, so a long queue does not hold a tick for ever. */
  maxJobsPerTick?: number;
  /** The clock (ms since the epoch). */
  now?: () => number;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
}

export interface TickResult {
  enqueued: string[];
  requeued: number;
  ran: number;
}

export interface JobRunner {
  /** One pass: enqueue due slots, requeue lost jobs, run due jobs. */
  tick(): Promise<TickResult>;
  /** Starts ticking every pollMs (the first tick after one interval, so start-up is not slowed). */
  start(): void;
  stop(): Promise<void>;
}

/** Builds a runner over the database; nothing runs until `tick()` or `start()`. */
export function createJobRunner(db: Kysely<DB>, opts: JobRunnerOptions): JobRunner {
  const workerId = opts.workerId ?? `pmo-${process.pid}-${randomUUID().slice(0, 8)}`;
  const pollMs = opts.pollMs ?? 10_000;
  const leaseMs = opts.leaseMs ?? 15 * 60_000;
  const maxJobs = opts.maxJobsPerTick ?? 50;
  const now = opts.now ?? Date.now;
  const types = new Set(opts.definitions.map((d) => d.type));
  for (const s of opts.schedules) {
    validateCronSchedule(s);
    if (!types.has(s.type)) throw new Error(`cron schedule ${s.type}: no job definition of that type`);
  }

  async function tick(): Promise<TickResult> {
    const at = now();
    const enqueued: string[] = [];
    for (const s of opts.schedules) {
      const slot = latestDueSlot(s, at);
      const key = `${s.type}:${slot.key}`;
      if (await enqueueJob(db, { type: s.type, payload: s.payload(slot), uniqueKey: key })) enqueued.push(key);
    }
    const requeued = await requeueLostJobs(db, new Date(at - leaseMs));
    let ran = 0;
    while (ran < maxJobs) {
      const n = await runDueJobs(db, workerId, opts.definitions, Math.min(10, maxJobs - ran));
      if (n === 0) break;
      ran += n;
    }
    return { enqueued, requeued, ran };
  }

  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().then(
        (r) => {
          if (r.enqueued.length || r.requeued || r.ran) opts.log?.('jobs tick', { ...r });
        },
        (err: unknown) => opts.log?.('jobs tick failed', { err: err instanceof Error ? err.message : String(err) }),
      ).finally(schedule);
    }, pollMs);
    timer.unref();
  };

  return {
    tick,
    start() {
      stopped = false;
      if (!timer) schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
