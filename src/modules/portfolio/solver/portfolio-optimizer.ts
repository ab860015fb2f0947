import type { BinaryProgram } from '../../../domain/portfolio/selection/binary-program.js';
import { compileSelection, type CompiledSelection, type SelectionProblem } from '../../../domain/portfolio/selection/selection-model.js';
import { findSelectionConflicts, type SelectionConflict } from '../../../domain/portfolio/selection/selection-checks.js';
import { explainExclusions, type ExclusionExplanation, type ExclusionReason } from '../../../domain/portfolio/selection/selection-explain.js';
import { computeSelectionUsage, type Pick, type SelectionUsage } from '../../../domain/portfolio/selection/scenario-compare.js';
import { SelectionState } from '../../../domain/portfolio/selection/selection-state.js';
import { orderByUtility, repairInto, runSelectionHeuristic } from '../../../domain/portfolio/selection/selection-heuristic.js';
import { findViolations } from '../../../domain/portfolio/selection/binary-program.js';
import { boundProvesOptimal, solveBinaryProgram, type SolveOptions, type SolveResult, type SolveStatus } from './binary-program-solver.js';

/** Options of optimizePortfolio: solver budget plus an optional factor on every budget row. */
export interface OptimizeOptions extends SolveOptions {
  /** Multiplies every budget (not capacity) limit, e.g. 0.8 for "what if we had 80 %". Default 1. */
  budgetFactor?: number;
  /** How many binding rows to list per excluded candidate, default 5. */
  maxReasonRows?: number;
}

/** Outcome of an optimisation: the chosen projects, why the others are out, or why nothing is feasible. */
export interface SelectionResult {
  status: SolveStatus;
  /** Objective value of the selection (score, NPV cents or blend units). */
  objectiveValue: number;
  /** Proven upper bound on the objective (MIP dual bound or LP relaxation). */
  bound: number;
  gapPct: number;
  timeMs: number;
  source: 'mip' | 'heuristic' | 'none';
  selected: Pick[];
  excluded: ExclusionExplanation[];
  /** Non-empty only when status is 'infeasible'. */
  conflicts: SelectionConflict[];
  usage: SelectionUsage | null;
}

function emptyResult(conflicts: SelectionConflict[], timeMs: number): SelectionResult {
  return { status: 'infeasible', objectiveValue: 0, bound: -Infinity, gapPct: 0, timeMs, source: 'none', selected: [], excluded: [], conflicts, usage: null };
}

/** Explains an infeasible mandatory set: which mandatory projects could not be placed and which rows block them. */
function diagnoseMandatory(problem: SelectionProblem, compiled: CompiledSelection): SelectionConflict[] {
  const prog = compiled.program;
  const state = new SelectionState(prog);
  repairInto(state, orderByUtility(prog), null, true);
  const x = state.toVector();
  const placed = problem.candidates.filter((_, g) => prog.mandatory[g] && state.chosen[g] !== -1).map((c) => c.id);
  const out: SelectionConflict[] = [];
  for (const e of explainExclusions(problem, compiled, x, 10)) {
    const g = compiled.candidateIndex.get(e.candidateId)!;
    if (!prog.mandatory[g]) continue;
    const limits = e.reasons.filter((r): r is Extract<ExclusionReason, { kind: 'limit' }> => r.kind === 'limit');
    out.push({
      kind: 'mandatory-combination',
      candidateIds: [e.candidateId, ...placed],
      rows: limits.map((r) => r.row),
      message: `mandatory "${e.candidateId}" does not fit next to the other mandatory projects at any start; least blocked start: ${e.reasons.map((r) => r.message).join("; ") || "none"}`,
    });
  }
  if (out.length === 0) {
    out.push({ kind: 'mandatory-combination', candidateIds: placed, rows: [], message: 'the mandatory projects cannot all be scheduled within the limits (no start combination fits)' });
  }
  return out;
}

/** Decodes a 0/1 vector into picks. */
function toPicks(problem: SelectionProblem, compiled: CompiledSelection, x: ArrayLike<number>): Pick[] {
  const picks: Pick[] = [];
  for (let j = 0; j < compiled.program.numVars; j++) {
    if (x[j]! > 0.5) picks.push({ candidateId: problem.candidates[compiled.varCandidate[j]!]!.id, startPeriod: compiled.varStart[j]! });
  }
  return picks;
}

/**
 * Chooses the candidates (and start periods) that maximise the objective within budgets per
 * period, role capacity per period, dependencies, exclusions and mandatory projects. Runs the
 * HiGHS MIP under `timeLimitMs` after a heuristic warm start; explains every excluded candidate;
 * returns status 'infeasible' with conflicts (never throws) when no selection can satisfy the
 * constraints. Structural input errors throw PortfolioError.
 */
export async function optimizePortfolio(problem: SelectionProblem, options: OptimizeOptions = {}): Promise<SelectionResult> {
  const t0 = performance.now();
  const compiled = compileSelection(problem, options.budgetFactor ?? 1);
  const conflicts = findSelectionConflicts(problem, compiled);
  if (conflicts.length > 0) return emptyResult(conflicts, performance.now() - t0);
  const r = await solveBinaryProgram(compiled.program, options);
  if (r.status === 'infeasible') return emptyResult(diagnoseMandatory(problem, compiled), performance.now() - t0);
  const selected = toPicks(problem, compiled, r.x);
  return {
    status: r.status,
    objectiveValue: r.value,
    bound: r.bound,
    gapPct: r.gapPct,
    timeMs: performance.now() - t0,
    source: r.source,
    selected,
    excluded: explainExclusions(problem, compiled, r.x, options.maxReasonRows ?? 5),
    conflicts: [],
    usage: computeSelectionUsage(problem, selected),
  };
}

/** One point of the efficient frontier. */
export interface FrontierPoint {
  budgetFactor: number;
  /** Sum of all budget limits at this factor, cents. */
  budgetCents: number;
  objectiveValue: number;
  bound: number;
  gapPct: number;
  status: SolveStatus;
  /** Money actually committed (capex + opex within the horizon), cents. */
  spentCents: number;
  selectedIds: string[];
}

/** Options for computeEfficientFrontier. */
export interface FrontierOptions extends SolveOptions {
  /** Number of budget levels (default 20): factors i/points for i = 1..points, unless `factors` is given. */
  points?: number;
  factors?: number[];
  /** Time budget per point, default timeLimitMs / points or 500 ms. */
  pointTimeLimitMs?: number;
  /**
   * Share of the total time kept for the second, descending pass (default 0.35): the genetic algorithm,
   * priced with each point's LP duals from the first pass, restarts from the point's own selection and
   * both neighbours' (the higher one repaired down to this budget). 0 turns the pass off.
   */
  repairPassShare?: number;
}

function scaledBudgets(base: BinaryProgram, compiled: CompiledSelection, factor: number): BinaryProgram {
  const capacity = Float64Array.from(base.capacity, (v, i) => (compiled.rows[i]!.kind === 'budget' ? v * factor : v));
  return { ...base, capacity };
}

interface PointSolve {
  factor: number;
  prog: BinaryProgram;
  r: SolveResult;
}

function gapOf(value: number, bound: number): number {
  return Number.isFinite(bound) ? (100 * Math.max(0, bound - value)) / Math.max(1, Math.abs(value)) : Infinity;
}

/**
 * Best objective value at several budget levels (every budget row scaled by the factor).
 *
 * First pass, ascending budgets: each point gets a full solve (LP, heuristic, MIP) with part of its time,
 * warm-started from the previous point's selection (which stays feasible at a higher budget). Second pass,
 * descending: the rest of the time goes to the genetic algorithm at each point that is not proven optimal,
 * priced with that point's LP duals (no second LP) and started from its own selection, the next-higher
 * point's selection (repaired down to this budget) and the next-lower one's. A point whose LP did not finish
 * in the first pass (cold WebAssembly, a loaded machine) is solved again first. Bounds and values are then
 * made consistent: a bound at a higher budget also bounds every lower budget, and a selection at a lower
 * budget is feasible at every higher one.
 */
export async function computeEfficientFrontier(problem: SelectionProblem, options: FrontierOptions = {}): Promise<FrontierPoint[]> {
  const n = options.points ?? 20;
  const factors = options.factors ?? Array.from({ length: n }, (_, i) => (i + 1) / n);
  const compiled = compileSelection(problem, 1);
  const perPoint = options.pointTimeLimitMs ?? (options.timeLimitMs ? options.timeLimitMs / factors.length : 500);
  const repairShare = Math.min(0.9, Math.max(0, options.repairPassShare ?? 0.35));
  const tStart = performance.now();
  const end = tStart + perPoint * factors.length;
  let budgetTotal = 0;
  compiled.rows.forEach((row, i) => {
    if (row.kind === 'budget') budgetTotal += compiled.program.capacity[i]!;
  });
  const integral = compiled.program.value.every((v) => Number.isInteger(v));
  // Ascending budgets: the previous point's selection stays feasible and warm-starts the next.
  const sorted = [...factors].sort((a, b) => a - b);
  const solves: PointSolve[] = [];
  let previous: Uint8Array | null = null;
  for (const f of sorted) {
    const prog = scaledBudgets(compiled.program, compiled, f);
    const r = await solveBinaryProgram(prog, {
      lpShare: 0.7,
      ...options,
      timeLimitMs: perPoint * (1 - repairShare),
      ...(previous ? { startSolutions: [previous] } : {}),
    });
    if (r.status !== 'infeasible') previous = r.x;
    solves.push({ factor: f, prog, r });
  }
  const open = (s: PointSolve): boolean => s.r.status !== 'infeasible' && s.r.status !== 'optimal';
  if (repairShare > 0) {
    // Points whose LP failed (Lagrangian bound only, although HiGHS should handle them): solve again.
    const expectsLp = compiled.program.colStart[compiled.program.numVars]! <= (options.maxMipNonZeros ?? 60_000);
    for (const s of solves) {
      if (!expectsLp || !open(s) || s.r.boundSource === 'lp' || s.r.boundSource === 'mip') continue;
      const slot = Math.min(perPoint, end - performance.now());
      if (slot < perPoint * 0.5) break;
      const r = await solveBinaryProgram(s.prog, { lpShare: 0.7, ...options, timeLimitMs: slot, startSolutions: [s.r.x] });
      if (r.status !== 'infeasible' && r.bound <= s.r.bound) s.r = r.value >= s.r.value ? r : { ...r, x: s.r.x, value: s.r.value, source: s.r.source };
    }
    // Descending: the higher neighbour's selection, repaired to this budget, is a new start.
    for (let i = solves.length - 1; i >= 0; i--) {
      const s = solves[i]!;
      if (!open(s)) continue;
      let remaining = 0;
      for (let k = 0; k <= i; k++) if (open(solves[k]!)) remaining++;
      const deadline = performance.now() + (end - performance.now()) / remaining;
      if (deadline - performance.now() < 5) continue;
      const starts: ArrayLike<number>[] = [s.r.x];
      const higher = solves[i + 1];
      const lower = solves[i - 1];
      if (higher && higher.r.status !== 'infeasible') starts.push(higher.r.x);
      if (lower && lower.r.status !== 'infeasible') starts.push(lower.r.x);
      const bound = s.r.bound;
      const heur = runSelectionHeuristic(s.prog, {
        now: () => performance.now(),
        deadline,
        seed: (options.seed ?? 1) + 1 + i,
        ...(s.r.rowDuals ? { rowPrices: s.r.rowDuals } : {}),
        startSolutions: starts,
        ...(Number.isFinite(bound) ? { targetValue: integral ? Math.floor(bound + 1e-6) : bound - 1e-9 } : {}),
      });
      if (heur.feasible && heur.value > s.r.value + 1e-9) s.r = { ...s.r, x: heur.x, value: heur.value, source: 'heuristic' };
    }
  }
  // A bound at a higher budget bounds every lower one; a lower budget's selection fits every higher one.
  for (let i = solves.length - 2; i >= 0; i--) {
    const s = solves[i]!;
    const b = solves[i + 1]!.r.bound;
    if (s.r.status !== 'infeasible' && b < s.r.bound) s.r = { ...s.r, bound: b };
  }
  for (let i = 1; i < solves.length; i++) {
    const s = solves[i]!;
    const lower = solves[i - 1]!.r;
    if (lower.status !== 'infeasible' && lower.value > s.r.value + 1e-9 && findViolations(s.prog, lower.x).length === 0) {
      s.r = { ...s.r, x: lower.x, value: lower.value, status: s.r.status === 'infeasible' ? 'heuristic' : s.r.status };
    }
  }
  const out: FrontierPoint[] = [];
  for (const { factor: f, r } of solves) {
    let status = r.status;
    let bound = r.bound;
    if ((status === 'heuristic' || status === 'feasible') && boundProvesOptimal(r.value, bound, integral)) status = 'optimal';
    if (status === 'optimal') bound = Math.min(bound, r.value);
    const gapPct = status === 'optimal' ? 0 : status === 'infeasible' ? r.gapPct : gapOf(r.value, bound);
    const picks = status === 'infeasible' ? [] : toPicks(problem, compiled, r.x);
    const usage = computeSelectionUsage(problem, picks);
    out.push({
      budgetFactor: f,
      budgetCents: Math.round(budgetTotal * f),
      objectiveValue: status === 'infeasible' ? Number.NaN : r.value,
      bound,
      gapPct,
      status,
      spentCents: usage.capexCents.reduce((s, v) => s + v, 0) + usage.opexCents.reduce((s, v) => s + v, 0),
      selectedIds: picks.map((p) => p.candidateId),
    });
  }
  return out;
}
