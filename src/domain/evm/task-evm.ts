import { assertFiniteAmount } from './evm-error.js';
import { computeEarnedValue, type TaskProgress } from './earned-value.js';
import type { EvmBase } from './evm-metrics.js';
import { computeBudgetAtCompletion, computePlannedValueAt, type PlannedCostSegment } from './planned-value.js';

/** Everything one task contributes to earned value at a status date. */
export interface TaskEvmInput {
  /** The baseline's time-phased cost of the task (its sum is the task BAC). */
  baselineSegments: readonly PlannedCostSegment[];
  /** Progress and method; `budget` defaults to the baseline BAC when omitted. */
  progress: Omit<TaskProgress, 'budget'> & { budget?: number };
  /** Actual cost to date (approved time x cost rate + approved expenses + imported costs). */
  ac: number;
}

/** BAC, PV (at `asOfDay`), EV (by the task's method) and AC of one task: the leaf input of every roll-up. */
export function computeTaskEvmBase(task: TaskEvmInput, asOfDay: number): EvmBase {
  assertFiniteAmount('ac', task.ac);
  const bac = computeBudgetAtCompletion(task.baselineSegments);
  const pv = computePlannedValueAt(task.baselineSegments, asOfDay);
  const ev = computeEarnedValue({ ...task.progress, budget: task.progress.budget ?? bac });
  return { bac, pv, ev, ac: task.ac };
}
