/** Use cases for projects: the portfolio list, create/update/delete, membership, activity. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { DB, ProjectRole, ProjectsTable } from '../../db/schema.js';
import { decodeCursor, encodeCursor } from '../../db/pagination.js';
import { AppError, notFound, versionConflict } from '../../server/errors.js';
import { authorize, can, canSeeProject, seesAllProjects, type Action, type Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import * as repo from './projects.repo.js';
import { assertStage, resolveLifecycle, stageNamer } from '../portfolio/lifecycles.service.js';
import type { ProjectResponse } from './projects.schemas.js';

type Row = Selectable<ProjectsTable>;

/**
 * Loads the actor's role on a project and checks they may do `action` on `kind`.
 * A project the actor may not see answers 404, so its existence does not leak.
 */
export async function requireProjectAccess(
  db: Kysely<DB>,
  actor: Actor,
  projectId: string,
  action: Action,
  kind: 'project' | 'membership' | 'task' | 'audit' = 'project',
): Promise<ProjectRole | null> {
  const exists = await db.selectFrom('projects').select('id').where('id', '=', projectId).executeTakeFirst();
  if (!exists) throw notFound('project');
  const role = await repo.findProjectRole(db, projectId, actor.userId);
  if (!canSeeProject(actor, role)) throw notFound('project');
  authorize(actor, action, { kind, projectRole: role });
  return role;
}

/** The user's role on a project (null: not a member). No access check: the caller authorises. */
export function findProjectRoleOf(db: Kysely<DB>, projectId: string, userId: string): Promise<ProjectRole | null> {
  return repo.findProjectRole(db, projectId, userId);
}

const num = (v: string | number) => Number(v);

/** Resolves a project's lifecycle and stage name (load once per request with `stageNamer`). */
type StageNames = Awaited<ReturnType<typeof stageNamer>>;

/** The API view of a project row (with joined names) for this actor. */
export function presentProject(r: repo.ProjectRow, actor: Actor, stages: StageNames): ProjectResponse {
  const st = stages(r.lifecycle_id, r.stage);
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    description: r.description,
    portfolioId: r.portfolio_id,
    portfolioName: r.portfolio_name,
    programId: r.program_id,
    programName: r.program_name ?? null,
    stage: r.stage,
    stageName: st.stageName,
    lifecycleId: st.lifecycleId,
    status: r.status,
    health: r.health,
    percentComplete: num(r.percent_complete),
    startDate: r.start_date,
    finishDate: r.finish_date,
    priority: r.priority,
    managerId: r.manager_id,
    managerName: r.manager_name ?? null,
    taskCount: Number(r.task_count ?? 0),
    myRole: r.my_role ?? null,
    canEdit: can(actor, 'update', { kind: 'project', projectRole: r.my_role ?? null }),
    canSetPriority: can(actor, 'update', { kind: 'project-priority', projectRole: r.my_role ?? null }),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
  };
}

export interface ListProjectsInput {
  limit: number;
  cursor?: string;
  sort: string;
  portfolioId?: string;
  programId?: string;
  stage?: string;
  status?: string;
  health?: string;
  managerId?: string;
  q?: string;
}

const SORT_COLUMNS: Record<string, repo.SortSpec['column']> = {
  name: 'name',
  code: 'code',
  updatedAt: 'updated_at',
  startDate: 'start_date',
  finishDate: 'finish_date',
};

/** Projects the actor may see, filtered and sorted, one page at a time. */
export async function listProjects(db: Kysely<DB>, actor: Actor, input: ListProjectsInput) {
  const desc = input.sort.startsWith('-');
  const column = SORT_COLUMNS[desc ? input.sort.slice(1) : input.sort] ?? 'name';
  const after = input.cursor ? decodeCursor(input.cursor, input.sort) : undefined;
  const rows = await repo.listProjects(
    db,
    {
      memberUserId: seesAllProjects(actor) ? null : actor.userId,
      viewerUserId: actor.userId,
      portfolioId: input.portfolioId,
      programId: input.programId,
      stage: input.stage,
      status: input.status,
      health: input.health,
      managerId: input.managerId,
      q: input.q,
    },
    { column, desc },
    input.limit,
    after ? { k: String(after.k), id: after.id } : undefined,
  );
  const more = rows.length > input.limit;
  const page = more ? rows.slice(0, input.limit) : rows;
  const last = page[page.length - 1];
  const stages = await stageNamer(db);
  return {
    items: page.map((r) => presentProject(r, actor, stages)),
    nextCursor: more && last ? encodeCursor({ k: last.sort_key, id: last.id, s: input.sort }) : null,
  };
}

export async function getProject(db: Kysely<DB>, actor: Actor, id: string): Promise<ProjectResponse> {
  await requireProjectAccess(db, actor, id, 'read');
  const row = await repo.findProject(db, id, actor.userId);
  if (!row) throw notFound('project');
  return presentProject(row, actor, await stageNamer(db));
}

const auditView = (r: Row) => ({
  code: r.code,
  name: r.name,
  portfolioId: r.portfolio_id,
  programId: r.program_id,
  stage: r.stage,
  lifecycleId: r.lifecycle_id,
  status: r.status,
  health: r.health,
  percentComplete: Number(r.percent_complete),
  startDate: r.start_date,
  finishDate: r.finish_date,
  priority: r.priority,
  managerId: r.manager_id,
});

async function checkStructure(db: Kysely<DB>, portfolioId: string, programId: string | null | undefined) {
  const pf = await db.selectFrom('portfolios').select('id').where('id', '=', portfolioId).executeTakeFirst();
  if (!pf) throw new AppError(422, 'invalid_reference', 'the portfolio does not exist');
  if (programId) {
    const pg = await db.selectFrom('programs').select('portfolio_id').where('id', '=', programId).executeTakeFirst();
    if (!pg) throw new AppError(422, 'invalid_reference', 'the program does not exist');
    if (pg.portfolio_id !== portfolioId) throw new AppError(422, 'program_not_in_portfolio', 'the program belongs to another portfolio');
  }
}

async function checkManager(db: Kysely<DB>, managerId: string | null | undefined) {
  if (!managerId) return;
  const u = await db.selectFrom('users').select('active').where('id', '=', managerId).executeTakeFirst();
  if (!u || !u.active) throw new AppError(422, 'invalid_reference', 'the manager is not an active user');
}

function checkDates(start: string | null | undefined, finish: string | null | undefined) {
  if (start && finish && finish < start) throw new AppError(422, 'invalid_dates', 'the finish date is before the start date');
}

export interface ProjectInput {
  code?: string;
  name: string;
  description?: string;
  portfolioId: string;
  programId?: string | null;
  stage?: ProjectsTable['stage'];
  lifecycleId?: string;
  status: ProjectsTable['status'];
  health: ProjectsTable['health'];
  percentComplete?: number;
  startDate?: string | null;
  finishDate?: string | null;
  priority?: number;
  managerId?: string | null;
}

/** Creates a project; its manager becomes a project manager member. */
export async function createProject(db: Kysely<DB>, actor: Actor, input: ProjectInput): Promise<ProjectResponse> {
  const id = await db.transaction().execute((tx) => createProjectInTransaction(tx, actor, input));
  const created = await repo.findProject(db, id, actor.userId);
  return presentProject(created!, actor, await stageNamer(db));
}

/**
 * The create-project use case inside the caller's transaction (another area's use case, e.g. a proposal becoming a
 * project, writes the project with its own rows atomically): authorises, checks, inserts, writes the audit rows.
 * Returns the new project's id.
 */
export async function createProjectInTransaction(tx: Kysely<DB>, actor: Actor, input: ProjectInput): Promise<string> {
  authorize(actor, 'create', { kind: 'project-new' });
  checkDates(input.startDate, input.finishDate);
  await checkStructure(tx, input.portfolioId, input.programId);
  await checkManager(tx, input.managerId);
  const lifecycle = await resolveLifecycle(tx, input.lifecycleId, { persist: input.lifecycleId !== undefined });
  const stage = input.stage ?? lifecycle.definition.stages[0]!.key;
  assertStage(lifecycle, stage);
  let code = input.code;
  if (!code) {
    const { n } = await repo.nextProjectCode(tx);
    code = `PRJ-${String(Number(n) + 1).padStart(4, '0')}`;
    while (await tx.selectFrom('projects').select('id').where((eb) => eb(eb.fn('lower', ['code']), '=', code!.toLowerCase())).executeTakeFirst()) {
      code = `PRJ-${randomUUID().slice(0, 8).toUpperCase()}`;
    }
  }
  const taken = await tx.selectFrom('projects').select('id').where((eb) => eb(eb.fn('lower', ['code']), '=', code!.toLowerCase())).executeTakeFirst();
  if (taken) throw new AppError(409, 'code_taken', `the project code "${code}" is taken`);
  const row = await repo.insertProject(tx, {
    id: randomUUID(),
    code,
    name: input.name,
    description: input.description ?? '',
    portfolio_id: input.portfolioId,
    program_id: input.programId ?? null,
    stage,
    lifecycle_id: input.lifecycleId ?? null,
    status: input.status,
    health: input.health,
    percent_complete: input.percentComplete ?? 0,
    start_date: input.startDate ?? null,
    finish_date: input.finishDate ?? null,
    ...(input.priority !== undefined ? { priority: input.priority } : {}),
    manager_id: input.managerId ?? null,
  });
  await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'project', entityId: row.id, projectId: row.id, after: auditView(row), version: row.version });
  if (row.manager_id) {
    const memberId = randomUUID();
    await repo.insertMember(tx, { id: memberId, project_id: row.id, user_id: row.manager_id, role: 'project_manager' });
    await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'project_member', entityId: memberId, projectId: row.id, after: { userId: row.manager_id, role: 'project_manager' }, version: 1 });
  }
  return row.id;
}

export type ProjectPatch = Partial<Omit<ProjectInput, 'stage' | 'status' | 'health' | 'lifecycleId'>> & {
  lifecycleId?: string;
  stage?: ProjectsTable['stage'];
  status?: ProjectsTable['status'];
  health?: ProjectsTable['health'];
};

/** Updates a project if `version` is current (409 otherwise). */
export async function updateProject(db: Kysely<DB>, actor: Actor, id: string, version: number, patch: ProjectPatch): Promise<ProjectResponse> {
  await db.transaction().execute(async (tx) => {
    const role = await requireProjectAccess(tx, actor, id, 'update');
    const before = await repo.findProjectRow(tx, id);
    if (!before) throw notFound('project');
    if (patch.priority !== undefined && patch.priority !== before.priority) authorize(actor, 'update', { kind: 'project-priority', projectRole: role });
    if (patch.portfolioId !== undefined || patch.programId !== undefined) {
      await checkStructure(tx, patch.portfolioId ?? before.portfolio_id, patch.programId === undefined ? before.program_id : patch.programId);
    }
    if (patch.managerId !== undefined) await checkManager(tx, patch.managerId);
    if (patch.stage !== undefined && patch.stage !== before.stage) {
      throw new AppError(409, 'gate_decision_required', `the project is in "${before.stage}"; it moves stage only through a gate decision (open a gate review: POST /api/v1/projects/${id}/gate-reviews)`);
    }
    if (patch.lifecycleId !== undefined && patch.lifecycleId !== before.lifecycle_id) {
      assertStage(await resolveLifecycle(tx, patch.lifecycleId, { persist: true }), before.stage);
      const open = await tx.selectFrom('gate_reviews').select('id').where('project_id', '=', id).where('status', '=', 'open').executeTakeFirst();
      if (open) throw new AppError(409, 'gate_review_open', 'the lifecycle cannot change while a gate review is open; decide it first');
    }
    checkDates(patch.startDate === undefined ? before.start_date : patch.startDate, patch.finishDate === undefined ? before.finish_date : patch.finishDate);
    if (patch.code !== undefined && patch.code.toLowerCase() !== before.code.toLowerCase()) {
      const taken = await tx.selectFrom('projects').select('id').where((eb) => eb(eb.fn('lower', ['code']), '=', patch.code!.toLowerCase())).executeTakeFirst();
      if (taken) throw new AppError(409, 'code_taken', `the project code "${patch.code}" is taken`);
    }
    const updated = await repo.updateProject(tx, id, version, {
      ...(patch.code !== undefined ? { code: patch.code } : {}),
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.portfolioId !== undefined ? { portfolio_id: patch.portfolioId } : {}),
      ...(patch.programId !== undefined ? { program_id: patch.programId } : {}),
      ...(patch.lifecycleId !== undefined ? { lifecycle_id: patch.lifecycleId } : {}),
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      ...(patch.health !== undefined ? { health: patch.health } : {}),
      ...(patch.percentComplete !== undefined ? { percent_complete: patch.percentComplete } : {}),
      ...(patch.startDate !== undefined ? { start_date: patch.startDate } : {}),
      ...(patch.finishDate !== undefined ? { finish_date: patch.finishDate } : {}),
      ...(patch.priority !== undefined ? { priority: patch.priority } : {}),
      ...(patch.managerId !== undefined ? { manager_id: patch.managerId } : {}),
    });
    if (!updated) throw versionConflict('the project');
    await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'project', entityId: id, projectId: id, before: auditView(before), after: auditView(updated), version: updated.version });
  });
  const row = await repo.findProject(db, id, actor.userId);
  return presentProject(row!, actor, await stageNamer(db));
}

/** Deletes a project and everything in it (tasks, links, membership). */
export async function deleteProject(db: Kysely<DB>, actor: Actor, id: string, version: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await requireProjectAccess(tx, actor, id, 'delete');
    const deleted = await repo.deleteProject(tx, id, version);
    if (!deleted) throw versionConflict('the project');
    await recordChange(tx, { actorId: actor.userId, action: 'deleted', entityType: 'project', entityId: id, projectId: id, before: auditView(deleted) });
  });
}

const presentMember = (m: repo.MemberRow) => ({
  id: m.id,
  projectId: m.project_id,
  userId: m.user_id,
  username: m.username,
  displayName: m.display_name,
  role: m.role,
  version: m.version,
});

export async function listMembers(db: Kysely<DB>, actor: Actor, projectId: string) {
  await requireProjectAccess(db, actor, projectId, 'read', 'membership');
  return (await repo.listMembers(db, projectId)).map(presentMember);
}

export async function addMember(db: Kysely<DB>, actor: Actor, projectId: string, userId: string, role: ProjectRole) {
  const id = await db.transaction().execute(async (tx) => {
    await requireProjectAccess(tx, actor, projectId, 'create', 'membership');
    const user = await tx.selectFrom('users').select('id').where('id', '=', userId).where('active', '=', true).executeTakeFirst();
    if (!user) throw new AppError(422, 'invalid_reference', 'the user does not exist or is inactive');
    if (await repo.findProjectRole(tx, projectId, userId)) throw new AppError(409, 'already_member', 'the user is already a member of this project');
    const { id } = await repo.insertMember(tx, { id: randomUUID(), project_id: projectId, user_id: userId, role });
    await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'project_member', entityId: id, projectId, after: { userId, role }, version: 1 });
    return id;
  });
  return presentMember((await repo.findMember(db, projectId, id))!);
}

export async function updateMember(db: Kysely<DB>, actor: Actor, projectId: string, memberId: string, version: number, role: ProjectRole) {
  await db.transaction().execute(async (tx) => {
    await requireProjectAccess(tx, actor, projectId, 'update', 'membership');
    const before = await repo.findMember(tx, projectId, memberId);
    if (!before) throw notFound('member');
    if (!(await repo.updateMember(tx, memberId, version, role))) throw versionConflict('the membership');
    await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'project_member', entityId: memberId, projectId, before: { role: before.role }, after: { role }, version: version + 1 });
  });
  return presentMember((await repo.findMember(db, projectId, memberId))!);
}

export async function removeMember(db: Kysely<DB>, actor: Actor, projectId: string, memberId: string, version: number) {
  await db.transaction().execute(async (tx) => {
    await requireProjectAccess(tx, actor, projectId, 'delete', 'membership');
    const before = await repo.findMember(tx, projectId, memberId);
    if (!before) throw notFound('member');
    if (!(await repo.deleteMember(tx, memberId, version))) throw versionConflict('the membership');
    await recordChange(tx, { actorId: actor.userId, action: 'deleted', entityType: 'project_member', entityId: memberId, projectId, before: { userId: before.user_id, role: before.role } });
  });
}

export async function listActivity(db: Kysely<DB>, actor: Actor, projectId: string, limit: number) {
  await requireProjectAccess(db, actor, projectId, 'read', 'audit');
  const rows = await repo.listActivity(db, projectId, limit);
  return rows.map((a) => ({
    id: String(a.id),
    at: a.at.toISOString(),
    actorId: a.actor_id,
    actorName: a.actor_name ?? null,
    action: a.action,
    entityType: a.entity_type,
    entityId: a.entity_id,
    before: a.before ?? null,
    after: a.after ?? null,
  }));
}
