import { describe, expect, it } from 'vitest';
import { keysForChange, type ChangeEvent } from './events';

const ev = (entityType: string, projectId: string | null): ChangeEvent => ({ type: `${entityType}.updated`, entityType, entityId: 'e1', projectId, version: 2, at: '2026-01-01T00:00:00Z' });

describe('keysForChange', () => {
  it('a task change refreshes that project\'s tasks, the project, the list and activity', () => {
    expect(keysForChange(ev('task', 'p1'))).toEqual([['project', 'p1', 'tasks'], ['project', 'p1'], ['projects'], ['project', 'p1', 'activity']]);
  });
  it('a link change refreshes links and tasks of its project', () => {
    expect(keysForChange(ev('link', 'p1'))).toContainEqual(['project', 'p1', 'links']);
    expect(keysForChange(ev('task_link', 'p1'))).toContainEqual(['project', 'p1', 'links']);
  });
  it('a project change refreshes the list and the project itself', () => {
    expect(keysForChange({ ...ev('project', 'e1') })).toEqual(expect.arrayContaining([['projects'], ['project', 'e1']]));
  });
  it('a gate review change refreshes the gate views, the strategy pages and its project', () => {
    expect(keysForChange(ev('gate_review', 'p1'))).toEqual(expect.arrayContaining([['gates'], ['portfolio'], ['project', 'p1'], ['projects']]));
    expect(keysForChange(ev('proposal', null))).toEqual(expect.arrayContaining([['portfolio'], ['gates']]));
  });
  it('finance changes refresh the finance views they feed', () => {
    const cases: [string, string | null, (readonly unknown[])[]][] = [
      ['time_entries', 'p1', [['timesheet'], ['approvals'], ['reports'], ['project', 'p1']]],
      ['timesheet', null, [['timesheet'], ['approvals'], ['reports']]],
      ['expense', 'p1', [['approvals'], ['reports'], ['project', 'p1']]],
      ['invoice', 'p1', [['invoices'], ['invoice'], ['reports'], ['project', 'p1']]],
      ['billing_milestone', 'p1', [['invoices'], ['invoice'], ['reports'], ['project', 'p1']]],
      ['budget_version', null, [['budget'], ['reports']]],
      ['task_costs', 'p1', [['reports'], ['project', 'p1']]],
      ['exchange_rate', null, [['finance-setup'], ['clients'], ['reports']]],
    ];
    for (const [type, p, keys] of cases) expect(keysForChange(ev(type, p)), type).toEqual(p ? [...keys, ['project', p, 'activity']] : keys);
    // The financials tab's key starts with the project key, so a project change refreshes it too.
    expect(keysForChange(ev('time_entries', 'p1'))).toContainEqual(['project', 'p1']);
  });
  it('an unknown entity without a project refreshes the project list only', () => {
    expect(keysForChange(ev('widget', null))).toEqual([['projects']]);
  });
});
