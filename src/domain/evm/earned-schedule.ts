import { EvmInputError, assertFiniteAmount } from './evm-error.js';
import { divideOrNull } from './evm-metrics.js';

/** Earned-schedule indicators, in periods (the unit of the PV series). */
export interface EarnedSchedule {
  /** Earned schedule: the time at which the plan expected today's EV. */
  es: number;
  /** Actual time elapsed. */
  at: number;
  /** SV(t) = ES - AT. */
  svT: number;
  /** SPI(t) = ES / AT; null when AT is 0. */
  spiT: number | null;
  /** IEAC(t) = planned duration / SPI(t); null when SPI(t) is null or 0. */
  ieacT: number | null;
}

/**
 * Earned schedule from the cumulative planned value at the end of periods 1..n
 * (`cumulativePv[i]` = PV at the end of period i+1; the plan starts at 0 with PV 0).
 * ES = C + (EV - PV_C) / (PV_{C+1} - PV_C), C = the last whole period whose PV <= EV.
 * `plannedDurationPeriods` defaults to the period in which PV first reaches its final value.
 */
export function computeEarnedSchedule(
  cumulativePv: ArrayLike<number>,
  ev: number,
  atPeriods: number,
  plannedDurationPeriods?: number,
): EarnedSchedule {
  assertFiniteAmount('ev', ev);
  assertFiniteAmount('at', atPeriods);
  const n = cumulativePv.length;
  if (n === 0) throw new EvmInputError('EVM_EMPTY_SERIES', 'cumulative PV series is empty');
  for (let i = 0; i < n; i++) {
    assertFiniteAmount(`cumulativePv[${i}]`, cumulativePv[i]);
    if (i > 0 && cumulativePv[i] < cumulativePv[i - 1]) {
      throw new EvmInputError('EVM_NON_CUMULATIVE', 'cumulative PV must not decrease');
    }
  }
  const pvAt = (c: number): number => (c === 0 ? 0 : cumulativePv[c - 1]);
  let c = 0;
  while (c < n && cumulativePv[c] <= ev) c++;
  let es: number;
  if (c >= n) {
    es = firstPeriodReaching(cumulativePv, cumulativePv[n - 1]);
  } else {
    const step = pvAt(c + 1) - pvAt(c);
    es = c + (step === 0 ? 0 : (ev - pvAt(c)) / step);
  }
  // With EV above zero but below a flat start, the interpolation above is exact; ES never exceeds the plan.
  const pd = plannedDurationPeriods ?? firstPeriodReaching(cumulativePv, cumulativePv[n - 1]);
  const spiT = divideOrNull(es, atPeriods);
  return {
    es,
    at: atPeriods,
    svT: es - atPeriods,
    spiT,
    ieacT: spiT === null ? null : divideOrNull(pd, spiT),
  };
}

function firstPeriodReaching(series: ArrayLike<number>, value: number): number {
  for (let i = 0; i < series.length; i++) if (series[i] >= value) return i + 1;
  return series.length;
}
