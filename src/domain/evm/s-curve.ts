import { EvmInputError, assertFiniteAmount } from './evm-error.js';
import { divideOrNull } from './evm-metrics.js';

/** A periodic snapshot of cumulative values at a status date (ISO `YYYY-MM-DD`). */
export interface EvmSnapshot {
  asOf: string;
  pv: number;
  ev: number;
  ac: number;
  bac?: number;
}

/** Chart-ready S-curve series: parallel arrays, one entry per distinct status date, ascending. */
export interface SCurveSeries {
  dates: string[];
  pv: number[];
  ev: number[];
  ac: number[];
  cpi: (number | null)[];
  spi: (number | null)[];
  /** BAC at each date (the last known BAC carried forward; null before the first snapshot with one). */
  bac: (number | null)[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Builds S-curve series from snapshots in any order: sorts by date, and when two snapshots share a
 * date the later one in the input wins (a re-run of the snapshot job replaces the earlier one).
 */
export function buildSCurveSeries(snapshots: readonly EvmSnapshot[]): SCurveSeries {
  const byDate = new Map<string, EvmSnapshot>();
  for (const s of snapshots) {
    if (!ISO_DATE.test(s.asOf)) throw new EvmInputError('EVM_INVALID_DATE', `snapshot date "${s.asOf}" is not YYYY-MM-DD`);
    assertFiniteAmount('pv', s.pv);
    assertFiniteAmount('ev', s.ev);
    assertFiniteAmount('ac', s.ac);
    if (s.bac !== undefined) assertFiniteAmount('bac', s.bac);
    byDate.set(s.asOf, s);
  }
  const dates = [...byDate.keys()].sort();
  const out: SCurveSeries = { dates, pv: [], ev: [], ac: [], cpi: [], spi: [], bac: [] };
  let lastBac: number | null = null;
  for (const d of dates) {
    const s = byDate.get(d)!;
    out.pv.push(s.pv);
    out.ev.push(s.ev);
    out.ac.push(s.ac);
    out.cpi.push(divideOrNull(s.ev, s.ac));
    out.spi.push(divideOrNull(s.ev, s.pv));
    if (s.bac !== undefined) lastBac = s.bac;
    out.bac.push(lastBac);
  }
  return out;
}
