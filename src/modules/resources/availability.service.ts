/**
 * Role availability per month for planning new work (the portfolio optimiser): the capacity of each role's people
 * (their contract hours over their calendars, net of vacations and non-project time) minus the demand already
 * committed to existing projects (assignments of the role's people and the role's placeholder assignments), from
 * the same plan of record as the capacity grid.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { buildBuckets, capacityRows, computeCapacity, dateOfDay, dayOfDate } from '../../domain/resources/index.js';
import { AppError } from '../../server/errors.js';
import { authorize, type Actor } from '../../server/policy.js';
import { loadCapacityPlan } from './capacity.service.js';

/** Most months one availability query may span (ten years). */
export const MAX_AVAILABILITY_MONTHS = 120;

/** Capacity, committed demand and what is left, per role and month, in minutes. */
export interface RoleAvailability {
  months: { start: string; end: string }[];
  roles: { id: string; name: string; capacityMinutes: number[]; committedMinutes: number[]; availableMinutes: number[] }[];
}

/**
 * Availability of every role for `months` calendar months from `fromMonth` (YYYY-MM). Assignments of the projects
 * in `excludeProjectIds` are not counted as committed (the caller plans them itself, e.g. proposals that already
 * became those projects). Counts the projects the actor may see (portfolio-wide roles: all). A person holding two
 * roles counts in both. available = max(0, capacity - committed).
 */
export async function roleAvailability(db: Kysely<DB>, actor: Actor, q: { fromMonth: string; months: number; excludeProjectIds?: string[] }): Promise<RoleAvailability> {
  authorize(actor, 'read', { kind: 'resource' });
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(q.fromMonth)) throw new AppError(400, 'invalid_range', `"${q.fromMonth}" is not a month (YYYY-MM)`);
  if (!Number.isInteger(q.months) || q.months < 1 || q.months > MAX_AVAILABILITY_MONTHS) throw new AppError(400, 'invalid_range', `months must be between 1 and ${MAX_AVAILABILITY_MONTHS}`);
  const buckets = buildBuckets('month', dayOfDate(`${q.fromMonth}-01`), q.months);
  const excluded = [...new Set(q.excludeProjectIds ?? [])];
  const plan = await loadCapacityPlan(db, actor, { fromDay: buckets[0]!, toDay: buckets[q.months]!, groups: true, placeholders: true, detailProjectIds: excluded });
  // Assignments of the excluded projects are the ones loaded in detail (with a project index): drop their work.
  const a = plan.assignments;
  for (let i = 0; i < a.length; i++) if (a.project[i]! >= 0) a.work[i] = 0;
  const rows = capacityRows(plan, computeCapacity(plan, buckets), 'role');
  return {
    months: Array.from({ length: q.months }, (_, k) => ({ start: dateOfDay(buckets[k]!), end: dateOfDay(buckets[k + 1]! - 1) })),
    roles: rows.map((r) => ({
      id: r.id,
      name: r.name,
      capacityMinutes: r.capacityMinutes,
      committedMinutes: r.demandMinutes,
      availableMinutes: r.capacityMinutes.map((c, k) => Math.max(0, c - r.demandMinutes[k]!)),
    })),
  };
}
