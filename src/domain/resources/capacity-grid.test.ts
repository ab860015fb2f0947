import { describe, expect, it } from 'vitest';
import { standardCalendar, type CalendarDefinition } from '../calendar/index.js';
import { CalendarDays, dayOfDate as d } from './calendar-days.js';
import { buildBuckets } from './buckets.js';
import { assignmentColumns, capacityFactor, capacityRows, computeCapacity, type AssignmentColumns, type CapacityPerson, type CapacityPlan } from './capacity-grid.js';

const holiday: CalendarDefinition = { ...standardCalendar(2, 'Company'), exceptions: [{ name: 'Holiday', fromDay: d('2026-03-04'), toDay: d('2026-03-04'), working: false, intervals: [] }] };
const fourDays: CalendarDefinition = {
  id: 3, name: 'Four days', baseCalendarId: null,
  weekDays: [0, 1, 2, 3, 4, 5, 6].map((wd) => ({ working: wd >= 1 && wd <= 4, intervals: wd >= 1 && wd <= 4 ? [{ fromMinute: 480, toMinute: 1080 }] : [] })),
  exceptions: [],
};
const calendars = [CalendarDays.standard(), new CalendarDays(2, [holiday]), new CalendarDays(3, [fourDays])];

/** Assignments from rows [person, role, project, start, finish, work, calendar]. */
const columns = (rows: [number, number, number, string, string, number, number][]): AssignmentColumns =>
  assignmentColumns(rows.map(([person, role, project, s, f, workMinutes, calendar]) => ({ person, role, project, startDay: d(s), finishDay: d(f), workMinutes, calendar })));

function plan(people: Partial<CapacityPerson>[], rows: [number, number, number, string, string, number, number][] = []): CapacityPlan {
  return {
    calendars,
    people: people.map((p, i) => ({ id: `p${i}`, name: `P${i}`, minutesPerWeek: 2400, partTimePercent: 100, calendar: 0, ...p })),
    assignments: columns(rows),
    projectIds: ['alpha', 'beta'],
    roles: [{ id: 'dev', name: 'Developer' }],
    teams: [{ id: 'core', name: 'Core' }, { id: 'web', name: 'Web' }],
    skills: [{ id: 'ts', name: 'TypeScript' }],
    roleMembers: [0, 0],
    teamMembers: [0, 0, 0, 1, 1, 1],
    personSkills: [0, 0, 4, 0, 1, 2],
    roleSkills: [0, 0, 3],
  };
}

const weeks = (from: string, n: number) => buildBuckets('week', d(from), n);

describe('capacity per person', () => {
  it.each([
    ['standard week', {}, [2400, 2400]],
    ['part-time 50 %', { partTimePercent: 50 }, [1200, 1200]],
    ['38 h contract', { minutesPerWeek: 2280 }, [2280, 2280]],
    ['company holiday on Wednesday', { calendar: 1 }, [1920, 2400]],
    ['four-day calendar, 40 h contract', { calendar: 2 }, [2400, 2400]],
    ['four-day calendar, 32 h contract', { calendar: 2, minutesPerWeek: 1920 }, [1920, 1920]],
    ['vacation Monday-Tuesday', { nonProjectDays: [[d('2026-03-02'), d('2026-03-03')]] }, [1440, 2400]],
    ['overlapping vacations count once', { nonProjectDays: [[d('2026-03-02'), d('2026-03-03')], [d('2026-03-03'), d('2026-03-03')]] }, [1440, 2400]],
    ['vacation over a weekend costs nothing extra', { nonProjectDays: [[d('2026-03-07'), d('2026-03-08')]] }, [2400, 2400]],
    ['leaves after Wednesday', { activeToDay: d('2026-03-04') }, [1440, 0]],
    ['starts on the second Monday', { activeFromDay: d('2026-03-09') }, [0, 2400]],
    ['part-time from the second week', { changes: [{ fromDay: d('2026-03-09'), toDay: 99999, partTimePercent: 60 }] }, [2400, 1440]],
    ['a pool of three', { count: 3 }, [7200, 7200]],
    ['no working time at all', { minutesPerWeek: 0 }, [0, 0]],
  ] as [string, Partial<CapacityPerson>, number[]][])('%s', (_n, person, expected) => {
    const t = computeCapacity(plan([person]), weeks('2026-03-02', 2));
    expect(capacityRows(plan([person]), t, 'person')[0]!.capacityMinutes).toEqual(expected);
  });

  it('spreads contract hours over the calendar days (day grid)', () => {
    const p = plan([{ calendar: 2 }]);
    const t = computeCapacity(p, buildBuckets('day', d('2026-03-02'), 7));
    expect(capacityRows(p, t, 'person')[0]!.capacityMinutes).toEqual([600, 600, 600, 600, 0, 0, 0]);
    expect(capacityFactor(2400, 100, 0)).toBe(1);
  });
});

describe('demand spreading', () => {
  it.each([
    ['two weeks on the standard calendar', ['2026-03-02', '2026-03-13', 4800, 0], [2400, 2400, 0]],
    ['over a holiday of the project calendar', ['2026-03-02', '2026-03-06', 2000, 1], [2000, 0, 0]],
    ['a task starting before the grid counts only its part', ['2026-02-23', '2026-03-06', 4800, 0], [2400, 0, 0]],
    ['a weekend-only task spreads over its days', ['2026-03-07', '2026-03-08', 600, 0], [600, 0, 0]],
    ['after the grid: nothing', ['2026-04-06', '2026-04-10', 2400, 0], [0, 0, 0]],
  ] as [string, [string, string, number, number], number[]][])('%s', (_n, [s, f, work, cal], expected) => {
    const p = plan([{}], [[0, -1, 0, s, f, work, cal]]);
    expect(capacityRows(p, computeCapacity(p, weeks('2026-03-02', 3)), 'person')[0]!.demandMinutes).toEqual(expected);
  });

  it('spreads the holiday-free days of the project calendar (day grid)', () => {
    const p = plan([{}], [[0, -1, 0, '2026-03-02', '2026-03-06', 2000, 1]]);
    const r = capacityRows(p, computeCapacity(p, buildBuckets('day', d('2026-03-02'), 5)), 'person')[0]!;
    expect(r.demandMinutes).toEqual([500, 500, 0, 500, 500]);
  });

  it('spreads work of a split task over its pieces only', () => {
    const p = plan([{}], [[0, -1, 0, '2026-03-02', '2026-03-13', 2400, 0]]);
    p.assignments.pieces = new Map([[0, [[d('2026-03-02'), d('2026-03-03')], [d('2026-03-12'), d('2026-03-13')]]]]);
    const r = capacityRows(p, computeCapacity(p, weeks('2026-03-02', 2)), 'person')[0]!;
    expect(r.demandMinutes).toEqual([1200, 1200]);
  });

  it('gives utilisation, over-allocation, free capacity and totals', () => {
    const p = plan([{}], [[0, -1, 0, '2026-03-02', '2026-03-06', 3600, 0]]);
    const r = capacityRows(p, computeCapacity(p, weeks('2026-03-02', 2)), 'person')[0]!;
    expect(r).toMatchObject({ capacityMinutes: [2400, 2400], demandMinutes: [3600, 0], utilisation: [1.5, 0], overMinutes: [1200, 0], freeMinutes: [0, 2400] });
    expect(r.total).toEqual({ capacityMinutes: 4800, demandMinutes: 3600, utilisation: 0.75, overMinutes: 1200, freeMinutes: 2400 });
    const none = plan([{ minutesPerWeek: 0 }], [[0, -1, 0, '2026-03-02', '2026-03-06', 600, 0]]);
    expect(capacityRows(none, computeCapacity(none, weeks('2026-03-02', 1)), 'person')[0]).toMatchObject({ utilisation: [null], overMinutes: [600] });
  });
});

describe('grouping', () => {
  // p0: Developer, teams Core, TypeScript 4; p1: team Core and Web, TypeScript 2, part-time 50 %.
  const people = [{}, { partTimePercent: 50 }];
  const rows: [number, number, number, string, string, number, number][] = [
    [0, -1, 0, '2026-03-02', '2026-03-06', 1200, 0],
    [1, -1, 1, '2026-03-02', '2026-03-06', 600, 0],
    [-1, 0, 0, '2026-03-02', '2026-03-06', 2400, 0],
  ];
  const p = plan(people, rows);
  const t = computeCapacity(p, weeks('2026-03-02', 1));
  const pick = (g: 'role' | 'team' | 'skill', min?: number) => capacityRows(p, t, g, min ? { minProficiency: min } : {}).map((r) => [r.id, r.capacityMinutes[0], r.demandMinutes[0]]);
  it('by role: holders plus placeholder demand', () => expect(pick('role')).toEqual([['dev', 2400, 3600]]));
  it('by team: a person in two teams counts in both', () => expect(pick('team')).toEqual([['core', 3600, 1800], ['web', 1200, 600]]));
  it('by skill: holders at the minimum proficiency plus the demand of roles requiring it', () => {
    expect(pick('skill')).toEqual([['ts', 3600, 4200]]);
    expect(pick('skill', 3)).toEqual([['ts', 2400, 3600]]);
  });
});
