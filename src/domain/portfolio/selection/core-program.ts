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
