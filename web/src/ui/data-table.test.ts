import { describe, expect, it } from 'vitest';
import { sortRows } from './data-table';

describe('sortRows', () => {
  const rows = [{ n: 'b10', v: 3 }, { n: 'b2', v: null }, { n: 'a', v: 1 }, { n: 'B1', v: 3 }];
  it('sorts naturally and case-insensitively', () => {
    expect(sortRows(rows, (r) => r.n, 'asc').map((r) => r.n)).toEqual(['a', 'B1', 'b2', 'b10']);
  });
  it('puts nulls last in both directions and is stable for ties', () => {
    expect(sortRows(rows, (r) => r.v, 'asc').map((r) => r.n)).toEqual(['a', 'b10', 'B1', 'b2']);
    expect(sortRows(rows, (r) => r.v, 'desc').map((r) => r.n)).toEqual(['b10', 'B1', 'a', 'b2']);
  });
});
