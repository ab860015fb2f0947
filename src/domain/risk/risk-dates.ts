import { RiskValidationError } from './risk-error.js';

const MS_PER_DAY = 86_400_000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Converts 'YYYY-MM-DD' (or a full ISO timestamp, taken as its UTC day) to days since 1970-01-01.
 * Throws RiskValidationError RISK_INVALID_DATE for anything else.
 */
export function toEpochDay(value: string, path = 'date'): number {
  if (typeof value === 'string') {
    const m = DATE_ONLY.exec(value);
    if (m) {
      const y = Number(m[1]);
      const mo = Number(m[2]);
      const d = Number(m[3]);
      const ms = Date.UTC(y, mo - 1, d);
      const back = new Date(ms);
      if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) return ms / MS_PER_DAY;
    } else if (/^\d{4}-\d{2}-\d{2}T/.test(value)) {
      const ms = Date.parse(value);
      if (Number.isFinite(ms)) return Math.floor(ms / MS_PER_DAY);
    }
  }
  throw new RiskValidationError('RISK_INVALID_DATE', `expected an ISO date (YYYY-MM-DD), got ${JSON.stringify(value)}`, path);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return toEpochDay(to, 'to') - toEpochDay(from, 'from');
}
