import { EvmInputError } from './evm-error.js';

/** Task-level base quantities as columns (one row per task); `projectIndex` maps each task to 0..projectCount-1. */
export interface EvmColumns {
  projectIndex: Int32Array;
  bac: Float64Array;
  pv: Float64Array;
  ev: Float64Array;
  ac: Float64Array;
}

/** Summed base quantities per group, as columns (index = group). */
export interface EvmSums {
  bac: Float64Array;
  pv: Float64Array;
  ev: Float64Array;
  ac: Float64Array;
}

/**
 * Hot-path roll-up over typed arrays: sums tasks into projects, then projects into the groups given by
 * `groupOfProject` (e.g. program or portfolio index, -1 for none). Indices are recomputed by the caller with
 * computeEvmMetrics on a group's sums. Throws EVM_INVALID_INDEX on an out-of-range index and
 * EVM_INVALID_NUMBER on a non-finite or negative amount.
 */
export function sumEvmColumnsByProject(cols: EvmColumns, projectCount: number): EvmSums {
  const n = cols.projectIndex.length;
  if (cols.bac.length !== n || cols.pv.length !== n || cols.ev.length !== n || cols.ac.length !== n) {
    throw new EvmInputError('EVM_COLUMN_LENGTH', 'all columns must have the same length');
  }
  const out: EvmSums = { bac: new Float64Array(projectCount), pv: new Float64Array(projectCount), ev: new Float64Array(projectCount), ac: new Float64Array(projectCount) };
  for (let i = 0; i < n; i++) {
    const p = cols.projectIndex[i];
    if (p < 0 || p >= projectCount) throw new EvmInputError('EVM_INVALID_INDEX', `task ${i}: project index ${p} out of range`);
    const b = cols.bac[i];
    const v = cols.pv[i];
    const e = cols.ev[i];
    const a = cols.ac[i];
    // One combined check: NaN, Infinity and negatives all fail `x >= 0 && x < Infinity`.
    if (!(b >= 0 && b < Infinity && v >= 0 && v < Infinity && e >= 0 && e < Infinity && a >= 0 && a < Infinity)) {
      throw new EvmInputError('EVM_INVALID_NUMBER', `task ${i}: BAC, PV, EV and AC must be finite and non-negative`);
    }
    out.bac[p] += b;
    out.pv[p] += v;
    out.ev[p] += e;
    out.ac[p] += a;
  }
  return out;
}

/** Sums per-project columns into groups (`groupOfProject[p]` in 0..groupCount-1, or -1 to leave the project out). */
export function sumEvmSumsByGroup(projects: EvmSums, groupOfProject: Int32Array, groupCount: number): EvmSums {
  if (groupOfProject.length !== projects.bac.length) throw new EvmInputError('EVM_COLUMN_LENGTH', 'groupOfProject must have one entry per project');
  const out: EvmSums = { bac: new Float64Array(groupCount), pv: new Float64Array(groupCount), ev: new Float64Array(groupCount), ac: new Float64Array(groupCount) };
  for (let p = 0; p < groupOfProject.length; p++) {
    const g = groupOfProject[p];
    if (g === -1) continue;
    if (g < 0 || g >= groupCount) throw new EvmInputError('EVM_INVALID_INDEX', `project ${p}: group index ${g} out of range`);
    out.bac[g] += projects.bac[p];
    out.pv[g] += projects.pv[p];
    out.ev[g] += projects.ev[p];
    out.ac[g] += projects.ac[p];
  }
  return out;
}
