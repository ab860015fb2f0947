import { describe, expect, it } from 'vitest';
import { caseBody, draftFromProposal, periodHeader, resizeDraft, type CaseDraft } from './business-case-form';

const stored = {
  startDate: '2027-01-01',
  periodsPerYear: 4,
  annualDiscountRate: 0.08,
  capexCents: [20_000_000, 10_000_000],
  opexCents: [0, 0, 500_000],
  benefits: [{ category: 'savings', amountsCents: [0, 0, 9_000_000, 9_000_000], probability: 0.7 }],
  demand: { developer: [40, 20] },
};

describe('business case draft', () => {
  it('reads a stored proposal into rows of equal length, in whole units and percentages', () => {
    const d = draftFromProposal(stored);
    expect(d).toEqual({
      startDate: '2027-01-01',
      periodsPerYear: 4,
      rate: '8',
      periods: 4,
      capex: ['200000', '100000', '', ''],
      opex: ['', '', '5000', ''],
      benefits: [{ category: 'savings', probability: '70', amounts: ['', '', '90000', '90000'] }],
      demand: [{ role: 'developer', amounts: ['40', '20', '', ''] }],
    });
    expect(caseBody(d)).toEqual({ body: { ...stored, periodsPerYear: 4 }, error: null });
  });

  it('keeps one period for an empty proposal and resizes every row', () => {
    const d = draftFromProposal({ periodsPerYear: 12, annualDiscountRate: 0, capexCents: [], opexCents: [], benefits: [], demand: {} });
    expect(d.periods).toBe(1);
    expect(d.startDate).toBe('');
    expect(caseBody(d).body!.startDate).toBeNull();
    const r = resizeDraft({ ...d, demand: [{ role: 'analyst', amounts: ['3'] }] }, 3);
    expect(r.capex).toEqual(['', '', '']);
    expect(r.demand[0]!.amounts).toEqual(['3', '', '']);
    expect(resizeDraft(r, 0).periods).toBe(1);
    expect(resizeDraft(r, 1000).periods).toBe(240);
  });

  it.each<[string, (d: CaseDraft) => CaseDraft, RegExp]>([
    ['a rate that is not a number', (d) => ({ ...d, rate: 'eight' }), /discount rate must be a number/],
    ['a start that is not a date', (d) => ({ ...d, startDate: 'next spring' }), /start "next spring" is not a date/],
    ['a negative capex', (d) => ({ ...d, capex: ['-5', '', '', ''] }), /Capex, Q0: "-5" is not an amount/],
    ['a probability above 100', (d) => ({ ...d, benefits: [{ ...d.benefits[0]!, probability: '120' }] }), /Benefit line 1: the probability must be 0 to 100/],
    ['a benefit without category', (d) => ({ ...d, benefits: [{ ...d.benefits[0]!, category: ' ' }] }), /Benefit line 1 needs a category/],
    ['a role twice', (d) => ({ ...d, demand: [...d.demand, { role: 'developer', amounts: ['1', '', '', ''] }] }), /"developer" has two demand rows/],
    ['a demand that is not a number', (d) => ({ ...d, demand: [{ role: 'developer', amounts: ['', 'x', '', ''] }] }), /Demand of developer, Q1: "x"/],
  ])('refuses %s', (_n, f, msg) => expect(caseBody(f(draftFromProposal(stored))).error).toMatch(msg));

  it.each<[1 | 4 | 12, number, string]>([[1, 0, 'Y0'], [4, 3, 'Q3'], [12, 11, 'M11']])('period header (%i a year, %i) is %s', (g, i, h) => expect(periodHeader(g, i)).toBe(h));
});
