import { describe, expect, it } from 'vitest';
import { compareGrids, periodLabel } from './capacity-compare';
import { ganttLayout } from './gantt-bars';

describe('capacity comparison', () => {
  const row = (id: string, cap: number[], dem: number[], hypothetical = false) => ({
    id, name: id.toUpperCase(), hypothetical, capacityMinutes: cap, demandMinutes: dem,
    overMinutes: cap.map((c, i) => Math.max(0, dem[i]! - c)), freeMinutes: cap.map((c, i) => Math.max(0, c - dem[i]!)),
  });
  it('lists changed and hypothetical rows, biggest over-allocation change first, with totals', () => {
    const before = { rows: [row('ann', [100, 100], [150, 50]), row('bob', [100, 100], [0, 0]), row('cy', [100, 100], [120, 0])] };
    const after = { rows: [row('ann', [100, 100], [100, 100]), row('bob', [100, 100], [0, 0]), row('cy', [100, 0], [120, 0]), row('what-if-1', [50, 50], [0, 0], true)] };
    const c = compareGrids(before, after);
    expect(c.rows.map((r) => [r.id, r.overCellsBefore, r.overCellsAfter, r.overMinutesBefore, r.overMinutesAfter])).toEqual([
      ['ann', 1, 0, 50, 0],
      ['cy', 1, 1, 20, 20],
      ['what-if-1', 0, 0, 0, 0],
    ]);
    expect(c.rows[2]!.hypothetical).toBe(true);
    expect(c.before).toEqual({ overCells: 2, overMinutes: 70, freeMinutes: 350 });
    expect(c.after).toEqual({ overCells: 1, overMinutes: 20, freeMinutes: 300 });
  });
  it.each([['day', '2026-03-02', '03-02'], ['week', '2026-03-02', '03-02'], ['month', '2026-03-01', '2026-03']] as const)('labels a %s', (g, s, l) => expect(periodLabel(g, s)).toBe(l));
});

describe('levelling Gantt layout', () => {
  it('places before and after bars (and the pieces of a split) on one day axis', () => {
    const out = ganttLayout([
      { taskId: 'a', name: 'A', projectName: 'P', oldStart: '2026-10-05T08:00:00', oldFinish: '2026-10-08T17:00:00', newStart: '2026-10-09T08:00:00', newFinish: '2026-10-14T17:00:00', pieces: null },
      { taskId: 'b', name: 'B', projectName: 'P', oldStart: '2026-10-05T08:00:00', oldFinish: '2026-10-08T17:00:00', newStart: '2026-10-05T08:00:00', newFinish: '2026-10-12T17:00:00', pieces: [{ start: '2026-10-05T08:00:00', finish: '2026-10-06T17:00:00' }, { start: '2026-10-09T08:00:00', finish: '2026-10-12T17:00:00' }] },
    ]);
    expect(out.firstDay).toBe('2026-10-05');
    expect(out.days).toBe(10);
    expect(out.rows).toEqual([
      { taskId: 'a', label: 'P · A', before: { from: 0, days: 4 }, after: [{ from: 4, days: 6 }] },
      { taskId: 'b', label: 'P · B', before: { from: 0, days: 4 }, after: [{ from: 0, days: 2 }, { from: 4, days: 4 }] },
    ]);
    expect(ganttLayout([])).toEqual({ firstDay: '', days: 0, rows: [] });
  });
});
