import type { Prng } from '../random/index.js';
import { argsortInto } from './ranking.js';

/**
 * Lower Cholesky factor of a symmetric k x k matrix (row-major). Returns null when the matrix is not
 * positive semi-definite; zero pivots (e.g. perfect correlation) are replaced by a tiny positive value.
 */
export function choleskyLower(matrix: Float64Array, k: number): Float64Array | null {
  const l = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    let d = matrix[j * k + j];
    for (let m = 0; m < j; m++) d -= l[j * k + m] * l[j * k + m];
    if (d < -1e-9) return null;
    const ljj = Math.sqrt(Math.max(d, 1e-14));
    l[j * k + j] = ljj;
    for (let i = j + 1; i < k; i++) {
      let s = matrix[i * k + j];
      for (let m = 0; m < j; m++) s -= l[i * k + m] * l[j * k + m];
      l[i * k + j] = s / ljj;
    }
  }
  return l;
}

/** Sample correlation matrix of the k columns of an n x k row-major score matrix. */
function sampleCorrelation(scores: Float64Array, n: number, k: number): Float64Array {
  const mean = new Float64Array(k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) mean[j] += scores[i * k + j];
  for (let j = 0; j < k; j++) mean[j] /= n;
  const cov = new Float64Array(k * k);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < k; a++) {
      const da = scores[i * k + a] - mean[a];
      for (let b = 0; b <= a; b++) cov[a * k + b] += da * (scores[i * k + b] - mean[b]);
    }
  }
  const out = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b <= a; b++) {
      const r = cov[a * k + b] / Math.sqrt(cov[a * k + a] * cov[b * k + b]);
      out[a * k + b] = r;
      out[b * k + a] = r;
    }
  }
  return out;
}

/**
 * Iman-Conover (1982): reorders independently drawn marginal samples so their rank correlation follows
 * the target. `columns` holds k columns of n samples (column-major, column j at j*n) and is rearranged in
 * place; `targetCholesky` is the lower factor of the target matrix. Normal scores come from `rng`; their
 * own sample correlation is removed first (the refinement of the original paper) when n > k.
 */
export function applyImanConover(columns: Float64Array, n: number, k: number, targetCholesky: Float64Array, rng: Prng): void {
  const z = new Float64Array(n * k);
  for (let i = 0; i < n * k; i++) z[i] = rng.nextNormal();
  const q = n > k + 1 ? choleskyLower(sampleCorrelation(z, n, k), k) : null;
  const s = new Float64Array(n * k);
  const y = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const row = i * k;
    for (let a = 0; a < k; a++) {
      // y = Q^-1 z (forward substitution), or z itself without refinement.
      let v = z[row + a];
      if (q) {
        for (let m = 0; m < a; m++) v -= q[a * k + m] * y[m];
        v /= q[a * k + a];
      }
      y[a] = v;
    }
    for (let a = 0; a < k; a++) {
      let v = 0;
      for (let m = 0; m <= a; m++) v += targetCholesky[a * k + m] * y[m];
      s[row + a] = v;
    }
  }
  const col = new Float64Array(n);
  const sorted = new Float64Array(n);
  const order = new Int32Array(n);
  const counts = new Int32Array(n + 1);
  for (let j = 0; j < k; j++) {
    for (let i = 0; i < n; i++) col[i] = s[i * k + j];
    argsortInto(col, n, order, counts);
    sorted.set(columns.subarray(j * n, (j + 1) * n));
    sorted.sort();
    // The row with the r-th smallest score receives the r-th smallest sample.
    for (let r = 0; r < n; r++) columns[j * n + order[r]] = sorted[r];
  }
}
