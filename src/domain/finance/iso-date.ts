import { FinanceError } from './finance-error.js';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Throws FINANCE_INVALID_DATE unless `date` is a real calendar date `YYYY-MM-DD`. */
export function assertIsoDate(name: string, date: string): void {
  const m = typeof date === 'string' ? ISO.exec(date) : null;
  if (!m) throw new FinanceError('FINANCE_INVALID_DATE', `${name} must be YYYY-MM-DD, got "${String(date)}"`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) {
    throw new FinanceError('FINANCE_INVALID_DATE', `${name} "${date}" is not a calendar date`);
  }
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** Days since 1970-01-01 for an ISO date (proleptic Gregorian; Howard Hinnant's days_from_civil). */
export function toEpochDay(date: string): number {
  assertIsoDate('date', date);
  let y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** ISO weekday of a date: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: string): number {
  const wd = (toEpochDay(date) + 3) % 7; // 1970-01-01 was a Thursday
  return (wd < 0 ? wd + 7 : wd) + 1;
}

/** The month `YYYY-MM` of an ISO date. */
export function monthOf(date: string): string {
  assertIsoDate('date', date);
  return date.slice(0, 7);
}

/** Throws FINANCE_INVALID_MONTH unless `month` is `YYYY-MM`. */
export function assertIsoMonth(name: string, month: string): void {
  if (typeof month !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
    throw new FinanceError('FINANCE_INVALID_MONTH', `${name} must be YYYY-MM, got "${String(month)}"`);
  }
}
