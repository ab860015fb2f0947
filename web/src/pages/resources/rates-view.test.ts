import { describe, expect, it } from 'vitest';
import { parseAmountMinor, ratesInEffect, type RateLike } from './rates-view';

describe('rate helpers', () => {
  it.each<[string, number | null]>([
    ['125', 12500],
    ['125.5', 12550],
    [' 125.05 ', 12505],
    ['1,250.00', 125000],
    ['0', 0],
    ['-5', null],
    ['12.345', null],
    ['abc', null],
    ['', null],
  ])('parseAmountMinor(%j) = %s', (text, cents) => expect(parseAmountMinor(text)).toBe(cents));

  const rate = (id: string, kind: 'cost' | 'bill', effectiveFrom: string, effectiveTo: string | null = null, projectId: string | null = null): RateLike => ({ id, kind, projectId, effectiveFrom, effectiveTo });
  const rates = [
    rate('c2026', 'cost', '2026-01-01'),
    rate('c2027', 'cost', '2027-01-01'),
    rate('b2026', 'bill', '2026-01-01', '2026-06-30'),
    rate('bCrm', 'bill', '2026-03-01', null, 'crm'),
  ];
  it.each<[string, string[]]>([
    ['2025-12-31', []],
    ['2026-01-01', ['b2026', 'c2026']],
    ['2026-06-30', ['b2026', 'bCrm', 'c2026']],
    ['2026-07-01', ['bCrm', 'c2026']],
    ['2027-02-01', ['bCrm', 'c2027']],
  ])('in effect on %s', (day, ids) => expect([...ratesInEffect(rates, day)].sort()).toEqual(ids));
});
