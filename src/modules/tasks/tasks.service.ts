/** Use cases for the WBS: tasks and links, with derived WBS fields kept consistent in the same transaction. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, LinkType } from '../../db/schema.js';
import { deriveWbs, findLinkCycle, wouldCreateParentCycle } from '../../domain/wbs/wbs.js';
import { AppError, notFound, versionConflict } from '../../server/errors.js';
import type { Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import { requireProjectAccess } from '../projects/projects.service.js';
import * as repo from './tasks.repo.js';
import type { TaskResponse } from './tasks.schemas.js';

/** 'YYYY-MM-DD HH:mm:ss' (database) <-> 'YYYY-MM-DDTHH:mm:ss' (API). */
const toApiTime = (v: string | null) => (v === null ? null : v.replace(' ', 'T').slice(0, 19));
const toDbTime = (v: string | null | undefined) => (v === null || v === undefined ? v : `${v.replace('T', ' ')}${v.length === 16 ? ':00' : ''}`);

export function presentTask(t: repo.TaskRow): TaskResponse {
  return {
    id: t.id,
    projectId: t.project_id,
    parentId: t.parent_id,
    sortOrder: t.sort_order,
    wbs: t.wbs,
    outlineLevel: t.outline_level,
    name: t.name,
    start: toApiTime(t.start),
    finish: toApiTime(t.finish),
    durationMinutes: t.duration_minutes,
    percentComplete: Number(t.percent_complete),
    isMilestone: t.is_milestone,
    isSummary: t.is_summary,
    notes: t.notes,
    manual: t.manual,
    constraintType: t.constraint_type as TaskResponse['constraintType'],
    constraintDate: toApiTime(t.constraint_date),
    deadline: toApiTime(t.deadline),
    earlyStart: toApiTime(t.early_start),
    earlyFinish: toApiTime(t.early_finish),
    lateStart: toApiTime(t.late_start),
    lateFinish: toApiTime(t.late_finish),
    totalSlackMinutes: t.total_slack_minutes,
    freeSlackMinutes: t.free_slack_minutes,
    critical: t.critical,
    priority: t.priority,
    baselineStart: toApiTime(t.baseline_start),
    baselineFinish: toApiTime(t.baseline_finish),
    version: t.version,
  };
}

const presentLink = (l: repo.LinkRow) => ({
  id: l.id,
  projectId: l.project_id,
  predecessorId: l.predecessor_id,
  successorId: l.successor_id,
  type: l.type,
  lagMinutes: l.lag_minutes,
  version: l.version,
});

const WORK_DAY_MINUTES = 480;

/**
 * Finish of a task from its start and working duration on the standard calendar (Mon-Fri, 08:00-12:00 and
 * 13:00-17:00). Used until a project has its own calendars; the scheduling engine replaces it.
 */
export function standardFinish(start: string, durationMinutes: number): string {
  const d = new Date(`${start.replace(' ', 'T')}Z`);
  let remaining = durationMinutes;
  const minuteOfDay = () => d.getUTCHours() * 60 + d.getUTCMinutes();
  const isWorkday = () => d.getUTCDay() !== 0 && d.getUTCDay() !== 6;
  const windows = [
    [480, 720],
    [780, 1020],
  ] as const;
  for (let guard = 0; guard < 200_000; guard++) {
    if (isWorkday()) {
      for (const [a, b] of windows) {
        const m = minuteOfDay();
        if (m >= b) continue;
        const from = Math.max(m, a);
        const take = Math.min(remaining, b - from);
        d.setUTCMinutes(d.getUTCMinutes() + (from - m) + take);
        remaining -= take;
        if (remaining === 0) return d.toISOString().slice(0, 19).replace('T', ' ');
      }
    }
    d.setUTCDate(d.getUTCDate() + 1);
    d.setUTCHours(8, 0, 0, 0);
  }
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

/** Recomputes order, WBS codes, levels, summaries and roll-ups of a project; writes only rows that changed. */
async function normaliseWbs(tx: Kysely<DB>, projectId: string): Promise<void> {
  const rows = await repo.listTasks(tx, projectId);
  const derived = deriveWbs(
    rows.map((r) => ({ id: r.id, parentId: r.parent_id, sortOrder: r.sort_order, start: r.start, finish: r.finish, durationMinutes: r.duration_minutes, percentComplete: Number(r.percent_complete) })),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const changed: repo.DerivedFields[] = [];
  for (const d of derived) {
    const r = byId.get(d.id)!;
    if (
      r.sort_order !== d.sortOrder ||
      r.wbs !== d.wbs ||
      r.outline_level !== d.outlineLevel ||
      r.is_summary !== d.isSummary ||
      r.start !== d.start ||
      r.finish !== d.finish ||
      r.duration_minutes !== d.durationMinutes ||
      Number(r.percent_complete) !== d.percentComplete
    ) {
      changed.push({ id: d.id, sort_order: d.sortOrder, wbs: d.wbs, outline_level: d.outlineLevel, is_summary: d.isSummary, start: d.start, finish: d.finish, duration_minutes: d.durationMinutes, percent_complete: d.percentComplete });
    }
  }
  if (changed.length) await repo.updateDerived(tx, changed);
}

export async function listTasks(db: Kysely<DB>, actor: Actor, projectId: string): Promise<TaskResponse[]> {
  await requireProjectAccess(db, actor, projectId, 'read', 'task');
  return (await repo.listTasks(db, projectId)).map(presentTask);
}

/** Checks access to the project an item belongs to; an item of a project the actor may not see is simply not found. */
async function requireItemAccess(db: Kysely<DB>, actor: Actor, projectId: string, action: 'read' | 'update' | 'delete', what: 'task' | 'link') {
  await requireProjectAccess(db, actor, projectId, action, 'task').catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'not_found') throw notFound(what);
    throw err;
  });
}

async function loadTask(db: Kysely<DB>, actor: Actor, taskId: string, action: 'read' | 'update' | 'delete') {
  const task = await repo.findTask(db, taskId);
  if (!task) throw notFound('task');
  await requireItemAccess(db, actor, task.project_id, action, 'task');
  return task;
}

export async function getTask(db: Kysely<DB>, actor: Actor, taskId: string): Promise<TaskResponse> {
  return presentTask(await loadTask(db, actor, taskId, 'read'));
}

export interface NewTask {
  name: string;
  parentId?: string | null;
  afterId?: string | null;
  start?: string | null;
  finish?: string | null;
  durationMinutes?: number;
  percentComplete?: number;
  isMilestone?: boolean;
  notes?: string | null;
  priority?: number;
}

/** Adds a task at the end of its parent (or right after `afterId`). */
export async function createTask(db: Kysely<DB>, actor: Actor, projectId: string, input: NewTask): Promise<TaskResponse> {
  const id = await db.transaction().execute(async (tx) => {
    await requireProjectAccess(tx, actor, projectId, 'create', 'task');
    const tasks = await repo.listTasks(tx, projectId);
    const byId = new Map(tasks.map((t) => [t.id, t]));
    const parentId = input.parentId ?? null;
    if (parentId && !byId.has(parentId)) throw new AppError(422, 'invalid_reference', 'the parent task is not in this project');
    let sortOrder = tasks.length ? tasks[tasks.length - 1]!.sort_order + 1 : 1;
    if (input.afterId) {
      const after = byId.get(input.afterId);
      if (!after) throw new AppError(422, 'invalid_reference', 'afterId is not a task of this project');
      sortOrder = after.sort_order + 1;
      await repo.shiftSortOrder(tx, projectId, sortOrder);
    } else if (parentId) {
      // After the parent's last descendant.
      const parent = byId.get(parentId)!;
      const descendants = new Set([parentId]);
      let last = parent.sort_order;
      for (const t of tasks) {
        if (t.parent_id && descendants.has(t.parent_id)) {
          descendants.add(t.id);
          last = Math.max(last, t.sort_order);
        }
      }
      sortOrder = last + 1;
      await repo.shiftSortOrder(tx, projectId, sortOrder);
    }
    const isMilestone = input.isMilestone ?? false;
    const duration = input.durationMinutes ?? (isMilestone ? 0 : WORK_DAY_MINUTES);
    let start = toDbTime(input.start) ?? null;
    let finish = toDbTime(input.finish) ?? null;
    if (!start) {
      const project = await tx.selectFrom('projects').select('start_date').where('id', '=', projectId).executeTakeFirstOrThrow();
      start = project.start_date ? `${project.start_date} 08:00:00` : null;
    }
    if (start && !finish) finish = duration === 0 ? start : standardFinish(start, duration);
    if (start && finish && finish < start) throw new AppError(422, 'invalid_dates', 'the finish is before the start');
    const row = await repo.insertTask(tx, {
      id: randomUUID(),
      project_id: projectId,
      parent_id: parentId,
      sort_order: sortOrder,
      name: input.name,
      start,
      finish,
      duration_minutes: duration,
      percent_complete: input.percentComplete ?? 0,
      is_milestone: isMilestone,
      notes: input.notes ?? null,
      ...(input.priority !== undefined ? { priority: input.priority } : {}),
    });
    await normaliseWbs(tx, projectId);
    await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'task', entityId: row.id, projectId, after: { name: row.name, parentId, start, finish, durationMinutes: duration, priority: row.priority }, version: 1 });
    return row.id;
  });
  return presentTask((await repo.findTask(db, id))!);
}

export interface TaskPatch {
  name?: string;
  parentId?: string | null;
  sortOrder?: number;
  start?: string | null;
  finish?: string | null;
  durationMinutes?: number;
  percentComplete?: number;
  isMilestone?: boolean;
  notes?: string | null;
  priority?: number;
}

/** Changes a task with optimistic concurrency; moving or resizing keeps the WBS roll-ups consistent. */
export async function updateTask(db: Kysely<DB>, actor: Actor, taskId: string, version: number, patch: TaskPatch): Promise<TaskResponse> {
  await db.transaction().execute(async (tx) => {
    const before = await loadTask(tx, actor, taskId, 'update');
    const projectId = before.project_id;
    if (patch.parentId !== undefined && patch.parentId !== before.parent_id) {
      const tasks = await repo.listTasks(tx, projectId);
      if (patch.parentId !== null && !tasks.some((t) => t.id === patch.parentId)) throw new AppError(422, 'invalid_reference', 'the parent task is not in this project');
      if (wouldCreateParentCycle(tasks.map((t) => ({ id: t.id, parentId: t.parent_id })), taskId, patch.parentId)) {
        throw new AppError(422, 'parent_cycle', 'a task cannot be moved under itself or its own subtasks');
      }
    }
    let start = patch.start === undefined ? before.start : toDbTime(patch.start) ?? null;
    let finish = patch.finish === undefined ? before.finish : toDbTime(patch.finish) ?? null;
    const duration = patch.durationMinutes ?? before.duration_minutes;
    if (patch.start !== undefined && patch.finish === undefined && start && before.start && before.finish) {
      // Moving a bar keeps its working duration.
      finish = duration === 0 ? start : standardFinish(start, duration);
    } else if (patch.durationMinutes !== undefined && patch.finish === undefined && start) {
      finish = duration === 0 ? start : standardFinish(start, duration);
    }
    if (start && finish && finish < start) throw new AppError(422, 'invalid_dates', 'the finish is before the start');
    if (!start) start = null;
    const updated = await repo.updateTask(tx, taskId, version, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.parentId !== undefined ? { parent_id: patch.parentId } : {}),
      ...(patch.sortOrder !== undefined ? { sort_order: patch.sortOrder } : {}),
      ...(patch.percentComplete !== undefined ? { percent_complete: patch.percentComplete } : {}),
      ...(patch.isMilestone !== undefined ? { is_milestone: patch.isMilestone } : {}),
      ...(patch.notes !== undefined ? { notes: patch.notes } : {}),
      ...(patch.priority !== undefined ? { priority: patch.priority } : {}),
      start,
      finish,
      duration_minutes: duration,
    });
    if (!updated) throw versionConflict('the task');
    await normaliseWbs(tx, projectId);
    await recordChange(tx, {
      actorId: actor.userId,
      action: 'updated',
      entityType: 'task',
      entityId: taskId,
      projectId,
      before: { name: before.name, parentId: before.parent_id, start: before.start, finish: before.finish, durationMinutes: before.duration_minutes, percentComplete: Number(before.percent_complete), priority: before.priority },
      after: { name: updated.name, parentId: updated.parent_id, start: updated.start, finish: updated.finish, durationMinutes: updated.duration_minutes, percentComplete: Number(updated.percent_complete), priority: updated.priority },
      version: updated.version,
    });
  });
  return presentTask((await repo.findTask(db, taskId))!);
}

/** Deletes a task with its subtasks and links. */
export async function deleteTask(db: Kysely<DB>, actor: Actor, taskId: string, version: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const before = await loadTask(tx, actor, taskId, 'delete');
    const deleted = await repo.deleteTask(tx, taskId, version);
    if (!deleted) throw versionConflict('the task');
    await normaliseWbs(tx, before.project_id);
    await recordChange(tx, { actorId: actor.userId, action: 'deleted', entityType: 'task', entityId: taskId, projectId: before.project_id, before: { name: before.name } });
  });
}

export async function listLinks(db: Kysely<DB>, actor: Actor, projectId: string) {
  await requireProjectAccess(db, actor, projectId, 'read', 'task');
  return (await repo.listLinks(db, projectId)).map(presentLink);
}

/** Links two tasks of the project; refuses links that would close a cycle, naming the tasks in it. */
export async function createLink(db: Kysely<DB>, actor: Actor, projectId: string, input: { predecessorId: string; successorId: string; type: LinkType; lagMinutes: number }) {
  return db.transaction().execute(async (tx) => {
    await requireProjectAccess(tx, actor, projectId, 'create', 'task');
    if (input.predecessorId === input.successorId) throw new AppError(422, 'self_link', 'a task cannot be linked to itself');
    const [pred, succ] = await Promise.all([repo.findTask(tx, input.predecessorId), repo.findTask(tx, input.successorId)]);
    if (!pred || pred.project_id !== projectId || !succ || succ.project_id !== projectId) throw new AppError(422, 'invalid_reference', 'both tasks must belong to this project');
    const links = await repo.listLinks(tx, projectId);
    if (links.some((l) => l.predecessor_id === input.predecessorId && l.successor_id === input.successorId)) throw new AppError(409, 'link_exists', 'these tasks are already linked');
    const cycle = findLinkCycle(links.map((l) => ({ predecessorId: l.predecessor_id, successorId: l.successor_id })), input.predecessorId, input.successorId);
    if (cycle) {
      const names = await tx.selectFrom('tasks').select(['id', 'name']).where('id', 'in', cycle).execute();
      const nameOf = new Map(names.map((n) => [n.id, n.name]));
      throw new AppError(422, 'link_cycle', `the link would create a cycle: ${[...cycle, cycle[0]!].map((id) => `"${nameOf.get(id) ?? id}"`).join(' -> ')}`);
    }
    const row = await repo.insertLink(tx, { id: randomUUID(), project_id: projectId, predecessor_id: input.predecessorId, successor_id: input.successorId, type: input.type, lag_minutes: input.lagMinutes });
    await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'task_link', entityId: row.id, projectId, after: presentLink(row), version: 1 });
    return presentLink(row);
  });
}

export async function deleteLink(db: Kysely<DB>, actor: Actor, linkId: string, version: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const link = await repo.findLink(tx, linkId);
    if (!link) throw notFound('link');
    await requireItemAccess(tx, actor, link.project_id, 'delete', 'link');
    if (!(await repo.deleteLink(tx, linkId, version))) throw versionConflict('the link');
    await recordChange(tx, { actorId: actor.userId, action: 'deleted', entityType: 'task_link', entityId: linkId, projectId: link.project_id, before: presentLink(link) });
  });
}
