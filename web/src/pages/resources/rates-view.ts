/**
 * Pure helpers for a person's cost and bill rates on the resource pages. The rates themselves belong to the
 * finance module (`/rates`); these only read an amount typed by a user and tell which rate applies on a day the
 * way finance's `resolveRate` does for rates of the same scope (the latest start on or before the day wins).
 */

export interface RateLike {
  id: string;
  kind: 'cost' | 'bill';
  projectId: string | null;
  effectiveFrom: string;
  effectiveTo: string | null;
}

/** "125", "125.5", "125.50" or "1,250.00" per hour -> integer cents; null for anything else (negative, 3 decimals, text). */
export function parseAmountMinor(text: string): number | null {
  const t = text.trim().replace(/,/g, '');
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Ids of the rates in effect on `day` (YYYY-MM-DD): per kind and project scope, the latest start on or before it. */
export function ratesInEffect(rates: readonly RateLike[], day: string): Set<string> {
  const best = new Map<string, RateLike>();
  for (const r of rates) {
    if (r.effectiveFrom > day || (r.effectiveTo !== null && r.effectiveTo < day)) continue;
    const key = `${r.kind}|${r.projectId ?? ''}`;
    const cur = best.get(key);
    if (!cur || r.effectiveFrom > cur.effectiveFrom) best.set(key, r);
  }
  return new Set([...best.values()].map((r) => r.id));
}
