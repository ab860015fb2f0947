import PDFDocument from 'pdfkit';
import { formatMinor } from '../../../domain/finance/index.js';
import {
  computeInvoiceTotals, type InvoiceDocument, type InvoiceParty, type InvoiceTotals,
} from '../../../domain/invoice/index.js';

/** Presentation options for the PDF. */
export interface InvoicePdfOptions {
  /** Words printed on the page; override for another language. */
  labels?: Partial<typeof DEFAULT_LABELS>;
}

/** Default English labels. */
export const DEFAULT_LABELS = {
  invoice: 'INVOICE', creditNote: 'CREDIT NOTE', number: 'Number', issueDate: 'Issue date', dueDate: 'Due date',
  period: 'Period', buyerReference: 'Your reference', creditedInvoice: 'Credits invoice', billTo: 'Bill to',
  vatId: 'VAT', description: 'Description', quantity: 'Qty', unit: 'Unit', unitPrice: 'Unit price', vat: 'VAT',
  net: 'Net', subtotal: 'Total without VAT', allowances: 'Allowances', charges: 'Charges', vatTotal: 'VAT',
  total: 'Total with VAT', prepaid: 'Paid in advance', payable: 'Amount due', vatBreakdown: 'VAT breakdown',
  taxable: 'Taxable', payment: 'Payment', page: 'Page',
};

const MARGIN = 50;
const PAGE_W = 595.28; // A4
const PAGE_H = 841.89;
const CONTENT_W = PAGE_W - 2 * MARGIN;
// Table columns: x offsets and widths (description gets the rest).
const COLS = { desc: 0, qty: 225, unit: 270, price: 305, vat: 380, net: 430 };

/** Standard PDF fonts encode WinAnsi only; replace other characters so text never renders as garbage. */
export function toWinAnsi(text: string): string {
  return text.normalize('NFC').replace(/[^\t\n\r\u0020-\u007E\u00A0-\u00FF€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]/g, '?');
}

/** "1234567.5" style amount as "1,234,567.50 EUR". */
export function formatAmount(amountMinor: number, currency: string): string {
  const plain = formatMinor(amountMinor, currency);
  const neg = plain.startsWith('-');
  const [int, frac] = (neg ? plain.slice(1) : plain).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${grouped}${frac !== undefined ? `.${frac}` : ''} ${currency}`;
}

function partyLines(p: InvoiceParty, vatLabel: string): string[] {
  const a = p.address;
  return [
    p.name, p.tradingName && p.tradingName !== p.name ? p.tradingName : null, a.street, a.additionalStreet ?? null,
    `${a.postalCode} ${a.city}`, a.countrySubdivision ?? null, a.countryCode, p.vatId ? `${vatLabel} ${p.vatId}` : null,
  ].filter((x): x is string => !!x);
}

/**
 * Renders an invoice or credit note to a PDF (A4, standard Helvetica) and resolves with its bytes.
 * The document data is the same that the UBL is generated from, so the two never disagree.
 */
export function renderInvoicePdf(doc: InvoiceDocument, totals: InvoiceTotals = computeInvoiceTotals(doc), options: InvoicePdfOptions = {}): Promise<Buffer> {
  const L = { ...DEFAULT_LABELS, ...options.labels };
  const t = (s: string): string => toWinAnsi(s);
  const money = (m: number): string => formatAmount(m, doc.currency);
  const plain = (m: number): string => formatAmount(m, doc.currency).replace(/ [A-Z]{3}$/, '');
  const title = doc.kind === 'credit-note' ? L.creditNote : L.invoice;
  const pdf = new PDFDocument({
    size: 'A4', margin: MARGIN, bufferPages: true,
    // Fixed dates keep the output reproducible for the same document.
    info: { Title: `${title} ${doc.number}`, Author: doc.seller.name, Subject: title, CreationDate: new Date(`${doc.issueDate}T00:00:00Z`), ModDate: new Date(`${doc.issueDate}T00:00:00Z`) },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  // Header: seller left, document title and facts right.
  pdf.font('Helvetica-Bold').fontSize(14).text(t(doc.seller.tradingName ?? doc.seller.name), MARGIN, MARGIN, { width: 280 });
  pdf.font('Helvetica').fontSize(9);
  const sellerTitle = doc.seller.tradingName ?? doc.seller.name;
  for (const l of partyLines(doc.seller, L.vatId)) if (l !== sellerTitle) pdf.text(t(l), { width: 280 });
  if (doc.seller.contact?.email) pdf.text(t(doc.seller.contact.email), { width: 280 });
  const headerBottom = pdf.y;
  pdf.font('Helvetica-Bold').fontSize(20).text(title, MARGIN + 300, MARGIN, { width: CONTENT_W - 300, align: 'right' });
  pdf.font('Helvetica').fontSize(9);
  const facts: Array<[string, string | null | undefined]> = [
    [L.number, doc.number], [L.issueDate, doc.issueDate], [L.dueDate, doc.dueDate],
    [L.period, doc.period ? `${doc.period.start} - ${doc.period.end}` : null], [L.buyerReference, doc.buyerReference],
    [L.creditedInvoice, doc.precedingInvoice ? `${doc.precedingInvoice.number} (${doc.precedingInvoice.issueDate})` : null],
  ];
  for (const [k, v] of facts) if (v) pdf.text(t(`${k}: ${v}`), MARGIN + 300, pdf.y, { width: CONTENT_W - 300, align: 'right' });

  // Buyer block.
  let y = Math.max(headerBottom, pdf.y) + 20;
  pdf.font('Helvetica-Bold').fontSize(10).text(L.billTo, MARGIN, y);
  pdf.font('Helvetica').fontSize(9);
  for (const l of partyLines(doc.buyer, L.vatId)) pdf.text(t(l), { width: 280 });
  if (doc.note) pdf.moveDown(0.5).text(t(doc.note), { width: CONTENT_W });
  y = pdf.y + 15;

  // Lines table with page breaks.
  const header = (): void => {
    pdf.font('Helvetica-Bold').fontSize(8);
    pdf.text(L.description, MARGIN + COLS.desc, y, { width: COLS.qty - 5 });
    pdf.text(L.quantity, MARGIN + COLS.qty, y, { width: COLS.unit - COLS.qty - 5, align: 'right' });
    pdf.text(L.unit, MARGIN + COLS.unit, y, { width: COLS.price - COLS.unit });
    pdf.text(`${L.unitPrice} (${doc.currency})`, MARGIN + COLS.price, y, { width: COLS.vat - COLS.price - 5, align: 'right' });
    pdf.text(L.vat, MARGIN + COLS.vat, y, { width: COLS.net - COLS.vat - 5, align: 'right' });
    pdf.text(`${L.net} (${doc.currency})`, MARGIN + COLS.net, y, { width: CONTENT_W - COLS.net, align: 'right' });
    y += 12;
    pdf.moveTo(MARGIN, y).lineTo(MARGIN + CONTENT_W, y).lineWidth(0.5).stroke();
    y += 4;
    pdf.font('Helvetica').fontSize(8);
  };
  header();
  for (const line of doc.lines) {
    const desc = t(line.description ? `${line.itemName} - ${line.description}` : line.itemName);
    const h = Math.max(pdf.heightOfString(desc, { width: COLS.qty - 5 }), 10);
    if (y + h > PAGE_H - MARGIN - 20) {
      pdf.addPage();
      y = MARGIN;
      header();
    }
    pdf.text(desc, MARGIN + COLS.desc, y, { width: COLS.qty - 5 });
    pdf.text(line.quantity, MARGIN + COLS.qty, y, { width: COLS.unit - COLS.qty - 5, align: 'right' });
    pdf.text(line.unitCode, MARGIN + COLS.unit, y, { width: COLS.price - COLS.unit });
    pdf.text(plain(line.unitPriceMinor), MARGIN + COLS.price, y, { width: COLS.vat - COLS.price - 5, align: 'right' });
    pdf.text(`${line.vat.category} ${line.vat.ratePercent}%`, MARGIN + COLS.vat, y, { width: COLS.net - COLS.vat - 5, align: 'right' });
    pdf.text(plain(line.netAmountMinor), MARGIN + COLS.net, y, { width: CONTENT_W - COLS.net, align: 'right' });
    y += h + 3;
  }

  // Totals, VAT breakdown and payment: kept together on one page.
  const rows: Array<[string, number, boolean?]> = [[L.subtotal, totals.lineNetMinor]];
  if (totals.allowanceTotalMinor) rows.push([L.allowances, -totals.allowanceTotalMinor]);
  if (totals.chargeTotalMinor) rows.push([L.charges, totals.chargeTotalMinor]);
  rows.push([L.vatTotal, totals.taxMinor], [L.total, totals.taxInclusiveMinor, true]);
  if (totals.prepaidMinor) rows.push([L.prepaid, -totals.prepaidMinor], [L.payable, totals.payableMinor, true]);
  const blockHeight = 14 * rows.length + 14 * (totals.vatBreakdown.length + 2) + 80;
  if (y + blockHeight > PAGE_H - MARGIN) {
    pdf.addPage();
    y = MARGIN;
  }
  y += 8;
  pdf.moveTo(MARGIN + 250, y).lineTo(MARGIN + CONTENT_W, y).stroke();
  y += 6;
  for (const [label, amount, bold] of rows) {
    pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    pdf.text(label, MARGIN + 250, y, { width: 130 });
    pdf.text(money(amount), MARGIN + 380, y, { width: CONTENT_W - 380, align: 'right' });
    y += 14;
  }
  y += 8;
  pdf.font('Helvetica-Bold').fontSize(9).text(L.vatBreakdown, MARGIN, y);
  y += 13;
  pdf.font('Helvetica').fontSize(8);
  for (const v of totals.vatBreakdown) {
    pdf.text(t(`${v.category} ${v.ratePercent}%${v.exemptionReason ? ` - ${v.exemptionReason}` : ''}`), MARGIN, y, { width: 280 });
    pdf.text(`${L.taxable} ${money(v.taxableMinor)}`, MARGIN + 280, y, { width: 120, align: 'right' });
    pdf.text(`${L.vat} ${money(v.taxMinor)}`, MARGIN + 400, y, { width: CONTENT_W - 400, align: 'right' });
    y = Math.max(pdf.y, y + 11);
  }
  y += 10;
  const pay = doc.payment;
  const payLines = [
    pay.terms, pay.accountId ? `IBAN ${pay.accountId}${pay.bic ? ` / BIC ${pay.bic}` : ''}` : null,
    pay.accountName, pay.paymentId ? `Ref. ${pay.paymentId}` : null,
  ].filter((x): x is string => !!x);
  if (payLines.length) {
    pdf.font('Helvetica-Bold').fontSize(9).text(L.payment, MARGIN, y);
    pdf.font('Helvetica').fontSize(8);
    for (const l of payLines) pdf.text(t(l), { width: CONTENT_W });
  }

  // Footer with page numbers on every page.
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    // Writing below the bottom margin would make pdfkit start a new page; lift the margin for the footer.
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf.font('Helvetica').fontSize(7).text(
      t(`${doc.seller.name} - ${doc.number} - ${L.page} ${i + 1}/${range.count}`),
      MARGIN, PAGE_H - MARGIN + 10, { width: CONTENT_W, align: 'center', lineBreak: false },
    );
    pdf.page.margins.bottom = bottom;
  }
  pdf.end();
  return done;
}
