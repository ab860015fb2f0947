/** Stable error codes raised by the scheduler. */
export type ScheduleErrorCode =
  | 'CYCLE'
  | 'UNKNOWN_TASK'
  | 'DUPLICATE_TASK'
  | 'NEGATIVE_DURATION'
  | 'INVALID_LAG'
  | 'INVALID_LINK'
  | 'INVALID_TASK'
  | 'INVALID_DATE';

/** Error thrown for input that cannot be scheduled; `taskIds` names the tasks involved (e.g. the cycle). */
export class ScheduleError extends Error {
  constructor(
    readonly code: ScheduleErrorCode,
    message: string,
    readonly taskIds: number[] = [],
  ) {
    super(message);
    this.name = 'ScheduleError';
  }
}
