/**
 * Staffing requests: a project manager asks for a named person for a role placeholder assignment; a
 * resource manager (pmo, portfolio manager, admin) proposes a person, fills the request (the assignment
 * then names the person instead of the role) or rejects it; the project accepts a proposal (fills it with the
 * proposed person), sends it back (requested again, with a note) or withdraws the request (cancelled). Every
 * step is an audit entry (the history).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { DB, ProjectRole, StaffingRequestsTable, StaffingStatus } from '../../db/schema.js';
import { updateAtVersion } from '../../db/versioned-update.js';
import { AppError, notFound } from '../../server/errors.js';
import { authorize, can, seesAllProjects, type Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import { requireProjectAccess } from '../projects/projects.service.js';

const present = (r: Selectable<StaffingRequestsTable>) => ({
  id: r.id,
  projectId: r.project_id,
  assignmentId: r.assignment_id,
  roleId: r.role_id,
  status: r.status,
  personId: r.person_id,
  note: r.note,
  requestedBy: r.requested_by,
  version: r.version,
});

/** Steps a resource manager may take: propose (again), fill with anyone, reject. */
const BY_RESOURCE_MANAGER: Record<StaffingStatus, readonly StaffingStatus[]> = {
  requested: ['proposed', 'filled', 'rejected'],
  proposed: ['proposed', 'filled', 'rejected'],
  filled: [],
  rejected: [],
  cancelled: [],
};
/** Steps the asking project (its task writers) may take: accept a proposal, send it back, withdraw. */
const BY_PROJECT: Record<StaffingStatus, readonly StaffingStatus[]> = {
  requested: ['cancelled'],
  proposed: ['filled', 'requested', 'cancelled'],
  filled: [],
  rejected: [],
  cancelled: [],
};

export type StaffingStep = 'requested' | 'proposed' | 'filled' | 'rejected' | 'cancelled';

/** Requests with the names a reader needs: project, task and its dates, role, person, who asked. */
function selectViews(db: Kysely<DB>, actor: Actor) {
  return db
    .selectFrom('staffing_requests as s')
    .leftJoin('project_members as me', (j) => j.onRef('me.project_id', '=', 's.project_id').on('me.user_id', '=', actor.userId))
    .innerJoin('projects as p', 'p.id', 's.project_id')
    .innerJoin('assignments as a', 'a.id', 's.assignment_id')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .leftJoin('roles as r', 'r.id', 's.role_id')
    .leftJoin('people as pe', 'pe.id', 's.person_id')
    .leftJoin('users as u', 'u.id', 's.requested_by')
    .selectAll('s')
    .select(['p.name as project_name', 't.id as task_id', 't.name as task_name', 't.start as task_start', 't.finish as task_finish', 'a.units_percent', 'a.work_minutes', 'r.name as role_name', 'pe.name as person_name', 'u.display_name as requested_by_name', 'me.role as my_role'])
    .orderBy('s.created_at')
    .orderBy('s.id');
}

type ViewRow = Awaited<ReturnType<ReturnType<typeof selectViews>['execute']>>[number];
const apiTime = (v: string | null) => (v === null ? null : v.replace(' ', 'T').slice(0, 19));

/** The steps the actor may take on a request now (what the web offers). */
function nextSteps(actor: Actor, status: StaffingStatus, projectRole: ProjectRole | null): StaffingStatus[] {
  const out = new Set<StaffingStatus>();
  if (can(actor, 'update', { kind: 'resource' })) for (const s of BY_RESOURCE_MANAGER[status]) out.add(s);
  if (can(actor, 'update', { kind: 'task', projectRole })) for (const s of BY_PROJECT[status]) out.add(s);
  return [...out];
}

/** The API view of a request for the actor. */
export const presentView = (actor: Actor) => (r: ViewRow) => ({
  ...present(r),
  nextSteps: nextSteps(actor, r.status, r.my_role),
  projectName: r.project_name,
  taskId: r.task_id,
  taskName: r.task_name,
  taskStart: apiTime(r.task_start),
  taskFinish: apiTime(r.task_finish),
  unitsPercent: r.units_percent,
  workMinutes: Number(r.work_minutes),
  roleName: r.role_name,
  personName: r.person_name,
  requestedByName: r.requested_by_name,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

async function viewOf(db: Kysely<DB>, actor: Actor, id: string) {
  const row = await selectViews(db, actor).where('s.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('staffing request');
  return presentView(actor)(row);
}

/** Requests of one project. */
export async function listProjectStaffing(db: Kysely<DB>, actor: Actor, projectId: string) {
  await requireProjectAccess(db, actor, projectId, 'read', 'task');
  return (await selectViews(db, actor).where('s.project_id', '=', projectId).execute()).map(presentView(actor));
}

/** The inbox: requests of every project the actor may see, optionally by status. */
export async function listStaffingInbox(db: Kysely<DB>, actor: Actor, status?: StaffingStatus) {
  authorize(actor, 'read', { kind: 'resource' });
  let q = selectViews(db, actor).limit(1000);
  if (status) q = q.where('s.status', '=', status);
  if (!seesAllProjects(actor)) q = q.where('s.project_id', 'in', db.selectFrom('project_members').select('project_id').where('user_id', '=', actor.userId));
  return (await q.execute()).map(presentView(actor));
}

/** The status history of a request, oldest first, from the audit trail (who, when, status, person, note). */
export async function staffingHistory(db: Kysely<DB>, actor: Actor, id: string) {
  const req = await db.selectFrom('staffing_requests').select(['project_id']).where('id', '=', id).executeTakeFirst();
  if (!req) throw notFound('staffing request');
  await requireProjectAccess(db, actor, req.project_id, 'read', 'task');
  const rows = await db
    .selectFrom('audit_log as l')
    .leftJoin('users as u', 'u.id', 'l.actor_id')
    .select(['l.id', 'l.at', 'l.action', 'l.after', 'u.display_name'])
    .where('l.entity_type', '=', 'staffing_request')
    .where('l.entity_id', '=', id)
    .orderBy('l.id')
    .execute();
  const personIds = [...new Set(rows.map((r) => (r.after as { personId?: string | null } | null)?.personId).filter((v): v is string => typeof v === 'string'))];
  const names = personIds.length ? new Map((await db.selectFrom('people').select(['id', 'name']).where('id', 'in', personIds).execute()).map((p) => [p.id, p.name])) : new Map<string, string>();
  return rows.map((r) => {
    const after = (r.after ?? {}) as { status?: StaffingStatus; personId?: string | null; note?: string };
    return {
      at: r.at.toISOString(),
      action: r.action,
      actorName: r.display_name,
      status: after.status ?? null,
      personId: after.personId ?? null,
      personName: after.personId ? (names.get(after.personId) ?? null) : null,
      note: after.note ?? '',
    };
  });
}

/** Asks for a person for a role placeholder assignment of the project (422 if it names a person already). */
export async function createStaffingRequest(db: Kysely<DB>, actor: Actor, projectId: string, input: { assignmentId: string; note?: string | undefined }) {
  await requireProjectAccess(db, actor, projectId, 'update', 'task');
  return db.transaction().execute(async (tx) => {
    const a = await tx.selectFrom('assignments').select(['id', 'role_id', 'person_id']).where('id', '=', input.assignmentId).where('project_id', '=', projectId).executeTakeFirst();
    if (!a) throw new AppError(422, 'invalid_reference', 'the assignment does not exist in this project');
    if (!a.role_id) throw new AppError(422, 'not_a_placeholder', 'the assignment already names a person');
    const open = await tx.selectFrom('staffing_requests').select('id').where('assignment_id', '=', a.id).where('status', 'in', ['requested', 'proposed']).executeTakeFirst();
    if (open) throw new AppError(409, 'request_open', 'a staffing request for this assignment is already open');
    const row = await tx
      .insertInto('staffing_requests')
      .values({ id: randomUUID(), project_id: projectId, assignment_id: a.id, role_id: a.role_id, note: input.note ?? '', requested_by: actor.userId })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'staffing_request', entityId: row.id, projectId, after: present(row), version: 1 });
    return viewOf(tx, actor, row.id);
  });
}

/**
 * One step of a request. Resource managers propose, fill (with anyone) or reject; the asking project accepts a
 * proposal (`filled` with the proposed person), sends it back (`requested`, the proposal is cleared) or withdraws
 * (`cancelled`). Filling replaces the role on the assignment by the person.
 */
export async function updateStaffingRequest(db: Kysely<DB>, actor: Actor, id: string, version: number, input: { status: StaffingStep; personId?: string | undefined; note?: string | undefined }) {
  const before = await db.selectFrom('staffing_requests').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw notFound('staffing request');
  const projectRole = await requireProjectAccess(db, actor, before.project_id, 'read', 'task');
  const manager = can(actor, 'update', { kind: 'resource' });
  const asker = can(actor, 'update', { kind: 'task', projectRole });
  const byManager = manager && BY_RESOURCE_MANAGER[before.status].includes(input.status);
  // The project may only accept the person proposed, never name another one.
  const acceptsProposal = input.status !== 'filled' || input.personId === undefined || input.personId === before.person_id;
  const byProject = asker && BY_PROJECT[before.status].includes(input.status) && acceptsProposal;
  if (!byManager && !byProject) {
    const anyone = BY_RESOURCE_MANAGER[before.status].includes(input.status) || BY_PROJECT[before.status].includes(input.status);
    if (!anyone) throw new AppError(409, 'invalid_transition', `a ${before.status} request cannot become ${input.status}`);
    authorize(actor, 'update', { kind: 'resource' }); // throws the 403 (or insufficient_scope)
  }
  if (input.status === 'requested' && input.personId !== undefined) throw new AppError(422, 'invalid_change', 'sending a proposal back names nobody');
  const personId = input.status === 'requested' ? null : (input.personId ?? (input.status === 'filled' ? before.person_id : undefined));
  if ((input.status === 'proposed' || input.status === 'filled') && !personId) throw new AppError(422, 'person_required', `name the person to ${input.status === 'filled' ? 'fill' : 'propose for'} the request`);
  return db.transaction().execute(async (tx) => {
    if (personId && !(await tx.selectFrom('people').select('id').where('id', '=', personId).executeTakeFirst())) throw new AppError(422, 'invalid_reference', 'the person does not exist');
    const row = await updateAtVersion(tx, 'staffing_requests', id, version, { status: input.status, person_id: personId, note: input.note }, 'the staffing request');
    if (input.status === 'filled') {
      const a = await tx
        .updateTable('assignments')
        .set((eb) => ({ person_id: personId!, role_id: null, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', row.assignment_id)
        .returningAll()
        .executeTakeFirst();
      if (!a) throw new AppError(409, 'assignment_gone', 'the placeholder assignment no longer exists');
      await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'assignment', entityId: a.id, projectId: a.project_id, after: { personId: a.person_id, roleId: null }, version: a.version });
    }
    await recordChange(tx, { actorId: actor.userId, action: input.status, entityType: 'staffing_request', entityId: id, projectId: row.project_id, before: present(before), after: present(row), version: row.version });
    return viewOf(tx, actor, id);
  });
}
