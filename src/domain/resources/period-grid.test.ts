import { describe, expect, it } from 'vitest';
import { standardCalendar, type CalendarDefinition } from '../calendar/index.js';
import { CalendarDays, dateOfDay, dayOfDate as d } from './calendar-days.js';
import { PeriodGrid } from './period-grid.js';

const holiday: CalendarDefinition = { ...standardCalendar(2, 'Company'), exceptions: [{ name: 'Holiday', fromDay: d('2026-03-04'), toDay: d('2026-03-04'), working: false, intervals: [] }] };
const saturdays: CalendarDefinition = { ...standardCalendar(3, 'Six days'), weekDays: standardCalendar(3).weekDays.map((w, i) => (i === 6 ? { working: true, intervals: [{ fromMinute: 480, toMinute: 720 }] } : w)) };
const never: CalendarDefinition = { id: 9, name: 'Never', baseCalendarId: null, weekDays: Array.from({ length: 7 }, () => ({ working: false, intervals: [] })), exceptions: [] };

describe('PeriodGrid', () => {
  it.each([
    ['standard: weekdays', [CalendarDays.standard()], ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-09']],
    ['a holiday is not a period', [new CalendarDays(2, [holiday])], ['2026-03-02', '2026-03-03', '2026-03-05', '2026-03-06', '2026-03-09', '2026-03-10']],
    ['union of calendars: the holiday and Saturday work for someone', [new CalendarDays(2, [holiday]), new CalendarDays(3, [saturdays])], ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07']],
    ['calendars without working time fall back to every day', [new CalendarDays(9, [never])], ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07']],
  ])('%s', (_n, cals, expected) => {
    const g = new PeriodGrid(cals, d('2026-03-02'));
    expect([0, 1, 2, 3, 4, 5].map((p) => dateOfDay(g.dayOf(p)))).toEqual(expected);
  });

  it('maps days to the first period on or after them', () => {
    const g = new PeriodGrid([new CalendarDays(2, [holiday])], d('2026-03-02'));
    expect(['2026-02-20', '2026-03-02', '2026-03-04', '2026-03-05', '2026-03-07', '2026-03-09', '2027-03-01'].map((x) => g.periodOf(d(x)))).toEqual([0, 0, 2, 2, 4, 4, 259]) // 52 weeks of weekdays less the holiday;
  });
});
