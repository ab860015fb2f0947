/**
 * Levelling through the API: runs `levelPortfolio` on the input built by `leveling-input.ts` with a fixed schedule
 * budget (deterministic, so apply reproduces the preview), and answers the diff with the conflicts and the load
 * histogram (`leveling-report.ts`). Apply re-derives the input, refuses with 409 when anything changed since the
 * preview token was issued, and writes every new date, the pieces of split tasks, the summary roll-ups and one
 * audit entry per project in one transaction.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { levelPortfolio, LevelingError, type PortfolioLevelResult } from '../../domain/leveling/index.js';
import { dateOfDay } from '../../domain/resources/index.js';
import { deriveWbs } from '../../domain/wbs/wbs.js';
import { AppError } from '../../server/errors.js';
import { seesAllProjects, type Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import { requireProjectAccess } from '../projects/projects.service.js';
import { apiTime, buildLevelingSnapshot, OPTIMIZE_SCHEDULES, timeOf, type LevelingRun, type Snapshot } from './leveling-input.js';
import { describeConflicts, levelingHistogram } from './leveling-report.js';

export type { LevelingRun, LevelingStrategy } from './leveling-input.js';

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
    conflicts: describeConflicts(snap, result.conflicts),
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
        after: { strategy: body.strategy, allowSplits: body.allowSplits, projectOrder: body.projectOrder ?? 'priority', projectIds: body.projectIds, changes: mine.map((c) => ({ taskId: c.taskId, from: c.oldStart, to: c.newStart, delayDays: c.delayDays, ...(c.pieces ? { pieces: c.pieces } : {}) })) },
      });
    }
    return { applied: changes.length, changes };
  });
}
