import { describe, expect, it } from 'vitest';
import {
  pertMean,
  pertVariance,
  sampleBernoulli,
  sampleBeta,
  sampleGamma,
  samplePert,
  sampleTriangular,
  sampleUniform,
  triangularCdf,
  triangularMean,
  triangularQuantile,
  triangularVariance,
  validateProbability,
  validateThreePoint,
} from './distributions.js';
import { createPrng } from './prng.js';
import { RandomParameterError } from './random-error.js';

const N = 200_000;

/** Sample mean and variance of n draws. */
function moments(draw: () => number, n = N): { mean: number; variance: number; min: number; max: number } {
  let s = 0;
  let s2 = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = draw();
    s += x;
    s2 += x * x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const mean = s / n;
  return { mean, variance: s2 / n - mean * mean, min, max };
}

/** Tolerance of 5 standard errors of the mean. */
const meanTol = (variance: number, n = N) => 5 * Math.sqrt(variance / n);

describe('distributions against closed forms (seed 2024)', () => {
  it.each([
    [0, 0, 10],
    [2, 5, 14],
    [10, 10, 12],
    [3, 9, 9],
  ])('triangular(%s, %s, %s)', (a, c, b) => {
    const g = createPrng(2024);
    const m = moments(() => sampleTriangular(g, a, c, b));
    const v = triangularVariance(a, c, b);
    expect(Math.abs(m.mean - triangularMean(a, c, b))).toBeLessThanOrEqual(meanTol(v) + 1e-12);
    expect(Math.abs(m.variance - v)).toBeLessThanOrEqual(0.02 * v + 1e-12);
    expect(m.min).toBeGreaterThanOrEqual(a);
    expect(m.max).toBeLessThanOrEqual(b);
  });

  it.each([
    [0, 3, 10],
    [5, 5, 20],
    [1, 2, 3],
    [0, 10, 10],
  ])('PERT(%s, %s, %s)', (a, m0, b) => {
    const g = createPrng(2024);
    const m = moments(() => samplePert(g, a, m0, b));
    const v = pertVariance(a, m0, b);
    expect(Math.abs(m.mean - pertMean(a, m0, b))).toBeLessThanOrEqual(meanTol(v));
    expect(Math.abs(m.variance - v)).toBeLessThanOrEqual(0.02 * v);
    expect(m.min).toBeGreaterThanOrEqual(a);
    expect(m.max).toBeLessThanOrEqual(b);
  });

  it('PERT variance equals the textbook (mu - a)(b - mu) / 7', () => {
    const mu = pertMean(2, 4, 12);
    expect(pertVariance(2, 4, 12)).toBeCloseTo(((mu - 2) * (12 - mu)) / 7, 12);
  });

  it.each([[0.3], [1], [2.5], [40]])('gamma(%s) has mean and variance equal to the shape', (k) => {
    const g = createPrng(7);
    const m = moments(() => sampleGamma(g, k));
    expect(Math.abs(m.mean - k)).toBeLessThanOrEqual(meanTol(k));
    expect(Math.abs(m.variance - k)).toBeLessThanOrEqual(0.03 * k);
  });

  it('beta(2, 5) mean', () => {
    const g = createPrng(8);
    const m = moments(() => sampleBeta(g, 2, 5));
    expect(Math.abs(m.mean - 2 / 7)).toBeLessThan(0.002);
  });

  it('uniform(3, 7) mean and variance', () => {
    const g = createPrng(9);
    const m = moments(() => sampleUniform(g, 3, 7));
    expect(Math.abs(m.mean - 5)).toBeLessThan(meanTol(16 / 12));
    expect(Math.abs(m.variance - 16 / 12)).toBeLessThan(0.02);
  });

  it.each([[0], [0.05], [0.5], [1]])('bernoulli(%s) frequency', (p) => {
    const g = createPrng(10);
    let hits = 0;
    for (let i = 0; i < N; i++) if (sampleBernoulli(g, p)) hits++;
    expect(Math.abs(hits / N - p)).toBeLessThanOrEqual(5 * Math.sqrt((p * (1 - p)) / N));
  });

  it('triangular quantile inverts the CDF', () => {
    for (const u of [0, 0.1, 0.25, 0.5, 0.9, 1]) {
      expect(triangularCdf(triangularQuantile(u, 1, 3, 8), 1, 3, 8)).toBeCloseTo(u, 12);
    }
  });

  it('same seed, same samples', () => {
    const a = createPrng(5);
    const b = createPrng(5);
    const xs = Array.from({ length: 50 }, () => samplePert(a, 1, 4, 9));
    expect(Array.from({ length: 50 }, () => samplePert(b, 1, 4, 9))).toEqual(xs);
  });
});

describe('validation', () => {
  it.each([
    [5, 3, 10],
    [1, 11, 10],
    [Number.NaN, 1, 2],
    [1, 2, Infinity],
  ])('rejects three-point %s / %s / %s', (a, m, b) => {
    expect(() => validateThreePoint(a, m, b)).toThrow(RandomParameterError);
  });
  it('accepts degenerate estimates', () => expect(() => validateThreePoint(4, 4, 4)).not.toThrow());
  it.each([[-0.01], [1.01], [Number.NaN]])('rejects probability %s', (p) => {
    expect(() => validateProbability(p)).toThrow(/in \[0, 1\]/);
  });
  it('rejects a non-positive gamma shape', () => expect(() => sampleGamma(createPrng(1), 0)).toThrow(RandomParameterError));
});
