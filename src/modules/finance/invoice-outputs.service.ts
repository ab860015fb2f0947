/** Invoice outputs generated from the stored document: PDF, UBL 2.1 XML (EN 16931) and CSV. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../server/errors.js';
import type { Actor } from '../../server/policy.js';
import { buildUblXml, computeInvoiceTotals, exportInvoiceLinesCsv, exportInvoicesCsv, type InvoiceDocument } from '../../domain/invoice/index.js';
import { renderInvoicePdf } from './pdf/index.js';
import { domain } from './finance-common.js';
import { requireInvoice } from './invoices.service.js';

const fileName = (doc: InvoiceDocument, id: string) => (doc.number && doc.number !== 'DRAFT' ? doc.number : `draft-${id.slice(0, 8)}`).replace(/[^A-Za-z0-9._-]/g, '_');

/** The PDF (drafts render as a preview marked DRAFT). */
export async function invoicePdf(db: Kysely<DB>, actor: Actor, id: string): Promise<{ body: Buffer; fileName: string }> {
  const r = await requireInvoice(db, actor, id, 'read');
  const doc = r.document as InvoiceDocument;
  return domain(async () => ({ body: await renderInvoicePdf(doc), fileName: `${fileName(doc, id)}.pdf` }));
}

/** The UBL 2.1 Invoice or CreditNote; only issued documents (a draft has no number yet). */
export async function invoiceUbl(db: Kysely<DB>, actor: Actor, id: string): Promise<{ body: string; fileName: string }> {
  const r = await requireInvoice(db, actor, id, 'read');
  if (r.state === 'draft') throw new AppError(409, 'invoice_not_issued', 'a draft has no number yet; issue it before exporting UBL');
  const doc = r.document as InvoiceDocument;
  return domain(async () => ({ body: buildUblXml(doc), fileName: `${fileName(doc, id)}.xml` }));
}

/** The lines of one invoice as CSV. */
export async function invoiceLinesCsv(db: Kysely<DB>, actor: Actor, id: string): Promise<{ body: string; fileName: string }> {
  const r = await requireInvoice(db, actor, id, 'read');
  const doc = r.document as InvoiceDocument;
  return domain(async () => ({ body: exportInvoiceLinesCsv(doc), fileName: `${fileName(doc, id)}-lines.csv` }));
}

/** One row per issued document (invoices and credit notes) in an issue-date range, as CSV. Officers only. */
export async function invoicesCsv(db: Kysely<DB>, actor: Actor, from: string, to: string): Promise<string> {
  if (!['admin', 'finance'].includes(actor.orgRole)) throw new AppError(403, 'forbidden', 'the invoice export is for finance officers');
  const rows = await db.selectFrom('invoices').select(['document', 'state']).where('state', '<>', 'draft').where('issue_date', '>=', from).where('issue_date', '<=', to).orderBy('series').orderBy('year').orderBy('sequence').limit(100_000).execute();
  return domain(async () => exportInvoicesCsv(rows.map((r) => {
    const doc = r.document as InvoiceDocument;
    return { doc, totals: computeInvoiceTotals(doc), state: r.state };
  })));
}
