import { formatMinor } from '../finance/index.js';
import type { InvoiceDocument, InvoiceTotals } from './invoice-types.js';

/** One CSV cell: quoted when needed (RFC 4180); text that a spreadsheet would run as a formula gets a leading quote. */
export function csvCell(value: string | number | null | undefined, isText = true): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (isText && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function row(cells: string[]): string {
  return cells.join(',');
}

/** Invoice list export: one row per document; amounts as plain decimals in the document currency. */
export function exportInvoicesCsv(items: ReadonlyArray<{ doc: InvoiceDocument; totals: InvoiceTotals; state?: string }>): string {
  const head = ['number', 'type', 'issue_date', 'due_date', 'buyer', 'buyer_vat_id', 'currency', 'net', 'vat', 'total', 'payable', 'state'];
  const lines = [head.join(',')];
  for (const { doc, totals, state } of items) {
    const m = (v: number): string => csvCell(formatMinor(v, doc.currency), false);
    lines.push(row([
      csvCell(doc.number), csvCell(doc.kind), csvCell(doc.issueDate, false), csvCell(doc.dueDate ?? '', false), csvCell(doc.buyer.name),
      csvCell(doc.buyer.vatId ?? ''), csvCell(doc.currency), m(totals.taxExclusiveMinor), m(totals.taxMinor), m(totals.taxInclusiveMinor),
      m(totals.payableMinor), csvCell(state ?? ''),
    ]));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Line export of one document (for accounting imports). */
export function exportInvoiceLinesCsv(doc: InvoiceDocument): string {
  const head = ['number', 'line', 'item', 'description', 'quantity', 'unit', 'unit_price', 'net', 'vat_category', 'vat_rate', 'sources'];
  const out = [head.join(',')];
  for (const l of doc.lines) {
    out.push(row([
      csvCell(doc.number), csvCell(l.lineId, false), csvCell(l.itemName), csvCell(l.description ?? ''), csvCell(l.quantity, false),
      csvCell(l.unitCode), csvCell(formatMinor(l.unitPriceMinor, doc.currency), false), csvCell(formatMinor(l.netAmountMinor, doc.currency), false),
      csvCell(l.vat.category), csvCell(l.vat.ratePercent, false), csvCell(l.sources.map((s) => `${s.kind}:${s.id}`).join(' ')),
    ]));
  }
  return `${out.join('\r\n')}\r\n`;
}
