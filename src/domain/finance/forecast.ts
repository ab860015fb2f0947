import { FinanceError } from './finance-error.js';
import { assertMinorUnits, DEFAULT_ROUNDING, divideRounded, toSafeNumber, type RoundingMode } from './money.js';

/** How the estimate to complete is produced. */
export type EtcMethod = 'remaining-plan' | 'cpi' | 'manual';

/** Inputs of a cost forecast, all in minor units of one currency. */
export interface ForecastInput {
  method: EtcMethod;
  bacMinor: number;
  evMinor: number;
  acMinor: number;
  /** remaining-plan: baseline cost of the work not yet done; defaults to BAC - EV. */
  remainingPlanMinor?: number;
  /** manual: the estimate entered by the project manager. */
  manualEtcMinor?: number;
}

/** ETC, EAC = AC + ETC and VAC = BAC - EAC; null when the method is undefined (CPI with EV or AC 0). */
export interface Forecast {
  method: EtcMethod;
  etcMinor: number | null;
  eacMinor: number | null;
  vacMinor: number | null;
}

/** Computes ETC/EAC/VAC by method; CPI method: ETC = (BAC - EV) x AC / EV, rounded once. */
export function computeForecast(input: ForecastInput, mode: RoundingMode = DEFAULT_ROUNDING): Forecast {
  const { bacMinor, evMinor, acMinor } = input;
  for (const [k, v] of [['bacMinor', bacMinor], ['evMinor', evMinor], ['acMinor', acMinor]] as const) {
    assertMinorUnits(k, v);
    if (v < 0) throw new FinanceError('FINANCE_INVALID_AMOUNT', `${k} must not be negative`);
  }
  const remaining = Math.max(0, bacMinor - evMinor);
  let etc: number | null;
  switch (input.method) {
    case 'remaining-plan':
      if (input.remainingPlanMinor !== undefined) assertMinorUnits('remainingPlanMinor', input.remainingPlanMinor);
      etc = input.remainingPlanMinor ?? remaining;
      break;
    case 'cpi':
      etc = evMinor === 0 || acMinor === 0 ? null : toSafeNumber(divideRounded(BigInt(remaining) * BigInt(acMinor), BigInt(evMinor), mode));
      break;
    case 'manual':
      if (input.manualEtcMinor === undefined) throw new FinanceError('FINANCE_FORECAST_INPUT', 'manual forecast needs manualEtcMinor');
      assertMinorUnits('manualEtcMinor', input.manualEtcMinor);
      if (input.manualEtcMinor < 0) throw new FinanceError('FINANCE_INVALID_AMOUNT', 'manualEtcMinor must not be negative');
      etc = input.manualEtcMinor;
      break;
    default:
      throw new FinanceError('FINANCE_FORECAST_INPUT', `unknown ETC method "${String(input.method)}"`);
  }
  const eac = etc === null ? null : acMinor + etc;
  return { method: input.method, etcMinor: etc, eacMinor: eac, vacMinor: eac === null ? null : bacMinor - eac };
}

/**
 * Splits `totalMinor` over months in proportion to non-negative weights (e.g. the remaining plan),
 * with the largest-remainder method so the parts sum exactly to the total. All weights 0 -> equal split.
 */
export function spreadOverMonths(totalMinor: number, weights: ReadonlyArray<{ month: string; weight: number }>): Array<{ month: string; amountMinor: number }> {
  assertMinorUnits('totalMinor', totalMinor);
  if (weights.length === 0) {
    if (totalMinor === 0) return [];
    throw new FinanceError('FINANCE_FORECAST_INPUT', 'cannot spread a non-zero amount over no months');
  }
  for (const w of weights) {
    if (!Number.isFinite(w.weight) || w.weight < 0) throw new FinanceError('FINANCE_FORECAST_INPUT', `weight of ${w.month} must be a non-negative number`);
  }
  const sum = weights.reduce((s, w) => s + w.weight, 0);
  const ws = sum === 0 ? weights.map(() => 1) : weights.map((w) => w.weight);
  const total = sum === 0 ? weights.length : sum;
  const sign = totalMinor < 0 ? -1 : 1;
  const abs = Math.abs(totalMinor);
  const exact = ws.map((w) => (abs * w) / total);
  const parts = exact.map(Math.floor);
  let left = abs - parts.reduce((s, p) => s + p, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k][1]] += 1;
  return weights.map((w, i) => ({ month: w.month, amountMinor: sign * parts[i] }));
}

/** A project's choice of ETC method: 'auto' takes the CPI method when CPI is defined, else the remaining plan. */
export type ForecastSetting = 'auto' | EtcMethod;

/**
 * The forecast a project's setting asks for. BAC is the plan's BAC, or the budget when nothing is costed in the
 * plan; EV is capped at that BAC. 'auto' uses CPI when EV and AC are both positive, otherwise the remaining plan.
 * 'manual' without an entered ETC is refused (FINANCE_FORECAST_INPUT).
 */
export function chooseForecast(setting: ForecastSetting, f: { bacMinor: number; budgetMinor: number; evMinor: number; acMinor: number; manualEtcMinor?: number | null }): Forecast & { setting: ForecastSetting } {
  const bac = f.bacMinor > 0 ? f.bacMinor : Math.max(0, f.budgetMinor);
  const cpiDefined = f.evMinor > 0 && f.acMinor > 0;
  const method: EtcMethod = setting === 'auto' ? (cpiDefined ? 'cpi' : 'remaining-plan') : setting;
  const r = computeForecast({
    method, bacMinor: bac, evMinor: Math.min(Math.max(0, f.evMinor), bac), acMinor: Math.max(0, f.acMinor),
    ...(method === 'manual' && f.manualEtcMinor !== null && f.manualEtcMinor !== undefined ? { manualEtcMinor: f.manualEtcMinor } : {}),
  });
  return { ...r, setting };
}
