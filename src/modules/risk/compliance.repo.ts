/** SQL of compliance checklists, records, risk register reviews and the facts compliance rules read. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export function findChecklist(db: Kysely<DB>, lifecycleId: string) {
  return db.selectFrom('compliance_checklists').selectAll().where('lifecycle_id', '=', lifecycleId).executeTakeFirst();
}

export function listChecklists(db: Kysely<DB>) {
  return db.selectFrom('compliance_checklists').selectAll().execute();
}

/** Records of the given projects with who recorded them. */
export function listRecords(db: Kysely<DB>, projectIds: string[]) {
  if (projectIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('compliance_records as c')
    .leftJoin('users as u', 'u.id', 'c.recorded_by')
    .selectAll('c')
    .select('u.display_name as recorded_by_name')
    .where('c.project_id', 'in', projectIds)
    .execute();
}

export type RecordRow = Awaited<ReturnType<typeof listRecords>>[number];

/**
 * Facts of the given projects as YYYY-MM-DD (UTC days): riskRegister.lastReviewedOn, riskRegister.lastChangedOn,
 * gate.<key>.passedOn (latest go decision at each gate).
 */
export async function loadFacts(db: Kysely<DB>, projectIds: string[]): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>(projectIds.map((id) => [id, {}]));
  if (projectIds.length === 0) return out;
  const ids = sql.join(projectIds.map((id) => sql`${id}::uuid`));
  const res = await sql<{ project_id: string; fact: string; on: string }>`
    select project_id, 'riskRegister.lastReviewedOn' as fact, max(reviewed_on)::text as on from risk_register_reviews where project_id in (${ids}) group by project_id
    union all
    select project_id, 'riskRegister.lastChangedOn', (max(updated_at) at time zone 'UTC')::date::text from risks where project_id in (${ids}) group by project_id
    union all
    select project_id, 'gate.' || gate_key || '.passedOn', (max(decided_at) at time zone 'UTC')::date::text from gate_reviews
      where project_id in (${ids}) and decision = 'go' group by project_id, gate_key`.execute(db);
  for (const r of res.rows) out.get(r.project_id)![r.fact] = r.on;
  return out;
}

export function insertReview(db: Kysely<DB>, row: { id: string; project_id: string; reviewed_on: string; reviewed_by: string; note: string }) {
  return db.insertInto('risk_register_reviews').values(row).returningAll().executeTakeFirstOrThrow();
}

/** The latest reviews of a project's risk register. */
export function listReviews(db: Kysely<DB>, projectId: string, limit = 20) {
  return db
    .selectFrom('risk_register_reviews as r')
    .leftJoin('users as u', 'u.id', 'r.reviewed_by')
    .selectAll('r')
    .select('u.display_name as reviewed_by_name')
    .where('r.project_id', '=', projectId)
    .orderBy('r.reviewed_on', 'desc')
    .orderBy('r.created_at', 'desc')
    .limit(limit)
    .execute();
}

/** Projects of a matrix: in a portfolio and/or program, without completed or cancelled ones unless asked. */
export function listMatrixProjects(db: Kysely<DB>, f: { portfolioId?: string; programId?: string; includeClosed: boolean }) {
  let q = db.selectFrom('projects').select(['id', 'code', 'name', 'stage', 'lifecycle_id']).orderBy('code').orderBy('id');
  if (f.portfolioId) q = q.where('portfolio_id', '=', f.portfolioId);
  if (f.programId) q = q.where('program_id', '=', f.programId);
  if (!f.includeClosed) q = q.where('status', 'not in', ['completed', 'cancelled']);
  return q.execute();
}
