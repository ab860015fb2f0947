import type { BinaryProgram } from './binary-program.js';
import { SelectionState } from './selection-state.js';
import { createSeededRng } from '../rng.js';

/** Controls for the selection heuristic; time comes in through `now` (ms) so the code stays pure. */
export interface HeuristicOptions {
  /** Clock in milliseconds (e.g. performance.now); only differences are used. */
  now: () => number;
  /** Stop when now() passes this value. */
  deadline: number;
  seed?: number;
  /** Shadow price per row (e.g. LP duals) used for the pseudo-utility ratio; default 1/capacity. */
  rowPrices?: ArrayLike<number>;
  /** Starting solutions (0/1 per variable, need not be feasible: they are repaired). */
  startSolutions?: ArrayLike<number>[];
  populationSize?: number;
  /** Stop early once a solution reaches this value (e.g. the floor of an LP bound). */
  targetValue?: number;
  /** Apply swap local search to promising children up to this many variables, default 3000. */
  localSearchMaxVars?: number;
  /** Hard cap on GA children (for tests and determinism); default unlimited. */
  maxChildren?: number;
  /** Use the generic repair and swaps even for a plain knapsack (tests compare both paths). */
  generic?: boolean;
}

/** Result of the heuristic: a feasible 0/1 selection (feasible=false only when mandatory groups cannot all fit). */
export interface HeuristicResult {
  x: Uint8Array;
  value: number;
  feasible: boolean;
  children: number;
}

/** Variables sorted by decreasing pseudo-utility value / (sum of row price x coefficient). */
export function orderByUtility(p: BinaryProgram, rowPrices?: ArrayLike<number>): Int32Array {
  const price = new Float64Array(p.numRows);
  for (let i = 0; i < p.numRows; i++) {
    const given = rowPrices ? Math.abs(rowPrices[i]!) : 0;
    // Rows without a price still weigh a little so ties break towards lighter items.
    price[i] = given > 1e-12 ? given : (rowPrices ? 1e-6 : 1) / Math.max(1e-9, p.capacity[i]!);
  }
  const util = new Float64Array(p.numVars);
  for (let j = 0; j < p.numVars; j++) {
    let w = 0;
    for (let k = p.colStart[j]!; k < p.colStart[j + 1]!; k++) w += price[p.rowIndex[k]!]! * p.coef[k]!;
    util[j] = p.value[j]! / (w + 1e-12);
  }
  const order = new Int32Array(p.numVars);
  for (let j = 0; j < p.numVars; j++) order[j] = j;
  order.sort((a, b) => util[b]! - util[a]! || p.value[b]! - p.value[a]!);
  return order;
}

/**
 * Rebuilds `state` from a (possibly infeasible) wish vector: mandatory groups first, then wished
 * variables in utility order, then a greedy fill of everything else in utility order. Returns
 * false when some mandatory group could not be placed.
 */
export function repairInto(state: SelectionState, order: Int32Array, wish: ArrayLike<number> | null, mandatoryOnly = false): boolean {
  const p = state.program;
  state.reset();
  let mandatoryOk = true;
  // Mandatory groups: passes until no progress (dependencies among mandatory groups resolve in later passes).
  let pending = 0;
  for (let g = 0; g < p.numGroups; g++) if (p.mandatory[g]) pending++;
  for (let pass = 0; pending > 0 && pass < p.numGroups + 1; pass++) {
    let progress = false;
    for (let pass2 = 0; pass2 < 2; pass2++) {
      for (let r = 0; r < order.length; r++) {
        const j = order[r]!;
        const g = p.groupOf[j]!;
        if (!p.mandatory[g] || state.chosen[g] !== -1) continue;
        if (pass2 === 0 && wish && !(wish[j]! > 0.5)) continue;
        if (state.canAdd(j)) {
          state.add(j);
          pending--;
          progress = true;
        }
      }
    }
    if (!progress) break;
  }
  if (pending > 0) mandatoryOk = false;
  if (mandatoryOnly) return mandatoryOk;
  if (wish) {
    // A second pass only helps when a wished variable waits for a dependency added later in the order.
    const passes = p.dependencies.length > 0 ? 2 : 1;
    for (let pass = 0; pass < passes; pass++) {
      for (let r = 0; r < order.length; r++) {
        const j = order[r]!;
        if (wish[j]! > 0.5 && p.value[j]! > 0 && state.canAdd(j)) state.add(j);
      }
    }
  }
  for (let pass = 0; pass < 3; pass++) {
    let added = false;
    for (let r = 0; r < order.length; r++) {
      const j = order[r]!;
      if (p.value[j]! > 0 && state.canAdd(j)) {
        state.add(j);
        added = true;
      }
    }
    if (!added || p.dependencies.length === 0) break;
  }
  return mandatoryOk;
}

/**
 * First-improvement swap search: replace one chosen variable by a more valuable unchosen one that
 * fits in the freed capacity, then greedy-fill. Stops after maxMoves moves or when none improves.
 */
export function improveBySwaps(state: SelectionState, order: Int32Array, maxMoves: number, shouldStop: () => boolean = () => false): number {
  const p = state.program;
  const freed = new Float64Array(p.numRows);
  let moves = 0;
  outer: while (moves < maxMoves && !shouldStop()) {
    for (let g = 0; g < p.numGroups; g++) {
      const i = state.chosen[g]!;
      if (i === -1 || p.mandatory[g] || state.hasChosenDependents(g)) continue;
      for (let k = p.colStart[i]!; k < p.colStart[i + 1]!; k++) freed[p.rowIndex[k]!] = p.coef[k]!;
      let found = -1;
      for (let r = 0; r < order.length; r++) {
        const j = order[r]!;
        if (p.value[j]! <= p.value[i]! + 1e-9) continue;
        const gj = p.groupOf[j]!;
        if (gj !== g && state.chosen[gj] !== -1) continue;
        let fits = true;
        for (let k = p.colStart[j]!, e = p.colStart[j + 1]!; k < e; k++) {
          const row = p.rowIndex[k]!;
          if (p.coef[k]! > state.residual[row]! + freed[row]! + 1e-9) {
            fits = false;
            break;
          }
        }
        if (!fits) continue;
        state.removeGroup(g);
        if (state.canAdd(j)) {
          found = j;
          break;
        }
        state.add(i);
      }
      for (let k = p.colStart[i]!; k < p.colStart[i + 1]!; k++) freed[p.rowIndex[k]!] = 0;
      if (found >= 0) {
        state.add(found);
        for (let r = 0; r < order.length; r++) if (p.value[order[r]!]! > 0 && state.canAdd(order[r]!)) state.add(order[r]!);
        moves++;
        continue outer;
      }
    }
    break;
  }
  return moves;
}

/**
 * repairInto for a plain multidimensional knapsack (one variable per group, no relations, nothing mandatory): the
 * same result, faster, which is what the genetic algorithm spends its time on. Weights are dense and stored in
 * utility order, so both passes read memory sequentially, and rows are checked tightest first (highest price), so
 * an item that does not fit is usually refused on the first comparison.
 */
export class PlainRepair {
  private readonly w: Float64Array;
  private readonly vals: Float64Array;
  private readonly vars: Int32Array;
  /** Position in utility order of each variable. */
  private readonly posOf: Int32Array;
  private readonly rows: Int32Array;
  private readonly cap: Float64Array;
  private readonly res: Float64Array;
  private readonly m: number;

  constructor(p: BinaryProgram, order: Int32Array, rowPrices?: ArrayLike<number>) {
    const n = p.numVars;
    const m = p.numRows;
    this.m = m;
    this.rows = Int32Array.from({ length: m }, (_, i) => i).sort((a, b) => Math.abs(rowPrices?.[b] ?? 0) - Math.abs(rowPrices?.[a] ?? 0) || p.capacity[a]! - p.capacity[b]!);
    const pos = new Int32Array(m);
    this.rows.forEach((row, i) => (pos[row] = i));
    this.cap = Float64Array.from(this.rows, (row) => p.capacity[row]!);
    this.res = new Float64Array(m);
    this.w = new Float64Array(n * m);
    this.vals = new Float64Array(n);
    this.vars = Int32Array.from(order);
    this.posOf = new Int32Array(n);
    order.forEach((j, r) => (this.posOf[j] = r));
    for (let r = 0; r < n; r++) {
      const j = order[r]!;
      this.vals[r] = p.value[j]!;
      for (let k = p.colStart[j]!; k < p.colStart[j + 1]!; k++) this.w[r * m + pos[p.rowIndex[k]!]!] = p.coef[k]!;
    }
  }

  private fits(r: number): boolean {
    const base = r * this.m;
    const w = this.w;
    const res = this.res;
    for (let i = 0; i < this.m; i++) if (w[base + i]! > res[i]! + 1e-9) return false;
    return true;
  }

  private take(state: SelectionState, r: number): void {
    const base = r * this.m;
    const res = this.res;
    const w = this.w;
    for (let i = 0; i < this.m; i++) res[i]! -= w[base + i]!;
    const j = this.vars[r]!;
    state.chosen[j] = j;
    state.value += this.vals[r]!;
  }

  /** Rebuilds `state`: wished variables in utility order while they fit, then a greedy fill of the rest. */
  repair(state: SelectionState, wish: ArrayLike<number> | null): void {
    state.chosen.fill(-1);
    state.value = 0;
    this.res.set(this.cap);
    const n = this.vars.length;
    if (wish) {
      for (let r = 0; r < n; r++) {
        if (wish[this.vars[r]!]! > 0.5 && this.vals[r]! > 0 && this.fits(r)) this.take(state, r);
      }
    }
    for (let r = 0; r < n; r++) {
      if (state.chosen[this.vars[r]!] === -1 && this.vals[r]! > 0 && this.fits(r)) this.take(state, r);
    }
    this.writeBack(state);
  }

  private writeBack(state: SelectionState): void {
    for (let i = 0; i < this.m; i++) state.residual[this.rows[i]!] = this.res[i]!;
  }

  /**
   * improveBySwaps for plain programs, on the state the last repair() left: replace one chosen variable by a more
   * valuable unchosen one that fits in the freed capacity, greedy-fill, repeat (first improvement) up to maxMoves.
   */
  swaps(state: SelectionState, maxMoves: number, shouldStop: () => boolean): number {
    const n = this.vars.length;
    const m = this.m;
    const w = this.w;
    const res = this.res;
    const chosenAt = new Uint8Array(n);
    for (let r = 0; r < n; r++) chosenAt[r] = state.chosen[this.vars[r]!] === -1 ? 0 : 1;
    let moves = 0;
    outer: while (moves < maxMoves && !shouldStop()) {
      // Chosen variables in index order, candidates in utility order: the same moves as improveBySwaps.
      for (let g = 0; g < n; g++) {
        const a = this.posOf[g]!;
        if (!chosenAt[a]) continue;
        const va = this.vals[a]!;
        const ba = a * m;
        for (let r = 0; r < n; r++) {
          if (chosenAt[r] || this.vals[r]! <= va + 1e-9) continue;
          const br = r * m;
          let fits = true;
          for (let i = 0; i < m; i++) {
            if (w[br + i]! > res[i]! + w[ba + i]! + 1e-9) {
              fits = false;
              break;
            }
          }
          if (!fits) continue;
          for (let i = 0; i < m; i++) res[i]! += w[ba + i]! - w[br + i]!;
          chosenAt[a] = 0;
          chosenAt[r] = 1;
          state.chosen[this.vars[a]!] = -1;
          state.chosen[this.vars[r]!] = this.vars[r]!;
          state.value += this.vals[r]! - va;
          for (let q = 0; q < n; q++) {
            if (!chosenAt[q] && this.vals[q]! > 0 && this.fits(q)) {
              this.take(state, q);
              chosenAt[q] = 1;
            }
          }
          moves++;
          continue outer;
        }
      }
      break;
    }
    this.writeBack(state);
    return moves;
  }
}

function isPlain(p: BinaryProgram): boolean {
  if (p.numGroups !== p.numVars || p.dependencies.length > 0 || p.exclusions.length > 0) return false;
  for (let g = 0; g < p.numGroups; g++) if (p.mandatory[g] || p.groupOf[g] !== g) return false;
  return true;
}

function hashSelection(x: Uint8Array): number {
  let h = 2166136261;
  for (let j = 0; j < x.length; j++) {
    if (x[j]) h = Math.imul(h ^ j, 16777619);
  }
  return h >>> 0;
}

/**
 * Steady-state genetic algorithm after Chu & Beasley (1998): binary tournament, uniform crossover,
 * two-bit mutation, repair by pseudo-utility and no duplicates. Deterministic for a given seed and
 * child count; stops at the deadline, at maxChildren or when targetValue is reached.
 */
export function runSelectionHeuristic(p: BinaryProgram, options: HeuristicOptions): HeuristicResult {
  const rng = createSeededRng(options.seed ?? 1);
  const order = orderByUtility(p, options.rowPrices);
  const state = new SelectionState(p);
  const plain = !options.generic && isPlain(p) ? new PlainRepair(p, order, options.rowPrices) : null;
  const popSize = Math.max(2, options.populationSize ?? (p.numVars > 5000 ? 10 : p.numVars > 1000 ? 30 : 100));
  const pop: Uint8Array[] = [];
  const fit: number[] = [];
  const seen = new Set<number>();
  let feasible = true;
  const target = options.targetValue ?? Infinity;
  const push = (x: Uint8Array, v: number): void => {
    const h = hashSelection(x);
    if (seen.has(h)) return;
    seen.add(h);
    pop.push(x);
    fit.push(v);
  };
  feasible = repairInto(state, order, null);
  push(state.toVector(), state.value);
  for (const s of options.startSolutions ?? []) {
    if (repairInto(state, order, s)) push(state.toVector(), state.value);
  }
  if (!feasible) return { x: pop[0]!, value: fit[0]!, feasible: false, children: 0 };
  const n = p.numVars;
  const wish = new Uint8Array(n);
  let attempts = 0;
  // Initial population: random subsets repaired (they inherit the greedy fill, so they are good already).
  while (pop.length < popSize && attempts < popSize * 3 && options.now() < options.deadline) {
    attempts++;
    const density = 0.2 + 0.6 * rng();
    for (let j = 0; j < n; j++) wish[j] = rng() < density ? 1 : 0;
    if (plain) plain.repair(state, wish);
    else repairInto(state, order, wish);
    push(state.toVector(), state.value);
  }
  let best = 0;
  for (let i = 1; i < pop.length; i++) if (fit[i]! > fit[best]!) best = i;
  let children = 0;
  const stop = (): boolean => options.now() >= options.deadline;
  const localSearch = p.numVars <= (options.localSearchMaxVars ?? 3000);
  const maxChildren = options.maxChildren ?? Infinity;
  const tournament = (): number => {
    const a = Math.floor(rng() * pop.length);
    const b = Math.floor(rng() * pop.length);
    return fit[a]! >= fit[b]! ? a : b;
  };
  while (children < maxChildren && fit[best]! < target - 1e-9 && pop.length >= 2) {
    if ((children & 15) === 0 && options.now() >= options.deadline) break;
    children++;
    const pa = pop[tournament()]!;
    const pb = pop[tournament()]!;
    for (let j = 0; j < n; j++) wish[j] = rng() < 0.5 ? pa[j]! : pb[j]!;
    for (let k = 0; k < 2; k++) {
      const j = Math.floor(rng() * n);
      wish[j] = wish[j] ? 0 : 1;
    }
    if (plain) plain.repair(state, wish);
    else repairInto(state, order, wish);
    if (localSearch && state.value > fit[best]! * 0.995) {
      if (plain) plain.swaps(state, 50, stop);
      else improveBySwaps(state, order, 50, stop);
    }
    const child = state.toVector();
    const h = hashSelection(child);
    if (seen.has(h)) continue;
    let worst = 0;
    for (let i = 1; i < pop.length; i++) if (fit[i]! < fit[worst]!) worst = i;
    if (state.value <= fit[worst]!) continue;
    seen.delete(hashSelection(pop[worst]!));
    seen.add(h);
    pop[worst] = child;
    fit[worst] = state.value;
    if (state.value > fit[best]!) best = worst;
  }
  return { x: pop[best]!, value: fit[best]!, feasible: true, children };
}
