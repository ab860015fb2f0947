import { describe, expect, it } from 'vitest';
import {
  CalendarError, buildCalendarTable, daysFromCivil, expandExceptionDays, formatLocalDateTime as fmt, parseLocalDateTime as at,
  standardCalendar, type CalendarDefinition, type CalendarException,
} from './index.js';

const cal = standardCalendar();
const table = () => buildCalendarTable(1, [cal], daysFromCivil(2026, 1, 5));
// 2026-01-05 is a Monday.

describe('working-time table (Mon-Fri 08:00-12:00, 13:00-17:00)', () => {
  it.each([
    ['2026-01-05T08:00', 480, '2026-01-05T17:00:00'],
    ['2026-01-05T08:00', 240, '2026-01-05T12:00:00'],
    ['2026-01-05T08:00', 241, '2026-01-05T13:01:00'],
    ['2026-01-09T17:00', 1, '2026-01-12T08:01:00'],
    ['2026-01-09T17:00', 480, '2026-01-12T17:00:00'],
    ['2026-01-10T10:00', 60, '2026-01-12T09:00:00'],
    ['2026-01-12T08:00', -1, '2026-01-09T16:59:00'],
    ['2026-01-12T08:00', -480, '2026-01-09T08:00:00'],
    ['2026-01-12T08:00', 0, '2026-01-12T08:00:00'],
    ['2026-01-05T08:00', 2400, '2026-01-09T17:00:00'],
  ])('addWorking(%s, %i) = %s', (from, minutes, expected) => {
    expect(fmt(table().addWorking(at(from), minutes))).toBe(expected);
  });

  it.each([
    ['2026-01-09T17:00', '2026-01-12T08:00:00', '2026-01-09T17:00:00'],
    ['2026-01-05T12:00', '2026-01-05T13:00:00', '2026-01-05T12:00:00'],
    ['2026-01-05T12:30', '2026-01-05T13:00:00', '2026-01-05T12:00:00'],
    ['2026-01-12T08:00', '2026-01-12T08:00:00', '2026-01-09T17:00:00'],
    ['2026-01-07T10:15', '2026-01-07T10:15:00', '2026-01-07T10:15:00'],
    ['2026-01-10T00:00', '2026-01-12T08:00:00', '2026-01-09T17:00:00'],
  ])('snap %s forward to %s and backward to %s', (t, fwd, back) => {
    const tb = table();
    expect(fmt(tb.snapForward(at(t)))).toBe(fwd);
    expect(fmt(tb.snapBackward(at(t)))).toBe(back);
  });

  it('counts working minutes between instants, negative when reversed', () => {
    const tb = table();
    expect(tb.workingBetween(at('2026-01-05T08:00'), at('2026-01-12T08:00'))).toBe(2400);
    expect(tb.workingBetween(at('2026-01-12T08:00'), at('2026-01-05T08:00'))).toBe(-2400);
    expect(tb.workingBetween(at('2026-01-05T11:00'), at('2026-01-05T14:00'))).toBe(120);
  });

  it('grows its table far into the future and the past', () => {
    const tb = table();
    const t = tb.addWorking(at('2026-01-05T08:00'), 480 * 260 * 20); // ~20 years
    expect(tb.addWorking(t, -480 * 260 * 20)).toBe(at('2026-01-05T08:00'));
    const past = tb.addWorking(at('2026-01-05T08:00'), -480 * 260 * 5);
    expect(tb.workingBetween(past, at('2026-01-05T08:00'))).toBe(480 * 260 * 5);
  });

  it('skips holidays and uses working exceptions', () => {
    const c: CalendarDefinition = {
      ...standardCalendar(),
      exceptions: [
        { name: 'Holiday', fromDay: daysFromCivil(2026, 1, 6), toDay: daysFromCivil(2026, 1, 7), working: false, intervals: [] },
        { name: 'Saturday shift', fromDay: daysFromCivil(2026, 1, 10), toDay: daysFromCivil(2026, 1, 10), working: true, intervals: [{ fromMinute: 540, toMinute: 660 }] },
      ],
    };
    const tb = buildCalendarTable(1, [c], daysFromCivil(2026, 1, 5));
    expect(fmt(tb.addWorking(at('2026-01-05T17:00'), 60))).toBe('2026-01-08T09:00:00');
    expect(fmt(tb.addWorking(at('2026-01-09T17:00'), 120))).toBe('2026-01-10T11:00:00');
    expect(fmt(tb.addWorking(at('2026-01-09T17:00'), 121))).toBe('2026-01-12T08:01:00');
  });

  it('derived calendars inherit the base week and exceptions and override weekdays', () => {
    const base: CalendarDefinition = { ...standardCalendar(1), exceptions: [{ name: 'H', fromDay: daysFromCivil(2026, 1, 6), toDay: daysFromCivil(2026, 1, 6), working: false, intervals: [] }] };
    const derived: CalendarDefinition = {
      id: 2, name: 'Part-timer', baseCalendarId: 1,
      weekDays: [null, null, null, null, null, { working: false, intervals: [] }, null], // no Fridays
      exceptions: [],
    };
    const tb = buildCalendarTable(2, [base, derived], daysFromCivil(2026, 1, 5));
    // Mon 5 works, Tue 6 holiday (inherited), Wed 7, Thu 8 work, Fri 9 off.
    expect(fmt(tb.addWorking(at('2026-01-05T08:00'), 480 * 3))).toBe('2026-01-08T17:00:00');
    expect(fmt(tb.addWorking(at('2026-01-08T17:00'), 1))).toBe('2026-01-12T08:01:00');
  });

  it('supports night shifts ending at midnight', () => {
    const night: CalendarDefinition = {
      id: 3, name: 'Night', baseCalendarId: null,
      weekDays: [0, 1, 2, 3, 4, 5, 6].map(() => ({ working: true, intervals: [{ fromMinute: 1380, toMinute: 1440 }, { fromMinute: 0, toMinute: 180 }] })),
      exceptions: [],
    };
    const tb = buildCalendarTable(3, [night], daysFromCivil(2026, 1, 5));
    expect(fmt(tb.addWorking(at('2026-01-05T23:00'), 120))).toBe('2026-01-06T01:00:00');
    expect(fmt(tb.snapForward(at('2026-01-06T03:00')))).toBe('2026-01-06T23:00:00');
  });

  it('rejects a calendar without working time instead of looping', () => {
    const none: CalendarDefinition = { id: 9, name: 'Never', baseCalendarId: null, weekDays: Array(7).fill({ working: false, intervals: [] }), exceptions: [] };
    expect(() => buildCalendarTable(9, [none], 20000)).toThrow(CalendarError);
    try {
      buildCalendarTable(9, [none], 20000);
    } catch (e) {
      expect((e as CalendarError).code).toBe('NO_WORKING_TIME');
    }
  });

  it('stops with NO_WORKING_TIME when the only working time is out of reach', () => {
    const once: CalendarDefinition = {
      id: 9, name: 'Once', baseCalendarId: null, weekDays: Array(7).fill({ working: false, intervals: [] }),
      exceptions: [{ name: 'one day', fromDay: 20000, toDay: 20000, working: true, intervals: [{ fromMinute: 480, toMinute: 540 }] }],
    };
    const tb = buildCalendarTable(9, [once], 20000);
    expect(tb.addWorking(20000 * 1440, 30)).toBe(20000 * 1440 + 510);
    expect(() => tb.addWorking(20000 * 1440, 120)).toThrow(/no working time/);
  });

  it('rejects unknown calendars and base-calendar cycles', () => {
    expect(() => buildCalendarTable(42, [cal], 20000)).toThrow(/unknown calendar 42/);
    const a: CalendarDefinition = { id: 1, name: 'a', baseCalendarId: 2, weekDays: Array(7).fill(null), exceptions: [] };
    const b: CalendarDefinition = { id: 2, name: 'b', baseCalendarId: 1, weekDays: Array(7).fill(null), exceptions: [] };
    expect(() => buildCalendarTable(1, [a, b], 20000)).toThrow(/cycle/);
  });
});

describe('recurring exceptions (MSPDI Type codes)', () => {
  const d = (y: number, m: number, day: number) => daysFromCivil(y, m, day);
  const ex = (e: Partial<CalendarException>): CalendarException => ({ name: '', fromDay: 0, toDay: 0, working: false, intervals: [], ...e });
  it.each<[string, CalendarException, number[]]>([
    ['daily every 3 days, 4 occurrences', ex({ fromDay: d(2000, 2, 1), toDay: d(2000, 2, 10), recurrence: { type: 'daily', period: 3 }, occurrences: 4 }), [d(2000, 2, 1), d(2000, 2, 4), d(2000, 2, 7), d(2000, 2, 10)]],
    ['every 2 weeks on Tuesday', ex({ fromDay: d(2001, 1, 1), toDay: d(2001, 2, 13), recurrence: { type: 'weekly', period: 2, daysOfWeekMask: 4 }, occurrences: 4 }), [d(2001, 1, 2), d(2001, 1, 16), d(2001, 1, 30), d(2001, 2, 13)]],
    ['first Monday every 2 months', ex({ fromDay: d(2002, 1, 1), toDay: d(2002, 5, 6), recurrence: { type: 'monthlyByPosition', period: 2, position: 0, weekday: 1 }, occurrences: 3 }), [d(2002, 1, 7), d(2002, 3, 4), d(2002, 5, 6)]],
    ['last Friday every 6 months', ex({ fromDay: d(2002, 1, 1), toDay: d(2002, 12, 31), recurrence: { type: 'monthlyByPosition', period: 6, position: 4, weekday: 5 } }), [d(2002, 1, 25), d(2002, 7, 26)]],
    ['day 31 monthly clamps to month end', ex({ fromDay: d(2003, 1, 1), toDay: d(2003, 3, 31), recurrence: { type: 'monthlyByDay', period: 1, monthDay: 31 } }), [d(2003, 1, 31), d(2003, 2, 28), d(2003, 3, 31)]],
    ['every 1 February', ex({ fromDay: d(2005, 1, 1), toDay: d(2007, 2, 1), recurrence: { type: 'yearlyByDay', month: 2, monthDay: 1 }, occurrences: 3 }), [d(2005, 2, 1), d(2006, 2, 1), d(2007, 2, 1)]],
    ['second Tuesday of April yearly', ex({ fromDay: d(2004, 1, 1), toDay: d(2005, 12, 31), recurrence: { type: 'yearlyByPosition', month: 4, position: 1, weekday: 2 } }), [d(2004, 4, 13), d(2005, 4, 12)]],
  ])('%s', (_name, e, days) => {
    expect(expandExceptionDays(e)).toEqual(days);
  });
});

describe('local date-times', () => {
  it.each(['1970-01-01T00:00:00', '2000-02-29T23:59:00', '2026-11-25T20:40:00', '2100-03-01T08:00:00'])('round-trips %s', (s) => {
    expect(fmt(at(s))).toBe(s);
  });
  it.each(['', 'yesterday', '2026-13-01T00:00:00', '2026-01-01T25:00:00'])('rejects %j', (s) => {
    expect(() => at(s)).toThrow(CalendarError);
  });
});
