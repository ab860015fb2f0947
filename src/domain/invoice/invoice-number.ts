import { InvoiceError } from './invoice-error.js';

/** Parts of an invoice number: series code, year and the gap-free sequence (allocated by the database). */
export interface InvoiceNumberParts {
  series: string;
  year: number;
  sequence: number;
}

const SERIES = /^[A-Z][A-Z0-9]{0,9}$/;

/** Formats `SERIES-YYYY-NNNNN` (sequence zero-padded to `padding`, default 5, longer numbers are kept whole). */
export function formatInvoiceNumber(parts: InvoiceNumberParts, padding = 5): string {
  if (!SERIES.test(parts.series)) throw new InvoiceError('INVOICE_INVALID_SERIES', `series "${parts.series}" must be 1-10 upper-case letters/digits starting with a letter`);
  if (!Number.isInteger(parts.year) || parts.year < 1900 || parts.year > 9999) throw new InvoiceError('INVOICE_INVALID_NUMBER', `year ${parts.year} is out of range`);
  if (!Number.isSafeInteger(parts.sequence) || parts.sequence < 1) throw new InvoiceError('INVOICE_INVALID_NUMBER', `sequence must be a positive integer, got ${parts.sequence}`);
  return `${parts.series}-${parts.year}-${String(parts.sequence).padStart(padding, '0')}`;
}

/** Parses a number made by formatInvoiceNumber; throws INVOICE_INVALID_NUMBER otherwise. */
export function parseInvoiceNumber(text: string): InvoiceNumberParts {
  const m = /^([A-Z][A-Z0-9]{0,9})-(\d{4})-(\d+)$/.exec(text);
  if (!m || Number(m[3]) < 1) throw new InvoiceError('INVOICE_INVALID_NUMBER', `"${text}" is not SERIES-YYYY-NNNNN`);
  return { series: m[1], year: Number(m[2]), sequence: Number(m[3]) };
}

/** The numbering year of an invoice: the year of its issue date (sequences restart each year). */
export function numberingYearOf(issueDate: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(issueDate)) throw new InvoiceError('INVOICE_INVALID_NUMBER', `issue date "${issueDate}" is not YYYY-MM-DD`);
  return Number(issueDate.slice(0, 4));
}
