import { describe, expect, it } from 'vitest';
import { resampleIndex, resampleProfile } from '../index.js';

describe('resampleProfile', () => {
  it.each<[string, number[], number, number, boolean, number[]]>([
    ['same grain', [5, 7], 12, 12, true, [5, 7]],
    ['yearly to quarterly, exact', [400, 800], 1, 4, true, [100, 100, 100, 100, 200, 200, 200, 200]],
    ['yearly to monthly keeps the total in cents', [100], 1, 12, true, [9, 9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 8]],
    ['monthly to quarterly sums, a short last quarter', [1, 2, 3, 4, 5], 12, 4, true, [6, 9]],
    ['monthly to yearly', Array.from({ length: 13 }, () => 10), 12, 1, true, [120, 10]],
    ['person-days split as fractions', [3], 4, 12, false, [1, 1, 1]],
    ['empty', [], 1, 12, true, []],
  ])('%s', (_n, xs, from, to, integer, out) => {
    const r = resampleProfile(xs, from, to, integer);
    expect(r).toEqual(out);
    expect(r.reduce((a, b) => a + b, 0)).toBeCloseTo(xs.reduce((a, b) => a + b, 0), 9);
  });
  it('refuses other grains', () => expect(() => resampleProfile([1], 2, 12)).toThrow(/1, 4 or 12/));
});

describe('resampleIndex', () => {
  it.each([
    [2, 1, 12, 24],
    [1, 4, 12, 3],
    [5, 12, 4, 1],
    [11, 12, 1, 0],
    [3, 4, 4, 3],
  ])('period %i at %i a year starts at %i a year in period %i', (i, from, to, out) => expect(resampleIndex(i, from, to)).toBe(out));
});
