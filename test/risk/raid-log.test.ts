/** The RAID log through the API: issues, decisions, changes, assumptions; permissions; audit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProjectViaApi, createTestApp, json, type TestContext, type TestUser } from '../helpers.js';

let ctx: TestContext;
let pm: TestUser;
let stakeholder: TestUser;
let outsider: TestUser;
let projectId: string;
const req = (as: TestUser, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method, url: `/api/v1${url}`, headers: { ...as.auth, ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });

beforeAll(async () => {
  ctx = await createTestApp();
  pm = await ctx.user('pmo');
  stakeholder = await ctx.user('member');
  outsider = await ctx.user('member');
  projectId = (await createProjectViaApi(ctx, pm)).id;
  await req(pm, 'POST', `/projects/${projectId}/members`, { userId: stakeholder.id, role: 'stakeholder' });
});
afterAll(async () => ctx.close());

describe('RAID log', () => {
  it('records entries of each type, filters them, updates with If-Match and audits every change', async () => {
    const risk = json(await req(pm, 'POST', `/projects/${projectId}/risks`, { title: 'Vendor lock-in', category: 'commercial', inherent: { probabilityLevel: 2, impacts: { cost: 3 } } }));
    const issue = await req(pm, 'POST', `/projects/${projectId}/raid`, { type: 'issue', title: 'Test rig broken', priority: 'high', dueDate: '2020-01-10', ownerId: pm.id });
    expect(issue.statusCode).toBe(201);
    expect(json(issue)).toMatchObject({ type: 'issue', status: 'open', priority: 'high', overdue: true, ownerName: `${pm.username} Test` });
    await req(pm, 'POST', `/projects/${projectId}/raid`, { type: 'decision', title: 'Use vendor B', riskId: risk.id });
    await req(pm, 'POST', `/projects/${projectId}/raid`, { type: 'assumption', title: 'Budget approved in Q1' });
    const all = json(await req(stakeholder, 'GET', `/projects/${projectId}/raid`)).items;
    expect(all.map((e: { type: string }) => e.type).sort()).toEqual(['assumption', 'decision', 'issue']);
    const decisions = json(await req(pm, 'GET', `/projects/${projectId}/raid?type=decision`)).items;
    expect(decisions).toMatchObject([{ title: 'Use vendor B', riskId: risk.id }]);

    const id = json(issue).id;
    expect((await req(pm, 'PATCH', `/raid/${id}`, { status: 'closed' }, { 'if-match': '"5"' })).statusCode).toBe(409);
    const closed = await req(pm, 'PATCH', `/raid/${id}`, { status: 'closed' }, { 'if-match': '"1"' });
    expect(json(closed)).toMatchObject({ status: 'closed', overdue: false, version: 2 });
    expect((await req(pm, 'DELETE', `/raid/${id}`, undefined, { 'if-match': '"2"' })).statusCode).toBe(204);
    const audit = await ctx.database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'raid_entry').where('entity_id', '=', id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['created', 'updated', 'deleted']);
  });

  it('links entries to a task and a risk of the project, filters by them and records the resolution', async () => {
    const task = json(await req(pm, 'POST', `/projects/${projectId}/tasks`, { name: 'Migrate customer data' }));
    const risk = json(await req(pm, 'POST', `/projects/${projectId}/risks`, { title: 'Data loss in migration', category: 'technical', inherent: { probabilityLevel: 2, impacts: { quality: 4 } } }));
    const decision = json(await req(pm, 'POST', `/projects/${projectId}/raid`, { type: 'decision', title: 'Migrate in two waves', taskId: task.id, riskId: risk.id, ownerId: pm.id, dueDate: '2030-01-15' }));
    expect(decision).toMatchObject({ taskId: task.id, taskName: 'Migrate customer data', riskId: risk.id, riskTitle: 'Data loss in migration', resolution: '', resolvedOn: null, overdue: false });
    await req(pm, 'POST', `/projects/${projectId}/raid`, { type: 'issue', title: 'Unrelated' });
    expect(json(await req(pm, 'GET', `/projects/${projectId}/raid?taskId=${task.id}`)).items.map((e: { id: string }) => e.id)).toEqual([decision.id]);
    expect(json(await req(pm, 'GET', `/projects/${projectId}/raid?riskId=${risk.id}`)).items.map((e: { id: string }) => e.id)).toEqual([decision.id]);
    const decided = json(await req(pm, 'PATCH', `/raid/${decision.id}`, { status: 'closed', resolution: 'Approved by the steering committee', resolvedOn: '2030-01-10' }, { 'if-match': '"1"' }));
    expect(decided).toMatchObject({ status: 'closed', resolution: 'Approved by the steering committee', resolvedOn: '2030-01-10', version: 2 });
    const unlinked = json(await req(pm, 'PATCH', `/raid/${decision.id}`, { taskId: null }, { 'if-match': '"2"' }));
    expect(unlinked).toMatchObject({ taskId: null, taskName: null, riskId: risk.id });

    const other = (await createProjectViaApi(ctx, pm, { name: 'Elsewhere' })).id;
    const foreignTask = json(await req(pm, 'POST', `/projects/${other}/tasks`, { name: 'Foreign task' }));
    const bad = await req(pm, 'PATCH', `/raid/${decision.id}`, { taskId: foreignTask.id }, { 'if-match': '"3"' });
    expect([bad.statusCode, json(bad).code]).toEqual([422, 'invalid_reference']);
    expect(json(await req(pm, 'GET', `/projects/${projectId}/raid?taskId=${task.id}`)).items).toEqual([]);
  });

  it('refuses stakeholders and outsiders, and bad input', async () => {
    expect((await req(stakeholder, 'POST', `/projects/${projectId}/raid`, { type: 'issue', title: 'x' })).statusCode).toBe(403);
    expect((await req(outsider, 'GET', `/projects/${projectId}/raid`)).statusCode).toBe(404);
    expect((await req(pm, 'POST', `/projects/${projectId}/raid`, { type: 'risk', title: 'x' })).statusCode).toBe(400);
    const other = (await createProjectViaApi(ctx, pm, { name: 'Other' })).id;
    const foreignRisk = json(await req(pm, 'POST', `/projects/${other}/risks`, { title: 'Elsewhere', category: 'x', inherent: { probabilityLevel: 1, impacts: { cost: 1 } } }));
    const res = await req(pm, 'POST', `/projects/${projectId}/raid`, { type: 'change', title: 'Scope change', riskId: foreignRisk.id });
    expect(res.statusCode).toBe(422);
    expect(json(res).code).toBe('invalid_reference');
  });
});
