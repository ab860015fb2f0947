/** SQL for the risk register, mitigation actions, the risk matrix and task estimates. */
import { sql, type Insertable, type Kysely, type SqlBool, type Updateable } from 'kysely';
import type { DB, RiskActionsTable, RisksTable } from '../../db/schema.js';

/** Risks with their effective program and portfolio (a project risk follows its project) and display names. */
export function selectRisks(db: Kysely<DB>) {
  return db
    .selectFrom('risks as r')
    .leftJoin('projects as p', 'p.id', 'r.project_id')
    .leftJoin('programs as pg', (j) => j.on(sql<SqlBool>`pg.id = coalesce(p.program_id, r.program_id)`))
    .leftJoin('portfolios as pf', (j) => j.on(sql<SqlBool>`pf.id = coalesce(p.portfolio_id, pg.portfolio_id, r.portfolio_id)`))
    .leftJoin('users as o', 'o.id', 'r.owner_id')
    .leftJoin('risks as t', 't.id', 'r.escalated_to_risk_id')
    .selectAll('r')
    .select([
      'p.name as project_name',
      'pg.id as eff_program_id',
      'pg.name as program_name',
      'pf.id as eff_portfolio_id',
      'pf.name as portfolio_name',
      'o.display_name as owner_name',
      't.title as target_title',
      't.level as target_level',
      (eb) => eb.selectFrom('risks as c').select((e) => e.fn.countAll<number>().as('n')).whereRef('c.escalated_to_risk_id', '=', 'r.id').as('escalated_from_count'),
    ]);
}

export type RiskRow = Awaited<ReturnType<ReturnType<typeof selectRisks>['execute']>>[number];

export function findRisk(db: Kysely<DB>, id: string) {
  return selectRisks(db).where('r.id', '=', id).executeTakeFirst();
}

export function findRiskRow(db: Kysely<DB>, id: string) {
  return db.selectFrom('risks').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listProjectRisks(db: Kysely<DB>, projectId: string) {
  return selectRisks(db).where('r.project_id', '=', projectId).orderBy('r.created_at').orderBy('r.id').execute();
}

export interface RiskFilter {
  level?: RisksTable['level'];
  projectId?: string;
  programId?: string;
  portfolioId?: string;
  status?: RisksTable['status'];
  /** Only project risks of these projects plus risks of other levels (null: all). */
  limit?: number;
}

/** Risks across registers, filtered by effective scope. */
export function listRisks(db: Kysely<DB>, f: RiskFilter) {
  let q = selectRisks(db);
  if (f.level) q = q.where('r.level', '=', f.level);
  if (f.projectId) q = q.where('r.project_id', '=', f.projectId);
  if (f.programId) q = q.where('pg.id', '=', f.programId);
  if (f.portfolioId) q = q.where('pf.id', '=', f.portfolioId);
  if (f.status) q = q.where('r.status', '=', f.status);
  q = q.orderBy('r.created_at').orderBy('r.id');
  return f.limit ? q.limit(f.limit).execute() : q.execute();
}

export function insertRisk(db: Kysely<DB>, row: Insertable<RisksTable>) {
  return db.insertInto('risks').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateRisk(db: Kysely<DB>, id: string, version: number, patch: Updateable<RisksTable>) {
  return db
    .updateTable('risks')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export function deleteRisk(db: Kysely<DB>, id: string, version: number) {
  return db.deleteFrom('risks').where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

/** The escalation chain above a risk (ids, levels, parents), following escalated_to links, at most `max` steps. */
export async function escalationChain(db: Kysely<DB>, startId: string, max = 64) {
  const out: Array<{ id: string; level: RisksTable['level']; escalated_to_risk_id: string | null }> = [];
  let id: string | null = startId;
  const seen = new Set<string>();
  while (id && !seen.has(id) && out.length < max) {
    seen.add(id);
    const row: { id: string; level: RisksTable['level']; escalated_to_risk_id: string | null } | undefined = await db
      .selectFrom('risks')
      .select(['id', 'level', 'escalated_to_risk_id'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) break;
    out.push(row);
    id = row.escalated_to_risk_id;
  }
  return out;
}

/** Actions with their owner's name and, for actions that are schedule tasks, the task's name, finish and progress. */
const selectActions = (db: Kysely<DB>) =>
  db
    .selectFrom('risk_actions as a')
    .leftJoin('users as u', 'u.id', 'a.owner_id')
    .leftJoin('tasks as t', 't.id', 'a.task_id')
    .selectAll('a')
    .select(['u.display_name as owner_name', 't.name as task_name', 't.finish as task_finish', 't.percent_complete as task_percent']);

export function listActions(db: Kysely<DB>, riskIds: string[]) {
  if (riskIds.length === 0) return Promise.resolve([]);
  return selectActions(db).where('a.risk_id', 'in', riskIds).orderBy('a.due_date').orderBy('a.id').execute();
}

export type ActionRow = Awaited<ReturnType<typeof listActions>>[number];

export function findAction(db: Kysely<DB>, id: string) {
  return selectActions(db).where('a.id', '=', id).executeTakeFirst();
}

export function insertAction(db: Kysely<DB>, row: Insertable<RiskActionsTable>) {
  return db.insertInto('risk_actions').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateAction(db: Kysely<DB>, id: string, version: number, patch: Updateable<RiskActionsTable>) {
  return db
    .updateTable('risk_actions')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export function deleteAction(db: Kysely<DB>, id: string, version: number) {
  return db.deleteFrom('risk_actions').where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

export function findMatrixRow(db: Kysely<DB>) {
  return db.selectFrom('risk_settings').selectAll().where('id', '=', 1).executeTakeFirst();
}

export function listRiskHistory(db: Kysely<DB>, riskId: string, limit = 200) {
  return db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .select(['a.id', 'a.at', 'u.display_name as actor_name', 'a.action', 'a.before', 'a.after'])
    .where('a.entity_type', '=', 'risk')
    .where('a.entity_id', '=', riskId)
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
}

/** Figure columns of one risk (see figureColumns in risk.present.ts), as the risks table types them. */
export type FigureRow = Pick<RisksTable, 'id' | `${'inh' | 'res'}_${'probability_level' | 'impact_level' | 'score' | 'rating' | 'emv_cents'}`>;

/** Rewrites the stored figures of many risks (after a matrix change), 1,000 rows per statement. */
export async function updateRiskFigures(db: Kysely<DB>, rows: FigureRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const values = rows.slice(i, i + 1000).map(
      (r) => sql`(${r.id}::uuid, ${r.inh_probability_level}::smallint, ${r.inh_impact_level}::smallint, ${r.inh_score}::smallint, ${r.inh_rating}, ${r.inh_emv_cents}::bigint,
        ${r.res_probability_level}::smallint, ${r.res_impact_level}::smallint, ${r.res_score}::smallint, ${r.res_rating}, ${r.res_emv_cents}::bigint)`,
    );
    await sql`
      update risks r set inh_probability_level = v.ip, inh_impact_level = v.ii, inh_score = v.isc, inh_rating = v.ir, inh_emv_cents = v.ie,
        res_probability_level = v.rp, res_impact_level = v.ri, res_score = v.rsc, res_rating = v.rr, res_emv_cents = v.re
      from (values ${sql.join(values)}) as v(id, ip, ii, isc, ir, ie, rp, ri, rsc, rr, re)
      where r.id = v.id`.execute(db);
  }
}
