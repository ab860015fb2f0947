/** The policy asked by role: which organisation and project roles may do something, from the same rules as `can`. */
import { describe, expect, it } from 'vitest';
import { orgRolesAllowed, projectRolesAllowed } from './policy.js';

describe('roles allowed by the policy', () => {
  it.each([
    ['read any timesheet', 'read', { kind: 'finance', area: 'timesheet', projectRole: null, own: false }, ['admin', 'pmo', 'finance']],
    ['approve time on any project', 'update', { kind: 'finance', area: 'approval', projectRole: null }, ['admin', 'finance']],
    ['change the finance settings', 'update', { kind: 'finance', area: 'settings', projectRole: null }, ['admin', 'finance']],
    ['read the organisation', 'read', { kind: 'org' }, ['admin', 'pmo', 'portfolio_manager', 'finance', 'member']],
    ['create users', 'create', { kind: 'user' }, ['admin']],
  ] as const)('%s: %j', (_what, action, resource, roles) => {
    expect(orgRolesAllowed(action, resource)).toEqual(roles);
  });

  it('names the project roles that approve time, edit tasks and read a project', () => {
    expect(projectRolesAllowed('update', (projectRole) => ({ kind: 'finance', area: 'approval', projectRole }))).toEqual(['project_manager']);
    expect(projectRolesAllowed('update', (projectRole) => ({ kind: 'task', projectRole }))).toEqual(['project_manager', 'team_member']);
    expect(projectRolesAllowed('read', (projectRole) => ({ kind: 'project', projectRole }))).toEqual(['project_manager', 'team_member', 'stakeholder']);
  });
});
