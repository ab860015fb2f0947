/** Finance reference data: settings (timesheet rules, seller, VAT, series), clients, per-project finance settings, task planned cost, expenses. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { ClientsTable, DB, ExpensesTable } from '../../db/schema.js';
import { AppError, notFound, versionConflict } from '../../server/errors.js';
import { authorize, type Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import type { InvoiceParty, PaymentInstructions } from '../../domain/invoice/index.js';
import { parseCostLinesCsv } from '../../domain/finance/index.js';
import { domain, lockFinanceSettings, normalizeDecimal, readFinanceSettings, requireProjectFinance } from './finance-common.js';
import { upsertExpenseSummary } from './expense-summary.js';

/** API view of the finance settings. */
export async function getSettings(db: Kysely<DB>, actor: Actor) {
  authorize(actor, 'read', { kind: 'finance', area: 'settings', projectRole: null });
  const s = await readFinanceSettings(db);
  return {
    maxMinutesPerDay: s.max_minutes_per_day,
    workingWeekdays: s.working_weekdays.map(Number),
    allowNonWorkingDays: s.allow_non_working_days,
    lockedUntil: s.locked_until,
    seller: (s.seller ?? null) as InvoiceParty | null,
    payment: (s.payment ?? null) as PaymentInstructions | null,
    vatCategory: s.vat_category as 'S' | 'Z' | 'E' | 'AE',
    vatRatePercent: normalizeDecimal(String(s.vat_rate_percent)),
    vatExemptionReason: s.vat_exemption_reason,
    invoiceSeries: s.invoice_series,
    creditNoteSeries: s.credit_note_series,
    paymentDays: s.payment_days,
    version: s.version,
  };
}

export interface SettingsPatch {
  maxMinutesPerDay?: number;
  workingWeekdays?: number[];
  allowNonWorkingDays?: boolean;
  seller?: InvoiceParty;
  payment?: PaymentInstructions;
  vatCategory?: 'S' | 'Z' | 'E' | 'AE';
  vatRatePercent?: string;
  vatExemptionReason?: string | null;
  invoiceSeries?: string;
  creditNoteSeries?: string;
  paymentDays?: number;
}

export async function updateSettings(db: Kysely<DB>, actor: Actor, version: number, p: SettingsPatch) {
  authorize(actor, 'update', { kind: 'finance', area: 'settings', projectRole: null });
  if (p.invoiceSeries !== undefined && p.invoiceSeries === p.creditNoteSeries) throw new AppError(422, 'same_series', 'invoices and credit notes need different series');
  await db.transaction().execute(async (tx) => {
    await lockFinanceSettings(tx);
    const before = await getSettings(tx, actor);
    const row = await tx.updateTable('finance_settings').set((eb) => ({
      ...(p.maxMinutesPerDay !== undefined ? { max_minutes_per_day: p.maxMinutesPerDay } : {}),
      ...(p.workingWeekdays !== undefined ? { working_weekdays: p.workingWeekdays } : {}),
      ...(p.allowNonWorkingDays !== undefined ? { allow_non_working_days: p.allowNonWorkingDays } : {}),
      ...(p.seller !== undefined ? { seller: JSON.stringify(p.seller) } : {}),
      ...(p.payment !== undefined ? { payment: JSON.stringify(p.payment) } : {}),
      ...(p.vatCategory !== undefined ? { vat_category: p.vatCategory } : {}),
      ...(p.vatRatePercent !== undefined ? { vat_rate_percent: p.vatRatePercent } : {}),
      ...(p.vatExemptionReason !== undefined ? { vat_exemption_reason: p.vatExemptionReason } : {}),
      ...(p.invoiceSeries !== undefined ? { invoice_series: p.invoiceSeries } : {}),
      ...(p.creditNoteSeries !== undefined ? { credit_note_series: p.creditNoteSeries } : {}),
      ...(p.paymentDays !== undefined ? { payment_days: p.paymentDays } : {}),
      version: eb('version', '+', 1), updated_at: new Date(),
    })).where('version', '=', version).returning('version').executeTakeFirst();
    if (!row) throw versionConflict('the finance settings');
    await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'finance_settings', entityId: '1', projectId: null, before, after: p, version: row.version });
  });
  return getSettings(db, actor);
}

const presentClient = (c: Selectable<ClientsTable>) => ({ id: c.id, name: c.name, party: c.party as InvoiceParty, currency: c.currency.trim(), version: c.version });

export async function listClients(db: Kysely<DB>, actor: Actor) {
  authorize(actor, 'read', { kind: 'finance', area: 'settings', projectRole: null });
  return (await db.selectFrom('clients').selectAll().orderBy('name').limit(5000).execute()).map(presentClient);
}

export async function createClient(db: Kysely<DB>, actor: Actor, input: { party: InvoiceParty; currency: string }) {
  authorize(actor, 'create', { kind: 'finance', area: 'settings', projectRole: null });
  return db.transaction().execute(async (tx) => {
    const row = await tx.insertInto('clients').values({ id: randomUUID(), name: input.party.name, party: JSON.stringify(input.party), currency: input.currency }).returningAll().executeTakeFirstOrThrow();
    await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'client', entityId: row.id, projectId: null, after: input, version: 1 });
    return presentClient(row);
  });
}

/** A project's finance settings (client, comment rule, billing type). */
export async function getProjectFinance(db: Kysely<DB>, actor: Actor, projectId: string) {
  await requireProjectFinance(db, actor, projectId, 'read', 'financials');
  const r = await db.selectFrom('project_finance').selectAll().where('project_id', '=', projectId).executeTakeFirst();
  return { projectId, clientId: r?.client_id ?? null, commentRequired: r?.comment_required ?? false, billing: r?.billing ?? 'time-and-materials', version: r?.version ?? 0 };
}

export async function putProjectFinance(db: Kysely<DB>, actor: Actor, projectId: string, input: { clientId?: string | null; commentRequired?: boolean; billing?: 'time-and-materials' | 'fixed-price' | 'milestone' | 'non-billable' }) {
  await db.transaction().execute(async (tx) => {
    await requireProjectFinance(tx, actor, projectId, 'update', 'budget');
    const values = { client_id: input.clientId ?? null, comment_required: input.commentRequired ?? false, billing: input.billing ?? 'time-and-materials' as const };
    await tx.insertInto('project_finance').values({ project_id: projectId, ...values })
      .onConflict((oc) => oc.column('project_id').doUpdateSet((eb) => ({ ...values, version: eb('project_finance.version', '+', 1), updated_at: new Date() }))).execute();
    await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'project_finance', entityId: projectId, projectId, after: input });
  });
  return getProjectFinance(db, actor, projectId);
}

/** Sets planned cost (for PV/BAC) and the earned-value method of tasks, in bulk. */
export async function putTaskCosts(db: Kysely<DB>, actor: Actor, projectId: string, items: { taskId: string; plannedCostMinor: number; evMethod?: 'percent-complete' | 'zero-hundred' | 'fifty-fifty' }[]) {
  await db.transaction().execute(async (tx) => {
    await requireProjectFinance(tx, actor, projectId, 'update', 'budget');
    const ids = [...new Set(items.map((i) => i.taskId))];
    if (ids.length !== items.length) throw new AppError(422, 'duplicate_task', 'a task appears twice');
    const found = ids.length ? await tx.selectFrom('tasks').select('id').where('project_id', '=', projectId).where('id', 'in', ids).execute() : [];
    if (found.length !== ids.length) throw new AppError(422, 'invalid_task', 'every task must belong to the project');
    for (const i of items) {
      const values = { planned_cost_minor: i.plannedCostMinor, ev_method: i.evMethod ?? 'percent-complete' as const };
      await tx.insertInto('task_costs').values({ task_id: i.taskId, project_id: projectId, ...values })
        .onConflict((oc) => oc.column('task_id').doUpdateSet((eb) => ({ ...values, version: eb('task_costs.version', '+', 1) }))).execute();
    }
    await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'task_costs', entityId: projectId, projectId, after: items });
  });
  const rows = await db.selectFrom('task_costs').selectAll().where('project_id', '=', projectId).execute();
  return rows.map((r) => ({ taskId: r.task_id, plannedCostMinor: Number(r.planned_cost_minor), evMethod: r.ev_method }));
}

const presentExpense = (e: Selectable<ExpensesTable>) => ({
  id: e.id, projectId: e.project_id, personId: e.person_id, date: e.expense_date, category: e.category, description: e.description,
  amountMinor: Number(e.amount_minor), currency: e.currency.trim(), billable: e.billable, markupPercent: normalizeDecimal(String(e.markup_percent)),
  state: e.state, reason: e.reason, version: e.version,
});

export interface ExpenseInput {
  personId?: string | null;
  date: string;
  category: string;
  description: string;
  amountMinor: number;
  currency: string;
  billable?: boolean;
  markupPercent?: string;
}

/** Records an expense on a project, submitted for approval. */
export async function createExpense(db: Kysely<DB>, actor: Actor, projectId: string, input: ExpenseInput) {
  return db.transaction().execute(async (tx) => {
    const role = await requireProjectFinance(tx, actor, projectId, 'read', 'financials');
    if (role !== 'project_manager' && role !== 'team_member' && !['admin', 'finance', 'pmo', 'portfolio_manager'].includes(actor.orgRole)) {
      throw new AppError(403, 'forbidden', 'only project members record expenses');
    }
    if (!actor.scopes.has('write')) throw new AppError(403, 'insufficient_scope', 'this API token is read-only');
    const row = await tx.insertInto('expenses').values({
      id: randomUUID(), project_id: projectId, person_id: input.personId ?? null, expense_date: input.date, category: input.category, description: input.description,
      amount_minor: input.amountMinor, currency: input.currency, billable: input.billable ?? false, markup_percent: input.markupPercent ?? '0', state: 'submitted',
    }).returningAll().executeTakeFirstOrThrow();
    await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'expense', entityId: row.id, projectId, after: presentExpense(row), version: 1 });
    return presentExpense(row);
  });
}

export async function listExpenses(db: Kysely<DB>, actor: Actor, projectId: string) {
  await requireProjectFinance(db, actor, projectId, 'read', 'financials');
  return (await db.selectFrom('expenses').selectAll().where('project_id', '=', projectId).orderBy('expense_date').orderBy('id').limit(5000).execute()).map(presentExpense);
}

/** Approves or rejects submitted expenses of a project; approval adds them to the cost summary. */
export async function decideExpenses(db: Kysely<DB>, actor: Actor, projectId: string, input: { ids: string[]; decision: 'approve' | 'reject'; reason?: string }) {
  return domain(() => db.transaction().execute(async (tx) => {
    await requireProjectFinance(tx, actor, projectId, 'update', 'approval');
    const ids = [...new Set(input.ids)];
    const rows = await tx.selectFrom('expenses').selectAll().where('project_id', '=', projectId).where('id', 'in', ids).orderBy('id').forUpdate().execute();
    if (rows.length !== ids.length) throw notFound('expense');
    const bad = rows.find((r) => r.state !== 'submitted');
    if (bad) throw new AppError(409, 'finance_invalid_transition', `expense ${bad.id} is ${bad.state}, not submitted`);
    if (input.decision === 'reject' && !input.reason?.trim()) throw new AppError(422, 'finance_reason_required', 'a rejection needs a reason');
    const state = input.decision === 'approve' ? 'approved' as const : 'rejected' as const;
    await tx.updateTable('expenses').set((eb) => ({ state, reason: input.reason ?? null, decided_by: actor.userId, version: eb('version', '+', 1), updated_at: new Date() })).where('id', 'in', ids).execute();
    if (state === 'approved') await upsertExpenseSummary(tx, rows.map((r) => ({ projectId, date: r.expense_date, amountMinor: Number(r.amount_minor), currency: r.currency.trim() })));
    await recordChange(tx, { actorId: actor.userId, action: state, entityType: 'expenses', entityId: ids[0]!, projectId, after: { state, ids } });
    return { decided: ids.length, state };
  }));
}

/**
 * Imports actual cost lines (CSV `id,project_id,date,category,amount,currency`) of a project as approved,
 * non-billable costs, all or nothing: any bad line answers 422 with every line's error; a line id imported
 * before answers 409 (unique `external_id`).
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
        amount_minor: r.amountMinor, currency: r.currency, billable: false, state: 'approved' as const, external_id: r.id, decided_by: actor.userId,
      }))).execute();
    }
    await upsertExpenseSummary(tx, rows.map((r) => ({ projectId, date: r.date, amountMinor: r.amountMinor, currency: r.currency })));
    await recordChange(tx, { actorId: actor.userId, action: 'imported', entityType: 'cost_lines', entityId: projectId, projectId, after: { lines: rows.length, ids: rows.slice(0, 100).map((r) => r.id) } });
    return { imported: rows.length, totalMinor: rows.reduce((s, r) => s + r.amountMinor, 0) };
  }));
}
