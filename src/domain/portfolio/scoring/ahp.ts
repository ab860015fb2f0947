import { PortfolioError } from '../portfolio-errors.js';

/** Saaty's random consistency index RI for n = 1..15. */
export const SAATY_RANDOM_INDEX = [0, 0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59] as const;

/** AHP result: priority weights (sum 1), principal eigenvalue, consistency index and ratio. */
export interface AhpResult {
  weights: number[];
  lambdaMax: number;
  consistencyIndex: number;
  consistencyRatio: number;
  /** Saaty's rule: CR <= 0.1 is acceptable. */
  consistent: boolean;
}

/**
 * Weights from a reciprocal pairwise comparison matrix (a[i][j] = how much more important i is
 * than j, a[j][i] = 1 / a[i][j]) by the principal eigenvector (power iteration), with Saaty's CR.
 */
export function computeAhpWeights(matrix: number[][]): AhpResult {
  const n = matrix.length;
  if (n < 1 || n >= SAATY_RANDOM_INDEX.length) throw new PortfolioError('INVALID_MATRIX', `AHP needs 1..${SAATY_RANDOM_INDEX.length - 1} criteria, got ${n}`);
  for (let i = 0; i < n; i++) {
    if (!Array.isArray(matrix[i]) || matrix[i]!.length !== n) throw new PortfolioError('INVALID_MATRIX', `row ${i} must have ${n} entries`);
    for (let j = 0; j < n; j++) {
      const a = matrix[i]![j]!;
      if (!(a > 0) || !Number.isFinite(a)) throw new PortfolioError('INVALID_MATRIX', `entry [${i}][${j}] must be a positive number`);
      if (i === j && Math.abs(a - 1) > 1e-9) throw new PortfolioError('INVALID_MATRIX', `diagonal entry [${i}][${i}] must be 1`);
      if (Math.abs(a * matrix[j]![i]! - 1) > 1e-6) throw new PortfolioError('INVALID_MATRIX', `entries [${i}][${j}] and [${j}][${i}] must be reciprocal`);
    }
  }
  let w = new Array<number>(n).fill(1 / n);
  let lambda = n;
  for (let it = 0; it < 1000; it++) {
    const next = matrix.map((row) => row.reduce((s, a, j) => s + a * w[j]!, 0));
    const sum = next.reduce((s, v) => s + v, 0);
    lambda = sum; // since w sums to 1, sum(Aw) converges to lambda_max
    const norm = next.map((v) => v / sum);
    const delta = norm.reduce((s, v, i) => Math.max(s, Math.abs(v - w[i]!)), 0);
    w = norm;
    if (delta < 1e-13) break;
  }
  const ci = n > 2 ? (lambda - n) / (n - 1) : 0;
  const ri = SAATY_RANDOM_INDEX[n]!;
  const cr = ri > 0 ? ci / ri : 0;
  return { weights: w, lambdaMax: lambda, consistencyIndex: ci, consistencyRatio: cr, consistent: cr <= 0.1 + 1e-12 };
}

/** Builds the reciprocal matrix from judgements "a is `value` times as important as b" over ids. */
export function buildPairwiseMatrix(ids: string[], judgements: { a: string; b: string; value: number }[]): number[][] {
  const index = new Map(ids.map((id, i) => [id, i]));
  const m = ids.map((_, i) => ids.map((__, j) => (i === j ? 1 : Number.NaN)));
  for (const { a, b, value } of judgements) {
    const i = index.get(a);
    const j = index.get(b);
    if (i === undefined || j === undefined) throw new PortfolioError('UNKNOWN_REFERENCE', `judgement refers to unknown criterion "${i === undefined ? a : b}"`);
    if (i === j || !(value > 0)) throw new PortfolioError('INVALID_MATRIX', `judgement ${a} vs ${b} must compare two criteria with a positive value`);
    m[i]![j] = value;
    m[j]![i] = 1 / value;
  }
  for (let i = 0; i < ids.length; i++) for (let j = 0; j < ids.length; j++) {
    if (Number.isNaN(m[i]![j]!)) throw new PortfolioError('INVALID_MATRIX', `missing judgement between "${ids[i]}" and "${ids[j]}"`);
  }
  return m;
}

/** Saaty's fundamental scale and its reciprocals: the values a pairwise judgement may take. */
export const SAATY_SCALE: readonly number[] = [1 / 9, 1 / 8, 1 / 7, 1 / 6, 1 / 5, 1 / 4, 1 / 3, 1 / 2, 1, 2, 3, 4, 5, 6, 7, 8, 9];

/**
 * The judgement that disagrees most with the others: for each pair (i < j), the value the other judgements imply
 * through every third criterion k (geometric mean of a_ik * a_kj) against the one given; the pair with the largest
 * |ln(given / implied)| is returned with the Saaty-scale value nearest (in log terms) to the implied one. Revising
 * that judgement first is the usual way to bring CR under 0.1. Null for fewer than three criteria (always consistent).
 * `weights` is unused in the search but kept so callers pass the AHP result they show.
 */
export function mostInconsistentJudgement(matrix: number[][], _weights?: number[]): { i: number; j: number; value: number; suggested: number } | null {
  const n = matrix.length;
  if (n < 3) return null;
  let best: { i: number; j: number; value: number; suggested: number } | null = null;
  let worst = -1;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let logSum = 0;
      for (let k = 0; k < n; k++) if (k !== i && k !== j) logSum += Math.log(matrix[i]![k]! * matrix[k]![j]!);
      const implied = Math.exp(logSum / (n - 2));
      const a = matrix[i]![j]!;
      const err = Math.abs(Math.log(a / implied));
      if (err > worst + 1e-12) {
        worst = err;
        const suggested = SAATY_SCALE.reduce((b, v) => (Math.abs(Math.log(v / implied)) < Math.abs(Math.log(b / implied)) ? v : b), 1);
        best = { i, j, value: a, suggested };
      }
    }
  }
  return best;
}
