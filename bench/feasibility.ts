/**
 * Independent feasibility checker for RCPSP schedules (PSPLIB `.sm` and Patterson `.rcp` files).
 * Written separately from the solver on purpose: its own minimal file reader, its own precedence and
 * per-period capacity checks, its own critical-path bound. Shares no code with src/domain/leveling.
 */

/** The data the checker needs, read straight from the file. */
export interface CheckerInstance {
  durations: number[];
  demands: number[][];
  capacities: number[];
  successors: number[][];
}

/** Verdict of {@link checkSchedule}. */
export interface Feasibility {
  feasible: boolean;
  makespan: number;
  errors: string[];
}

function numbersOf(line: string): number[] {
  return line.trim().split(/\s+/).filter(Boolean).map(Number);
}

/** Reads a PSPLIB `.sm` or Patterson `.rcp` file (decided by content) into checker form. */
export function readCheckerInstance(text: string): CheckerInstance {
  if (text.includes('PRECEDENCE RELATIONS')) {
    const lines = text.split(/\r?\n/);
    const p = lines.findIndex((l) => l.startsWith('PRECEDENCE RELATIONS'));
    const q = lines.findIndex((l) => l.startsWith('REQUESTS/DURATIONS'));
    const c = lines.findIndex((l) => l.startsWith('RESOURCEAVAILABILITIES'));
    const successors: number[][] = [];
    for (let i = p + 2; !lines[i]!.startsWith('*'); i++) {
      const v = numbersOf(lines[i]!);
      if (v.length === 0) continue;
      successors[v[0]! - 1] = v.slice(3, 3 + v[2]!).map((s) => s - 1);
    }
    const durations: number[] = [];
    const demands: number[][] = [];
    for (let i = q + 3; !lines[i]!.startsWith('*'); i++) {
      const v = numbersOf(lines[i]!);
      if (v.length === 0) continue;
      durations[v[0]! - 1] = v[2]!;
      demands[v[0]! - 1] = v.slice(3);
    }
    const capacities = numbersOf(lines[c + 2]!);
    return { durations, demands, capacities, successors };
  }
  const v = numbersOf(text.replace(/\s+/g, ' '));
  let k = 0;
  const n = v[k++]!;
  const r = v[k++]!;
  const capacities = v.slice(k, k + r);
  k += r;
  const durations: number[] = [];
  const demands: number[][] = [];
  const successors: number[][] = [];
  for (let j = 0; j < n; j++) {
    durations.push(v[k++]!);
    demands.push(v.slice(k, k + r));
    k += r;
    const s = v[k++]!;
    successors.push(v.slice(k, k + s).map((x) => x - 1));
    k += s;
  }
  return { durations, demands, capacities, successors };
}

/** Checks integer starts >= 0, every finish-to-start link, and every resource in every period. */
export function checkSchedule(inst: CheckerInstance, starts: number[]): Feasibility {
  const errors: string[] = [];
  const n = inst.durations.length;
  if (starts.length !== n) return { feasible: false, makespan: -1, errors: [`expected ${n} starts, got ${starts.length}`] };
  let makespan = 0;
  for (let j = 0; j < n; j++) {
    const s = starts[j]!;
    if (!Number.isInteger(s) || s < 0) errors.push(`job ${j + 1}: start ${s} is not a non-negative integer`);
    makespan = Math.max(makespan, s + inst.durations[j]!);
  }
  if (errors.length > 0) return { feasible: false, makespan, errors };
  for (let j = 0; j < n; j++) {
    for (const s of inst.successors[j]!) {
      if (starts[s]! < starts[j]! + inst.durations[j]!) {
        errors.push(`job ${s + 1} starts at ${starts[s]} before predecessor ${j + 1} finishes at ${starts[j]! + inst.durations[j]!}`);
      }
    }
  }
  for (let r = 0; r < inst.capacities.length; r++) {
    const use = new Array<number>(makespan + 1).fill(0);
    for (let j = 0; j < n; j++) {
      for (let t = starts[j]!; t < starts[j]! + inst.durations[j]!; t++) use[t]! += inst.demands[j]![r]!;
    }
    for (let t = 0; t < makespan; t++) {
      if (use[t]! > inst.capacities[r]!) errors.push(`resource ${r + 1} period ${t}: use ${use[t]} > capacity ${inst.capacities[r]}`);
    }
  }
  return { feasible: errors.length === 0, makespan, errors };
}

/** Critical-path length (longest path of durations), the classic lower bound on the makespan. */
export function criticalPathBound(inst: CheckerInstance): number {
  const n = inst.durations.length;
  const memo = new Array<number>(n).fill(-1);
  const tailOf = (j: number): number => {
    if (memo[j]! >= 0) return memo[j]!;
    let best = 0;
    for (const s of inst.successors[j]!) best = Math.max(best, tailOf(s));
    memo[j] = best + inst.durations[j]!;
    return memo[j]!;
  };
  let cp = 0;
  for (let j = 0; j < n; j++) cp = Math.max(cp, tailOf(j));
  return cp;
}
