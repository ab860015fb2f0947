/** Use cases for resource management: capacity profiles, non-project time, roles, skills and assignments. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { AssignmentsTable, DB, NonProjectTimeTable } from '../../db/schema.js';
import { updateAtVersion } from '../../db/versioned-update.js';
import { AppError, notFound, versionConflict } from '../../server/errors.js';
import { authorize, type Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import { requireProjectAccess } from '../projects/projects.service.js';
import { requireEnterpriseCalendar } from './calendars.service.js';

const DEFAULT_MINUTES_PER_WEEK = 2400;

const presentNpt = (r: Selectable<NonProjectTimeTable>) => ({ id: r.id, personId: r.person_id, from: r.from_date, to: r.to_date, reason: r.reason, version: r.version });

/** The API view of an assignment row. */
export const presentAssignment = (a: Selectable<AssignmentsTable>) => ({
  id: a.id,
  projectId: a.project_id,
  taskId: a.task_id,
  personId: a.person_id,
  roleId: a.role_id,
  unitsPercent: a.units_percent,
  workMinutes: Number(a.work_minutes),
  version: a.version,
});

async function requirePerson(db: Kysely<DB>, personId: string) {
  const p = await db.selectFrom('people').select('id').where('id', '=', personId).executeTakeFirst();
  if (!p) throw notFound('person');
}

export async function listRoles(db: Kysely<DB>, actor: Actor) {
  authorize(actor, 'read', { kind: 'resource' });
  return db.selectFrom('roles').select(['id', 'name', 'version']).orderBy('name').execute();
}

export async function listSkills(db: Kysely<DB>, actor: Actor) {
  authorize(actor, 'read', { kind: 'resource' });
  return db.selectFrom('skills').select(['id', 'name', 'version']).orderBy('name').execute();
}

/** Creates a role (placeholder such as "Tester") or a skill; names are unique (409 otherwise). */
export async function createNamed(db: Kysely<DB>, actor: Actor, table: 'roles' | 'skills', name: string) {
  authorize(actor, 'create', { kind: 'resource' });
  return db.transaction().execute(async (tx) => {
    if (await tx.selectFrom(table).select('id').where('name', '=', name).executeTakeFirst()) throw new AppError(409, 'duplicate_name', `a ${table === 'roles' ? 'role' : 'skill'} with that name exists`);
    const row = await tx.insertInto(table).values({ id: randomUUID(), name }).returning(['id', 'name', 'version']).executeTakeFirstOrThrow();
    await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: table === 'roles' ? 'role' : 'skill', entityId: row.id, projectId: null, after: row, version: 1 });
    return row;
  });
}

/** Capacity, roles, skills and non-project time of a person (defaults when never set: 40 h/week, 100 %). */
export async function getProfile(db: Kysely<DB>, actor: Actor, personId: string) {
  authorize(actor, 'read', { kind: 'resource' });
  await requirePerson(db, personId);
  const cap = await db.selectFrom('person_capacity').selectAll().where('person_id', '=', personId).executeTakeFirst();
  const roles = await db.selectFrom('role_members').innerJoin('roles', 'roles.id', 'role_members.role_id').select(['roles.id', 'roles.name', 'roles.version']).where('person_id', '=', personId).orderBy('roles.name').execute();
  const skills = await db
    .selectFrom('person_skills')
    .innerJoin('skills', 'skills.id', 'person_skills.skill_id')
    .select(['skills.id as skillId', 'skills.name', 'person_skills.proficiency'])
    .where('person_id', '=', personId)
    .orderBy('skills.name')
    .execute();
  const npt = await db.selectFrom('non_project_time').selectAll().where('person_id', '=', personId).orderBy('from_date').orderBy('id').execute();
  return {
    personId,
    minutesPerWeek: cap?.minutes_per_week ?? DEFAULT_MINUTES_PER_WEEK,
    partTimePercent: cap?.part_time_percent ?? 100,
    calendarUid: cap?.calendar_uid ?? null,
    version: cap?.version ?? 1,
    roles,
    skills,
    nonProjectTime: npt.map(presentNpt),
  };
}

/** Changes capacity, roles (replaced) and skills (replaced) of a person; version of the capacity row (1 if never set). */
export async function updateProfile(
  db: Kysely<DB>,
  actor: Actor,
  personId: string,
  version: number,
  patch: { minutesPerWeek?: number; partTimePercent?: number; calendarUid?: number | null; roleIds?: string[]; skills?: { skillId: string; proficiency: number }[] },
) {
  authorize(actor, 'update', { kind: 'resource' });
  await db.transaction().execute(async (tx) => {
    await requirePerson(tx, personId);
    if (patch.calendarUid !== undefined && patch.calendarUid !== null) await requireEnterpriseCalendar(tx, patch.calendarUid);
    const before = await getProfile(tx, actor, personId);
    await tx.insertInto('person_capacity').values({ person_id: personId }).onConflict((oc) => oc.column('person_id').doNothing()).execute();
    const updated = await tx
      .updateTable('person_capacity')
      .set((eb) => ({
        ...(patch.minutesPerWeek !== undefined ? { minutes_per_week: patch.minutesPerWeek } : {}),
        ...(patch.partTimePercent !== undefined ? { part_time_percent: patch.partTimePercent } : {}),
        ...(patch.calendarUid !== undefined ? { calendar_uid: patch.calendarUid } : {}),
        version: eb('version', '+', 1),
        updated_at: new Date(),
      }))
      .where('person_id', '=', personId)
      .where('version', '=', version)
      .returning('version')
      .executeTakeFirst();
    if (!updated) throw versionConflict('the resource profile');
    if (patch.roleIds) {
      const ids = [...new Set(patch.roleIds)];
      if (ids.length) {
        const found = await tx.selectFrom('roles').select('id').where('id', 'in', ids).execute();
        if (found.length !== ids.length) throw new AppError(422, 'invalid_reference', 'a role does not exist');
      }
      // Replace the set but keep the rows that stay, so the billing (primary) role survives an edit of the others.
      let gone = tx.deleteFrom('role_members').where('person_id', '=', personId);
      if (ids.length) gone = gone.where('role_id', 'not in', ids);
      await gone.execute();
      if (ids.length) await tx.insertInto('role_members').values(ids.map((role_id) => ({ person_id: personId, role_id }))).onConflict((oc) => oc.doNothing()).execute();
    }
    if (patch.skills) {
      const bySkill = new Map(patch.skills.map((s) => [s.skillId, s.proficiency]));
      if (bySkill.size) {
        const found = await tx.selectFrom('skills').select('id').where('id', 'in', [...bySkill.keys()]).execute();
        if (found.length !== bySkill.size) throw new AppError(422, 'invalid_reference', 'a skill does not exist');
      }
      await tx.deleteFrom('person_skills').where('person_id', '=', personId).execute();
      if (bySkill.size) await tx.insertInto('person_skills').values([...bySkill].map(([skill_id, proficiency]) => ({ person_id: personId, skill_id, proficiency }))).execute();
    }
    const after = await getProfile(tx, actor, personId);
    await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'resource_profile', entityId: personId, projectId: null, before, after, version: updated.version });
  });
  return getProfile(db, actor, personId);
}

/** Adds a vacation or other non-project time (whole days, inclusive). */
export async function addNonProjectTime(db: Kysely<DB>, actor: Actor, personId: string, input: { from: string; to: string; reason?: string }) {
  authorize(actor, 'create', { kind: 'resource' });
  return db.transaction().execute(async (tx) => {
    await requirePerson(tx, personId);
    const row = await tx
      .insertInto('non_project_time')
      .values({ id: randomUUID(), person_id: personId, from_date: input.from, to_date: input.to, reason: input.reason ?? 'vacation' })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'non_project_time', entityId: row.id, projectId: null, after: presentNpt(row), version: 1 });
    return presentNpt(row);
  });
}

export async function deleteNonProjectTime(db: Kysely<DB>, actor: Actor, id: string, version: number) {
  authorize(actor, 'delete', { kind: 'resource' });
  await db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('non_project_time').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound('non-project time');
    const del = await tx.deleteFrom('non_project_time').where('id', '=', id).where('version', '=', version).executeTakeFirst();
    if (Number(del.numDeletedRows) !== 1) throw versionConflict('the non-project time');
    await recordChange(tx, { actorId: actor.userId, action: 'deleted', entityType: 'non_project_time', entityId: id, projectId: null, before: presentNpt(before) });
  });
}

export async function listAssignments(db: Kysely<DB>, actor: Actor, projectId: string) {
  await requireProjectAccess(db, actor, projectId, 'read', 'task');
  return (await db.selectFrom('assignments').selectAll().where('project_id', '=', projectId).orderBy('task_id').orderBy('id').execute()).map(presentAssignment);
}

/**
 * Assigns a person or a role to a task of the project. Work defaults to the task's duration x units.
 * A task of another project, a missing person or role answers 422; units must be > 0 (schema).
 */
export async function createAssignment(
  db: Kysely<DB>,
  actor: Actor,
  projectId: string,
  input: { taskId: string; personId?: string | undefined; roleId?: string | undefined; unitsPercent: number; workMinutes?: number | undefined },
) {
  await requireProjectAccess(db, actor, projectId, 'update', 'task');
  return db.transaction().execute(async (tx) => {
    const task = await tx.selectFrom('tasks').select(['id', 'duration_minutes', 'is_summary']).where('id', '=', input.taskId).where('project_id', '=', projectId).executeTakeFirst();
    if (!task) throw new AppError(422, 'invalid_reference', 'the task does not exist in this project');
    if (task.is_summary) throw new AppError(422, 'summary_task', 'assign resources to detail tasks, not to summary tasks');
    if (input.personId && !(await tx.selectFrom('people').select('id').where('id', '=', input.personId).executeTakeFirst())) throw new AppError(422, 'invalid_reference', 'the person does not exist');
    if (input.roleId && !(await tx.selectFrom('roles').select('id').where('id', '=', input.roleId).executeTakeFirst())) throw new AppError(422, 'invalid_reference', 'the role does not exist');
    const work = input.workMinutes ?? Math.round((task.duration_minutes * input.unitsPercent) / 100);
    const row = await tx
      .insertInto('assignments')
      .values({ id: randomUUID(), project_id: projectId, task_id: input.taskId, person_id: input.personId ?? null, role_id: input.roleId ?? null, units_percent: input.unitsPercent, work_minutes: work })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'assignment', entityId: row.id, projectId, after: presentAssignment(row), version: 1 });
    return presentAssignment(row);
  });
}

async function loadAssignmentForWrite(db: Kysely<DB>, actor: Actor, id: string) {
  const row = await db.selectFrom('assignments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('assignment');
  await requireProjectAccess(db, actor, row.project_id, 'update', 'task');
  return row;
}

export async function updateAssignment(db: Kysely<DB>, actor: Actor, id: string, version: number, patch: { unitsPercent?: number | undefined; workMinutes?: number | undefined }) {
  const before = await loadAssignmentForWrite(db, actor, id);
  return db.transaction().execute(async (tx) => {
    const row = await updateAtVersion(tx, 'assignments', id, version, { units_percent: patch.unitsPercent, work_minutes: patch.workMinutes }, 'the assignment');
    await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'assignment', entityId: id, projectId: row.project_id, before: presentAssignment(before), after: presentAssignment(row), version: row.version });
    return presentAssignment(row);
  });
}

export async function deleteAssignment(db: Kysely<DB>, actor: Actor, id: string, version: number) {
  const before = await loadAssignmentForWrite(db, actor, id);
  await db.transaction().execute(async (tx) => {
    const del = await tx.deleteFrom('assignments').where('id', '=', id).where('version', '=', version).executeTakeFirst();
    if (Number(del.numDeletedRows) !== 1) throw versionConflict('the assignment');
    await recordChange(tx, { actorId: actor.userId, action: 'deleted', entityType: 'assignment', entityId: id, projectId: before.project_id, before: presentAssignment(before) });
  });
}
