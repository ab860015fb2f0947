import { pertShape, sampleGammaPrepared, type Prng } from '../random/index.js';
import type { McDistribution, ThreePointEstimate } from './montecarlo-types.js';

/** Distribution kind codes used in the typed-array kernel. */
export const KIND_FIXED = 0;
export const KIND_TRIANGULAR = 1;
export const KIND_PERT = 2;

/**
 * Estimates encoded as parallel typed arrays so the kernel samples without touching objects.
 * fixed: lo = value. triangular: lo = min, hi = max, p1 = (mode-min)/range, p2 = range*(mode-min),
 * p3 = range*(max-mode). PERT: lo = min, p1 = range, p2/p3 = Marsaglia-Tsang d/c for alpha, p4/p5 for beta.
 */
export interface EstimateTable {
  kind: Uint8Array;
  lo: Float64Array;
  hi: Float64Array;
  p1: Float64Array;
  p2: Float64Array;
  p3: Float64Array;
  p4: Float64Array;
  p5: Float64Array;
}

/** Allocates an empty table for n estimates. */
export function createEstimateTable(n: number): EstimateTable {
  return {
    kind: new Uint8Array(n),
    lo: new Float64Array(n),
    hi: new Float64Array(n),
    p1: new Float64Array(n),
    p2: new Float64Array(n),
    p3: new Float64Array(n),
    p4: new Float64Array(n),
    p5: new Float64Array(n),
  };
}

/** Writes a validated estimate at index i; a zero range degrades to fixed. */
export function encodeEstimate(table: EstimateTable, i: number, e: ThreePointEstimate, dist: McDistribution): void {
  const range = e.max - e.min;
  if (dist === 'fixed' || range <= 0) {
    table.kind[i] = KIND_FIXED;
    table.lo[i] = dist === 'fixed' ? e.mostLikely : e.min;
    table.hi[i] = table.lo[i];
    return;
  }
  table.lo[i] = e.min;
  table.hi[i] = e.max;
  if (dist === 'triangular') {
    table.kind[i] = KIND_TRIANGULAR;
    table.p1[i] = (e.mostLikely - e.min) / range;
    table.p2[i] = range * (e.mostLikely - e.min);
    table.p3[i] = range * (e.max - e.mostLikely);
  } else {
    const { alpha, beta } = pertShape(e.min, e.mostLikely, e.max);
    table.kind[i] = KIND_PERT;
    table.p1[i] = range;
    table.p2[i] = alpha - 1 / 3;
    table.p3[i] = 1 / Math.sqrt(9 * (alpha - 1 / 3));
    table.p4[i] = beta - 1 / 3;
    table.p5[i] = 1 / Math.sqrt(9 * (beta - 1 / 3));
  }
}

/** Draws one sample of estimate i. */
export function sampleEstimate(table: EstimateTable, i: number, rng: Prng): number {
  const kind = table.kind[i];
  if (kind === KIND_TRIANGULAR) {
    const u = rng.nextFloat();
    return u < table.p1[i] ? table.lo[i] + Math.sqrt(u * table.p2[i]) : table.hi[i] - Math.sqrt((1 - u) * table.p3[i]);
  }
  if (kind === KIND_PERT) {
    const x = sampleGammaPrepared(rng, table.p2[i], table.p3[i]);
    const y = sampleGammaPrepared(rng, table.p4[i], table.p5[i]);
    return table.lo[i] + (table.p1[i] * x) / (x + y);
  }
  return table.lo[i];
}

/** The most likely value of estimate e under dist (used for the deterministic run). */
export function mostLikelyOf(e: ThreePointEstimate | number): number {
  return typeof e === 'number' ? e : e.mostLikely;
}
