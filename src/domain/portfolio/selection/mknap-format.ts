import { PortfolioError } from '../portfolio-errors.js';

/** One OR-Library multidimensional knapsack problem. */
export interface MknapProblem {
  n: number;
  m: number;
  /** Optimum stored in the file header, 0 when unknown. */
  headerOptimum: number;
  profits: number[];
  /** weights[row][item] */
  weights: number[][];
  capacities: number[];
}

/** Parses OR-Library mknap text: K, then per problem `n m opt`, n profits, m rows of n weights, m capacities. */
export function parseMknapText(text: string): MknapProblem[] {
  const toks = text.trim().split(/\s+/).map(Number);
  let p = 0;
  const next = (what: string): number => {
    if (p >= toks.length) throw new PortfolioError('INVALID_MODEL', `mknap text ends early while reading ${what}`);
    const v = toks[p++]!;
    if (!Number.isFinite(v)) throw new PortfolioError('INVALID_MODEL', `mknap text has a non-number at token ${p} (${what})`);
    return v;
  };
  const k = next('problem count');
  const out: MknapProblem[] = [];
  for (let q = 0; q < k; q++) {
    const n = next('n');
    const m = next('m');
    const headerOptimum = next('opt');
    if (!Number.isInteger(n) || !Number.isInteger(m) || n <= 0 || m <= 0) throw new PortfolioError('INVALID_MODEL', `problem ${q}: bad size n=${n} m=${m}`);
    const profits = Array.from({ length: n }, () => next('profit'));
    const weights = Array.from({ length: m }, () => Array.from({ length: n }, () => next('weight')));
    const capacities = Array.from({ length: m }, () => next('capacity'));
    out.push({ n, m, headerOptimum, profits, weights, capacities });
  }
  return out;
}
