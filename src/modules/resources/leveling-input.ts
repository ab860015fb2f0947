/**
 * The levelling engine's input from the database: detail tasks, links, assignments, person and role-pool
 * capacity per period from their calendars net of non-project time and of the work other projects already have
 * booked on them, deadlines and "no later than" constraints, project and task priorities (stored, or the order of
 * `projectIds` as an override; a task at priority 1000 is never moved), and the preview token (a hash of all of it
 * and every task's version, dates and pieces).
 *
 * Periods are the days on which the calendars of the levelled tasks work (their own calendar, else their
 * project's, else the organisation's Standard), counted from the earliest task start: one calendar for the whole
 * portfolio levels exactly on its working days, holidays included. A person's capacity in a period is their
 * contract hours spread over their own calendar's working time that day, in units of their normal working day
 * (1 = a full-time day, 0.5 half, 0 on holidays and non-project time). A role pool's capacity is the sum of its
 * holders'; a holder's named work in the run is booked on each pool they hold as well as on them, so placeholders
 * and named work together never overbook the holders.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { PortfolioInput } from '../../domain/leveling/index.js';
import { addBookings, capacityFactor, dateOfDay, dayOfDate, netCapacity, PeriodGrid, withPoolDemands, type CalendarDays, type LoadResource, type PeriodBooking } from '../../domain/resources/index.js';
import { CalendarSet } from './calendar-store.js';

export type LevelingStrategy = 'priority' | 'optimize';
/** 'priority': the projects' stored priorities (higher first, equal ones levelled together); 'given': the order of `projectIds`. */
export type LevelingProjectOrder = 'priority' | 'given';

/** MS Project's "do not level": a task with this priority is never moved by levelling. */
export const DO_NOT_LEVEL_PRIORITY = 1000;

/** Options of a levelling run. */
export interface LevelingRun {
  projectIds: string[];
  /** How projects rank against each other (default 'priority'). */
  projectOrder?: LevelingProjectOrder;
  strategy: LevelingStrategy;
  /** Let levelling split tasks (those not marked "may not split") at period boundaries. */
  allowSplits: boolean;
}

/** Schedule passes of the 'optimize' strategy: a fixed budget keeps preview and apply identical. */
export const OPTIMIZE_SCHEDULES = 300;
const DAY_MINUTES = 480;
const DEFAULT_MINUTES_PER_WEEK = 2400;
/** Periods of explicit capacity per resource (about 23 years of working days); the tail capacity applies after. */
const MAX_PROFILE_PERIODS = 6000;

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
  priority: number;
  version: number;
}

export interface SnapshotTask extends TaskRow {
  period: number;
  durationPeriods: number;
  /** Where the task's work lies now, in periods (one range, or one per valid piece; finish exclusive). */
  spans: [number, number][];
  /** Valid pieces from an earlier split, as schedule times. */
  pieces: { start: string; finish: string }[] | null;
}

/** A levelling resource as the preview shows it: gross capacity per period and the load of other projects. */
export interface SnapshotResource extends LoadResource {
  kind: 'person' | 'role';
  id: string;
  name: string;
}

/** Everything a levelling run needs and reports against. */
export interface Snapshot {
  input: PortfolioInput;
  tasks: Map<string, SnapshotTask>;
  grid: PeriodGrid;
  /** In the order of `input.resources`. */
  resources: SnapshotResource[];
  /**
   * Per task, the role pools (`role:<id>`) it draws on only because a holder of the role works on it by name
   * (no placeholder of the role on the task): the engine books the holder's named work on the pool too.
   */
  derivedPools: Map<string, Set<string>>;
  token: string;
}

/** A schedule time as the API writes it (YYYY-MM-DDTHH:MM:SS). */
export const apiTime = (v: string) => v.replace(' ', 'T').slice(0, 19);
/** The time of day of a schedule time. */
export const timeOf = (v: string) => apiTime(v).slice(11) || '00:00:00';

/** The pieces of a task levelling split, if still valid for its current start and finish. */
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

/** Why a task is never moved by levelling, or null when levelling may move it. */
export function fixedReason(t: Pick<TaskRow, 'actual_start' | 'percent_complete' | 'constraint_type' | 'priority'>): 'started' | 'must-start' | 'do-not-level' | null {
  if (t.actual_start !== null || Number(t.percent_complete) > 0) return 'started';
  if (t.constraint_type === 'MSO' || t.constraint_type === 'MFO') return 'must-start';
  return t.priority >= DO_NOT_LEVEL_PRIORITY ? 'do-not-level' : null;
}

/**
 * Loads the levelling input of the projects: ranked by their stored priorities, or with `projectOrder: 'given'`
 * in the order of `projectIds` (first = most important).
 */
export async function buildLevelingSnapshot(db: Kysely<DB>, run: LevelingRun): Promise<Snapshot> {
  const ids = [...new Set(run.projectIds)];
  const stored = ids.length ? new Map((await db.selectFrom('projects').select(['id', 'priority']).where('id', 'in', ids).execute()).map((p) => [p.id, p.priority])) : new Map<string, number>();
  const rows = (await db
    .selectFrom('tasks')
    .select(['id', 'project_id', 'name', 'start', 'finish', 'duration_minutes', 'is_milestone', 'constraint_type', 'actual_start', 'actual_finish', 'percent_complete', 'calendar_uid', 'deadline', 'constraint_date', 'priority', 'version'])
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
  // A pool's capacity is its holders': their named work in this run comes out of it too (levelled jointly).
  const poolsOf = new Map<string, string[]>();
  for (const m of members) {
    const key = `person:${m.person_id}`;
    poolsOf.set(key, [...(poolsOf.get(key) ?? []), `role:${m.role_id}`]);
  }
  const derivedPools = new Map<string, Set<string>>();

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
    projects: ids.map((id, i) => ({ id, priority: run.projectOrder === 'given' ? ids.length - i : stored.get(id) ?? 500 })),
    tasks: [...tasks.values()].map((t) => {
      const why = fixedReason(t);
      const started = why === 'started' || why === 'must-start';
      // A finished task needs nobody any more (it stays where it is, for its links).
      const done = t.actual_finish !== null || Number(t.percent_complete) >= 100;
      const pooled = withPoolDemands(done ? [] : [...(demandsOf.get(t.id) ?? new Map<string, number>())].map(([resourceId, units]) => ({ resourceId, units })), poolsOf);
      const demands = pooled.demands;
      if (pooled.derivedOnly.length) derivedPools.set(t.id, new Set(pooled.derivedOnly));
      const canSplit = optionOf.get(t.id)?.can_split ?? true;
      const deadline = started ? undefined : deadlinePeriodOf(grid, t);
      return {
        id: t.id,
        projectId: t.project_id,
        durationPeriods: t.durationPeriods,
        ...(why ? { fixedStartPeriod: t.period } : { earliestStartPeriod: t.period }),
        ...(deadline !== undefined ? { deadlinePeriod: deadline } : {}),
        priority: t.priority,
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
  const token = createHash('sha256').update(JSON.stringify({ run: { strategy: run.strategy, allowSplits: run.allowSplits, projectOrder: run.projectOrder ?? 'priority' }, input, versions })).digest('base64url');
  return { input, tasks, grid, resources: shown, derivedPools, token };
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

