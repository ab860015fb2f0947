import type { Prng } from './prng.js';
import { RandomParameterError } from './random-error.js';

/** Checks a finite number; throws RandomParameterError naming the parameter otherwise. */
function requireFinite(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RandomParameterError('NOT_FINITE', `${name} must be a finite number, got ${value}`);
  }
}

/** Throws RandomParameterError unless min <= mostLikely <= max, all finite. */
export function validateThreePoint(min: number, mostLikely: number, max: number): void {
  requireFinite('min', min);
  requireFinite('mostLikely', mostLikely);
  requireFinite('max', max);
  if (!(min <= mostLikely && mostLikely <= max)) {
    throw new RandomParameterError(
      'INVALID_THREE_POINT',
      `three-point estimate needs min <= mostLikely <= max, got ${min} / ${mostLikely} / ${max}`,
    );
  }
}

/** Throws RandomParameterError unless 0 <= p <= 1. */
export function validateProbability(p: number, name = 'probability'): void {
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
    throw new RandomParameterError('INVALID_PROBABILITY', `${name} must be in [0, 1], got ${p}`);
  }
}

/** Uniform sample in [min, max). */
export function sampleUniform(rng: Prng, min: number, max: number): number {
  return min + (max - min) * rng.nextFloat();
}

/** Normal sample with the given mean and standard deviation. */
export function sampleNormal(rng: Prng, mean: number, stdDev: number): number {
  return mean + stdDev * rng.nextNormal();
}

/** Bernoulli trial: true with probability p (p = 0 never, p = 1 always). */
export function sampleBernoulli(rng: Prng, p: number): boolean {
  return rng.nextFloat() < p;
}

/** Inverse CDF of the triangular distribution at u in [0, 1]. */
export function triangularQuantile(u: number, min: number, mode: number, max: number): number {
  const range = max - min;
  if (range <= 0) return min;
  const fc = (mode - min) / range;
  return u < fc ? min + Math.sqrt(u * range * (mode - min)) : max - Math.sqrt((1 - u) * range * (max - mode));
}

/** CDF of the triangular distribution at x. */
export function triangularCdf(x: number, min: number, mode: number, max: number): number {
  if (x <= min) return x < min || max > min ? 0 : 1;
  if (x >= max) return 1;
  const range = max - min;
  if (x <= mode) return ((x - min) * (x - min)) / (range * (mode - min));
  return 1 - ((max - x) * (max - x)) / (range * (max - mode));
}

/** Triangular sample by inversion (one uniform per sample). */
export function sampleTriangular(rng: Prng, min: number, mode: number, max: number): number {
  return triangularQuantile(rng.nextFloat(), min, mode, max);
}

/** Mean of Triangular(min, mode, max). */
export function triangularMean(min: number, mode: number, max: number): number {
  return (min + mode + max) / 3;
}

/** Variance of Triangular(min, mode, max). */
export function triangularVariance(min: number, mode: number, max: number): number {
  return (min * min + mode * mode + max * max - min * mode - min * max - mode * max) / 18;
}

/**
 * Gamma(shape, 1) sample by Marsaglia & Tsang (2000); shape < 1 uses the boost
 * Gamma(a) = Gamma(a + 1) * U^(1/a). Shape must be > 0.
 */
export function sampleGamma(rng: Prng, shape: number): number {
  if (!(shape > 0) || !Number.isFinite(shape)) {
    throw new RandomParameterError('INVALID_SHAPE', `gamma shape must be a positive finite number, got ${shape}`);
  }
  if (shape < 1) return sampleGammaAtLeastOne(rng, shape + 1) * Math.pow(rng.nextOpenFloat(), 1 / shape);
  return sampleGammaAtLeastOne(rng, shape);
}

/** Marsaglia-Tsang kernel for shape >= 1 (no validation; hot path). */
export function sampleGammaAtLeastOne(rng: Prng, shape: number): number {
  const d = shape - 1 / 3;
  return sampleGammaPrepared(rng, d, 1 / Math.sqrt(9 * d));
}

/** Marsaglia-Tsang with precomputed d = shape - 1/3 and c = 1 / sqrt(9d), for shape >= 1 (hot loops). */
export function sampleGammaPrepared(rng: Prng, d: number, c: number): number {
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.nextNormal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.nextOpenFloat();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Beta(alpha, beta) sample in [0, 1] as X / (X + Y) with X, Y gamma. */
export function sampleBeta(rng: Prng, alpha: number, beta: number): number {
  const x = sampleGamma(rng, alpha);
  const y = sampleGamma(rng, beta);
  return x / (x + y);
}

/** Shape parameters of the PERT-beta distribution (lambda = 4 is classic PERT). */
export function pertShape(min: number, mostLikely: number, max: number, lambda = 4): { alpha: number; beta: number } {
  const range = max - min;
  if (range <= 0) return { alpha: 1, beta: 1 };
  return { alpha: 1 + (lambda * (mostLikely - min)) / range, beta: 1 + (lambda * (max - mostLikely)) / range };
}

/** PERT-beta sample: min + (max - min) * Beta(alpha, beta); a degenerate range returns min. */
export function samplePert(rng: Prng, min: number, mostLikely: number, max: number, lambda = 4): number {
  const range = max - min;
  if (range <= 0) return min;
  const { alpha, beta } = pertShape(min, mostLikely, max, lambda);
  const x = sampleGammaAtLeastOne(rng, alpha);
  const y = sampleGammaAtLeastOne(rng, beta);
  return min + (range * x) / (x + y);
}

/** Mean of PERT(min, mostLikely, max, lambda): (min + lambda*ml + max) / (lambda + 2). */
export function pertMean(min: number, mostLikely: number, max: number, lambda = 4): number {
  return (min + lambda * mostLikely + max) / (lambda + 2);
}

/** Variance of PERT(min, mostLikely, max, lambda) from the beta moments. */
export function pertVariance(min: number, mostLikely: number, max: number, lambda = 4): number {
  const range = max - min;
  if (range <= 0) return 0;
  const { alpha, beta } = pertShape(min, mostLikely, max, lambda);
  const s = alpha + beta;
  return (alpha * beta * range * range) / (s * s * (s + 1));
}
