/**
 * Invoices: read, issue with the next gap-free number of its series and year (a counter row incremented in the
 * issuing transaction), pay, delete a draft, and void through a credit note that releases the billed work. Drafting
 * (and the billed_items ledger that makes double billing impossible) is in invoice-drafts.service.ts.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, InvoicesTable } from '../../db/schema.js';
import { AppError, notFound, versionConflict } from '../../server/errors.js';
import { authorize, type Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import {
  buildFullCreditNote, computeInvoiceTotals, formatInvoiceNumber, numberingYearOf, transitionInvoice, type InvoiceDocument, type InvoiceState,
} from '../../domain/invoice/index.js';
import { addDaysIso, domain, projectRoleOf, readFinanceSettings, todayIso } from './finance-common.js';

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

/** Inserts an invoice's lines and, for an invoice (not a credit note), the billed-items ledger rows of their sources. */
export async function insertLines(tx: Kysely<DB>, invoiceId: string, doc: InvoiceDocument, ledger: boolean) {
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
