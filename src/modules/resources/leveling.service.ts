/**
 * Levelling through the API: builds the engine input from the database (detail tasks, links, assignments,
 * person capacity per period from their calendars net of non-project time, project priority from the order of
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
import { capacityFactor, dateOfDay, dayOfDate, PeriodGrid, type CalendarDays } from '../../domain/resources/index.js';
import { deriveWbs } from '../../domain/wbs/wbs.js';
import { AppError } from '../../server/errors.js';
import type { Actor } from '../../server/policy.js';
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
  percent_complete: string;
  calendar_uid: number | null;
  version: number;
}

interface SnapshotTask extends TaskRow {
  period: number;
  durationPeriods: number;
  /** Valid pieces from an earlier split, as schedule times. */
  pieces: { start: string; finish: string }[] | null;
}

interface Snapshot {
  input: PortfolioInput;
  tasks: Map<string, SnapshotTask>;
  grid: PeriodGrid;
  token: string;
}

const apiTime = (v: string) => v.replace(' ', 'T').slice(0, 19);
const timeOf = (v: string) => apiTime(v).slice(11) || '00:00:00';

function validPieces(row: { pieces: unknown; pieces_start: string | null; pieces_finish: string | null } | undefined, t: TaskRow): { start: string; finish: string }[] | null {
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
    .select(['id', 'project_id', 'name', 'start', 'finish', 'duration_minutes', 'is_milestone', 'constraint_type', 'actual_start', 'percent_complete', 'calendar_uid', 'version'])
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
    tasks.set(r.id, { ...r, period, durationPeriods, pieces });
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
    ? await db.selectFrom('people').leftJoin('person_capacity', 'person_capacity.person_id', 'people.id').select(['people.id', 'minutes_per_week', 'part_time_percent', 'calendar_uid']).where('people.id', 'in', everyone).execute()
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
  const resourceOf = (id: string, profile: { tail: number; byPeriod: number[] }) =>
    profile.byPeriod.every((v) => v === profile.tail) ? { id, capacity: profile.tail } : { id, capacity: profile.tail, capacityByPeriod: profile.byPeriod };
  const resources: PortfolioInput['resources'] = personIds.map((id) => resourceOf(`person:${id}`, profiles.get(id)!));
  for (const roleId of roleIds) {
    const pool = { tail: 0, byPeriod: new Array<number>(horizon).fill(0) };
    for (const m of members) {
      if (m.role_id !== roleId) continue;
      const p = profiles.get(m.person_id)!;
      pool.tail += p.tail;
      for (let k = 0; k < horizon; k++) pool.byPeriod[k]! += p.byPeriod[k]!;
    }
    pool.tail = Math.round(pool.tail * 100) / 100;
    pool.byPeriod = pool.byPeriod.map((v) => Math.round(v * 100) / 100);
    resources.push(resourceOf(`role:${roleId}`, pool));
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
      const demands = [...(demandsOf.get(t.id) ?? new Map<string, number>())].map(([resourceId, units]) => ({ resourceId, units }));
      const canSplit = optionOf.get(t.id)?.can_split ?? true;
      return {
        id: t.id,
        projectId: t.project_id,
        durationPeriods: t.durationPeriods,
        ...(started ? { fixedStartPeriod: t.period } : { earliestStartPeriod: t.period }),
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
  return { input, tasks, grid, token };
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
    conflicts: result.conflicts.map((c) => ({ type: c.kind, taskId: 'taskId' in c ? c.taskId : null, message: c.message })),
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
