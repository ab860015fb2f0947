import { FinanceError } from './finance-error.js';
import { assertMinorUnits, computeTimeAmountMinor, DEFAULT_ROUNDING, divideRounded, sumMinor, toSafeNumber, type RoundingMode } from './money.js';

/** Revenue, cost and margin of a project (minor units of one currency). */
export interface MarginResult {
  revenueMinor: number;
  costMinor: number;
  marginMinor: number;
  /** margin / revenue x 100; null when revenue is 0. */
  marginPercent: number | null;
}

/** Priced time for margins: cost side always, bill side only when billable. */
export interface MarginTimeEntry {
  minutes: number;
  billable: boolean;
  costRateMinorPerHour: number;
  billRateMinorPerHour: number;
}

/** An approved expense; billable ones are re-invoiced with an optional markup (percent, e.g. 10). */
export interface MarginExpense {
  amountMinor: number;
  billable: boolean;
  markupPercent?: number;
}

/** Margin inputs by billing model. */
export type MarginInput =
  | { model: 'time-and-materials'; time: readonly MarginTimeEntry[]; expenses: readonly MarginExpense[] }
  | {
      model: 'fixed-price'; contractPriceMinor: number; actualCostMinor: number; eacMinor: number;
      /** percent-complete: revenue = price x AC / EAC (cost-to-cost, capped at 100 %); completed-contract: revenue only when complete. */
      recognition: 'percent-complete' | 'completed-contract'; complete?: boolean;
    }
  | { model: 'milestone'; milestones: ReadonlyArray<{ amountMinor: number; achieved: boolean }>; actualCostMinor: number };

/** Computes recognised revenue, cost and margin for time-and-materials, fixed-price and milestone billing. */
export function computeMargin(input: MarginInput, mode: RoundingMode = DEFAULT_ROUNDING): MarginResult {
  let revenue: number;
  let cost: number;
  switch (input.model) {
    case 'time-and-materials': {
      const rev: number[] = [];
      const cst: number[] = [];
      for (const t of input.time) {
        cst.push(computeTimeAmountMinor(t.minutes, t.costRateMinorPerHour, mode));
        if (t.billable) rev.push(computeTimeAmountMinor(t.minutes, t.billRateMinorPerHour, mode));
      }
      for (const e of input.expenses) {
        assertMinorUnits('expense amountMinor', e.amountMinor);
        cst.push(e.amountMinor);
        if (e.billable) rev.push(applyMarkup(e.amountMinor, e.markupPercent ?? 0, mode));
      }
      revenue = sumMinor(rev);
      cost = sumMinor(cst);
      break;
    }
    case 'fixed-price': {
      assertMinorUnits('contractPriceMinor', input.contractPriceMinor);
      assertMinorUnits('actualCostMinor', input.actualCostMinor);
      assertMinorUnits('eacMinor', input.eacMinor);
      cost = input.actualCostMinor;
      if (input.recognition === 'completed-contract') revenue = input.complete ? input.contractPriceMinor : 0;
      else if (input.recognition === 'percent-complete') {
        if (input.eacMinor <= 0) throw new FinanceError('FINANCE_MARGIN_INPUT', 'percent-complete recognition needs a positive EAC');
        const capped = Math.min(input.actualCostMinor, input.eacMinor);
        revenue = toSafeNumber(divideRounded(BigInt(input.contractPriceMinor) * BigInt(Math.max(0, capped)), BigInt(input.eacMinor), mode));
      } else throw new FinanceError('FINANCE_MARGIN_INPUT', `unknown recognition "${String(input.recognition)}"`);
      break;
    }
    case 'milestone':
      assertMinorUnits('actualCostMinor', input.actualCostMinor);
      revenue = sumMinor(input.milestones.filter((m) => m.achieved).map((m) => m.amountMinor));
      cost = input.actualCostMinor;
      break;
    default:
      throw new FinanceError('FINANCE_MARGIN_INPUT', `unknown billing model "${String((input as { model: unknown }).model)}"`);
  }
  const margin = revenue - cost;
  return { revenueMinor: revenue, costMinor: cost, marginMinor: margin, marginPercent: revenue === 0 ? null : (margin * 100) / revenue };
}

/** Forecast margin at completion of a fixed-price contract: price - EAC. */
export function computeFixedPriceMarginAtCompletion(contractPriceMinor: number, eacMinor: number): MarginResult {
  assertMinorUnits('contractPriceMinor', contractPriceMinor);
  assertMinorUnits('eacMinor', eacMinor);
  const margin = contractPriceMinor - eacMinor;
  return { revenueMinor: contractPriceMinor, costMinor: eacMinor, marginMinor: margin, marginPercent: contractPriceMinor === 0 ? null : (margin * 100) / contractPriceMinor };
}

/** amount x (1 + markupPercent/100), markup given with up to 4 decimals, rounded once. */
export function applyMarkup(amountMinor: number, markupPercent: number, mode: RoundingMode = DEFAULT_ROUNDING): number {
  if (!Number.isFinite(markupPercent) || markupPercent < 0) throw new FinanceError('FINANCE_MARGIN_INPUT', `markupPercent must be >= 0, got ${markupPercent}`);
  const bp = Math.round(markupPercent * 10000); // 1/10000 of a percent
  return toSafeNumber(divideRounded(BigInt(amountMinor) * BigInt(1_000_000 + bp), 1_000_000n, mode));
}
