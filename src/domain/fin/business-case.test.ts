import { describe, expect, it } from 'vitest';
import { evaluateBusinessCase, evaluateCase, type BusinessCase } from './index.js';

const annualCase: BusinessCase = {
  periodsPerYear: 1,
  annualDiscountRate: 0.1,
  costs: [
    { kind: 'capex', amountsCents: [100_000_00] },
    { kind: 'opex', amountsCents: [0, 10_000_00, 10_000_00, 10_000_00] },
  ],
  benefits: [
    { category: 'revenue', amountsCents: [0, 50_000_00, 50_000_00, 50_000_00], probability: 0.8 },
    { category: 'savings', amountsCents: [0, 10_000_00, 10_000_00, 10_000_00], probability: 1 },
  ],
};

describe('evaluateBusinessCase', () => {
  it('likely case weights benefits by probability and discounts period i by i periods', () => {
    const likely = evaluateCase(annualCase, { costFactor: 1, benefitFactor: 1, weightByProbability: true });
    // Net per year: -100000, then 40000 + 10000 - 10000 = 40000 for three years (in currency units).
    expect(likely.netFlowCents).toEqual([-100_000_00, 40_000_00, 40_000_00, 40_000_00]);
    const pv = 40_000_00 / 1.1 + 40_000_00 / 1.21 + 40_000_00 / 1.331;
    expect(likely.npvCents).toBe(Math.round(pv - 100_000_00));
    expect(likely.totalCostCents).toBe(130_000_00);
    expect(likely.totalBenefitCents).toBe(150_000_00);
    expect(likely.roi).toBeCloseTo(20 / 130, 12);
    expect(likely.payback).toEqual({ paidBack: true, periods: 2.5 });
    expect(likely.paybackYears).toBe(2.5);
    expect(likely.irr.status).toBe('ok');
    if (likely.irr.status === 'ok') expect(likely.irr.rate).toBeCloseTo(0.097010, 5);
    expect(likely.discountedPayback).toEqual({ paidBack: false });
    expect(Number.isInteger(likely.npvCents) && Number.isInteger(likely.pvCostCents)).toBe(true);
  });

  it('orders best >= likely >= worst and reports undefined IRR when no flow is negative', () => {
    const r = evaluateBusinessCase(annualCase);
    expect(r.best.npvCents).toBeGreaterThan(r.likely.npvCents);
    expect(r.likely.npvCents).toBeGreaterThan(r.worst.npvCents);
    const free = evaluateCase({ ...annualCase, costs: [] }, { costFactor: 1, benefitFactor: 1, weightByProbability: true });
    expect(free.irr).toMatchObject({ status: 'undefined', reason: 'no-sign-change' });
    expect(free.roi).toBeNull();
    expect(free.benefitCostRatio).toBeNull();
  });

  it('annualises a monthly IRR', () => {
    const monthly: BusinessCase = {
      periodsPerYear: 12,
      annualDiscountRate: 0.12,
      costs: [{ kind: 'capex', amountsCents: [1_000_00] }],
      benefits: [{ category: 'x', amountsCents: [0, 1_010_00], probability: 1 }],
    };
    const e = evaluateCase(monthly, { costFactor: 1, benefitFactor: 1, weightByProbability: true });
    expect(e.annualIrr).toBeCloseTo(Math.pow(1.01, 12) - 1, 9);
  });

  it.each([
    { patch: { periodsPerYear: 0 }, msg: /periodsPerYear/ },
    { patch: { annualDiscountRate: -1 }, msg: /annualDiscountRate/ },
    { patch: { costs: [{ kind: 'capex', amountsCents: [1.5] }] }, msg: /integer number of cents/ },
    { patch: { costs: [{ kind: 'other', amountsCents: [1] }] }, msg: /capex or opex/ },
    { patch: { benefits: [{ category: 'x', amountsCents: [1], probability: 1.2 }] }, msg: /probability/ },
  ])('rejects bad input: $msg', ({ patch, msg }) => {
    expect(() => evaluateBusinessCase({ ...annualCase, ...patch } as BusinessCase)).toThrow(msg);
  });
});
