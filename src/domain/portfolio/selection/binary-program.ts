import { PortfolioError } from '../portfolio-errors.js';

/**
 * A 0-1 selection program in column (CSC) form: maximise value.x subject to A.x <= capacity
 * (A >= 0), at most one variable per group (a group is a candidate, its variables its start options),
 * mandatory groups take exactly one variable, group dependencies (dependent needs required) and
 * pairwise group exclusions. This is the kernel both the MIP adapter and the heuristic work on.
 */
export interface BinaryProgram {
  numVars: number;
  numRows: number;
  /** Objective coefficient per variable (maximised). */
  value: Float64Array;
  /** CSC column starts, length numVars + 1. */
  colStart: Int32Array;
  rowIndex: Int32Array;
  /** Non-negative coefficients parallel to rowIndex. */
  coef: Float64Array;
  /** Right-hand side of each `<=` row. */
  capacity: Float64Array;
  numGroups: number;
  /** Group of each variable. */
  groupOf: Int32Array;
  /** 1 when the group must be selected. */
  mandatory: Uint8Array;
  /** Pairs [dependent, required] flattened: group dependent may be chosen only if group required is. */
  dependencies: Int32Array;
  /** Pairs [a, b] flattened: groups a and b cannot both be chosen. */
  exclusions: Int32Array;
}

/** Options for building a plain multidimensional knapsack (one variable per group, no relations). */
export interface DenseKnapsackInput {
  values: ArrayLike<number>;
  /** weights[row][item] */
  weights: ArrayLike<number>[];
  capacities: ArrayLike<number>;
}

/** Builds a BinaryProgram from a dense multidimensional knapsack (e.g. an OR-Library mknap problem). */
export function buildKnapsackProgram(input: DenseKnapsackInput): BinaryProgram {
  const n = input.values.length;
  const m = input.capacities.length;
  if (input.weights.length !== m) throw new PortfolioError('INVALID_MODEL', `expected ${m} weight rows, got ${input.weights.length}`);
  const colStart = new Int32Array(n + 1);
  const rows: number[] = [];
  const coefs: number[] = [];
  for (let j = 0; j < n; j++) {
    colStart[j] = rows.length;
    for (let i = 0; i < m; i++) {
      const w = input.weights[i]![j]!;
      if (w !== 0) {
        rows.push(i);
        coefs.push(w);
      }
    }
  }
  colStart[n] = rows.length;
  const groupOf = new Int32Array(n);
  for (let j = 0; j < n; j++) groupOf[j] = j;
  const program: BinaryProgram = {
    numVars: n,
    numRows: m,
    value: Float64Array.from(input.values),
    colStart,
    rowIndex: Int32Array.from(rows),
    coef: Float64Array.from(coefs),
    capacity: Float64Array.from(input.capacities),
    numGroups: n,
    groupOf,
    mandatory: new Uint8Array(n),
    dependencies: new Int32Array(0),
    exclusions: new Int32Array(0),
  };
  validateBinaryProgram(program);
  return program;
}

/** Throws PortfolioError('INVALID_MODEL') when array sizes, indices or numbers are inconsistent. */
export function validateBinaryProgram(p: BinaryProgram): void {
  const bad = (msg: string): never => {
    throw new PortfolioError('INVALID_MODEL', msg);
  };
  if (p.value.length !== p.numVars || p.groupOf.length !== p.numVars) bad('value/groupOf length must equal numVars');
  if (p.colStart.length !== p.numVars + 1) bad('colStart length must be numVars + 1');
  if (p.capacity.length !== p.numRows) bad('capacity length must equal numRows');
  if (p.mandatory.length !== p.numGroups) bad('mandatory length must equal numGroups');
  const nnz = p.colStart[p.numVars]!;
  if (p.rowIndex.length !== nnz || p.coef.length !== nnz) bad('rowIndex/coef length must equal colStart[numVars]');
  for (let j = 0; j < p.numVars; j++) {
    if (!Number.isFinite(p.value[j]!)) bad(`value of variable ${j} is not finite`);
    const g = p.groupOf[j]!;
    if (g < 0 || g >= p.numGroups) bad(`variable ${j} has group ${g} out of range`);
    if (p.colStart[j + 1]! < p.colStart[j]!) bad('colStart must be non-decreasing');
  }
  for (let k = 0; k < nnz; k++) {
    const r = p.rowIndex[k]!;
    if (r < 0 || r >= p.numRows) bad(`row index ${r} out of range`);
    if (!(p.coef[k]! >= 0) || !Number.isFinite(p.coef[k]!)) bad(`coefficient ${p.coef[k]} must be finite and >= 0`);
  }
  for (let i = 0; i < p.numRows; i++) if (!(p.capacity[i]! >= 0)) bad(`capacity of row ${i} must be >= 0`);
  for (const pairs of [p.dependencies, p.exclusions]) {
    if (pairs.length % 2 !== 0) bad('relation arrays hold pairs');
    for (let k = 0; k < pairs.length; k++) if (pairs[k]! < 0 || pairs[k]! >= p.numGroups) bad(`relation group ${pairs[k]} out of range`);
  }
}

/** Objective value of a 0/1 assignment. */
export function evaluateSelection(p: BinaryProgram, x: ArrayLike<number>): number {
  let v = 0;
  for (let j = 0; j < p.numVars; j++) if (x[j]! > 0.5) v += p.value[j]!;
  return v;
}

/** Lists every violated constraint of a 0/1 assignment (empty when feasible); tolerance is absolute. */
export function findViolations(p: BinaryProgram, x: ArrayLike<number>, tolerance = 1e-6): string[] {
  const out: string[] = [];
  const load = new Float64Array(p.numRows);
  const count = new Int32Array(p.numGroups);
  for (let j = 0; j < p.numVars; j++) {
    if (x[j]! <= 0.5) continue;
    count[p.groupOf[j]!]!++;
    for (let k = p.colStart[j]!; k < p.colStart[j + 1]!; k++) load[p.rowIndex[k]!]! += p.coef[k]!;
  }
  for (let i = 0; i < p.numRows; i++) if (load[i]! > p.capacity[i]! + tolerance) out.push(`row ${i}: ${load[i]} > ${p.capacity[i]}`);
  for (let g = 0; g < p.numGroups; g++) {
    if (count[g]! > 1) out.push(`group ${g}: ${count[g]} options chosen`);
    if (p.mandatory[g] && count[g] !== 1) out.push(`group ${g}: mandatory but not chosen`);
  }
  for (let k = 0; k < p.dependencies.length; k += 2) {
    if (count[p.dependencies[k]!]! > 0 && count[p.dependencies[k + 1]!] === 0) out.push(`group ${p.dependencies[k]} needs group ${p.dependencies[k + 1]}`);
  }
  for (let k = 0; k < p.exclusions.length; k += 2) {
    if (count[p.exclusions[k]!]! > 0 && count[p.exclusions[k + 1]!]! > 0) out.push(`groups ${p.exclusions[k]} and ${p.exclusions[k + 1]} exclude each other`);
  }
  return out;
}
