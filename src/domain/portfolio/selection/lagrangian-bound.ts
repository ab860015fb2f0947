import type { BinaryProgram } from './binary-program.js';

/** Options of computeLagrangianBound; the clock is injected to keep the domain pure. */
export interface LagrangianOptions {
  now: () => number;
  deadline: number;
  /** Value of a known feasible selection (Polyak step target); default 0. */
  lowerBound?: number;
  /**
   * Called every `primalEvery` iterations with the current prices (original units) and relaxed
   * choice; returns the value of a feasible selection built from them, which tightens the step target.
   */
  primal?: (prices: Float64Array, relaxed: Uint8Array) => number;
  primalEvery?: number;
  /** Starting prices in original units (e.g. duals of a sampled LP); default a flat guess. */
  initialPrices?: ArrayLike<number>;
  /** Initial Polyak step factor, default 2 (use a small value when starting from good prices). */
  initialStep?: number;
  maxIterations?: number;
}

/** Lagrangian bound result: a valid upper bound, row prices (original units) and the relaxed choice. */
export interface LagrangianResult {
  bound: number;
  prices: Float64Array;
  /** Relaxed solution at the best prices: per group the option with the best positive reduced value. */
  x: Uint8Array;
  iterations: number;
}

/**
 * Upper bound by relaxing the `<=` rows and the dependency rows (sum dependent - sum required <= 0)
 * and exclusion rows (sum a + sum b <= 1) with prices u >= 0: L(u) = u.b + sum over groups of
 * max(0, max option (v_j - u.a_j)) (mandatory groups without the 0). Minimised by subgradient
 * steps (Polyak, halving on stagnation). Any u gives a valid bound; at the optimum it equals the
 * LP bound (the group rows are kept in the subproblem, which is integral).
 */
export function computeLagrangianBound(full: BinaryProgram, o: LagrangianOptions): LagrangianResult {
  const p = withRelationRows(full);
  const m = p.numRows;
  // Rows scaled to capacity 1 (rows with capacity 0 keep scale 1).
  const scale = Float64Array.from(p.capacity, (b) => (b > 0 ? 1 / b : 1));
  const b = Float64Array.from(p.capacity, (v, i) => v * scale[i]!);
  const coef = Float64Array.from(p.coef, (v, k) => v * scale[p.rowIndex[k]!]!);
  const u = new Float64Array(m);
  const bestU = new Float64Array(m);
  const g = new Float64Array(m);
  const groupBest = new Float64Array(p.numGroups);
  const groupArg = new Int32Array(p.numGroups);
  let lb = o.lowerBound ?? 0;
  const relaxed = (): Uint8Array => {
    const x = new Uint8Array(p.numVars);
    for (let gr = 0; gr < p.numGroups; gr++) {
      const j = groupArg[gr]!;
      if (j >= 0 && (groupBest[gr]! > 0 || p.mandatory[gr])) x[j] = 1;
    }
    return x;
  };
  let best = Infinity;
  let lambda = o.initialStep ?? 2;
  let sinceImprove = 0;
  let it = 0;
  const maxIt = o.maxIterations ?? 100_000;
  // Initial prices: average value density so the first steps are in the right range.
  let totalValue = 0;
  for (let j = 0; j < p.numVars; j++) if (p.value[j]! > 0) totalValue += p.value[j]!;
  u.fill(m > 0 ? totalValue / Math.max(1, m) / 10 : 0);
  for (let i = full.numRows; i < m; i++) u[i] = 0;
  if (o.initialPrices) for (let i = 0; i < full.numRows; i++) u[i] = Math.max(0, o.initialPrices[i]!) / scale[i]!;
  const evaluate = (): number => {
    groupBest.fill(0);
    groupArg.fill(-1);
    for (let gr = 0; gr < p.numGroups; gr++) if (p.mandatory[gr]) groupBest[gr] = -Infinity;
    for (let j = 0; j < p.numVars; j++) {
      let red = p.value[j]!;
      for (let k = p.colStart[j]!, e = p.colStart[j + 1]!; k < e; k++) {
        red -= u[p.rowIndex[k]!]! * coef[k]!;
      }
      const gr = p.groupOf[j]!;
      if (red > groupBest[gr]!) {
        groupBest[gr] = red;
        groupArg[gr] = j;
      }
    }
    let val = 0;
    for (let i = 0; i < m; i++) val += u[i]! * b[i]!;
    for (let gr = 0; gr < p.numGroups; gr++) val += Number.isFinite(groupBest[gr]!) ? groupBest[gr]! : 0;
    return val;
  };
  while (it < maxIt && o.now() < o.deadline) {
    it++;
    const val = evaluate();
    if (!Number.isFinite(best) || val < best - 1e-12 * Math.max(1, Math.abs(best))) {
      best = val;
      bestU.set(u);
      sinceImprove = 0;
    } else if (++sinceImprove >= 25) {
      lambda /= 2;
      sinceImprove = 0;
      if (lambda < 1e-6) break;
    }
    if (o.primal && it % (o.primalEvery ?? 20) === 0) {
      lb = Math.max(lb, o.primal(Float64Array.from(u.subarray(0, full.numRows), (v, i) => v * scale[i]!), relaxed()));
    }
    g.set(b);
    for (let gr = 0; gr < p.numGroups; gr++) {
      const j = groupArg[gr]!;
      if (j < 0) continue;
      for (let k = p.colStart[j]!, e = p.colStart[j + 1]!; k < e; k++) g[p.rowIndex[k]!]! -= coef[k]!;
    }
    let norm = 0;
    for (let i = 0; i < m; i++) {
      // Projected subgradient: a zero price with slack cannot go lower.
      if (u[i] === 0 && g[i]! > 0) g[i] = 0;
      norm += g[i]! * g[i]!;
    }
    if (norm < 1e-18) break; // relaxed solution is feasible and complementary: optimal prices
    const step = (lambda * Math.max(1e-9 * Math.abs(val), val - lb)) / norm;
    for (let i = 0; i < m; i++) u[i] = Math.max(0, u[i]! - step * g[i]!);
  }
  u.set(bestU);
  const finalVal = evaluate();
  const x = relaxed();
  return { bound: Math.min(best, finalVal), prices: Float64Array.from(bestU.subarray(0, full.numRows), (v, i) => v * scale[i]!), x, iterations: it };
}

/**
 * Value of the Lagrangian bound L(u) = u.b + sum over groups of max(0, best v_j - u.a_j) at given
 * row prices u >= 0 (original units; negative entries are treated as 0). Valid upper bound for any u.
 */
export function evaluateLagrangianBound(p: BinaryProgram, prices: ArrayLike<number>): number {
  const best = new Float64Array(p.numGroups);
  for (let g = 0; g < p.numGroups; g++) best[g] = p.mandatory[g] ? -Infinity : 0;
  for (let j = 0; j < p.numVars; j++) {
    let red = p.value[j]!;
    for (let k = p.colStart[j]!; k < p.colStart[j + 1]!; k++) red -= Math.max(0, prices[p.rowIndex[k]!]!) * p.coef[k]!;
    const g = p.groupOf[j]!;
    if (red > best[g]!) best[g] = red;
  }
  let val = 0;
  for (let i = 0; i < p.numRows; i++) val += Math.max(0, prices[i]!) * p.capacity[i]!;
  for (let g = 0; g < p.numGroups; g++) val += Number.isFinite(best[g]!) ? best[g]! : 0;
  return val;
}

/** The program with dependency and exclusion rows appended as ordinary rows (coefficients may be -1). */
function withRelationRows(p: BinaryProgram): BinaryProgram {
  const rel = (p.dependencies.length + p.exclusions.length) / 2;
  if (rel === 0) return p;
  const perGroup: { row: number; c: number }[][] = Array.from({ length: p.numGroups }, () => []);
  const capacity = new Float64Array(p.numRows + rel);
  capacity.set(p.capacity);
  let row = p.numRows;
  for (let k = 0; k < p.dependencies.length; k += 2, row++) {
    perGroup[p.dependencies[k]!]!.push({ row, c: 1 });
    perGroup[p.dependencies[k + 1]!]!.push({ row, c: -1 });
    capacity[row] = 0;
  }
  for (let k = 0; k < p.exclusions.length; k += 2, row++) {
    perGroup[p.exclusions[k]!]!.push({ row, c: 1 });
    perGroup[p.exclusions[k + 1]!]!.push({ row, c: 1 });
    capacity[row] = 1;
  }
  const colStart = new Int32Array(p.numVars + 1);
  const rowIndex: number[] = [];
  const coef: number[] = [];
  for (let j = 0; j < p.numVars; j++) {
    for (let k = p.colStart[j]!; k < p.colStart[j + 1]!; k++) {
      rowIndex.push(p.rowIndex[k]!);
      coef.push(p.coef[k]!);
    }
    for (const e of perGroup[p.groupOf[j]!]!) {
      rowIndex.push(e.row);
      coef.push(e.c);
    }
    colStart[j + 1] = rowIndex.length;
  }
  return { ...p, numRows: p.numRows + rel, capacity, colStart, rowIndex: Int32Array.from(rowIndex), coef: Float64Array.from(coef) };
}
