/**
 * Staffing through the API: what a role requires, suggestions ranked by skill match and free capacity in the
 * placeholder's window (with the explanation), the inbox with names, and a request's status history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProjectViaApi, createTestApp, json, type TestContext, type TestUser } from '../helpers.js';
import { apiOf } from './api.js';

let ctx: TestContext;
let pm: TestUser;
let api: ReturnType<typeof apiOf>;
beforeAll(async () => {
  ctx = await createTestApp();
  pm = await ctx.user('pmo');
  api = apiOf(ctx, () => pm);
});
afterAll(async () => ctx.close());

describe('staffing suggestions', () => {
  it('ranks people by required skills and free capacity in the window, explains the score, and fills from the inbox', async () => {
    const { ok, post, patch, get } = api;
    const manager = await ctx.user('member', 'pm-suggest');
    const project = await createProjectViaApi(ctx, pm, { name: 'Suggest Project' });
    const other = await createProjectViaApi(ctx, pm, { name: 'Other Project' });
    await ok(post(`/projects/${project.id}/members`, { userId: manager.id, role: 'project_manager' }), 201);
    const ts = await ok(post('/skills', { name: 'TypeScript' }), 201);
    const sql = await ok(post('/skills', { name: 'SQL' }), 201);
    const dev = await ok(post('/roles', { name: 'Backend dev' }), 201);
    await ok(patch(`/roles/${dev.id}`, { requiredSkills: [{ skillId: ts.id, minProficiency: 3 }, { skillId: sql.id, minProficiency: 2 }] }, 1));
    const ann = await api.person('Ann Fit');
    const bob = await api.person('Bob Busy');
    const cy = await api.person('Cy Junior');
    await ok(patch(`/people/${ann.id}/profile`, { roleIds: [dev.id], skills: [{ skillId: ts.id, proficiency: 4 }, { skillId: sql.id, proficiency: 3 }] }, 1));
    await ok(patch(`/people/${bob.id}/profile`, { skills: [{ skillId: ts.id, proficiency: 5 }, { skillId: sql.id, proficiency: 5 }] }, 1));
    await ok(patch(`/people/${cy.id}/profile`, { skills: [{ skillId: ts.id, proficiency: 1 }] }, 1));
    // Bob is fully booked elsewhere in the first of the two weeks.
    const elsewhere = await api.task(other.id, 'Elsewhere', '2026-05-04T08:00', 5);
    await api.assign(other.id, elsewhere.id, { personId: bob.id });
    const t = await api.task(project.id, 'API', '2026-05-04T08:00', 10);
    const placeholder = await api.assign(project.id, t.id, { roleId: dev.id }, 100);

    const out = await ok(get(`/assignments/${placeholder.id}/staffing-suggestions?limit=3`, manager));
    expect(out).toMatchObject({ roleName: 'Backend dev', from: '2026-05-04', to: '2026-05-15', neededMinutes: 4800, requirements: [{ name: 'SQL', minProficiency: 2 }, { name: 'TypeScript', minProficiency: 3 }] });
    expect(out.suggestions.map((s: { name: string; score: number }) => [s.name, s.score])).toEqual([['Ann Fit', 100], ['Bob Busy', 90], ['Cy Junior', 48]]);
    // Availability counts the demand the asker may see: the manager does not see Bob's other project...
    expect(out.suggestions[1]).toMatchObject({ freeMinutes: 4800, capacityMinutes: 4800, meetsAllSkills: true, holdsRole: false });
    // ...a resource manager does: Bob has half the time the assignment needs.
    const rm = await ok(get(`/assignments/${placeholder.id}/staffing-suggestions?limit=3`));
    expect(rm.suggestions.map((x: { name: string; score: number; freeMinutes: number }) => [x.name, x.score, x.freeMinutes])).toEqual([['Ann Fit', 100, 4800], ['Bob Busy', 70, 2400], ['Cy Junior', 48, 4800]]);
    expect(out.suggestions[2].explanation).toEqual([
      'SQL: missing (needs 2)',
      'TypeScript: 1 < 3 required',
      'Free 80.0 h of the 80.0 h the assignment needs (capacity 80.0 h in the window)',
      'Does not hold the role Backend dev',
    ]);
    const named = await api.assign(project.id, t.id, { personId: cy.id });
    expect(json(await get(`/assignments/${named.id}/staffing-suggestions`)).code).toBe('not_a_placeholder');
    expect((await get(`/assignments/${placeholder.id}/staffing-suggestions`, await ctx.user('member'))).statusCode).toBe(404);
    expect((await get(`/assignments/${placeholder.id}/staffing-suggestions?limit=0`)).statusCode).toBe(400);

    // The inbox shows the names a reader needs; the history shows each step.
    const req = await ok(post(`/projects/${project.id}/staffing-requests`, { assignmentId: placeholder.id, note: 'Needs SQL' }, manager), 201);
    expect(req).toMatchObject({ status: 'requested', projectName: 'Suggest Project', taskName: 'API', roleName: 'Backend dev', unitsPercent: 100, workMinutes: 4800, requestedByName: 'pm-suggest Test', taskStart: '2026-05-04T08:00:00' });
    const proposed = await ok(patch(`/staffing-requests/${req.id}`, { status: 'proposed', personId: out.suggestions[0].personId, note: 'Ann fits' }, 1));
    expect(proposed).toMatchObject({ status: 'proposed', personName: 'Ann Fit' });
    await ok(patch(`/staffing-requests/${req.id}`, { status: 'filled' }, 2));
    const history = (await ok(get(`/staffing-requests/${req.id}/history`, manager))).items;
    expect(history.map((h: { action: string; status: string; personName: string | null; note: string; actorName: string }) => [h.action, h.status, h.personName, h.note, h.actorName])).toEqual([
      ['created', 'requested', null, 'Needs SQL', 'pm-suggest Test'],
      ['proposed', 'proposed', 'Ann Fit', 'Ann fits', 'pmo1 Test'],
      ['filled', 'filled', 'Ann Fit', 'Ann fits', 'pmo1 Test'],
    ]);
    expect((await get(`/staffing-requests/${req.id}/history`, await ctx.user('member'))).statusCode).toBe(404);
    const inbox = (await ok(get('/staffing-requests?status=filled', manager))).items;
    expect(inbox).toMatchObject([{ id: req.id, personName: 'Ann Fit', projectName: 'Suggest Project' }]);
  });

  it('refuses suggestions for a placeholder whose task has no dates', async () => {
    const project = await createProjectViaApi(ctx, pm, { startDate: undefined });
    const role = await api.ok(api.post('/roles', { name: 'Undated' }), 201);
    const t = await api.ok(api.post(`/projects/${project.id}/tasks`, { name: 'No dates' }), 201);
    expect(t.start).toBeNull();
    const a = await api.assign(project.id, t.id, { roleId: role.id });
    const res = await api.get(`/assignments/${a.id}/staffing-suggestions`);
    expect([res.statusCode, json(res).code]).toEqual([422, 'task_not_scheduled']);
  });
});
