/**
 * Working minutes per day of one calendar (weekly pattern, base calendars, exceptions and recurrences, through
 * the calendar domain's day resolver), with cumulative sums in a typed array so that "working minutes between
 * two days" is two lookups. The capacity grid spreads demand and counts capacity with it; levelling builds its
 * periods and per-period capacity from it. Day numbers count from 1970-01-01 (as in src/domain/calendar).
 */
import { createDayResolver, daysFromCivil, civilFromDays, standardCalendar, type CalendarDefinition, type DayResolver } from '../calendar/index.js';

/** Days 1900-01-01 .. 2200-12-31: the dates the API accepts; the tables never grow past them. */
export const FIRST_DAY = daysFromCivil(1900, 1, 1);
export const LAST_DAY = daysFromCivil(2200, 12, 31);

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Day number of a 'YYYY-MM-DD' (or 'YYYY-MM-DD HH:mm:ss' / ISO) text. */
export function dayOfDate(text: string): number {
  return daysFromCivil(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10)));
}

/** 'YYYY-MM-DD' of a day number. */
export function dateOfDay(day: number): string {
  const { year, month, day: d } = civilFromDays(day);
  return `${year}-${pad(month)}-${pad(d)}`;
}

const sumMinutes = (intervals: readonly { fromMinute: number; toMinute: number }[]) => intervals.reduce((s, iv) => s + iv.toMinute - iv.fromMinute, 0);

/** Working time of one calendar by day. */
export class CalendarDays {
  /** Working minutes of the regular week (weekday pattern, no exceptions). */
  readonly weekMinutes: number;
  /** Working days of the regular week. */
  readonly weekWorkingDays: number;
  private readonly resolve: DayResolver;
  private cumFrom = 0;
  /** cum[i] = working minutes in [cumFrom, cumFrom + i). */
  private cum = new Float64Array(1);

  /** `calendars` holds the calendar and its base calendars; throws CalendarError for unknown ids or cycles. */
  constructor(
    readonly calendarId: number,
    calendars: readonly CalendarDefinition[],
    readonly name = calendars.find((c) => c.id === calendarId)?.name ?? `Calendar ${calendarId}`,
  ) {
    this.resolve = createDayResolver(calendarId, calendars);
    const week = createDayResolver(calendarId, calendars.map((c) => ({ ...c, exceptions: [] })));
    let minutes = 0;
    let days = 0;
    // 1970-01-04 was a Sunday: days 3..9 are one week.
    for (let d = 3; d < 10; d++) {
      const m = sumMinutes(week(d));
      minutes += m;
      if (m > 0) days++;
    }
    this.weekMinutes = minutes;
    this.weekWorkingDays = days;
  }

  /** The built-in MS Project Standard calendar (Monday-Friday, 8 h). */
  static standard(): CalendarDays {
    return new CalendarDays(1, [standardCalendar(1, 'Standard')]);
  }

  /** Average working minutes of a working day of the regular week (480 for Standard; 0 if it never works). */
  get dayMinutes(): number {
    return this.weekWorkingDays > 0 ? this.weekMinutes / this.weekWorkingDays : 0;
  }

  private ensure(from: number, to: number): void {
    const lo = Math.max(FIRST_DAY, Math.min(from, to));
    const hi = Math.min(LAST_DAY + 1, Math.max(from, to));
    const has = this.cum.length > 1;
    const curTo = this.cumFrom + this.cum.length - 1;
    if (has && lo >= this.cumFrom && hi <= curTo) return;
    // Grow with a margin (at least the current span) so that walking a range costs few rebuilds.
    const margin = Math.max(366, this.cum.length - 1);
    const start = Math.max(FIRST_DAY, (has ? Math.min(lo, this.cumFrom) : lo) - margin);
    const end = Math.min(LAST_DAY + 1, (has ? Math.max(hi, curTo) : hi) + margin);
    const cum = new Float64Array(end - start + 1);
    for (let d = start, i = 0; d < end; d++, i++) cum[i + 1] = cum[i]! + sumMinutes(this.resolve(d));
    this.cumFrom = start;
    this.cum = cum;
  }

  private at(day: number): number {
    const d = day < FIRST_DAY ? FIRST_DAY : day > LAST_DAY + 1 ? LAST_DAY + 1 : day;
    return this.cum[d - this.cumFrom]!;
  }

  /** Working minutes in days [from, to) (0 when to <= from). */
  minutesBetween(from: number, to: number): number {
    if (to <= from) return 0;
    this.ensure(from, to);
    return this.at(to) - this.at(from);
  }

  /** Working minutes of one day. */
  minutesOn(day: number): number {
    return this.minutesBetween(day, day + 1);
  }

  /** Writes the working minutes of days from .. from+count-1 into out[offset ..]. */
  fill(from: number, count: number, out: Float64Array | Int32Array, offset = 0): void {
    this.ensure(from, from + count);
    for (let i = 0; i < count; i++) out[offset + i] = this.at(from + i + 1) - this.at(from + i);
  }

  /**
   * The day `n` working days after `day` (before it when n < 0). A non-working start day first moves to the
   * next working day (n > 0) or the previous one (n < 0); n = 0 returns the day. A calendar without working
   * time (or a shift past the supported dates) returns the day unchanged rather than searching forever.
   */
  shiftWorkingDays(day: number, n: number): number {
    if (n === 0 || this.weekMinutes === 0) return day;
    const step = n > 0 ? 1 : -1;
    let left = Math.abs(n);
    let d = day;
    let guard = 0;
    while (this.minutesOn(d) === 0 && guard++ < 3660) d += step;
    while (left > 0 && guard++ < 400_000) {
      d += step;
      if (d < FIRST_DAY || d > LAST_DAY) return day;
      if (this.minutesOn(d) > 0) left--;
    }
    return left > 0 ? day : d;
  }
}
