import { convertMoney, type ExchangeRateTable } from './exchange-rates.js';
import { FinanceError } from './finance-error.js';
import { assertIsoDate, monthOf } from './iso-date.js';
import { assertMinorUnits, DEFAULT_ROUNDING, type RoundingMode } from './money.js';
import { priceTime, type RateRow } from './rates.js';

/** Approved time as actuals see it (reversal entries have negative minutes). */
export interface ActualTimeInput {
  id: string;
  personId: string;
  roleId: string | null;
  projectId: string;
  date: string;
  /** Accounting date for corrections; defaults to `date`. */
  postingDate?: string | null;
  minutes: number;
}

/** An approved expense or an imported cost line, in its own currency. */
export interface ActualCostInput {
  id: string;
  projectId: string;
  date: string;
  category: string;
  amountMinor: number;
  currency: string;
}

/** Actual cost per project, month (of the posting date) and category, in the reporting currency. */
export interface ActualCostRow {
  projectId: string;
  month: string;
  category: string;
  amountMinor: number;
}

/** A problem that kept one input out of the actuals (missing rate or exchange rate). */
export interface ActualsProblem {
  sourceId: string;
  code: string;
  message: string;
}

/**
 * Actual cost = approved time x cost rate (category `labour`) + approved expenses and imported cost lines,
 * converted to the reporting currency at the rate of each item's date and summed per project/month/category.
 * With `onMissing: 'throw'` (default) the first missing rate throws; with 'collect' the item is left out
 * and reported in `problems`, so a report can show what is incomplete.
 */
export function computeActualCosts(args: {
  time: readonly ActualTimeInput[];
  costs: readonly ActualCostInput[];
  rates: readonly RateRow[];
  fx: ExchangeRateTable;
  reportingCurrency: string;
  onMissing?: 'throw' | 'collect';
  rounding?: RoundingMode;
}): { rows: ActualCostRow[]; problems: ActualsProblem[] } {
  const mode = args.rounding ?? DEFAULT_ROUNDING;
  const sums = new Map<string, ActualCostRow>();
  const problems: ActualsProblem[] = [];
  const add = (projectId: string, date: string, category: string, amountMinor: number): void => {
    const month = monthOf(date);
    const key = `${projectId}|${month}|${category}`;
    const row = sums.get(key) ?? { projectId, month, category, amountMinor: 0 };
    row.amountMinor += amountMinor;
    if (!Number.isSafeInteger(row.amountMinor)) throw new FinanceError('FINANCE_OVERFLOW', `actuals of ${projectId} ${month} overflow`);
    sums.set(key, row);
  };
  const guard = (sourceId: string, fn: () => void): void => {
    try {
      fn();
    } catch (err) {
      if (args.onMissing !== 'collect' || !(err instanceof FinanceError) || !/_MISSING$/.test(err.code)) throw err;
      problems.push({ sourceId, code: err.code, message: err.message });
    }
  };
  for (const t of args.time) {
    guard(t.id, () => {
      const posting = t.postingDate ?? t.date;
      assertIsoDate(`time ${t.id} posting date`, posting);
      // Reversals are priced at the rate of the original work date, so they cancel exactly.
      const price = priceTime(args.rates, { kind: 'cost', personId: t.personId, roleId: t.roleId, projectId: t.projectId, date: t.date }, t.minutes, mode);
      const converted = convertMoney(price, args.reportingCurrency, t.date, args.fx, mode);
      add(t.projectId, posting, 'labour', converted.amountMinor);
    });
  }
  for (const c of args.costs) {
    guard(c.id, () => {
      assertMinorUnits(`cost ${c.id} amountMinor`, c.amountMinor);
      const converted = convertMoney({ amountMinor: c.amountMinor, currency: c.currency }, args.reportingCurrency, c.date, args.fx, mode);
      add(c.projectId, c.date, c.category, converted.amountMinor);
    });
  }
  const rows = [...sums.values()].sort((a, b) => a.projectId.localeCompare(b.projectId) || a.month.localeCompare(b.month) || a.category.localeCompare(b.category));
  return { rows, problems };
}
