/**
 * Turning an approved proposal into a project: the project's dates and its first budget from the proposal's
 * business case. Pure: calendar dates are ISO text and month arithmetic is done on integers.
 */
import { PortfolioError } from '../portfolio-errors.js';

/** A business case as the conversion needs it: amounts per period from `startDate`. */
export interface BusinessCasePlan {
  /** First day of the business case's first period (YYYY-MM-DD). */
  startDate: string;
  /** 12 monthly, 4 quarterly, 1 yearly periods. */
  periodsPerYear: number;
  capexCents: readonly number[];
  opexCents: readonly number[];
  /** Person-days (or hours) per role per period. */
  demand: Readonly<Record<string, readonly number[]>>;
}

/** One draft budget cell in the finance module's shape (month YYYY-MM, capex or opex, integer cents). */
export interface BudgetLineDraft {
  month: string;
  category: string;
  expenditure: 'capex' | 'opex';
  amountMinor: number;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(iso: string): { y: number; m: number; d: number } {
  const match = ISO.exec(iso);
  const y = Number(match?.[1]);
  const m = Number(match?.[2]);
  const d = Number(match?.[3]);
  if (!match || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) throw new PortfolioError('INVALID_MODEL', `"${iso}" is not a calendar date (YYYY-MM-DD)`);
  return { y, m, d };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Days in month m (1-12) of year y, Gregorian. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** `iso` plus `months` calendar months, the day clamped to the target month's length (Jan 31 + 1 -> Feb 28/29). */
export function addMonths(iso: string, months: number): string {
  const { y, m, d } = parseDate(iso);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  return `${pad(ty, 4)}-${pad(tm)}-${pad(Math.min(d, daysInMonth(ty, tm)))}`;
}

/** The day before `iso`. */
export function previousDay(iso: string): string {
  const { y, m, d } = parseDate(iso);
  if (d > 1) return `${pad(y, 4)}-${pad(m)}-${pad(d - 1)}`;
  const py = m === 1 ? y - 1 : y;
  const pm = m === 1 ? 12 : m - 1;
  return `${pad(py, 4)}-${pad(pm)}-${pad(daysInMonth(py, pm))}`;
}

function monthsPerPeriod(periodsPerYear: number): number {
  if (periodsPerYear !== 1 && periodsPerYear !== 4 && periodsPerYear !== 12) throw new PortfolioError('INVALID_MODEL', `periodsPerYear must be 1, 4 or 12, not ${periodsPerYear}`);
  return 12 / periodsPerYear;
}

/**
 * The project's planned dates from its business case: it starts on the business case's start and finishes at the
 * end of the last period with work in it (role demand) or capital spending. Running costs (opex) do not count: they
 * go on after delivery, while the benefits come in. finishDate is null when no period has work or capex.
 */
export function projectDatesFromBusinessCase(plan: BusinessCasePlan): { startDate: string; finishDate: string | null } {
  const mpp = monthsPerPeriod(plan.periodsPerYear);
  parseDate(plan.startDate);
  let last = -1;
  plan.capexCents.forEach((v, i) => {
    if (v > 0) last = Math.max(last, i);
  });
  for (const row of Object.values(plan.demand)) {
    row.forEach((v, i) => {
      if (v > 0) last = Math.max(last, i);
    });
  }
  return { startDate: plan.startDate, finishDate: last < 0 ? null : previousDay(addMonths(plan.startDate, (last + 1) * mpp)) };
}

/**
 * The business case's costs as monthly budget lines: period i of the case covers the months from the start's month
 * plus i x (12 / periodsPerYear); a quarterly or yearly amount is spread evenly over its months in whole cents (the
 * remainder on the first months, so the total is exact). Zero months are left out; lines come sorted by month,
 * capex before opex. Amounts must be non-negative integers (a budget's original cannot be negative).
 */
export function budgetLinesFromBusinessCase(plan: Pick<BusinessCasePlan, 'startDate' | 'periodsPerYear' | 'capexCents' | 'opexCents'>, category: string): BudgetLineDraft[] {
  const mpp = monthsPerPeriod(plan.periodsPerYear);
  const { y, m } = parseDate(plan.startDate);
  const cells = new Map<string, BudgetLineDraft>();
  const spread = (expenditure: 'capex' | 'opex', amounts: readonly number[]): void => {
    amounts.forEach((amount, i) => {
      if (!Number.isInteger(amount) || amount < 0) throw new PortfolioError('INVALID_MODEL', `${expenditure} of period ${i + 1} must be a non-negative whole number of cents`);
      const base = Math.floor(amount / mpp);
      const extra = amount - base * mpp;
      for (let k = 0; k < mpp; k++) {
        const cents = base + (k < extra ? 1 : 0);
        if (cents === 0) continue;
        const index = y * 12 + (m - 1) + i * mpp + k;
        const month = `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}`;
        const key = `${month}|${expenditure}`;
        const cell = cells.get(key) ?? { month, category, expenditure, amountMinor: 0 };
        cell.amountMinor += cents;
        cells.set(key, cell);
      }
    });
  };
  spread('capex', plan.capexCents);
  spread('opex', plan.opexCents);
  return [...cells.values()].sort((a, b) => a.month.localeCompare(b.month) || a.expenditure.localeCompare(b.expenditure));
}
