/** Period labels and per-period rows of the optimiser page (pure, unit-tested). */
import { parseMoney } from './strategy-api';

/** `count` labels from the month `first` ('YYYY-MM'): months '2027-01'.. or quarters '2027-Q1'.. (the quarter of `first` onwards). */
export function periodLabels(first: string, count: number, perYear: 4 | 12): string[] {
  const m = /^(\d{4})-(\d{2})$/.exec(first);
  if (!m) return [];
  let year = Number(m[1]);
  let index = perYear === 12 ? Number(m[2]) - 1 : Math.floor((Number(m[2]) - 1) / 3);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(perYear === 12 ? `${year}-${String(index + 1).padStart(2, '0')}` : `${year}-Q${index + 1}`);
    index++;
    if (index === perYear) {
      index = 0;
      year++;
    }
  }
  return out;
}

/** Resizes a row of typed values to `n` cells, keeping what was typed. */
export function resizeRow(row: string[], n: number): string[] {
  return Array.from({ length: n }, (_, i) => row[i] ?? '');
}

/**
 * A typed row as API values: null when every cell is empty (no limit of that kind), else one value per period;
 * `error` names the first cell that is empty or not a number.
 */
export function parseRow(row: string[], labels: string[], kind: 'money' | 'amount'): { values: number[] | null; error: string | null } {
  if (row.every((c) => c.trim() === '')) return { values: null, error: null };
  const values: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    const c = (row[i] ?? '').trim();
    const v = kind === 'money' ? parseMoney(c) : c === '' ? null : Number(c);
    if (v === null || !Number.isFinite(v) || v < 0) return { values: null, error: `${labels[i]}: ${c === '' ? 'empty (fill every period or leave the row empty)' : `"${c}" is not a non-negative number`}` };
    values.push(v);
  }
  return { values, error: null };
}

/**
 * The role limits of the settings: a role that uses available capacity (`available[role]` = a resources role id)
 * goes into `availableCapacity` (the server computes its limits), every other role's typed row into `capacity` (an
 * empty row: no limit). `error` names the first row that cannot be read.
 */
export function roleLimits(roles: string[], typed: Record<string, string[]>, available: Record<string, string>, labels: string[]): { capacity: Record<string, number[]>; availableCapacity: Record<string, string>; error: string | null } {
  const capacity: Record<string, number[]> = {};
  const availableCapacity: Record<string, string> = {};
  for (const r of roles) {
    if (available[r]) {
      availableCapacity[r] = available[r];
      continue;
    }
    const p = parseRow(resizeRow(typed[r] ?? [], labels.length), labels, 'amount');
    if (p.error) return { capacity: {}, availableCapacity: {}, error: `Capacity of ${r} ${p.error}` };
    if (p.values) capacity[r] = p.values;
  }
  return { capacity, availableCapacity, error: null };
}
