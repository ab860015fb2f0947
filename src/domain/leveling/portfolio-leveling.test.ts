import { describe, expect, it } from 'vitest';
import { levelPortfolio } from './portfolio-leveling.js';
import { generateSyntheticPortfolio } from './synthetic-portfolio.js';
import { LevelingError } from './leveling-error.js';
import type { PortfolioInput, PortfolioLevelResult } from './portfolio-types.js';

/** Independent check: every link and, per resource and period, total units <= capacity (skipping conflicting demands). */
function violations(input: PortfolioInput, out: PortfolioLevelResult): string[] {
  const errs: string[] = [];
  const at = new Map(out.tasks.map((t) => [t.id, t]));
  const dur = new Map(input.tasks.map((t) => [t.id, t.durationPeriods]));
  for (const l of input.links ?? []) {
    const a = at.get(l.fromTaskId)!;
    const b = at.get(l.toTaskId)!;
    const lag = l.lagPeriods ?? 0;
    const ok = { FS: b.startPeriod >= a.finishPeriod + lag, SS: b.startPeriod >= a.startPeriod + lag, FF: b.finishPeriod >= a.finishPeriod + lag, SF: b.finishPeriod >= a.startPeriod + lag }[l.type ?? 'FS'];
    if (!ok) errs.push(`link ${l.fromTaskId}->${l.toTaskId} ${l.type ?? 'FS'} broken`);
  }
  const skip = new Set(out.conflicts.filter((c) => c.kind === 'demand-exceeds-capacity' || c.kind === 'no-capacity-window').map((c) => `${c.taskId}|${'resourceId' in c ? c.resourceId : ''}`));
  for (const r of input.resources) {
    const use = new Map<number, number>();
    for (const t of input.tasks) {
      for (const d of t.demands ?? []) {
        if (d.resourceId !== r.id || skip.has(`${t.id}|${r.id}`) || t.fixedStartPeriod !== undefined) continue;
        const s = at.get(t.id)!.startPeriod;
        for (let u = s; u < s + dur.get(t.id)!; u++) use.set(u, (use.get(u) ?? 0) + d.units);
      }
    }
    for (const [u, v] of use) {
      const cap = u < (r.capacityByPeriod?.length ?? 0) ? r.capacityByPeriod![u]! : r.capacity;
      if (v > cap + 1e-9) errs.push(`${r.id} period ${u}: ${v} > ${cap}`);
    }
  }
  for (const t of input.tasks) {
    const o = at.get(t.id)!;
    if (o.startPeriod < (t.earliestStartPeriod ?? 0)) errs.push(`${t.id} starts before its earliest start`);
    if (t.fixedStartPeriod !== undefined && o.startPeriod !== t.fixedStartPeriod) errs.push(`${t.id} moved from its fixed start`);
  }
  return errs;
}

const person = (id: string, capacity = 1, capacityByPeriod?: number[]) => ({ id, capacity, ...(capacityByPeriod ? { capacityByPeriod } : {}) });

describe('levelPortfolio', () => {
  it('gives resources to the higher-priority project first', () => {
    const input: PortfolioInput = {
      resources: [person('ann')],
      projects: [{ id: 'low', priority: 1 }, { id: 'high', priority: 9 }],
      tasks: [
        { id: 'l1', projectId: 'low', durationPeriods: 3, demands: [{ resourceId: 'ann', units: 1 }] },
        { id: 'h1', projectId: 'high', durationPeriods: 2, demands: [{ resourceId: 'ann', units: 1 }] },
      ],
    };
    const out = levelPortfolio(input);
    expect(out.tasks.map((t) => [t.id, t.startPeriod, t.delayPeriods])).toEqual([['l1', 2, 2], ['h1', 0, 0]]);
    expect(out.projects.find((p) => p.id === 'low')!.delayPeriods).toBe(2);
    expect(out.conflicts).toEqual([]);
  });

  const linkCases = [
    { type: 'FS' as const, lag: 1, expectB: 4 },
    { type: 'SS' as const, lag: 1, expectB: 1 },
    { type: 'FF' as const, lag: 0, expectB: 2 },
    { type: 'SF' as const, lag: 2, expectB: 1 },
    { type: 'FS' as const, lag: -2, expectB: 1 },
  ];
  it.each(linkCases)('honours a $type link with lag $lag', ({ type, lag, expectB }) => {
    const input: PortfolioInput = {
      resources: [person('r', 5)],
      projects: [{ id: 'p', priority: 1 }],
      tasks: [
        { id: 'a', projectId: 'p', durationPeriods: 3 },
        { id: 'b', projectId: 'p', durationPeriods: 1 },
      ],
      links: [{ fromTaskId: 'a', toTaskId: 'b', type, lagPeriods: lag }],
    };
    const out = levelPortfolio(input);
    expect(out.tasks[1]!.startPeriod).toBe(expectB);
    expect(violations(input, out)).toEqual([]);
  });

  it('respects part-time capacity and vacations from capacityByPeriod', () => {
    const input: PortfolioInput = {
      resources: [person('bo', 0.5, [0.5, 0, 0, 0.5])],
      projects: [{ id: 'p', priority: 1 }],
      tasks: [{ id: 't', projectId: 'p', durationPeriods: 2, earliestStartPeriod: 0, demands: [{ resourceId: 'bo', units: 0.5 }] }],
    };
    const out = levelPortfolio(input);
    expect(out.tasks[0]!.startPeriod).toBe(3);
    expect(violations(input, out)).toEqual([]);
  });

  it('never moves a fixed-start task and reports the overload it causes', () => {
    const input: PortfolioInput = {
      resources: [person('cy')],
      projects: [{ id: 'p', priority: 1 }],
      tasks: [
        { id: 'fixedA', projectId: 'p', durationPeriods: 2, fixedStartPeriod: 1, demands: [{ resourceId: 'cy', units: 1 }] },
        { id: 'fixedB', projectId: 'p', durationPeriods: 1, fixedStartPeriod: 2, demands: [{ resourceId: 'cy', units: 1 }] },
        { id: 'free', projectId: 'p', durationPeriods: 1, demands: [{ resourceId: 'cy', units: 1 }] },
      ],
    };
    const out = levelPortfolio(input);
    expect(out.tasks.map((t) => t.startPeriod)).toEqual([1, 2, 0]);
    expect(out.conflicts.map((c) => c.kind)).toEqual(['fixed-start-overload']);
  });

  it('reports a fixed start that breaks an incoming link', () => {
    const input: PortfolioInput = {
      resources: [],
      projects: [{ id: 'p', priority: 1 }],
      tasks: [{ id: 'a', projectId: 'p', durationPeriods: 5 }, { id: 'b', projectId: 'p', durationPeriods: 1, fixedStartPeriod: 2 }],
      links: [{ fromTaskId: 'a', toTaskId: 'b' }],
    };
    const out = levelPortfolio(input);
    expect(out.tasks[1]!.startPeriod).toBe(2);
    expect(out.conflicts).toMatchObject([{ kind: 'fixed-start-link-violated', taskId: 'b', predecessorTaskId: 'a' }]);
  });

  it('reports demand above any capacity, and a resource with no working time, as conflicts', () => {
    const input: PortfolioInput = {
      resources: [person('dee'), person('off', 0)],
      projects: [{ id: 'p', priority: 1 }],
      tasks: [
        { id: 'big', projectId: 'p', durationPeriods: 2, demands: [{ resourceId: 'dee', units: 2 }] },
        { id: 'nobody', projectId: 'p', durationPeriods: 1, demands: [{ resourceId: 'off', units: 1 }] },
      ],
    };
    const out = levelPortfolio(input);
    expect(out.conflicts.map((c) => [c.kind, c.taskId])).toEqual([['demand-exceeds-capacity', 'big'], ['demand-exceeds-capacity', 'nobody']]);
    expect(out.tasks.map((t) => t.startPeriod)).toEqual([0, 0]);
  });

  it('reports a demand that fits only a capacity window too short for the task', () => {
    const input: PortfolioInput = {
      resources: [person('eve', 1, [2, 1, 2])],
      projects: [{ id: 'p', priority: 1 }],
      tasks: [{ id: 't', projectId: 'p', durationPeriods: 2, demands: [{ resourceId: 'eve', units: 2 }] }],
    };
    const out = levelPortfolio(input);
    expect(out.conflicts.map((c) => c.kind)).toEqual(['no-capacity-window']);
  });

  it('reports a missed deadline instead of hiding it', () => {
    const input: PortfolioInput = {
      resources: [person('fay')],
      projects: [{ id: 'p', priority: 1 }],
      tasks: [
        { id: 'a', projectId: 'p', durationPeriods: 3, demands: [{ resourceId: 'fay', units: 1 }], priority: 5 },
        { id: 'b', projectId: 'p', durationPeriods: 3, deadlinePeriod: 4, demands: [{ resourceId: 'fay', units: 1 }] },
      ],
    };
    const out = levelPortfolio(input);
    expect(out.conflicts).toMatchObject([{ kind: 'deadline-missed', taskId: 'b', deadlinePeriod: 4, finishPeriod: 6 }]);
  });

  it.each<[string, number | undefined, [string, number][], string[]]>([
    ['without a deadline the longer path goes first', undefined, [['a', 0], ['c', 3], ['b', 4]], []],
    ['a deadline pulls its milestone and the predecessor it waits for ahead', 1, [['a', 1], ['c', 0], ['b', 1]], []],
    ['a deadline no order can meet is reported', 0, [['a', 1], ['c', 0], ['b', 1]], ['b']],
  ])('%s', (_n, deadlinePeriod, starts, missed) => {
    const input: PortfolioInput = {
      resources: [person('fay')],
      projects: [{ id: 'p', priority: 1 }],
      tasks: [
        { id: 'a', projectId: 'p', durationPeriods: 3, demands: [{ resourceId: 'fay', units: 1 }] },
        { id: 'c', projectId: 'p', durationPeriods: 1, demands: [{ resourceId: 'fay', units: 1 }] },
        { id: 'b', projectId: 'p', durationPeriods: 0, ...(deadlinePeriod !== undefined ? { deadlinePeriod } : {}) },
      ],
      links: [{ fromTaskId: 'c', toTaskId: 'b' }],
    };
    const out = levelPortfolio(input);
    expect(out.tasks.map((t) => [t.id, t.startPeriod])).toEqual(starts);
    expect(out.conflicts.map((c) => c.taskId)).toEqual(missed);
    expect(violations(input, out)).toEqual([]);
  });

  const bad: { name: string; input: unknown; code: string }[] = [
    { name: 'unknown project', input: { resources: [], projects: [], tasks: [{ id: 't', projectId: 'x', durationPeriods: 1 }] }, code: 'UNKNOWN_REFERENCE' },
    { name: 'unknown resource', input: { resources: [], projects: [{ id: 'p', priority: 1 }], tasks: [{ id: 't', projectId: 'p', durationPeriods: 1, demands: [{ resourceId: 'ghost', units: 1 }] }] }, code: 'UNKNOWN_REFERENCE' },
    { name: 'link to a missing task', input: { resources: [], projects: [{ id: 'p', priority: 1 }], tasks: [{ id: 't', projectId: 'p', durationPeriods: 1 }], links: [{ fromTaskId: 't', toTaskId: 'nope' }] }, code: 'UNKNOWN_REFERENCE' },
    { name: 'units <= 0', input: { resources: [person('r')], projects: [{ id: 'p', priority: 1 }], tasks: [{ id: 't', projectId: 'p', durationPeriods: 1, demands: [{ resourceId: 'r', units: 0 }] }] }, code: 'INVALID_INSTANCE' },
    { name: 'negative capacity', input: { resources: [person('r', -1)], projects: [], tasks: [] }, code: 'INVALID_INSTANCE' },
    { name: 'duplicate task ids', input: { resources: [], projects: [{ id: 'p', priority: 1 }], tasks: [{ id: 't', projectId: 'p', durationPeriods: 1 }, { id: 't', projectId: 'p', durationPeriods: 1 }] }, code: 'INVALID_INSTANCE' },
    { name: 'fractional duration', input: { resources: [], projects: [{ id: 'p', priority: 1 }], tasks: [{ id: 't', projectId: 'p', durationPeriods: 1.5 }] }, code: 'INVALID_INSTANCE' },
    { name: 'a link cycle', input: { resources: [], projects: [{ id: 'p', priority: 1 }], tasks: [{ id: 'a', projectId: 'p', durationPeriods: 1 }, { id: 'b', projectId: 'p', durationPeriods: 1 }], links: [{ fromTaskId: 'a', toTaskId: 'b' }, { fromTaskId: 'b', toTaskId: 'a', type: 'SS' }] }, code: 'PRECEDENCE_CYCLE' },
    { name: 'unknown link type', input: { resources: [], projects: [{ id: 'p', priority: 1 }], tasks: [{ id: 'a', projectId: 'p', durationPeriods: 1 }, { id: 'b', projectId: 'p', durationPeriods: 1 }], links: [{ fromTaskId: 'a', toTaskId: 'b', type: 'XX' }] }, code: 'INVALID_INSTANCE' },
    { name: 'missing arrays', input: { tasks: [] }, code: 'INVALID_INSTANCE' },
  ];
  it.each(bad)('rejects $name', ({ input, code }) => {
    let caught: unknown;
    try {
      levelPortfolio(input as PortfolioInput);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(LevelingError);
    expect((caught as LevelingError).code).toBe(code);
  });

  it('levels a generated portfolio feasibly and deterministically', () => {
    const input = generateSyntheticPortfolio({ projects: 20, tasksPerProject: 40, people: 30, seed: 5 });
    const a = levelPortfolio(input);
    const b = levelPortfolio(input);
    expect(a.tasks).toEqual(b.tasks);
    expect(violations(input, a)).toEqual([]);
    expect(a.stats.taskCount).toBe(800);
    expect(a.stats.makespanPeriods).toBeGreaterThanOrEqual(a.stats.unleveledMakespanPeriods);
  });

  it('optimize strategy stays feasible and is no longer than the priority schedule', () => {
    const input = generateSyntheticPortfolio({ projects: 4, tasksPerProject: 30, people: 6, seed: 11 });
    const plain = levelPortfolio(input);
    const opt = levelPortfolio(input, { strategy: 'optimize', maxSchedules: 500, seed: 2 });
    expect(violations(input, opt)).toEqual([]);
    expect(opt.stats.makespanPeriods).toBeLessThanOrEqual(plain.stats.makespanPeriods);
  });
});
