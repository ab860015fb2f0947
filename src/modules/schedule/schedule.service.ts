/**
 * Use cases of scheduling: reschedule a project (critical path, slack) and persist every date in one
 * transaction; import and export MS Project XML; save baselines.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { CalendarError } from '../../domain/calendar/index.js';
import { MspdiError, parseMspdi, projectSummaryTask, toScheduleInput, writeMspdi, type MspdiProject } from '../../domain/mspdi/index.js';
import { ScheduleError, scheduleProject, type ScheduleResult } from '../../domain/schedule/index.js';
import { AppError } from '../../server/errors.js';
import { authorize, type Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import { requireProjectAccess } from '../projects/projects.service.js';
import { insertSchedule, loadSchedule, saveScheduleResult, toDb } from './schedule.store.js';

/** Turns engine errors into client errors that name the problem. */
function asClientError(err: unknown): never {
  if (err instanceof ScheduleError) throw new AppError(422, `schedule_${err.code.toLowerCase()}`, err.message);
  if (err instanceof CalendarError) throw new AppError(422, `calendar_${err.code.toLowerCase()}`, err.message);
  if (err instanceof MspdiError) throw new AppError(err.code === 'TOO_LARGE' ? 413 : 422, `mspdi_${err.code.toLowerCase()}`, err.message);
  throw err;
}

export interface ScheduleSummary {
  projectStart: string;
  projectFinish: string;
  taskCount: number;
  criticalCount: number;
  warnings: { code: string; taskId: string | null; message: string }[];
}

function summarise(result: ScheduleResult, idOfUid: Map<number, string>): ScheduleSummary {
  return {
    projectStart: toDb(result.projectStart)!,
    projectFinish: toDb(result.projectFinish)!,
    taskCount: result.tasks.length,
    criticalCount: result.tasks.filter((t) => t.critical && !t.isSummary).length,
    warnings: result.warnings.map((w) => ({ code: w.code, taskId: idOfUid.get(w.taskId) ?? null, message: w.message })),
  };
}

/** Recomputes and saves the schedule of a project inside `tx` (the caller's transaction). */
export async function rescheduleInTransaction(tx: Kysely<DB>, projectId: string): Promise<ScheduleSummary> {
  const loaded = await loadSchedule(tx, projectId);
  let result: ScheduleResult;
  try {
    result = scheduleProject(toScheduleInput(loaded.project, { reschedule: true }));
  } catch (err) {
    asClientError(err);
  }
  await saveScheduleResult(tx, result, loaded.idOfUid, loaded.newUids);
  const finish = toDb(result.projectFinish);
  if (finish) await tx.updateTable('projects').set({ finish_date: finish.slice(0, 10) }).where('id', '=', projectId).where('start_date', '<=', finish.slice(0, 10)).execute();
  return summarise(result, loaded.idOfUid);
}

/** Reschedules a project from durations, links, constraints, calendars and progress. */
export async function rescheduleProject(db: Kysely<DB>, actor: Actor, projectId: string): Promise<ScheduleSummary> {
  return db.transaction().execute(async (tx) => {
    await requireProjectAccess(tx, actor, projectId, 'update', 'task');
    const summary = await rescheduleInTransaction(tx, projectId);
    await recordChange(tx, { actorId: actor.userId, action: 'rescheduled', entityType: 'project', entityId: projectId, projectId, after: { projectFinish: summary.projectFinish, warnings: summary.warnings.length } });
    return summary;
  });
}

export interface ImportResult {
  projectId: string;
  name: string;
  tasks: number;
  links: number;
  calendars: number;
  resources: number;
  assignments: number;
  baselines: number;
  warnings: string[];
  schedule: ScheduleSummary | null;
}

/**
 * Imports an MS Project XML file as a new project in one transaction (all or nothing). With `reschedule`,
 * the file's computed dates of automatically scheduled tasks are recomputed by pmo.
 */
export async function importMspdi(db: Kysely<DB>, actor: Actor, xml: string, opts: { portfolioId: string; reschedule: boolean; name?: string }): Promise<ImportResult> {
  authorize(actor, 'create', { kind: 'project-new' });
  let parsed: MspdiProject;
  try {
    parsed = parseMspdi(xml);
  } catch (err) {
    asClientError(err);
  }
  return db.transaction().execute(async (tx) => {
    const pf = await tx.selectFrom('portfolios').select('id').where('id', '=', opts.portfolioId).executeTakeFirst();
    if (!pf) throw new AppError(422, 'invalid_reference', 'the portfolio does not exist');
    const projectId = randomUUID();
    const name = (opts.name ?? parsed.properties.title ?? parsed.properties.name ?? 'Imported project').trim().slice(0, 200) || 'Imported project';
    const { n } = await tx.selectFrom('projects').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    let code = `MSP-${String(Number(n) + 1).padStart(4, '0')}`;
    if (await tx.selectFrom('projects').select('id').where((eb) => eb(eb.fn('lower', ['code']), '=', code.toLowerCase())).executeTakeFirst()) code = `MSP-${projectId.slice(0, 8).toUpperCase()}`;
    const start = parsed.properties.startDate;
    const finish = parsed.properties.finishDate;
    const startDate = start !== null ? toDb(start)!.slice(0, 10) : null;
    const finishDate = finish !== null && start !== null && finish >= start ? toDb(finish)!.slice(0, 10) : null;
    await tx
      .insertInto('projects')
      .values({ id: projectId, code, name, description: parsed.properties.subject ?? '', portfolio_id: opts.portfolioId, program_id: null, stage: 'planning', status: 'on_track', health: 'green', percent_complete: 0, start_date: startDate, finish_date: finishDate, manager_id: actor.userId })
      .execute();
    await tx.insertInto('project_members').values({ id: randomUUID(), project_id: projectId, user_id: actor.userId, role: 'project_manager' }).execute();
    const counts = await insertSchedule(tx, projectId, parsed);
    const schedule = opts.reschedule ? await rescheduleInTransaction(tx, projectId) : null;
    await recordChange(tx, { actorId: actor.userId, action: 'imported', entityType: 'project', entityId: projectId, projectId, after: { name, tasks: counts.tasks, links: counts.links, reschedule: opts.reschedule } });
    return {
      projectId,
      name,
      tasks: counts.tasks,
      links: counts.links,
      calendars: parsed.calendars.length,
      resources: parsed.resources.length,
      assignments: parsed.assignments.length,
      baselines: parsed.baselines.length,
      warnings: parsed.warnings,
      schedule,
    };
  });
}

/** The project as MS Project XML (Project 2007 layout), task UIDs preserved. */
export async function exportMspdi(db: Kysely<DB>, actor: Actor, projectId: string): Promise<{ xml: string; name: string }> {
  await requireProjectAccess(db, actor, projectId, 'read', 'task');
  const loaded = await loadSchedule(db, projectId);
  const p = loaded.project;
  let summary = p.tasks.find((t) => t.outlineLevel === 0 && !t.isNull);
  if (!summary) {
    // A project made in pmo has no summary task yet: MS Project keeps the project priority on it (UID 0).
    summary = projectSummaryTask(p.properties.name ?? loaded.projectName, loaded.projectPriority);
    p.tasks.unshift(summary);
  }
  const real = p.tasks.filter((t) => t.outlineLevel > 0 && t.start !== null);
  if (summary && real.length) {
    summary.start = Math.min(...real.map((t) => t.start!));
    summary.finish = Math.max(...real.map((t) => t.finish ?? t.start!));
  }
  if (real.length && p.properties.finishDate === null) p.properties.finishDate = Math.max(...real.map((t) => t.finish ?? t.start!));
  return { xml: writeMspdi(p), name: p.properties.name ?? 'project' };
}

/** Saves the current dates, duration, work and cost of every task as baseline `number` (0-10). */
export async function saveBaseline(db: Kysely<DB>, actor: Actor, projectId: string, number: number): Promise<{ number: number; tasks: number }> {
  return db.transaction().execute(async (tx) => {
    await requireProjectAccess(tx, actor, projectId, 'update', 'project');
    await tx.deleteFrom('task_baselines').where('number', '=', number).where('task_id', 'in', tx.selectFrom('tasks').select('id').where('project_id', '=', projectId)).execute();
    const res = await tx
      .insertInto('task_baselines')
      .columns(['task_id', 'number', 'start', 'finish', 'duration_minutes', 'work_minutes', 'cost_cents'])
      .expression((eb) =>
        eb.selectFrom('tasks').select((e) => ['id', e.val(number).as('number'), 'start', 'finish', 'duration_minutes', 'work_minutes', 'cost_cents']).where('project_id', '=', projectId),
      )
      .executeTakeFirst();
    const tasks = Number(res.numInsertedOrUpdatedRows ?? 0);
    await recordChange(tx, { actorId: actor.userId, action: 'baseline_saved', entityType: 'project', entityId: projectId, projectId, after: { number, tasks } });
    return { number, tasks };
  });
}
