import { describe, expect, it } from 'vitest';
import { deriveWbs, findLinkCycle, wouldCreateParentCycle, type WbsTask } from './wbs.js';

const t = (id: string, parentId: string | null, sortOrder: number, extra: Partial<WbsTask> = {}): WbsTask => ({
  id, parentId, sortOrder, start: null, finish: null, durationMinutes: 480, percentComplete: 0, ...extra,
});

describe('deriveWbs', () => {
  it.each([
    { name: 'empty', tasks: [], codes: [] },
    { name: 'flat list keeps order', tasks: [t('b', null, 2), t('a', null, 1)], codes: ['a:1:1', 'b:2:1'] },
    { name: 'nested outline', tasks: [t('p', null, 1), t('c1', 'p', 2), t('g', 'c1', 3), t('c2', 'p', 4), t('q', null, 5)], codes: ['p:1:1', 'c1:1.1:2', 'g:1.1.1:3', 'c2:1.2:2', 'q:2:1'] },
    { name: 'child listed before parent', tasks: [t('c', 'p', 1), t('p', null, 2)], codes: ['p:1:1', 'c:1.1:2'] },
    { name: 'missing parent becomes top level', tasks: [t('x', 'ghost', 1)], codes: ['x:1:1'] },
    { name: 'parent cycle keeps every task', tasks: [t('a', 'b', 1), t('b', 'a', 2)], codes: ['a:1:1', 'b:1.1:2'] },
  ])('$name', ({ tasks, codes }) => {
    expect(deriveWbs(tasks).map((d) => `${d.id}:${d.wbs}:${d.outlineLevel}`)).toEqual(codes);
  });

  it('rolls dates and duration-weighted progress up to summaries, recursively', () => {
    const out = deriveWbs([
      t('p', null, 1),
      t('s', 'p', 2),
      t('a', 's', 3, { start: '2026-01-05 08:00:00', finish: '2026-01-06 17:00:00', durationMinutes: 960, percentComplete: 100 }),
      t('b', 's', 4, { start: '2026-01-07 08:00:00', finish: '2026-01-07 17:00:00', durationMinutes: 480, percentComplete: 40 }),
      t('m', 'p', 5, { start: '2026-01-09 17:00:00', finish: '2026-01-09 17:00:00', durationMinutes: 0, percentComplete: 0 }),
    ]);
    const byId = Object.fromEntries(out.map((d) => [d.id, d]));
    expect(byId.s).toMatchObject({ isSummary: true, start: '2026-01-05 08:00:00', finish: '2026-01-07 17:00:00', percentComplete: 80 });
    expect(byId.p).toMatchObject({ isSummary: true, start: '2026-01-05 08:00:00', finish: '2026-01-09 17:00:00' });
    expect(byId.a!.isSummary).toBe(false);
  });

  it('handles a 10,000-level outline without overflowing the stack', () => {
    const tasks = Array.from({ length: 10_000 }, (_, i) => t(`n${i}`, i ? `n${i - 1}` : null, i));
    const out = deriveWbs(tasks);
    expect(out).toHaveLength(10_000);
    expect(out[9_999]!.outlineLevel).toBe(10_000);
  });
});

describe('cycles', () => {
  it.each([
    { links: [], pred: 'a', succ: 'b', cycle: null },
    { links: [{ predecessorId: 'a', successorId: 'b' }], pred: 'b', succ: 'a', cycle: ['a', 'b'] },
    { links: [{ predecessorId: 'a', successorId: 'b' }, { predecessorId: 'b', successorId: 'c' }], pred: 'c', succ: 'a', cycle: ['a', 'b', 'c'] },
    { links: [{ predecessorId: 'a', successorId: 'b' }, { predecessorId: 'a', successorId: 'c' }], pred: 'b', succ: 'c', cycle: null },
  ])('link $pred -> $succ', ({ links, pred, succ, cycle }) => {
    expect(findLinkCycle(links, pred, succ)).toEqual(cycle);
  });

  it.each([
    { taskId: 'a', parentId: null, expected: false },
    { taskId: 'a', parentId: 'a', expected: true },
    { taskId: 'a', parentId: 'c', expected: true },
    { taskId: 'c', parentId: 'a', expected: false },
  ])('moving $taskId under $parentId', ({ taskId, parentId, expected }) => {
    const tree = [{ id: 'a', parentId: null }, { id: 'b', parentId: 'a' }, { id: 'c', parentId: 'b' }];
    expect(wouldCreateParentCycle(tree, taskId, parentId)).toBe(expected);
  });
});
