/** Blank MSPDI tasks: a new task with MS Project's defaults, and the project summary task (UID 0). */
import type { MspdiTask } from './mspdi.types.js';

/** A task with MS Project's defaults (priority 500, As Soon As Possible, 0 days) at `sortOrder`. */
export function emptyMspdiTask(uid: number, sortOrder: number): MspdiTask {
  return {
    uid, id: sortOrder + 1, name: null, sortOrder, parentUid: null, outlineLevel: 1, outlineNumber: null, wbs: null, isNull: false,
    active: true, manual: false, isSummary: false, isMilestone: false, type: 0, priority: 500, start: null, finish: null,
    durationMinutes: 0, durationFormat: 7, durationIsElapsed: false, workMinutes: null, costCents: null, fixedCostCents: null,
    percentComplete: 0, percentWorkComplete: null, actualStart: null, actualFinish: null, actualDurationMinutes: null,
    remainingDurationMinutes: null, constraintType: 0, constraintDate: null, deadline: null, calendarUid: null, earlyStart: null,
    earlyFinish: null, lateStart: null, lateFinish: null, totalSlackMinutes: null, freeSlackMinutes: null, critical: null,
    effortDriven: null, estimated: null, createDate: null, notes: null,
  };
}

/**
 * The project summary task MS Project keeps as UID 0 (outline level 0). MSPDI has no project-level priority
 * element: MS Project's project priority is this task's <Priority>.
 */
export function projectSummaryTask(name: string, priority: number): MspdiTask {
  return { ...emptyMspdiTask(0, -1), id: 0, name, outlineLevel: 0, outlineNumber: '0', wbs: '0', isSummary: true, priority };
}
