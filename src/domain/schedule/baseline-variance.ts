/** Baseline variances (MS Project: baselines 0-10 per task). */

/** Baseline or current values of a task; instants in epoch minutes, durations/work in minutes, cost in cents. */
export interface BaselineValues {
  start: number | null;
  finish: number | null;
  durationMinutes: number | null;
  workMinutes: number | null;
  costCents: number | null;
}

/** Current minus baseline; start/finish variances in working minutes when a counter is given, else elapsed minutes. */
export interface Variances {
  startVarianceMinutes: number | null;
  finishVarianceMinutes: number | null;
  durationVarianceMinutes: number | null;
  workVarianceMinutes: number | null;
  costVarianceCents: number | null;
}

const diff = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a - b);

/** Computes variances current - baseline; `workingBetween(a, b)` converts date differences to working minutes. */
export function computeVariances(
  current: BaselineValues,
  baseline: BaselineValues,
  workingBetween?: (from: number, to: number) => number,
): Variances {
  const dateVar = (cur: number | null, base: number | null): number | null => {
    if (cur === null || base === null) return null;
    return workingBetween ? workingBetween(base, cur) : cur - base;
  };
  return {
    startVarianceMinutes: dateVar(current.start, baseline.start),
    finishVarianceMinutes: dateVar(current.finish, baseline.finish),
    durationVarianceMinutes: diff(current.durationMinutes, baseline.durationMinutes),
    workVarianceMinutes: diff(current.workMinutes, baseline.workMinutes),
    costVarianceCents: diff(current.costCents, baseline.costCents),
  };
}

/** One saved baseline of one task (MS Project keeps baselines 0-10). */
export interface TaskBaseline extends BaselineValues {
  taskId: number;
  number: number;
}

/** Snapshot of a schedule as baseline `number` (0-10), one row per task; throws RangeError for other numbers. */
export function captureBaseline(
  tasks: readonly { id: number; start: number; finish: number; durationMinutes: number; workMinutes: number; costCents: number }[],
  number: number,
): TaskBaseline[] {
  if (!Number.isInteger(number) || number < 0 || number > 10) throw new RangeError(`baseline number must be 0-10, got ${number}`);
  return tasks.map((t) => ({
    taskId: t.id, number, start: t.start, finish: t.finish, durationMinutes: t.durationMinutes, workMinutes: t.workMinutes, costCents: t.costCents,
  }));
}
