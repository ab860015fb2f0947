import type { BinaryProgram } from './binary-program.js';

/** Compressed adjacency lists (CSR) over groups. */
interface GroupAdjacency {
  start: Int32Array;
  target: Int32Array;
}

function buildAdjacency(numGroups: number, pairs: Int32Array, from: 0 | 1, symmetric: boolean): GroupAdjacency {
  const count = new Int32Array(numGroups + 1);
  for (let k = 0; k < pairs.length; k += 2) {
    count[pairs[k + from]!]!++;
    if (symmetric) count[pairs[k + 1 - from]!]!++;
  }
  const start = new Int32Array(numGroups + 1);
  for (let g = 0; g < numGroups; g++) start[g + 1] = start[g]! + count[g]!;
  const fill = start.slice(0, numGroups);
  const target = new Int32Array(start[numGroups]!);
  for (let k = 0; k < pairs.length; k += 2) {
    const a = pairs[k + from]!;
    const b = pairs[k + 1 - from]!;
    target[fill[a]!++] = b;
    if (symmetric) target[fill[b]!++] = a;
  }
  return { start, target };
}

/**
 * Mutable incremental selection over a BinaryProgram: residual row capacity, chosen option per
 * group, and O(nnz of the column) feasibility checks. Removing a group cascades to its dependents.
 */
export class SelectionState {
  readonly residual: Float64Array;
  /** Chosen variable per group, -1 when none. */
  readonly chosen: Int32Array;
  value = 0;
  private readonly requires: GroupAdjacency;
  private readonly dependents: GroupAdjacency;
  private readonly excludes: GroupAdjacency;

  constructor(readonly program: BinaryProgram) {
    this.residual = Float64Array.from(program.capacity);
    this.chosen = new Int32Array(program.numGroups).fill(-1);
    this.requires = buildAdjacency(program.numGroups, program.dependencies, 0, false);
    this.dependents = buildAdjacency(program.numGroups, program.dependencies, 1, false);
    this.excludes = buildAdjacency(program.numGroups, program.exclusions, 0, true);
  }

  /** Clears the selection. */
  reset(): void {
    this.residual.set(this.program.capacity);
    this.chosen.fill(-1);
    this.value = 0;
  }

  /** True when no row would exceed its capacity if variable j were added. */
  fitsRows(j: number): boolean {
    const p = this.program;
    for (let k = p.colStart[j]!, e = p.colStart[j + 1]!; k < e; k++) {
      if (p.coef[k]! > this.residual[p.rowIndex[k]!]! + 1e-9) return false;
    }
    return true;
  }

  /** True when every group that g depends on is chosen and no group excluding g is chosen. */
  relationsAllow(g: number): boolean {
    const r = this.requires;
    for (let k = r.start[g]!; k < r.start[g + 1]!; k++) if (this.chosen[r.target[k]!] === -1) return false;
    const x = this.excludes;
    for (let k = x.start[g]!; k < x.start[g + 1]!; k++) if (this.chosen[x.target[k]!] !== -1) return false;
    return true;
  }

  /** True when variable j can be added without breaking any constraint. */
  canAdd(j: number): boolean {
    const g = this.program.groupOf[j]!;
    return this.chosen[g] === -1 && this.relationsAllow(g) && this.fitsRows(j);
  }

  /** Adds variable j (caller checked canAdd). */
  add(j: number): void {
    const p = this.program;
    this.chosen[p.groupOf[j]!] = j;
    for (let k = p.colStart[j]!, e = p.colStart[j + 1]!; k < e; k++) this.residual[p.rowIndex[k]!]! -= p.coef[k]!;
    this.value += p.value[j]!;
  }

  /** Removes group g's chosen variable and, recursively, every chosen group that depends on it. */
  removeGroup(g: number): void {
    const j = this.chosen[g]!;
    if (j === -1) return;
    const p = this.program;
    this.chosen[g] = -1;
    for (let k = p.colStart[j]!, e = p.colStart[j + 1]!; k < e; k++) this.residual[p.rowIndex[k]!]! += p.coef[k]!;
    this.value -= p.value[j]!;
    const d = this.dependents;
    for (let k = d.start[g]!; k < d.start[g + 1]!; k++) this.removeGroup(d.target[k]!);
  }

  /** Groups that g requires (direct dependencies). */
  requiredGroups(g: number): number[] {
    return Array.from(this.requires.target.subarray(this.requires.start[g]!, this.requires.start[g + 1]!));
  }

  /** Groups that exclude g. */
  excludingGroups(g: number): number[] {
    return Array.from(this.excludes.target.subarray(this.excludes.start[g]!, this.excludes.start[g + 1]!));
  }

  /** True when some chosen group depends on g. */
  hasChosenDependents(g: number): boolean {
    const d = this.dependents;
    for (let k = d.start[g]!; k < d.start[g + 1]!; k++) if (this.chosen[d.target[k]!] !== -1) return true;
    return false;
  }

  /** The selection as a 0/1 vector over variables. */
  toVector(): Uint8Array {
    const x = new Uint8Array(this.program.numVars);
    for (const j of this.chosen) if (j >= 0) x[j] = 1;
    return x;
  }
}
