import { describe, expect, it } from 'vitest';
import {
  buildFullCreditNote, buildMilestoneLines, buildTimeAndMaterialsLines, buildUblXml, computeInvoiceTotals, computeVatMinor,
  csvCell, exportInvoiceLinesCsv, exportInvoicesCsv, formatInvoiceNumber, minutesToHoursQuantity, normalizeRatePercent,
  numberingYearOf, parseInvoiceNumber, transitionInvoice, type InvoiceDocument, type InvoiceLine, type InvoiceStatus,
} from './index.js';
import {
  exemptMixInvoice, milestoneInvoice, reverseChargeInvoice, someExpenses, tmInvoice, weekOfTime,
} from '../../../test/fixtures/finance/invoice-fixtures.js';

const line = (lineId: string, netAmountMinor: number, ratePercent = '21', category: 'S' | 'Z' | 'E' | 'AE' = 'S'): InvoiceLine => ({
  lineId, itemName: `Item ${lineId}`, quantity: '1', unitCode: 'C62', unitPriceMinor: Math.abs(netAmountMinor), netAmountMinor,
  vat: { category, ratePercent }, sources: [{ kind: 'manual', id: lineId }],
});

describe('EN 16931 totals: line nets are rounded amounts, VAT once per category and rate, totals are sums', () => {
  it('rounds VAT half-up on the category taxable amount, not per line', () => {
    // Three lines of 0.05 at 21 %: per line 0.0105 -> 0.01 each = 0.03; on the sum 0.15 -> 0.0315 -> 0.03.
    // Three lines of 0.10 at 5 %: per line 0.005 -> 0.01 each = 0.03; on the sum 0.30 -> 0.015 -> 0.02 (half-up).
    const doc = { ...tmInvoice(), lines: [line('1', 5), line('2', 5), line('3', 5), line('4', 10, '5'), line('5', 10, '5'), line('6', 10, '5')] };
    const t = computeInvoiceTotals(doc);
    expect(t.vatBreakdown.map((v) => [v.ratePercent, v.taxableMinor, v.taxMinor])).toEqual([['5', 30, 2], ['21', 15, 3]]);
    expect(t.taxMinor).toBe(5);
    expect(t.taxInclusiveMinor).toBe(50);
  });
  it.each([
    [100, '21', 21], [250, '21', 53], [-250, '21', -53], [1, '5.5', 0], [10, '5.5', 1], [12345, '19', 2346], [0, '21', 0],
  ])('VAT of %d at %s %% = %d', (taxable, rate, vat) => expect(computeVatMinor(taxable, rate)).toBe(vat));
  it('groups equal rates written differently', () => {
    expect(normalizeRatePercent('21.00')).toBe('21');
    expect(normalizeRatePercent('5.50')).toBe('5.5');
    const t = computeInvoiceTotals({ ...tmInvoice(), lines: [line('1', 100, '21.0'), line('2', 100, '21')] });
    expect(t.vatBreakdown).toHaveLength(1);
  });
  it('applies document allowances and charges per VAT category', () => {
    const t = computeInvoiceTotals(milestoneInvoice());
    expect(t.lineNetMinor).toBe(2_083_333);
    expect(t.taxExclusiveMinor).toBe(2_083_333 - 104_167 + 2500);
    expect(t.vatBreakdown[0].taxableMinor).toBe(t.taxExclusiveMinor);
    expect(t.taxMinor).toBe(computeVatMinor(t.taxExclusiveMinor, '21'));
    expect(t.payableMinor).toBe(t.taxInclusiveMinor);
  });
  it('subtracts prepaid amounts from the payable amount', () => {
    const t = computeInvoiceTotals(exemptMixInvoice());
    expect(t.payableMinor).toBe(t.taxInclusiveMinor - 50_000);
    expect(t.vatBreakdown.map((v) => v.category)).toEqual(['E', 'S', 'Z']);
    expect(t.vatBreakdown.find((v) => v.category === 'E')?.exemptionReason).toMatch(/training/);
  });

  const bad: Array<[string, (d: InvoiceDocument) => InvoiceDocument, string]> = [
    ['no lines', (d) => ({ ...d, lines: [] }), 'INVOICE_NO_LINES'],
    ['standard rate 0', (d) => ({ ...d, lines: [line('1', 100, '0')] }), 'INVOICE_INVALID_VAT'],
    ['zero-rated with a rate', (d) => ({ ...d, lines: [line('1', 100, '7', 'Z')] }), 'INVOICE_INVALID_VAT'],
    ['exempt without reason', (d) => ({ ...d, lines: [line('1', 100, '0', 'E')] }), 'INVOICE_EXEMPTION_REASON'],
    ['reverse charge without buyer VAT id', (d) => ({ ...d, lines: [line('1', 100, '0', 'AE')], vatExemptionReasons: { AE: 'rc' }, buyer: { ...d.buyer, vatId: null } }), 'INVOICE_INVALID_PARTY'],
    ['duplicate line ids', (d) => ({ ...d, lines: [line('1', 1), line('1', 2)] }), 'INVOICE_INVALID_LINE'],
    ['fractional cents', (d) => ({ ...d, lines: [line('1', 1.5)] }), 'FINANCE_INVALID_AMOUNT'],
    ['3-decimal currency', (d) => ({ ...d, currency: 'KWD' }), 'INVOICE_INVALID_CURRENCY'],
    ['bad country', (d) => ({ ...d, buyer: { ...d.buyer, address: { ...d.buyer.address, countryCode: 'Netherlands' } } }), 'INVOICE_INVALID_PARTY'],
    ['no seller VAT id', (d) => ({ ...d, seller: { ...d.seller, vatId: null } }), 'INVOICE_INVALID_PARTY'],
    ['no due date nor terms', (d) => ({ ...d, dueDate: null, payment: { ...d.payment, terms: null } }), 'INVOICE_INVALID'],
    ['credit note without invoice reference', (d) => ({ ...d, kind: 'credit-note' }), 'INVOICE_INVALID'],
  ];
  it.each(bad)('rejects %s', (_n, mutate, code) => {
    expect(() => computeInvoiceTotals(mutate(tmInvoice()))).toThrow(expect.objectContaining({ code }));
  });
});

describe('invoice lines from billable work', () => {
  it('bills approved billable time grouped per person and rate, plus approved billable expenses', () => {
    const built = buildTimeAndMaterialsLines(weekOfTime(), someExpenses(), { currency: 'EUR', vat: { category: 'S', ratePercent: '21' } });
    expect(built.billedTimeEntryIds).toHaveLength(10);
    expect(built.billedTimeEntryIds).not.toContain('te-draft');
    expect(built.billedTimeEntryIds).not.toContain('te-internal');
    expect(built.billedExpenseIds).toEqual(['ex-train', 'ex-book']);
    const [ann, bob, train, book] = built.lines;
    expect([ann.quantity, ann.unitPriceMinor, ann.netAmountMinor]).toEqual(['37.5', 9550, 358_125]);
    // Bob: 370+371+372+373+374 = 1860 min = 31 h
    expect([bob.quantity, bob.netAmountMinor]).toEqual(['31', 341_000]);
    expect(train.netAmountMinor).toBe(5049); // 45.90 + 10 % = 50.49
    expect(book.vat).toEqual({ category: 'Z', ratePercent: '0' });
    expect(built.lines.map((l) => l.lineId)).toEqual(['1', '2', '3', '4']);
  });
  it('a time entry can be billed at most once', () => {
    expect(() => buildTimeAndMaterialsLines(weekOfTime(), [], { currency: 'EUR', vat: { category: 'S', ratePercent: '21' }, alreadyBilledIds: new Set(['te-bob-3']) }))
      .toThrow(expect.objectContaining({ code: 'INVOICE_DOUBLE_BILLING', details: { id: 'te-bob-3' } }));
    const dup = [...weekOfTime(), weekOfTime()[0]];
    expect(() => buildTimeAndMaterialsLines(dup, [], { currency: 'EUR', vat: { category: 'S', ratePercent: '21' } }))
      .toThrow(expect.objectContaining({ code: 'INVOICE_DUPLICATE_SOURCE' }));
  });
  it('refuses to mix currencies', () => {
    const usd = weekOfTime().map((t) => ({ ...t, currency: 'USD' }));
    expect(() => buildTimeAndMaterialsLines(usd, [], { currency: 'EUR', vat: { category: 'S', ratePercent: '21' } }))
      .toThrow(expect.objectContaining({ code: 'INVOICE_CURRENCY_MISMATCH' }));
  });
  it('milestones: only achieved/accepted, never twice', () => {
    const ms = [
      { id: 'm1', name: 'A', amountMinor: 100, currency: 'EUR', status: 'accepted' as const },
      { id: 'm2', name: 'B', amountMinor: 200, currency: 'EUR', status: 'planned' as const },
    ];
    expect(buildMilestoneLines(ms, { currency: 'EUR', vat: { category: 'S', ratePercent: '21' } }).billedMilestoneIds).toEqual(['m1']);
    expect(() => buildMilestoneLines(ms, { currency: 'EUR', vat: { category: 'S', ratePercent: '21' }, alreadyBilledIds: new Set(['m1']) }))
      .toThrow(expect.objectContaining({ code: 'INVOICE_DOUBLE_BILLING' }));
  });
  it.each([[450, '7.5'], [10, '0.1667'], [60, '1'], [1, '0.0167'], [0, '0']])('%d minutes = %s h', (m, q) => expect(minutesToHoursQuantity(m)).toBe(q));
});

describe('numbering', () => {
  it('formats and parses SERIES-YYYY-NNNNN', () => {
    expect(formatInvoiceNumber({ series: 'INV', year: 2026, sequence: 42 })).toBe('INV-2026-00042');
    expect(formatInvoiceNumber({ series: 'INV', year: 2026, sequence: 1234567 })).toBe('INV-2026-1234567');
    expect(parseInvoiceNumber('CN-2027-00003')).toEqual({ series: 'CN', year: 2027, sequence: 3 });
    expect(numberingYearOf('2026-12-31')).toBe(2026);
  });
  it.each([
    [{ series: 'inv', year: 2026, sequence: 1 }], [{ series: 'INV', year: 2026, sequence: 0 }], [{ series: 'INV', year: 26, sequence: 1 }],
    [{ series: 'INV-X', year: 2026, sequence: 1 }], [{ series: 'INV', year: 2026, sequence: 1.5 }],
  ])('rejects %j', (p) => expect(() => formatInvoiceNumber(p)).toThrow(expect.objectContaining({ code: expect.stringMatching(/^INVOICE_INVALID_/) })));
  it('rejects a malformed number', () => expect(() => parseInvoiceNumber('INV-2026-00000')).toThrow(expect.objectContaining({ code: 'INVOICE_INVALID_NUMBER' })));
});

describe('invoice state machine', () => {
  const draft: InvoiceStatus = { state: 'draft', number: null, issueDate: null, paidOn: null, creditNoteId: null };
  it('draft -> issued -> paid -> void via credit note', () => {
    let s = transitionInvoice(draft, { type: 'issue', number: 'INV-2026-00001', issueDate: '2026-11-25' });
    expect(s).toMatchObject({ state: 'issued', number: 'INV-2026-00001' });
    s = transitionInvoice(s, { type: 'mark-paid', paidOn: '2026-12-01' });
    s = transitionInvoice(s, { type: 'void', creditNoteId: 'cn-1' });
    expect(s).toMatchObject({ state: 'void', creditNoteId: 'cn-1', number: 'INV-2026-00001' });
  });
  it.each([
    ['draft', { type: 'mark-paid', paidOn: '2026-12-01' }], ['draft', { type: 'void', creditNoteId: 'x' }],
    ['issued', { type: 'issue', number: 'N', issueDate: '2026-01-01' }], ['void', { type: 'mark-paid', paidOn: '2026-12-01' }],
  ] as const)('%s cannot %j', (state, action) => {
    expect(() => transitionInvoice({ ...draft, state }, action)).toThrow(expect.objectContaining({ code: 'INVOICE_INVALID_TRANSITION' }));
  });
  it('void without a credit note is refused', () => {
    expect(() => transitionInvoice({ ...draft, state: 'issued' }, { type: 'void', creditNoteId: '' })).toThrow(expect.objectContaining({ code: 'INVOICE_CREDIT_NOTE_REQUIRED' }));
  });
});

describe('credit notes, CSV and UBL', () => {
  it('a full credit note mirrors the invoice totals and references it', () => {
    const inv = tmInvoice();
    const cn = buildFullCreditNote(inv, { number: 'CN-2026-00001', issueDate: '2026-11-30', reason: 'wrong PO' });
    expect(computeInvoiceTotals(cn).taxInclusiveMinor).toBe(computeInvoiceTotals(inv).taxInclusiveMinor);
    expect(cn.precedingInvoice).toEqual({ number: inv.number, issueDate: inv.issueDate });
    const xml = buildUblXml(cn);
    expect(xml).toContain('<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"');
    expect(xml).toContain('<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>');
    expect(xml).toContain(`<cbc:ID>${inv.number}</cbc:ID>`);
    expect(xml).not.toContain('InvoiceLine');
    expect(() => buildFullCreditNote(inv, { number: 'CN-2026-00002', issueDate: '2026-11-01', reason: 'x' })).toThrow(expect.objectContaining({ code: 'INVOICE_INVALID' }));
  });
  it('UBL carries the EN 16931 customization id, escapes text and prints 2-decimal amounts', () => {
    const xml = buildUblXml(reverseChargeInvoice());
    expect(xml).toContain('<cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>');
    expect(xml).toContain('<cbc:ID>AE</cbc:ID>');
    expect(xml).toContain('Article 196');
    const nl = buildUblXml(tmInvoice());
    expect(nl).toContain('Gemeente Voorbeeld &amp; Zonen');
    expect(nl).toContain('3rd floor &lt;east&gt;');
    expect(nl).toMatch(/<cbc:PayableAmount currencyID="EUR">\d+\.\d{2}<\/cbc:PayableAmount>/);
  });
  it('CSV export quotes, neutralises formulas and prints decimals', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-12.50', false)).toBe('-12.50');
    const inv = tmInvoice();
    const csv = exportInvoicesCsv([{ doc: inv, totals: computeInvoiceTotals(inv), state: 'issued' }]);
    const [head, row] = csv.trimEnd().split('\r\n');
    expect(head).toBe('number,type,issue_date,due_date,buyer,buyer_vat_id,currency,net,vat,total,payable,state');
    const t = computeInvoiceTotals(inv);
    expect(row).toBe(`INV-2026-00001,invoice,2026-11-25,2026-12-25,Gemeente Voorbeeld & Zonen,NL987654321B01,EUR,${(t.taxExclusiveMinor / 100).toFixed(2)},${(t.taxMinor / 100).toFixed(2)},${(t.taxInclusiveMinor / 100).toFixed(2)},${(t.payableMinor / 100).toFixed(2)},issued`);
    const lines = exportInvoiceLinesCsv(inv).trimEnd().split('\r\n');
    expect(lines).toHaveLength(inv.lines.length + 1);
    expect(lines[1]).toContain('time:te-ann-0 time:te-ann-1');
  });
});

describe('xml escaping', () => {
  it('escapes markup characters and drops characters XML forbids', async () => {
    const { escapeXml } = await import('./xml-writer.js');
    expect(escapeXml(`a&b<c>"d"'e'`)).toBe('a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;');
    expect(escapeXml('tab\there\u0001\u0007 ok\n')).toBe('tab\there ok\n');
    expect(escapeXml('plain 123.45')).toBe('plain 123.45');
    expect(escapeXml('emoji 😀 & more')).toBe('emoji 😀 &amp; more');
  });
});
