/** Plain, storable calendar data (one row per calendar, exceptions as child rows). */

/** A working interval within one day, minutes from midnight; toMinute may be 1440 (midnight). */
export interface WorkingInterval {
  fromMinute: number;
  toMinute: number;
}

/** One weekday of a calendar week; `null` in CalendarDefinition.weekDays means "inherit from the base calendar". */
export interface WeekDayDefinition {
  working: boolean;
  intervals: WorkingInterval[];
}

/** Recurrence of an exception, as in MSPDI (Project 2007+). */
export type ExceptionRecurrence =
  | { type: 'daily'; period: number }
  | { type: 'weekly'; period: number; daysOfWeekMask: number } // bit 0 = Sunday ... bit 6 = Saturday
  | { type: 'monthlyByDay'; period: number; monthDay: number }
  | { type: 'monthlyByPosition'; period: number; position: number; weekday: number } // position 0-3, 4 = last; weekday 0 = Sunday
  | { type: 'yearlyByDay'; month: number; monthDay: number } // month 1-12
  | { type: 'yearlyByPosition'; month: number; position: number; weekday: number };

/** A calendar exception: days in [fromDay, toDay] (day numbers since 1970-01-01, inclusive) get `working`/`intervals`. */
export interface CalendarException {
  name: string;
  fromDay: number;
  toDay: number;
  working: boolean;
  intervals: WorkingInterval[];
  /** When set, only the occurrences of the recurrence within the range apply; `occurrences` caps their count. */
  recurrence?: ExceptionRecurrence;
  occurrences?: number;
}

/** A base or derived calendar. Derived calendars (resource calendars) set baseCalendarId and inherit null weekdays. */
export interface CalendarDefinition {
  id: number;
  name: string;
  baseCalendarId: number | null;
  /** Index 0 = Sunday ... 6 = Saturday. */
  weekDays: (WeekDayDefinition | null)[];
  exceptions: CalendarException[];
}
