import { assertFiniteAmount } from './evm-error.js';

/** The four base quantities of earned value, cumulative at a status date, in one currency unit. */
export interface EvmBase {
  /** Budget at completion. */
  bac: number;
  /** Planned value (budgeted cost of work scheduled). */
  pv: number;
  /** Earned value (budgeted cost of work performed). */
  ev: number;
  /** Actual cost (of work performed). */
  ac: number;
}

/** Options for computeEvmMetrics. */
export interface EvmMetricOptions {
  /** Bottom-up estimate to complete, for the `AC + ETC` EAC variant (`eacBottomUp`). */
  etcBottomUp?: number;
}

/**
 * All derived indicators. A ratio whose denominator is zero is `null` (never Infinity/NaN),
 * and anything derived from a null ratio is null too.
 */
export interface EvmMetrics extends EvmBase {
  cv: number;
  sv: number;
  cpi: number | null;
  spi: number | null;
  /** EAC = BAC / CPI (typical: current cost efficiency continues). */
  eacCpi: number | null;
  /** EAC = AC + (BAC - EV) (atypical: remaining work at budget rate). */
  eacAtypical: number;
  /** EAC = AC + (BAC - EV) / (CPI x SPI) (cost and schedule both weigh on the remainder). */
  eacCpiSpi: number | null;
  /** EAC = AC + ETC (bottom-up ETC given in options), otherwise null. */
  eacBottomUp: number | null;
  /** ETC = EAC(BAC/CPI) - AC. */
  etc: number | null;
  /** VAC = BAC - EAC(BAC/CPI). */
  vac: number | null;
  /** TCPI to BAC = (BAC - EV) / (BAC - AC). */
  tcpiToBac: number | null;
  /** TCPI to EAC = (BAC - EV) / (EAC - AC), with EAC = BAC/CPI. */
  tcpiToEac: number | null;
  /** EV / BAC (0..1), null when BAC is 0. */
  percentComplete: number | null;
}

/** Returns a / b, or null when b is 0 or the result is not finite. */
export function divideOrNull(a: number, b: number): number | null {
  if (b === 0) return null;
  const q = a / b;
  return Number.isFinite(q) ? q : null;
}

/** Computes CV, SV, CPI, SPI, EAC variants, ETC, VAC and TCPI from the base quantities. */
export function computeEvmMetrics(base: EvmBase, options: EvmMetricOptions = {}): EvmMetrics {
  const { bac, pv, ev, ac } = base;
  assertFiniteAmount('bac', bac);
  assertFiniteAmount('pv', pv);
  assertFiniteAmount('ev', ev);
  // AC can be negative only through reversals that overshoot; we still reject it as bad data.
  assertFiniteAmount('ac', ac);
  const cpi = divideOrNull(ev, ac);
  const spi = divideOrNull(ev, pv);
  // BAC/CPI = BAC*AC/EV: computed this way to avoid compounding the rounding of CPI.
  const eacCpi = cpi === null ? null : divideOrNull(bac * ac, ev);
  const cpiSpi = cpi !== null && spi !== null ? cpi * spi : null;
  const eacCpiSpi = cpiSpi === null ? null : nullableAdd(ac, divideOrNull(bac - ev, cpiSpi));
  let eacBottomUp: number | null = null;
  if (options.etcBottomUp !== undefined) {
    assertFiniteAmount('etcBottomUp', options.etcBottomUp);
    eacBottomUp = ac + options.etcBottomUp;
  }
  return {
    bac, pv, ev, ac,
    cv: ev - ac,
    sv: ev - pv,
    cpi,
    spi,
    eacCpi,
    eacAtypical: ac + (bac - ev),
    eacCpiSpi,
    eacBottomUp,
    etc: eacCpi === null ? null : eacCpi - ac,
    vac: eacCpi === null ? null : bac - eacCpi,
    tcpiToBac: divideOrNull(bac - ev, bac - ac),
    tcpiToEac: eacCpi === null ? null : divideOrNull(bac - ev, eacCpi - ac),
    percentComplete: divideOrNull(ev, bac),
  };
}

/** TCPI against any EAC: (BAC - EV) / (EAC - AC); null when EAC equals AC. */
export function computeTcpiToEac(bac: number, ev: number, ac: number, eac: number): number | null {
  return divideOrNull(bac - ev, eac - ac);
}

function nullableAdd(a: number, b: number | null): number | null {
  return b === null ? null : a + b;
}
