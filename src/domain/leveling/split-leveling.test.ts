import { describe, expect, it } from 'vitest';
import { levelPortfolio } from './portfolio-leveling.js';
import { generateSyntheticPortfolio } from './synthetic-portfolio.js';
import type { PortfolioInput, PortfolioLevelResult } from './portfolio-types.js';

/**
 * Independent check of a (possibly split) levelled schedule: each task occupies its pieces (or [start, finish)),
 * the pieces add up to its duration, links hold on start (first piece) and finish (end of the last), and per
 * resource and period the units booked stay within capacity.
 */
function violations(input: PortfolioInput, out: PortfolioLevelResult): string[] {
  const errs: string[] = [];
  const at = new Map(out.tasks.map((t) => [t.id, t]));
  const periodsOf = (id: string) => {
    const t = at.get(id)!;
    const pieces = t.pieces ?? [{ startPeriod: t.startPeriod, finishPeriod: t.finishPeriod }];
    const list: number[] = [];
    for (const p of pieces) for (let u = p.startPeriod; u < p.finishPeriod; u++) list.push(u);
    return list;
  };
  for (const t of input.tasks) {
    const o = at.get(t.id)!;
    const used = periodsOf(t.id);
    if (used.length !== t.durationPeriods) errs.push(`${t.id} works ${used.length} periods, needs ${t.durationPeriods}`);
    if (o.pieces && (o.pieces[0]!.startPeriod !== o.startPeriod || o.pieces.at(-1)!.finishPeriod !== o.finishPeriod)) errs.push(`${t.id} pieces do not span start..finish`);
    if (o.pieces && t.splittable === false) errs.push(`${t.id} may not split`);
    if (o.startPeriod < (t.earliestStartPeriod ?? 0)) errs.push(`${t.id} starts before its earliest start`);
  }
  for (const l of input.links ?? []) {
    const a = at.get(l.fromTaskId)!;
    const b = at.get(l.toTaskId)!;
    const lag = l.lagPeriods ?? 0;
    const ok = { FS: b.startPeriod >= a.finishPeriod + lag, SS: b.startPeriod >= a.startPeriod + lag, FF: b.finishPeriod >= a.finishPeriod + lag, SF: b.finishPeriod >= a.startPeriod + lag }[l.type ?? 'FS'];
    if (!ok) errs.push(`link ${l.fromTaskId}->${l.toTaskId} ${l.type ?? 'FS'} broken`);
  }
  for (const r of input.resources) {
    const use = new Map<number, number>();
    for (const t of input.tasks) for (const d of t.demands ?? []) if (d.resourceId === r.id) for (const u of periodsOf(t.id)) use.set(u, (use.get(u) ?? 0) + d.units);
    for (const [u, v] of use) {
      const cap = u < (r.capacityByPeriod?.length ?? 0) ? r.capacityByPeriod![u]! : r.capacity;
      if (v > cap + 1e-9) errs.push(`${r.id} period ${u}: ${v} > ${cap}`);
    }
  }
  return errs;
}

// Ann is busy in periods 2-3 (a higher-priority task); a 4-period task of hers fits in 0-1 and 4-5 when split.
const gap = (splittable?: boolean): PortfolioInput => ({
  resources: [{ id: 'ann', capacity: 1 }],
  projects: [{ id: 'hi', priority: 2 }, { id: 'lo', priority: 1 }],
  tasks: [
    { id: 'busy', projectId: 'hi', durationPeriods: 2, earliestStartPeriod: 2, demands: [{ resourceId: 'ann', units: 1 }] },
    { id: 'work', projectId: 'lo', durationPeriods: 4, demands: [{ resourceId: 'ann', units: 1 }], ...(splittable === undefined ? {} : { splittable }) },
    { id: 'next', projectId: 'lo', durationPeriods: 1 },
  ],
  links: [{ fromTaskId: 'work', toTaskId: 'next' }],
});

describe('levelling with splits', () => {
  it.each([
    ['splits off: the task waits for one window', false, undefined, { startPeriod: 4, finishPeriod: 8 }, undefined],
    ['splits on: the task fills the gap before and after', true, undefined, { startPeriod: 0, finishPeriod: 6 }, [{ startPeriod: 0, finishPeriod: 2 }, { startPeriod: 4, finishPeriod: 6 }]],
    ['splits on, but the task may not split', true, false, { startPeriod: 4, finishPeriod: 8 }, undefined],
  ] as const)('%s', (_n, allowSplits, splittable, dates, pieces) => {
    const input = gap(splittable);
    const out = levelPortfolio(input, { allowSplits });
    const work = out.tasks.find((t) => t.id === 'work')!;
    expect({ startPeriod: work.startPeriod, finishPeriod: work.finishPeriod }).toEqual(dates);
    expect(work.pieces).toEqual(pieces);
    // The successor follows the end of the last piece.
    expect(out.tasks.find((t) => t.id === 'next')!.startPeriod).toBe(dates.finishPeriod);
    expect(out.stats.splitTasks).toBe(pieces ? 1 : 0);
    expect(violations(input, out)).toEqual([]);
  });

  it('uses vacations as gaps, and holds FF/SS links on the real finish', () => {
    const input: PortfolioInput = {
      resources: [{ id: 'bo', capacity: 1, capacityByPeriod: [1, 0, 1, 1] }],
      projects: [{ id: 'p', priority: 1 }],
      tasks: [
        { id: 'a', projectId: 'p', durationPeriods: 3, demands: [{ resourceId: 'bo', units: 1 }] },
        { id: 'b', projectId: 'p', durationPeriods: 1 },
        { id: 'c', projectId: 'p', durationPeriods: 2 },
      ],
      links: [{ fromTaskId: 'a', toTaskId: 'b', type: 'FF' }, { fromTaskId: 'a', toTaskId: 'c', type: 'SS', lagPeriods: 1 }],
    };
    const out = levelPortfolio(input, { allowSplits: true });
    expect(out.tasks.find((t) => t.id === 'a')).toMatchObject({ startPeriod: 0, finishPeriod: 4, pieces: [{ startPeriod: 0, finishPeriod: 1 }, { startPeriod: 2, finishPeriod: 4 }] });
    expect(out.tasks.find((t) => t.id === 'b')!.finishPeriod).toBe(4);
    expect(violations(input, out)).toEqual([]);
  });

  it('is deterministic and feasible on a generated portfolio, and never later than whole tasks', () => {
    const input = generateSyntheticPortfolio({ projects: 12, tasksPerProject: 30, people: 15, seed: 3 });
    const whole = levelPortfolio(input);
    const a = levelPortfolio(input, { allowSplits: true });
    const b = levelPortfolio(input, { allowSplits: true });
    expect(a.tasks).toEqual(b.tasks);
    expect(violations(input, a)).toEqual([]);
    expect(a.stats.splitTasks).toBeGreaterThan(0);
    expect(a.stats.makespanPeriods).toBeLessThanOrEqual(whole.stats.makespanPeriods + 0);
    const opt = levelPortfolio(input, { allowSplits: true, strategy: 'optimize', maxSchedules: 200, seed: 4 });
    expect(violations(input, opt)).toEqual([]);
    expect(opt).toEqual(levelPortfolio(input, { allowSplits: true, strategy: 'optimize', maxSchedules: 200, seed: 4 }));
  });

  it('reports a demand no schedule can meet instead of searching forever, splits or not', () => {
    const input: PortfolioInput = {
      resources: [{ id: 'cy', capacity: 0.5, capacityByPeriod: [1, 0, 0] }],
      projects: [{ id: 'p', priority: 1 }],
      tasks: [{ id: 'big', projectId: 'p', durationPeriods: 2, demands: [{ resourceId: 'cy', units: 1 }] }, { id: 'huge', projectId: 'p', durationPeriods: 2, demands: [{ resourceId: 'cy', units: 3 }] }],
    };
    const out = levelPortfolio(input, { allowSplits: true });
    expect(out.conflicts.map((c) => [c.kind, c.taskId])).toEqual([['demand-exceeds-capacity', 'huge'], ['no-capacity-window', 'big']]);
  });
});
