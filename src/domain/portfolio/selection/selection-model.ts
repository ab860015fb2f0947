import { PortfolioError } from '../portfolio-errors.js';
import type { BinaryProgram } from './binary-program.js';

/** A candidate project for selection. Profiles are relative to its start period (index 0 = start). */
export interface SelectionCandidate {
  id: string;
  name?: string;
  /** Score from the scoring model (any non-negative scale, e.g. 0..100). */
  score: number;
  /** Net present value in integer cents (may be negative). */
  npvCents: number;
  /** Capital cost per period from the start, integer cents. */
  capexCents: number[];
  /** Operating cost per period from the start, integer cents. */
  opexCents: number[];
  /** Resource demand per role per period from the start (hours, FTE... same unit as capacity). */
  demand: Record<string, number[]>;
  /** Earliest start period (default 0). */
  earliestStart?: number;
  /** Latest start period (default earliestStart): one 0/1 variable per start in the window. */
  latestStart?: number;
  mandatory?: boolean;
  /** Candidates this one needs (B needs A: B.dependsOn = [A]). */
  dependsOn?: string[];
  /** Candidates that cannot be selected together with this one. */
  excludes?: string[];
}

/** What to maximise: total score, total NPV, or a blend of both normalised to their maxima. */
export type SelectionObjective = { kind: 'score' } | { kind: 'npv' } | { kind: 'blend'; scoreWeight: number };

/** A selection problem over `periodLabels.length` periods (monthly or quarterly: the labels say which). */
export interface SelectionProblem {
  periodLabels: string[];
  /** Budgets per period in integer cents; omitted arrays are unconstrained. */
  budget: { capexCents?: number[]; opexCents?: number[]; totalCents?: number[] };
  /** Capacity per role per period (same unit as candidates' demand). */
  capacity: Record<string, number[]>;
  objective: SelectionObjective;
  candidates: SelectionCandidate[];
}

/** Meaning of one constraint row, for explanations. */
export type RowInfo =
  | { kind: 'budget'; budget: 'capex' | 'opex' | 'total'; period: number }
  | { kind: 'capacity'; roleId: string; period: number };

/** The compiled program plus the maps back to candidates, starts and row meanings. */
export interface CompiledSelection {
  program: BinaryProgram;
  rows: RowInfo[];
  /** Candidate index of each variable. */
  varCandidate: Int32Array;
  /** Start period of each variable. */
  varStart: Int32Array;
  /** Candidate index by id. */
  candidateIndex: Map<string, number>;
}

function isNonNegArray(a: unknown): a is number[] {
  return Array.isArray(a) && a.every((v) => typeof v === 'number' && Number.isFinite(v) && v >= 0);
}

/** Throws PortfolioError naming the first structural problem (lengths, numbers, unknown ids, duplicates). */
export function validateSelectionProblem(p: SelectionProblem): void {
  const T = p.periodLabels.length;
  if (T === 0) throw new PortfolioError('INVALID_MODEL', 'a selection needs at least one period');
  for (const [k, arr] of Object.entries(p.budget)) {
    if (arr === undefined) continue;
    if (!isNonNegArray(arr) || arr.length !== T) throw new PortfolioError('INVALID_MODEL', `budget ${k} must hold ${T} non-negative numbers`);
  }
  for (const [role, arr] of Object.entries(p.capacity)) {
    if (!isNonNegArray(arr) || arr.length !== T) throw new PortfolioError('INVALID_MODEL', `capacity of role "${role}" must hold ${T} non-negative numbers`);
  }
  const o = p.objective;
  if (o.kind === 'blend' && !(o.scoreWeight >= 0 && o.scoreWeight <= 1)) throw new PortfolioError('INVALID_MODEL', 'blend scoreWeight must be within 0..1');
  const ids = new Set<string>();
  for (const c of p.candidates) {
    if (ids.has(c.id)) throw new PortfolioError('INVALID_MODEL', `candidate id "${c.id}" is used twice`);
    ids.add(c.id);
  }
  for (const c of p.candidates) {
    const where = `candidate "${c.id}"`;
    if (!(c.score >= 0) || !Number.isFinite(c.score)) throw new PortfolioError('INVALID_MODEL', `${where}: score must be a finite number >= 0`);
    if (!Number.isSafeInteger(c.npvCents)) throw new PortfolioError('INVALID_MODEL', `${where}: npvCents must be an integer`);
    if (!isNonNegArray(c.capexCents) || !isNonNegArray(c.opexCents)) throw new PortfolioError('INVALID_MODEL', `${where}: capexCents/opexCents must be arrays of non-negative numbers`);
    for (const [role, arr] of Object.entries(c.demand)) {
      if (!(role in p.capacity)) throw new PortfolioError('UNKNOWN_REFERENCE', `${where}: demand for unknown role "${role}"`);
      if (!isNonNegArray(arr)) throw new PortfolioError('INVALID_MODEL', `${where}: demand of role "${role}" must be non-negative numbers`);
    }
    const es = c.earliestStart ?? 0;
    const ls = c.latestStart ?? es;
    if (!Number.isInteger(es) || !Number.isInteger(ls) || es < 0 || ls < es) throw new PortfolioError('INVALID_MODEL', `${where}: need integers 0 <= earliestStart <= latestStart`);
    for (const d of [...(c.dependsOn ?? []), ...(c.excludes ?? [])]) {
      if (!ids.has(d)) throw new PortfolioError('UNKNOWN_REFERENCE', `${where}: refers to unknown candidate "${d}"`);
      if (d === c.id) throw new PortfolioError('INVALID_MODEL', `${where}: refers to itself`);
    }
  }
}

/** Objective coefficient of each candidate under the problem's objective (blend: both parts scaled to max 1). */
export function candidateValues(p: SelectionProblem): Float64Array {
  const o = p.objective;
  const maxScore = Math.max(1e-12, ...p.candidates.map((c) => c.score));
  const maxNpv = Math.max(1e-12, ...p.candidates.map((c) => Math.abs(c.npvCents)));
  return Float64Array.from(p.candidates, (c) => {
    if (o.kind === 'score') return c.score;
    if (o.kind === 'npv') return c.npvCents;
    return (o.scoreWeight * c.score) / maxScore + ((1 - o.scoreWeight) * c.npvCents) / maxNpv;
  });
}

/**
 * Compiles a validated problem into a BinaryProgram: one variable per candidate x start in its
 * window (starts after the last period are dropped; profile parts past the horizon are ignored),
 * rows per budget kind x period and role x period. `budgetFactor` scales every budget row.
 */
export function compileSelection(p: SelectionProblem, budgetFactor = 1): CompiledSelection {
  validateSelectionProblem(p);
  const T = p.periodLabels.length;
  const rows: RowInfo[] = [];
  const capacity: number[] = [];
  const budgetRow: Record<'capex' | 'opex' | 'total', Int32Array | null> = { capex: null, opex: null, total: null };
  for (const kind of ['capex', 'opex', 'total'] as const) {
    const arr = p.budget[`${kind}Cents`];
    if (!arr) continue;
    const idx = new Int32Array(T);
    for (let t = 0; t < T; t++) {
      idx[t] = rows.length;
      rows.push({ kind: 'budget', budget: kind, period: t });
      capacity.push(arr[t]! * budgetFactor);
    }
    budgetRow[kind] = idx;
  }
  const roleRow = new Map<string, Int32Array>();
  for (const [role, arr] of Object.entries(p.capacity)) {
    const idx = new Int32Array(T);
    for (let t = 0; t < T; t++) {
      idx[t] = rows.length;
      rows.push({ kind: 'capacity', roleId: role, period: t });
      capacity.push(arr[t]!);
    }
    roleRow.set(role, idx);
  }
  const values = candidateValues(p);
  const candidateIndex = new Map(p.candidates.map((c, i) => [c.id, i]));
  const varCandidate: number[] = [];
  const varStart: number[] = [];
  const colStart: number[] = [0];
  const rowIndex: number[] = [];
  const coef: number[] = [];
  const value: number[] = [];
  const acc = new Float64Array(rows.length);
  const touched: number[] = [];
  p.candidates.forEach((c, ci) => {
    const es = c.earliestStart ?? 0;
    const ls = Math.min(c.latestStart ?? es, T - 1);
    for (let s = es; s <= ls; s++) {
      // Dense accumulator over rows with a list of touched rows (sorted once per variable).
      const put = (row: number, v: number): void => {
        if (!(v > 0)) return;
        if (acc[row] === 0) touched.push(row);
        acc[row]! += v;
      };
      const len = Math.max(c.capexCents.length, c.opexCents.length);
      for (let k = 0; k < len && s + k < T; k++) {
        const cx = c.capexCents[k] ?? 0;
        const ox = c.opexCents[k] ?? 0;
        if (budgetRow.capex) put(budgetRow.capex[s + k]!, cx);
        if (budgetRow.opex) put(budgetRow.opex[s + k]!, ox);
        if (budgetRow.total) put(budgetRow.total[s + k]!, cx + ox);
      }
      for (const [role, arr] of Object.entries(c.demand)) {
        const idx = roleRow.get(role)!;
        for (let k = 0; k < arr.length && s + k < T; k++) put(idx[s + k]!, arr[k]!);
      }
      touched.sort((a, b) => a - b);
      for (const row of touched) {
        rowIndex.push(row);
        coef.push(acc[row]!);
        acc[row] = 0;
      }
      touched.length = 0;
      colStart.push(rowIndex.length);
      varCandidate.push(ci);
      varStart.push(s);
      value.push(values[ci]!);
    }
  });
  const dependencies: number[] = [];
  const exclusions: number[] = [];
  const mandatory = new Uint8Array(p.candidates.length);
  const mandatoryIds = mandatoryClosure(p);
  p.candidates.forEach((c, ci) => {
    if (mandatoryIds.has(c.id)) mandatory[ci] = 1;
    for (const d of c.dependsOn ?? []) dependencies.push(ci, candidateIndex.get(d)!);
    for (const x of c.excludes ?? []) {
      const xi = candidateIndex.get(x)!;
      exclusions.push(Math.min(ci, xi), Math.max(ci, xi));
    }
  });
  const program: BinaryProgram = {
    numVars: value.length,
    numRows: rows.length,
    value: Float64Array.from(value),
    colStart: Int32Array.from(colStart),
    rowIndex: Int32Array.from(rowIndex),
    coef: Float64Array.from(coef),
    capacity: Float64Array.from(capacity),
    numGroups: p.candidates.length,
    groupOf: Int32Array.from(varCandidate),
    mandatory,
    dependencies: Int32Array.from(dependencies),
    exclusions: Int32Array.from(exclusions),
  };
  return { program, rows, varCandidate: Int32Array.from(varCandidate), varStart: Int32Array.from(varStart), candidateIndex };
}

/** Human-readable label of a row, e.g. "capex budget in 2026-03" or "capacity of role dev in 2026-Q2". */
export function describeRow(p: SelectionProblem, r: RowInfo): string {
  const period = p.periodLabels[r.period] ?? `period ${r.period}`;
  return r.kind === 'budget' ? `${r.budget} budget in ${period}` : `capacity of role ${r.roleId} in ${period}`;
}

/** Mandatory candidates including those a mandatory candidate (transitively) needs; value = why. */
export function mandatoryClosure(p: SelectionProblem): Map<string, string> {
  const byId = new Map(p.candidates.map((c) => [c.id, c]));
  const why = new Map<string, string>();
  const queue: string[] = [];
  for (const c of p.candidates) if (c.mandatory) {
    why.set(c.id, 'marked mandatory');
    queue.push(c.id);
  }
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const d of byId.get(id)!.dependsOn ?? []) {
      if (!why.has(d)) {
        why.set(d, `needed by mandatory "${id}"`);
        queue.push(d);
      }
    }
  }
  return why;
}
