import type { Prng } from './prng.js';
import { RandomParameterError } from './random-error.js';

/**
 * Strips per table. 128 strips make a 2 KB table (it stays in the L1 cache while a row of draws for one
 * task is sampled) and leave ~5% of draws between squeeze and hat, where the density must be computed.
 */
export const BETA_TABLE_STRIPS = 128;
const STRIP_BITS = 7;
const STRIP_SHIFT = 32 - STRIP_BITS; // the top 7 bits of a draw pick the strip
const THRESHOLD_BITS = 24; // the low 24 bits decide between the strip and its alias
const THRESHOLD_ONE = 1 << THRESHOLD_BITS;
const THRESHOLD_MASK = THRESHOLD_ONE - 1;
const ALIAS_MASK = BETA_TABLE_STRIPS - 1;
const TWO_POW_MINUS_32 = 2 ** -32;

/**
 * Rejection tables for Beta(alpha, beta) with alpha, beta >= 1 (every PERT-beta), one table per slot of
 * BETA_TABLE_STRIPS strips. Strip s covers [s/128, (s+1)/128); `hat` holds the height of its rectangle,
 * `squeeze` a height under the density on the whole strip, `alias` the Walker alias entry
 * (threshold << 7 | alias strip; read with >>> as the top bit may be set) that picks strips in proportion to their rectangle's area.
 */
export interface BetaTables {
  hat: Float64Array;
  squeeze: Float32Array;
  alias: Int32Array;
  /** Per slot: alpha - 1 and beta - 1, the exponents of the unnormalised density x^(a-1) (1-x)^(b-1). */
  alphaMinusOne: Float64Array;
  betaMinusOne: Float64Array;
}

/** Allocates tables for `count` slots (2 KB each). */
export function createBetaTables(count: number): BetaTables {
  return {
    hat: new Float64Array(count * BETA_TABLE_STRIPS),
    squeeze: new Float32Array(count * BETA_TABLE_STRIPS),
    alias: new Int32Array(count * BETA_TABLE_STRIPS),
    alphaMinusOne: new Float64Array(count),
    betaMinusOne: new Float64Array(count),
  };
}

/**
 * Unnormalised Beta density x^am1 (1-x)^bm1 with am1 = alpha - 1, bm1 = beta - 1 (0^0 = 1). exp/log/log1p
 * rather than two Math.pow: 2-3x cheaper in V8 (measured), and this is the only non-trivial work of a slow
 * draw.
 */
function density(x: number, am1: number, bm1: number): number {
  return Math.exp((am1 === 0 ? 0 : am1 * Math.log(x)) + (bm1 === 0 ? 0 : bm1 * Math.log1p(-x)));
}

/**
 * Builds the table of `slot` for Beta(alpha, beta), alpha and beta >= 1 (the density is then bounded and
 * unimodal, so on each strip its maximum is at an end or at the mode and its minimum at an end).
 *
 * Exactness: strip s is chosen with probability q_s (the alias table's own integer probabilities, not the
 * intended ones), x is uniform on the strip and y uniform on [0, hat_s) with hat_s = C q_s, C chosen so
 * that every hat_s >= the density's maximum on the strip. (x, y) is then uniform under a step function
 * above the density, and accepting y < density(x) leaves x distributed exactly as Beta(alpha, beta).
 */
export function writeBetaTable(tables: BetaTables, slot: number, alpha: number, beta: number): void {
  if (!(alpha >= 1 && beta >= 1 && Number.isFinite(alpha) && Number.isFinite(beta))) {
    throw new RandomParameterError('INVALID_SHAPE', `beta table needs finite alpha, beta >= 1, got ${alpha}, ${beta}`);
  }
  const m = BETA_TABLE_STRIPS;
  const am1 = alpha - 1;
  const bm1 = beta - 1;
  const mode = alpha + beta > 2 ? am1 / (alpha + beta - 2) : 0.5;
  const high = new Float64Array(m);
  const low = new Float64Array(m);
  let total = 0;
  let g0 = density(0, am1, bm1);
  for (let s = 0; s < m; s++) {
    const g1 = density((s + 1) / m, am1, bm1);
    const peak = mode > s / m && mode < (s + 1) / m ? density(mode, am1, bm1) : 0;
    // Margins cover the last-bit errors of exp/log; they only make the hat higher and the squeeze lower.
    high[s] = Math.max(g0, g1, peak) * (1 + 1e-9);
    low[s] = Math.min(g0, g1) * (1 - 1e-6);
    total += high[s];
    g0 = g1;
  }

  // Vose's alias method on the intended probabilities high/total, rounded to 24-bit thresholds.
  const scaled = new Float64Array(m);
  for (let s = 0; s < m; s++) scaled[s] = (high[s] * m) / total;
  const threshold = new Int32Array(m);
  const alias = new Int32Array(m);
  const small = new Int32Array(m);
  const large = new Int32Array(m);
  let ns = 0;
  let nl = 0;
  for (let s = 0; s < m; s++) {
    if (scaled[s] < 1) small[ns++] = s;
    else large[nl++] = s;
  }
  while (ns > 0 && nl > 0) {
    const s = small[--ns];
    const l = large[--nl];
    // A strip with any density keeps a non-zero share, so its hat below stays finite.
    threshold[s] = Math.min(THRESHOLD_ONE, Math.max(high[s] > 0 ? 1 : 0, Math.round(scaled[s] * THRESHOLD_ONE)));
    alias[s] = l;
    scaled[l] += scaled[s] - 1;
    if (scaled[l] < 1) small[ns++] = l;
    else large[nl++] = l;
  }
  // Whatever is left has (up to rounding) probability 1: it keeps its own strip.
  const keepOwn = (s: number) => {
    threshold[s] = THRESHOLD_ONE;
    alias[s] = s;
  };
  for (let j = 0; j < ns; j++) keepOwn(small[j]);
  for (let j = 0; j < nl; j++) keepOwn(large[j]);

  // The probabilities the integer table really gives, and the hats that make the step function exact.
  const q = new Float64Array(m);
  for (let s = 0; s < m; s++) {
    q[s] += threshold[s];
    q[alias[s]] += THRESHOLD_ONE - threshold[s];
  }
  let c = 0;
  for (let s = 0; s < m; s++) if (high[s] > 0) c = Math.max(c, high[s] / q[s]);
  const base = slot * m;
  for (let s = 0; s < m; s++) {
    tables.hat[base + s] = c * q[s];
    tables.squeeze[base + s] = low[s]; // Float32 rounding is within 6e-8 relative, far inside the 1e-6 margin
    tables.alias[base + s] = (threshold[s] << STRIP_BITS) | alias[s];
  }
  tables.alphaMinusOne[slot] = am1;
  tables.betaMinusOne[slot] = bm1;
}

/**
 * One exact Beta draw in [0, 1) from the table of `slot` (see writeBetaTable): three 32-bit draws, one
 * table lookup and a compare for ~95% of draws; the density (exp and two logs) for the rest, and a retry for
 * ~3% (shapes of PERT tasks, measured). About twice as fast as the ratio of two Marsaglia-Tsang gamma draws.
 */
export function sampleBetaTable(rng: Prng, tables: BetaTables, slot: number): number {
  const base = slot * BETA_TABLE_STRIPS;
  const hat = tables.hat;
  const squeeze = tables.squeeze;
  const aliasTable = tables.alias;
  for (;;) {
    const r = rng.nextUint32();
    const pick = r >>> STRIP_SHIFT;
    const entry = aliasTable[base + pick];
    const s = (r & THRESHOLD_MASK) < (entry >>> STRIP_BITS) ? pick : entry & ALIAS_MASK;
    const x = (s + rng.nextFloat()) * (1 / BETA_TABLE_STRIPS);
    const y = rng.nextFloat() * hat[base + s];
    if (y < squeeze[base + s]) return x;
    if (y < density(x, tables.alphaMinusOne[slot], tables.betaMinusOne[slot])) return x;
  }
}

/**
 * Fills out[offset..offset+count) with lo + scale * Beta draws from the table of `slot`, taking 32-bit
 * draws from `rng` in batches through `draws` (any length >= 3; draws left in the last batch are
 * discarded). No call per draw: a non-inlined call returning a double or a uint32 boxes it on the heap in
 * V8, which cost more than the sampling itself.
 */
export function fillBetaTable(
  rng: Prng,
  tables: BetaTables,
  slot: number,
  out: Float64Array,
  offset: number,
  count: number,
  lo: number,
  scale: number,
  draws: Int32Array,
): void {
  const base = slot * BETA_TABLE_STRIPS;
  const hat = tables.hat;
  const squeeze = tables.squeeze;
  const aliasTable = tables.alias;
  const am1 = tables.alphaMinusOne[slot];
  const bm1 = tables.betaMinusOne[slot];
  const batch = draws.length - (draws.length % 3);
  let pos = batch;
  const end = offset + count;
  for (let j = offset; j < end; j++) {
    let x: number;
    for (;;) {
      if (pos === batch) {
        rng.fillUint32(draws, batch);
        pos = 0;
      }
      const r = draws[pos];
      const pick = r >>> STRIP_SHIFT;
      const entry = aliasTable[base + pick];
      // Strip or alias without a branch: keep is -1 (all bits) when the low bits fall under the threshold.
      const keep = ((r & THRESHOLD_MASK) - (entry >>> STRIP_BITS)) >> 31;
      const s = (pick & keep) | (entry & ALIAS_MASK & ~keep);
      x = (s + (draws[pos + 1] >>> 0) * TWO_POW_MINUS_32) * (1 / BETA_TABLE_STRIPS);
      const y = (draws[pos + 2] >>> 0) * TWO_POW_MINUS_32 * hat[base + s];
      pos += 3;
      if (y < squeeze[base + s]) break;
      if (y < Math.exp((am1 === 0 ? 0 : am1 * Math.log(x)) + (bm1 === 0 ? 0 : bm1 * Math.log1p(-x)))) break;
    }
    out[j] = lo + scale * x;
  }
}
