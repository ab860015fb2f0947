import { InvoiceError } from './invoice-error.js';
import type { InvoiceDocument } from './invoice-types.js';

/**
 * The credit note that voids an issued invoice in full: same parties, lines and VAT, positive amounts
 * (the document type says "credit"), referencing the invoice (BG-3). Its own number comes from its series.
 */
export function buildFullCreditNote(invoice: InvoiceDocument, args: { number: string; issueDate: string; reason: string }): InvoiceDocument {
  if (invoice.kind !== 'invoice') throw new InvoiceError('INVOICE_INVALID', 'only an invoice can be credited');
  if (!args.reason.trim()) throw new InvoiceError('INVOICE_INVALID', 'a credit note needs a reason');
  if (args.issueDate < invoice.issueDate) throw new InvoiceError('INVOICE_INVALID', 'a credit note cannot predate the invoice it credits');
  return {
    ...invoice,
    kind: 'credit-note',
    typeCode: '381',
    number: args.number,
    issueDate: args.issueDate,
    dueDate: null,
    note: `Credit note for invoice ${invoice.number}: ${args.reason.trim()}`,
    projectReference: null,
    precedingInvoice: { number: invoice.number, issueDate: invoice.issueDate },
    prepaidMinor: 0,
    payment: { ...invoice.payment, terms: null },
  };
}
