/**
 * What a levelling preview reports beside the diff: conflicts in the words of the plan (task and people names,
 * dates) and the load histogram per person and role pool before and after, against capacity.
 */
import type { PortfolioLevelResult } from '../../domain/leveling/index.js';
import { dateOfDay, levelingLoad, mondayOnOrBefore, netCapacity, type LoadUsage } from '../../domain/resources/index.js';
import { DO_NOT_LEVEL_PRIORITY, fixedReason, type Snapshot } from './leveling-input.js';

const percent = (units: number) => `${Math.round(units * 100)} %`;

/** A conflict in the words of the plan: task and resource names, dates instead of periods. */
export function describeConflict(snapshot: Snapshot, c: PortfolioLevelResult['conflicts'][number]): { type: PortfolioLevelResult['conflicts'][number]['kind']; taskId: string; projectId: string | null; resourceName: string | null; message: string } {
  const task = snapshot.tasks.get(c.taskId);
  const name = task ? `"${task.name}"` : 'a task';
  const byKey = new Map(snapshot.resources.map((r) => [`${r.kind}:${r.id}`, r]));
  const res = 'resourceId' in c ? byKey.get(c.resourceId) : undefined;
  const who = res ? (res.kind === 'role' ? `the role ${res.name}` : res.name) : '';
  const day = (period: number) => dateOfDay(snapshot.grid.dayOf(Math.max(0, period)));
  const why = () => {
    const reason = task ? fixedReason(task) : null;
    const on = task ? day(task.period) : '?';
    return reason === 'do-not-level' ? `has priority ${DO_NOT_LEVEL_PRIORITY} ("do not level", starting ${on})` : reason === 'must-start' ? `must start on ${on}` : `has started (on ${on})`;
  };
  let message: string;
  switch (c.kind) {
    case 'demand-exceeds-capacity':
      message = c.maxCapacity === 0
        ? res?.kind === 'role'
          ? `${name} needs ${percent(c.units)} of ${who}, which nobody holds with working time left (no holders, or their calendars, vacations or other projects leave none); it was placed ignoring ${who}`
          : `${name} needs ${percent(c.units)} of ${who}, who has no working time left (calendar, part-time, vacations or other projects); it was placed ignoring ${who}`
        : `${name} needs ${percent(c.units)} of ${who}, more than the ${percent(c.maxCapacity)} ever available; it was placed ignoring ${who}`;
      break;
    case 'no-capacity-window':
      message = `${name} needs ${percent(c.units)} of ${who} for ${task?.durationPeriods ?? '?'} working days in a row, and no such window is free; it was placed ignoring ${who}`;
      break;
    case 'fixed-start-overload':
      message = `${name} ${why()} and so stays where it is, overloading ${who} on ${day(c.period)}`;
      break;
    case 'fixed-start-link-violated': {
      const pred = snapshot.tasks.get(c.predecessorTaskId);
      message = `${name} ${why()} and so stays where it is, earlier than its link from "${pred?.name ?? c.predecessorTaskId}" allows`;
      break;
    }
    case 'deadline-missed':
      message = `${name} would finish on ${day(c.finishPeriod - (task?.durationPeriods === 0 ? 0 : 1))}, after its deadline or constraint (${day(c.deadlinePeriod - (task?.durationPeriods === 0 ? 0 : 1))})`;
      break;
  }
  return { type: c.kind, taskId: c.taskId, projectId: task?.project_id ?? null, resourceName: res?.name ?? null, message };
}

/**
 * The conflicts of a run in words. A conflict on a role pool that the task draws on only through a holder's named
 * work repeats one on the holder when there is one (dropped), else it says why the role is involved.
 */
export function describeConflicts(snapshot: Snapshot, conflicts: PortfolioLevelResult['conflicts']) {
  const onPeople = new Set(conflicts.map((c) => ('resourceId' in c && c.resourceId.startsWith('person:') ? `${c.kind}|${c.taskId}` : '')));
  const out: ReturnType<typeof describeConflict>[] = [];
  for (const c of conflicts) {
    const derived = 'resourceId' in c && snapshot.derivedPools.get(c.taskId)?.has(c.resourceId);
    if (derived && onPeople.has(`${c.kind}|${c.taskId}`)) continue;
    const d = describeConflict(snapshot, c);
    out.push(derived ? { ...d, message: `${d.message} (people who hold the role are named on the task, so it draws on the role's capacity)` } : d);
  }
  return out;
}

/** Weeks shown in the levelling histogram at most, and resources. */
const HISTOGRAM_WEEKS = 104;
const HISTOGRAM_RESOURCES = 200;

/**
 * Load per resource and week before and after levelling, beside capacity and the load of other projects (in
 * person-days), with the working days over capacity; the most over-allocated resources first. With
 * `hideOtherProjects` (a caller who may not see every project) the other projects' load is not shown as such:
 * the capacity is what they leave (the same over-allocation, without their figures).
 */
export function levelingHistogram(snapshot: Snapshot, result: PortfolioLevelResult, hideOtherProjects = false) {
  const { grid, input } = snapshot;
  const index = new Map(input.resources.map((r, i) => [r.id, i]));
  const usages: LoadUsage[] = [];
  let periods = 0;
  const placed = new Map(result.tasks.map((t) => [t.id, t]));
  for (const t of input.tasks) {
    const now = snapshot.tasks.get(t.id)!;
    const lt = placed.get(t.id)!;
    const after: [number, number][] = t.durationPeriods === 0 ? [] : lt.pieces ? lt.pieces.map((p) => [p.startPeriod, p.finishPeriod]) : [[lt.startPeriod, lt.finishPeriod]];
    for (const [, to] of [...now.spans, ...after]) periods = Math.max(periods, to);
    for (const d of t.demands ?? []) usages.push({ resource: index.get(d.resourceId)!, units: d.units, before: now.spans, after });
  }
  const firstMonday = mondayOnOrBefore(grid.originDay);
  const weekOf = (p: number) => Math.floor((grid.dayOf(p) - firstMonday) / 7);
  // Whole weeks, so the last week's capacity is not cut short.
  if (periods > 0) for (const last = weekOf(periods - 1); last < HISTOGRAM_WEEKS && weekOf(periods) === last; ) periods++;
  const bucketOf = new Int32Array(periods);
  let buckets = 0;
  for (let p = 0; p < periods; p++) {
    const week = weekOf(p);
    bucketOf[p] = week < HISTOGRAM_WEEKS ? week : -1;
    if (week < HISTOGRAM_WEEKS) buckets = Math.max(buckets, week + 1);
  }
  const shown = hideOtherProjects ? snapshot.resources.map((r) => ({ ...r, byPeriod: netCapacity(r.byPeriod, r.other), other: null })) : snapshot.resources;
  const loads = levelingLoad(shown, usages, periods, bucketOf, buckets);
  const rows = snapshot.resources.map((r, i) => ({
    kind: r.kind,
    id: r.id,
    name: r.name,
    capacityDays: loads[i]!.capacity,
    otherProjectsDays: loads[i]!.other,
    beforeDays: loads[i]!.before,
    afterDays: loads[i]!.after,
    overDaysBefore: loads[i]!.overPeriodsBefore,
    overDaysAfter: loads[i]!.overPeriodsAfter,
  }));
  rows.sort((a, b) => b.overDaysBefore - a.overDaysBefore || b.overDaysAfter - a.overDaysAfter || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return { weeks: Array.from({ length: buckets }, (_, k) => dateOfDay(firstMonday + 7 * k)), otherProjectsHidden: hideOtherProjects, resources: rows.slice(0, HISTOGRAM_RESOURCES) };
}
