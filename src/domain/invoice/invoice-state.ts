import { InvoiceError } from './invoice-error.js';

/** Lifecycle: draft -> issued -> paid; issued or paid -> void only through a credit note. */
export type InvoiceState = 'draft' | 'issued' | 'paid' | 'void';

/** Actions on an invoice. `issue` needs the number the database allocated; `void` needs the credit note. */
export type InvoiceAction =
  | { type: 'issue'; number: string; issueDate: string }
  | { type: 'mark-paid'; paidOn: string }
  | { type: 'void'; creditNoteId: string };

/** Stored invoice status. */
export interface InvoiceStatus {
  state: InvoiceState;
  number: string | null;
  issueDate: string | null;
  paidOn: string | null;
  creditNoteId: string | null;
}

/** Applies an action or throws INVOICE_INVALID_TRANSITION; an issued invoice is never edited or deleted. */
export function transitionInvoice(s: InvoiceStatus, a: InvoiceAction): InvoiceStatus {
  const bad = (): never => {
    throw new InvoiceError('INVOICE_INVALID_TRANSITION', `cannot ${a.type} an invoice that is ${s.state}`, { from: s.state, action: a.type });
  };
  switch (a.type) {
    case 'issue':
      if (s.state !== 'draft') bad();
      if (!a.number?.trim()) throw new InvoiceError('INVOICE_INVALID_NUMBER', 'issuing needs a number');
      return { ...s, state: 'issued', number: a.number, issueDate: a.issueDate };
    case 'mark-paid':
      if (s.state !== 'issued') bad();
      return { ...s, state: 'paid', paidOn: a.paidOn };
    case 'void':
      if (s.state !== 'issued' && s.state !== 'paid') bad();
      if (!a.creditNoteId) throw new InvoiceError('INVOICE_CREDIT_NOTE_REQUIRED', 'voiding an invoice needs the credit note that reverses it');
      return { ...s, state: 'void', creditNoteId: a.creditNoteId };
    default:
      throw new InvoiceError('INVOICE_INVALID_ACTION', `unknown invoice action "${String((a as { type: unknown }).type)}"`);
  }
}

/** Only drafts may be edited or deleted (their time entries are released). */
export function isInvoiceEditable(state: InvoiceState): boolean {
  return state === 'draft';
}
