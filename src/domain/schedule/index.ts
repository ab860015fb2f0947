/** Public API of the scheduling engine. */
export * from './schedule.types.js';
export { ScheduleError, type ScheduleErrorCode } from './schedule-errors.js';
export { ScheduleSession, createScheduleSession, scheduleProject } from './schedule-project.js';
export { captureBaseline, computeVariances, type BaselineValues, type TaskBaseline, type Variances } from './baseline-variance.js';
