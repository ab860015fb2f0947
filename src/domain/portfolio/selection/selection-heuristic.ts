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
    for (let pass = 0; pass < 2; pass++) {
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
    repairInto(state, order, wish);
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
    repairInto(state, order, wish);
    if (localSearch && state.value > fit[best]! * 0.995) improveBySwaps(state, order, 50, stop);
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
