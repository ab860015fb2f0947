/**
 * Drafting invoices: from the unbilled, approved, billable time and expenses of a project in a period (time only on
 * time-and-materials projects) and from its achieved billing milestones. The billed_items ledger (unique per source
 * while not released) is filled in the same transaction, so the same work is never on two invoices.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../server/errors.js';
import type { Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import { resolveRate } from '../../domain/finance/index.js';
import {
  buildMilestoneLines, buildTimeAndMaterialsLines, computeInvoiceTotals,
  type BillableExpense, type BillableMilestone, type BillableTimeEntry, type InvoiceDocument, type InvoiceParty, type PaymentInstructions, type TimeGrouping, type VatCategory,
} from '../../domain/invoice/index.js';
import { addDaysIso, domain, loadPersonRoles, loadRateRows, normalizeDecimal, readFinanceSettings, requireProjectFinance, todayIso } from './finance-common.js';
import { getInvoice, insertLines, type InvoiceView } from './invoices.service.js';

export interface DraftInput {
  projectId: string;
  clientId?: string | undefined;
  /** Period of the time and expenses to bill (both or neither). */
  from?: string | undefined;
  to?: string | undefined;
  /** Achieved or accepted billing milestones of the project to bill. */
  milestoneIds?: string[] | undefined;
  groupBy?: TimeGrouping;
  includeExpenses?: boolean;
  buyerReference?: string | null;
  orderReference?: string | null;
  note?: string | null;
}

/**
 * Drafts an invoice of a project: the unbilled, approved, billable time and expenses in [from, to] (time only on
 * time-and-materials projects) and the given achieved billing milestones (fixed-price and milestone billing).
 */
export async function draftInvoice(db: Kysely<DB>, actor: Actor, input: DraftInput): Promise<InvoiceView> {
  const hasPeriod = input.from !== undefined || input.to !== undefined;
  if (hasPeriod && (input.from === undefined || input.to === undefined)) throw new AppError(422, 'invalid_period', 'give both ends of the period', [{ path: input.from === undefined ? 'from' : 'to', message: 'required with the other end' }]);
  if (hasPeriod && input.to! < input.from!) throw new AppError(422, 'invalid_period', 'the period ends before it starts');
  const milestoneIds = [...new Set(input.milestoneIds ?? [])];
  if (!hasPeriod && milestoneIds.length === 0) throw new AppError(422, 'nothing_to_bill', 'give a period (time and expenses) or billing milestones to invoice');
  const id = await domain(() => db.transaction().execute(async (tx) => {
    await requireProjectFinance(tx, actor, input.projectId, 'create', 'invoice');
    const settings = await readFinanceSettings(tx);
    if (!settings.seller) throw new AppError(422, 'seller_missing', 'set the seller (your company) in the finance settings before invoicing');
    const project = await tx.selectFrom('projects as p').leftJoin('project_finance as f', 'f.project_id', 'p.id').select(['p.code', 'p.name', 'f.client_id', 'f.billing']).where('p.id', '=', input.projectId).executeTakeFirstOrThrow();
    const billing = project.billing ?? 'time-and-materials';
    if (billing === 'non-billable') throw new AppError(422, 'project_not_billable', 'the project is non-billable (see its finance settings)');
    const clientId = input.clientId ?? project.client_id;
    if (!clientId) throw new AppError(422, 'client_required', 'name the client (or set the project client in its finance settings)');
    const client = await tx.selectFrom('clients').selectAll().where('id', '=', clientId).executeTakeFirst();
    if (!client) throw new AppError(422, 'invalid_reference', 'the client does not exist');
    const currency = client.currency.trim();
    // Fixed-price and milestone projects bill milestones, not hours.
    const entries = !hasPeriod || billing !== 'time-and-materials' ? [] : await tx.selectFrom('time_entries as e').innerJoin('people as pe', 'pe.id', 'e.person_id').leftJoin('tasks as t', 't.id', 'e.task_id')
      .select(['e.id', 'e.person_id', 'pe.name as person_name', 'e.project_id', 'e.task_id', 't.name as task_name', 'e.work_date', 'e.minutes', 'e.billable', 'e.state'])
      .where('e.project_id', '=', input.projectId).where('e.state', 'in', ['approved', 'locked']).where('e.billable', '=', true).where('e.reversal_of', 'is', null)
      .where('e.work_date', '>=', input.from!).where('e.work_date', '<=', input.to!)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('billed_items as b').select('b.id').whereRef('b.source_id', '=', 'e.id').where('b.source_kind', '=', 'time').where('b.released_at', 'is', null))))
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('time_entries as r').select('r.id').whereRef('r.reversal_of', '=', 'e.id').where('r.state', 'in', ['approved', 'locked']))))
      .orderBy('e.work_date').orderBy('e.id').execute();
    const personIds = [...new Set(entries.map((e) => e.person_id))];
    const rates = await loadRateRows(tx, { personIds });
    const roles = await loadPersonRoles(tx, personIds);
    const time: BillableTimeEntry[] = entries.map((e) => {
      const { row } = resolveRate(rates, { kind: 'bill', personId: e.person_id, roleId: roles.get(e.person_id) ?? null, projectId: e.project_id, date: e.work_date });
      return { id: e.id, personId: e.person_id, personName: e.person_name, projectId: e.project_id, taskId: e.task_id, taskName: e.task_name, date: e.work_date, minutes: e.minutes, billable: e.billable, status: e.state, billRateMinorPerHour: row.amountMinorPerHour, currency: row.currency };
    });
    const expenseRows = input.includeExpenses === false || !hasPeriod ? [] : await tx.selectFrom('expenses as x').selectAll('x')
      .where('x.project_id', '=', input.projectId).where('x.state', '=', 'approved').where('x.billable', '=', true).where('x.expense_date', '>=', input.from!).where('x.expense_date', '<=', input.to!)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('billed_items as b').select('b.id').whereRef('b.source_id', '=', 'x.id').where('b.source_kind', '=', 'expense').where('b.released_at', 'is', null))))
      .orderBy('x.expense_date').orderBy('x.id').execute();
    const expenses: BillableExpense[] = expenseRows.map((x) => ({ id: x.id, date: x.expense_date, description: x.description, amountMinor: Number(x.amount_minor), currency: x.currency.trim(), billable: x.billable, status: x.state, markupPercent: Number(x.markup_percent) }));
    const vat = { category: settings.vat_category as VatCategory, ratePercent: normalizeDecimal(String(settings.vat_rate_percent)) };
    const built = buildTimeAndMaterialsLines(time, expenses, { currency, vat, groupBy: input.groupBy ?? 'person' });
    const milestones = await loadBillableMilestones(tx, input.projectId, milestoneIds);
    const ms = buildMilestoneLines(milestones, { currency, vat, firstLineNo: built.lines.length + 1 });
    const lines = [...built.lines, ...ms.lines];
    if (lines.length === 0) throw new AppError(422, 'nothing_to_bill', `no unbilled approved billable ${billing === 'time-and-materials' ? 'time or expenses' : 'expenses'} on this project from ${input.from} to ${input.to}`);
    const doc: InvoiceDocument = {
      kind: 'invoice', number: 'DRAFT', issueDate: todayIso(), dueDate: addDaysIso(todayIso(), settings.payment_days), currency,
      seller: settings.seller as InvoiceParty, buyer: client.party as InvoiceParty, payment: (settings.payment ?? { meansCode: '1' }) as PaymentInstructions,
      lines, projectReference: project.code, ...(hasPeriod ? { period: { start: input.from!, end: input.to! } } : {}),
      buyerReference: input.buyerReference ?? null, orderReference: input.orderReference ?? null, note: input.note ?? null,
      ...(settings.vat_exemption_reason && (vat.category === 'E' || vat.category === 'AE') ? { vatExemptionReasons: { [vat.category]: settings.vat_exemption_reason } } : {}),
    };
    const totals = computeInvoiceTotals(doc);
    const id = randomUUID();
    await tx.insertInto('invoices').values({
      id, kind: 'invoice', series: settings.invoice_series, project_id: input.projectId, client_id: clientId, currency, period_start: input.from ?? null, period_end: input.to ?? null,
      tax_exclusive_minor: totals.taxExclusiveMinor, tax_minor: totals.taxMinor, payable_minor: totals.payableMinor, document: JSON.stringify(doc), created_by: actor.userId,
    }).execute();
    await insertLines(tx, id, doc, true);
    await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'invoice', entityId: id, projectId: input.projectId, after: { state: 'draft', lines: doc.lines.length, timeEntries: built.billedTimeEntryIds.length, expenses: built.billedExpenseIds.length, milestones: ms.billedMilestoneIds, payableMinor: totals.payableMinor }, version: 1 });
    return id;
  }));
  return getInvoice(db, actor, id);
}

/**
 * The requested milestones of the project, each achieved or accepted and not on an unreleased invoice (locked so
 * a parallel draft waits; the ledger's unique index is the final guard).
 */
async function loadBillableMilestones(tx: Kysely<DB>, projectId: string, ids: string[]): Promise<BillableMilestone[]> {
  if (ids.length === 0) return [];
  const rows = await tx.selectFrom('billing_milestones').selectAll().where('project_id', '=', projectId).where('id', 'in', ids).orderBy('id').forUpdate().execute();
  if (rows.length !== ids.length) {
    throw new AppError(422, 'invalid_milestone', 'every milestone must belong to the project', ids.filter((i) => !rows.some((r) => r.id === i)).map((i) => ({ path: `milestoneIds.${ids.indexOf(i)}`, message: 'not a milestone of this project' })));
  }
  const planned = rows.find((r) => r.status === 'planned');
  if (planned) throw new AppError(422, 'milestone_not_achieved', `milestone "${planned.name}" is not achieved yet`);
  const billed = await tx.selectFrom('billed_items').select('source_id').where('source_kind', '=', 'milestone').where('source_id', 'in', ids).where('released_at', 'is', null).execute();
  if (billed.length) throw new AppError(409, 'invoice_double_billing', `milestone "${rows.find((r) => r.id === billed[0]!.source_id)!.name}" is already on an invoice`);
  const order = [...rows].sort((a, b) => (a.achieved_on ?? '').localeCompare(b.achieved_on ?? '') || a.name.localeCompare(b.name));
  return order.map((r) => ({ id: r.id, name: r.name, amountMinor: Number(r.amount_minor), currency: r.currency.trim(), status: r.status }));
}
