import { describe, expect, it } from 'vitest';
import { standardCalendar, type CalendarDefinition } from '../calendar/index.js';
import { CalendarDays, dateOfDay, dayOfDate } from './calendar-days.js';
import { buildBuckets } from './buckets.js';

const d = dayOfDate;
// Standard plus a holiday on Friday 2026-04-03 and a half day on Thursday 2026-04-02.
const withHolidays: CalendarDefinition = {
  ...standardCalendar(2, 'Company'),
  exceptions: [
    { name: 'Good Friday', fromDay: d('2026-04-03'), toDay: d('2026-04-03'), working: false, intervals: [] },
    { name: 'Half day', fromDay: d('2026-04-02'), toDay: d('2026-04-02'), working: true, intervals: [{ fromMinute: 480, toMinute: 720 }] },
  ],
};
// A four-day week (Monday-Thursday, 10 h), derived from the company calendar (inherits its exceptions).
const fourDays: CalendarDefinition = {
  id: 3, name: 'Four days', baseCalendarId: 2,
  weekDays: [null, ...[1, 2, 3, 4].map(() => ({ working: true, intervals: [{ fromMinute: 420, toMinute: 1020 }] })), { working: false, intervals: [] }, null],
  exceptions: [],
};
const none: CalendarDefinition = { id: 9, name: 'Never', baseCalendarId: null, weekDays: Array.from({ length: 7 }, () => ({ working: false, intervals: [] })), exceptions: [] };

describe('CalendarDays', () => {
  const company = new CalendarDays(2, [withHolidays]);
  const four = new CalendarDays(3, [withHolidays, fourDays]);
  it.each([
    ['standard Monday', CalendarDays.standard(), '2026-03-30', 480],
    ['standard Saturday', CalendarDays.standard(), '2026-04-04', 0],
    ['holiday', company, '2026-04-03', 0],
    ['half day', company, '2026-04-02', 240],
    ['four-day week Monday', four, '2026-03-30', 600],
    ['four-day week Friday', four, '2026-03-27', 0],
    ['derived calendar inherits the half day', four, '2026-04-02', 240],
  ])('%s: minutes of %s', (_name, cal, date, minutes) => {
    expect(cal.minutesOn(d(date))).toBe(minutes);
  });

  it('knows its regular week', () => {
    expect([company.weekMinutes, company.weekWorkingDays, company.dayMinutes]).toEqual([2400, 5, 480]);
    expect([four.weekMinutes, four.weekWorkingDays, four.dayMinutes]).toEqual([2400, 4, 600]);
    expect(new CalendarDays(9, [none]).weekMinutes).toBe(0);
  });

  it('counts working minutes between days, across a long range and far from where it started', () => {
    expect(company.minutesBetween(d('2026-03-30'), d('2026-04-06'))).toBe(480 * 3 + 240);
    expect(company.minutesBetween(d('2026-04-06'), d('2026-03-30'))).toBe(0);
    // 3,653 days from a Monday: 521 weeks and Monday-Saturday.
    expect(CalendarDays.standard().minutesBetween(d('2020-01-06'), d('2030-01-07'))).toBe(480 * 2610);
    expect(company.minutesOn(d('2190-01-02'))).toBeGreaterThanOrEqual(0);
  });

  it.each([
    ['Monday + 1', '2026-03-30', 1, '2026-03-31'],
    ['Friday + 1 skips the weekend', '2026-03-27', 1, '2026-03-30'],
    ['over a holiday', '2026-04-02', 1, '2026-04-06'],
    ['backwards', '2026-04-06', -1, '2026-04-02'],
    ['a Saturday moves to Monday first', '2026-03-28', 1, '2026-03-31'],
    ['zero', '2026-03-28', 0, '2026-03-28'],
    ['ten', '2026-03-30', 10, '2026-04-14'],
  ])('shiftWorkingDays %s', (_name, from, n, to) => {
    expect(dateOfDay(company.shiftWorkingDays(d(from), n))).toBe(to);
  });

  it('never loops on a calendar without working time', () => {
    const never = new CalendarDays(9, [none]);
    expect(never.shiftWorkingDays(d('2026-03-30'), 5)).toBe(d('2026-03-30'));
    expect(never.minutesBetween(d('2026-01-01'), d('2027-01-01'))).toBe(0);
  });
});

describe('buildBuckets', () => {
  const dates = (b: Int32Array) => [...b].map(dateOfDay);
  it.each([
    ['day', '2026-02-27', 3, ['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']],
    ['week (from the Monday)', '2026-03-04', 2, ['2026-03-02', '2026-03-09', '2026-03-16']],
    ['month (from the 1st, over a year end)', '2026-11-15', 3, ['2026-11-01', '2026-12-01', '2027-01-01', '2027-02-01']],
  ] as const)('%s', (_name, from, n, expected) => {
    const g = _name.split(' ')[0] as 'day' | 'week' | 'month';
    expect(dates(buildBuckets(g, d(from), n))).toEqual(expected);
  });
});
