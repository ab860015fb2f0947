/** SQL for projects, their membership and their activity. */
import { sql, type Expression, type Insertable, type Kysely, type SqlBool, type Updateable } from 'kysely';
import type { DB, ProjectRole, ProjectsTable } from '../../db/schema.js';

/** The actor's role on a project, or null when they are not a member. */
export async function findProjectRole(db: Kysely<DB>, projectId: string, userId: string): Promise<ProjectRole | null> {
  const row = await db.selectFrom('project_members').select('role').where('project_id', '=', projectId).where('user_id', '=', userId).executeTakeFirst();
  return row?.role ?? null;
}

export interface ProjectFilter {
  /** Only projects this user is a member of (null: all projects). */
  memberUserId: string | null;
  viewerUserId: string;
  portfolioId?: string;
  programId?: string;
  stage?: string;
  status?: string;
  health?: string;
  managerId?: string;
  q?: string;
  ids?: string[];
}

export interface SortSpec {
  column: 'name' | 'code' | 'updated_at' | 'start_date' | 'finish_date';
  desc: boolean;
}

/** Sort expressions; nullable dates sort last via a sentinel so keyset comparisons stay total. */
const sortExpr = (c: SortSpec['column']) => {
  switch (c) {
    case 'name':
      return sql<string>`p.name`;
    case 'code':
      return sql<string>`p.code`;
    case 'updated_at':
      return sql<string>`to_char(p.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;
    case 'start_date':
      return sql<string>`coalesce(p.start_date, '9999-12-31'::date)::text`;
    case 'finish_date':
      return sql<string>`coalesce(p.finish_date, '9999-12-31'::date)::text`;
  }
};

export function selectProjects(db: Kysely<DB>, f: ProjectFilter) {
  let q = db
    .selectFrom('projects as p')
    .innerJoin('portfolios as pf', 'pf.id', 'p.portfolio_id')
    .leftJoin('programs as pg', 'pg.id', 'p.program_id')
    .leftJoin('users as m', 'm.id', 'p.manager_id')
    .leftJoin('project_members as me', (j) => j.onRef('me.project_id', '=', 'p.id').on('me.user_id', '=', f.viewerUserId))
    .selectAll('p')
    .select([
      'pf.name as portfolio_name',
      'pg.name as program_name',
      'm.display_name as manager_name',
      'me.role as my_role',
      (eb) => eb.selectFrom('tasks as t').select((e) => e.fn.countAll<number>().as('n')).whereRef('t.project_id', '=', 'p.id').as('task_count'),
    ]);
  if (f.memberUserId) q = q.where('me.user_id', 'is not', null);
  if (f.portfolioId) q = q.where('p.portfolio_id', '=', f.portfolioId);
  if (f.programId) q = q.where('p.program_id', '=', f.programId);
  if (f.stage) q = q.where('p.stage', '=', f.stage as ProjectsTable['stage']);
  if (f.status) q = q.where('p.status', '=', f.status as ProjectsTable['status']);
  if (f.health) q = q.where('p.health', '=', f.health as ProjectsTable['health']);
  if (f.managerId) q = q.where('p.manager_id', '=', f.managerId);
  if (f.ids) q = q.where('p.id', 'in', f.ids.length ? f.ids : ['00000000-0000-0000-0000-000000000000']);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('p.name', 'ilike', like), eb('p.code', 'ilike', like)]));
  }
  return q;
}

/** A page of projects in the given order, after the cursor position (keyset pagination). */
export function listProjects(db: Kysely<DB>, f: ProjectFilter, sort: SortSpec, limit: number, after?: { k: string; id: string }) {
  const key = sortExpr(sort.column);
  let q = selectProjects(db, f).select(key.as('sort_key'));
  if (after) {
    const cmp: Expression<SqlBool> = sort.desc
      ? sql<SqlBool>`(${key} < ${after.k} or (${key} = ${after.k} and p.id > ${after.id}))`
      : sql<SqlBool>`(${key} > ${after.k} or (${key} = ${after.k} and p.id > ${after.id}))`;
    q = q.where(cmp);
  }
  return q
    .orderBy(key, sort.desc ? 'desc' : 'asc')
    .orderBy('p.id')
    .limit(limit + 1)
    .execute();
}

export type ProjectRow = Awaited<ReturnType<typeof listProjects>>[number];

export function findProject(db: Kysely<DB>, id: string, viewerUserId: string) {
  return selectProjects(db, { memberUserId: null, viewerUserId }).select(sql<string>`''`.as('sort_key')).where('p.id', '=', id).executeTakeFirst();
}

export function findProjectRow(db: Kysely<DB>, id: string) {
  return db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertProject(db: Kysely<DB>, row: Insertable<ProjectsTable>) {
  return db.insertInto('projects').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateProject(db: Kysely<DB>, id: string, version: number, patch: Updateable<ProjectsTable>) {
  return db
    .updateTable('projects')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export function deleteProject(db: Kysely<DB>, id: string, version: number) {
  return db.deleteFrom('projects').where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

export function nextProjectCode(db: Kysely<DB>) {
  return db.selectFrom('projects').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
}

export function listMembers(db: Kysely<DB>, projectId: string) {
  return db
    .selectFrom('project_members as pm')
    .innerJoin('users as u', 'u.id', 'pm.user_id')
    .select(['pm.id', 'pm.project_id', 'pm.user_id', 'pm.role', 'pm.version', 'u.username', 'u.display_name'])
    .where('pm.project_id', '=', projectId)
    .orderBy('u.display_name')
    .execute();
}

export type MemberRow = Awaited<ReturnType<typeof listMembers>>[number];

export function findMember(db: Kysely<DB>, projectId: string, memberId: string) {
  return db
    .selectFrom('project_members as pm')
    .innerJoin('users as u', 'u.id', 'pm.user_id')
    .select(['pm.id', 'pm.project_id', 'pm.user_id', 'pm.role', 'pm.version', 'u.username', 'u.display_name'])
    .where('pm.project_id', '=', projectId)
    .where('pm.id', '=', memberId)
    .executeTakeFirst();
}

export function insertMember(db: Kysely<DB>, row: { id: string; project_id: string; user_id: string; role: ProjectRole }) {
  return db.insertInto('project_members').values(row).returning('id').executeTakeFirstOrThrow();
}

export function updateMember(db: Kysely<DB>, id: string, version: number, role: ProjectRole) {
  return db.updateTable('project_members').set((eb) => ({ role, version: eb('version', '+', 1) })).where('id', '=', id).where('version', '=', version).returning('id').executeTakeFirst();
}

export function deleteMember(db: Kysely<DB>, id: string, version: number) {
  return db.deleteFrom('project_members').where('id', '=', id).where('version', '=', version).returning('id').executeTakeFirst();
}

export function listActivity(db: Kysely<DB>, projectId: string, limit: number) {
  return db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .select(['a.id', 'a.at', 'a.actor_id', 'u.display_name as actor_name', 'a.action', 'a.entity_type', 'a.entity_id', 'a.before', 'a.after'])
    .where('a.project_id', '=', projectId)
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
}
