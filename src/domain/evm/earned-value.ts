import { EvmInputError, assertFiniteAmount } from './evm-error.js';

/** How a task earns value. */
export type EarnedValueMethod =
  | 'percent-complete'
  | 'zero-hundred'
  | 'fifty-fifty'
  | 'weighted-milestones'
  | 'physical-percent-complete';

/** All earned-value methods, for validation of API input. */
export const EARNED_VALUE_METHODS: readonly EarnedValueMethod[] = [
  'percent-complete', 'zero-hundred', 'fifty-fifty', 'weighted-milestones', 'physical-percent-complete',
];

/** A weighted milestone: `weight` is relative (weights need not sum to 1 or 100). */
export interface WeightedMilestone {
  weight: number;
  done: boolean;
}

/** A task's progress as the earned-value method needs it. */
export interface TaskProgress {
  method: EarnedValueMethod;
  /** Budget of the task (its BAC). */
  budget: number;
  /** Reported (duration) percent complete, 0..100: used by percent-complete, 0/100 and 50/50. */
  percentComplete?: number;
  /** Physical percent complete, 0..100 (measured quantities): used by physical-percent-complete. */
  physicalPercentComplete?: number;
  /** Whether work has started; for 50/50 defaults to percentComplete > 0. */
  started?: boolean;
  /** Milestones for weighted-milestones. */
  milestones?: readonly WeightedMilestone[];
}

/** Earned value of one task by its method; throws EvmInputError when the method's input is missing or out of range. */
export function computeEarnedValue(task: TaskProgress): number {
  assertFiniteAmount('budget', task.budget);
  switch (task.method) {
    case 'percent-complete':
      return (task.budget * requirePercent('percentComplete', task.percentComplete)) / 100;
    case 'physical-percent-complete':
      return (task.budget * requirePercent('physicalPercentComplete', task.physicalPercentComplete)) / 100;
    case 'zero-hundred':
      return requirePercent('percentComplete', task.percentComplete) >= 100 ? task.budget : 0;
    case 'fifty-fifty': {
      const pct = requirePercent('percentComplete', task.percentComplete);
      if (pct >= 100) return task.budget;
      const started = task.started ?? pct > 0;
      return started ? task.budget / 2 : 0;
    }
    case 'weighted-milestones':
      return task.budget * milestoneFraction(task.milestones);
    default:
      throw new EvmInputError('EVM_UNKNOWN_METHOD', `unknown earned value method "${String((task as TaskProgress).method)}"`);
  }
}

/** Sum of earned value over tasks. */
export function computeEarnedValueTotal(tasks: readonly TaskProgress[]): number {
  let ev = 0;
  for (const t of tasks) ev += computeEarnedValue(t);
  return ev;
}

function requirePercent(name: string, value: number | undefined): number {
  if (value === undefined) throw new EvmInputError('EVM_MISSING_PROGRESS', `${name} is required for this method`);
  if (!Number.isFinite(value) || value < 0 || value > 100) {
    throw new EvmInputError('EVM_PERCENT_OUT_OF_RANGE', `${name} must be between 0 and 100, got ${value}`);
  }
  return value;
}

function milestoneFraction(milestones: readonly WeightedMilestone[] | undefined): number {
  if (!milestones || milestones.length === 0) {
    throw new EvmInputError('EVM_MISSING_PROGRESS', 'weighted-milestones needs at least one milestone');
  }
  let total = 0;
  let done = 0;
  for (const m of milestones) {
    if (!Number.isFinite(m.weight) || m.weight < 0) {
      throw new EvmInputError('EVM_INVALID_WEIGHT', `milestone weight must be a non-negative number, got ${m.weight}`);
    }
    total += m.weight;
    if (m.done) done += m.weight;
  }
  if (total === 0) throw new EvmInputError('EVM_INVALID_WEIGHT', 'milestone weights sum to zero');
  return done / total;
}
