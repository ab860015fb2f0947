/**
 * The priority order of portfolio levelling: project priority first, then task priority (inherited by the tasks an
 * important task waits for, inside its project), then latest finish; equal project priorities level together.
 */
import { describe, expect, it } from 'vitest';
import { levelPortfolio } from './portfolio-leveling.js';
import { LevelingError } from './leveling-error.js';
import type { PortfolioInput, PortfolioTask } from './portfolio-types.js';

const ann = (units = 1) => [{ resourceId: 'ann', units }];
const task = (id: string, durationPeriods: number, extra: Partial<PortfolioTask> = {}): PortfolioTask => ({ id, projectId: 'p', durationPeriods, demands: ann(), ...extra });

describe('priority order', () => {
  it.each<[string, Pick<PortfolioInput, 'projects' | 'tasks' | 'links'>, Record<string, number>]>([
    [
      'without task priorities the earliest latest finish goes first',
      { projects: [{ id: 'p', priority: 500 }], tasks: [task('short', 1), task('long', 3), task('after', 2, { demands: [] })], links: [{ fromTaskId: 'long', toTaskId: 'after' }] },
      { long: 0, short: 3, after: 3 },
    ],
    [
      'a higher task priority goes first even against an earlier latest finish',
      { projects: [{ id: 'p', priority: 500 }], tasks: [task('short', 1, { priority: 900 }), task('long', 3, { priority: 500 }), task('after', 2, { demands: [] })], links: [{ fromTaskId: 'long', toTaskId: 'after' }] },
      { short: 0, long: 1, after: 4 },
    ],
    [
      'the predecessor of an important task inherits its priority and goes before a medium task',
      {
        projects: [{ id: 'p', priority: 500 }],
        tasks: [task('medium', 3, { priority: 600 }), task('prep', 2, { priority: 100 }), task('urgent', 1, { priority: 900 })],
        links: [{ fromTaskId: 'prep', toTaskId: 'urgent' }],
      },
      { prep: 0, urgent: 2, medium: 3 },
    ],
    [
      'the project priority comes before any task priority',
      {
        projects: [{ id: 'lo', priority: 100 }, { id: 'hi', priority: 900 }],
        tasks: [task('lo-top', 2, { projectId: 'lo', priority: 1000 }), task('hi-bottom', 2, { projectId: 'hi', priority: 0 })],
      },
      { 'hi-bottom': 0, 'lo-top': 2 },
    ],
    [
      'projects of equal priority level together by task priority',
      {
        projects: [{ id: 'a', priority: 500 }, { id: 'b', priority: 500 }],
        tasks: [task('a1', 2, { projectId: 'a', priority: 300 }), task('b1', 2, { projectId: 'b', priority: 700 }), task('a2', 2, { projectId: 'a', priority: 800 })],
      },
      { a2: 0, b1: 2, a1: 4 },
    ],
    [
      'priority is not inherited across projects',
      {
        projects: [{ id: 'a', priority: 500 }, { id: 'b', priority: 500 }],
        tasks: [task('a-prep', 2, { projectId: 'a', priority: 100 }), task('a-mid', 2, { projectId: 'a', priority: 400 }), task('b-top', 1, { projectId: 'b', priority: 900, demands: [] })],
        links: [{ fromTaskId: 'a-prep', toTaskId: 'b-top' }],
      },
      { 'a-mid': 0, 'a-prep': 2, 'b-top': 4 },
    ],
    [
      'a fixed task (never levelled) passes its priority to the work it waits for',
      {
        projects: [{ id: 'p', priority: 500 }],
        tasks: [task('other', 2, { priority: 600 }), task('prep', 2, { priority: 100 }), task('pinned', 1, { priority: 1000, fixedStartPeriod: 2, demands: [] })],
        links: [{ fromTaskId: 'prep', toTaskId: 'pinned' }],
      },
      { prep: 0, other: 2, pinned: 2 },
    ],
    [
      'fixed tasks keep their start whatever their priority',
      { projects: [{ id: 'p', priority: 500 }], tasks: [task('free', 2, { priority: 1000 }), task('pinned', 2, { priority: 0, fixedStartPeriod: 0 })] },
      { pinned: 0, free: 2 },
    ],
  ])('%s', (_n, partial, starts) => {
    const out = levelPortfolio({ resources: [{ id: 'ann', capacity: 1 }], ...partial });
    expect(Object.fromEntries(out.tasks.map((t) => [t.id, t.startPeriod]))).toEqual(starts);
    expect(out.conflicts).toEqual([]);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, '900' as unknown as number])('refuses a task priority of %s', (priority) => {
    const input: PortfolioInput = { resources: [{ id: 'ann', capacity: 1 }], projects: [{ id: 'p', priority: 1 }], tasks: [task('t', 1, { priority })] };
    expect(() => levelPortfolio(input)).toThrow(LevelingError);
    try {
      levelPortfolio(input);
    } catch (e) {
      expect((e as LevelingError).code).toBe('INVALID_INSTANCE');
    }
  });

  it('keeps the order exact with large and fractional priorities', () => {
    const tasks = Array.from({ length: 40 }, (_, i) => task(`t${i}`, 1, { priority: i % 2 ? 1e12 + i : i / 7 }));
    const out = levelPortfolio({ resources: [{ id: 'ann', capacity: 1 }], projects: [{ id: 'p', priority: 1e15 }], tasks });
    const byStart = [...out.tasks].sort((a, b) => a.startPeriod - b.startPeriod).map((t) => t.id);
    const expected = [...tasks].sort((a, b) => b.priority! - a.priority!).map((t) => t.id);
    expect(byStart).toEqual(expected);
  });
});
