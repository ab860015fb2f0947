/**
 * Role capacity for the optimiser from the resources module: per role and optimiser period, the capacity of the
 * role's people minus the demand already committed to existing projects (resources' roleAvailability), in
 * person-days, so the optimiser selects only what the organisation can staff. Proposal demand keys ("developer")
 * are matched to resource roles ("Developer") by the caller's choice, suggested by name.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { monthSpanOfLabels, monthText, sumMonthsIntoPeriods } from '../../domain/portfolio/index.js';
import { AppError } from '../../server/errors.js';
import { authorize, type Actor } from '../../server/policy.js';
import { MAX_AVAILABILITY_MONTHS, roleAvailability } from '../resources/availability.service.js';
import type { Proposal } from './proposals.service.js';

/** Person-days per role and period, with what they are made of. */
export interface AvailableCapacity {
  periodLabels: string[];
  roles: { roleId: string; name: string; capacityDays: number[]; committedDays: number[]; availableDays: number[] }[];
}

/** Rounds person-days to 0.1, down for what is available (never promise more than there is). */
const tenth = (v: number) => Math.round(v * 10) / 10;
const tenthDown = (v: number) => Math.floor(v * 10 + 1e-9) / 10;

/**
 * Available capacity per role for the optimiser's periods (month, quarter or year labels). Assignments of
 * `excludeProjectIds` (projects the candidates already became) are not counted as committed: the candidate's own
 * demand stands for them. 400 invalid_capacity for labels that are not calendar periods or span too long.
 */
export async function availableCapacityFor(db: Kysely<DB>, actor: Actor, labels: string[], minutesPerPersonDay: number, excludeProjectIds: string[]): Promise<AvailableCapacity> {
  const span = monthSpanOfLabels(labels);
  if ('invalid' in span) throw new AppError(400, 'invalid_capacity', `available capacity needs calendar periods: "${span.invalid}" is not a month (2027-01), quarter (2027-Q1) or year (2027)`);
  if (span.count > MAX_AVAILABILITY_MONTHS) throw new AppError(400, 'invalid_capacity', `available capacity covers at most ${MAX_AVAILABILITY_MONTHS} months; the periods span ${span.count}`);
  const a = await roleAvailability(db, actor, { fromMonth: monthText(span.first), months: span.count, excludeProjectIds });
  const days = (minutes: number[]) => sumMonthsIntoPeriods(labels, span.first, minutes).map((m) => m / minutesPerPersonDay);
  return {
    periodLabels: labels,
    roles: a.roles.map((r) => ({ roleId: r.id, name: r.name, capacityDays: days(r.capacityMinutes).map(tenth), committedDays: days(r.committedMinutes).map(tenth), availableDays: days(r.availableMinutes).map(tenthDown) })),
  };
}

const normalise = (s: string) => s.trim().toLowerCase().replace(/[\s_-]+/g, ' ');

/** Resource role suggested for each demand key: same id, or the same name ignoring case, spaces, - and _. */
export function suggestRoles(demandKeys: string[], roles: { roleId: string; name: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of demandKeys) {
    const hit = roles.find((r) => r.roleId === k) ?? roles.find((r) => normalise(r.name) === normalise(k));
    if (hit) out[k] = hit.roleId;
  }
  return out;
}

/**
 * The availability report the optimiser page shows before a run: every resource role's capacity, committed demand
 * and availability on the periods, the demand roles of the (not stopped) proposals and the suggested match.
 */
export async function availableCapacityReport(db: Kysely<DB>, actor: Actor, q: { periodLabels: string[]; minutesPerPersonDay: number }, proposals: Proposal[]) {
  authorize(actor, 'read', { kind: 'strategy', area: 'scenario' });
  const linked = proposals.map((p) => p.projectId).filter((id): id is string => id !== null);
  const report = await availableCapacityFor(db, actor, q.periodLabels, q.minutesPerPersonDay, linked);
  const demandRoles = [...new Set(proposals.flatMap((p) => Object.keys(p.demand)))].sort();
  return { ...report, minutesPerPersonDay: q.minutesPerPersonDay, demandRoles, suggested: suggestRoles(demandRoles, report.roles) };
}
