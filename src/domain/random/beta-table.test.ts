import { describe, expect, it } from 'vitest';
import { BETA_TABLE_STRIPS, createBetaTables, fillBetaTable, sampleBetaTable, writeBetaTable } from './beta-table.js';
import { createPrng } from './prng.js';
import { RandomParameterError } from './random-error.js';

/** Unnormalised Beta density and its CDF by Simpson's rule on a fine grid (reference, no table). */
function betaCdf(alpha: number, beta: number): (x: number) => number {
  const steps = 20_000;
  const h = 1 / steps;
  const f = (x: number) => x ** (alpha - 1) * (1 - x) ** (beta - 1);
  const cum = new Float64Array(steps + 1);
  for (let i = 0; i < steps; i++) {
    const a = i * h;
    cum[i + 1] = cum[i] + (h / 6) * (f(a) + 4 * f(a + h / 2) + f(a + h));
  }
  const total = cum[steps];
  return (x: number) => {
    const i = Math.min(steps - 1, Math.floor(x / h));
    const a = i * h;
    // Within a step, integrate the density from a to x by Simpson as well.
    const part = ((x - a) / 6) * (f(a) + 4 * f((a + x) / 2) + f(x));
    return (cum[i] + part) / total;
  };
}

/** Kolmogorov-Smirnov distance between sorted samples and a CDF. */
function ksDistance(sorted: Float64Array, cdf: (x: number) => number): number {
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const c = cdf(sorted[i]);
    d = Math.max(d, Math.abs(c - i / n), Math.abs((i + 1) / n - c));
  }
  return d;
}

// Every PERT-beta has alpha + beta = 6 with alpha, beta in [1, 5]; (2, 3) and (1.3, 1.3) test other shapes.
const SHAPES: Array<[number, number]> = [[1, 5], [5, 1], [3, 3], [1.4, 4.6], [4.2, 1.8], [2, 3], [1.3, 1.3], [1, 1]];

describe('Beta rejection tables', () => {
  it.each(SHAPES)('Beta(%s, %s): KS distance, mean and variance match the closed forms (fixed seed)', (alpha, beta) => {
    const tables = createBetaTables(2);
    writeBetaTable(tables, 1, alpha, beta);
    const n = 200_000;
    const xs = new Float64Array(n);
    fillBetaTable(createPrng(31), tables, 1, xs, 0, n, 0, 1, new Int32Array(96));
    xs.sort();
    // 1.95 / sqrt(n) is the 99.9% point of the KS statistic: a wrong table shape shows far beyond it.
    expect(ksDistance(xs, betaCdf(alpha, beta))).toBeLessThan(1.95 / Math.sqrt(n));
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
    const m = alpha / (alpha + beta);
    const v = (alpha * beta) / ((alpha + beta) ** 2 * (alpha + beta + 1));
    expect(Math.abs(mean - m)).toBeLessThan(5 * Math.sqrt(v / n));
    expect(Math.abs(variance - v)).toBeLessThan(0.02 * v);
    expect(xs[0]).toBeGreaterThanOrEqual(0);
    expect(xs[n - 1]).toBeLessThan(1);
  });

  it.each(SHAPES)('Beta(%s, %s): every hat covers the density and every squeeze stays under it', (alpha, beta) => {
    const tables = createBetaTables(1);
    writeBetaTable(tables, 0, alpha, beta);
    const m = BETA_TABLE_STRIPS;
    // Hats are C * q_s for the strip probabilities q_s the alias table really gives.
    const q = new Float64Array(m);
    for (let s = 0; s < m; s++) {
      const entry = tables.alias[s];
      const threshold = entry >>> 7;
      q[s] += threshold;
      q[entry & (m - 1)] += 2 ** 24 - threshold;
    }
    const ratio = tables.hat[0] / q[0];
    for (let s = 0; s < m; s++) {
      expect(tables.hat[s]).toBeCloseTo(ratio * q[s], 12);
      for (let j = 0; j <= 64; j++) {
        const x = (s + j / 64) / m;
        const g = x ** (alpha - 1) * (1 - x) ** (beta - 1);
        expect(tables.hat[s]).toBeGreaterThanOrEqual(g);
        expect(tables.squeeze[s]).toBeLessThanOrEqual(g);
      }
    }
  });

  it('fillBetaTable is deterministic for a seed, and sampleBetaTable draws the same distribution', () => {
    const tables = createBetaTables(1);
    writeBetaTable(tables, 0, 2.2, 3.8);
    const a = new Float64Array(1000);
    const b = new Float64Array(1000);
    fillBetaTable(createPrng(5), tables, 0, a, 0, 1000, 10, 20, new Int32Array(300));
    fillBetaTable(createPrng(5), tables, 0, b, 0, 1000, 10, 20, new Int32Array(300));
    expect(b).toEqual(a);
    for (const x of a) expect(x >= 10 && x < 30).toBe(true);
    const g = createPrng(6);
    const n = 100_000;
    const xs = Float64Array.from({ length: n }, () => sampleBetaTable(g, tables, 0)).sort();
    expect(ksDistance(xs, betaCdf(2.2, 3.8))).toBeLessThan(1.95 / Math.sqrt(n));
  });

  it.each([[0.5, 2], [2, 0.99], [Number.NaN, 2], [2, Infinity]])('rejects shape (%s, %s) with a typed error', (alpha, beta) => {
    expect(() => writeBetaTable(createBetaTables(1), 0, alpha, beta)).toThrow(RandomParameterError);
  });
});
