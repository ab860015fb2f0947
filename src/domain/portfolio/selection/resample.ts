import { PortfolioError } from '../portfolio-errors.js';

const GRAINS = [1, 4, 12];

function ratio(from: number, to: number): number {
  if (!GRAINS.includes(from) || !GRAINS.includes(to)) throw new PortfolioError('INVALID_MODEL', `periods per year must be 1, 4 or 12 (got ${from} and ${to})`);
  return to >= from ? to / from : from / to;
}

/**
 * A profile per period at `from` periods a year re-expressed at `to` (1, 4 or 12): a finer grain splits each
 * amount evenly (integer cents: the remainder goes to the first parts, so totals are kept exactly), a coarser one
 * sums groups. Amounts are quantities per period (money, person-days), not rates.
 */
export function resampleProfile(amounts: number[], from: number, to: number, integer = true): number[] {
  const k = ratio(from, to);
  if (k === 1) return [...amounts];
  if (to > from) {
    const out: number[] = [];
    for (const a of amounts) {
      if (integer) {
        const base = Math.floor(a / k);
        let rest = a - base * k;
        for (let i = 0; i < k; i++) out.push(base + (rest-- > 0 ? 1 : 0));
      } else for (let i = 0; i < k; i++) out.push(a / k);
    }
    return out;
  }
  const out = new Array<number>(Math.ceil(amounts.length / k)).fill(0);
  amounts.forEach((a, i) => (out[Math.floor(i / k)]! += a));
  return out;
}

/** The period index at `to` periods a year where period `index` at `from` starts. */
export function resampleIndex(index: number, from: number, to: number): number {
  const k = ratio(from, to);
  return to >= from ? index * k : Math.floor(index / k);
}
