/** Risk register through the API on the real database: CRUD, history, permissions, bad input, actions. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProjectViaApi, createTestApp, json, type TestContext, type TestUser } from '../helpers.js';
import { tableChecksums } from '../../src/db/backup.js';

let ctx: TestContext;
let pm: TestUser;
let outsider: TestUser;
let stakeholder: TestUser;
let projectId: string;
beforeAll(async () => {
  ctx = await createTestApp();
  pm = await ctx.user('pmo');
  outsider = await ctx.user('member', 'risk-outsider');
  stakeholder = await ctx.user('member', 'risk-stakeholder');
  projectId = (await createProjectViaApi(ctx, pm, { name: 'Risky project' })).id;
  await ctx.app.inject({ method: 'POST', url: `/api/v1/projects/${projectId}/members`, headers: pm.auth, payload: { userId: stakeholder.id, role: 'stakeholder' } });
});
afterAll(async () => ctx.close());

const req = (as: TestUser, method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method, url: `/api/v1${url}`, headers: { ...as.auth, ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });

const sample = {
  title: 'Supplier delivers late',
  description: 'Key component supplier has capacity issues',
  cause: 'Single source',
  effect: 'Integration slips',
  category: 'supply',
  inherent: { probabilityLevel: 4, impacts: { schedule: 4, cost: 3 } },
  residual: { probabilityLevel: 2, probability: 0.25, impacts: { schedule: 3 } },
  costImpactCents: 4_000_000,
  proximity: 'near',
  triggers: ['Supplier misses the first milestone'],
  responseStrategy: 'mitigate',
  reviewDate: '2026-06-01',
};

describe('project risk register', () => {
  it('creates, reads, updates with If-Match, keeps the history and deletes', async () => {
    const res = await req(pm, 'POST', `/projects/${projectId}/risks`, sample);
    expect(res.statusCode).toBe(201);
    const r = json(res);
    expect(res.headers.etag).toBe('"1"');
    expect(r).toMatchObject({ level: 'project', projectId, projectName: 'Risky project', inherentScore: 16, inherentRating: 'high', residualScore: 6, residualRating: 'medium', emvCents: 1_000_000, status: 'open', canEdit: true });

    const stale = await req(pm, 'PATCH', `/risks/${r.id}`, { status: 'monitoring' }, { 'if-match': '"7"' });
    expect(stale.statusCode).toBe(409);
    expect((await req(pm, 'PATCH', `/risks/${r.id}`, { status: 'monitoring' })).statusCode).toBe(428);
    const upd = await req(pm, 'PATCH', `/risks/${r.id}`, { status: 'monitoring', residual: { probabilityLevel: 1, impacts: { schedule: 2 } } }, { 'if-match': '"1"' });
    expect(upd.statusCode).toBe(200);
    expect(json(upd)).toMatchObject({ status: 'monitoring', residualScore: 2, version: 2 });

    const hist = json(await req(pm, 'GET', `/risks/${r.id}/history`)).items;
    expect(hist.map((h: { action: string }) => h.action)).toEqual(['updated', 'created']);
    expect(hist[0].changes.map((c: { field: string }) => c.field).sort()).toEqual(['residual', 'status']);
    expect(hist[0].changes.find((c: { field: string }) => c.field === 'status')).toMatchObject({ from: 'open', to: 'monitoring' });

    const list = json(await req(stakeholder, 'GET', `/projects/${projectId}/risks`));
    expect(list.items.map((x: { id: string }) => x.id)).toContain(r.id);
    expect(list.items.find((x: { id: string }) => x.id === r.id).canEdit).toBe(false);

    expect((await req(pm, 'DELETE', `/risks/${r.id}`, undefined, { 'if-match': '"2"' })).statusCode).toBe(204);
    expect((await req(pm, 'GET', `/risks/${r.id}`)).statusCode).toBe(404);
  });

  it('refuses writes to stakeholders and hides the register from outsiders', async () => {
    const r = json(await req(pm, 'POST', `/projects/${projectId}/risks`, sample));
    expect((await req(stakeholder, 'POST', `/projects/${projectId}/risks`, sample)).statusCode).toBe(403);
    expect((await req(stakeholder, 'PATCH', `/risks/${r.id}`, { title: 'x' }, { 'if-match': '"1"' })).statusCode).toBe(403);
    expect((await req(stakeholder, 'POST', `/risks/${r.id}/actions`, { title: 'x' })).statusCode).toBe(403);
    expect((await req(stakeholder, 'GET', `/risks/${r.id}`)).statusCode).toBe(200);
    for (const url of [`/risks/${r.id}`, `/projects/${projectId}/risks`, `/risks/${r.id}/actions`, `/risks/${r.id}/history`]) {
      const res = await req(outsider, 'GET', url);
      expect({ url, status: res.statusCode }).toEqual({ url, status: 404 });
      expect(res.body).not.toContain('Supplier');
    }
    expect((await req(outsider, 'GET', '/risk-dashboard')).statusCode).toBe(403);
    expect((await req(outsider, 'GET', '/risks')).statusCode).toBe(403);
  });

  it('answers bad input with problem+json and writes nothing', async () => {
    const before = await tableChecksums(ctx.database.db);
    const bad: Array<[object, number, string?]> = [
      [{ ...sample, inherent: { probabilityLevel: 2, probability: 1.5, impacts: { cost: 2 } } }, 400],
      [{ ...sample, residual: { probabilityLevel: 2, probability: -0.1, impacts: { cost: 2 } } }, 400],
      [{ ...sample, inherent: { probabilityLevel: 9, impacts: { cost: 2 } } }, 422, 'risk_level_out_of_scale'],
      [{ ...sample, inherent: { probabilityLevel: 2, impacts: {} } }, 422, 'risk_impact_missing'],
      [{ ...sample, category: 'compliance' }, 422, 'risk_invalid_field'],
      [{ ...sample, kind: 'opportunity', responseStrategy: 'avoid' }, 422, 'risk_strategy_not_allowed'],
      [{ ...sample, scheduleImpact: { taskId: projectId, minMinutes: 900, mostLikelyMinutes: 480, maxMinutes: 100 } }, 400],
      [{ ...sample, scheduleImpact: { taskId: projectId, minMinutes: 100, mostLikelyMinutes: 480, maxMinutes: 900 } }, 422, 'invalid_reference'],
      [{ ...sample, ownerId: projectId }, 422, 'invalid_reference'],
    ];
    for (const [body, status, code] of bad) {
      const res = await req(pm, 'POST', `/projects/${projectId}/risks`, body);
      expect({ body, status: res.statusCode }).toEqual({ body, status });
      expect(res.headers['content-type']).toContain('application/problem+json');
      if (code) expect(json(res).code).toBe(code);
    }
    expect(await tableChecksums(ctx.database.db)).toEqual(before);
  });

  it('accepts a compliance risk naming its regulation', async () => {
    const res = await req(pm, 'POST', `/projects/${projectId}/risks`, { ...sample, category: 'compliance', complianceReference: 'GDPR art. 35' });
    expect(res.statusCode).toBe(201);
    expect(json(res).complianceReference).toBe('GDPR art. 35');
  });
});

describe('mitigation actions', () => {
  it('tracks owner, due date and progress, and flags overdue open actions', async () => {
    const r = json(await req(pm, 'POST', `/projects/${projectId}/risks`, { ...sample, reviewDate: '2199-01-01' }));
    expect(r.attention.flagged).toBe(false);
    const a = await req(pm, 'POST', `/risks/${r.id}/actions`, { title: 'Qualify a second supplier', ownerId: pm.id, dueDate: '2020-01-31', progressPercent: 40 });
    expect(a.statusCode).toBe(201);
    expect(json(a)).toMatchObject({ title: 'Qualify a second supplier', ownerId: pm.id, ownerName: `${pm.username} Test`, overdue: true, progressPercent: 40, status: 'open' });
    const flagged = json(await req(pm, 'GET', `/risks/${r.id}`));
    expect(flagged.attention).toEqual({ flagged: true, reasons: ['ACTION_OVERDUE'] });

    const done = await req(pm, 'PATCH', `/risk-actions/${json(a).id}`, { status: 'done' }, { 'if-match': '"1"' });
    expect(json(done)).toMatchObject({ status: 'done', progressPercent: 100, overdue: false, version: 2 });
    expect(json(await req(pm, 'GET', `/risks/${r.id}`)).attention.flagged).toBe(false);
    expect(json(await req(pm, 'GET', `/risks/${r.id}/actions`)).items).toHaveLength(1);

    const audit = await ctx.database.db.selectFrom('audit_log').select(['action', 'entity_type']).where('entity_id', '=', json(a).id).orderBy('id').execute();
    expect(audit).toEqual([{ action: 'created', entity_type: 'risk_action' }, { action: 'updated', entity_type: 'risk_action' }]);
    expect((await req(pm, 'DELETE', `/risk-actions/${json(a).id}`, undefined, { 'if-match': '"2"' })).statusCode).toBe(204);
  });

  it('takes due date and progress of an action from the schedule task it is, and shows the progress on the risk', async () => {
    const r = json(await req(pm, 'POST', `/projects/${projectId}/risks`, { ...sample, title: 'Key supplier fails audit', reviewDate: '2199-01-01' }));
    const task = json(await req(pm, 'POST', `/projects/${projectId}/tasks`, { name: 'Audit supplier', start: '2020-01-06T08:00', finish: '2020-01-10T17:00', percentComplete: 30 }));
    const linked = json(await req(pm, 'POST', `/risks/${r.id}/actions`, { title: 'Audit the supplier', taskId: task.id }));
    const t = json(await req(pm, 'GET', `/tasks/${task.id}`));
    expect(linked).toMatchObject({ taskId: task.id, taskName: 'Audit supplier', dueDate: t.finish.slice(0, 10), progressPercent: t.percentComplete, status: 'open', overdue: true });
    await req(pm, 'POST', `/risks/${r.id}/actions`, { title: 'Second source', progressPercent: 50, dueDate: '2199-01-01' });
    const withActions = json(await req(pm, 'GET', `/risks/${r.id}`));
    expect(withActions.attention).toEqual({ flagged: true, reasons: ['ACTION_OVERDUE'] });
    expect(withActions.actionProgress).toEqual({ count: 2, doneCount: 0, percent: Math.round((t.percentComplete + 50) / 2) });
    // The task completes: the action is done and the flag goes.
    await req(pm, 'PATCH', `/tasks/${task.id}`, { percentComplete: 100 }, { 'if-match': `"${t.version}"` });
    expect(json(await req(pm, 'GET', `/risks/${r.id}/actions`)).items.find((a: { id: string }) => a.id === linked.id)).toMatchObject({ status: 'done', progressPercent: 100, overdue: false });
    expect(json(await req(pm, 'GET', `/risks/${r.id}`))).toMatchObject({ attention: { flagged: false }, actionProgress: { count: 2, doneCount: 1, percent: 75 } });
    // Only tasks of the risk's project.
    const other = (await createProjectViaApi(ctx, pm, { name: 'Elsewhere' })).id;
    const foreign = json(await req(pm, 'POST', `/projects/${other}/tasks`, { name: 'Foreign' }));
    const bad = await req(pm, 'POST', `/risks/${r.id}/actions`, { title: 'x', taskId: foreign.id });
    expect([bad.statusCode, json(bad).code]).toEqual([422, 'invalid_reference']);
  });
});

describe('risk matrix', () => {
  it('is configurable by admins and refuses a scale that existing risks do not fit', async () => {
    const m = json(await req(pm, 'GET', '/risk-matrix'));
    expect(m.version).toBe(0);
    expect(m.matrix.probabilityLevels).toHaveLength(5);
    const three = {
      probabilityLevels: [1, 2, 3].map((l) => ({ level: l, label: `P${l}`, minProbability: (l - 1) / 3, maxProbability: l / 3 })),
      impactLevels: [1, 2, 3].map((l) => ({ level: l, label: `I${l}` })),
      bands: [{ rating: 'low', minScore: 1 }, { rating: 'high', minScore: 5 }],
    };
    expect((await req(pm, 'PATCH', '/risk-matrix', { matrix: three, version: 0 })).statusCode).toBe(403);
    const refused = await req(ctx.admin, 'PATCH', '/risk-matrix', { matrix: three, version: 0 });
    expect(refused.statusCode).toBe(422);
    expect(json(refused).code).toBe('risk_level_out_of_scale');
    const ten = { ...three, probabilityLevels: Array.from({ length: 10 }, (_, i) => ({ level: i + 1, label: `P${i + 1}`, minProbability: i / 10, maxProbability: (i + 1) / 10 })), impactLevels: Array.from({ length: 10 }, (_, i) => ({ level: i + 1, label: `I${i + 1}` })) };
    const ok = await req(ctx.admin, 'PATCH', '/risk-matrix', { matrix: ten, version: 0 });
    expect(ok.statusCode).toBe(200);
    expect(json(ok).version).toBe(1);
    const heat = json(await req(pm, 'GET', `/projects/${projectId}/risks`)).heatMap;
    expect(heat.cells).toHaveLength(100);
  });
});
