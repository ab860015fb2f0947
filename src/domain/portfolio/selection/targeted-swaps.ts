import type { SelectionState } from './selection-state.js';

/**
 * Swap search for large programs: for each unchosen variable with positive reduced value (value -
 * prices.coef, best first, at most `maxCandidates`) that is blocked on at most `maxBlockingRows`
 * rows, drop the cheapest chosen variable of lower value on the first blocking row whose removal
 * makes it fit, add it, and greedy-fill at the end of each pass. Every accepted move increases the
 * objective. `shouldStop` is polled between candidates. Returns the number of swaps made.
 */
export function improveByTargetedSwaps(
  state: SelectionState,
  order: Int32Array,
  prices: ArrayLike<number>,
  maxCandidates = 1000,
  maxBlockingRows = 3,
  shouldStop: () => boolean = () => false,
): number {
  const p = state.program;
  // Row-wise index of the variables.
  const rowCount = new Int32Array(p.numRows + 1);
  for (let k = 0; k < p.rowIndex.length; k++) rowCount[p.rowIndex[k]! + 1]!++;
  for (let i = 0; i < p.numRows; i++) rowCount[i + 1]! += rowCount[i]!;
  const rowVars = new Int32Array(p.rowIndex.length);
  const fill = rowCount.slice(0, p.numRows);
  for (let j = 0; j < p.numVars; j++) for (let k = p.colStart[j]!; k < p.colStart[j + 1]!; k++) rowVars[fill[p.rowIndex[k]!]!++] = j;
  const reduced = new Float64Array(p.numVars);
  for (let j = 0; j < p.numVars; j++) {
    let r = p.value[j]!;
    for (let k = p.colStart[j]!; k < p.colStart[j + 1]!; k++) r -= prices[p.rowIndex[k]!]! * p.coef[k]!;
    reduced[j] = r;
  }
  const candidates = Array.from({ length: p.numVars }, (_, j) => j)
    .filter((j) => reduced[j]! > 0 && p.value[j]! > 0)
    .sort((a, b) => reduced[b]! - reduced[a]!)
    .slice(0, maxCandidates);
  const freed = new Float64Array(p.numRows);
  let swaps = 0;
  for (let pass = 0; pass < 3; pass++) {
    let passSwaps = 0;
    for (const j of candidates) {
      if (shouldStop()) break;
      const gj = p.groupOf[j]!;
      if (state.chosen[gj] !== -1 || !state.relationsAllow(gj)) continue;
      let firstBlock = -1;
      let blocks = 0;
      for (let k = p.colStart[j]!; k < p.colStart[j + 1]!; k++) {
        if (p.coef[k]! > state.residual[p.rowIndex[k]!]! + 1e-9) {
          if (firstBlock < 0) firstBlock = p.rowIndex[k]!;
          blocks++;
        }
      }
      if (blocks === 0 || blocks > maxBlockingRows) continue;
      let bestI = -1;
      for (let q = rowCount[firstBlock]!; q < rowCount[firstBlock + 1]!; q++) {
        const i = rowVars[q]!;
        const gi = p.groupOf[i]!;
        if (state.chosen[gi] !== i || p.mandatory[gi] || p.value[i]! >= p.value[j]! || state.hasChosenDependents(gi)) continue;
        if (bestI >= 0 && p.value[i]! >= p.value[bestI]!) continue;
        for (let k = p.colStart[i]!; k < p.colStart[i + 1]!; k++) freed[p.rowIndex[k]!] = p.coef[k]!;
        let fits = true;
        for (let k = p.colStart[j]!; k < p.colStart[j + 1]!; k++) {
          const r = p.rowIndex[k]!;
          if (p.coef[k]! > state.residual[r]! + freed[r]! + 1e-9) {
            fits = false;
            break;
          }
        }
        for (let k = p.colStart[i]!; k < p.colStart[i + 1]!; k++) freed[p.rowIndex[k]!] = 0;
        if (fits) bestI = i;
      }
      if (bestI < 0) continue;
      const gi = p.groupOf[bestI]!;
      state.removeGroup(gi);
      if (state.canAdd(j)) {
        state.add(j);
        passSwaps++;
      } else {
        state.add(bestI);
      }
    }
    for (let r = 0; r < order.length; r++) {
      const j = order[r]!;
      if (p.value[j]! > 0 && state.canAdd(j)) state.add(j);
    }
    swaps += passSwaps;
    if (passSwaps === 0 || shouldStop()) break;
  }
  return swaps;
}
