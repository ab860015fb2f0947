import type { Highs, Model, ModelData } from 'highs';
import {
  type BinaryProgram,
  evaluateSelection,
  findViolations,
} from '../../../domain/portfolio/selection/binary-program.js';
import { runSelectionHeuristic, orderByUtility, repairInto } from '../../../domain/portfolio/selection/selection-heuristic.js';
import { computeLagrangianBound, evaluateLagrangianBound } from '../../../domain/portfolio/selection/lagrangian-bound.js';
import { SelectionState } from '../../../domain/portfolio/selection/selection-state.js';
import { buildCoreProgram, expandCoreSolution } from '../../../domain/portfolio/selection/core-program.js';
import { improveByTargetedSwaps } from '../../../domain/portfolio/selection/targeted-swaps.js';
import { loadHighsSolver } from './highs-loader.js';

/** How a solve ended: proven optimal, feasible with a gap, infeasible, or heuristic only (no MIP bound). */
export type SolveStatus = 'optimal' | 'feasible' | 'infeasible' | 'heuristic';

/** Options for solveBinaryProgram. */
export interface SolveOptions {
  /** Wall-clock budget for the whole solve (LP + heuristic + MIP), default 10 000 ms. */
  timeLimitMs?: number;
  /** Share of the budget given to the heuristic before the MIP starts (0..1), default 0.5. */
  heuristicShare?: number;
  /**
   * Above this many matrix non-zeros HiGHS is skipped entirely (its LP takes seconds in
   * WebAssembly): the bound and the prices come from a Lagrangian relaxation. Default 400 000.
   */
  maxHighsNonZeros?: number;
  /** Share of the time the LP relaxation may take (small programs), default 0.4. */
  lpShare?: number;
  /** Share of the time for the heuristic before the core MIP (core mode), default 0.55. */
  coreShare?: number;
  /** Extra starting solutions for the heuristic (0/1 per variable; repaired if infeasible). */
  startSolutions?: ArrayLike<number>[];
  /** Above this many non-zeros the HiGHS MIP is skipped (LP bound + heuristic + core), default 60 000. */
  maxMipNonZeros?: number;
  /** Non-zeros of the core problem handed to HiGHS for large programs, default 120 000. */
  coreNonZeros?: number;
  /** Skip the MIP phase (LP bound + heuristic only). */
  skipMip?: boolean;
  seed?: number;
  /**
   * Relative MIP gap at which HiGHS may stop, default 0 (prove optimality). A run stopped at a
   * positive gap is reported as 'feasible' with that gap, never as 'optimal'.
   */
  mipRelGap?: number;
  /**
   * Programs with at most this many variables go to the exact MIP first (after a short heuristic
   * warm start) and get all the remaining time: branch and bound closes them in well under a second,
   * while the genetic algorithm cannot prove anything. Default 64; 0 turns the rule off.
   */
  exactFirstMaxVars?: number;
}

/** Share of the time, and child cap, of the warm-start heuristic before an exact-first MIP. */
const EXACT_FIRST_HEURISTIC_SHARE = 0.1;
const EXACT_FIRST_MAX_CHILDREN = 2000;
/** Share of the time after which an exact-first MIP gives up and the heuristic takes over. */
const EXACT_FIRST_MIP_END = 0.75;
/** Relative tolerance under which a bound equal to the value counts as proven (floating point). */
const PROOF_TOLERANCE = 1e-9;

/**
 * True when `bound` proves `value` optimal: equal within floating-point tolerance, or, when every
 * objective coefficient is an integer, no integer lies above the value and at or below the bound.
 */
export function boundProvesOptimal(value: number, bound: number, integralObjective: boolean): boolean {
  if (!Number.isFinite(bound)) return false;
  if (integralObjective && Math.floor(bound + 1e-6) <= value + 1e-9) return true;
  return bound - value <= PROOF_TOLERANCE * Math.max(1, Math.abs(value));
}

/** Result of solveBinaryProgram; `x` is a feasible 0/1 vector unless status is 'infeasible'. */
export interface SolveResult {
  status: SolveStatus;
  x: Uint8Array;
  value: number;
  /** Best proven upper bound (MIP dual bound, else LP relaxation), Infinity when none. */
  bound: number;
  lpBound: number;
  /** 100 * (bound - value) / max(1, |value|), 0 when optimal. */
  gapPct: number;
  timeMs: number;
  /** Which engine produced x. */
  source: 'mip' | 'heuristic';
  /** Where the bound comes from. */
  boundSource: 'mip' | 'lp' | 'lagrangian' | 'none';
  /** Raw HiGHS model status code of the MIP phase, when it ran. */
  mipModelStatus?: number;
  /** GA children the heuristic generated. */
  heuristicChildren?: number;
  /** LP row duals of the program's `<=` rows (shadow prices), when the LP ran. */
  rowDuals?: Float64Array;
}

const now = (): number => performance.now();

/** Builds HiGHS model data: the program rows, then group, dependency and exclusion rows. */
export function buildHighsModel(highs: Highs, p: BinaryProgram, integer: boolean): ModelData {
  const groupVars: number[][] = Array.from({ length: p.numGroups }, () => []);
  for (let j = 0; j < p.numVars; j++) groupVars[p.groupOf[j]!]!.push(j);
  const extraRows: { vars: number[]; coefs: number[]; lo: number; hi: number }[] = [];
  const colLower = new Float64Array(p.numVars);
  for (let g = 0; g < p.numGroups; g++) {
    const vars = groupVars[g]!;
    if (p.mandatory[g] && vars.length === 1) colLower[vars[0]!] = 1;
    else if (vars.length > 1 || p.mandatory[g]) {
      extraRows.push({ vars, coefs: vars.map(() => 1), lo: p.mandatory[g] ? 1 : -highs.infinity, hi: 1 });
    }
  }
  for (let k = 0; k < p.dependencies.length; k += 2) {
    const dep = groupVars[p.dependencies[k]!]!;
    const req = groupVars[p.dependencies[k + 1]!]!;
    extraRows.push({ vars: [...dep, ...req], coefs: [...dep.map(() => 1), ...req.map(() => -1)], lo: -highs.infinity, hi: 0 });
  }
  for (let k = 0; k < p.exclusions.length; k += 2) {
    const a = groupVars[p.exclusions[k]!]!;
    const b = groupVars[p.exclusions[k + 1]!]!;
    extraRows.push({ vars: [...a, ...b], coefs: [...a, ...b].map(() => 1), lo: -highs.infinity, hi: 1 });
  }
  // Extra entries per column, to merge into CSC.
  const extraCount = new Int32Array(p.numVars);
  for (const r of extraRows) for (const v of r.vars) extraCount[v]!++;
  const numRows = p.numRows + extraRows.length;
  const nnz = p.colStart[p.numVars]! + extraCount.reduce((s, c) => s + c, 0);
  const starts = new Int32Array(p.numVars + 1);
  for (let j = 0; j < p.numVars; j++) starts[j + 1] = starts[j]! + (p.colStart[j + 1]! - p.colStart[j]!) + extraCount[j]!;
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  const fill = starts.slice(0, p.numVars);
  for (let j = 0; j < p.numVars; j++) {
    for (let k = p.colStart[j]!; k < p.colStart[j + 1]!; k++) {
      indices[fill[j]!] = p.rowIndex[k]!;
      values[fill[j]!++] = p.coef[k]!;
    }
  }
  const rowLower = new Float64Array(numRows).fill(-highs.infinity);
  const rowUpper = new Float64Array(numRows);
  rowUpper.set(p.capacity);
  extraRows.forEach((r, i) => {
    const row = p.numRows + i;
    rowLower[row] = r.lo;
    rowUpper[row] = r.hi;
    r.vars.forEach((v, q) => {
      indices[fill[v]!] = row;
      values[fill[v]!++] = r.coefs[q]!;
    });
  });
  return {
    numCols: p.numVars,
    numRows,
    sense: highs.constants.objectiveSense.maximize,
    colCost: p.value,
    colLower,
    colUpper: new Float64Array(p.numVars).fill(1),
    rowLower,
    rowUpper,
    matrix: { format: 'csc', numRows, numCols: p.numVars, starts, indices, values },
    ...(integer ? { integrality: new Int32Array(p.numVars).fill(1) as Int32Array } : {}),
  } as ModelData;
}

function withModel<T>(highs: Highs, data: ModelData, fn: (m: Model) => T): T {
  const model = highs.createModel(data);
  try {
    return fn(model);
  } finally {
    model.dispose();
  }
}

function allIntegral(values: Float64Array): boolean {
  for (const v of values) if (!Number.isInteger(v)) return false;
  return true;
}

/**
 * Solves a BinaryProgram within timeLimitMs: LP relaxation (bound and shadow prices), a Chu-Beasley
 * style heuristic seeded with the LP (it stops as soon as it reaches the LP bound's integer floor),
 * then the HiGHS MIP warm-started from the heuristic. Small programs (exactFirstMaxVars) give the
 * heuristic a short warm-start slot and the MIP the rest, so they end as soon as HiGHS proves the
 * optimum. 'optimal' is reported only when a bound proves it (boundProvesOptimal). Large
 * programs (over maxMipNonZeros) use a Lagrangian bound, Lagrangian heuristic and HiGHS on core
 * problems instead; if HiGHS fails the heuristic answer stands. Never throws for infeasibility.
 */
export async function solveBinaryProgram(p: BinaryProgram, options: SolveOptions = {}): Promise<SolveResult> {
  const nnz = p.colStart[p.numVars]!;
  const useHighs = nnz <= (options.maxHighsNonZeros ?? 400_000);
  let highs: Highs | null = null;
  if (useHighs) {
    // Loading (compiling) the WebAssembly happens once per process, before the clock starts.
    try {
      highs = await loadHighsSolver();
    } catch {
      highs = null;
    }
  }
  const t0 = now();
  // Keep a margin for model building, disposal and HiGHS overshooting its own limit.
  const requested = options.timeLimitMs ?? 10_000;
  const limit = Math.max(1, requested - Math.min(150, requested * 0.04));
  const deadline = t0 + limit;
  // Large programs: HiGHS needs seconds for the LP alone, so they use the Lagrangian path and cores.
  const largeLp = nnz > (options.maxMipNonZeros ?? 60_000);
  const useMip = !options.skipMip && useHighs && !largeLp;
  let lpBound = Infinity;
  let boundSource: SolveResult['boundSource'] = 'none';
  let rowDuals: Float64Array | undefined;
  let lpX: Float64Array | undefined;
  let infeasibleProven = false;
  const extraStarts: Uint8Array[] = [];
  if (highs && !largeLp) {
    try {
      withModel(highs, buildHighsModel(highs, p, false), (m) => {
        m.options.set({ output_flag: false, time_limit: Math.max(0.05, (limit * (options.lpShare ?? 0.4)) / 1000), presolve: 'off' });
        m.run();
        const st = m.getModelStatus();
        if (st === highs!.constants.modelStatus.optimal) {
          lpBound = m.getObjectiveValue();
          boundSource = 'lp';
          const sol = m.getSolution();
          rowDuals = sol.rowDual.slice(0, p.numRows);
          lpX = sol.colValue;
        } else if (st === highs!.constants.modelStatus.infeasible) {
          infeasibleProven = true;
        }
      });
    } catch {
      // LP failure: continue with the Lagrangian bound and the heuristic.
    }
  }
  if (!rowDuals && !infeasibleProven) {
    // Lagrangian relaxation: valid bound and prices without an LP solve.
    const greedy = new SelectionState(p);
    repairInto(greedy, orderByUtility(p), null);
    let bestLagX = greedy.toVector();
    let bestLagValue = greedy.value;
    const work = new SelectionState(p);
    const lag = computeLagrangianBound(p, {
      now,
      deadline: Math.max(t0 + limit * (largeLp ? 0.65 : 0.4), now() + limit * 0.2),
      lowerBound: greedy.value,
      primalEvery: 20,
      primal: (prices, relaxedX) => {
        repairInto(work, orderByUtility(p, prices), relaxedX);
        if (work.value > bestLagValue) {
          bestLagValue = work.value;
          bestLagX = work.toVector();
        }
        return work.value;
      },
    });
    // Targeted swaps on the best Lagrangian selection.
    const polished = new SelectionState(p);
    const lagOrder = orderByUtility(p, lag.prices);
    repairInto(polished, lagOrder, bestLagX);
    improveByTargetedSwaps(polished, lagOrder, lag.prices, 2000, 3, () => now() > t0 + limit * 0.6);
    extraStarts.push(polished.value >= bestLagValue ? polished.toVector() : bestLagX);
    lpBound = lag.bound;
    boundSource = 'lagrangian';
    rowDuals = lag.prices;
    lpX = Float64Array.from(lag.x);
  }
  const integral = allIntegral(p.value);
  const target = Number.isFinite(lpBound) ? (integral ? Math.floor(lpBound + 1e-6) : lpBound - 1e-9) : Infinity;
  const share = options.heuristicShare ?? 0.5;
  const coreMode = !options.skipMip && (boundSource === 'lagrangian' || largeLp || options.coreNonZeros !== undefined);
  // Small programs: the exact MIP proves them quickly; the heuristic only provides its warm start.
  const exactFirst = useMip && highs !== null && !coreMode && !infeasibleProven && p.numVars <= (options.exactFirstMaxVars ?? 64);
  const heurShare = coreMode ? (options.coreShare ?? (largeLp ? 0.72 : 0.55)) : exactFirst ? EXACT_FIRST_HEURISTIC_SHARE : share;
  const heurDeadline = (useMip && highs) || coreMode ? t0 + (deadline - t0) * heurShare : deadline;
  const starts: ArrayLike<number>[] = lpX ? [Array.from(lpX, (v) => (v > 0.999 ? 1 : 0)), Array.from(lpX, (v) => (v > 0.5 ? 1 : 0))] : [];
  starts.push(...extraStarts, ...(options.startSolutions ?? []));
  const heur = runSelectionHeuristic(p, {
    now,
    deadline: Math.max(heurDeadline, now() + 1),
    seed: options.seed ?? 1,
    ...(rowDuals ? { rowPrices: rowDuals } : {}),
    startSolutions: starts,
    targetValue: target,
    ...(exactFirst ? { maxChildren: EXACT_FIRST_MAX_CHILDREN } : {}),
  });
  let best: SolveResult = {
    status: 'heuristic',
    x: heur.x,
    value: heur.value,
    bound: lpBound,
    lpBound,
    gapPct: 0,
    timeMs: 0,
    source: 'heuristic',
    boundSource,
    heuristicChildren: heur.children,
    ...(rowDuals ? { rowDuals } : {}),
  };
  if (!heur.feasible) best.status = 'infeasible';
  if (infeasibleProven) best.status = 'infeasible';
  const reachedBound = heur.feasible && heur.value >= target - 1e-9;
  if (reachedBound) best.status = 'optimal';
  if (coreMode && heur.feasible && !reachedBound && rowDuals) {
    // Core problems around the incumbent, small enough for HiGHS, growing while time remains.
    let coreNnz = options.coreNonZeros ?? 100_000;
    for (let round = 0; round < 4 && now() < deadline - 150; round++) {
      const core = buildCoreProgram(p, best.x, rowDuals, coreNnz);
      const coreStart = new Uint8Array(core.core.numVars);
      core.coreVars.forEach((j, q) => (coreStart[q] = best.x[j]!));
      const whole = core.core.numVars === p.numVars;
      try {
        const r = await solveBinaryProgram(core.core, {
          ...options,
          coreNonZeros: undefined,
          // A core's optimum is not the program's: stopping it at a small gap leaves time for the next round.
          mipRelGap: options.mipRelGap ?? 1e-4,
          timeLimitMs: Math.max(50, whole ? deadline - now() - 50 : (deadline - now()) * 0.6),
          heuristicShare: 0.3,
          maxHighsNonZeros: Infinity,
          maxMipNonZeros: Infinity,
          startSolutions: [coreStart],
        });
        if (r.rowDuals && r.boundSource !== 'lagrangian' && round === 0) {
          // The core LP's row prices also give a valid bound for the full program.
          const lb = evaluateLagrangianBound(p, Float64Array.from(r.rowDuals, Math.abs));
          if (lb < best.bound) best.bound = lb;
        }
        if (r.status !== 'infeasible') {
          const x = expandCoreSolution(p, core, r.x);
          if (findViolations(p, x).length === 0) {
            const v = evaluateSelection(p, x);
            if (v > best.value + 1e-9) best = { ...best, x, value: v, source: r.source };
          }
        }
      } catch {
        // Core failure: keep the current answer.
      }
      if (whole) break;
      coreNnz *= 2;
    }
  }
  if (useMip && highs && !coreMode && !reachedBound && !infeasibleProven && now() < deadline - 20) {
    try {
      withModel(highs, buildHighsModel(highs, p, true), (m) => {
        // Exact first: keep the last part of the time for the heuristic in case the MIP cannot prove it.
        const mipEnd = exactFirst ? t0 + (deadline - t0) * EXACT_FIRST_MIP_END : deadline;
        const seconds = Math.max(0.02, (mipEnd - now()) / 1000);
        m.options.set({ output_flag: false, time_limit: seconds, mip_rel_gap: options.mipRelGap ?? 0 });
        if (heur.feasible) m.setSolution({ colValue: Float64Array.from(heur.x) });
        m.run();
        const st = m.getModelStatus();
        best.mipModelStatus = st;
        const c = highs!.constants.modelStatus;
        if (st === c.infeasible) {
          best.status = 'infeasible';
          return;
        }
        const dual = Number(m.info.get('mip_dual_bound'));
        if (Number.isFinite(dual) && dual < best.bound) {
          best.bound = dual;
          best.boundSource = 'mip';
        }
        const sol = m.getSolution();
        const x = Uint8Array.from(sol.colValue, (v) => (v > 0.5 ? 1 : 0));
        if (findViolations(p, x).length === 0) {
          const v = evaluateSelection(p, x);
          if (v > best.value + 1e-9) best = { ...best, x, value: v, source: 'mip' };
        }
        // HiGHS says optimal also when it stopped at mip_rel_gap: the final check below decides.
        if (best.status !== 'infeasible') best.status = 'feasible';
      });
    } catch {
      // MIP failure: the heuristic answer stands.
    }
    if (exactFirst && best.status === 'feasible' && !boundProvesOptimal(best.value, best.bound, integral) && now() < deadline - 5) {
      // The MIP ran out of its share (a loaded machine, a harder small program): the genetic
      // algorithm, seeded with the MIP's answer, uses the rest and stops at the MIP bound's floor.
      const tail = runSelectionHeuristic(p, {
        now,
        deadline,
        seed: (options.seed ?? 1) + 1,
        ...(rowDuals ? { rowPrices: rowDuals } : {}),
        startSolutions: [best.x, ...starts],
        targetValue: integral ? Math.floor(best.bound + 1e-6) : best.bound - 1e-9,
      });
      best.heuristicChildren = (best.heuristicChildren ?? 0) + tail.children;
      if (tail.feasible && tail.value > best.value + 1e-9) best = { ...best, x: tail.x, value: tail.value, source: 'heuristic' };
    }
  }
  if (best.status !== 'infeasible' && best.source === 'mip') {
    // A MIP stopped by the time limit may leave room: greedy-fill so every fitting project is in.
    const fillState = new SelectionState(p);
    for (let j = 0; j < p.numVars; j++) if (best.x[j]) fillState.add(j);
    const order = orderByUtility(p, rowDuals);
    for (let r = 0; r < order.length; r++) {
      const j = order[r]!;
      if (p.value[j]! > 0 && fillState.canAdd(j)) fillState.add(j);
    }
    if (fillState.value > best.value + 1e-9) best = { ...best, x: fillState.toVector(), value: fillState.value };
  }
  // Optimal only when proven: the incumbent reached the LP floor (set above) or a bound closes the gap.
  if ((best.status === 'heuristic' || best.status === 'feasible') && boundProvesOptimal(best.value, best.bound, integral)) {
    best.status = 'optimal';
  }
  if (best.status === 'optimal') best.bound = Math.min(best.bound, best.value);
  best.gapPct = Number.isFinite(best.bound) ? (100 * Math.max(0, best.bound - best.value)) / Math.max(1, Math.abs(best.value)) : Infinity;
  if (best.status === 'optimal') best.gapPct = 0;
  best.timeMs = now() - t0;
  return best;
}
