/**
 * Portfolio strategy through the API on the real database: score proposals, optimise under a budget, save two
 * scenarios, compare them and promote one to plan of record; permissions; bad input leaves nothing half-saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, json, type TestContext, type TestUser } from '../helpers.js';

let ctx: TestContext;
let pmo: TestUser;
let pm: TestUser;
let fin: TestUser;
let member: TestUser;
const ids: Record<string, string> = {};
let modelId = '';
let s1: { id: string; version: number };
let s2: { id: string; version: number };

const M = 100; // cents per unit
const call = (as: TestUser, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method, url: `/api/v1${url}`, headers: { ...as.auth, ...headers }, ...(payload ? { payload } : {}) });

const model = {
  name: 'Strategic value',
  weightTotal: 100,
  criteria: [
    { id: 'value', name: 'Business value', weight: 60, scale: { kind: 'range', min: 0, max: 10 } },
    { id: 'risk', name: 'Delivery risk', weight: 40, direction: 'lower-better', scale: { kind: 'levels', levels: [{ label: 'low', value: 1 }, { label: 'medium', value: 2 }, { label: 'high', value: 3 }] } },
  ],
};

beforeAll(async () => {
  ctx = await createTestApp();
  pmo = await ctx.user('pmo', 'pmo-lead');
  pm = await ctx.user('portfolio_manager', 'pf-manager');
  fin = await ctx.user('finance', 'fin-officer');
  member = await ctx.user('member', 'plain-member');
});
afterAll(async () => ctx.close());

describe('portfolio strategy flow', () => {
  it('creates a scoring model and proposals with business case figures', async () => {
    const m = await call(pmo, 'POST', '/portfolio/scoring-models', model);
    expect(m.statusCode).toBe(201);
    modelId = json(m).id;
    const defs = [
      { key: 'A', name: 'CRM Replacement', capexCents: [500_000 * M], benefits: [{ category: 'savings', amountsCents: [0, 400_000 * M, 400_000 * M] }] },
      { key: 'B', name: 'Data Platform', capexCents: [400_000 * M], benefits: [{ category: 'savings', amountsCents: [0, 300_000 * M], probability: 0.5 }] },
      { key: 'C', name: 'Mobile App', capexCents: [300_000 * M], benefits: [{ category: 'revenue', amountsCents: [0, 200_000 * M, 200_000 * M] }] },
      { key: 'D', name: 'Office Move', capexCents: [200_000 * M] },
    ];
    for (const { key, ...body } of defs) {
      const res = await call(pmo, 'POST', '/portfolio/proposals', { ...body, periodsPerYear: 1, annualDiscountRate: 0.1 });
      expect(res.statusCode).toBe(201);
      ids[key] = json(res).id;
    }
    const a = json(await call(pmo, 'GET', `/portfolio/proposals/${ids.A}`));
    // Yearly flows -500000, 400000, 400000 at 10 %: NPV = -500000 + 400000/1.1 + 400000/1.21.
    expect(a.businessCase.npvCents).toBe(Math.round((-500_000 + 400_000 / 1.1 + 400_000 / 1.21) * M));
    expect(a.businessCase.irrStatus).toBe('ok');
    expect(a.businessCase.annualIrr).toBeGreaterThan(0.3);
    expect(a.businessCase.payback).toMatchObject({ paidBack: true });
    expect(a.totalCostCents).toBe(500_000 * M);
    // No benefits at all: IRR does not exist and is reported, not thrown.
    const d = json(await call(pmo, 'GET', `/portfolio/proposals/${ids.D}`));
    expect(d.businessCase).toMatchObject({ irrStatus: 'undefined', annualIrr: null, payback: { paidBack: false } });
  });

  it('records score sheets per scorer and reports consensus; the list is ranked by score', async () => {
    const sheets: [TestUser, string, number, string][] = [
      [pmo, 'A', 9, 'low'],
      [pm, 'A', 8, 'low'],
      [pmo, 'B', 7, 'medium'],
      [pm, 'B', 7, 'medium'],
      [pmo, 'C', 6, 'low'],
      [fin, 'C', 4, 'low'],
      [pmo, 'D', 2, 'high'],
    ];
    for (const [who, key, value, risk] of sheets) {
      const res = await call(who, 'POST', `/portfolio/proposals/${ids[key]}/scores`, { scoringModelId: modelId, answers: { value, risk } });
      expect(res.statusCode).toBe(201);
    }
    // A re-score replaces the scorer's current sheet (history is kept in the table).
    await call(pm, 'POST', `/portfolio/proposals/${ids.A}/scores`, { scoringModelId: modelId, answers: { value: 10, risk: 'low' } });
    const scores = json(await call(pmo, 'GET', `/portfolio/proposals/${ids.A}/scores?scoringModelId=${modelId}`));
    expect(scores.items).toHaveLength(2);
    // value 9 -> 54 + risk low -> 40 = 94; value 10 -> 100.
    expect(scores.items.map((s: { total: number }) => s.total).sort()).toEqual([100, 94]);
    expect(scores.consensus).toMatchObject({ scorers: 2, meanTotal: 97, disagreement: false });
    const history = await sql<{ n: number }>`select count(*)::int as n from proposal_scores where proposal_id = ${ids.A}`.execute(ctx.database.db);
    expect(history.rows[0]!.n).toBe(3);

    const list = json(await call(fin, 'GET', '/portfolio/proposals'));
    expect(list.items.map((p: { name: string }) => p.name)).toEqual(['CRM Replacement', 'Mobile App', 'Data Platform', 'Office Move']);
    // C: (36 + 40 + 24 + 40) / 2 = 70 beats B: 42 + 20 = 62.
    expect(list.items.map((p: { score: number }) => p.score)).toEqual([97, 70, 62, 12]);
    expect(list.items.map((p: { rank: number }) => p.rank)).toEqual([1, 2, 3, 4]);
    // Risk for the bubble chart: the scorers' answers on the lower-is-better criterion, 0 (low) .. 1 (high).
    expect(list.items.map((p: { risk: number; riskSource: string }) => [p.risk, p.riskSource])).toEqual([[0, 'criteria'], [0, 'criteria'], [0.5, 'criteria'], [1, 'criteria']]);
  });

  let optimised: { selected: { proposalId: string; startPeriod: number }[] };
  const settings = { objective: 'score', totalBudgetCents: 800_000 * M, timeLimitMs: 2000 };

  it('optimises under a budget and explains each excluded proposal', async () => {
    const res = await call(pmo, 'POST', '/portfolio/optimize', settings);
    expect(res.statusCode).toBe(200);
    const r = json(res);
    optimised = r;
    expect(r.status).toBe('optimal');
    // A (97) + C (70) = 800000 fits; A + B = 900000 does not.
    expect(r.selected.map((s: { name: string }) => s.name).sort()).toEqual(['CRM Replacement', 'Mobile App']);
    expect(r.usage.capexCents).toEqual([800_000 * M]);
    const b = r.excluded.find((e: { name: string }) => e.name === 'Data Platform');
    expect(b.reasons.some((x: { kind: string; message: string }) => x.kind === 'limit' && /budget/.test(x.message))).toBe(true);

    const frontier = json(await call(pmo, 'POST', '/portfolio/frontier', { ...settings, points: 4 }));
    expect(frontier.points).toHaveLength(4);
    const values = frontier.points.map((p: { objectiveValue: number | null }) => p.objectiveValue ?? -1);
    expect([...values].sort((x, y) => x - y)).toEqual(values);
    expect(frontier.points[3].objectiveValue).toBeCloseTo(r.objectiveValue, 6);
  });

  it('saves two scenarios, compares them and promotes one to plan of record (audited, only one)', async () => {
    const r1 = await call(pmo, 'POST', '/portfolio/scenarios', { name: 'Optimised', settings, selected: optimised.selected.map((p) => ({ proposalId: p.proposalId, startPeriod: p.startPeriod })) });
    expect(r1.statusCode).toBe(201);
    s1 = json(r1);
    const r2 = await call(pm, 'POST', '/portfolio/scenarios', { name: 'Data first', settings, selected: [{ proposalId: ids.B }, { proposalId: ids.C }] });
    expect(r2.statusCode).toBe(201);
    s2 = json(r2);
    expect(json(r2).summary).toMatchObject({ count: 2, capexCents: [700_000 * M] });

    const cmp = json(await call(fin, 'GET', `/portfolio/scenarios/compare?a=${s1.id}&b=${s2.id}`));
    expect(cmp.onlyInA.map((x: { name: string }) => x.name)).toEqual(['CRM Replacement']);
    expect(cmp.onlyInB.map((x: { name: string }) => x.name)).toEqual(['Data Platform']);
    expect(cmp.inBoth.map((x: { name: string }) => x.name)).toEqual(['Mobile App']);
    expect(cmp.capexDeltaCents).toEqual([-100_000 * M]);

    const noVersion = await call(pmo, 'POST', `/portfolio/scenarios/${s1.id}/promote`);
    expect(noVersion.statusCode).toBe(428);
    const p1 = await call(pmo, 'POST', `/portfolio/scenarios/${s1.id}/promote`, undefined, { 'if-match': '"1"' });
    expect(p1.statusCode).toBe(200);
    expect(json(p1)).toMatchObject({ planOfRecord: true, version: 2 });
    const stale = await call(pmo, 'POST', `/portfolio/scenarios/${s2.id}/promote`, undefined, { 'if-match': '"7"' });
    expect(stale.statusCode).toBe(409);
    const p2 = await call(pm, 'POST', `/portfolio/scenarios/${s2.id}/promote`, undefined, { 'if-match': '"1"' });
    expect(p2.statusCode).toBe(200);
    const all = json(await call(pmo, 'GET', '/portfolio/scenarios')).items;
    expect(all.filter((s: { planOfRecord: boolean }) => s.planOfRecord).map((s: { name: string }) => s.name)).toEqual(['Data first']);
    expect(all[0].name).toBe('Data first');
    const audit = await ctx.database.db.selectFrom('audit_log').select(['action', 'entity_id']).where('entity_type', '=', 'portfolio_scenario').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['created', 'created', 'promoted', 'demoted', 'promoted']);
    const del = await call(pmo, 'DELETE', `/portfolio/scenarios/${s2.id}`, undefined, { 'if-match': '"2"' });
    expect(del.statusCode).toBe(409);
  });
});

describe('portfolio permissions', () => {
  it('keeps members out, lets finance read and score but not change proposals or promote', async () => {
    for (const [method, url] of [['GET', '/portfolio/proposals'], ['GET', '/portfolio/scoring-models'], ['GET', '/portfolio/scenarios']] as const) {
      expect((await call(member, method, url)).statusCode).toBe(403);
    }
    expect((await call(member, 'POST', '/portfolio/optimize', { totalBudgetCents: 1 })).statusCode).toBe(403);
    expect((await call(member, 'POST', `/portfolio/proposals/${ids.A}/scores`, { scoringModelId: modelId, answers: { value: 1, risk: 'low' } })).statusCode).toBe(403);
    expect((await call(fin, 'POST', '/portfolio/proposals', { name: 'Sneaky' })).statusCode).toBe(403);
    expect((await call(fin, 'POST', '/portfolio/scoring-models', model)).statusCode).toBe(403);
    expect((await call(fin, 'POST', `/portfolio/scenarios/${s1.id}/promote`, undefined, { 'if-match': '"3"' })).statusCode).toBe(403);
    expect((await call(fin, 'POST', '/portfolio/optimize', { totalBudgetCents: 100 })).statusCode).toBe(200);
  });
});

describe('portfolio bad input', () => {
  it('refuses weights that do not sum and scales without levels, saving nothing', async () => {
    const before = (await ctx.database.db.selectFrom('scoring_models').select('id').execute()).length;
    const bad = await call(pmo, 'POST', '/portfolio/scoring-models', { ...model, criteria: [{ ...model.criteria[0], weight: 50 }, model.criteria[1]] });
    expect(bad.statusCode).toBe(422);
    expect(json(bad)).toMatchObject({ code: 'invalid_weights' });
    const oneLevel = await call(pmo, 'POST', '/portfolio/scoring-models', { ...model, criteria: [model.criteria[0], { ...model.criteria[1], scale: { kind: 'levels', levels: [{ label: 'only', value: 1 }] } }] });
    expect(oneLevel.statusCode).toBe(422);
    expect(json(oneLevel).code).toBe('invalid_scale');
    const wsjf = await call(pmo, 'POST', '/portfolio/scoring-models', { ...model, formula: { kind: 'wsjf', businessValue: 'value', timeCriticality: 'nope', riskReduction: 'risk', jobSize: 'value' } });
    expect(wsjf.statusCode).toBe(422);
    expect((await ctx.database.db.selectFrom('scoring_models').select('id').execute()).length).toBe(before);
    const badAnswer = await call(pmo, 'POST', `/portfolio/proposals/${ids.A}/scores`, { scoringModelId: modelId, answers: { value: 5, risk: 'extreme' } });
    expect(badAnswer.statusCode).toBe(422);
    expect(json(badAnswer).code).toBe('invalid_score');
    const extra = await call(pmo, 'POST', `/portfolio/proposals/${ids.A}/scores`, { scoringModelId: modelId, answers: { value: 5, risk: 'low', bogus: 1 } });
    expect(extra.statusCode).toBe(422);
  });

  it('refuses cyclic dependencies and unknown references, leaving the proposal unchanged', async () => {
    const y = json(await call(pmo, 'POST', '/portfolio/proposals', { name: 'Phase 2', dependsOn: [ids.D] }));
    const cyc = await call(pmo, 'PATCH', `/portfolio/proposals/${ids.D}`, { dependsOn: [y.id] }, { 'if-match': '"1"' });
    expect(cyc.statusCode).toBe(422);
    expect(json(cyc)).toMatchObject({ code: 'cyclic_dependency' });
    expect(json(cyc).detail).toContain('Office Move');
    expect(json(await call(pmo, 'GET', `/portfolio/proposals/${ids.D}`))).toMatchObject({ version: 1, dependsOn: [] });
    const unknown = await call(pmo, 'POST', '/portfolio/proposals', { name: 'Ghost', dependsOn: ['00000000-0000-4000-8000-000000000000'] });
    expect(unknown.statusCode).toBe(422);
    expect((await call(pmo, 'DELETE', `/portfolio/proposals/${ids.D}`, undefined, { 'if-match': '"1"' })).statusCode).toBe(409);
    expect((await call(pmo, 'DELETE', `/portfolio/proposals/${y.id}`, undefined, { 'if-match': '"1"' })).statusCode).toBe(204);
  });

  it('reports an infeasible mandatory set with the conflicting constraint named, and rejects ambiguous budgets', async () => {
    const both = await call(pmo, 'POST', '/portfolio/optimize', { totalBudgetCents: 1, periodLabels: ['2027'], budgetPerPeriod: { capexCents: [1] } });
    expect(both.statusCode).toBe(400);
    const mismatch = await call(pmo, 'POST', '/portfolio/optimize', { periodLabels: ['2027', '2028'], budgetPerPeriod: { capexCents: [1] } });
    expect(mismatch.statusCode).toBe(400);
    const m = await call(pmo, 'PATCH', `/portfolio/proposals/${ids.D}`, { mandatory: true }, { 'if-match': '"1"' });
    expect(m.statusCode).toBe(200);
    const r = json(await call(pmo, 'POST', '/portfolio/optimize', { totalBudgetCents: 100_000 * M }));
    expect(r.status).toBe('infeasible');
    expect(r.selected).toEqual([]);
    expect(r.conflicts[0]).toMatchObject({ kind: 'mandatory-over-limit', proposalIds: [ids.D] });
    expect(r.conflicts[0].message).toMatch(/budget/);
    const ok = json(await call(pmo, 'POST', '/portfolio/optimize', { totalBudgetCents: 800_000 * M }));
    expect(ok.selected.map((s: { proposalId: string }) => s.proposalId)).toContain(ids.D);
  });
});
