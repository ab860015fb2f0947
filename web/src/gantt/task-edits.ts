/** Turns date edits (drag, keyboard, dialogs) into task PATCH bodies the server understands. */
import { formatScheduleTime, parseScheduleMinutes, WORK_DAY_MINUTES, workingDaysBetween } from './gantt-time';

/** The task fields a date edit needs. */
export interface DatedTask { start: string | null; finish: string | null; durationMinutes: number; isMilestone: boolean }

/** A PATCH body for a task edit. */
export interface DatePatch { start?: string; durationMinutes?: number }

/**
 * PATCH for moving a task to `startMin` and/or changing its finish to `finishMin`. The server keeps the working
 * duration when only the start moves and recomputes the finish on its calendar, so a move sends the start, and
 * a change of length sends the new working duration (whole working days).
 */
export function patchForDates(task: DatedTask, startMin: number, finishMin: number): DatePatch {
  const s0 = parseScheduleMinutes(task.start), f0 = parseScheduleMinutes(task.finish);
  const patch: DatePatch = {};
  if (Number.isNaN(s0) || startMin !== s0) patch.start = formatScheduleTime(startMin);
  if (!task.isMilestone && !Number.isNaN(s0) && !Number.isNaN(f0)) {
    const shiftedFinish = f0 + (startMin - s0);
    if (finishMin !== shiftedFinish) {
      const duration = task.durationMinutes + workingDaysBetween(shiftedFinish, finishMin) * WORK_DAY_MINUTES;
      patch.durationMinutes = Math.max(WORK_DAY_MINUTES, duration);
    }
  }
  return patch;
}

/** Working duration of a task that starts at `startMin` and ends on the day of `finishDayMin` (inclusive). */
export function durationForRange(startMin: number, finishDayMin: number): number {
  return Math.max(WORK_DAY_MINUTES, (workingDaysBetween(startMin, finishDayMin) + 1) * WORK_DAY_MINUTES);
}
