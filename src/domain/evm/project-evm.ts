import { computeEarnedValue, type TaskProgress } from './earned-value.js';
import { computeEarnedSchedule, type EarnedSchedule } from './earned-schedule.js';
import { EvmInputError, assertFiniteAmount } from './evm-error.js';
import { computePlannedValueAt, type PlannedCostSegment } from './planned-value.js';

/** One costed task of a project: its budget spread linearly over its planned days, and its progress. */
export interface PlannedTask {
  id: string;
  /** Planned cost (the task's BAC). */
  budget: number;
  /** First planned day (epoch day) and the day after the last one; equal = a lump sum on that day. */
  startDay: number;
  endDay: number;
  progress: Omit<TaskProgress, 'budget'>;
}

/** BAC, PV and EV of one task at the status date. */
export interface TaskEvmFigures {
  id: string;
  bac: number;
  pv: number;
  ev: number;
}

/** A project's plan side of EVM at a status date, with earned schedule in days. */
export interface ProjectEvmPlan {
  tasks: TaskEvmFigures[];
  bac: number;
  pv: number;
  ev: number;
  /** Earned schedule in days from the plan start; null without a plan or before it starts. */
  schedule: (EarnedSchedule & { startDay: number; plannedDurationDays: number }) | null;
}

/** Longest plan (in days) for which the earned schedule is computed day by day. */
export const MAX_SCHEDULE_DAYS = 36_600;

/**
 * PV (to the end of `asOfDay`, i.e. over [.., asOfDay + 1)) and EV (by each task's method) of every task and of
 * the project, and the earned schedule: ES from the project's daily cumulative PV, AT = days from the plan start
 * to the end of the status date, so SPI(t) = ES / AT and IEAC(t) = planned duration / SPI(t). The daily PV curve is
 * built with a difference array (O(tasks + days)).
 */
export function computeProjectEvmPlan(tasks: readonly PlannedTask[], asOfDay: number): ProjectEvmPlan {
  if (!Number.isInteger(asOfDay)) throw new EvmInputError('EVM_INVALID_DAY', 'asOfDay must be an integer day');
  const out: TaskEvmFigures[] = [];
  let bac = 0;
  let pv = 0;
  let ev = 0;
  let first = Infinity;
  let last = -Infinity;
  for (const t of tasks) {
    assertFiniteAmount(`task ${t.id} budget`, t.budget);
    if (!Number.isInteger(t.startDay) || !Number.isInteger(t.endDay) || t.endDay < t.startDay) {
      throw new EvmInputError('EVM_REVERSED_SEGMENT', `task ${t.id}: planned days ${t.startDay}..${t.endDay} are invalid`);
    }
    const seg: PlannedCostSegment = { startDay: t.startDay, endDay: t.endDay, amount: t.budget };
    // A task without duration is a lump sum, planned in full on its day.
    const taskPv = t.endDay === t.startDay ? (asOfDay >= t.startDay ? t.budget : 0) : computePlannedValueAt([seg], asOfDay + 1);
    const taskEv = computeEarnedValue({ ...t.progress, budget: t.budget });
    out.push({ id: t.id, bac: t.budget, pv: taskPv, ev: taskEv });
    bac += t.budget;
    pv += taskPv;
    ev += taskEv;
    if (t.budget > 0) {
      first = Math.min(first, t.startDay);
      last = Math.max(last, Math.max(t.endDay, t.startDay + 1));
    }
  }
  return { tasks: out, bac, pv, ev, schedule: earnedSchedule(tasks, first, last, ev, asOfDay) };
}

function earnedSchedule(tasks: readonly PlannedTask[], first: number, last: number, ev: number, asOfDay: number): ProjectEvmPlan['schedule'] {
  if (!Number.isFinite(first) || last - first > MAX_SCHEDULE_DAYS) return null;
  const at = asOfDay + 1 - first;
  if (at <= 0) return null;
  const days = last - first;
  // rate[d]: PV accrued during day first + d; lump sums land on their day.
  const rate = new Float64Array(days + 1);
  let total = 0;
  for (const t of tasks) {
    if (t.budget <= 0) continue;
    total += t.budget;
    const a = t.startDay - first;
    if (t.endDay === t.startDay) {
      rate[a]! += t.budget;
      rate[a + 1]! -= t.budget;
      continue;
    }
    const perDay = t.budget / (t.endDay - t.startDay);
    rate[a]! += perDay;
    rate[t.endDay - first]! -= perDay;
  }
  const cumulative = new Float64Array(days);
  let r = 0;
  let sum = 0;
  for (let d = 0; d < days; d++) {
    r += rate[d]!;
    sum += r;
    // Float noise never makes PV fall or pass the total.
    cumulative[d] = Math.min(total, d > 0 && sum < cumulative[d - 1]! ? cumulative[d - 1]! : sum);
  }
  cumulative[days - 1] = total;
  const es = computeEarnedSchedule(cumulative, ev, at, days);
  return { ...es, startDay: first, plannedDurationDays: days };
}
