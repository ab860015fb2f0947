import type { BinaryProgram } from './binary-program.js';

/** A reduced "core" program around an incumbent, with the map back to the full program. */
export interface CoreProgram {
  core: BinaryProgram;
  /** Full-program variable of each core variable. */
  coreVars: Int32Array;
  /** Full-program variables fixed to 1 (the incumbent outside the core). */
  fixedOnes: Int32Array;
  /** Objective value contributed by fixedOnes. */
  fixedValue: number;
}

/**
 * Builds a core problem: whole groups (all start options of a candidate) in order of the
 * Lagrangian reduced value v_j - prices.a_j closest to zero (groups where the incumbent disagrees
 * with the sign come first), up to `maxNonZeros` matrix entries; the others are fixed at their
 * incumbent value. The incumbent restricted to the core is feasible for it, so
 * it is a valid warm start, and any core solution maps back to a feasible full solution.
 */
export function buildCoreProgram(p: BinaryProgram, incumbent: ArrayLike<number>, prices: ArrayLike<number>, maxNonZeros: number): CoreProgram {
  const n = p.numVars;
  // Group key: the smallest |reduced value| of its options; disagreement with the incumbent first.
  const groupKey = new Float64Array(p.numGroups).fill(Infinity);
  const groupNnz = new Int32Array(p.numGroups);
  for (let j = 0; j < n; j++) {
    let red = p.value[j]!;
    for (let k = p.colStart[j]!; k < p.colStart[j + 1]!; k++) red -= prices[p.rowIndex[k]!]! * p.coef[k]!;
    const inSol = incumbent[j]! > 0.5;
    const key = inSol !== red > 0 ? -1 : Math.abs(red);
    const g = p.groupOf[j]!;
    if (key < groupKey[g]!) groupKey[g] = key;
    groupNnz[g]! += p.colStart[j + 1]! - p.colStart[j]!;
  }
  const groups = Array.from({ length: p.numGroups }, (_, g) => g).sort((a, b) => groupKey[a]! - groupKey[b]!);
  const groupInCore = new Uint8Array(p.numGroups);
  let used = 0;
  for (const g of groups) {
    if (used + groupNnz[g]! > maxNonZeros) break;
    groupInCore[g] = 1;
    used += groupNnz[g]!;
  }
  const inCore = new Uint8Array(n);
  for (let j = 0; j < n; j++) if (groupInCore[p.groupOf[j]!]) inCore[j] = 1;
  const groupFixed = new Uint8Array(p.numGroups);
  const fixedOnes: number[] = [];
  let fixedValue = 0;
  const capacity = Float64Array.from(p.capacity);
  for (let j = 0; j < n; j++) {
    if (incumbent[j]! > 0.5 && !inCore[j]) {
      fixedOnes.push(j);
      fixedValue += p.value[j]!;
      groupFixed[p.groupOf[j]!] = 1;
      for (let k = p.colStart[j]!; k < p.colStart[j + 1]!; k++) capacity[p.rowIndex[k]!]! -= p.coef[k]!;
    }
  }
  for (let i = 0; i < capacity.length; i++) capacity[i] = Math.max(0, capacity[i]!);
  const blocked = new Uint8Array(p.numGroups);
  for (let g = 0; g < p.numGroups; g++) if (groupFixed[g]) blocked[g] = 1;
  const exclusions: number[] = [];
  for (let k = 0; k < p.exclusions.length; k += 2) {
    const a = p.exclusions[k]!;
    const b = p.exclusions[k + 1]!;
    if (groupFixed[a]) blocked[b] = 1;
    else if (groupFixed[b]) blocked[a] = 1;
    else exclusions.push(a, b);
  }
  const mandatory = Uint8Array.from(p.mandatory, (v, g) => (groupFixed[g] ? 0 : v));
  const dependencies: number[] = [];
  for (let k = 0; k < p.dependencies.length; k += 2) {
    const d = p.dependencies[k]!;
    const r = p.dependencies[k + 1]!;
    if (groupFixed[r]) continue;
    if (groupFixed[d]) mandatory[r] = 1;
    else dependencies.push(d, r);
  }
  const coreVars: number[] = [];
  const colStart: number[] = [0];
  const rowIndex: number[] = [];
  const coef: number[] = [];
  for (let j = 0; j < n; j++) {
    if (!inCore[j] || blocked[p.groupOf[j]!]) continue;
    coreVars.push(j);
    for (let k = p.colStart[j]!; k < p.colStart[j + 1]!; k++) {
      rowIndex.push(p.rowIndex[k]!);
      coef.push(p.coef[k]!);
    }
    colStart.push(rowIndex.length);
  }
  const core: BinaryProgram = {
    numVars: coreVars.length,
    numRows: p.numRows,
    value: Float64Array.from(coreVars, (j) => p.value[j]!),
    colStart: Int32Array.from(colStart),
    rowIndex: Int32Array.from(rowIndex),
    coef: Float64Array.from(coef),
    capacity,
    numGroups: p.numGroups,
    groupOf: Int32Array.from(coreVars, (j) => p.groupOf[j]!),
    mandatory,
    dependencies: Int32Array.from(dependencies),
    exclusions: Int32Array.from(exclusions),
  };
  return { core, coreVars: Int32Array.from(coreVars), fixedOnes: Int32Array.from(fixedOnes), fixedValue };
}

/** Maps a core solution back to a full 0/1 vector. */
export function expandCoreSolution(full: BinaryProgram, c: CoreProgram, coreX: ArrayLike<number>): Uint8Array {
  const x = new Uint8Array(full.numVars);
  for (const j of c.fixedOnes) x[j] = 1;
  for (let q = 0; q < c.coreVars.length; q++) if (coreX[q]! > 0.5) x[c.coreVars[q]!] = 1;
  return x;
}

/**
 * Restricts a program to the variables with the highest Lagrangian reduced value under `prices`
 * (always keeping the incumbent's variables) until `maxNonZeros` matrix entries. Nothing is fixed
 * to 1 and capacities are unchanged, so the restricted LP's row duals price the full program.
 */
export function restrictProgram(p: BinaryProgram, incumbent: ArrayLike<number>, prices: ArrayLike<number>, maxNonZeros: number): CoreProgram {
  const n = p.numVars;
  const red = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let r = p.value[j]!;
    for (let k = p.colStart[j]!; k < p.colStart[j + 1]!; k++) r -= prices[p.rowIndex[k]!]! * p.coef[k]!;
    red[j] = incumbent[j]! > 0.5 ? Infinity : r;
  }
  const order = Array.from({ length: n }, (_, j) => j).sort((a, b) => red[b]! - red[a]!);
  const keep = new Uint8Array(n);
  let nnz = 0;
  for (const j of order) {
    const len = p.colStart[j + 1]! - p.colStart[j]!;
    if (red[j] !== Infinity && nnz + len > maxNonZeros) break;
    keep[j] = 1;
    nnz += len;
  }
  const zero = new Uint8Array(n);
  // Every variable is "in the core"; with an all-zero incumbent nothing is fixed.
  const sub = buildCoreProgram(maskProgram(p, keep), zero, new Float64Array(p.numRows), Number.MAX_SAFE_INTEGER);
  const kept = Int32Array.from(order.filter((j) => keep[j]).sort((a, b) => a - b));
  return { ...sub, coreVars: Int32Array.from(sub.coreVars, (q) => kept[q]!) };
}

/** The program with only the masked variables (internal helper). */
function maskProgram(p: BinaryProgram, keep: Uint8Array): BinaryProgram {
  const vars: number[] = [];
  for (let j = 0; j < p.numVars; j++) if (keep[j]) vars.push(j);
  const colStart: number[] = [0];
  const rowIndex: number[] = [];
  const coef: number[] = [];
  for (const j of vars) {
    for (let k = p.colStart[j]!; k < p.colStart[j + 1]!; k++) {
      rowIndex.push(p.rowIndex[k]!);
      coef.push(p.coef[k]!);
    }
    colStart.push(rowIndex.length);
  }
  return {
    ...p,
    numVars: vars.length,
    value: Float64Array.from(vars, (j) => p.value[j]!),
    colStart: Int32Array.from(colStart),
    rowIndex: Int32Array.from(rowIndex),
    coef: Float64Array.from(coef),
    groupOf: Int32Array.from(vars, (j) => p.groupOf[j]!),
  };
}

/**
 * A random sample of whole groups (each kept with probability `fraction`) with every capacity
 * scaled by `fraction`: a small program whose LP row duals approximate the full program's duals
 * (many small candidates: the sample is a scaled copy of the portfolio). Deterministic per rng.
 */
export function sampleProgram(p: BinaryProgram, fraction: number, rng: () => number): BinaryProgram {
  const keepGroup = new Uint8Array(p.numGroups);
  for (let g = 0; g < p.numGroups; g++) keepGroup[g] = rng() < fraction ? 1 : 0;
  const keep = Uint8Array.from(p.groupOf, (g) => keepGroup[g]!);
  const masked = maskProgram(p, keep);
  const pairs = (arr: Int32Array): Int32Array => {
    const out: number[] = [];
    for (let k = 0; k < arr.length; k += 2) if (keepGroup[arr[k]!] && keepGroup[arr[k + 1]!]) out.push(arr[k]!, arr[k + 1]!);
    return Int32Array.from(out);
  };
  return {
    ...masked,
    capacity: Float64Array.from(p.capacity, (c) => c * fraction),
    mandatory: Uint8Array.from(p.mandatory, (m, g) => (keepGroup[g] ? m : 0)),
    dependencies: pairs(p.dependencies),
    exclusions: pairs(p.exclusions),
  };
}
