import type { SelectionProblem, CompiledSelection, RowInfo } from './selection-model.js';
import { describeRow, mandatoryClosure } from './selection-model.js';



/** A reason why no selection can satisfy the constraints; `candidateIds` names the projects involved. */
export type SelectionConflict =
  | { kind: 'cyclic-dependency'; candidateIds: string[]; message: string }
  | { kind: 'mandatory-excluded'; candidateIds: string[]; message: string }
  | { kind: 'mandatory-no-start'; candidateIds: string[]; message: string }
  | { kind: 'mandatory-over-limit'; candidateIds: string[]; row: RowInfo; needed: number; available: number; message: string }
  | { kind: 'mandatory-combination'; candidateIds: string[]; rows: RowInfo[]; message: string };

/** One dependency cycle (ids in order, first repeated at the end) or null. */
export function findDependencyCycle(p: SelectionProblem): string[] | null {
  const deps = new Map(p.candidates.map((c) => [c.id, c.dependsOn ?? []]));
  const color = new Map<string, 0 | 1 | 2>();
  const stack: string[] = [];
  for (const start of p.candidates) {
    if (color.get(start.id)) continue;
    // Iterative DFS keeping the grey path on `stack`.
    const iters: { id: string; i: number }[] = [{ id: start.id, i: 0 }];
    color.set(start.id, 1);
    stack.push(start.id);
    while (iters.length > 0) {
      const top = iters[iters.length - 1]!;
      const next = deps.get(top.id)![top.i++];
      if (next === undefined) {
        color.set(top.id, 2);
        stack.pop();
        iters.pop();
        continue;
      }
      const c = color.get(next) ?? 0;
      if (c === 1) return [...stack.slice(stack.indexOf(next)), next];
      if (c === 0) {
        color.set(next, 1);
        stack.push(next);
        iters.push({ id: next, i: 0 });
      }
    }
  }
  return null;
}

/**
 * Conflicts that make every selection infeasible, found before solving: dependency cycles,
 * mandatory projects that exclude each other or have no start in the horizon, and rows where the
 * mandatory projects' least possible load already exceeds the limit.
 */
export function findSelectionConflicts(p: SelectionProblem, compiled: CompiledSelection): SelectionConflict[] {
  const out: SelectionConflict[] = [];
  const cycle = findDependencyCycle(p);
  if (cycle) out.push({ kind: 'cyclic-dependency', candidateIds: cycle.slice(0, -1), message: `cyclic dependency: ${cycle.join(' -> ')}` });
  const mand = mandatoryClosure(p);
  // An exclusion may be listed on one side only (a excludes b), or on both: report each pair once.
  const reported = new Set<string>();
  for (const c of p.candidates) {
    if (!mand.has(c.id)) continue;
    for (const x of c.excludes ?? []) {
      const key = c.id < x ? `${c.id} ${x}` : `${x} ${c.id}`;
      if (!mand.has(x) || reported.has(key)) continue;
      reported.add(key);
      out.push({ kind: 'mandatory-excluded', candidateIds: [c.id, x], message: `mandatory "${c.id}" (${mand.get(c.id)}) and "${x}" (${mand.get(x)}) exclude each other` });
    }
  }
  const prog = compiled.program;
  const varsOf: number[][] = p.candidates.map(() => []);
  for (let j = 0; j < prog.numVars; j++) varsOf[compiled.varCandidate[j]!]!.push(j);
  const minLoad = new Float64Array(prog.numRows);
  const contributors: string[][] = Array.from({ length: prog.numRows }, () => []);
  p.candidates.forEach((c, ci) => {
    if (!mand.has(c.id)) return;
    const vars = varsOf[ci]!;
    if (vars.length === 0) {
      out.push({ kind: 'mandatory-no-start', candidateIds: [c.id], message: `mandatory "${c.id}" cannot start within the ${p.periodLabels.length} planned periods` });
      return;
    }
    const seen = new Map<number, { count: number; min: number }>();
    for (const j of vars) {
      for (let k = prog.colStart[j]!; k < prog.colStart[j + 1]!; k++) {
        const r = prog.rowIndex[k]!;
        const e = seen.get(r) ?? { count: 0, min: Infinity };
        e.count++;
        e.min = Math.min(e.min, prog.coef[k]!);
        seen.set(r, e);
      }
    }
    for (const [r, e] of seen) {
      if (e.count === vars.length && e.min > 0) {
        minLoad[r]! += e.min;
        contributors[r]!.push(c.id);
      }
    }
  });
  for (let r = 0; r < prog.numRows; r++) {
    if (minLoad[r]! > prog.capacity[r]! + 1e-6) {
      const row = compiled.rows[r]!;
      out.push({
        kind: 'mandatory-over-limit',
        candidateIds: contributors[r]!,
        row,
        needed: minLoad[r]!,
        available: prog.capacity[r]!,
        message: `${describeRow(p, row)}: mandatory ${contributors[r]!.map((x) => `"${x}"`).join(', ')} need at least ${minLoad[r]}, limit is ${prog.capacity[r]}`,
      });
    }
  }
  return out;
}
