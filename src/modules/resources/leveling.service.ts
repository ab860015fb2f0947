/**
 * Levelling through the API: builds the engine input from the database (detail tasks, links, assignments,
 * person capacity net of non-project time, project priority from the order of `projectIds`), runs
 * `levelPortfolio` with a fixed schedule budget (deterministic, so apply reproduces the preview), and
 * answers the diff. Apply re-derives the input, refuses with 409 when anything changed since the preview
 * token was issued, and writes every new date, the summary roll-ups and one audit entry per project in
 * one transaction. Periods are working days (Monday-Friday) counted from the earliest task start.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { levelPortfolio, LevelingError, type PortfolioInput, type PortfolioLevelResult } from '../../domain/leveling/index.js';
import { deriveWbs } from '../../domain/wbs/wbs.js';
import { AppError } from '../../server/errors.js';
import type { Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import { requireProjectAccess } from '../projects/projects.service.js';
import { dateOfDay, dayNumber, dayOfWorkdayIndex, workdayIndex } from './working-days.js';

export type LevelingStrategy = 'priority' | 'optimize';

/** Schedule passes of the 'optimize' strategy: a fixed budget keeps preview and apply identical. */
const OPTIMIZE_SCHEDULES = 300;
const DAY_MINUTES = 480;
const DEFAULT_MINUTES_PER_WEEK = 2400;

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
  version: number;
}

interface Snapshot {
  input: PortfolioInput;
  tasks: Map<string, TaskRow & { period: number }>;
  originIndex: number;
  token: string;
}

const apiTime = (v: string) => v.replace(' ', 'T').slice(0, 19);

/** Loads the levelling input of the projects (in priority order, first = most important). */
export async function buildLevelingSnapshot(db: Kysely<DB>, projectIds: string[], strategy: LevelingStrategy): Promise<Snapshot> {
  const ids = [...new Set(projectIds)];
  const rows = (await db
    .selectFrom('tasks')
    .select(['id', 'project_id', 'name', 'start', 'finish', 'duration_minutes', 'is_milestone', 'constraint_type', 'actual_start', 'percent_complete', 'version'])
    .where('project_id', 'in', ids)
    .where('is_summary', '=', false)
    .where('start', 'is not', null)
    .where('finish', 'is not', null)
    .orderBy('project_id')
    .orderBy('sort_order')
    .orderBy('id')
    .execute()) as TaskRow[];
  const originIndex = rows.length ? Math.min(...rows.map((r) => workdayIndex(dayNumber(r.start)))) : 0;
  const tasks = new Map<string, TaskRow & { period: number }>();
  for (const r of rows) tasks.set(r.id, { ...r, period: workdayIndex(dayNumber(r.start)) - originIndex });

  const assignments = await db
    .selectFrom('assignments')
    .select(['task_id', 'person_id', 'role_id', 'units_percent'])
    .where('project_id', 'in', ids)
    .orderBy('task_id')
    .orderBy('id')
    .execute();
  const personIds = [...new Set(assignments.flatMap((a) => (a.person_id && tasks.has(a.task_id) ? [a.person_id] : [])))].sort();
  const roleIds = [...new Set(assignments.flatMap((a) => (a.role_id && tasks.has(a.task_id) ? [a.role_id] : [])))].sort();
  const caps = personIds.length ? await db.selectFrom('person_capacity').selectAll().where('person_id', 'in', personIds).execute() : [];
  const capOf = new Map(caps.map((c) => [c.person_id, (c.minutes_per_week * c.part_time_percent) / 100 / DEFAULT_MINUTES_PER_WEEK]));
  const npt = personIds.length ? await db.selectFrom('non_project_time').select(['person_id', 'from_date', 'to_date']).where('person_id', 'in', personIds).orderBy('person_id').orderBy('from_date').execute() : [];
  const members = roleIds.length ? await db.selectFrom('role_members').select(['person_id', 'role_id']).where('role_id', 'in', roleIds).execute() : [];
  const memberCaps = members.length
    ? await db.selectFrom('people').leftJoin('person_capacity', 'person_capacity.person_id', 'people.id').select(['people.id', 'minutes_per_week', 'part_time_percent']).where('people.id', 'in', members.map((m) => m.person_id)).execute()
    : [];
  const memberCap = new Map(memberCaps.map((m) => [m.id, ((m.minutes_per_week ?? DEFAULT_MINUTES_PER_WEEK) * (m.part_time_percent ?? 100)) / 100 / DEFAULT_MINUTES_PER_WEEK]));

  const resources: PortfolioInput['resources'] = personIds.map((id) => {
    const capacity = Math.round((capOf.get(id) ?? 1) * 100) / 100;
    const byPeriod: number[] = [];
    for (const v of npt.filter((n) => n.person_id === id)) {
      for (let d = dayNumber(v.from_date); d <= dayNumber(v.to_date); d++) {
        if (d % 7 >= 5) continue;
        const p = workdayIndex(d) - originIndex;
        if (p < 0 || p > 5000) continue;
        while (byPeriod.length <= p) byPeriod.push(capacity);
        byPeriod[p] = 0;
      }
    }
    return byPeriod.length ? { id: `person:${id}`, capacity, capacityByPeriod: byPeriod } : { id: `person:${id}`, capacity };
  });
  for (const roleId of roleIds) {
    const total = members.filter((m) => m.role_id === roleId).reduce((s, m) => s + (memberCap.get(m.person_id) ?? 1), 0);
    resources.push({ id: `role:${roleId}`, capacity: Math.round(total * 100) / 100 });
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
      const durationPeriods = t.is_milestone || t.duration_minutes === 0 ? 0 : Math.max(1, workdayIndex(dayNumber(t.finish) + 1) - workdayIndex(dayNumber(t.start)));
      const started = t.actual_start !== null || Number(t.percent_complete) > 0 || t.constraint_type === 'MSO' || t.constraint_type === 'MFO';
      const demands = [...(demandsOf.get(t.id) ?? new Map<string, number>())].map(([resourceId, units]) => ({ resourceId, units }));
      return {
        id: t.id,
        projectId: t.project_id,
        durationPeriods,
        ...(started ? { fixedStartPeriod: t.period } : { earliestStartPeriod: t.period }),
        demands,
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
  const versions = [...tasks.values()].map((t) => [t.id, t.version, t.start, t.finish]);
  const token = createHash('sha256').update(JSON.stringify({ strategy, input, versions })).digest('base64url');
  return { input, tasks, originIndex, token };
}

/** Runs the engine on a snapshot: LevelingError (bad data, cycles) becomes 422. */
export function runLeveling(snapshot: Snapshot, strategy: LevelingStrategy): { result: PortfolioLevelResult; changes: LevelingChange[] } {
  let result: PortfolioLevelResult;
  try {
    result = levelPortfolio(snapshot.input, strategy === 'optimize' ? { strategy: 'optimize', maxSchedules: OPTIMIZE_SCHEDULES, seed: 1 } : { strategy: 'priority' });
  } catch (e) {
    if (e instanceof LevelingError) throw new AppError(422, `leveling_${e.code.toLowerCase()}`, e.message);
    throw e;
  }
  const changes: LevelingChange[] = [];
  for (const lt of result.tasks) {
    const t = snapshot.tasks.get(lt.id)!;
    const delta = lt.startPeriod - t.period;
    if (delta === 0) continue;
    const newStartDay = dayOfWorkdayIndex(snapshot.originIndex + lt.startPeriod);
    const newFinishDay = dayOfWorkdayIndex(workdayIndex(dayNumber(t.finish)) + delta);
    changes.push({
      taskId: t.id,
      projectId: t.project_id,
      name: t.name,
      version: t.version,
      oldStart: apiTime(t.start),
      oldFinish: apiTime(t.finish),
      newStart: `${dateOfDay(newStartDay)}T${apiTime(t.start).slice(11)}`,
      newFinish: `${dateOfDay(newFinishDay)}T${apiTime(t.finish).slice(11)}`,
      delayDays: delta,
    });
  }
  changes.sort((a, b) => a.projectId.localeCompare(b.projectId) || a.newStart.localeCompare(b.newStart) || a.taskId.localeCompare(b.taskId));
  return { result, changes };
}

async function requireAll(db: Kysely<DB>, actor: Actor, projectIds: string[], action: 'read' | 'update') {
  for (const id of new Set(projectIds)) await requireProjectAccess(db, actor, id, action, 'task');
}

/** The levelling diff and conflicts for the projects (read access to each is enough to preview). */
export async function previewLeveling(db: Kysely<DB>, actor: Actor, body: { projectIds: string[]; strategy: LevelingStrategy }) {
  await requireAll(db, actor, body.projectIds, 'read');
  const snap = await buildLevelingSnapshot(db, body.projectIds, body.strategy);
  const { result, changes } = runLeveling(snap, body.strategy);
  return {
    previewToken: snap.token,
    origin: dateOfDay(dayOfWorkdayIndex(snap.originIndex)),
    changes,
    conflicts: result.conflicts.map((c) => ({ type: c.kind, taskId: 'taskId' in c ? c.taskId : null, message: c.message })),
    stats: {
      tasks: result.stats.taskCount,
      resources: result.stats.resourceCount,
      delayedTasks: result.stats.delayedTasks,
      makespanDays: result.stats.makespanPeriods,
      unleveledMakespanDays: result.stats.unleveledMakespanPeriods,
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
export async function applyLeveling(db: Kysely<DB>, actor: Actor, body: { projectIds: string[]; strategy: LevelingStrategy; previewToken: string }) {
  await requireAll(db, actor, body.projectIds, 'update');
  return db.transaction().execute(async (tx) => {
    const snap = await buildLevelingSnapshot(tx, body.projectIds, body.strategy);
    if (snap.token !== body.previewToken) throw new AppError(409, 'leveling_stale', 'the tasks, links, assignments or capacities changed since the preview; preview again');
    const { changes } = runLeveling(snap, body.strategy);
    await writeLevelingChanges(tx, changes);
    for (const projectId of new Set(body.projectIds)) {
      const mine = changes.filter((c) => c.projectId === projectId);
      if (mine.length) await rollUpSummaries(tx, projectId);
      await recordChange(tx, {
        actorId: actor.userId,
        action: 'leveled',
        entityType: 'project',
        entityId: projectId,
        projectId,
        after: { strategy: body.strategy, projectIds: body.projectIds, changes: mine.map((c) => ({ taskId: c.taskId, from: c.oldStart, to: c.newStart, delayDays: c.delayDays })) },
      });
    }
    return { applied: changes.length, changes };
  });
}
