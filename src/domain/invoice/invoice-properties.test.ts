import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divideRounded, spreadOverMonths, computeForecast } from '../finance/index.js';
import { computeEvmMetrics } from '../evm/index.js';
import { buildFullCreditNote, computeInvoiceTotals, computeVatMinor, type InvoiceLine, type VatRef } from './index.js';
import { tmInvoice } from '../../../test/fixtures/finance/invoice-fixtures.js';

const vatArb: fc.Arbitrary<VatRef> = fc.oneof(
  fc.constantFrom('21', '19', '9', '5.5', '7.7', '25').map((r) => ({ category: 'S' as const, ratePercent: r })),
  fc.constant({ category: 'Z' as const, ratePercent: '0' }),
  fc.constant({ category: 'E' as const, ratePercent: '0' }),
);

const linesArb = fc.array(fc.record({ net: fc.integer({ min: -1_000_000, max: 100_000_000 }), vat: vatArb }), { minLength: 1, maxLength: 40 })
  .map((ls) => ls.map((l, i): InvoiceLine => ({
    lineId: String(i + 1), itemName: `Item ${i + 1}`, quantity: '1', unitCode: 'C62', unitPriceMinor: Math.abs(l.net),
    netAmountMinor: l.net, vat: l.vat, sources: [{ kind: 'manual', id: `m${i}` }],
  })));

describe('invoice totals properties (EN 16931 BR-CO rules)', () => {
  it('totals are sums of rounded parts and each category VAT is within half a cent of exact', () => {
    fc.assert(fc.property(linesArb, fc.integer({ min: 0, max: 1_000_000 }), (lines, prepaid) => {
      const doc = { ...tmInvoice(), lines, prepaidMinor: prepaid, vatExemptionReasons: { E: 'exempt' } };
      const t = computeInvoiceTotals(doc);
      expect(t.lineNetMinor).toBe(lines.reduce((s, l) => s + l.netAmountMinor, 0));
      expect(t.vatBreakdown.reduce((s, v) => s + v.taxableMinor, 0)).toBe(t.taxExclusiveMinor);
      expect(t.vatBreakdown.reduce((s, v) => s + v.taxMinor, 0)).toBe(t.taxMinor);
      expect(t.taxInclusiveMinor).toBe(t.taxExclusiveMinor + t.taxMinor);
      expect(t.payableMinor).toBe(t.taxInclusiveMinor - prepaid);
      for (const v of t.vatBreakdown) {
        expect(Math.abs(v.taxMinor - (v.taxableMinor * Number(v.ratePercent)) / 100)).toBeLessThanOrEqual(0.5 + 1e-6);
      }
      // A full credit note carries the same amounts.
      const cn = buildFullCreditNote({ ...doc, prepaidMinor: 0 }, { number: 'CN-2026-00001', issueDate: '2026-12-31', reason: 'test' });
      expect(computeInvoiceTotals(cn).taxInclusiveMinor).toBe(t.taxInclusiveMinor);
    }), { numRuns: 300 });
  });

  it('VAT rounding is symmetric: vat(-x) = -vat(x)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e12 }), fc.constantFrom('21', '5.5', '7.7', '0'), (x, r) => {
      expect(computeVatMinor(-x, r)).toBe(-computeVatMinor(x, r) || 0);
    }));
  });
});

describe('money and EVM properties', () => {
  it('divideRounded is within half a unit of the exact quotient, for both modes', () => {
    fc.assert(fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 10n ** 6n }), fc.constantFrom('half-up' as const, 'half-even' as const), (n, d, mode) => {
      const q = divideRounded(n, d, mode);
      const twiceDiff = 2n * (n - q * d);
      expect(twiceDiff <= d && twiceDiff >= -d).toBe(true);
    }));
  });
  it('spreadOverMonths always sums to the total', () => {
    fc.assert(fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 36 }), (total, weights) => {
      const parts = spreadOverMonths(total, weights.map((w, i) => ({ month: `m${i}`, weight: w })));
      expect(parts.reduce((s, p) => s + p.amountMinor, 0)).toBe(total);
    }));
  });
  it('EVM metrics are never Infinity or NaN, and the CPI forecast agrees with BAC/CPI', () => {
    const amount = fc.integer({ min: 0, max: 1e9 });
    fc.assert(fc.property(amount, amount, amount, amount, (bac, pv, ev, ac) => {
      const m = computeEvmMetrics({ bac, pv, ev, ac });
      for (const v of Object.values(m)) expect(v === null || Number.isFinite(v)).toBe(true);
      const exact = computeEvmMetrics({ bac, pv, ev: Math.min(ev, bac), ac }).eacCpi;
      let f: ReturnType<typeof computeForecast>;
      try {
        f = computeForecast({ method: 'cpi', bacMinor: bac, evMinor: Math.min(ev, bac), acMinor: ac });
      } catch (err) {
        // An absurd forecast (EV of a cent against millions spent) is a typed overflow, never a wrong number.
        expect(err).toMatchObject({ code: 'FINANCE_OVERFLOW' });
        expect(exact as number).toBeGreaterThan(Number.MAX_SAFE_INTEGER / 2);
        return;
      }
      if (f.eacMinor === null) expect(Math.min(ev, bac) === 0 || ac === 0).toBe(true);
      else expect(Math.abs(f.eacMinor - (exact as number))).toBeLessThanOrEqual(0.5 + 1e-6 * Math.abs(exact as number));
    }));
  });
});
