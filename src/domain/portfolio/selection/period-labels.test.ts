import { describe, expect, it } from 'vitest';
import { monthSpanOfLabels, monthsOfPeriodLabel, monthText, periodLabelsFrom, sumMonthsIntoPeriods } from '../index.js';

describe('period labels as calendar months', () => {
  it.each([
    ['2027-03', { first: 2027 * 12 + 2, count: 1 }],
    ['2027-Q1', { first: 2027 * 12, count: 3 }],
    ['2027-Q4', { first: 2027 * 12 + 9, count: 3 }],
    ['2027', { first: 2027 * 12, count: 12 }],
    ['2027-13', null],
    ['2027-Q5', null],
    ['total', null],
  ])('%s', (label, months) => {
    expect(monthsOfPeriodLabel(label)).toEqual(months);
  });

  it('spans the labels and names the first one it cannot read', () => {
    expect(monthSpanOfLabels(['2027-Q4', '2028-Q1'])).toEqual({ first: 2027 * 12 + 9, count: 6 });
    expect(monthSpanOfLabels(['2027-01', 'total'])).toEqual({ invalid: 'total' });
    expect(monthText(2027 * 12 + 11)).toBe('2027-12');
  });

  it('sums monthly values into quarters and leaves months outside the data at zero', () => {
    const first = 2027 * 12 + 9; // October 2027
    expect(sumMonthsIntoPeriods(['2027-Q4', '2028-Q1'], first, [1, 2, 3, 4, 5, 6])).toEqual([6, 15]);
    expect(sumMonthsIntoPeriods(['2027-11', '2028-04'], first, [1, 2, 3, 4, 5, 6])).toEqual([2, 0]);
  });
});

describe('periodLabelsFrom', () => {
  it.each([
    ['2027-11', 3, 12, ['2027-11', '2027-12', '2028-01']],
    ['2027-11', 3, 4, ['2027-Q4', '2028-Q1', '2028-Q2']],
    ['2027-05', 2, 1, ['2027', '2028']],
  ] as const)('%s x %i (%i a year)', (first, n, perYear, labels) => {
    expect(periodLabelsFrom(first, n, perYear)).toEqual(labels);
  });

  it('refuses a start that is not a month', () => {
    expect(periodLabelsFrom('2027-13', 2, 12)).toBeNull();
  });
});
