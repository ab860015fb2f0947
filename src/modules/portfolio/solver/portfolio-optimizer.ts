import type { BinaryProgram } from '../../../domain/portfolio/selection/binary-program.js';
import { compileSelection, type CompiledSelection, type SelectionProblem } from '../../../domain/portfolio/selection/selection-model.js';
import { findSelectionConflicts, type SelectionConflict } from '../../../domain/portfolio/selection/selection-checks.js';
import { explainExclusions, type ExclusionExplanation, type ExclusionReason } from '../../../domain/portfolio/selection/selection-explain.js';
import { computeSelectionUsage, type Pick, type SelectionUsage } from '../../../domain/portfolio/selection/scenario-compare.js';
import { SelectionState } from '../../../domain/portfolio/selection/selection-state.js';
import { orderByUtility, repairInto } from '../../../domain/portfolio/selection/selection-heuristic.js';
import { solveBinaryProgram, type SolveOptions, type SolveStatus } from './binary-program-solver.js';

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
}

function scaledBudgets(base: BinaryProgram, compiled: CompiledSelection, factor: number): BinaryProgram {
  const capacity = Float64Array.from(base.capacity, (v, i) => (compiled.rows[i]!.kind === 'budget' ? v * factor : v));
  return { ...base, capacity };
}

/** Best objective value at several budget levels (every budget row scaled by the factor). */
export async function computeEfficientFrontier(problem: SelectionProblem, options: FrontierOptions = {}): Promise<FrontierPoint[]> {
  const n = options.points ?? 20;
  const factors = options.factors ?? Array.from({ length: n }, (_, i) => (i + 1) / n);
  const compiled = compileSelection(problem, 1);
  const perPoint = options.pointTimeLimitMs ?? (options.timeLimitMs ? options.timeLimitMs / factors.length : 500);
  let budgetTotal = 0;
  compiled.rows.forEach((row, i) => {
    if (row.kind === 'budget') budgetTotal += compiled.program.capacity[i]!;
  });
  const out: FrontierPoint[] = [];
  // Ascending budgets: the previous point's selection stays feasible and warm-starts the next.
  const sorted = [...factors].sort((a, b) => a - b);
  let previous: Uint8Array | null = null;
  for (const f of sorted) {
    const prog = scaledBudgets(compiled.program, compiled, f);
    const r = await solveBinaryProgram(prog, { lpShare: 0.7, ...options, timeLimitMs: perPoint, ...(previous ? { startSolutions: [previous] } : {}) });
    if (r.status !== 'infeasible') previous = r.x;
    const picks = r.status === 'infeasible' ? [] : toPicks(problem, compiled, r.x);
    const usage = computeSelectionUsage(problem, picks);
    out.push({
      budgetFactor: f,
      budgetCents: Math.round(budgetTotal * f),
      objectiveValue: r.status === 'infeasible' ? Number.NaN : r.value,
      bound: r.bound,
      gapPct: r.gapPct,
      status: r.status,
      spentCents: usage.capexCents.reduce((s, v) => s + v, 0) + usage.opexCents.reduce((s, v) => s + v, 0),
      selectedIds: picks.map((p) => p.candidateId),
    });
  }
  return out;
}


