import { FinError } from './fin-errors.js';
import { discountedPaybackPeriod, paybackPeriod, returnOnInvestment, benefitCostRatio, type PaybackResult } from './payback.js';
import { irr, type RateResult } from './rate-of-return.js';

/** A cost line of a business case: amounts per period (index 0 = first period) in integer cents. */
export interface CostLine {
  kind: 'capex' | 'opex';
  label?: string;
  amountsCents: number[];
}

/** A benefit line: amounts per period in integer cents with the probability they materialise (0..1). */
export interface BenefitLine {
  category: string;
  label?: string;
  amountsCents: number[];
  probability: number;
}

/** Time-phased business case. Period i is discounted i periods (period 0 is "now"). */
export interface BusinessCase {
  periodsPerYear: number;
  /** Annual discount rate, e.g. 0.08. */
  annualDiscountRate: number;
  costs: CostLine[];
  benefits: BenefitLine[];
}

/** How one case (best/likely/worst) adjusts the lines. */
export interface CaseAssumption {
  costFactor: number;
  benefitFactor: number;
  /** Multiply benefits by their probability (expected value) or count them in full. */
  weightByProbability: boolean;
}

/** Defaults: best = costs -10 %, benefits +10 % in full; likely = expected values; worst = costs +20 %, benefits -20 % expected. */
export const DEFAULT_CASE_ASSUMPTIONS: Record<CaseName, CaseAssumption> = {
  best: { costFactor: 0.9, benefitFactor: 1.1, weightByProbability: false },
  likely: { costFactor: 1, benefitFactor: 1, weightByProbability: true },
  worst: { costFactor: 1.2, benefitFactor: 0.8, weightByProbability: true },
};

/** The three evaluated cases of a business case. */
export type CaseName = 'best' | 'likely' | 'worst';

/** Figures of one case. Money in integer cents; rates as fractions. */
export interface CaseEvaluation {
  /** Net flow per period (benefits - costs), cents. */
  netFlowCents: number[];
  capexCents: number[];
  opexCents: number[];
  benefitCents: number[];
  totalCostCents: number;
  totalBenefitCents: number;
  npvCents: number;
  pvCostCents: number;
  pvBenefitCents: number;
  /** Periodic IRR of the net flows. */
  irr: RateResult;
  /** IRR annualised: (1 + periodic)^periodsPerYear - 1, null when IRR is undefined. */
  annualIrr: number | null;
  roi: number | null;
  benefitCostRatio: number | null;
  payback: PaybackResult;
  discountedPayback: PaybackResult;
  /** Payback in years (periods / periodsPerYear), null when never paid back. */
  paybackYears: number | null;
  discountedPaybackYears: number | null;
}

function checkLine(amounts: number[], what: string): void {
  if (!Array.isArray(amounts)) throw new FinError('INVALID_CASE', `${what}: amountsCents must be an array`);
  amounts.forEach((a, i) => {
    if (!Number.isSafeInteger(a) || a < 0) throw new FinError('INVALID_CASE', `${what}: amount ${i} must be a non-negative integer number of cents, got ${a}`);
  });
}

/** Throws FinError('INVALID_CASE') naming the first problem in a business case. */
export function validateBusinessCase(bc: BusinessCase): void {
  if (!Number.isInteger(bc.periodsPerYear) || bc.periodsPerYear < 1 || bc.periodsPerYear > 366) throw new FinError('INVALID_CASE', 'periodsPerYear must be an integer 1..366');
  if (!Number.isFinite(bc.annualDiscountRate) || bc.annualDiscountRate <= -1) throw new FinError('INVALID_CASE', 'annualDiscountRate must be a number > -1');
  bc.costs.forEach((c, i) => {
    if (c.kind !== 'capex' && c.kind !== 'opex') throw new FinError('INVALID_CASE', `cost ${i}: kind must be capex or opex`);
    checkLine(c.amountsCents, `cost ${i}`);
  });
  bc.benefits.forEach((b, i) => {
    if (!(b.probability >= 0 && b.probability <= 1)) throw new FinError('INVALID_CASE', `benefit ${i}: probability must be within 0..1`);
    checkLine(b.amountsCents, `benefit ${i}`);
  });
}

/** Evaluates one case of a business case (NPV, IRR, ROI, BCR, paybacks) with the given assumption. */
export function evaluateCase(bc: BusinessCase, a: CaseAssumption): CaseEvaluation {
  validateBusinessCase(bc);
  const n = Math.max(1, ...bc.costs.map((c) => c.amountsCents.length), ...bc.benefits.map((b) => b.amountsCents.length));
  const capex = new Array<number>(n).fill(0);
  const opex = new Array<number>(n).fill(0);
  const benefit = new Array<number>(n).fill(0);
  for (const c of bc.costs) c.amountsCents.forEach((v, i) => ((c.kind === 'capex' ? capex : opex)[i]! += v));
  for (const b of bc.benefits) b.amountsCents.forEach((v, i) => (benefit[i]! += v * (a.weightByProbability ? b.probability : 1)));
  const round = (v: number): number => Math.round(v);
  const capexC = capex.map((v) => round(v * a.costFactor));
  const opexC = opex.map((v) => round(v * a.costFactor));
  const benefitC = benefit.map((v) => round(v * a.benefitFactor));
  const net = benefitC.map((b, i) => b - capexC[i]! - opexC[i]!);
  const rate = Math.pow(1 + bc.annualDiscountRate, 1 / bc.periodsPerYear) - 1;
  let pvCost = 0;
  let pvBenefit = 0;
  for (let i = 0; i < n; i++) {
    const f = Math.pow(1 + rate, -i);
    pvCost += (capexC[i]! + opexC[i]!) * f;
    pvBenefit += benefitC[i]! * f;
  }
  const totalCost = capexC.reduce((s, v) => s + v, 0) + opexC.reduce((s, v) => s + v, 0);
  const totalBenefit = benefitC.reduce((s, v) => s + v, 0);
  const rr = irr(net);
  const payback = paybackPeriod(net);
  const dPayback = discountedPaybackPeriod(rate, net);
  return {
    netFlowCents: net,
    capexCents: capexC,
    opexCents: opexC,
    benefitCents: benefitC,
    totalCostCents: totalCost,
    totalBenefitCents: totalBenefit,
    npvCents: round(pvBenefit - pvCost),
    pvCostCents: round(pvCost),
    pvBenefitCents: round(pvBenefit),
    irr: rr,
    annualIrr: rr.status === 'ok' ? Math.pow(1 + rr.rate, bc.periodsPerYear) - 1 : null,
    roi: returnOnInvestment(totalBenefit, totalCost),
    benefitCostRatio: benefitCostRatio(pvBenefit, pvCost),
    payback,
    discountedPayback: dPayback,
    paybackYears: payback.paidBack ? payback.periods / bc.periodsPerYear : null,
    discountedPaybackYears: dPayback.paidBack ? dPayback.periods / bc.periodsPerYear : null,
  };
}

/** Evaluates the best, likely and worst cases of a business case. */
export function evaluateBusinessCase(
  bc: BusinessCase,
  assumptions: Record<CaseName, CaseAssumption> = DEFAULT_CASE_ASSUMPTIONS,
): Record<CaseName, CaseEvaluation> {
  return { best: evaluateCase(bc, assumptions.best), likely: evaluateCase(bc, assumptions.likely), worst: evaluateCase(bc, assumptions.worst) };
}
