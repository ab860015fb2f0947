/**
 * Invoices: draft from approved billable time and expenses of a project and period (the billed_items
 * ledger, unique per source while not released, makes double billing impossible), issue with the next
 * gap-free number of its series and year (a counter row incremented in the issuing transaction), pay, and
 * void through a credit note that releases the billed work.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, InvoicesTable } from '../../db/schema.js';
import { AppError, notFound, versionConflict } from '../../server/errors.js';
import { authorize, type Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import { resolveRate } from '../../domain/finance/index.js';
import {
  buildFullCreditNote, buildMilestoneLines, buildTimeAndMaterialsLines, computeInvoiceTotals, formatInvoiceNumber, numberingYearOf, transitionInvoice,
  type BillableExpense, type BillableMilestone, type BillableTimeEntry, type InvoiceDocument, type InvoiceParty, type InvoiceState, type PaymentInstructions, type TimeGrouping, type VatCategory,
} from '../../domain/invoice/index.js';
import { addDaysIso, domain, loadPersonRoles, loadRateRows, normalizeDecimal, projectRoleOf, readFinanceSettings, requireProjectFinance, todayIso } from './finance-common.js';

type InvoiceRow = Selectable<InvoicesTable>;

/** API view of an invoice or credit note. */
export function presentInvoice(r: InvoiceRow) {
  const doc = r.document as InvoiceDocument;
  const totals = computeInvoiceTotals(doc);
  return {
    id: r.id, kind: r.kind, series: r.series, number: r.number, state: r.state, projectId: r.project_id, clientId: r.client_id, buyerName: doc.buyer.name,
    currency: r.currency.trim(), issueDate: r.issue_date, dueDate: r.due_date, periodStart: r.period_start, periodEnd: r.period_end, paidOn: r.paid_on,
    creditNoteId: r.credit_note_id, creditsInvoiceId: r.credits_invoice_id,
    totals: { lineNetMinor: totals.lineNetMinor, taxExclusiveMinor: totals.taxExclusiveMinor, taxMinor: totals.taxMinor, taxInclusiveMinor: totals.taxInclusiveMinor, payableMinor: totals.payableMinor, vatBreakdown: totals.vatBreakdown },
    lines: doc.lines.map((l) => ({ lineId: l.lineId, itemName: l.itemName, description: l.description ?? null, quantity: l.quantity, unitCode: l.unitCode, unitPriceMinor: l.unitPriceMinor, netAmountMinor: l.netAmountMinor, vatCategory: l.vat.category, vatRatePercent: l.vat.ratePercent, sources: l.sources.map((s) => ({ kind: s.kind, id: s.id })) })),
    version: r.version,
  };
}
export type InvoiceView = ReturnType<typeof presentInvoice>;

/** Loads an invoice the actor may read (404 otherwise, so invoices of hidden projects do not leak). */
export async function requireInvoice(db: Kysely<DB>, actor: Actor, id: string, action: 'read' | 'update', lock = false): Promise<InvoiceRow> {
  let q = db.selectFrom('invoices').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  if (!r) throw notFound('invoice');
  const role = r.project_id ? await projectRoleOf(db, r.project_id, actor.userId) : null;
  if (action === 'read' && !['admin', 'finance'].includes(actor.orgRole) && role !== 'project_manager') throw notFound('invoice');
  authorize(actor, action, { kind: 'finance', area: 'invoice', projectRole: role });
  return r;
}

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

async function insertLines(tx: Kysely<DB>, invoiceId: string, doc: InvoiceDocument, ledger: boolean) {
  if (doc.lines.length === 0) return;
  await tx.insertInto('invoice_lines').values(doc.lines.map((l) => ({
    invoice_id: invoiceId, line_id: l.lineId, item_name: l.itemName, description: l.description ?? null, quantity: l.quantity, unit_code: l.unitCode,
    unit_price_minor: l.unitPriceMinor, net_amount_minor: l.netAmountMinor, vat_category: l.vat.category, vat_rate_percent: l.vat.ratePercent,
    period_start: l.period?.start ?? null, period_end: l.period?.end ?? null,
  }))).execute();
  if (!ledger) return;
  const items = doc.lines.flatMap((l) => l.sources.filter((s) => s.kind !== 'manual').map((s) => ({ invoice_id: invoiceId, line_id: l.lineId, source_kind: s.kind as 'time' | 'expense' | 'milestone', source_id: s.id })));
  for (let i = 0; i < items.length; i += 2000) await tx.insertInto('billed_items').values(items.slice(i, i + 2000)).execute();
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

export async function getInvoice(db: Kysely<DB>, actor: Actor, id: string): Promise<InvoiceView> {
  return presentInvoice(await requireInvoice(db, actor, id, 'read'));
}

/** Invoices the actor may read: officers all, project managers those of their projects. */
export async function listInvoices(db: Kysely<DB>, actor: Actor, f: { projectId?: string; state?: InvoiceState; kind?: 'invoice' | 'credit-note'; limit: number }) {
  let q = db.selectFrom('invoices').selectAll();
  if (!['admin', 'finance'].includes(actor.orgRole)) {
    q = q.where('project_id', 'in', (eb) => eb.selectFrom('project_members').select('project_id').where('user_id', '=', actor.userId).where('role', '=', 'project_manager'));
  }
  if (f.projectId) q = q.where('project_id', '=', f.projectId);
  if (f.state) q = q.where('state', '=', f.state);
  if (f.kind) q = q.where('kind', '=', f.kind);
  return (await q.orderBy('created_at', 'desc').orderBy('id').limit(f.limit).execute()).map(presentInvoice);
}

/** Next number of (series, year): the counter row is created or incremented and stays locked until commit. */
async function allocateNumber(tx: Kysely<DB>, series: string, year: number): Promise<{ sequence: number; number: string }> {
  const r = await sql<{ last_sequence: number }>`
    insert into invoice_counters (series, year, last_sequence) values (${series}, ${year}, 1)
    on conflict (series, year) do update set last_sequence = invoice_counters.last_sequence + 1
    returning last_sequence`.execute(tx);
  const sequence = Number(r.rows[0]!.last_sequence);
  return { sequence, number: formatInvoiceNumber({ series, year, sequence }) };
}

/** Issues a draft: allocates the next gap-free number of its series and year in the same transaction. */
export async function issueInvoice(db: Kysely<DB>, actor: Actor, id: string, version: number, issueDate = todayIso()): Promise<InvoiceView> {
  await domain(() => db.transaction().execute(async (tx) => {
    const r = await requireInvoice(tx, actor, id, 'update', true);
    if (r.version !== version) throw versionConflict('the invoice');
    const year = numberingYearOf(issueDate);
    transitionInvoice({ state: r.state, number: r.number, issueDate: r.issue_date, paidOn: r.paid_on, creditNoteId: r.credit_note_id }, { type: 'issue', number: 'pending', issueDate });
    const settings = await readFinanceSettings(tx);
    const { sequence, number } = await allocateNumber(tx, r.series, year);
    const dueDate = addDaysIso(issueDate, settings.payment_days);
    const doc: InvoiceDocument = { ...(r.document as InvoiceDocument), number, issueDate, dueDate };
    computeInvoiceTotals(doc);
    await tx.updateTable('invoices').set((eb) => ({ state: 'issued', year, sequence, number, issue_date: issueDate, due_date: dueDate, document: JSON.stringify(doc), version: eb('version', '+', 1), updated_at: new Date() })).where('id', '=', id).execute();
    await recordChange(tx, { actorId: actor.userId, action: 'issued', entityType: 'invoice', entityId: id, projectId: r.project_id, before: { state: 'draft' }, after: { state: 'issued', number, issueDate }, version: r.version + 1 });
  }));
  return getInvoice(db, actor, id);
}

export async function payInvoice(db: Kysely<DB>, actor: Actor, id: string, version: number, paidOn: string): Promise<InvoiceView> {
  await domain(() => db.transaction().execute(async (tx) => {
    const r = await requireInvoice(tx, actor, id, 'update', true);
    if (r.version !== version) throw versionConflict('the invoice');
    if (r.kind !== 'invoice') throw new AppError(409, 'invoice_invalid_transition', 'a credit note is not paid');
    if (r.issue_date && paidOn < r.issue_date) throw new AppError(422, 'paid_before_issue', 'the payment date is before the issue date');
    transitionInvoice({ state: r.state, number: r.number, issueDate: r.issue_date, paidOn: r.paid_on, creditNoteId: r.credit_note_id }, { type: 'mark-paid', paidOn });
    await tx.updateTable('invoices').set((eb) => ({ state: 'paid', paid_on: paidOn, version: eb('version', '+', 1), updated_at: new Date() })).where('id', '=', id).execute();
    await recordChange(tx, { actorId: actor.userId, action: 'paid', entityType: 'invoice', entityId: id, projectId: r.project_id, before: { state: r.state }, after: { state: 'paid', paidOn }, version: r.version + 1 });
  }));
  return getInvoice(db, actor, id);
}

/** Voids an issued (or paid) invoice with a full credit note (issued, numbered in its own series) and releases its billed work. */
export async function voidInvoice(db: Kysely<DB>, actor: Actor, id: string, version: number, reason: string, issueDate = todayIso()): Promise<{ invoice: InvoiceView; creditNote: InvoiceView }> {
  const cnId = await domain(() => db.transaction().execute(async (tx) => {
    const r = await requireInvoice(tx, actor, id, 'update', true);
    if (r.version !== version) throw versionConflict('the invoice');
    if (r.kind !== 'invoice') throw new AppError(409, 'invoice_invalid_transition', 'a credit note cannot be voided');
    const status = { state: r.state, number: r.number, issueDate: r.issue_date, paidOn: r.paid_on, creditNoteId: r.credit_note_id };
    transitionInvoice(status, { type: 'void', creditNoteId: 'pending' });
    const settings = await readFinanceSettings(tx);
    const year = numberingYearOf(issueDate);
    const cnDocDraft = buildFullCreditNote(r.document as InvoiceDocument, { number: 'PENDING', issueDate, reason });
    const { sequence, number } = await allocateNumber(tx, settings.credit_note_series, year);
    const cnDoc: InvoiceDocument = { ...cnDocDraft, number };
    const totals = computeInvoiceTotals(cnDoc);
    const cnId = randomUUID();
    await tx.insertInto('invoices').values({
      id: cnId, kind: 'credit-note', series: settings.credit_note_series, year, sequence, number, project_id: r.project_id, client_id: r.client_id, state: 'issued', currency: r.currency,
      issue_date: issueDate, period_start: r.period_start, period_end: r.period_end, credits_invoice_id: id,
      tax_exclusive_minor: totals.taxExclusiveMinor, tax_minor: totals.taxMinor, payable_minor: totals.payableMinor, document: JSON.stringify(cnDoc), created_by: actor.userId,
    }).execute();
    await insertLines(tx, cnId, cnDoc, false);
    transitionInvoice(status, { type: 'void', creditNoteId: cnId });
    await tx.updateTable('invoices').set((eb) => ({ state: 'void', credit_note_id: cnId, version: eb('version', '+', 1), updated_at: new Date() })).where('id', '=', id).execute();
    await tx.updateTable('billed_items').set({ released_at: new Date(), released_by: cnId }).where('invoice_id', '=', id).where('released_at', 'is', null).execute();
    await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'invoice', entityId: cnId, projectId: r.project_id, after: { kind: 'credit-note', number, credits: r.number, reason }, version: 1 });
    await recordChange(tx, { actorId: actor.userId, action: 'voided', entityType: 'invoice', entityId: id, projectId: r.project_id, before: { state: r.state }, after: { state: 'void', creditNote: number }, version: r.version + 1 });
    return cnId;
  }));
  return { invoice: await getInvoice(db, actor, id), creditNote: await getInvoice(db, actor, cnId) };
}

/** Deletes a draft; its time entries and expenses become billable again. */
export async function deleteDraft(db: Kysely<DB>, actor: Actor, id: string, version: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const r = await requireInvoice(tx, actor, id, 'update', true);
    if (r.state !== 'draft') throw new AppError(409, 'invoice_not_draft', `an ${r.state} invoice is never deleted; void it with a credit note`);
    if (r.version !== version) throw versionConflict('the invoice');
    await tx.deleteFrom('invoices').where('id', '=', id).execute();
    await recordChange(tx, { actorId: actor.userId, action: 'deleted', entityType: 'invoice', entityId: id, projectId: r.project_id, before: { state: 'draft' } });
  });
}
