/** Compliance checklists per lifecycle stage, project records with evidence, register reviews and the portfolio matrix. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createTestApp, json, type TestContext, type TestUser } from '../helpers.js';
import { tableChecksums } from '../../src/db/backup.js';
import { ensureDefaultLifecycle, STANDARD_LIFECYCLE_ID } from '../../src/modules/portfolio/lifecycles.service.js';

let ctx: TestContext;
let pmo: TestUser;
let pm: TestUser;
let stakeholder: TestUser;
let outsider: TestUser;
let portfolioId: string;
let planning: string;
let idea: string;
const req = (as: TestUser, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method, url: `/api/v1${url}`, headers: { ...as.auth, ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });

beforeAll(async () => {
  ctx = await createTestApp();
  pmo = await ctx.user('pmo');
  pm = await ctx.user('member');
  stakeholder = await ctx.user('member');
  outsider = await ctx.user('member');
  portfolioId = json(await req(pmo, 'POST', '/portfolios', { name: 'Regulated' })).id;
  planning = json(await req(pmo, 'POST', '/projects', { name: 'Payments platform', portfolioId, stage: 'planning', managerId: pm.id })).id;
  idea = json(await req(pmo, 'POST', '/projects', { name: 'Loyalty idea', portfolioId, stage: 'idea' })).id;
  await req(pmo, 'POST', `/projects/${planning}/members`, { userId: pm.id, role: 'project_manager' });
  await req(pmo, 'POST', `/projects/${planning}/members`, { userId: stakeholder.id, role: 'stakeholder' });
});
afterAll(async () => ctx.close());

type Item = { id: string; status: string; record: { version: number; evidenceUrls: string[] } | null };
const statusOf = (c: { items: Item[] }) => Object.fromEntries(c.items.map((i) => [i.id, i.status]));

describe('project compliance', () => {
  it('evaluates the example checklist of the standard lifecycle for the project stage, with records, evidence and facts', async () => {
    const lists = json(await req(pm, 'GET', '/compliance/checklists')).items;
    expect(lists[0]).toMatchObject({ lifecycleId: STANDARD_LIFECYCLE_ID, version: 0 });
    expect(lists[0].items.map((i: { id: string }) => i.id)).toEqual(['business-case', 'charter', 'dpia', 'risk-review', 'security-review', 'lessons']);

    const first = json(await req(stakeholder, 'GET', `/projects/${planning}/compliance`));
    expect(first).toMatchObject({ stage: 'planning', stageName: 'Planning', compliant: false, applicableCount: 4, metCount: 0, percent: 0, canRecord: false });
    expect(statusOf(first)).toEqual({ 'business-case': 'not-met', charter: 'not-met', dpia: 'not-met', 'risk-review': 'not-met', 'security-review': 'not-applicable', lessons: 'not-applicable' });

    // Evidence: a charter link; the PM records it, a stakeholder may not.
    expect((await req(stakeholder, 'PUT', `/projects/${planning}/compliance/charter`, { evidenceUrls: ['https://docs.example.com/charter.pdf'] })).statusCode).toBe(403);
    const charter = json(await req(pm, 'PUT', `/projects/${planning}/compliance/charter`, { evidenceUrls: ['https://docs.example.com/charter.pdf'], note: 'Signed by the sponsor' }));
    expect(statusOf(charter).charter).toBe('met');
    // Updating an existing record needs its version.
    expect((await req(pm, 'PUT', `/projects/${planning}/compliance/charter`, { note: 'x' })).statusCode).toBe(428);
    expect((await req(pm, 'PUT', `/projects/${planning}/compliance/charter`, { note: 'x' }, { 'if-match': '"7"' })).statusCode).toBe(409);
    const emptied = json(await req(pm, 'PUT', `/projects/${planning}/compliance/charter`, { evidenceUrls: [] }, { 'if-match': '"1"' }));
    expect(statusOf(emptied).charter).toBe('not-met');

    // Facts: a register review today; the business case approved at the investment-decision gate.
    const review = await req(pm, 'POST', `/projects/${planning}/risk-register/reviews`, { note: 'Monthly review' });
    expect(review.statusCode).toBe(201);
    expect(json(review)).toMatchObject({ reviewedOn: new Date().toISOString().slice(0, 10), note: 'Monthly review' });
    await ensureDefaultLifecycle(ctx.database.db);
    await ctx.database.db.insertInto('gate_reviews').values({ id: randomUUID(), project_id: planning, lifecycle_id: STANDARD_LIFECYCLE_ID, gate_key: 'investment-decision', from_stage: 'proposal', to_stage: 'approved', status: 'decided', decision: 'go', decided_stage: 'approved', decided_at: new Date('2026-02-01T10:00:00Z') }).execute();
    await req(pm, 'PUT', `/projects/${planning}/compliance/dpia`, { evidenceUrls: ['https://docs.example.com/dpia.pdf'] });
    const done = json(await req(pm, 'GET', `/projects/${planning}/compliance`));
    expect(statusOf(done)).toMatchObject({ 'business-case': 'met', charter: 'not-met', dpia: 'met', 'risk-review': 'met' });
    expect(done.facts).toMatchObject({ 'gate.investment-decision.passedOn': '2026-02-01', 'riskRegister.lastReviewedOn': json(review).reviewedOn });
    expect(done).toMatchObject({ metCount: 3, percent: 75, compliant: false });
    const audit = await ctx.database.db.selectFrom('audit_log').select(['entity_type', 'action']).where('project_id', '=', planning).where('entity_type', 'in', ['compliance_record', 'risk_register']).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['created', 'created', 'reviewed', 'updated']);
  });

  it('refuses bad input, unknown items and outsiders, writing nothing', async () => {
    await req(outsider, 'GET', '/projects'); // a token's first use stamps it
    const before = await tableChecksums(ctx.database.db);
    expect((await req(outsider, 'GET', `/projects/${planning}/compliance`)).statusCode).toBe(404);
    expect((await req(outsider, 'POST', `/projects/${planning}/risk-register/reviews`, {})).statusCode).toBe(404);
    expect((await req(stakeholder, 'POST', `/projects/${planning}/risk-register/reviews`, {})).statusCode).toBe(403);
    const unknown = await req(pm, 'PUT', `/projects/${planning}/compliance/no-such-item`, { completedOn: '2026-01-01' });
    expect([unknown.statusCode, json(unknown).code]).toEqual([422, 'unknown_item']);
    expect((await req(pm, 'PUT', `/projects/${planning}/compliance/charter`, { evidenceUrls: ['javascript:alert(1)'] })).statusCode).toBe(400);
    expect((await req(pm, 'PUT', `/projects/${planning}/compliance/Bad Item`, {})).statusCode).toBe(400);
    expect(await tableChecksums(ctx.database.db)).toEqual(before);
  });
});

describe('checklists and the portfolio matrix', () => {
  it('lets the PMO replace a checklist, validating stages, facts and versions', async () => {
    const items = [
      { id: 'sponsor', stage: 'idea', title: 'Sponsor named', rule: { kind: 'attestation' } },
      { id: 'risk-review', stage: 'planning', title: 'Risk register reviewed in the last 14 days', rule: { kind: 'recency', maxAgeDays: 14, fact: 'riskRegister.lastReviewedOn' } },
      { id: 'nice', stage: 'planning', title: 'Stakeholder map', rule: { kind: 'attestation' }, required: false },
    ];
    const before = await tableChecksums(ctx.database.db);
    expect((await req(pm, 'PUT', `/compliance/checklists/${STANDARD_LIFECYCLE_ID}`, { items, version: 0 })).statusCode).toBe(403);
    const badStage = await req(pmo, 'PUT', `/compliance/checklists/${STANDARD_LIFECYCLE_ID}`, { items: [{ ...items[0], stage: 'nowhere' }], version: 0 });
    expect([badStage.statusCode, json(badStage).code]).toEqual([422, 'risk_compliance_invalid']);
    expect((await req(pmo, 'PUT', `/compliance/checklists/${STANDARD_LIFECYCLE_ID}`, { items: [{ ...items[1], rule: { kind: 'recency', maxAgeDays: 14, fact: 'made.up' } }], version: 0 })).statusCode).toBe(400);
    const dup = await req(pmo, 'PUT', `/compliance/checklists/${STANDARD_LIFECYCLE_ID}`, { items: [items[0], items[0]], version: 0 });
    expect(dup.statusCode).toBe(422);
    expect(await tableChecksums(ctx.database.db)).toEqual(before);

    const saved = json(await req(pmo, 'PUT', `/compliance/checklists/${STANDARD_LIFECYCLE_ID}`, { items, version: 0 }));
    expect(saved).toMatchObject({ version: 1, items: [{ id: 'sponsor', required: true }, { id: 'risk-review' }, { id: 'nice', required: false }] });
    expect((await req(pmo, 'PUT', `/compliance/checklists/${STANDARD_LIFECYCLE_ID}`, { items, version: 0 })).statusCode).toBe(409);

    const matrix = json(await req(pmo, 'GET', `/compliance/matrix?portfolioId=${portfolioId}`));
    expect(matrix).toMatchObject({ projectCount: 2 });
    const table = matrix.lifecycles[0];
    expect(table.items.map((i: { id: string }) => i.id)).toEqual(['sponsor', 'risk-review', 'nice']);
    const row = (name: string) => table.rows.find((r: { projectName: string }) => r.projectName === name);
    expect(row('Payments platform')).toMatchObject({ stage: 'planning', cells: ['not-met', 'met', 'not-met'], compliant: false });
    expect(row('Loyalty idea')).toMatchObject({ stage: 'idea', cells: ['not-met', 'not-applicable', 'not-applicable'], percent: 0 });
    await req(pmo, 'PUT', `/projects/${idea}/compliance/sponsor`, { completedOn: '2026-03-01' });
    const after = json(await req(pmo, 'GET', `/compliance/matrix?portfolioId=${portfolioId}`));
    expect(after.compliantCount).toBe(1);
    expect((await req(pm, 'GET', '/compliance/matrix')).statusCode).toBe(403);
  });
});
