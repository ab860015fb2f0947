/**
 * Storage of a project's schedule in the MS Project model (MspdiProject): tasks and links in their tables
 * (with the MSPDI fields pmo does not edit kept in jsonb), calendars, task baselines, and project-level
 * MSPDI data (properties, resources, assignments, other baselines, custom fields) in projects.mspdi.
 * Loads and saves in bulk: no query per task.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, LinkType, TaskBaselinesTable, TaskLinksTable, TasksTable } from '../../db/schema.js';
import { formatLocalDateTime, parseLocalDateTime, standardCalendar } from '../../domain/calendar/index.js';
import type { MspdiBaseline, MspdiCalendar, MspdiLink, MspdiProject, MspdiProperties, MspdiTask } from '../../domain/mspdi/index.js';
import { constraintFromCode, constraintToCode } from '../../domain/mspdi/index.js';
import type { ConstraintType, ScheduleResult } from '../../domain/schedule/index.js';
import { insertChunked } from '../../seed/factories.js';

/** Epoch minutes <-> database schedule time text. */
export const toDb = (m: number | null | undefined): string | null => (m === null || m === undefined ? null : formatLocalDateTime(m));
export const fromDb = (t: string | null | undefined): number | null => (t ? parseLocalDateTime(t) : null);

interface ProjectMspdi {
  properties: MspdiProperties;
  summaryTask: MspdiTask | null;
  resources: MspdiProject['resources'];
  assignments: MspdiProject['assignments'];
  otherBaselines: MspdiBaseline[];
  extendedAttributeDefinitions: MspdiProject['extendedAttributeDefinitions'];
  extendedAttributeValues: MspdiProject['extendedAttributeValues'];
}

const LINK_TYPE_CODE: Record<LinkType, number> = { FF: 0, FS: 1, SF: 2, SS: 3 };
const LINK_TYPE_FROM: Record<number, LinkType> = { 0: 'FF', 1: 'FS', 2: 'SF', 3: 'SS' };

export function defaultProperties(name: string, start: number | null, calendarUid: number): MspdiProperties {
  return {
    saveVersion: 12, name, title: name, subject: null, author: null, company: null, manager: null,
    creationDate: null, lastSaved: null, scheduleFromStart: true, startDate: start, finishDate: null,
    statusDate: null, currentDate: null, calendarUid, criticalSlackLimitDays: 0, currencyCode: null,
    currencySymbol: null, currencyDigits: null, defaultStartTimeMinutes: 480, defaultFinishTimeMinutes: 1020,
    minutesPerDay: 480, minutesPerWeek: 2400, daysPerMonth: 20, honorConstraints: null, newTasksAreManual: null,
  };
}

export interface LoadedSchedule {
  project: MspdiProject;
  /** task uid -> task id */
  idOfUid: Map<number, string>;
  /** tasks that had no uid yet and got one now (saved with the next write) */
  newUids: Map<string, number>;
  projectName: string;
  /** 0-1000: MS Project keeps it as the project summary task's priority. */
  projectPriority: number;
}

/** Builds the MS Project model of a stored project. */
export async function loadSchedule(db: Kysely<DB>, projectId: string): Promise<LoadedSchedule> {
  const [project, taskRows, linkRows, calRows] = await Promise.all([
    db.selectFrom('projects').selectAll().where('id', '=', projectId).executeTakeFirstOrThrow(),
    db.selectFrom('tasks').selectAll().where('project_id', '=', projectId).orderBy('sort_order').orderBy('id').execute(),
    db.selectFrom('task_links').selectAll().where('project_id', '=', projectId).orderBy('created_at').orderBy('id').execute(),
    db.selectFrom('calendars').selectAll().where('project_id', '=', projectId).orderBy('uid').execute(),
  ]);
  const baselineRows = taskRows.length
    ? await db.selectFrom('task_baselines').selectAll().where('task_id', 'in', taskRows.map((t) => t.id)).execute()
    : [];
  const stored = (project.mspdi ?? null) as ProjectMspdi | null;
  const calendars: MspdiCalendar[] = calRows.length ? calRows.map((c) => c.data as MspdiCalendar) : [{ ...standardCalendar(1, 'Standard'), isBaseCalendar: true }];
  const calendarUid = project.calendar_uid ?? stored?.properties.calendarUid ?? calendars[0]!.id;
  const projectStart = project.start_date ? parseLocalDateTime(`${project.start_date}T08:00`) : null;
  const properties: MspdiProperties = stored?.properties
    ? { ...stored.properties, name: stored.properties.name ?? project.name, calendarUid, statusDate: fromDb(project.status_date) ?? stored.properties.statusDate }
    : defaultProperties(project.name, projectStart ?? taskRows.reduce<number | null>((m, t) => (t.start && (m === null || fromDb(t.start)! < m) ? fromDb(t.start) : m), null), calendarUid);
  if (properties.startDate === null) properties.startDate = projectStart ?? parseLocalDateTime('2026-01-05T08:00');

  const newUids = new Map<string, number>();
  let maxUid = taskRows.reduce((m, t) => Math.max(m, t.uid ?? 0), 0);
  const uidOf = new Map<string, number>();
  for (const t of taskRows) {
    const uid = t.uid ?? ++maxUid;
    if (t.uid === null) newUids.set(t.id, uid);
    uidOf.set(t.id, uid);
  }
  const tasks: MspdiTask[] = [];
  // The project summary task's priority is the project priority (MSPDI has no project-level element for it).
  if (stored?.summaryTask) tasks.push({ ...stored.summaryTask, priority: project.priority });
  for (const t of taskRows) {
    const { durationMinutesExact: exact, ...extra } = (t.mspdi ?? {}) as Partial<MspdiTask> & { durationMinutesExact?: number };
    const uid = uidOf.get(t.id)!;
    tasks.push({
      id: null, outlineNumber: null, type: null, durationFormat: null, fixedCostCents: null, percentWorkComplete: null,
      actualDurationMinutes: null, effortDriven: null, estimated: null, createDate: null, active: true, isNull: false,
      ...extra,
      uid,
      name: t.name === '' && extra.isNull ? null : t.name,
      sortOrder: t.sort_order,
      parentUid: t.parent_id ? uidOf.get(t.parent_id) ?? null : null,
      outlineLevel: t.outline_level,
      wbs: t.wbs,
      manual: t.manual,
      isSummary: t.is_summary,
      isMilestone: t.is_milestone,
      start: fromDb(t.start),
      finish: fromDb(t.finish),
      durationMinutes: typeof exact === 'number' && Math.round(exact) === t.duration_minutes ? exact : t.duration_minutes,
      durationIsElapsed: t.duration_is_elapsed,
      workMinutes: Number(t.work_minutes),
      costCents: Number(t.cost_cents),
      percentComplete: Number(t.percent_complete),
      actualStart: fromDb(t.actual_start),
      actualFinish: fromDb(t.actual_finish),
      remainingDurationMinutes: t.remaining_duration_minutes,
      constraintType: constraintToCode(t.constraint_type as ConstraintType),
      constraintDate: fromDb(t.constraint_date),
      deadline: fromDb(t.deadline),
      calendarUid: t.calendar_uid,
      earlyStart: fromDb(t.early_start),
      earlyFinish: fromDb(t.early_finish),
      lateStart: fromDb(t.late_start),
      lateFinish: fromDb(t.late_finish),
      totalSlackMinutes: t.total_slack_minutes,
      freeSlackMinutes: t.free_slack_minutes,
      critical: t.critical,
      notes: t.notes,
      priority: t.priority,
    });
  }
  const links: MspdiLink[] = linkRows.map((l) => ({
    predecessorUid: uidOf.get(l.predecessor_id)!,
    successorUid: uidOf.get(l.successor_id)!,
    type: LINK_TYPE_CODE[l.type],
    lagTenthsMinutes: l.lag_tenths !== null ? Number(l.lag_tenths) : l.lag_minutes * 10,
    lagFormat: l.lag_format ?? (l.lag_unit === 'elapsed' ? 8 : l.lag_unit === 'percent' ? 19 : 7),
    crossProject: false,
  }));
  const baselines: MspdiBaseline[] = [
    ...baselineRows.map((b) => ({
      owner: 'task' as const,
      ownerUid: uidOf.get(b.task_id)!,
      number: b.number,
      start: fromDb(b.start),
      finish: fromDb(b.finish),
      durationMinutes: b.duration_minutes,
      durationFormat: b.duration_format,
      workMinutes: b.work_minutes === null ? null : Number(b.work_minutes),
      costCents: b.cost_cents === null ? null : Number(b.cost_cents),
    })),
    ...(stored?.otherBaselines ?? []),
  ];
  const idOfUid = new Map([...uidOf].map(([id, uid]) => [uid, id]));
  return {
    project: {
      properties,
      calendars,
      tasks,
      links,
      resources: stored?.resources ?? [],
      assignments: stored?.assignments ?? [],
      baselines,
      extendedAttributeDefinitions: stored?.extendedAttributeDefinitions ?? [],
      extendedAttributeValues: stored?.extendedAttributeValues ?? [],
      warnings: [],
    },
    idOfUid,
    newUids,
    projectName: project.name,
    projectPriority: project.priority,
  };
}

/** Fields of an MspdiTask kept in columns (the rest go to tasks.mspdi). */
const COLUMN_FIELDS = new Set(['uid', 'name', 'sortOrder', 'parentUid', 'outlineLevel', 'wbs', 'manual', 'isSummary', 'isMilestone', 'start', 'finish', 'durationMinutes', 'durationIsElapsed', 'workMinutes', 'costCents', 'percentComplete', 'actualStart', 'actualFinish', 'remainingDurationMinutes', 'constraintType', 'constraintDate', 'deadline', 'calendarUid', 'earlyStart', 'earlyFinish', 'lateStart', 'lateFinish', 'totalSlackMinutes', 'freeSlackMinutes', 'critical', 'notes', 'priority']);

/** Inserts an imported project's schedule (tasks, links, calendars, baselines, project MSPDI data) for `projectId`. */
export async function insertSchedule(tx: Kysely<DB>, projectId: string, p: MspdiProject): Promise<{ tasks: number; links: number }> {
  // The project summary task is outline level 0; blank (null) rows also read as level 0 and are kept as rows.
  const summary = p.tasks.find((t) => t.outlineLevel === 0 && !t.isNull) ?? null;
  const rows = p.tasks.filter((t) => t !== summary);
  const idOfUid = new Map(rows.map((t) => [t.uid, randomUUID()]));
  const clamp = (v: number) => Math.max(0, Math.min(100, v));
  /** MS Project priorities are 0-1000; a file without one has MS Project's default, 500. */
  const priority = (v: number | null) => (v === null ? 500 : Math.max(0, Math.min(1000, Math.round(v))));
  const taskRows: Insertable<TasksTable>[] = rows.map((t, i) => {
    const extra: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(t)) if (!COLUMN_FIELDS.has(k)) extra[k] = v;
    // Durations are whole minutes in the column; MS Project may carry fractions (seconds), kept exactly here.
    if (!Number.isInteger(t.durationMinutes)) extra.durationMinutesExact = t.durationMinutes;
    return {
      id: idOfUid.get(t.uid)!,
      project_id: projectId,
      parent_id: t.parentUid !== null ? idOfUid.get(t.parentUid) ?? null : null,
      sort_order: i + 1,
      wbs: t.wbs ?? '',
      outline_level: t.outlineLevel,
      name: t.name ?? '',
      start: toDb(t.start),
      finish: t.finish !== null && t.start !== null && t.finish < t.start ? toDb(t.start) : toDb(t.finish),
      duration_minutes: Math.max(0, Math.round(t.durationMinutes)),
      percent_complete: clamp(t.percentComplete),
      is_milestone: t.isMilestone,
      is_summary: t.isSummary,
      notes: t.notes,
      uid: t.uid,
      manual: t.manual,
      duration_is_elapsed: t.durationIsElapsed,
      constraint_type: constraintFromCode(t.constraintType),
      constraint_date: toDb(t.constraintDate),
      deadline: toDb(t.deadline),
      calendar_uid: t.calendarUid,
      actual_start: toDb(t.actualStart),
      actual_finish: toDb(t.actualFinish),
      remaining_duration_minutes: t.remainingDurationMinutes === null ? null : Math.round(t.remainingDurationMinutes),
      work_minutes: Math.round(t.workMinutes ?? 0),
      cost_cents: Math.round(t.costCents ?? 0),
      early_start: toDb(t.earlyStart),
      early_finish: toDb(t.earlyFinish),
      late_start: toDb(t.lateStart),
      late_finish: toDb(t.lateFinish),
      total_slack_minutes: t.totalSlackMinutes === null ? null : Math.round(t.totalSlackMinutes),
      free_slack_minutes: t.freeSlackMinutes === null ? null : Math.round(t.freeSlackMinutes),
      critical: t.critical ?? false,
      priority: priority(t.priority),
      mspdi: JSON.stringify(extra),
    };
  });
  await insertChunked(tx, 'tasks', taskRows, 500);
  const seen = new Set<string>();
  const linkRows: Insertable<TaskLinksTable>[] = [];
  for (const l of p.links) {
    const pred = idOfUid.get(l.predecessorUid);
    const succ = idOfUid.get(l.successorUid);
    const key = `${l.predecessorUid}:${l.successorUid}`;
    if (!pred || !succ || pred === succ || seen.has(key) || l.crossProject) continue;
    seen.add(key);
    const percent = l.lagFormat === 19 || l.lagFormat === 20 || l.lagFormat === 51 || l.lagFormat === 52;
    const elapsed = !percent && [4, 6, 8, 10, 12, 36, 38, 40, 42, 44].includes(l.lagFormat);
    linkRows.push({
      id: randomUUID(),
      project_id: projectId,
      predecessor_id: pred,
      successor_id: succ,
      type: LINK_TYPE_FROM[l.type] ?? 'FS',
      lag_minutes: percent ? Math.round(l.lagTenthsMinutes) : Math.round(l.lagTenthsMinutes / 10),
      lag_unit: percent ? 'percent' : elapsed ? 'elapsed' : 'working',
      lag_format: l.lagFormat,
      lag_tenths: l.lagTenthsMinutes,
    });
  }
  await insertChunked(tx, 'task_links', linkRows, 1000);
  if (p.calendars.length) {
    await insertChunked(
      tx,
      'calendars',
      p.calendars.map((c) => ({ id: randomUUID(), project_id: projectId, uid: c.id, name: c.name ?? `Calendar ${c.id}`, data: JSON.stringify(c) })),
      200,
    );
  }
  const taskBaselines: Insertable<TaskBaselinesTable>[] = [];
  const otherBaselines: MspdiBaseline[] = [];
  for (const b of p.baselines) {
    const taskId = b.owner === 'task' ? idOfUid.get(b.ownerUid) : undefined;
    if (taskId) {
      taskBaselines.push({ task_id: taskId, number: b.number, start: toDb(b.start), finish: toDb(b.finish), duration_minutes: b.durationMinutes, duration_format: b.durationFormat, work_minutes: b.workMinutes, cost_cents: b.costCents });
    } else if (b.owner !== 'task') {
      otherBaselines.push(b);
    }
  }
  await insertChunked(tx, 'task_baselines', taskBaselines, 1000);
  const mspdi: ProjectMspdi = {
    properties: p.properties,
    summaryTask: summary,
    resources: p.resources,
    assignments: p.assignments,
    otherBaselines,
    extendedAttributeDefinitions: p.extendedAttributeDefinitions,
    extendedAttributeValues: p.extendedAttributeValues,
  };
  await tx
    .updateTable('projects')
    .set({ mspdi: JSON.stringify(mspdi), calendar_uid: p.properties.calendarUid, status_date: toDb(p.properties.statusDate), priority: priority(summary?.priority ?? null) })
    .where('id', '=', projectId)
    .execute();
  return { tasks: taskRows.length, links: linkRows.length };
}

/** Writes computed dates, slack and critical flags of a schedule result in one statement per 2,000 tasks. */
export async function saveScheduleResult(tx: Kysely<DB>, result: ScheduleResult, idOfUid: Map<number, string>, newUids: Map<string, number>): Promise<void> {
  const rows = result.tasks.filter((r) => idOfUid.has(r.id));
  const CHUNK = 2000;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const values = sql.join(
      rows.slice(i, i + CHUNK).map((r) => {
        const id = idOfUid.get(r.id)!;
        return sql`(${id}::uuid, ${toDb(r.start)}::timestamp, ${toDb(r.finish)}::timestamp, ${toDb(r.earlyStart)}::timestamp, ${toDb(r.earlyFinish)}::timestamp, ${toDb(r.lateStart)}::timestamp, ${toDb(r.lateFinish)}::timestamp, ${Math.round(r.totalSlackMinutes)}::int, ${Math.round(r.freeSlackMinutes)}::int, ${r.critical}::boolean, ${Math.round(r.durationMinutes)}::int, ${r.isSummary}::boolean, ${newUids.get(id) ?? null}::int)`;
      }),
    );
    await sql`
      update tasks as t set start = v.start, finish = greatest(v.finish, v.start), early_start = v.es, early_finish = v.ef, late_start = v.ls, late_finish = v.lf,
        total_slack_minutes = v.ts, free_slack_minutes = v.fs, critical = v.critical,
        duration_minutes = case when v.summary then greatest(v.duration, 0) else t.duration_minutes end,
        uid = coalesce(t.uid, v.uid), version = t.version + 1, updated_at = now()
      from (values ${values}) as v(id, start, finish, es, ef, ls, lf, ts, fs, critical, duration, summary, uid)
      where t.id = v.id and (t.start is distinct from v.start or t.finish is distinct from greatest(v.finish, v.start) or t.early_start is distinct from v.es
        or t.late_finish is distinct from v.lf or t.total_slack_minutes is distinct from v.ts or t.free_slack_minutes is distinct from v.fs
        or t.critical is distinct from v.critical or t.uid is null or (v.summary and t.duration_minutes is distinct from v.duration))`.execute(tx);
  }
}
