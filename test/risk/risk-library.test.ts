/** The risk library: lessons from closed projects become templates, suggested to new projects of the same type. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestContext, type TestUser } from '../helpers.js';
import { tableChecksums } from '../../src/db/backup.js';

let ctx: TestContext;
let pmo: TestUser;
let member: TestUser;
let portfolioId: string;
const req = (as: TestUser, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method, url: `/api/v1${url}`, headers: { ...as.auth, ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });
const ok = async (as: TestUser, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) => {
  const res = await req(as, method, url, payload, headers);
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.statusCode === 204 ? null : json(res);
};

beforeAll(async () => {
  ctx = await createTestApp();
  pmo = await ctx.user('pmo');
  member = await ctx.user('member');
  portfolioId = (await ok(pmo, 'POST', '/portfolios', { name: 'ERP' })).id;
});
afterAll(async () => ctx.close());

const responses = [
  { strategy: 'mitigate', description: 'Freeze master data two weeks before go-live', effectiveness: 'proven' },
  { strategy: 'transfer', description: 'Fixed-price data migration contract', effectiveness: 'partial' },
  { strategy: 'accept', description: 'Fix data after go-live', effectiveness: 'failed' },
];

describe('risk library', () => {
  it('captures lessons from closed projects, merges them, suggests them to new projects of the same type and applies them', async () => {
    const old1 = (await ok(pmo, 'POST', '/projects', { name: 'ERP rollout Germany', portfolioId })).id;
    const risk1 = await ok(pmo, 'POST', `/projects/${old1}/risks`, { title: 'Dirty master data delays go-live', category: 'technical', inherent: { probabilityLevel: 4, impacts: { schedule: 4, quality: 3 } } });
    const early = await req(pmo, 'POST', `/risks/${risk1.id}/lessons`, { projectType: 'erp-rollout', responses });
    expect([early.statusCode, json(early).code]).toEqual([422, 'project_not_closed']);
    await ok(pmo, 'PATCH', `/risks/${risk1.id}`, { status: 'closed' }, { 'if-match': `"${risk1.version}"` });
    expect((await req(member, 'POST', `/risks/${risk1.id}/lessons`, { projectType: 'erp-rollout', responses })).statusCode).toBe(403);
    const template = await ok(pmo, 'POST', `/risks/${risk1.id}/lessons`, { projectType: 'ERP-Rollout', tags: ['sap', 'data'], responses });
    expect(template).toMatchObject({ title: 'Dirty master data delays go-live', projectTypes: ['erp-rollout'], tags: ['data', 'sap'], sourceProjects: [{ id: old1, name: 'ERP rollout Germany' }], usedCount: 0 });
    expect(template.responses.map((r: { effectiveness: string }) => r.effectiveness)).toEqual(['proven', 'partial']);

    // A second closed project folds its lesson into the same template.
    const old2 = (await ok(pmo, 'POST', '/projects', { name: 'ERP rollout France', portfolioId })).id;
    const p2 = await ok(pmo, 'GET', `/projects/${old2}`);
    await ok(pmo, 'PATCH', `/projects/${old2}`, { status: 'completed' }, { 'if-match': `"${p2.version}"` });
    const risk2 = await ok(pmo, 'POST', `/projects/${old2}/risks`, { title: 'Master data quality', category: 'technical', inherent: { probabilityLevel: 3, impacts: { schedule: 3 } } });
    const merged = await ok(pmo, 'POST', `/risks/${risk2.id}/lessons`, { projectType: 'erp-upgrade', tags: ['sap', 's4'], templateId: template.id, responses: [{ strategy: 'mitigate', description: 'Data quality dashboard per site', effectiveness: 'proven' }] });
    expect(merged).toMatchObject({ id: template.id, projectTypes: ['erp-rollout', 'erp-upgrade'], tags: ['data', 's4', 'sap'], version: 2 });
    expect(merged.sourceProjects.map((p: { id: string }) => p.id).sort()).toEqual([old1, old2].sort());
    expect(merged.responses).toHaveLength(3);

    // Everyone reads the library; filters.
    expect((await ok(member, 'GET', '/risk-library?projectType=erp-upgrade')).items.map((t: { id: string }) => t.id)).toEqual([template.id]);
    expect((await ok(member, 'GET', '/risk-library?tag=crm')).items).toEqual([]);

    // A new project of the same type gets the template suggested, with reasons, and applies it.
    const fresh = (await ok(pmo, 'POST', '/projects', { name: 'ERP rollout Spain', portfolioId })).id;
    await ok(pmo, 'POST', `/projects/${fresh}/members`, { userId: member.id, role: 'team_member' });
    expect((await ok(member, 'GET', `/projects/${fresh}/risk-suggestions`)).items).toEqual([]); // no profile yet
    const profile = await ok(member, 'PUT', `/projects/${fresh}/risk-profile`, { projectType: 'erp-rollout', tags: ['sap'], version: 0 });
    expect(profile).toMatchObject({ projectType: 'erp-rollout', tags: ['sap'], version: 1 });
    expect((await req(member, 'PUT', `/projects/${fresh}/risk-profile`, { projectType: 'erp-rollout', version: 0 })).statusCode).toBe(409);
    const suggested = await ok(member, 'GET', `/projects/${fresh}/risk-suggestions`);
    expect(suggested.items).toHaveLength(1);
    expect(suggested.items[0]).toMatchObject({ template: { id: template.id }, score: 10 + 2 + 2 + 2 });
    expect(suggested.items[0].reasons).toEqual(['used on erp-rollout projects', 'shares tags: sap', '2 proven response(s)']);

    const applied = await ok(member, 'POST', `/projects/${fresh}/risks/from-template`, { templateId: template.id });
    expect(applied).toMatchObject({ title: 'Dirty master data delays go-live', responseStrategy: 'mitigate', inherentScore: 16, projectId: fresh });
    const actions = (await ok(member, 'GET', `/risks/${applied.id}/actions`)).items;
    expect(actions.map((a: { title: string }) => a.title).sort()).toEqual(['mitigate: Data quality dashboard per site', 'mitigate: Freeze master data two weeks before go-live', 'transfer: Fixed-price data migration contract']);
    expect((await ok(member, 'GET', `/projects/${fresh}/risk-suggestions`)).items).toEqual([]); // used templates are not suggested again
    expect((await ok(member, 'GET', `/risk-library/${template.id}`)).usedCount).toBe(1);

    // Deleting the template keeps the risk.
    expect((await req(pmo, 'DELETE', `/risk-library/${template.id}`, undefined, { 'if-match': '"1"' })).statusCode).toBe(409);
    expect((await req(pmo, 'DELETE', `/risk-library/${template.id}`, undefined, { 'if-match': '"2"' })).statusCode).toBe(204);
    expect((await ok(member, 'GET', `/risks/${applied.id}`)).title).toBe('Dirty master data delays go-live');
  });

  it('curates templates by hand and refuses bad ones, writing nothing', async () => {
    const body = { title: 'Key user unavailable', category: 'people', kind: 'threat', projectTypes: ['erp-rollout'], tags: ['people'], inherent: { probabilityLevel: 3, impacts: { schedule: 3 } }, responses: [{ strategy: 'mitigate', description: 'Back-fill key users', effectiveness: 'proven' }] };
    await req(member, 'GET', '/risk-library');
    const before = await tableChecksums(ctx.database.db);
    expect((await req(member, 'POST', '/risk-library', body)).statusCode).toBe(403);
    const wrongStrategy = await req(pmo, 'POST', '/risk-library', { ...body, responses: [{ strategy: 'exploit', description: 'x', effectiveness: 'proven' }] });
    expect([wrongStrategy.statusCode, json(wrongStrategy).code]).toEqual([422, 'risk_strategy_not_allowed']);
    const offScale = await req(pmo, 'POST', '/risk-library', { ...body, inherent: { probabilityLevel: 9, impacts: { cost: 1 } } });
    expect([offScale.statusCode, json(offScale).code]).toEqual([422, 'risk_level_out_of_scale']);
    expect((await req(pmo, 'POST', '/risk-library', { ...body, tags: ['<script>'] })).statusCode).toBe(400);
    expect(await tableChecksums(ctx.database.db)).toEqual(before);

    const t = await ok(pmo, 'POST', '/risk-library', body);
    expect(t).toMatchObject({ version: 1, sourceProjects: [], usedCount: 0 });
    const renamed = await ok(pmo, 'PATCH', `/risk-library/${t.id}`, { title: 'Key users unavailable', tags: ['people', 'sap'] }, { 'if-match': '"1"' });
    expect(renamed).toMatchObject({ title: 'Key users unavailable', tags: ['people', 'sap'], version: 2 });
    expect((await req(pmo, 'PATCH', `/risk-library/${t.id}`, { title: 'x' })).statusCode).toBe(428);
  });
});
