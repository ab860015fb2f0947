import type { SelectionProblem, CompiledSelection, RowInfo } from './selection-model.js';
import { describeRow } from './selection-model.js';
import { SelectionState } from './selection-state.js';

/** Why a candidate is not in the selection. */
export type ExclusionReason =
  | { kind: 'excluded-by'; candidateId: string; message: string }
  | { kind: 'needs'; candidateId: string; message: string }
  | { kind: 'limit'; row: RowInfo; needed: number; available: number; startPeriod: number; message: string }
  | { kind: 'no-start-in-horizon'; message: string }
  | { kind: 'not-valuable'; message: string }
  | { kind: 'not-chosen'; message: string };

/** Per excluded candidate, the constraints that bind (for its least-blocked start option). */
export interface ExclusionExplanation {
  candidateId: string;
  reasons: ExclusionReason[];
}

/**
 * Explains every unselected candidate against a feasible selection `x`: selected projects that
 * exclude it, unselected projects it needs, and for its least-blocked start, each budget or
 * capacity row it would overflow (needed vs still available). At most `maxRows` rows are listed.
 */
export function explainExclusions(p: SelectionProblem, compiled: CompiledSelection, x: ArrayLike<number>, maxRows = 5): ExclusionExplanation[] {
  const prog = compiled.program;
  const state = new SelectionState(prog);
  for (let j = 0; j < prog.numVars; j++) if (x[j]! > 0.5) state.add(j);
  const varsOf: number[][] = p.candidates.map(() => []);
  for (let j = 0; j < prog.numVars; j++) varsOf[compiled.varCandidate[j]!]!.push(j);
  const out: ExclusionExplanation[] = [];
  p.candidates.forEach((c, g) => {
    if (state.chosen[g] !== -1) return;
    const reasons: ExclusionReason[] = [];
    for (const h of state.excludingGroups(g)) {
      if (state.chosen[h] !== -1) {
        const id = p.candidates[h]!.id;
        reasons.push({ kind: 'excluded-by', candidateId: id, message: `excluded by selected "${id}"` });
      }
    }
    for (const h of state.requiredGroups(g)) {
      if (state.chosen[h] === -1) {
        const id = p.candidates[h]!.id;
        reasons.push({ kind: 'needs', candidateId: id, message: `needs "${id}", which is not selected` });
      }
    }
    const vars = varsOf[g]!;
    if (vars.length === 0) reasons.push({ kind: 'no-start-in-horizon', message: 'no start period within the planning horizon' });
    let bestBlocks: ExclusionReason[] | null = null;
    for (const j of vars) {
      const blocks: ExclusionReason[] = [];
      for (let k = prog.colStart[j]!; k < prog.colStart[j + 1]!; k++) {
        const r = prog.rowIndex[k]!;
        const available = state.residual[r]!;
        if (prog.coef[k]! > available + 1e-9) {
          const row = compiled.rows[r]!;
          const start = compiled.varStart[j]!;
          blocks.push({
            kind: 'limit',
            row,
            needed: prog.coef[k]!,
            available: Math.max(0, available),
            startPeriod: start,
            message: `${describeRow(p, row)}: needs ${prog.coef[k]}, only ${Math.max(0, available)} left (start ${p.periodLabels[start]})`,
          });
        }
      }
      if (bestBlocks === null || blocks.length < bestBlocks.length) bestBlocks = blocks;
    }
    if (bestBlocks) reasons.push(...bestBlocks.slice(0, maxRows));
    if (reasons.length === 0) {
      const v = vars.length > 0 ? prog.value[vars[0]!]! : 0;
      reasons.push(
        v <= 0
          ? { kind: 'not-valuable', message: 'adds no value under the chosen objective' }
          : { kind: 'not-chosen', message: 'fits, but the solver stopped before adding it (time limit)' },
      );
    }
    out.push({ candidateId: c.id, reasons });
  });
  return out;
}
