/**
 * Local wall-clock instants as integer minutes since 1970-01-01T00:00 (no time zones: MSPDI dates are local).
 * Pure integer civil-calendar arithmetic (Howard Hinnant's days-from-civil), no Date objects.
 */
import { CalendarError } from './calendar-errors.js';

export const MINUTES_PER_DAY = 1440;

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1-12). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Year, month (1-12) and day of a day number since 1970-01-01. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Day of week of a day number: 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDay(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?/;

/** Parses "YYYY-MM-DD[THH:MM[:SS]]" to epoch minutes (seconds dropped); throws CalendarError on bad input. */
export function parseLocalDateTime(text: string): number {
  const m = DATE_RE.exec(text.trim());
  if (!m) throw new CalendarError('INVALID_DATE', `invalid date-time "${text}"`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] ? Number(m[4]) : 0;
  const minute = m[5] ? Number(m[5]) : 0;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || year < 1900 || year > 9999) {
    throw new CalendarError('DATE_OUT_OF_RANGE', `date-time out of range "${text}"`);
  }
  return daysFromCivil(year, month, day) * MINUTES_PER_DAY + hour * 60 + minute;
}

const pad2 = (n: number): string => (n < 10 ? '0' + n : String(n));

/** Formats epoch minutes as "YYYY-MM-DDTHH:MM:SS" (the MSPDI dateTime layout). */
export function formatLocalDateTime(minutes: number): string {
  const days = Math.floor(minutes / MINUTES_PER_DAY);
  const mod = minutes - days * MINUTES_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  return `${year}-${pad2(month)}-${pad2(day)}T${pad2(Math.floor(mod / 60))}:${pad2(mod % 60)}:00`;
}

/** Parses "HH:MM[:SS]" to minutes of day (0-1440). */
export function parseTimeOfDay(text: string): number {
  const m = /^(\d{1,2}):(\d{2})(?::\d{2})?/.exec(text.trim());
  if (!m) throw new CalendarError('INVALID_TIME', `invalid time of day "${text}"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Formats minutes of day as "HH:MM:SS" (1440 is written as 00:00:00, MSPDI's midnight). */
export function formatTimeOfDay(minuteOfDay: number): string {
  const m = minuteOfDay % MINUTES_PER_DAY;
  return `${pad2(Math.floor(m / 60))}:${pad2(m % 60)}:00`;
}
