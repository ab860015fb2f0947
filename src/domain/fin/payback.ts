import { FinError } from './fin-errors.js';
import { assertFlows } from './present-value.js';

/** Payback outcome: fractional periods until cumulative flow first reaches zero, or never. */
export type PaybackResult = { paidBack: true; periods: number } | { paidBack: false };

function paybackOf(flows: readonly number[]): PaybackResult {
  let cumulative = 0;
  let crossing: number | null = null;
  let everNegative = false;
  for (let i = 0; i < flows.length; i++) {
    const before = cumulative;
    cumulative += flows[i]!;
    if (cumulative < 0) {
      everNegative = true;
      crossing = null;
    } else if (before < 0) {
      // Linear interpolation inside period i: the remaining deficit over that period's inflow.
      crossing = i - 1 + -before / flows[i]!;
    }
  }
  if (cumulative < 0) return { paidBack: false };
  return { paidBack: true, periods: everNegative ? crossing! : 0 };
}

/**
 * Simple payback period (flows[0] at time 0, one flow per period end): the fractional number of
 * periods until the cumulative cash flow turns non-negative, interpolating within the period.
 * If the cumulative flow dips below zero again later, the last crossing counts (it stays paid back
 * from there); never-negative flows pay back at 0; negative at the end means not paid back.
 */
export function paybackPeriod(flows: readonly number[]): PaybackResult {
  assertFlows(flows);
  return paybackOf(flows);
}

/** Discounted payback: like paybackPeriod on flows[i] / (1 + ratePerPeriod)^i. */
export function discountedPaybackPeriod(ratePerPeriod: number, flows: readonly number[]): PaybackResult {
  assertFlows(flows);
  if (!(ratePerPeriod > -1) || !Number.isFinite(ratePerPeriod)) throw new FinError('INVALID_RATE', `rate must be > -1, got ${ratePerPeriod}`);
  return paybackOf(flows.map((v, i) => v / Math.pow(1 + ratePerPeriod, i)));
}

/** Return on investment (benefits - costs) / costs; null when costs are zero (undefined ratio). */
export function returnOnInvestment(totalBenefits: number, totalCosts: number): number | null {
  if (!Number.isFinite(totalBenefits) || !Number.isFinite(totalCosts) || totalCosts < 0 || totalBenefits < 0) {
    throw new FinError('INVALID_FLOWS', 'ROI needs finite, non-negative benefit and cost totals');
  }
  return totalCosts === 0 ? null : (totalBenefits - totalCosts) / totalCosts;
}

/** Benefit-cost ratio PV(benefits) / PV(costs); null when the cost present value is zero. */
export function benefitCostRatio(pvBenefits: number, pvCosts: number): number | null {
  if (!Number.isFinite(pvBenefits) || !Number.isFinite(pvCosts) || pvCosts < 0 || pvBenefits < 0) {
    throw new FinError('INVALID_FLOWS', 'benefit-cost ratio needs finite, non-negative present values');
  }
  return pvCosts === 0 ? null : pvBenefits / pvCosts;
}
