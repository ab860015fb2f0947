import type { RiskEntry } from './risk-types.js';

/** One changed field between two versions of a risk. */
export interface RiskFieldChange {
  field: keyof RiskEntry;
  from: unknown;
  to: unknown;
}

/** Stable JSON for comparison (object keys sorted, undefined and null treated alike). */
function canonical(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Lists the fields that differ between two versions of a risk (for history rows), sorted by field name. */
export function diffRiskEntries(before: RiskEntry, after: RiskEntry): RiskFieldChange[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)] as Array<keyof RiskEntry>);
  return [...keys]
    .sort()
    .filter((k) => canonical(before[k]) !== canonical(after[k]))
    .map((k) => ({ field: k, from: before[k] ?? null, to: after[k] ?? null }));
}
