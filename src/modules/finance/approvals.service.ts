/**
 * Approval of submitted time in bulk: authorise per project, price each entry at its cost rate in the
 * reporting currency, mark it approved and add it to the per-project monthly cost summary, all in one
 * transaction. Rows are locked in id order, so parallel approvals of the same entries count each once.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError, forbidden } from '../../server/errors.js';
import { can, seesAllProjects, type Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import { computeTimeAmountMinor, convertMoney, resolveRate, transitionTimesheet } from '../../domain/finance/index.js';
import { domain, loadFxTable, loadPersonRoles, loadRateRows, monthOfDate, reportingCurrency } from './finance-common.js';
import { lockEntries, presentTimeEntry } from './time-entries.repo.js';

interface Decided {
  approved: number;
  rejected: number;
  projects: string[];
}

/** Projects in `projectIds` where the actor may decide on time: officers everywhere, managers on theirs. */
async function requireApprover(db: Kysely<DB>, actor: Actor, projectIds: string[], personIds: string[]): Promise<void> {
  const roles = await db.selectFrom('project_members').select(['project_id', 'role']).where('user_id', '=', actor.userId).where('project_id', 'in', projectIds).execute();
  const roleOf = new Map(roles.map((r) => [r.project_id, r.role]));
  const lineManaged = new Set((await db.selectFrom('people').select('id as person_id').where('line_manager_id', '=', actor.userId).where('id', 'in', personIds).execute()).map((r) => r.person_id));
  for (const p of projectIds) {
    if (!can(actor, 'update', { kind: 'finance', area: 'approval', projectRole: roleOf.get(p) ?? null })) {
      const allLineManaged = personIds.every((id) => lineManaged.has(id));
      if (!allLineManaged || !actor.scopes.has('write')) throw forbidden('you may approve time only on projects you manage (or for people you line-manage)');
    }
  }
  const own = await db.selectFrom('people').select('id').where('user_id', '=', actor.userId).where('id', 'in', personIds).executeTakeFirst();
  if (own) throw new AppError(403, 'own_time', 'nobody approves their own time');
}

/** Approves submitted entries (all or nothing). Answers 409 naming entries that are not submitted. */
export async function approveEntries(db: Kysely<DB>, actor: Actor, ids: string[]): Promise<Decided> {
  const unique = [...new Set(ids)];
  return domain(() => db.transaction().execute(async (tx) => {
    const rows = await lockEntries(tx, unique);
    if (rows.length !== unique.length) throw new AppError(404, 'not_found', `${unique.length - rows.length} time entries not found`);
    const projectIds = [...new Set(rows.map((r) => r.project_id))];
    const personIds = [...new Set(rows.map((r) => r.person_id))];
    await requireApprover(tx, actor, projectIds, personIds);
    const notSubmitted = rows.filter((r) => r.state !== 'submitted');
    if (notSubmitted.length > 0) {
      transitionTimesheet({ state: notSubmitted[0]!.state, decidedBy: null, rejectionReason: null }, { type: 'approve', approverId: actor.userId });
    }
    await requireCorrectionPairs(tx, rows);
    const currency = await reportingCurrency(tx);
    const rates = await loadRateRows(tx, { personIds });
    const fx = await loadFxTable(tx);
    const roles = await loadPersonRoles(tx, personIds);
    const reversed = rows.filter((r) => r.reversal_of !== null).map((r) => r.reversal_of!);
    const originals = new Map((reversed.length ? await tx.selectFrom('time_entries').select(['id', 'cost_minor']).where('id', 'in', reversed).execute() : []).map((r) => [r.id, r.cost_minor]));
    const costs: number[] = [];
    const summary = new Map<string, { project: string; month: string; minutes: number; cost: number; billable: number }>();
    for (const r of rows) {
      let cost: number;
      if (r.reversal_of !== null && originals.get(r.reversal_of) != null) {
        cost = -Number(originals.get(r.reversal_of));
      } else {
        const { row } = resolveRate(rates, { kind: 'cost', personId: r.person_id, roleId: roles.get(r.person_id) ?? null, projectId: r.project_id, date: r.work_date });
        const amount = computeTimeAmountMinor(r.minutes, row.amountMinorPerHour);
        cost = row.currency === currency ? amount : convertMoney({ amountMinor: amount, currency: row.currency }, currency, r.work_date, fx).amountMinor;
      }
      costs.push(cost);
      const key = `${r.project_id}|${monthOfDate(r.posting_date)}`;
      const s = summary.get(key) ?? { project: r.project_id, month: monthOfDate(r.posting_date), minutes: 0, cost: 0, billable: 0 };
      s.minutes += r.minutes;
      s.cost += cost;
      if (r.billable) s.billable += r.minutes;
      summary.set(key, s);
    }
    await sql`
      update time_entries e set state = 'approved', cost_minor = v.cost, cost_currency = ${currency}, decided_by = ${actor.userId},
        decided_at = now(), reason = null, version = e.version + 1, updated_at = now()
      from unnest(${rows.map((r) => r.id)}::uuid[], ${costs.map(String)}::bigint[]) as v(id, cost)
      where e.id = v.id`.execute(tx);
    await upsertSummary(tx, [...summary.values()].sort((a, b) => (a.project + a.month).localeCompare(b.project + b.month)));
    for (const p of projectIds) {
      const mine = rows.filter((r) => r.project_id === p);
      await recordChange(tx, { actorId: actor.userId, action: 'approved', entityType: 'time_entries', entityId: mine[0]!.id, projectId: p, after: { state: 'approved', entryIds: mine.map((r) => r.id) } });
    }
    return { approved: rows.length, rejected: 0, projects: projectIds };
  }));
}

/**
 * A correction is a pair: the reversal of an entry and its replacement are approved together (or the other one was
 * approved before). Approving only the replacement would count the corrected time twice; only the reversal would
 * drop it. A correction that removes an entry has no replacement.
 */
async function requireCorrectionPairs(tx: Kysely<DB>, rows: { id: string; reversal_of: string | null; corrects: string | null }[]): Promise<void> {
  const originals = [...new Set(rows.flatMap((r) => (r.reversal_of ? [r.reversal_of] : r.corrects ? [r.corrects] : [])))];
  if (originals.length === 0) return;
  const inBatch = new Set(rows.map((r) => r.id));
  const partners = await tx.selectFrom('time_entries').select(['id', 'state', 'reversal_of', 'corrects'])
    .where((eb) => eb.or([eb('reversal_of', 'in', originals), eb('corrects', 'in', originals)])).execute();
  for (const p of partners) {
    if (inBatch.has(p.id) || p.state === 'approved' || p.state === 'locked') continue;
    throw new AppError(409, 'correction_pair', `a correction's reversal and replacement are approved together: add entry ${p.id} (${p.state}) to the approval`);
  }
}

/** Adds approved minutes and cost to the monthly summary rows (insert or increment). */
export async function upsertSummary(tx: Kysely<DB>, rows: { project: string; month: string; minutes: number; cost: number; billable: number }[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into project_cost_summary as s (project_id, month, labour_minutes, labour_cost_minor, billable_minutes)
    select * from unnest(${rows.map((r) => r.project)}::uuid[], ${rows.map((r) => r.month)}::text[], ${rows.map((r) => String(r.minutes))}::bigint[],
      ${rows.map((r) => String(r.cost))}::bigint[], ${rows.map((r) => String(r.billable))}::bigint[])
    on conflict (project_id, month) do update set
      labour_minutes = s.labour_minutes + excluded.labour_minutes,
      labour_cost_minor = s.labour_cost_minor + excluded.labour_cost_minor,
      billable_minutes = s.billable_minutes + excluded.billable_minutes`.execute(tx);
}

/** Rejects submitted entries with a reason; the person edits and resubmits them. */
export async function rejectEntries(db: Kysely<DB>, actor: Actor, ids: string[], reason: string): Promise<Decided> {
  const unique = [...new Set(ids)];
  return domain(() => db.transaction().execute(async (tx) => {
    const rows = await lockEntries(tx, unique);
    if (rows.length !== unique.length) throw new AppError(404, 'not_found', `${unique.length - rows.length} time entries not found`);
    const projectIds = [...new Set(rows.map((r) => r.project_id))];
    await requireApprover(tx, actor, projectIds, [...new Set(rows.map((r) => r.person_id))]);
    for (const r of rows) transitionTimesheet({ state: r.state, decidedBy: null, rejectionReason: null }, { type: 'reject', approverId: actor.userId, reason });
    await tx.updateTable('time_entries').set((eb) => ({ state: 'rejected', reason: reason.trim(), decided_by: actor.userId, decided_at: new Date(), version: eb('version', '+', 1), updated_at: new Date() }))
      .where('id', 'in', unique).execute();
    for (const p of projectIds) {
      const mine = rows.filter((r) => r.project_id === p);
      await recordChange(tx, { actorId: actor.userId, action: 'rejected', entityType: 'time_entries', entityId: mine[0]!.id, projectId: p, after: { state: 'rejected', reason, entryIds: mine.map((r) => r.id) } });
    }
    return { approved: 0, rejected: rows.length, projects: projectIds };
  }));
}

/** The approvals inbox: submitted entries on projects the actor may approve (oldest first). */
export async function listPendingApprovals(db: Kysely<DB>, actor: Actor, opts: { projectId?: string; limit: number }) {
  let q = db
    .selectFrom('time_entries as e')
    .innerJoin('projects as p', 'p.id', 'e.project_id')
    .innerJoin('people as pe', 'pe.id', 'e.person_id')
    .leftJoin('tasks as t', 't.id', 'e.task_id')
    .selectAll('e')
    .select(['p.name as project_name', 'p.code as project_code', 't.name as task_name', 'pe.name as person_name'])
    .where('e.state', '=', 'submitted');
  if (!(seesAllProjects(actor) && can(actor, 'update', { kind: 'finance', area: 'approval', projectRole: null }))) {
    // Time on the projects the actor manages, and the time of the people they line-manage (requireApprover).
    q = q.where((eb) => eb.or([
      eb('e.project_id', 'in', eb.selectFrom('project_members').select('project_id').where('user_id', '=', actor.userId).where('role', '=', 'project_manager')),
      eb('pe.line_manager_id', '=', actor.userId),
    ]));
  }
  if (opts.projectId) q = q.where('e.project_id', '=', opts.projectId);
  const rows = await q.orderBy('e.work_date').orderBy('e.id').limit(opts.limit).execute();
  return rows.map((r) => ({ ...presentTimeEntry(r), personName: r.person_name }));
}
