/**
 * Expenses: recorded by project members (submitted for approval), approved or rejected by the project's managers
 * and finance officers (never one's own), with receipt files; and imported actual cost lines (CSV). Approval adds
 * the amount, converted into the reporting currency at the expense date, to the monthly cost summary.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { DB, ExpensesTable } from '../../db/schema.js';
import { AppError, notFound } from '../../server/errors.js';
import { can, seesAllProjects, type Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import { parseCostLinesCsv } from '../../domain/finance/index.js';
import { domain, normalizeDecimal, requireProjectFinance } from './finance-common.js';
import { upsertExpenseSummary } from './expense-summary.js';
import { selectReceiptsOf, type ReceiptMeta } from './receipts.repo.js';

/** API view of an expense with its receipts (metadata only; the bytes are downloaded one by one). */
export const presentExpense = (e: Selectable<ExpensesTable>, receipts: readonly ReceiptMeta[] = []) => ({
  id: e.id, projectId: e.project_id, personId: e.person_id, date: e.expense_date, category: e.category, description: e.description,
  amountMinor: Number(e.amount_minor), currency: e.currency.trim(), billable: e.billable, markupPercent: normalizeDecimal(String(e.markup_percent)),
  state: e.state, reason: e.reason, imported: e.external_id !== null, createdBy: e.created_by, decidedBy: e.decided_by, version: e.version,
  receipts: receipts.map((r) => ({ id: r.id, fileName: r.file_name, contentType: r.content_type, sizeBytes: r.size_bytes, sha256: r.sha256, createdAt: new Date(r.created_at).toISOString() })),
});

export interface ExpenseInput {
  personId?: string | null | undefined;
  date: string;
  category: string;
  description: string;
  amountMinor: number;
  currency: string;
  billable?: boolean | undefined;
  markupPercent?: string | undefined;
}

/** Project members (managers, team members) and portfolio-wide editors record expenses; stakeholders do not. */
export async function requireExpenseWriter(db: Kysely<DB>, actor: Actor, projectId: string) {
  const role = await requireProjectFinance(db, actor, projectId, 'read', 'financials');
  if (role !== 'project_manager' && role !== 'team_member' && !['admin', 'finance', 'pmo', 'portfolio_manager'].includes(actor.orgRole)) {
    throw new AppError(403, 'forbidden', 'only project members record expenses');
  }
  if (!actor.scopes.has('write')) throw new AppError(403, 'insufficient_scope', 'this API token is read-only');
  return role;
}

/** Records an expense on a project, submitted for approval. */
export async function createExpense(db: Kysely<DB>, actor: Actor, projectId: string, input: ExpenseInput) {
  return db.transaction().execute(async (tx) => {
    await requireExpenseWriter(tx, actor, projectId);
    if (input.personId && !(await tx.selectFrom('people').select('id').where('id', '=', input.personId).executeTakeFirst())) {
      throw new AppError(422, 'invalid_reference', 'no such person', [{ path: 'personId', message: 'no such person' }]);
    }
    const row = await tx.insertInto('expenses').values({
      id: randomUUID(), project_id: projectId, person_id: input.personId ?? null, expense_date: input.date, category: input.category, description: input.description,
      amount_minor: input.amountMinor, currency: input.currency, billable: input.billable ?? false, markup_percent: input.markupPercent ?? '0', state: 'submitted', created_by: actor.userId,
    }).returningAll().executeTakeFirstOrThrow();
    await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'expense', entityId: row.id, projectId, after: presentExpense(row), version: 1 });
    return presentExpense(row);
  });
}

/** The expenses of a project (imported cost lines included) with their receipts. */
export async function listExpenses(db: Kysely<DB>, actor: Actor, projectId: string) {
  await requireProjectFinance(db, actor, projectId, 'read', 'financials');
  const rows = await db.selectFrom('expenses').selectAll().where('project_id', '=', projectId).orderBy('expense_date').orderBy('id').limit(5000).execute();
  const receipts = await selectReceiptsOf(db, rows.map((r) => r.id));
  return rows.map((r) => presentExpense(r, receipts.get(r.id)));
}

/** Submitted expenses on projects the actor may approve (the approvals inbox), oldest first, without the actor's own. */
export async function listPendingExpenses(db: Kysely<DB>, actor: Actor, opts: { projectId?: string | undefined; limit: number }) {
  let q = db.selectFrom('expenses as x').innerJoin('projects as p', 'p.id', 'x.project_id').leftJoin('people as pe', 'pe.id', 'x.person_id')
    .selectAll('x').select(['p.code as project_code', 'p.name as project_name', 'pe.name as person_name'])
    .where('x.state', '=', 'submitted').where((eb) => eb.or([eb('x.created_by', 'is', null), eb('x.created_by', '<>', actor.userId)]));
  if (!(seesAllProjects(actor) && can(actor, 'update', { kind: 'finance', area: 'approval', projectRole: null }))) {
    q = q.where('x.project_id', 'in', (eb) => eb.selectFrom('project_members').select('project_id').where('user_id', '=', actor.userId).where('role', '=', 'project_manager'));
  }
  if (opts.projectId) q = q.where('x.project_id', '=', opts.projectId);
  const rows = await q.orderBy('x.expense_date').orderBy('x.id').limit(opts.limit).execute();
  const receipts = await selectReceiptsOf(db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...presentExpense(r, receipts.get(r.id)), projectCode: r.project_code, projectName: r.project_name, personName: r.person_name }));
}

/** Approves or rejects submitted expenses of a project (never one's own); approval adds them to the cost summary. */
export async function decideExpenses(db: Kysely<DB>, actor: Actor, projectId: string, input: { ids: string[]; decision: 'approve' | 'reject'; reason?: string | undefined }) {
  return domain(() => db.transaction().execute(async (tx) => {
    await requireProjectFinance(tx, actor, projectId, 'update', 'approval');
    const ids = [...new Set(input.ids)];
    const rows = await tx.selectFrom('expenses').selectAll().where('project_id', '=', projectId).where('id', 'in', ids).orderBy('id').forUpdate().execute();
    if (rows.length !== ids.length) throw notFound('expense');
    const bad = rows.find((r) => r.state !== 'submitted');
    if (bad) throw new AppError(409, 'finance_invalid_transition', `expense ${bad.id} is ${bad.state}, not submitted`);
    const own = await tx.selectFrom('people').select('id').where('user_id', '=', actor.userId).execute();
    const ownIds = new Set(own.map((p) => p.id));
    if (rows.some((r) => r.created_by === actor.userId || (r.person_id !== null && ownIds.has(r.person_id)))) throw new AppError(403, 'own_expense', 'nobody approves or rejects their own expenses');
    if (input.decision === 'reject' && !input.reason?.trim()) throw new AppError(422, 'finance_reason_required', 'a rejection needs a reason');
    const state = input.decision === 'approve' ? 'approved' as const : 'rejected' as const;
    await tx.updateTable('expenses').set((eb) => ({ state, reason: input.reason?.trim() ?? null, decided_by: actor.userId, version: eb('version', '+', 1), updated_at: new Date() })).where('id', 'in', ids).execute();
    if (state === 'approved') await upsertExpenseSummary(tx, rows.map((r) => ({ projectId, date: r.expense_date, amountMinor: Number(r.amount_minor), currency: r.currency.trim() })));
    await recordChange(tx, { actorId: actor.userId, action: state, entityType: 'expenses', entityId: ids[0]!, projectId, after: { state, ids } });
    return { decided: ids.length, state };
  }));
}

/**
 * Imports actual cost lines (CSV `id,project_id,date,category,amount,currency`) of a project as approved,
 * non-billable costs, all or nothing: any bad line answers 422 with every line's error; a line id imported
 * before answers 409 (unique `external_id`); an amount in a currency without an exchange rate to the reporting
 * currency on its date answers 422 `finance_exchange_rate_missing`.
 */
export async function importCostLines(db: Kysely<DB>, actor: Actor, projectId: string, csv: string) {
  return domain(() => db.transaction().execute(async (tx) => {
    await requireProjectFinance(tx, actor, projectId, 'create', 'invoice');
    const { rows, errors } = parseCostLinesCsv(csv, 20_000);
    rows.forEach((r, i) => {
      if (r.projectId !== projectId) errors.push({ line: i + 2, message: `project_id ${r.projectId} is not this project` });
    });
    if (errors.length > 0) {
      throw new AppError(422, 'cost_lines_invalid', `${errors.length} line(s) are invalid: ${errors.slice(0, 3).map((e) => `line ${e.line}: ${e.message}`).join('; ')}`,
        errors.slice(0, 200).map((e) => ({ path: `line ${e.line}`, message: e.message })));
    }
    if (rows.length === 0) throw new AppError(422, 'cost_lines_empty', 'the CSV has no cost lines');
    for (let i = 0; i < rows.length; i += 1000) {
      await tx.insertInto('expenses').values(rows.slice(i, i + 1000).map((r) => ({
        id: randomUUID(), project_id: projectId, expense_date: r.date, category: r.category, description: `Imported cost line ${r.id}`,
        amount_minor: r.amountMinor, currency: r.currency, billable: false, state: 'approved' as const, external_id: r.id, decided_by: actor.userId, created_by: actor.userId,
      }))).execute();
    }
    const total = await upsertExpenseSummary(tx, rows.map((r) => ({ projectId, date: r.date, amountMinor: r.amountMinor, currency: r.currency })));
    await recordChange(tx, { actorId: actor.userId, action: 'imported', entityType: 'cost_lines', entityId: projectId, projectId, after: { lines: rows.length, ids: rows.slice(0, 100).map((r) => r.id), ...total } });
    return { imported: rows.length, ...total };
  }));
}
