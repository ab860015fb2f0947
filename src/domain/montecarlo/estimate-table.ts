import { createBetaTables, fillBetaTable, pertShape, sampleBetaTable, writeBetaTable, type BetaTables, type Prng } from '../random/index.js';
import type { McDistribution, ThreePointEstimate } from './montecarlo-types.js';

/** Distribution kind codes used in the typed-array kernel. */
export const KIND_FIXED = 0;
export const KIND_TRIANGULAR = 1;
export const KIND_PERT = 2;

const TWO_POW_MINUS_32 = 2 ** -32;

/**
 * Estimates encoded as parallel typed arrays so the kernel samples without touching objects.
 * fixed: lo = value. triangular: lo = min, hi = max, p1 = (mode-min)/range, p2 = range*(mode-min),
 * p3 = range*(max-mode). PERT: lo = min, hi = max, p1 = range, p2 = slot in `beta` (dense over the PERT
 * entries), p3/p4 = alpha/beta until sealEstimateTable builds the slot's rejection table.
 */
export interface EstimateTable {
  kind: Uint8Array;
  lo: Float64Array;
  hi: Float64Array;
  p1: Float64Array;
  p2: Float64Array;
  p3: Float64Array;
  p4: Float64Array;
  /** Beta rejection tables of the PERT entries (empty until sealEstimateTable). */
  beta: BetaTables;
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
    beta: createBetaTables(0),
  };
}

/** Writes a validated estimate at index i; a zero range degrades to fixed. Call sealEstimateTable after the last one. */
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
    table.p3[i] = alpha;
    table.p4[i] = beta;
  }
}

/** Gives every PERT entry a dense slot and builds its Beta rejection table (2 KB per PERT entry). */
export function sealEstimateTable(table: EstimateTable): void {
  let count = 0;
  for (let i = 0; i < table.kind.length; i++) if (table.kind[i] === KIND_PERT) count++;
  table.beta = createBetaTables(count);
  let slot = 0;
  for (let i = 0; i < table.kind.length; i++) {
    if (table.kind[i] !== KIND_PERT) continue;
    writeBetaTable(table.beta, slot, table.p3[i], table.p4[i]);
    table.p2[i] = slot++;
  }
}

/** Draws one sample of estimate i (triangular by inversion, PERT by the exact table rejection sampler). */
export function sampleEstimate(table: EstimateTable, i: number, rng: Prng): number {
  const kind = table.kind[i];
  if (kind === KIND_TRIANGULAR) {
    const u = rng.nextFloat();
    return u < table.p1[i] ? table.lo[i] + Math.sqrt(u * table.p2[i]) : table.hi[i] - Math.sqrt((1 - u) * table.p3[i]);
  }
  if (kind === KIND_PERT) return table.lo[i] + table.p1[i] * sampleBetaTable(rng, table.beta, table.p2[i]);
  return table.lo[i];
}

/** The most likely value of estimate e under dist (used for the deterministic run). */
export function mostLikelyOf(e: ThreePointEstimate | number): number {
  return typeof e === 'number' ? e : e.mostLikely;
}

/**
 * Draws `count` samples of estimate i into out[offset..offset+count): one estimate at a time keeps its
 * constants in registers and its Beta table in the L1 cache (the kernel samples task by task per block).
 * 32-bit draws come from `rng` in batches through `draws` (length >= 3), so no call is made per sample.
 */
export function sampleEstimateRow(table: EstimateTable, i: number, out: Float64Array, offset: number, count: number, rng: Prng, draws: Int32Array): void {
  const kind = table.kind[i];
  const lo = table.lo[i];
  if (kind === KIND_PERT) {
    fillBetaTable(rng, table.beta, table.p2[i], out, offset, count, lo, table.p1[i], draws);
  } else if (kind === KIND_TRIANGULAR) {
    const hi = table.hi[i];
    const split = table.p1[i];
    const left = table.p2[i];
    const right = table.p3[i];
    for (let done = 0; done < count; ) {
      const batch = Math.min(draws.length, count - done);
      rng.fillUint32(draws, batch);
      for (let k = 0, j = offset + done; k < batch; k++, j++) {
        const u = (draws[k] >>> 0) * TWO_POW_MINUS_32;
        // Inverse CDF without a branch (which side of the mode is random: a branch mispredicts often):
        // onLeft is 1 or 0, and each product by 0 or 1 is exact.
        const onLeft = +(u < split);
        const root = Math.sqrt(onLeft * (u * left) + (1 - onLeft) * ((1 - u) * right));
        out[j] = onLeft * (lo + root) + (1 - onLeft) * (hi - root);
      }
      done += batch;
    }
  } else {
    out.fill(lo, offset, offset + count);
  }
}
