import { describe, expect, it } from 'vitest';
import {
  FinError,
  npv,
  npvFromTimeZero,
  xnpv,
  irr,
  xirr,
  isoDateToDayNumber,
  paybackPeriod,
  discountedPaybackPeriod,
  returnOnInvestment,
  benefitCostRatio,
  countSignChanges,
} from './index.js';

const days = (isos: string[]): number[] => isos.map(isoDateToDayNumber);
// Excel XNPV / XIRR documentation example.
const xFlows = [-10000, 2750, 4250, 3250, 2750];
const xDates = days(['2008-01-01', '2008-03-01', '2008-10-30', '2009-02-15', '2009-04-01']);

describe('npv (spreadsheet semantics: first flow discounted one period)', () => {
  it.each([
    // Excel NPV docs, example 1: =NPV(10%, -10000, 3000, 4200, 6800) = 1188.44
    { rate: 0.1, flows: [-10000, 3000, 4200, 6800], expected: 1188.443412 },
    // Excel NPV docs, example 2 without the time-0 flow: NPV(8%, 8000..14500)
    { rate: 0.08, flows: [8000, 9200, 10000, 12000, 14500], expected: 41922.061555 },
    { rate: 0, flows: [1, 2, 3], expected: 6 },
    { rate: 0.05, flows: [0, 0, 0], expected: 0 },
    // Very negative rate: factor 1/(1-0.9) = 10 per period.
    { rate: -0.9, flows: [1, 1], expected: 110 },
  ])('NPV($rate, $flows) = $expected', ({ rate, flows, expected }) => {
    expect(npv(rate, flows)).toBeCloseTo(expected, 5);
  });

  it('matches Excel example 2 with the initial investment added outside: 1922.06 and -3749.47', () => {
    expect(npv(0.08, [8000, 9200, 10000, 12000, 14500]) - 40000).toBeCloseTo(1922.061555, 5);
    // Published to the cent: -3,749.47.
    expect(npv(0.08, [8000, 9200, 10000, 12000, 14500, -9000]) - 40000).toBeCloseTo(-3749.47, 2);
    expect(npvFromTimeZero(0.08, [-40000, 8000, 9200, 10000, 12000, 14500])).toBeCloseTo(1922.061555, 5);
  });

  it.each([
    { rate: -1, flows: [1], code: 'INVALID_RATE' },
    { rate: -2, flows: [1], code: 'INVALID_RATE' },
    { rate: Number.NaN, flows: [1], code: 'INVALID_RATE' },
    { rate: 0.1, flows: [], code: 'INVALID_FLOWS' },
    { rate: 0.1, flows: [1, Number.POSITIVE_INFINITY], code: 'INVALID_FLOWS' },
  ])('rejects rate $rate with flows $flows ($code)', ({ rate, flows, code }) => {
    expect(() => npv(rate, flows)).toThrow(FinError);
    try {
      npv(rate, flows);
    } catch (e) {
      expect((e as FinError).code).toBe(code);
    }
  });
});

describe('xnpv', () => {
  it('matches the Excel documentation example (2086.65)', () => {
    expect(xnpv(0.09, xFlows, xDates)).toBeCloseTo(2086.647602, 5);
  });
  it('is the plain sum at rate 0 and the first flow is never discounted', () => {
    expect(xnpv(0, xFlows, xDates)).toBeCloseTo(3000, 9);
    expect(xnpv(0.5, [100], days(['2020-02-29']))).toBe(100);
  });
  it.each([
    { dates: ['2008-01-01', '2007-12-31'], code: 'INVALID_DATES', why: 'a date precedes the first' },
    { dates: ['2008-01-01'], code: 'INVALID_DATES', why: 'length mismatch' },
  ])('rejects $why', ({ dates, code }) => {
    expect(() => xnpv(0.1, [-1, 2], days(dates))).toThrow(expect.objectContaining({ code }));
  });
  it('rejects impossible calendar dates', () => {
    expect(() => isoDateToDayNumber('2009-02-29')).toThrow(expect.objectContaining({ code: 'INVALID_DATES' }));
    expect(isoDateToDayNumber('1970-01-02')).toBe(1);
  });
});

describe('irr', () => {
  it.each([
    // Excel IRR docs: -70000 then 12000, 15000, 18000, 21000 (-> -2.1 %) and 26000 (-> 8.7 %).
    { flows: [-70000, 12000, 15000, 18000, 21000], guess: 0.1, expected: -0.021244848 },
    { flows: [-70000, 12000, 15000, 18000, 21000, 26000], guess: 0.1, expected: 0.086630948 },
    { flows: [-70000, 12000, 15000], guess: -0.1, expected: -0.443506941 },
    // LibreOffice IRR help: -10000, 3500, 7600, 1000 -> 11.33 % (published to 2 decimals; the NPV check below pins it)
    { flows: [-10000, 3500, 7600, 1000], guess: 0.1, expected: 0.113321028 },
    // Very negative rate: -100 then 1 -> -99 %.
    { flows: [-100, 1], guess: 0.1, expected: -0.99 },
    // Very high rate: -1 then 1000 -> 99900 %.
    { flows: [-1, 1000], guess: 0.1, expected: 999 },
    // Leading and trailing zero flows.
    { flows: [0, -100, 0, 121, 0], guess: 0.1, expected: 0.1 },
  ])('IRR($flows) = $expected', ({ flows, guess, expected }) => {
    const r = irr(flows, { guess });
    expect(r.status).toBe('ok');
    if (r.status === 'ok') {
      expect(r.rate).toBeCloseTo(expected, 7);
      expect(npvFromTimeZero(r.rate, flows)).toBeCloseTo(0, 4);
    }
  });

  it.each([
    { flows: [100, 200, 300], why: 'all positive' },
    { flows: [-100, -200], why: 'all negative' },
    { flows: [0, 0, 0], why: 'all zero' },
  ])('is undefined (no sign change) when flows are $why', ({ flows }) => {
    const r = irr(flows);
    expect(r).toMatchObject({ status: 'undefined', reason: 'no-sign-change', signChanges: 0 });
  });

  it('reports both roots for -100, 230, -132 (10 % and 20 %) and picks the one nearest the guess', () => {
    const r = irr([-100, 230, -132]);
    expect(r.status).toBe('ok');
    if (r.status !== 'ok') return;
    expect(r.multipleRoots).toBe(true);
    expect(r.signChanges).toBe(2);
    expect(r.roots).toHaveLength(2);
    expect(r.roots[0]).toBeCloseTo(0.1, 9);
    expect(r.roots[1]).toBeCloseTo(0.2, 9);
    expect(r.rate).toBeCloseTo(0.1, 9);
    const high = irr([-100, 230, -132], { guess: 0.25 });
    expect(high.status === 'ok' && high.rate).toBeCloseTo(0.2, 9);
  });

  it('reports no root when sign changes exist but NPV never crosses zero', () => {
    // -1 + 1x - 1x^2 has 2 sign changes but no real root (discriminant < 0).
    expect(irr([-1, 1, -1])).toMatchObject({ status: 'undefined', reason: 'no-root-found', signChanges: 2 });
  });

  it('counts sign changes ignoring zeros (Descartes bound)', () => {
    expect(countSignChanges([-1, 0, 2, 0, -3, 4])).toBe(3);
    expect(countSignChanges([0, 0])).toBe(0);
  });
});

describe('xirr', () => {
  it('matches the Excel documentation example (37.34 %)', () => {
    const r = xirr(xFlows, xDates);
    expect(r.status).toBe('ok');
    if (r.status === 'ok') {
      expect(r.rate).toBeCloseTo(0.373362535, 7);
      expect(xnpv(r.rate, xFlows, xDates)).toBeCloseTo(0, 4);
    }
  });
  it('is undefined without a sign change', () => {
    expect(xirr([10, 20], days(['2020-01-01', '2021-01-01']))).toMatchObject({ status: 'undefined', reason: 'no-sign-change' });
  });
  it('reports multiple roots on dated flows too', () => {
    const r = xirr([-100, 230, -132], days(['2021-01-01', '2022-01-01', '2023-01-01']));
    expect(r.status === 'ok' && r.roots.length).toBe(2);
  });
});

describe('payback, ROI, benefit-cost ratio', () => {
  it.each([
    { flows: [-100, 30, 40, 50], expected: { paidBack: true, periods: 2.6 } },
    { flows: [-100, 50, 50], expected: { paidBack: true, periods: 2 } },
    { flows: [0, -100, 200], expected: { paidBack: true, periods: 1.5 } },
    { flows: [10, 20], expected: { paidBack: true, periods: 0 } },
    { flows: [-100, 50, 40], expected: { paidBack: false } },
    // Dips below zero again: the last crossing counts.
    { flows: [-100, 200, -300, 400], expected: { paidBack: true, periods: 2.5 } },
  ])('simple payback of $flows', ({ flows, expected }) => {
    const r = paybackPeriod(flows);
    expect(r.paidBack).toBe(expected.paidBack);
    if (r.paidBack && expected.paidBack) expect(r.periods).toBeCloseTo(expected.periods!, 9);
  });

  it('discounted payback is later than simple payback and equals it at rate 0', () => {
    const flows = [-1000, 300, 400, 500, 200];
    const d = discountedPaybackPeriod(0.1, flows);
    const s = paybackPeriod(flows);
    expect(discountedPaybackPeriod(0, flows)).toEqual(s);
    // Discounted: -1000, 272.73, 330.58, 375.66 -> cumulative -20.99 after 3, +136.6 in 4 -> 3 + 21.04/136.60
    expect(d.paidBack && d.periods).toBeCloseTo(3 + (1000 - 300 / 1.1 - 400 / 1.21 - 500 / 1.331) / (200 / 1.4641), 9);
    expect(discountedPaybackPeriod(0.5, [-100, 60, 60])).toEqual({ paidBack: false });
  });

  it.each([
    { b: 150, c: 100, roi: 0.5 },
    { b: 0, c: 100, roi: -1 },
    { b: 10, c: 0, roi: null },
  ])('ROI($b, $c) = $roi', ({ b, c, roi }) => {
    expect(returnOnInvestment(b, c)).toBe(roi);
  });

  it('benefit-cost ratio divides present values and is undefined at zero cost', () => {
    expect(benefitCostRatio(120, 100)).toBeCloseTo(1.2, 12);
    expect(benefitCostRatio(120, 0)).toBeNull();
    expect(() => benefitCostRatio(-1, 5)).toThrow(FinError);
  });
});
