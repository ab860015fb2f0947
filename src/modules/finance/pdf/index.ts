/** PDF rendering of invoices and credit notes (pdfkit). */
export { renderInvoicePdf, formatAmount, toWinAnsi, DEFAULT_LABELS } from './invoice-pdf.js';
export type { InvoicePdfOptions } from './invoice-pdf.js';
