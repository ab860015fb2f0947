import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { computeInvoiceTotals, type InvoiceDocument } from '../../../domain/invoice/index.js';
import { allInvoiceVariants, tmInvoice } from '../../../../test/fixtures/finance/invoice-fixtures.js';
import { formatAmount, renderInvoicePdf, toWinAnsi } from './index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pmo-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Page objects in the file (the page tree node is /Type /Pages and is not counted). */
function countPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page(?!s)/g) ?? []).length;
}

/** Text shown by the content streams: inflates each FlateDecode stream and joins the hex strings of TJ/Tj operators. */
function extractText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const parts: string[] = [];
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    for (const op of content.matchAll(/\[(.*?)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const hexes = op[1] !== undefined ? [...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]) : [op[2]];
      parts.push(hexes.map((h) => Buffer.from(h, 'hex').toString('latin1')).join(''));
    }
  }
  return parts.join('\n');
}

describe('renderInvoicePdf', () => {
  it('renders every invoice and credit note variant as a one-page PDF showing number and total', async () => {
    for (const { doc } of allInvoiceVariants()) {
      const pdf = await renderInvoicePdf(doc);
      expect(Buffer.isBuffer(pdf)).toBe(true);
      expect(pdf.subarray(0, 7).toString('latin1')).toBe('%PDF-1.');
      expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
      expect(countPages(pdf)).toBe(1);
      const text = extractText(pdf);
      const totals = computeInvoiceTotals(doc);
      expect(text).toContain(doc.number);
      expect(text).toContain(formatAmount(totals.payableMinor, doc.currency));
      expect(text).toContain(doc.kind === 'credit-note' ? 'CREDIT NOTE' : 'INVOICE');
    }
  });

  it('breaks long invoices over pages and numbers them', async () => {
    const base = tmInvoice();
    const lines = Array.from({ length: 150 }, (_, i) => ({ ...base.lines[0], lineId: String(i + 1), sources: [{ kind: 'manual' as const, id: `m${i}` }] }));
    const doc: InvoiceDocument = { ...base, lines };
    const pdf = await renderInvoicePdf(doc);
    const pages = countPages(pdf);
    expect(pages).toBeGreaterThan(1);
    const text = extractText(pdf);
    expect(text).toContain(`Page 1/${pages}`);
    expect(text).toContain(`Page ${pages}/${pages}`);
    expect(text).toContain(formatAmount(computeInvoiceTotals(doc).payableMinor, 'EUR'));
  });

  it('is reproducible for the same document', async () => {
    const a = await renderInvoicePdf(tmInvoice());
    const b = await renderInvoicePdf(tmInvoice());
    expect(extractText(a)).toBe(extractText(b));
    expect(a.length).toBe(b.length);
  });

  it('pdftotext (poppler-utils, when installed) reads the invoice number and amount due', async () => {
    if (spawnSync('sh', ['-c', 'command -v pdftotext']).status !== 0) {
      // Optional tool: the content-stream check above already covers the text.
      return;
    }
    const doc = allInvoiceVariants()[2].doc;
    const file = path.join(dir, 'invoice.pdf');
    writeFileSync(file, await renderInvoicePdf(doc));
    const out = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(out.status).toBe(0);
    expect(out.stdout).toContain(doc.number);
    expect(out.stdout).toContain(formatAmount(computeInvoiceTotals(doc).payableMinor, 'EUR'));
    const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
    if (info.status === 0) expect(info.stdout).toMatch(/Pages:\s+1/);
  });

  it('formats amounts and replaces characters the standard fonts cannot show', () => {
    expect(formatAmount(123456789, 'EUR')).toBe('1,234,567.89 EUR');
    expect(formatAmount(-5, 'EUR')).toBe('-0.05 EUR');
    expect(formatAmount(1500, 'JPY')).toBe('1,500 JPY');
    expect(toWinAnsi('Zoë – €5 — 東京')).toBe('Zoë – €5 — ??');
  });
});
