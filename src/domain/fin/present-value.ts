import { FinError } from './fin-errors.js';

/** Throws FinError unless every flow is a finite number and there is at least one. */
export function assertFlows(flows: readonly number[]): void {
  if (!Array.isArray(flows) || flows.length === 0) throw new FinError('INVALID_FLOWS', 'cash flows must be a non-empty array');
  flows.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new FinError('INVALID_FLOWS', `cash flow ${i} is not a finite number (${String(v)})`);
  });
}

function assertRate(rate: number): void {
  if (typeof rate !== 'number' || !Number.isFinite(rate)) throw new FinError('INVALID_RATE', `rate must be a finite number, got ${String(rate)}`);
  if (rate <= -1) throw new FinError('INVALID_RATE', `rate must be greater than -1 (got ${rate}); the discount factor is undefined`);
}

/**
 * Spreadsheet NPV: sum of flows[i] / (1 + rate)^(i + 1): the FIRST flow is discounted one period,
 * exactly like Excel/LibreOffice NPV(rate; values). Add a time-0 flow outside the call.
 */
export function npv(rate: number, flows: readonly number[]): number {
  assertRate(rate);
  assertFlows(flows);
  let sum = 0;
  let factor = 1;
  for (const v of flows) {
    factor /= 1 + rate;
    sum += v * factor;
  }
  return sum;
}

/** NPV with the first flow at time 0 (undiscounted): flows[0] + npv(rate, flows[1..]). */
export function npvFromTimeZero(rate: number, flows: readonly number[]): number {
  assertRate(rate);
  assertFlows(flows);
  return flows.length === 1 ? flows[0]! : flows[0]! + npv(rate, flows.slice(1));
}

/** Days from 1970-01-01 of an ISO calendar date `YYYY-MM-DD` (pure; no time zone involved). */
export function isoDateToDayNumber(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new FinError('INVALID_DATES', `date "${iso}" is not YYYY-MM-DD`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new FinError('INVALID_DATES', `date "${iso}" does not exist`);
  }
  return Math.round(ms / 86_400_000);
}

/** Year fractions (days since the first date / 365) of dated flows; validates like spreadsheet XNPV. */
export function yearFractions(flows: readonly number[], dayNumbers: readonly number[]): number[] {
  assertFlows(flows);
  if (dayNumbers.length !== flows.length) throw new FinError('INVALID_DATES', `got ${flows.length} flows but ${dayNumbers.length} dates`);
  const d0 = dayNumbers[0]!;
  return dayNumbers.map((d, i) => {
    if (typeof d !== 'number' || !Number.isFinite(d)) throw new FinError('INVALID_DATES', `date ${i} is not a finite day number`);
    if (d < d0) throw new FinError('INVALID_DATES', `date ${i} precedes the first date (spreadsheets return #NUM!)`);
    return (d - d0) / 365;
  });
}

/**
 * Spreadsheet XNPV: sum of flows[i] / (1 + rate)^((day_i - day_0) / 365). Dates are day numbers
 * (see isoDateToDayNumber); the first date is the valuation date and may not be preceded.
 */
export function xnpv(rate: number, flows: readonly number[], dayNumbers: readonly number[]): number {
  assertRate(rate);
  const t = yearFractions(flows, dayNumbers);
  let sum = 0;
  for (let i = 0; i < flows.length; i++) sum += flows[i]! / Math.pow(1 + rate, t[i]!);
  return sum;
}
