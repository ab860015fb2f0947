import { describe, expect, it } from 'vitest';
import { computeKeyResultProgress, rollUpObjectiveProgress, computeStrategicAlignment, type Objective, type KeyResult } from './objectives.js';

const objectives: Objective[] = [
  { id: 'grow', parentId: null, name: 'Grow', weight: 3 },
  { id: 'eff', parentId: null, name: 'Efficiency', weight: 1 },
  { id: 'eu', parentId: 'grow', name: 'EU market', weight: 1 },
  { id: 'us', parentId: 'grow', name: 'US market', weight: 1 },
];
const kr = (id: string, objectiveId: string, start: number, target: number, actual: number, weight = 1): KeyResult => ({ id, objectiveId, name: id, unit: 'x', start, target, actual, weight });

describe('objectives', () => {
  it.each([
    { k: kr('a', 'eu', 0, 100, 50), p: 0.5 },
    { k: kr('b', 'eu', 100, 60, 80), p: 0.5 },
    { k: kr('c', 'eu', 0, 100, 150), p: 1 },
    { k: kr('d', 'eu', 0, 100, -5), p: 0 },
    { k: kr('e', 'eu', 5, 5, 5), p: 1 },
  ])('key result progress $k.id = $p', ({ k, p }) => {
    expect(computeKeyResultProgress(k)).toBeCloseTo(p, 12);
  });

  it('rolls progress up by weights and derives global weights', () => {
    const out = rollUpObjectiveProgress(objectives, [kr('a', 'eu', 0, 100, 100), kr('b', 'us', 0, 10, 0), kr('c', 'eff', 0, 4, 1)]);
    const by = new Map(out.map((o) => [o.objectiveId, o]));
    expect(by.get('grow')!.progress).toBeCloseTo(0.5, 12);
    expect(by.get('eff')!.progress).toBeCloseTo(0.25, 12);
    expect(by.get('grow')!.globalWeight).toBeCloseTo(0.75, 12);
    expect(by.get('eu')!.globalWeight).toBeCloseTo(0.375, 12);
  });

  it('computes strategic alignment from contribution links', () => {
    const a = computeStrategicAlignment(objectives, [
      { projectId: 'p1', objectiveId: 'eu', contributionWeight: 1 },
      { projectId: 'p2', objectiveId: 'eff', contributionWeight: 1 },
      { projectId: 'p2', objectiveId: 'us', contributionWeight: 1 },
    ]);
    expect(a.get('p1')).toBeCloseTo(0.375, 12);
    expect(a.get('p2')).toBeCloseTo(0.5 * 0.25 + 0.5 * 0.375, 12);
  });

  it.each([
    { objs: [{ id: 'a', parentId: 'b', name: 'A', weight: 1 }, { id: 'b', parentId: 'a', name: 'B', weight: 1 }], msg: /cycle/ },
    { objs: [{ id: 'a', parentId: 'zzz', name: 'A', weight: 1 }], msg: /unknown parent/ },
    { objs: [{ id: 'a', parentId: null, name: 'A', weight: -1 }], msg: /weight/ },
  ])('rejects bad trees: $msg', ({ objs, msg }) => {
    expect(() => rollUpObjectiveProgress(objs, [])).toThrow(msg);
  });
});

describe('objective roll-up, table-driven', () => {
  const tree: Objective[] = [
    { id: 'root', parentId: null, name: 'Root', weight: 1 },
    { id: 'a', parentId: 'root', name: 'A', weight: 1 },
    { id: 'b', parentId: 'root', name: 'B', weight: 3 },
  ];
  it.each<[string, KeyResult[], Record<string, number>]>([
    ['no key results anywhere: all 0', [], { root: 0, a: 0, b: 0 }],
    ['children weighted 1:3', [kr('ka', 'a', 0, 10, 10), kr('kb', 'b', 0, 10, 0)], { root: 0.25, a: 1, b: 0 }],
    ['key results weighted within an objective', [kr('k1', 'a', 0, 10, 10, 3), kr('k2', 'a', 0, 10, 0, 1)], { a: 0.75, root: 0.75 * 0.25 }],
    ['own key results and children share one pool', [kr('kr', 'root', 0, 1, 1, 4), kr('kb', 'b', 0, 1, 1)], { root: (4 * 1 + 1 * 0 + 3 * 1) / 8, b: 1 }],
    ['a decreasing target (cut cost from 100 to 60, now 70)', [kr('cut', 'a', 100, 60, 70)], { a: 0.75 }],
    ['overshooting is capped at 1, going backwards at 0', [kr('up', 'a', 0, 10, 25), kr('down', 'b', 0, 10, -5)], { a: 1, b: 0, root: 0.25 }],
  ])('%s', (_n, krs, expected) => {
    const by = new Map(rollUpObjectiveProgress(tree, krs).map((o) => [o.objectiveId, o.progress]));
    for (const [id, p] of Object.entries(expected)) expect(by.get(id)).toBeCloseTo(p, 12);
  });

  it('zero-weight children contribute nothing and get no global weight', () => {
    const out = rollUpObjectiveProgress([...tree.slice(0, 2), { id: 'b', parentId: 'root', name: 'B', weight: 0 }], [kr('kb', 'b', 0, 1, 1)]);
    const by = new Map(out.map((o) => [o.objectiveId, o]));
    expect(by.get('root')!.progress).toBe(0);
    expect(by.get('b')!.globalWeight).toBe(0);
    expect(by.get('a')!.globalWeight).toBe(1);
  });
});
