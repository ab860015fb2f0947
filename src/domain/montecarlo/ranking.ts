/**
 * Writes into `order[0..n)` the indices of `values[0..n)` sorted ascending (stable for ties), using a
 * bucket sort with n buckets: O(n) for well-spread data; buckets larger than 32 fall back to a
 * comparison sort, so skewed data stays O(n log n). `counts` must hold at least n + 1 entries.
 */
export function argsortInto(values: ArrayLike<number>, n: number, order: Int32Array, counts: Int32Array): void {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!(max > min)) {
    for (let i = 0; i < n; i++) order[i] = i;
    return;
  }
  const scale = n / (max - min);
  counts.fill(0, 0, n + 1);
  for (let i = 0; i < n; i++) {
    let b = ((values[i] - min) * scale) | 0;
    if (b >= n) b = n - 1;
    counts[b + 1]++;
  }
  for (let b = 0; b < n; b++) counts[b + 1] += counts[b];
  for (let i = 0; i < n; i++) {
    let b = ((values[i] - min) * scale) | 0;
    if (b >= n) b = n - 1;
    order[counts[b]++] = i;
  }
  // counts[b] now holds the end of bucket b; the start is the previous end (0 for b = 0).
  let start = 0;
  for (let b = 0; b < n; b++) {
    const end = counts[b];
    const size = end - start;
    if (size > 32) {
      const seg = order.subarray(start, end);
      seg.sort((x, y) => values[x] - values[y] || x - y);
    } else if (size > 1) {
      for (let j = start + 1; j < end; j++) {
        const idx = order[j];
        const v = values[idx];
        let m = j - 1;
        while (m >= start && values[order[m]] > v) {
          order[m + 1] = order[m];
          m--;
        }
        order[m + 1] = idx;
      }
    }
    start = end;
  }
}

/** Writes 1-based ranks of values (ties get their average rank) given an ascending `order`. */
export function midranksInto(values: ArrayLike<number>, n: number, order: Int32Array, ranks: Float64Array): void {
  let i = 0;
  while (i < n) {
    let j = i + 1;
    const v = values[order[i]];
    while (j < n && values[order[j]] === v) j++;
    const r = (i + j + 1) / 2;
    for (let k = i; k < j; k++) ranks[order[k]] = r;
    i = j;
  }
}

/** Pearson correlation of x and y over n entries; 0 when either has zero variance. */
export function pearsonCorrelation(x: ArrayLike<number>, y: ArrayLike<number>, n: number): number {
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += x[i];
    sy += y[i];
  }
  const mx = sx / n;
  const my = sy / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx <= 0 || syy <= 0) return 0;
  return sxy / Math.sqrt(sxx * syy);
}

/** Spearman rank correlation of two equal-length series (midranks for ties). */
export function spearmanCorrelation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = Math.min(x.length, y.length);
  if (n < 2) return 0;
  const order = new Int32Array(n);
  const counts = new Int32Array(n + 1);
  const rx = new Float64Array(n);
  const ry = new Float64Array(n);
  argsortInto(x, n, order, counts);
  midranksInto(x, n, order, rx);
  argsortInto(y, n, order, counts);
  midranksInto(y, n, order, ry);
  return pearsonCorrelation(rx, ry, n);
}

/**
 * Spearman correlation of `values` with a series whose 1-based midranks are `otherRanks` (sum of squares
 * `otherRankSumSq`), given the ascending `order` of values: one pass over tie groups, no rank array.
 */
export function spearmanWithRanks(values: ArrayLike<number>, n: number, order: Int32Array, otherRanks: Float64Array, otherRankSumSq: number): number {
  let sumRS = 0;
  let sumRR = 0;
  let i = 0;
  while (i < n) {
    const v = values[order[i]];
    let j = i + 1;
    while (j < n && values[order[j]] === v) j++;
    const r = (i + j + 1) / 2;
    let s = 0;
    for (let k = i; k < j; k++) s += otherRanks[order[k]];
    sumRS += r * s;
    sumRR += r * r * (j - i);
    i = j;
  }
  return spearmanFromSums(n, sumRS, sumRR, otherRankSumSq);
}

/**
 * Reusable buffers for spearmanOfColumn, sized for columns of m values: counting ranks needs a count per
 * distinct integer value, so integer columns whose range is at most COUNTING_RANGE_FACTOR x m are ranked
 * by counting (two linear passes and no sort), the others by argsortInto.
 */
export interface RankScratch {
  order: Int32Array;
  counts: Int32Array;
  rankOfValue: Float64Array;
}

/** Integer columns with max - min <= this x m are ranked by counting. */
export const COUNTING_RANGE_FACTOR = 4;

/** Allocates scratch for columns of m values. */
export function createRankScratch(m: number): RankScratch {
  const cells = COUNTING_RANGE_FACTOR * m + 1;
  return { order: new Int32Array(m), counts: new Int32Array(Math.max(m + 1, cells)), rankOfValue: new Float64Array(cells) };
}

/**
 * Spearman correlation of `values[0..m)` with a series whose 1-based midranks are `otherRanks` (sum of
 * squares `otherRankSumSq`). Exact midranks either way: integer-valued columns with a small range get
 * their ranks by counting each value's occurrences (the rank of value v is the count of smaller values
 * plus the mean position among its ties), others by a bucket argsort. 0 when either series is constant.
 */
export function spearmanOfColumn(values: Float64Array, m: number, otherRanks: Float64Array, otherRankSumSq: number, scratch: RankScratch): number {
  let min = Infinity;
  let max = -Infinity;
  let integral = true;
  for (let i = 0; i < m; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
    if (v !== Math.floor(v)) integral = false;
  }
  return spearmanOfScannedColumn(values, m, min, max, integral, otherRanks, otherRankSumSq, scratch);
}

/**
 * spearmanOfColumn for a caller that already knows the column's min, max and whether every value is an
 * integer (the Monte Carlo sensitivity learns them while it gathers the column from its chunks).
 */
export function spearmanOfScannedColumn(
  values: Float64Array,
  m: number,
  min: number,
  max: number,
  integral: boolean,
  otherRanks: Float64Array,
  otherRankSumSq: number,
  scratch: RankScratch,
): number {
  if (!(max > min)) return 0;
  const range = max - min;
  if (!integral || range > COUNTING_RANGE_FACTOR * m) {
    argsortInto(values, m, scratch.order, scratch.counts);
    return spearmanWithRanks(values, m, scratch.order, otherRanks, otherRankSumSq);
  }
  const counts = scratch.counts;
  const rankOf = scratch.rankOfValue;
  counts.fill(0, 0, range + 1);
  for (let i = 0; i < m; i++) counts[values[i] - min]++;
  let below = 0;
  let sumRR = 0;
  for (let v = 0; v <= range; v++) {
    const c = counts[v];
    if (c === 0) continue;
    const r = below + (c + 1) / 2;
    rankOf[v] = r;
    sumRR += r * r * c;
    below += c;
  }
  let sumRS = 0;
  for (let i = 0; i < m; i++) sumRS += rankOf[values[i] - min] * otherRanks[i];
  return spearmanFromSums(m, sumRS, sumRR, otherRankSumSq);
}

/** Pearson correlation of two midrank series from their sums (each rank series sums to m(m+1)/2). */
function spearmanFromSums(m: number, sumRS: number, sumRR: number, otherRankSumSq: number): number {
  const c = m * ((m + 1) / 2) * ((m + 1) / 2);
  const vr = sumRR - c;
  const vs = otherRankSumSq - c;
  if (vr <= 1e-9 * c || vs <= 1e-9 * c) return 0;
  return (sumRS - c) / Math.sqrt(vr * vs);
}
