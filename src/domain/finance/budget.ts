import { FinanceError } from './finance-error.js';
import { assertIsoMonth } from './iso-date.js';
import { assertMinorUnits, sumMinor } from './money.js';

/** Suggested cost categories; any non-empty string is accepted so workspaces can add their own. */
export const COST_CATEGORIES = ['labour', 'external', 'material', 'travel', 'other'] as const;

/** Capital or operating expenditure. */
export type ExpenditureType = 'capex' | 'opex';

/** One budget cell: a month, a category, capex/opex and an amount in minor units. */
export interface BudgetLine {
  month: string;
  category: string;
  expenditure: ExpenditureType;
  amountMinor: number;
}

/** Approval lifecycle of a budget version. */
export type BudgetVersionStatus = 'draft' | 'submitted' | 'approved' | 'rejected';

/**
 * A budget version. The `original` holds full amounts; a `change` holds deltas (may be negative)
 * that add to the original once approved.
 */
export interface BudgetVersion {
  id: string;
  versionNo: number;
  kind: 'original' | 'change';
  status: BudgetVersionStatus;
  currency: string;
  lines: readonly BudgetLine[];
}

/** Moves a budget version through approval; throws FINANCE_INVALID_TRANSITION otherwise. */
export function transitionBudgetVersion(status: BudgetVersionStatus, action: 'submit' | 'approve' | 'reject' | 'revise'): BudgetVersionStatus {
  const table: Record<string, [BudgetVersionStatus[], BudgetVersionStatus]> = {
    submit: [['draft'], 'submitted'],
    approve: [['submitted'], 'approved'],
    reject: [['submitted'], 'rejected'],
    revise: [['rejected'], 'draft'],
  };
  const rule = table[action];
  if (!rule || !rule[0].includes(status)) {
    throw new FinanceError('FINANCE_INVALID_TRANSITION', `cannot ${action} a budget version that is ${status}`);
  }
  return rule[1];
}

/**
 * The budget in force: the approved original plus every approved change, summed per month, category
 * and expenditure type (sorted). Exactly one approved original is required; currencies must agree.
 */
export function computeEffectiveBudget(versions: readonly BudgetVersion[]): BudgetLine[] {
  const approved = versions.filter((v) => v.status === 'approved');
  const originals = approved.filter((v) => v.kind === 'original');
  if (originals.length !== 1) {
    throw new FinanceError('FINANCE_BUDGET_ORIGINAL', `expected exactly one approved original budget, found ${originals.length}`);
  }
  const currency = originals[0].currency;
  const cells = new Map<string, BudgetLine>();
  for (const v of approved.sort((a, b) => a.versionNo - b.versionNo)) {
    if (v.currency !== currency) {
      throw new FinanceError('FINANCE_CURRENCY_MISMATCH', `budget version ${v.id} is in ${v.currency}, the original in ${currency}`);
    }
    for (const l of v.lines) {
      validateBudgetLine(l);
      const key = `${l.month}|${l.category}|${l.expenditure}`;
      const cur = cells.get(key);
      cells.set(key, { ...l, amountMinor: sumMinor([cur?.amountMinor ?? 0, l.amountMinor]) });
    }
  }
  return [...cells.values()].sort((a, b) => (a.month + a.category + a.expenditure).localeCompare(b.month + b.category + b.expenditure));
}

function validateBudgetLine(l: BudgetLine): void {
  assertIsoMonth('budget month', l.month);
  if (!l.category || typeof l.category !== 'string') throw new FinanceError('FINANCE_INVALID_BUDGET', 'budget line needs a category');
  if (l.expenditure !== 'capex' && l.expenditure !== 'opex') throw new FinanceError('FINANCE_INVALID_BUDGET', `expenditure must be capex or opex, got "${String(l.expenditure)}"`);
  assertMinorUnits('budget amountMinor', l.amountMinor);
}

/** An amount booked to a month (actual cost, forecast cost). */
export interface MonthlyAmount {
  month: string;
  amountMinor: number;
}

/** One month of the budget / actual / forecast report. */
export interface BudgetActualForecastRow {
  month: string;
  budgetMinor: number;
  actualMinor: number;
  forecastMinor: number;
  /** Actual for months before `asOfMonth`, forecast from `asOfMonth` on (the forecast of the current month includes its actuals to date). */
  outlookMinor: number;
  /** budget - outlook (positive = under budget). */
  varianceMinor: number;
  cumulativeBudgetMinor: number;
  cumulativeOutlookMinor: number;
}

/** Budget vs actual vs forecast per month over every month that has any of the three (or the given range). */
export function buildBudgetActualForecast(args: {
  budget: readonly (MonthlyAmount | BudgetLine)[];
  actuals: readonly MonthlyAmount[];
  forecast: readonly MonthlyAmount[];
  asOfMonth: string;
  fromMonth?: string;
  toMonth?: string;
}): BudgetActualForecastRow[] {
  assertIsoMonth('asOfMonth', args.asOfMonth);
  const months = new Set<string>();
  const acc = (list: readonly MonthlyAmount[]): Map<string, number> => {
    const m = new Map<string, number>();
    for (const x of list) {
      assertIsoMonth('month', x.month);
      assertMinorUnits('amountMinor', x.amountMinor);
      m.set(x.month, sumMinor([m.get(x.month) ?? 0, x.amountMinor]));
      months.add(x.month);
    }
    return m;
  };
  const budget = acc(args.budget);
  const actual = acc(args.actuals);
  const forecast = acc(args.forecast);
  if (args.fromMonth) assertIsoMonth('fromMonth', args.fromMonth);
  if (args.toMonth) assertIsoMonth('toMonth', args.toMonth);
  if (args.fromMonth && args.toMonth) for (const m of monthRange(args.fromMonth, args.toMonth)) months.add(m);
  const rows: BudgetActualForecastRow[] = [];
  let cumBudget = 0;
  let cumOutlook = 0;
  for (const month of [...months].sort()) {
    if ((args.fromMonth && month < args.fromMonth) || (args.toMonth && month > args.toMonth)) continue;
    const b = budget.get(month) ?? 0;
    const a = actual.get(month) ?? 0;
    const f = forecast.get(month) ?? 0;
    const outlook = month < args.asOfMonth ? a : f;
    cumBudget += b;
    cumOutlook += outlook;
    rows.push({
      month, budgetMinor: b, actualMinor: a, forecastMinor: f, outlookMinor: outlook, varianceMinor: b - outlook,
      cumulativeBudgetMinor: cumBudget, cumulativeOutlookMinor: cumOutlook,
    });
  }
  return rows;
}

/** Every month YYYY-MM from `from` to `to` inclusive (at most 1200 months, to bound bad input). */
export function monthRange(from: string, to: string): string[] {
  assertIsoMonth('from', from);
  assertIsoMonth('to', to);
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  for (let cur = from; cur <= to; ) {
    out.push(cur);
    if (out.length > 1200) throw new FinanceError('FINANCE_RANGE_TOO_LONG', 'month range longer than 100 years');
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
    cur = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
  }
  return out;
}
