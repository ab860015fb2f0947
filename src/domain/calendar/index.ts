/** Public API of the working-time calendar domain. */
export * from './calendar.types.js';
export { CalendarError, type CalendarErrorCode } from './calendar-errors.js';
export {
  MINUTES_PER_DAY,
  civilFromDays,
  daysFromCivil,
  formatLocalDateTime,
  formatTimeOfDay,
  parseLocalDateTime,
  parseTimeOfDay,
  weekdayOfDay,
} from './date-minutes.js';
export { createDayResolver, expandExceptionDays, hasNoWorkingTime, normaliseIntervals, type DayResolver } from './day-pattern.js';
export { WorkingTimeTable } from './working-time-table.js';
export { buildCalendarTable, standardCalendar } from './calendar-build.js';
