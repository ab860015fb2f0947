/** Stable error codes raised by the calendar layer. */
export type CalendarErrorCode =
  | 'INVALID_DATE'
  | 'DATE_OUT_OF_RANGE'
  | 'INVALID_TIME'
  | 'NO_WORKING_TIME'
  | 'UNKNOWN_CALENDAR'
  | 'CALENDAR_CYCLE'
  | 'INVALID_CALENDAR';

/** Error thrown for bad calendar input; `code` is stable for callers and APIs. */
export class CalendarError extends Error {
  constructor(
    readonly code: CalendarErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CalendarError';
  }
}
