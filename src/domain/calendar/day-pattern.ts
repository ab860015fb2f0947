/** Resolves the working intervals of any day of a (possibly derived) calendar, exceptions and recurrences included. */
import { CalendarError } from './calendar-errors.js';
import type { CalendarDefinition, CalendarException, WorkingInterval } from './calendar.types.js';
import { civilFromDays, daysFromCivil, weekdayOfDay } from './date-minutes.js';

/** Returns the working intervals of a day (sorted, merged, possibly empty). */
export type DayResolver = (day: number) => readonly WorkingInterval[];

const EMPTY: readonly WorkingInterval[] = Object.freeze([]);

/** Normalises intervals: sorted, non-overlapping, inside 0..1440, zero-length removed. */
export function normaliseIntervals(intervals: readonly WorkingInterval[]): WorkingInterval[] {
  const list = intervals
    .map((i) => ({ fromMinute: Math.max(0, i.fromMinute), toMinute: Math.min(1440, i.toMinute <= i.fromMinute ? 1440 : i.toMinute) }))
    .filter((i) => i.toMinute > i.fromMinute)
    .sort((a, b) => a.fromMinute - b.fromMinute);
  const out: WorkingInterval[] = [];
  for (const i of list) {
    const last = out[out.length - 1];
    if (last && i.fromMinute <= last.toMinute) last.toMinute = Math.max(last.toMinute, i.toMinute);
    else out.push({ ...i });
  }
  return out;
}

function nthWeekdayOfMonth(year: number, month: number, position: number, weekday: number): number {
  if (position >= 4) {
    const last = daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - 1;
    return last - ((weekdayOfDay(last) - weekday + 7) % 7);
  }
  const first = daysFromCivil(year, month, 1);
  return first + ((weekday - weekdayOfDay(first) + 7) % 7) + 7 * position;
}

function clampMonthDay(year: number, month: number, day: number): number {
  const next = daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1);
  return Math.min(daysFromCivil(year, month, 1) + day - 1, next - 1);
}

/** Expands an exception into the day numbers it covers (recurrences expanded within its range, capped by occurrences). */
export function expandExceptionDays(ex: CalendarException): number[] {
  const days: number[] = [];
  const cap = ex.occurrences && ex.occurrences > 0 ? ex.occurrences : Number.MAX_SAFE_INTEGER;
  const r = ex.recurrence;
  const limit = 200_000; // guard against absurd ranges
  if (!r) {
    for (let d = ex.fromDay; d <= ex.toDay && days.length < limit; d++) days.push(d);
    return days;
  }
  const push = (d: number): boolean => {
    if (d >= ex.fromDay && d <= ex.toDay) days.push(d);
    return days.length < cap && days.length < limit && d <= ex.toDay;
  };
  const start = civilFromDays(ex.fromDay);
  switch (r.type) {
    case 'daily':
      for (let d = ex.fromDay; push(d); d += Math.max(1, r.period));
      break;
    case 'weekly': {
      const weekStart = ex.fromDay - weekdayOfDay(ex.fromDay);
      for (let w = weekStart; w <= ex.toDay && days.length < cap; w += 7 * Math.max(1, r.period)) {
        for (let k = 0; k < 7 && days.length < cap; k++) {
          if (r.daysOfWeekMask & (1 << k)) {
            const d = w + k;
            if (d >= ex.fromDay && d <= ex.toDay) days.push(d);
          }
        }
      }
      break;
    }
    case 'monthlyByDay':
    case 'monthlyByPosition': {
      for (let i = 0; ; i += Math.max(1, r.period)) {
        const mIndex = start.month - 1 + i;
        const year = start.year + Math.floor(mIndex / 12);
        const month = (mIndex % 12) + 1;
        const d = r.type === 'monthlyByDay' ? clampMonthDay(year, month, r.monthDay) : nthWeekdayOfMonth(year, month, r.position, r.weekday);
        if (d < ex.fromDay) continue;
        if (!push(d)) break;
      }
      break;
    }
    case 'yearlyByDay':
    case 'yearlyByPosition': {
      for (let year = start.year; ; year++) {
        const d = r.type === 'yearlyByDay' ? clampMonthDay(year, r.month, r.monthDay) : nthWeekdayOfMonth(year, r.month, r.position, r.weekday);
        if (d < ex.fromDay) continue;
        if (!push(d)) break;
      }
      break;
    }
  }
  return days.slice(0, cap === Number.MAX_SAFE_INTEGER ? undefined : cap);
}

/** Builds a resolver for calendar `id`, following base calendars (derived calendars inherit weekdays and exceptions). */
export function createDayResolver(id: number, calendars: readonly CalendarDefinition[]): DayResolver {
  const byId = new Map(calendars.map((c) => [c.id, c]));
  const chain: CalendarDefinition[] = [];
  let cur = byId.get(id);
  if (!cur) throw new CalendarError('UNKNOWN_CALENDAR', `unknown calendar ${id}`);
  while (cur) {
    if (chain.includes(cur)) throw new CalendarError('CALENDAR_CYCLE', `calendar ${id} has a cycle of base calendars`);
    chain.push(cur);
    if (cur.baseCalendarId === null || cur.baseCalendarId === undefined || cur.baseCalendarId < 0) break;
    const base = byId.get(cur.baseCalendarId);
    if (!base) throw new CalendarError('UNKNOWN_CALENDAR', `calendar ${cur.id} refers to unknown base calendar ${cur.baseCalendarId}`);
    cur = base;
  }
  // Week pattern: first non-null weekday walking up the chain.
  const week: (readonly WorkingInterval[])[] = [];
  for (let wd = 0; wd < 7; wd++) {
    let pattern: readonly WorkingInterval[] = EMPTY;
    for (const c of chain) {
      const def = c.weekDays[wd];
      if (def) {
        pattern = def.working ? normaliseIntervals(def.intervals) : EMPTY;
        break;
      }
    }
    week.push(pattern);
  }
  // Exceptions: a derived calendar's own exceptions override its base's; within one calendar later entries win.
  const overrides = new Map<number, readonly WorkingInterval[]>();
  for (let ci = chain.length - 1; ci >= 0; ci--) {
    for (const ex of chain[ci].exceptions) {
      const intervals = ex.working ? normaliseIntervals(ex.intervals) : EMPTY;
      for (const d of expandExceptionDays(ex)) overrides.set(d, intervals);
    }
  }
  return (day: number) => overrides.get(day) ?? week[weekdayOfDay(day)];
}

/** True when the weekly pattern has no working time and no exception adds any (the calendar can never work). */
export function hasNoWorkingTime(id: number, calendars: readonly CalendarDefinition[], probeFromDay: number): boolean {
  const resolve = createDayResolver(id, calendars);
  for (let d = probeFromDay; d < probeFromDay + 7; d++) if (resolve(d).length > 0) return false;
  const byId = new Map(calendars.map((c) => [c.id, c]));
  for (let c = byId.get(id); c; c = c.baseCalendarId !== null && c.baseCalendarId >= 0 ? byId.get(c.baseCalendarId) : undefined) {
    if (c.exceptions.some((e) => e.working && e.intervals.length > 0)) return false;
    if (c.baseCalendarId === c.id) break;
  }
  return true;
}
