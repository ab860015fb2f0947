import { describe, expect, it } from 'vitest';
import { CalendarDays, dayOfDate as d } from './calendar-days.js';
import { buildBuckets } from './buckets.js';
import { assignmentColumns, capacityRows, computeCapacity, type CapacityPlan } from './capacity-grid.js';
import { applyWhatIf, WhatIfError, type WhatIfChange } from './what-if.js';

const columns = (rows: [number, number, number, string, string, number, number][]) =>
  assignmentColumns(rows.map(([person, role, project, s, f, workMinutes, calendar]) => ({ person, role, project, startDay: d(s), finishDay: d(f), workMinutes, calendar })));

const base = (): CapacityPlan => ({
  calendars: [CalendarDays.standard()],
  people: [{ id: 'ann', name: 'Ann', minutesPerWeek: 2400, partTimePercent: 100, calendar: 0 }],
  assignments: columns([
    [0, -1, 0, '2026-03-02', '2026-03-06', 2400, 0],
    [-1, 0, 1, '2026-03-09', '2026-03-13', 2400, 0],
  ]),
  projectIds: ['alpha', 'beta'],
  roles: [{ id: 'dev', name: 'Developer' }],
  teams: [{ id: 'core', name: 'Core' }],
  skills: [{ id: 'ts', name: 'TypeScript' }],
  roleMembers: [0, 0],
  teamMembers: [0, 0],
  personSkills: [0, 0, 3],
  roleSkills: [],
});
const buckets = buildBuckets('week', d('2026-03-02'), 3);
const grid = (p: CapacityPlan, g: 'person' | 'role' | 'team' | 'skill' = 'person') => capacityRows(p, computeCapacity(p, buckets), g).map((r) => [r.id, r.capacityMinutes, r.demandMinutes]);

describe('what-if', () => {
  it.each<[string, WhatIfChange[], 'person' | 'role' | 'team', unknown]>([
    ['plan of record', [], 'person', [['ann', [2400, 2400, 2400], [2400, 0, 0]]]],
    ['a hypothetical developer from the second week', [{ kind: 'add-person', name: 'Contractor', roleIds: ['dev'], teamIds: ['core'], fromDay: d('2026-03-09') }], 'role', [['dev', [2400, 4800, 4800], [2400, 2400, 0]]]],
    ['a pool of two half-time testers', [{ kind: 'add-person', name: 'Tester', count: 2, partTimePercent: 50 }], 'person', [['ann', [2400, 2400, 2400], [2400, 0, 0]], ['what-if-1', [2400, 2400, 2400], [0, 0, 0]]]],
    ['Ann leaves on the second Wednesday', [{ kind: 'remove-person', personId: 'ann', fromDay: d('2026-03-11') }], 'person', [['ann', [2400, 960, 0], [2400, 0, 0]]]],
    ['Ann goes part-time for a week', [{ kind: 'change-capacity', personId: 'ann', fromDay: d('2026-03-09'), toDay: d('2026-03-15'), partTimePercent: 50 }], 'person', [['ann', [2400, 1200, 2400], [2400, 0, 0]]]],
    ['alpha slips by five working days', [{ kind: 'shift-project', projectId: 'alpha', workingDays: 5 }], 'person', [['ann', [2400, 2400, 2400], [0, 2400, 0]]]],
    ['beta comes forward by five working days', [{ kind: 'shift-project', projectId: 'beta', workingDays: -5 }], 'role', [['dev', [2400, 2400, 2400], [4800, 0, 0]]]],
  ])('%s', (_n, changes, groupBy, expected) => {
    expect(grid(applyWhatIf(base(), changes), groupBy)).toEqual(expected);
  });

  it('does not touch the plan of record', () => {
    const p = base();
    const before = JSON.stringify({ ...p, assignments: [...p.assignments.start, ...p.assignments.finish], calendars: null });
    applyWhatIf(p, [{ kind: 'shift-project', projectId: 'alpha', workingDays: 3 }, { kind: 'remove-person', personId: 'ann', fromDay: d('2026-03-02') }, { kind: 'add-person', name: 'X', teamIds: ['core'] }]);
    expect(JSON.stringify({ ...p, assignments: [...p.assignments.start, ...p.assignments.finish], calendars: null })).toBe(before);
    expect(grid(p)).toEqual([['ann', [2400, 2400, 2400], [2400, 0, 0]]]);
  });

  it('counts a hypothetical person in teams and skills', () => {
    const p = applyWhatIf(base(), [{ kind: 'add-person', name: 'X', teamIds: ['core'], skills: [{ skillId: 'ts', proficiency: 5 }] }]);
    expect(grid(p, 'team')).toEqual([['core', [4800, 4800, 4800], [2400, 0, 0]]]);
    expect(capacityRows(p, computeCapacity(p, buckets), 'skill', { minProficiency: 4 }).map((r) => r.capacityMinutes)).toEqual([[2400, 2400, 2400]]);
  });

  it.each<[string, WhatIfChange, string]>([
    ['unknown person', { kind: 'remove-person', personId: 'zed', fromDay: 0 }, 'UNKNOWN_REFERENCE'],
    ['unknown project', { kind: 'shift-project', projectId: 'gamma', workingDays: 1 }, 'UNKNOWN_REFERENCE'],
    ['unknown role of a hypothetical person', { kind: 'add-person', name: 'X', roleIds: ['qa'] }, 'UNKNOWN_REFERENCE'],
    ['a change without a figure', { kind: 'change-capacity', personId: 'ann' }, 'INVALID_CHANGE'],
    ['an empty window', { kind: 'add-person', name: 'X', fromDay: 10, toDay: 5 }, 'INVALID_CHANGE'],
    ['a pool of zero', { kind: 'add-person', name: 'X', count: 0 }, 'INVALID_CHANGE'],
  ])('rejects %s', (_n, change, code) => {
    expect(() => applyWhatIf(base(), [change])).toThrow(WhatIfError);
    try {
      applyWhatIf(base(), [change]);
    } catch (e) {
      expect((e as WhatIfError).code).toBe(code);
    }
  });
});
