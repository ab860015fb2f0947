/**
 * Recurring job slots, as pure functions of the time (integer milliseconds since the epoch, UTC). A schedule says
 * how often (hour, day or ISO week) and how many minutes into each period the job is due; the slot key names the
 * period (`2026-12-07T13`, `2026-12-07`, `2026-W49`), so `<type>:<key>` is the job's unique key and every process
 * that looks at the clock enqueues the same slot at most once. A process that was down when a slot fell due
 * enqueues that slot when it starts (the latest due slot only: a daily snapshot does not need the missed days).
 */

export type CronEvery = 'hour' | 'day' | 'week';

/** A recurring job: `type` of a job definition, due `atMinutes` into each period. */
export interface CronSchedule {
  type: string;
  every: CronEvery;
  /** Minutes after the period starts (hour: 0..59, day: 0..1439, week (from Monday 00:00): 0..10079). */
  atMinutes: number;
  /** The job's payload for a slot (e.g. the slot's date). */
  payload(slot: CronSlot): unknown;
}

/** One period of a schedule. */
export interface CronSlot {
  /** Names the period: hour `YYYY-MM-DDTHH`, day `YYYY-MM-DD`, week `YYYY-Www` (ISO 8601). */
  key: string;
  /** The period's first day, `YYYY-MM-DD` (UTC). */
  date: string;
  /** When the slot fell due (ms since the epoch). */
  dueAtMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const PERIOD_MS: Record<CronEvery, number> = { hour: HOUR, day: DAY, week: 7 * DAY };
/** 1970-01-01 was a Thursday; Monday 1969-12-29 starts the ISO week that holds the epoch. */
const FIRST_MONDAY_MS = -3 * DAY;

/** Throws when a schedule's offset does not fit in its period. */
export function validateCronSchedule(s: Pick<CronSchedule, 'type' | 'every' | 'atMinutes'>): void {
  const max = PERIOD_MS[s.every] / MINUTE;
  if (!Number.isInteger(s.atMinutes) || s.atMinutes < 0 || s.atMinutes >= max) {
    throw new Error(`cron schedule ${s.type}: atMinutes must be a whole number from 0 to ${max - 1}, got ${s.atMinutes}`);
  }
}

/** The latest slot of the schedule that is due at `nowMs` (its period started and its offset has passed). */
export function latestDueSlot(s: Pick<CronSchedule, 'every' | 'atMinutes'>, nowMs: number): CronSlot {
  const period = PERIOD_MS[s.every];
  const origin = s.every === 'week' ? FIRST_MONDAY_MS : 0;
  const offset = s.atMinutes * MINUTE;
  const start = Math.floor((nowMs - origin - offset) / period) * period + origin;
  return { key: slotKey(s.every, start), date: isoDate(start), dueAtMs: start + offset };
}

function slotKey(every: CronEvery, startMs: number): string {
  if (every === 'day') return isoDate(startMs);
  if (every === 'hour') return new Date(startMs).toISOString().slice(0, 13);
  // ISO week: the week belongs to the year of its Thursday.
  const thursday = new Date(startMs + 3 * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
