/**
 * Levelling through the API: builds the engine input from the database (detail tasks, links, assignments,
 * person capacity per period from their calendars net of non-project time and of the work other projects already
 * have booked on them, deadlines and "no later than" constraints, project priority from the order of
 * `projectIds`), runs `levelPortfolio` with a fixed schedule budget (deterministic, so apply reproduces the
 * preview), and answers the diff. Apply re-derives the input, refuses with 409 when anything changed since the
 * preview token was issued, and writes every new date, the pieces of split tasks, the summary roll-ups and one
 * audit entry per project in one transaction.
 *
 * Periods are the days on which the calendars of the levelled tasks work (their own calendar, else their
 * project's, else the organisation's Standard), counted from the earliest task start: one calendar for the whole
 * portfolio levels exactly on its working days, holidays included. A person's capacity in a period is their
 * contract hours spread over their own calendar's working time that day, in units of their normal working day
 * (1 = a full-time day, 0.5 half, 0 on holidays and non-project time).
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { levelPortfolio, LevelingError, type PortfolioInput, type PortfolioLevelResult } from '../../domain/leveling/index.js';
import {
  addBookings, capacityFactor, dateOfDay, dayOfDate, levelingLoad, mondayOnOrBefore, netCapacity, PeriodGrid, type CalendarDays, type LoadResource, type LoadUsage, type PeriodBooking,
} from '../../domain/resources/index.js';
import { deriveWbs } from '../../domain/wbs/wbs.js';
import { AppError } from '../../server/errors.js';
import { seesAllProjects, type Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import { requireProjectAccess } from '../projects/projects.service.js';
import { CalendarSet } from './calendar-store.js';

export type LevelingStrategy = 'priority' | 'optimize';

/** Options of a levelling run. */
export interface LevelingRun {
  projectIds: string[];
  strategy: LevelingStrategy;
  /** Let levelling split tasks (those not marked "may not split") at period boundaries. */
  allowSplits: boolean;
}

/** Schedule passes of the 'optimize' strategy: a fixed budget keeps preview and apply identical. */
const OPTIMIZE_SCHEDULES = 300;
const DAY_MINUTES = 480;
const DEFAULT_MINUTES_PER_WEEK = 2400;
/** Periods of explicit capacity per resource (about 23 years of working days); the tail capacity applies after. */
const MAX_PROFILE_PERIODS = 6000;

export interface LevelingChange {
  taskId: string;
  projectId: string;
  name: string;
  version: number;
  oldStart: string;
  oldFinish: string;
  newStart: string;
  newFinish: string;
  delayDays: number;
  /** The pieces of a task levelling split (null: the task stays whole). */
  pieces: { start: string; finish: string }[] | null;
}

interface TaskRow {
  id: string;
  project_id: string;
  name: string;
  start: string;
  finish: string;
  duration_minutes: number;
  is_milestone: boolean;
  constraint_type: string;
  actual_start: string | null;
  actual_finish: string | null;
  percent_complete: string;
  calendar_uid: number | null;
  deadline: string | null;
  constraint_date: string | null;
  version: number;
}

interface SnapshotTask extends TaskRow {
  period: number;
  durationPeriods: number;
  /** Where the task's work lies now, in periods (one range, or one per valid piece; finish exclusive). */
  spans: [number, number][];
  /** Valid pieces from an earlier split, as schedule times. */
  pieces: { start: string; finish: string }[] | null;
}

/** A levelling resource as the preview shows it: gross capacity per period and the load of other projects. */
interface SnapshotResource extends LoadResource {
  kind: 'person' | 'role';
  id: string;
  name: string;
}

interface Snapshot {
  input: PortfolioInput;
  tasks: Map<string, SnapshotTask>;
  grid: PeriodGrid;
  /** In the order of `input.resources`. */
  resources: SnapshotResource[];
  token: string;
}

const apiTime = (v: string) => v.replace(' ', 'T').slice(0, 19);
const timeOf = (v: string) => apiTime(v).slice(11) || '00:00:00';

function validPieces(row: { pieces: unknown; pieces_start: string | null; pieces_finish: string | null } | undefined, t: { start: string; finish: string }): { start: string; finish: string }[] | null {
  if (!row || !Array.isArray(row.pieces) || row.pieces.length < 2 || row.pieces_start !== t.start || row.pieces_finish !== t.finish) return null;
  const list = row.pieces as { start?: unknown; finish?: unknown }[];
  return list.every((p) => typeof p.start === 'string' && typeof p.finish === 'string') ? (list as { start: string; finish: string }[]) : null;
}

/** Working minutes of a calendar on the day of each period (shared by everyone on that calendar). */
function minutesByPeriod(grid: PeriodGrid, horizon: number, cal: CalendarDays): Float64Array {
  const out = new Float64Array(horizon);
  for (let p = 0; p < horizon; p++) out[p] = cal.minutesOn(grid.dayOf(p));
  return out;
}

/** Capacity in units of a normal working day, per period, of a person on their calendar. */
function personProfile(grid: PeriodGrid, cal: CalendarDays, minutes: Float64Array, minutesPerWeek: number, partTimePercent: number, off: ReadonlySet<number>): { tail: number; byPeriod: number[] } {
  const factor = capacityFactor(minutesPerWeek, partTimePercent, cal.weekMinutes);
  const ref = cal.dayMinutes;
  const tail = ref > 0 ? Math.round(factor * 100) / 100 : 0;
  const byPeriod: number[] = new Array(minutes.length);
  for (let p = 0; p < minutes.length; p++) {
    byPeriod[p] = ref === 0 || (off.size > 0 && off.has(grid.dayOf(p))) ? 0 : Math.round(((factor * minutes[p]!) / ref) * 100) / 100;
  }
  return { tail, byPeriod };
}

/** Loads the levelling input of the projects (in priority order, first = most important). */
export async function buildLevelingSnapshot(db: Kysely<DB>, run: LevelingRun): Promise<Snapshot> {
  const ids = [...new Set(run.projectIds)];
  const rows = (await db
    .selectFrom('tasks')
    .select(['id', 'project_id', 'name', 'start', 'finish', 'duration_minutes', 'is_milestone', 'constraint_type', 'actual_start', 'actual_finish', 'percent_complete', 'calendar_uid', 'deadline', 'constraint_date', 'version'])
    .where('project_id', 'in', ids)
    .where('is_summary', '=', false)
    .where('start', 'is not', null)
    .where('finish', 'is not', null)
    .orderBy('project_id')
    .orderBy('sort_order')
    .orderBy('id')
    .execute()) as TaskRow[];
  const calendars = await CalendarSet.load(db);
  await calendars.loadProjects(db, ids);
  const taskCal = new Map(rows.map((r) => [r.id, calendars.task(r.project_id, r.calendar_uid)]));
  const gridCalendars = [...new Set(taskCal.values())].map((i) => calendars.list[i]!);
  const originDay = rows.length ? Math.min(...rows.map((r) => dayOfDate(r.start))) : 0;
  const grid = new PeriodGrid(gridCalendars.length ? gridCalendars : [calendars.list[0]!], originDay);

  const options = rows.length ? await db.selectFrom('task_leveling').select(['task_id', 'can_split', 'pieces', 'pieces_start', 'pieces_finish']).where('project_id', 'in', ids).execute() : [];
  const optionOf = new Map(options.map((o) => [o.task_id, o]));
  const tasks = new Map<string, SnapshotTask>();
  let lastPeriod = 0;
  for (const r of rows) {
    const period = grid.periodOf(dayOfDate(r.start));
    const pieces = validPieces(optionOf.get(r.id), r);
    const span = (from: string, to: string) => Math.max(1, grid.periodOf(dayOfDate(to) + 1) - grid.periodOf(dayOfDate(from)));
    const durationPeriods = r.is_milestone || r.duration_minutes === 0 ? 0 : pieces ? pieces.reduce((s, p) => s + span(p.start, p.finish), 0) : span(r.start, r.finish);
    const spans: [number, number][] = durationPeriods === 0 ? [] : pieces ? pieces.map((p) => { const from = grid.periodOf(dayOfDate(p.start)); return [from, from + span(p.start, p.finish)]; }) : [[period, period + durationPeriods]];
    tasks.set(r.id, { ...r, period, durationPeriods, pieces, spans });
    lastPeriod = Math.max(lastPeriod, period + durationPeriods);
  }
  const horizon = Math.min(MAX_PROFILE_PERIODS, 3 * lastPeriod + 260);

  const assignments = await db
    .selectFrom('assignments')
    .select(['task_id', 'person_id', 'role_id', 'units_percent'])
    .where('project_id', 'in', ids)
    .orderBy('task_id')
    .orderBy('id')
    .execute();
  const personIds = [...new Set(assignments.flatMap((a) => (a.person_id && tasks.has(a.task_id) ? [a.person_id] : [])))].sort();
  const roleIds = [...new Set(assignments.flatMap((a) => (a.role_id && tasks.has(a.task_id) ? [a.role_id] : [])))].sort();
  const members = roleIds.length ? await db.selectFrom('role_members').select(['person_id', 'role_id']).where('role_id', 'in', roleIds).orderBy('role_id').orderBy('person_id').execute() : [];
  const everyone = [...new Set([...personIds, ...members.map((m) => m.person_id)])];
  const caps = everyone.length
    ? await db.selectFrom('people').leftJoin('person_capacity', 'person_capacity.person_id', 'people.id').select(['people.id', 'people.name', 'minutes_per_week', 'part_time_percent', 'calendar_uid']).where('people.id', 'in', everyone).execute()
    : [];
  const lastDay = grid.dayOf(horizon);
  const npt = everyone.length
    ? await db.selectFrom('non_project_time').select(['person_id', 'from_date', 'to_date']).where('person_id', 'in', everyone).where('to_date', '>=', dateOfDay(originDay)).where('from_date', '<=', dateOfDay(lastDay)).orderBy('person_id').orderBy('from_date').execute()
    : [];
  const offDays = new Map<string, Set<number>>();
  for (const v of npt) {
    const set = offDays.get(v.person_id) ?? new Set<number>();
    for (let d = Math.max(originDay, dayOfDate(v.from_date)); d <= Math.min(lastDay, dayOfDate(v.to_date)); d++) set.add(d);
    offDays.set(v.person_id, set);
  }
  const byCalendar = new Map<number, Float64Array>();
  const minutesOf = (i: number) => byCalendar.get(i) ?? byCalendar.set(i, minutesByPeriod(grid, horizon, calendars.list[i]!)).get(i)!;
  const profiles = new Map(caps.map((c) => {
    const i = calendars.person(c.calendar_uid);
    return [c.id, personProfile(grid, calendars.list[i]!, minutesOf(i), c.minutes_per_week ?? DEFAULT_MINUTES_PER_WEEK, c.part_time_percent ?? 100, offDays.get(c.id) ?? new Set())];
  }));
  // Work booked on these people and roles in projects outside the run is taken: the run levels into what is left.
  const booked = await loadOutsideBookings(db, grid, ids, everyone, roleIds, dateOfDay(originDay), dateOfDay(lastDay));
  const otherOf = (key: string) => (booked.has(key) ? addBookings(new Float64Array(horizon), booked.get(key)!) : null);
  const personOther = new Map(everyone.map((id) => [id, otherOf(`person:${id}`)]));
  const names = new Map(caps.map((c) => [c.id, c.name]));
  const roleNames = roleIds.length ? new Map((await db.selectFrom('roles').select(['id', 'name']).where('id', 'in', roleIds).execute()).map((r) => [r.id, r.name])) : new Map<string, string>();

  const resourceOf = (id: string, tail: number, byPeriod: number[]) =>
    byPeriod.every((v) => v === tail) ? { id, capacity: tail } : { id, capacity: tail, capacityByPeriod: byPeriod };
  const shown: SnapshotResource[] = [];
  const resources: PortfolioInput['resources'] = personIds.map((id) => {
    const p = profiles.get(id)!;
    const other = personOther.get(id) ?? null;
    shown.push({ kind: 'person', id, name: names.get(id) ?? id, byPeriod: p.byPeriod, tail: p.tail, other });
    return resourceOf(`person:${id}`, p.tail, netCapacity(p.byPeriod, other));
  });
  for (const roleId of roleIds) {
    // A pool: its holders' capacity, less what they and the role's placeholders do in other projects.
    let tail = 0;
    const gross = new Float64Array(horizon);
    const other = otherOf(`role:${roleId}`) ?? new Float64Array(horizon);
    for (const m of members) {
      if (m.role_id !== roleId) continue;
      const p = profiles.get(m.person_id)!;
      tail += p.tail;
      const theirs = personOther.get(m.person_id);
      for (let k = 0; k < horizon; k++) {
        gross[k]! += p.byPeriod[k]!;
        if (theirs) other[k]! += theirs[k]!;
      }
    }
    const byPeriod = Array.from(gross, (v) => Math.round(v * 100) / 100);
    tail = Math.round(tail * 100) / 100;
    const anyOther = other.some((v) => v > 0);
    shown.push({ kind: 'role', id: roleId, name: roleNames.get(roleId) ?? roleId, byPeriod, tail, other: anyOther ? other : null });
    resources.push(resourceOf(`role:${roleId}`, tail, netCapacity(byPeriod, anyOther ? other : null)));
  }

  const demandsOf = new Map<string, Map<string, number>>();
  for (const a of assignments) {
    if (!tasks.has(a.task_id)) continue;
    const key = a.person_id ? `person:${a.person_id}` : `role:${a.role_id}`;
    const m = demandsOf.get(a.task_id) ?? new Map<string, number>();
    m.set(key, (m.get(key) ?? 0) + a.units_percent / 100);
    demandsOf.set(a.task_id, m);
  }

  const links = await db
    .selectFrom('task_links')
    .select(['predecessor_id', 'successor_id', 'type', 'lag_minutes', 'lag_unit'])
    .where('project_id', 'in', ids)
    .orderBy('predecessor_id')
    .orderBy('successor_id')
    .orderBy('id')
    .execute();

  const input: PortfolioInput = {
    resources,
    projects: ids.map((id, i) => ({ id, priority: ids.length - i })),
    tasks: [...tasks.values()].map((t) => {
      const started = t.actual_start !== null || Number(t.percent_complete) > 0 || t.constraint_type === 'MSO' || t.constraint_type === 'MFO';
      // A finished task needs nobody any more (it stays where it is, for its links).
      const done = t.actual_finish !== null || Number(t.percent_complete) >= 100;
      const demands = done ? [] : [...(demandsOf.get(t.id) ?? new Map<string, number>())].map(([resourceId, units]) => ({ resourceId, units }));
      const canSplit = optionOf.get(t.id)?.can_split ?? true;
      const deadline = started ? undefined : deadlinePeriodOf(grid, t);
      return {
        id: t.id,
        projectId: t.project_id,
        durationPeriods: t.durationPeriods,
        ...(started ? { fixedStartPeriod: t.period } : { earliestStartPeriod: t.period }),
        ...(deadline !== undefined ? { deadlinePeriod: deadline } : {}),
        demands,
        ...(canSplit ? {} : { splittable: false }),
      };
    }),
    links: links
      .filter((l) => tasks.has(l.predecessor_id) && tasks.has(l.successor_id))
      .map((l) => ({
        fromTaskId: l.predecessor_id,
        toTaskId: l.successor_id,
        type: l.type,
        lagPeriods: l.lag_unit === 'percent' ? 0 : Math.round(l.lag_unit === 'elapsed' ? (l.lag_minutes / 1440) * (5 / 7) : l.lag_minutes / DAY_MINUTES),
      })),
  };
  const versions = [...tasks.values()].map((t) => [t.id, t.version, t.start, t.finish, t.pieces]);
  const token = createHash('sha256').update(JSON.stringify({ run: { strategy: run.strategy, allowSplits: run.allowSplits }, input, versions })).digest('base64url');
  return { input, tasks, grid, resources: shown, token };
}

/**
 * The latest finish period a task may have: its deadline, a "finish no later than" date, or a "start no later
 * than" date plus its duration (the earliest of them); undefined without any. A date before the origin is 0.
 */
function deadlinePeriodOf(grid: PeriodGrid, t: SnapshotTask): number | undefined {
  // Finishing by the end of day D = the exclusive finish period is at most the first period after D.
  const byEndOf = (date: string) => grid.periodOf(dayOfDate(date) + 1);
  const limits: number[] = [];
  const milestone = t.durationPeriods === 0 ? 1 : 0; // a milestone "finishes" in the period it sits in
  if (t.deadline) limits.push(byEndOf(t.deadline) - milestone);
  if (t.constraint_date && t.constraint_type === 'FNLT') limits.push(byEndOf(t.constraint_date) - milestone);
  if (t.constraint_date && t.constraint_type === 'SNLT') limits.push(byEndOf(t.constraint_date) - 1 + t.durationPeriods);
  return limits.length ? Math.max(0, Math.min(...limits)) : undefined;
}

/**
 * Units booked per period on people (`person:<id>`) and roles (`role:<id>`) by unfinished tasks of projects
 * outside the run, on the levelling grid (the pieces of a task levelling split, else its whole span).
 */
async function loadOutsideBookings(db: Kysely<DB>, grid: PeriodGrid, projectIds: string[], personIds: string[], roleIds: string[], from: string, to: string): Promise<Map<string, PeriodBooking[]>> {
  const out = new Map<string, PeriodBooking[]>();
  if (!personIds.length && !roleIds.length) return out;
  const rows = await db
    .selectFrom('assignments as a')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .leftJoin('task_leveling as tl', 'tl.task_id', 'a.task_id')
    .select(['a.person_id', 'a.role_id', 'a.units_percent', 't.start', 't.finish', 'tl.pieces', 'tl.pieces_start', 'tl.pieces_finish'])
    .where('a.project_id', 'not in', projectIds)
    .where((eb) => eb.or([...(personIds.length ? [eb('a.person_id', 'in', personIds)] : []), ...(roleIds.length ? [eb('a.role_id', 'in', roleIds)] : [])]))
    .where('a.task_finish', '>=', from)
    .where('a.task_start', '<=', to)
    .where('t.actual_finish', 'is', null)
    .where(sql<boolean>`t.percent_complete < 100`)
    .orderBy('a.id')
    .execute();
  for (const r of rows) {
    if (!r.start || !r.finish) continue;
    const key = r.person_id ? `person:${r.person_id}` : `role:${r.role_id}`;
    const list = out.get(key) ?? [];
    const parts = validPieces(r, { start: r.start, finish: r.finish }) ?? [{ start: r.start, finish: r.finish }];
    for (const p of parts) list.push({ from: grid.periodOf(dayOfDate(p.start)), to: grid.periodOf(dayOfDate(p.finish) + 1), units: r.units_percent / 100 });
    out.set(key, list);
  }
  return out;
}

/** Runs the engine on a snapshot: LevelingError (bad data, cycles) becomes 422. */
export function runLeveling(snapshot: Snapshot, run: LevelingRun): { result: PortfolioLevelResult; changes: LevelingChange[] } {
  let result: PortfolioLevelResult;
  try {
    result = levelPortfolio(snapshot.input, {
      ...(run.strategy === 'optimize' ? { strategy: 'optimize', maxSchedules: OPTIMIZE_SCHEDULES, seed: 1 } : { strategy: 'priority' }),
      allowSplits: run.allowSplits,
    });
  } catch (e) {
    if (e instanceof LevelingError) throw new AppError(422, `leveling_${e.code.toLowerCase()}`, e.message);
    throw e;
  }
  const { grid } = snapshot;
  const at = (period: number, time: string) => `${dateOfDay(grid.dayOf(period))}T${time}`;
  const changes: LevelingChange[] = [];
  for (const lt of result.tasks) {
    const t = snapshot.tasks.get(lt.id)!;
    // Not moved and whole before and after: the task keeps its dates exactly as they are.
    if (lt.startPeriod === t.period && !lt.pieces && !t.pieces) continue;
    const startTime = timeOf(t.start);
    const finishTime = timeOf(t.finish);
    const newStart = at(lt.startPeriod, startTime);
    const newFinish = t.durationPeriods === 0 ? `${newStart.slice(0, 10)}T${finishTime}` : at(lt.finishPeriod - 1, finishTime);
    const pieces = lt.pieces ? lt.pieces.map((p) => ({ start: at(p.startPeriod, startTime), finish: at(p.finishPeriod - 1, finishTime) })) : null;
    const samePieces = JSON.stringify(pieces) === JSON.stringify(t.pieces);
    if (newStart === apiTime(t.start) && newFinish === apiTime(t.finish) && samePieces) continue;
    changes.push({
      taskId: t.id,
      projectId: t.project_id,
      name: t.name,
      version: t.version,
      oldStart: apiTime(t.start),
      oldFinish: apiTime(t.finish),
      newStart,
      newFinish,
      delayDays: lt.startPeriod - t.period,
      pieces,
    });
  }
  changes.sort((a, b) => a.projectId.localeCompare(b.projectId) || a.newStart.localeCompare(b.newStart) || a.taskId.localeCompare(b.taskId));
  return { result, changes };
}

const percent = (units: number) => `${Math.round(units * 100)} %`;

/** A conflict in the words of the plan: task and resource names, dates instead of periods. */
export function describeConflict(snapshot: Snapshot, c: PortfolioLevelResult['conflicts'][number]): { type: PortfolioLevelResult['conflicts'][number]['kind']; taskId: string; projectId: string | null; resourceName: string | null; message: string } {
  const task = snapshot.tasks.get(c.taskId);
  const name = task ? `"${task.name}"` : 'a task';
  const byKey = new Map(snapshot.resources.map((r) => [`${r.kind}:${r.id}`, r]));
  const res = 'resourceId' in c ? byKey.get(c.resourceId) : undefined;
  const who = res ? (res.kind === 'role' ? `the role ${res.name}` : res.name) : '';
  const day = (period: number) => dateOfDay(snapshot.grid.dayOf(Math.max(0, period)));
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
      message = `${name} is started or must start on ${task ? day(task.period) : '?'} and so stays where it is, overloading ${who} on ${day(c.period)}`;
      break;
    case 'fixed-start-link-violated': {
      const pred = snapshot.tasks.get(c.predecessorTaskId);
      message = `${name} is started or must start on ${task ? day(task.period) : '?'}, earlier than its link from "${pred?.name ?? c.predecessorTaskId}" allows`;
      break;
    }
    case 'deadline-missed':
      message = `${name} would finish on ${day(c.finishPeriod - (task?.durationPeriods === 0 ? 0 : 1))}, after its deadline or constraint (${day(c.deadlinePeriod - (task?.durationPeriods === 0 ? 0 : 1))})`;
      break;
  }
  return { type: c.kind, taskId: c.taskId, projectId: task?.project_id ?? null, resourceName: res?.name ?? null, message };
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

async function requireAll(db: Kysely<DB>, actor: Actor, projectIds: string[], action: 'read' | 'update') {
  for (const id of new Set(projectIds)) await requireProjectAccess(db, actor, id, action, 'task');
}

/** The levelling diff and conflicts for the projects (read access to each is enough to preview). */
export async function previewLeveling(db: Kysely<DB>, actor: Actor, body: LevelingRun) {
  await requireAll(db, actor, body.projectIds, 'read');
  const snap = await buildLevelingSnapshot(db, body);
  const { result, changes } = runLeveling(snap, body);
  return {
    previewToken: snap.token,
    origin: dateOfDay(snap.grid.originDay),
    changes,
    conflicts: result.conflicts.map((c) => describeConflict(snap, c)),
    load: levelingHistogram(snap, result, !seesAllProjects(actor)),
    stats: {
      tasks: result.stats.taskCount,
      resources: result.stats.resourceCount,
      delayedTasks: result.stats.delayedTasks,
      makespanDays: result.stats.makespanPeriods,
      unleveledMakespanDays: result.stats.unleveledMakespanPeriods,
      splitTasks: result.stats.splitTasks,
    },
  };
}

/**
 * Writes new task dates with a version check on every row; throws 409 (and so rolls the caller's
 * transaction back) when any task changed. Call inside a transaction.
 */
export async function writeLevelingChanges(tx: Kysely<DB>, changes: readonly LevelingChange[]): Promise<void> {
  const CHUNK = 1000;
  for (let i = 0; i < changes.length; i += CHUNK) {
    const part = changes.slice(i, i + CHUNK);
    const values = sql.join(part.map((c) => sql`(${c.taskId}::uuid, ${c.version}::int, ${c.newStart.replace('T', ' ')}::timestamp, ${c.newFinish.replace('T', ' ')}::timestamp)`));
    const res = await sql<{ id: string }>`
      update tasks as t set start = v.start, finish = v.finish, version = t.version + 1, updated_at = now()
      from (values ${values}) as v(id, version, start, finish)
      where t.id = v.id and t.version = v.version
      returning t.id`.execute(tx);
    if (res.rows.length !== part.length) throw new AppError(409, 'leveling_stale', 'a task changed since the levelling preview; preview again');
  }
}

/**
 * Records the pieces of split tasks (valid while the task keeps the new start and finish) and clears the pieces
 * of tasks that are whole again. Call inside the apply transaction, after the dates are written.
 */
export async function writePieces(tx: Kysely<DB>, changes: readonly LevelingChange[]): Promise<void> {
  const split = changes.filter((c) => c.pieces);
  const whole = changes.filter((c) => !c.pieces).map((c) => c.taskId);
  if (whole.length) await tx.updateTable('task_leveling').set({ pieces: null, pieces_start: null, pieces_finish: null }).where('task_id', 'in', whole).execute();
  for (let i = 0; i < split.length; i += 1000) {
    const part = split.slice(i, i + 1000);
    await tx
      .insertInto('task_leveling')
      .values(part.map((c) => ({ task_id: c.taskId, project_id: c.projectId, pieces: JSON.stringify(c.pieces), pieces_start: c.newStart.replace('T', ' '), pieces_finish: c.newFinish.replace('T', ' ') })))
      .onConflict((oc) => oc.column('task_id').doUpdateSet((eb) => ({ pieces: eb.ref('excluded.pieces'), pieces_start: eb.ref('excluded.pieces_start'), pieces_finish: eb.ref('excluded.pieces_finish'), updated_at: new Date() })))
      .execute();
  }
}

/** Recomputes summary task dates of a project after detail tasks moved. */
async function rollUpSummaries(tx: Kysely<DB>, projectId: string): Promise<void> {
  const rows = await tx.selectFrom('tasks').select(['id', 'parent_id', 'sort_order', 'start', 'finish', 'duration_minutes', 'percent_complete', 'is_summary']).where('project_id', '=', projectId).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const derived = deriveWbs(rows.map((r) => ({ id: r.id, parentId: r.parent_id, sortOrder: r.sort_order, start: r.start, finish: r.finish, durationMinutes: r.duration_minutes, percentComplete: Number(r.percent_complete) })));
  for (const d of derived) {
    const r = byId.get(d.id)!;
    if (!r.is_summary || (r.start === d.start && r.finish === d.finish)) continue;
    await tx.updateTable('tasks').set((eb) => ({ start: d.start, finish: d.finish, version: eb('version', '+', 1), updated_at: new Date() })).where('id', '=', d.id).execute();
  }
}

/** Applies the levelling previewed with `previewToken` in one transaction (409 if anything changed since). */
export async function applyLeveling(db: Kysely<DB>, actor: Actor, body: LevelingRun & { previewToken: string }) {
  await requireAll(db, actor, body.projectIds, 'update');
  return db.transaction().execute(async (tx) => {
    const snap = await buildLevelingSnapshot(tx, body);
    if (snap.token !== body.previewToken) throw new AppError(409, 'leveling_stale', 'the tasks, links, assignments or capacities changed since the preview; preview again');
    const { changes } = runLeveling(snap, body);
    await writeLevelingChanges(tx, changes);
    await writePieces(tx, changes);
    for (const projectId of new Set(body.projectIds)) {
      const mine = changes.filter((c) => c.projectId === projectId);
      if (mine.length) await rollUpSummaries(tx, projectId);
      await recordChange(tx, {
        actorId: actor.userId,
        action: 'leveled',
        entityType: 'project',
        entityId: projectId,
        projectId,
        after: { strategy: body.strategy, allowSplits: body.allowSplits, projectIds: body.projectIds, changes: mine.map((c) => ({ taskId: c.taskId, from: c.oldStart, to: c.newStart, delayDays: c.delayDays, ...(c.pieces ? { pieces: c.pieces } : {}) })) },
      });
    }
    return { applied: changes.length, changes };
  });
}
