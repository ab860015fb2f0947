import { describe, expect, it } from 'vitest';
import { addAll, byPriority, levelingOverloadSummary, levelingResourceLabel, mondayOf, moveItem, utilisationBand, type LevelingLoadRow } from './resource-load';

describe('resource load helpers', () => {
  it.each([
    ['2026-02-02', '2026-02-02'],
    ['2026-02-04', '2026-02-02'],
    ['2026-02-08', '2026-02-02'],
    ['2026-02-09', '2026-02-09'],
  ])('mondayOf(%s) = %s', (d, m) => expect(mondayOf(d)).toBe(m));

  const row = (name: string, overDaysBefore: number, overDaysAfter: number, kind: 'person' | 'role' = 'person'): LevelingLoadRow => ({ kind, name, overDaysBefore, overDaysAfter });
  it.each<[LevelingLoadRow, string]>([
    [row('Ann', 3, 0), 'Ann: 3 -> 0 days over'],
    [row('Testers', 0, 2, 'role'), 'Testers (role pool): 0 -> 2 days over'],
    [row('Bob', 0, 0), 'Bob: within capacity'],
  ])('labels %o', (r, label) => expect(levelingResourceLabel(r)).toBe(label));

  it.each<[LevelingLoadRow[], string]>([
    [[], 'No resource is over capacity, before or after.'],
    [[row('Ann', 0, 0)], 'No resource is over capacity, before or after.'],
    [[row('Ann', 3, 0), row('Bob', 1, 0)], 'Over capacity now: 2 resources on 4 days; after levelling: 0 on 0 days.'],
    [[row('Ann', 1, 1), row('Bob', 0, 0)], 'Over capacity now: 1 resource on 1 days; after levelling: 1 on 1 days.'],
  ])('summarises %o', (rows, text) => expect(levelingOverloadSummary(rows)).toBe(text));

  it.each<[string[], string[], string[]]>([
    [[], ['a', 'b'], ['a', 'b']],
    [['b'], ['a', 'b', 'c'], ['b', 'a', 'c']],
    [['a'], ['a', 'a'], ['a']],
  ])('addAll(%j, %j) = %j', (list, ids, out) => expect(addAll(list, ids)).toEqual(out));

  it.each<[number, number, string[]]>([
    [1, -1, ['b', 'a', 'c']],
    [0, -1, ['a', 'b', 'c']],
    [2, 1, ['a', 'b', 'c']],
    [0, 2, ['b', 'c', 'a']],
    [5, -1, ['a', 'b', 'c']],
  ])('moveItem(index %i, by %i)', (index, delta, out) => expect(moveItem(['a', 'b', 'c'], index, delta)).toEqual(out));

  it.each([
    [null, 'none'],
    [0.2, 'low'],
    [0.9, 'ok'],
    [1, 'ok'],
    [1.2, 'over'],
  ] as const)('utilisationBand(%s) = %s', (u, band) => expect(utilisationBand(u)).toBe(band));
});

describe('projects by stored priority', () => {
  const prio: Record<string, number> = { a: 500, b: 800, c: 500, d: 0 };
  it.each<[string[], string[]]>([
    [[], []],
    [['a', 'b', 'c', 'd'], ['b', 'a', 'c', 'd']],
    [['c', 'a'], ['c', 'a']],
    [['d', 'c', 'b'], ['b', 'c', 'd']],
  ])('byPriority(%j) = %j', (ids, out) => expect(byPriority(ids, (id) => prio[id] ?? 500)).toEqual(out));
});
