/** Weekly timesheets: read a person's week, save its entries in bulk, submit, correct approved time, lock periods. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError, notFound } from '../../server/errors.js';
import { authorize, seesAllProjects, type Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import {
  buildTimeCorrection, isoWeekday, isTimesheetValid, transitionTimesheet, validateTimeEntries,
  type TimeEntryInput, type TimesheetPolicy, type TimesheetViolation,
} from '../../domain/finance/index.js';
import { addDaysIso, domain, lockFinanceSettings, readFinanceSettings, todayIso } from './finance-common.js';
import { listPersonEntries, presentTimeEntry } from './time-entries.repo.js';
import { timesheetRecipients } from './timesheet-recipients.js';

const EDITABLE = new Set(['draft', 'rejected']);

/** The person, and whether the actor may read/write their timesheet (404 for an unknown person). */
async function requirePerson(db: Kysely<DB>, actor: Actor, personId: string, action: 'read' | 'update') {
  const person = await db.selectFrom('people').select(['id', 'name', 'user_id', 'line_manager_id']).where('id', '=', personId).executeTakeFirst();
  if (!person) throw notFound('person');
  const own = person.user_id !== null && person.user_id === actor.userId;
  const lineManager = person.line_manager_id !== null && person.line_manager_id === actor.userId;
  authorize(actor, action, { kind: 'finance', area: 'timesheet', projectRole: null, own, lineManager });
  return person;
}

function checkWeekStart(weekStart: string) {
  if (isoWeekday(weekStart) !== 1) throw new AppError(422, 'week_start_not_monday', `the week must start on a Monday; ${weekStart} is not one`);
}

/** Timesheet rules from the finance settings and the projects involved. */
export async function loadTimesheetPolicy(db: Kysely<DB>, projectIds: string[]): Promise<TimesheetPolicy> {
  const s = await readFinanceSettings(db);
  const projects: TimesheetPolicy['projects'] = {};
  if (projectIds.length > 0) {
    const rows = await db
      .selectFrom('projects as p')
      .leftJoin('project_finance as f', 'f.project_id', 'p.id')
      .select(['p.id', 'p.stage', 'p.status', 'f.comment_required'])
      .where('p.id', 'in', [...new Set(projectIds)])
      .execute();
    for (const r of rows) {
      const closed = r.stage === 'closed' || r.status === 'cancelled' || r.status === 'completed';
      (projects as Record<string, { status: 'open' | 'closed'; commentRequired: boolean }>)[r.id] = { status: closed ? 'closed' : 'open', commentRequired: r.comment_required === true };
    }
  }
  return {
    maxMinutesPerDay: s.max_minutes_per_day,
    workingWeekdays: s.working_weekdays.map(Number),
    allowNonWorkingDays: s.allow_non_working_days,
    lockedPeriods: s.locked_until ? [{ from: '1900-01-01', to: s.locked_until }] : [],
    projects,
  };
}

const toInput = (e: { id: string; person_id: string; project_id: string; task_id: string | null; work_date: string; minutes: number; comment: string | null; reversal_of: string | null; posting_date: string }): TimeEntryInput => ({
  id: e.id, personId: e.person_id, projectId: e.project_id, taskId: e.task_id, date: e.work_date, minutes: e.minutes,
  comment: e.comment, isReversal: e.reversal_of !== null, postingDate: e.posting_date,
});

/** The person record of the signed-in user (whose timesheet the grid opens); 404 when none is linked. */
export async function myPerson(db: Kysely<DB>, actor: Actor) {
  const p = await db.selectFrom('people').select(['id', 'name']).where('user_id', '=', actor.userId).executeTakeFirst();
  if (!p) throw new AppError(404, 'no_person', 'your account is not linked to a person; ask an administrator to link it');
  return { personId: p.id, personName: p.name };
}

/** A person's week: entries (all states), totals per day and rule warnings for the grid. */
export async function getWeek(db: Kysely<DB>, actor: Actor, personId: string, weekStart: string) {
  checkWeekStart(weekStart);
  const person = await requirePerson(db, actor, personId, 'read');
  const weekEnd = addDaysIso(weekStart, 6);
  const rows = await listPersonEntries(db, personId, weekStart, weekEnd);
  const policy = await loadTimesheetPolicy(db, rows.map((r) => r.project_id));
  const editable = rows.filter((r) => EDITABLE.has(r.state));
  const fixed = rows.filter((r) => !EDITABLE.has(r.state));
  const violations = validateTimeEntries(editable.map(toInput), policy, fixed.map(toInput));
  const days = Array.from({ length: 7 }, (_, i) => addDaysIso(weekStart, i));
  const totals = new Map(days.map((d) => [d, 0]));
  for (const r of rows) totals.set(r.work_date, (totals.get(r.work_date) ?? 0) + r.minutes);
  const own = person.user_id === actor.userId;
  return {
    personId,
    personName: person.name,
    weekStart,
    weekEnd,
    maxMinutesPerDay: policy.maxMinutesPerDay,
    lockedUntil: policy.lockedPeriods?.[0]?.to ?? null,
    entries: rows.map(presentTimeEntry),
    dayTotals: days.map((date) => ({ date, minutes: totals.get(date) ?? 0 })),
    violations: violations.map((v) => ({ ...v, entryId: v.entryId ?? editable[v.entryIndex]?.id ?? null })),
    canEdit: own || ['admin', 'finance'].includes(actor.orgRole),
  };
}

export interface WeekEntryInput {
  id?: string;
  projectId: string;
  taskId?: string | null;
  date: string;
  minutes: number;
  billable?: boolean;
  comment?: string | null;
}

function violationsError(violations: TimesheetViolation[]) {
  const errors = violations.filter((v) => v.severity === 'error');
  return new AppError(422, 'timesheet_invalid', `the timesheet breaks ${errors.length} rule(s): ${errors.slice(0, 3).map((v) => v.message).join('; ')}`,
    errors.map((v) => ({ path: `entries.${v.entryIndex}.${v.code}`, message: v.message })));
}

/**
 * Replaces the editable (draft or rejected) entries of a person's week with `entries`, in one transaction:
 * entries with an id are updated, new ones inserted, editable ones not sent are deleted. Submitted, approved
 * and locked entries stay and count towards the day totals. Any rule error answers 422 and writes nothing.
 */
export async function saveWeek(db: Kysely<DB>, actor: Actor, personId: string, weekStart: string, entries: WeekEntryInput[]) {
  checkWeekStart(weekStart);
  const weekEnd = addDaysIso(weekStart, 6);
  await domain(() => db.transaction().execute(async (tx) => {
    await requirePerson(tx, actor, personId, 'update');
    const existing = await tx.selectFrom('time_entries').selectAll().where('person_id', '=', personId)
      .where('work_date', '>=', weekStart).where('work_date', '<=', weekEnd).forUpdate().execute();
    const byId = new Map(existing.map((e) => [e.id, e]));
    entries.forEach((e, i) => {
      if (e.date < weekStart || e.date > weekEnd) throw new AppError(422, 'date_outside_week', `entries.${i}: ${e.date} is not in the week ${weekStart} to ${weekEnd}`);
      if (e.id !== undefined) {
        const old = byId.get(e.id);
        if (!old) throw new AppError(422, 'unknown_entry', `entries.${i}: entry ${e.id} is not in this timesheet`);
        if (!EDITABLE.has(old.state) || old.reversal_of !== null) throw new AppError(409, 'entry_not_editable', `entries.${i}: entry ${e.id} is ${old.state}; correct approved time with a correction instead`);
      }
    });
    if (!seesAllProjects(actor)) {
      const projectIds = [...new Set(entries.map((e) => e.projectId))];
      const mine = projectIds.length ? await tx.selectFrom('project_members').select('project_id').where('user_id', '=', actor.userId).where('project_id', 'in', projectIds).execute() : [];
      const allowed = new Set(mine.map((m) => m.project_id));
      entries.forEach((e, i) => {
        if (!allowed.has(e.projectId)) throw new AppError(422, 'not_project_member', `entries.${i}: you can only log time on projects you are a member of`);
      });
    }
    const taskIds = [...new Set(entries.map((e) => e.taskId).filter((t): t is string => !!t))];
    if (taskIds.length > 0) {
      const tasks = await tx.selectFrom('tasks').select(['id', 'project_id']).where('id', 'in', taskIds).execute();
      const taskProject = new Map(tasks.map((t) => [t.id, t.project_id]));
      entries.forEach((e, i) => {
        if (e.taskId && taskProject.get(e.taskId) !== e.projectId) throw new AppError(422, 'invalid_task', `entries.${i}: the task does not belong to the project`);
      });
    }
    const fixed = existing.filter((e) => !EDITABLE.has(e.state) || e.reversal_of !== null);
    const policy = await loadTimesheetPolicy(tx, [...entries.map((e) => e.projectId), ...fixed.map((e) => e.project_id)]);
    const inputs: TimeEntryInput[] = entries.map((e) => ({ id: e.id, personId, projectId: e.projectId, taskId: e.taskId ?? null, date: e.date, minutes: e.minutes, comment: e.comment ?? null, postingDate: e.date }));
    const violations = validateTimeEntries(inputs, policy, fixed.map(toInput));
    if (!isTimesheetValid(violations)) throw violationsError(violations);
    const keep = new Set(entries.map((e) => e.id).filter(Boolean));
    const removed = existing.filter((e) => EDITABLE.has(e.state) && e.reversal_of === null && !keep.has(e.id)).map((e) => e.id);
    if (removed.length > 0) await tx.deleteFrom('time_entries').where('id', 'in', removed).execute();
    const inserts = entries.filter((e) => e.id === undefined).map((e) => ({
      id: randomUUID(), person_id: personId, project_id: e.projectId, task_id: e.taskId ?? null, work_date: e.date, posting_date: e.date,
      minutes: e.minutes, billable: e.billable ?? true, comment: e.comment ?? null, state: 'draft' as const,
    }));
    if (inserts.length > 0) await tx.insertInto('time_entries').values(inserts).execute();
    for (const e of entries.filter((x) => x.id !== undefined)) {
      await tx.updateTable('time_entries').set((eb) => ({
        project_id: e.projectId, task_id: e.taskId ?? null, work_date: e.date, posting_date: e.date, minutes: e.minutes,
        billable: e.billable ?? true, comment: e.comment ?? null, state: 'draft', version: eb('version', '+', 1), updated_at: new Date(),
      })).where('id', '=', e.id!).execute();
    }
    await recordChange(tx, {
      actorId: actor.userId, action: 'updated', entityType: 'timesheet', entityId: `${personId}:${weekStart}`, projectId: null,
      after: { inserted: inserts.map((e) => e.id), updated: entries.filter((e) => e.id).map((e) => e.id), deleted: removed },
      recipients: await timesheetRecipients(tx, personId, weekStart, weekEnd, existing.map((e) => e.project_id)),
    });
  }));
  return getWeek(db, actor, personId, weekStart);
}

/** Submits every draft or rejected entry of the week for approval. */
export async function submitWeek(db: Kysely<DB>, actor: Actor, personId: string, weekStart: string) {
  checkWeekStart(weekStart);
  const weekEnd = addDaysIso(weekStart, 6);
  await domain(() => db.transaction().execute(async (tx) => {
    await requirePerson(tx, actor, personId, 'update');
    const rows = await tx.selectFrom('time_entries').select(['id', 'state']).where('person_id', '=', personId)
      .where('work_date', '>=', weekStart).where('work_date', '<=', weekEnd).where('state', 'in', ['draft', 'rejected']).forUpdate().execute();
    if (rows.length === 0) throw new AppError(409, 'nothing_to_submit', 'the week has no draft or rejected entries to submit');
    for (const state of new Set(rows.map((r) => r.state))) transitionTimesheet({ state, decidedBy: null, rejectionReason: null }, { type: 'submit' });
    await tx.updateTable('time_entries').set((eb) => ({ state: 'submitted', version: eb('version', '+', 1), updated_at: new Date() }))
      .where('id', 'in', rows.map((r) => r.id)).execute();
    await recordChange(tx, { actorId: actor.userId, action: 'submitted', entityType: 'timesheet', entityId: `${personId}:${weekStart}`, projectId: null, after: { entryIds: rows.map((r) => r.id) },
      recipients: await timesheetRecipients(tx, personId, weekStart, weekEnd) });
  }));
  return getWeek(db, actor, personId, weekStart);
}

/** Recalls the submitted entries of the week (back to draft) before anyone decided on them. */
export async function recallWeek(db: Kysely<DB>, actor: Actor, personId: string, weekStart: string) {
  checkWeekStart(weekStart);
  const weekEnd = addDaysIso(weekStart, 6);
  await domain(() => db.transaction().execute(async (tx) => {
    await requirePerson(tx, actor, personId, 'update');
    const rows = await tx.selectFrom('time_entries').select(['id']).where('person_id', '=', personId)
      .where('work_date', '>=', weekStart).where('work_date', '<=', weekEnd).where('state', '=', 'submitted').where('reversal_of', 'is', null).where('corrects', 'is', null).forUpdate().execute();
    if (rows.length === 0) throw new AppError(409, 'nothing_to_recall', 'the week has no submitted entries to recall');
    transitionTimesheet({ state: 'submitted', decidedBy: null, rejectionReason: null }, { type: 'recall' });
    await tx.updateTable('time_entries').set((eb) => ({ state: 'draft', version: eb('version', '+', 1), updated_at: new Date() })).where('id', 'in', rows.map((r) => r.id)).execute();
    await recordChange(tx, { actorId: actor.userId, action: 'recalled', entityType: 'timesheet', entityId: `${personId}:${weekStart}`, projectId: null, after: { entryIds: rows.map((r) => r.id) },
      recipients: await timesheetRecipients(tx, personId, weekStart, weekEnd) });
  }));
  return getWeek(db, actor, personId, weekStart);
}

export interface CorrectionInput {
  reason: string;
  delete?: boolean;
  minutes?: number;
  projectId?: string;
  taskId?: string | null;
  date?: string;
  billable?: boolean;
  comment?: string | null;
  postingDate?: string;
}

/**
 * Corrects an approved (or locked) entry without editing it: inserts a reversal (negative minutes) and,
 * unless deleting, a replacement; both are submitted for approval together. An entry is reversed once.
 */
export async function correctEntry(db: Kysely<DB>, actor: Actor, entryId: string, input: CorrectionInput) {
  const ids = await domain(() => db.transaction().execute(async (tx) => {
    const original = await tx.selectFrom('time_entries').selectAll().where('id', '=', entryId).forUpdate().executeTakeFirst();
    if (!original) throw notFound('time entry');
    await requirePerson(tx, actor, original.person_id, 'update');
    if (original.state !== 'approved' && original.state !== 'locked') throw new AppError(409, 'entry_not_approved', `only approved time is corrected; this entry is ${original.state} (edit it in the timesheet)`);
    if (original.reversal_of !== null) throw new AppError(409, 'entry_is_reversal', 'a reversal cannot itself be corrected');
    const already = await tx.selectFrom('time_entries').select('id').where('reversal_of', '=', entryId).executeTakeFirst();
    if (already) throw new AppError(409, 'already_corrected', 'this entry was already corrected; correct its replacement instead');
    const postingDate = input.postingDate ?? todayIso();
    const change = input.delete ? 'delete' as const : {
      ...(input.minutes !== undefined ? { minutes: input.minutes } : {}),
      ...(input.projectId !== undefined ? { projectId: input.projectId } : {}),
      ...(input.taskId !== undefined ? { taskId: input.taskId } : {}),
      ...(input.date !== undefined ? { date: input.date } : {}),
      ...(input.billable !== undefined ? { billable: input.billable } : {}),
      ...(input.comment !== undefined ? { comment: input.comment } : {}),
    };
    const c = buildTimeCorrection({
      id: original.id, personId: original.person_id, projectId: original.project_id, taskId: original.task_id, date: original.work_date,
      minutes: original.minutes, billable: original.billable, comment: original.comment,
    }, change, postingDate, input.reason);
    const policy = await loadTimesheetPolicy(tx, [original.project_id, ...(c.replacement ? [c.replacement.projectId] : [])]);
    const check: TimeEntryInput[] = [{ personId: original.person_id, projectId: original.project_id, date: c.reversal.date, minutes: c.reversal.minutes, isReversal: true, postingDate, comment: c.reversal.comment }];
    if (c.replacement) check.push({ personId: original.person_id, projectId: c.replacement.projectId, taskId: c.replacement.taskId, date: c.replacement.date, minutes: c.replacement.minutes, comment: c.replacement.comment, postingDate });
    const violations = validateTimeEntries(check, { ...policy, allowNonWorkingDays: true }).filter((v) => v.code !== 'DAY_OVER_MAXIMUM');
    if (!isTimesheetValid(violations)) throw violationsError(violations);
    const reversalId = randomUUID();
    await tx.insertInto('time_entries').values({
      id: reversalId, person_id: original.person_id, project_id: original.project_id, task_id: original.task_id, work_date: original.work_date,
      posting_date: postingDate, minutes: c.reversal.minutes, billable: original.billable, comment: c.reversal.comment, state: 'submitted', reason: input.reason, reversal_of: original.id,
    }).execute();
    let replacementId: string | null = null;
    if (c.replacement) {
      replacementId = randomUUID();
      await tx.insertInto('time_entries').values({
        id: replacementId, person_id: original.person_id, project_id: c.replacement.projectId, task_id: c.replacement.taskId, work_date: c.replacement.date,
        posting_date: postingDate, minutes: c.replacement.minutes, billable: c.replacement.billable, comment: c.replacement.comment, state: 'submitted', reason: input.reason, corrects: original.id,
      }).execute();
    }
    await recordChange(tx, { actorId: actor.userId, action: 'corrected', entityType: 'time_entry', entityId: original.id, projectId: original.project_id, before: { minutes: original.minutes }, after: { reversalId, replacementId, reason: input.reason } });
    return [reversalId, ...(replacementId ? [replacementId] : [])];
  }));
  const rows = await db.selectFrom('time_entries').selectAll().where('id', 'in', ids).execute();
  return rows.map(presentTimeEntry);
}

/** Closes the period up to `until`: approved entries posted on or before it become locked; no entry may be saved there. */
export async function lockPeriod(db: Kysely<DB>, actor: Actor, until: string) {
  authorize(actor, 'update', { kind: 'finance', area: 'settings', projectRole: null });
  return db.transaction().execute(async (tx) => {
    const s = await lockFinanceSettings(tx);
    if (s.locked_until && s.locked_until > until) throw new AppError(409, 'lock_backwards', `the period is already locked until ${s.locked_until}`);
    const locked = await tx.updateTable('time_entries').set((eb) => ({ state: 'locked', version: eb('version', '+', 1), updated_at: new Date() }))
      .where('state', '=', 'approved').where('posting_date', '<=', until).executeTakeFirst();
    await tx.updateTable('finance_settings').set((eb) => ({ locked_until: until, version: eb('version', '+', 1), updated_at: new Date() })).execute();
    await recordChange(tx, { actorId: actor.userId, action: 'locked', entityType: 'timesheet_period', entityId: until, projectId: null, before: { lockedUntil: s.locked_until }, after: { lockedUntil: until } });
    return { lockedUntil: until, lockedEntries: Number(locked.numUpdatedRows) };
  });
}
