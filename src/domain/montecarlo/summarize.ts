import type { McDistributionSummary } from './montecarlo-types.js';

/** Nearest-rank percentile of ascending samples: smallest x with P(X <= x) >= p/100 (p = 0 gives min). */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * n);
  return sorted[Math.min(n - 1, Math.max(0, rank - 1))];
}

/** Share of ascending samples <= target (binary search). */
export function probabilityAtOrBelow(sorted: ArrayLike<number>, target: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= target) lo = mid + 1;
    else hi = mid;
  }
  return sorted.length === 0 ? 0 : lo / sorted.length;
}

/** Equal-width histogram from min to max (last bin closed); a constant series gives one bin. */
export function buildHistogram(sorted: Float64Array, bins: number): Array<{ from: number; to: number; count: number }> {
  const n = sorted.length;
  const min = sorted[0];
  const max = sorted[n - 1];
  if (!(max > min)) return [{ from: min, to: max, count: n }];
  const width = (max - min) / bins;
  const counts = new Int32Array(bins);
  for (let i = 0; i < n; i++) {
    let b = Math.floor((sorted[i] - min) / width);
    if (b >= bins) b = bins - 1;
    counts[b]++;
  }
  return Array.from(counts, (count, b) => ({ from: min + b * width, to: b === bins - 1 ? max : min + (b + 1) * width, count }));
}

/**
 * Summarises samples (sorted in place). With `roundToInteger`, reported values are whole numbers
 * (used for cents); the sorted samples themselves are kept unrounded.
 */
export function summarizeSamples(
  samples: Float64Array,
  percentiles: number[],
  bins: number,
  target: number | undefined,
  roundToInteger: boolean,
): McDistributionSummary {
  samples.sort();
  const n = samples.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += samples[i];
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (samples[i] - mean) * (samples[i] - mean);
  const r = roundToInteger ? Math.round : (x: number) => x;
  const pct = (p: number) => r(percentileOfSorted(samples, p));
  const summary: McDistributionSummary = {
    mean: r(mean),
    stdDev: n > 1 ? Math.sqrt(ss / (n - 1)) : 0,
    min: r(samples[0]),
    max: r(samples[n - 1]),
    p10: pct(10),
    p50: pct(50),
    p80: pct(80),
    p90: pct(90),
    percentiles: percentiles.map((p) => ({ p, value: pct(p) })),
    histogram: buildHistogram(samples, bins).map((h) => ({ from: r(h.from), to: r(h.to), count: h.count })),
    sCurve: Array.from({ length: 101 }, (_, p) => ({ probability: p / 100, value: pct(p) })),
    sortedSamples: samples,
  };
  if (target !== undefined) summary.probabilityOfMeetingTarget = probabilityAtOrBelow(samples, target);
  return summary;
}
