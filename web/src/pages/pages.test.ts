import { describe, expect, it } from 'vitest';
import { visibleTasks } from './task-table';
import { filterProjects } from './portfolio-page';
import { countByStageHealth } from './portfolio-chart';
import { parsePriority } from './project-queries';
import type { Project } from '../api/types';

describe('visibleTasks', () => {
  const t = (id: string, outlineLevel: number) => ({ id, outlineLevel });
  const wbs = [t('1', 1), t('1.1', 2), t('1.1.1', 3), t('1.2', 2), t('2', 1), t('2.1', 2)];
  it.each([
    [[], ['1', '1.1', '1.1.1', '1.2', '2', '2.1']],
    [['1'], ['1', '2', '2.1']],
    [['1.1'], ['1', '1.1', '1.2', '2', '2.1']],
    [['1', '2'], ['1', '2']],
  ])('collapsed %j shows %j', (collapsed, ids) => {
    expect(visibleTasks(wbs, new Set(collapsed)).map((x) => x.id)).toEqual(ids);
  });
});

describe('portfolio filters and chart counts', () => {
  const p = (over: Partial<Project>) => ({ portfolioId: 'pf1', programId: null, stage: 'planning', managerId: 'm1', health: 'green', ...over }) as Project;
  const list = [p({ health: 'red' }), p({ portfolioId: 'pf2', stage: 'execution' }), p({ programId: 'pr1', managerId: 'm2', health: 'amber' })];
  it('combines filters with AND and treats empty as "all"', () => {
    expect(filterProjects(list, {})).toHaveLength(3);
    expect(filterProjects(list, { portfolioId: 'pf1' })).toHaveLength(2);
    expect(filterProjects(list, { portfolioId: 'pf1', health: 'amber' })).toEqual([list[2]]);
    expect(filterProjects(list, { managerId: 'm2', programId: 'pr1', stage: 'planning' })).toEqual([list[2]]);
    expect(filterProjects(list, { stage: 'closed' })).toEqual([]);
  });
  it('counts projects per stage and health', () => {
    const c = countByStageHealth(list);
    expect(c.red![3]).toBe(1); // planning is the 4th stage
    expect(c.green![4]).toBe(1); // execution
    expect(c.amber![3]).toBe(1);
    expect(c.green!.reduce((a, b) => a + b, 0)).toBe(1);
  });
});

describe('parsePriority', () => {
  it.each<[string, number | null]>([
    ['500', 500], [' 0 ', 0], ['1000', 1000], ['1001', null], ['-1', null], ['2.5', null], ['', null], ['  ', null], ['abc', null], ['1e3', 1000],
  ])('%j -> %j', (text, out) => expect(parsePriority(text)).toBe(out));
});
