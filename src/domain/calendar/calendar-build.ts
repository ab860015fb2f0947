/** Convenience constructors for calendars and their working-time tables. */
import { CalendarError } from './calendar-errors.js';
import type { CalendarDefinition, WorkingInterval } from './calendar.types.js';
import { createDayResolver, hasNoWorkingTime } from './day-pattern.js';
import { WorkingTimeTable } from './working-time-table.js';

/** Builds the working-time table of calendar `id`; throws NO_WORKING_TIME when it can never work. */
export function buildCalendarTable(id: number, calendars: readonly CalendarDefinition[], anchorDay: number): WorkingTimeTable {
  const cal = calendars.find((c) => c.id === id);
  if (!cal) throw new CalendarError('UNKNOWN_CALENDAR', `unknown calendar ${id}`);
  if (hasNoWorkingTime(id, calendars, anchorDay)) {
    throw new CalendarError('NO_WORKING_TIME', `calendar "${cal.name}" (${id}) has no working time`);
  }
  return new WorkingTimeTable(createDayResolver(id, calendars), anchorDay, `calendar "${cal.name}" (${id})`);
}

/** The MS Project "Standard" calendar: Monday-Friday 08:00-12:00 and 13:00-17:00. */
export function standardCalendar(id = 1, name = 'Standard'): CalendarDefinition {
  const day: WorkingInterval[] = [
    { fromMinute: 480, toMinute: 720 },
    { fromMinute: 780, toMinute: 1020 },
  ];
  return {
    id,
    name,
    baseCalendarId: null,
    weekDays: [0, 1, 2, 3, 4, 5, 6].map((wd) => ({ working: wd >= 1 && wd <= 5, intervals: wd >= 1 && wd <= 5 ? day : [] })),
    exceptions: [],
  };
}
