import { describe, expect, it } from 'vitest';
import { buildGanttModel, FLAG_BASELINE, FLAG_CRITICAL, FLAG_MILESTONE, FLAG_UNSCHEDULED, hitBar, type GanttTask } from './gantt-model';
import { makeSyntheticSchedule } from './synthetic-tasks';
import { parseScheduleMinutes } from './gantt-time';

const task = (id: string, level: number, extra: Partial<GanttTask> = {}): GanttTask => ({
  id, parentId: null, wbs: id, outlineLevel: level, name: id, start: '2026-01-05T08:00:00', finish: '2026-01-09T17:00:00',
  percentComplete: 0, isMilestone: false, isSummary: false, version: 1, ...extra,
});

describe('buildGanttModel', () => {
  const tasks = [
    task('A', 1, { isSummary: true }), task('A1', 2), task('A2', 2, { isSummary: true }), task('A2a', 3),
    task('B', 1, { isMilestone: true, critical: true }), task('C', 1, { start: null, finish: null }),
    task('D', 1, { baselineStart: '2026-01-01T08:00:00', baselineFinish: '2026-01-02T17:00:00' }),
  ];
  const anchor = parseScheduleMinutes('2026-06-01T10:00:00');

  it('hides the descendants of collapsed summaries only', () => {
    expect([...buildGanttModel(tasks, [], new Set(['A']), anchor).rowTask]).toEqual([0, 4, 5, 6]);
    expect([...buildGanttModel(tasks, [], new Set(['A2']), anchor).rowTask]).toEqual([0, 1, 2, 4, 5, 6]);
    const m = buildGanttModel(tasks, [], new Set(), anchor);
    expect(m.rowTask.length).toBe(7);
    expect(buildGanttModel(tasks, [], new Set(['A']), anchor).taskRow[3]).toBe(-1);
  });
  it('sets flags for milestones, critical, baseline and unscheduled tasks', () => {
    const m = buildGanttModel(tasks, [], new Set(), anchor);
    expect(m.flags[4]! & (FLAG_MILESTONE | FLAG_CRITICAL)).toBe(FLAG_MILESTONE | FLAG_CRITICAL);
    expect(m.flags[5]! & FLAG_UNSCHEDULED).toBe(FLAG_UNSCHEDULED);
    expect(m.startMin[5]).toBe(parseScheduleMinutes('2026-06-01'));
    expect(m.flags[6]! & FLAG_BASELINE).toBe(FLAG_BASELINE);
    expect(m.rangeStartMin).toBeLessThan(parseScheduleMinutes('2026-01-05'));
  });
  it('drops links to unknown tasks', () => {
    const m = buildGanttModel(tasks, [
      { id: 'l1', predecessorId: 'A1', successorId: 'B', type: 'FS' },
      { id: 'l2', predecessorId: 'A1', successorId: 'nope', type: 'SS' },
    ], new Set(), anchor);
    expect(m.links.map((l) => l.id)).toEqual(['l1']);
    expect([...m.linkFrom]).toEqual([1]);
    expect([...m.linkTo]).toEqual([4]);
  });
  it('handles 10,000 synthetic tasks', () => {
    const { tasks: big, links } = makeSyntheticSchedule(10_000);
    const m = buildGanttModel(big, links, new Set(), anchor);
    expect(m.rowTask.length).toBe(10_000);
    expect(m.links.length).toBe(links.length);
    expect(links.length).toBeGreaterThan(8000);
  });
});

describe('hitBar', () => {
  it.each([
    [50, 'body'], [98, 'end'], [105, 'link'], [115, null], [10, null],
  ] as const)('x=%s on a bar 40..100 is %s', (x, part) => {
    expect(hitBar(x, 40, 100, false)).toBe(part);
  });
  it('milestones have a body around the diamond and a link handle to its right', () => {
    expect(hitBar(40, 40, 40, true)).toBe('body');
    expect(hitBar(52, 40, 40, true)).toBe('link');
    expect(hitBar(20, 40, 40, true)).toBe(null);
  });
});
