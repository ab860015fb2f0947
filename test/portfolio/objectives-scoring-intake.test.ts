/**
 * Strategic objectives (tree, key results, links, roll-up, alignment, strategic-fit criteria), AHP through the API
 * (weights and CR, refusal above 0.1), score history, the configurable intake form with server-side validation, and
 * the best / likely / worst business case with benefits by category. Real database; nothing half-saved on refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProjectViaApi, createTestApp, json, type TestContext, type TestUser } from '../helpers.js';

let ctx: TestContext;
let pmo: TestUser;
let pfm: TestUser;
let fin: TestUser;
let member: TestUser;

const call = (as: TestUser, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method, url: `/api/v1${url}`, headers: { ...as.auth, ...headers }, ...(payload ? { payload } : {}) });
const ifMatch = (v: number) => ({ 'if-match': `"${v}"` });
const count = async (table: 'objectives' | 'key_results' | 'objective_links' | 'proposals' | 'scoring_models') => (await ctx.database.db.selectFrom(table).select('id').execute()).length;

beforeAll(async () => {
  ctx = await createTestApp();
  pmo = await ctx.user('pmo', 'obj-pmo');
  pfm = await ctx.user('portfolio_manager', 'obj-pfm');
  fin = await ctx.user('finance', 'obj-fin');
  member = await ctx.user('member', 'obj-member');
});
afterAll(async () => ctx.close());

describe('strategic objectives', () => {
  const ids: Record<string, string> = {};

  it('builds a tree with key results; progress rolls up by weight', async () => {
    const grow = json(await call(pmo, 'POST', '/portfolio/objectives', { name: 'Grow revenue', weight: 3, ownerId: pfm.id }));
    const eff = json(await call(pmo, 'POST', '/portfolio/objectives', { name: 'Run leaner', weight: 1 }));
    const eu = json(await call(pmo, 'POST', '/portfolio/objectives', { name: 'EU market', parentId: grow.id }));
    const us = json(await call(pmo, 'POST', '/portfolio/objectives', { name: 'US market', parentId: grow.id }));
    Object.assign(ids, { grow: grow.id, eff: eff.id, eu: eu.id, us: us.id });
    expect(grow).toMatchObject({ ownerName: 'obj-pfm Test', depth: 0, progress: 0 });
    await call(pmo, 'POST', `/portfolio/objectives/${eu.id}/key-results`, { name: 'EU customers', unit: 'customers', target: 200, actual: 100, dueDate: '2027-12-31' });
    const cut = json(await call(pmo, 'POST', `/portfolio/objectives/${eff.id}/key-results`, { name: 'Cost per order', unit: 'EUR', start: 10, target: 6, actual: 9 }));
    expect(cut.keyResults[0]).toMatchObject({ progress: 0.25, unit: 'EUR' });
    const list = json(await call(fin, 'GET', '/portfolio/objectives'));
    expect(list.items.map((o: { name: string; depth: number }) => `${'-'.repeat(o.depth)}${o.name}`)).toEqual(['Grow revenue', '-EU market', '-US market', 'Run leaner']);
    const by = Object.fromEntries(list.items.map((o: { name: string; progress: number; globalWeight: number }) => [o.name, o]));
    expect(by['EU market']).toMatchObject({ progress: 0.5, globalWeight: 0.375 });
    expect(by['Grow revenue'].progress).toBeCloseTo(0.25, 12);
    expect(by['Run leaner']).toMatchObject({ progress: 0.25, globalWeight: 0.25 });
    // A new actual value moves the roll-up.
    const krId = list.items.find((o: { name: string }) => o.name === 'EU market').keyResults[0].id;
    const upd = json(await call(pmo, 'PATCH', `/portfolio/key-results/${krId}`, { actual: 200 }, ifMatch(1)));
    expect(upd.progress).toBe(1);
    expect(json(await call(fin, 'GET', `/portfolio/objectives/${grow.id}`)).progress).toBeCloseTo(0.5, 12);
    expect((await call(pmo, 'PATCH', `/portfolio/key-results/${krId}`, { actual: 1 }, ifMatch(1))).statusCode).toBe(409);
  });

  it('refuses a cycle, an unknown parent and deleting a parent; members and finance cannot change objectives', async () => {
    const before = await count('objectives');
    const cyc = await call(pmo, 'PATCH', `/portfolio/objectives/${ids.grow}`, { parentId: ids.eu }, ifMatch(1));
    expect(cyc.statusCode).toBe(422);
    expect(json(cyc).code).toBe('invalid_objective_tree');
    expect(json(await call(pmo, 'GET', `/portfolio/objectives/${ids.grow}`))).toMatchObject({ parentId: null, version: 1 });
    const ghost = await call(pmo, 'POST', '/portfolio/objectives', { name: 'Orphan', parentId: '00000000-0000-4000-8000-000000000000' });
    expect(ghost.statusCode).toBe(422);
    expect((await call(pmo, 'DELETE', `/portfolio/objectives/${ids.grow}`, undefined, ifMatch(1))).statusCode).toBe(409);
    expect((await call(fin, 'POST', '/portfolio/objectives', { name: 'Nope' })).statusCode).toBe(403);
    expect((await call(member, 'GET', '/portfolio/objectives')).statusCode).toBe(403);
    expect(await count('objectives')).toBe(before);
  });

  it('links projects and proposals with contribution weights and computes their alignment', async () => {
    const project = await createProjectViaApi(ctx, ctx.admin, { name: 'EU webshop' });
    const prop = json(await call(pmo, 'POST', '/portfolio/proposals', { name: 'Lean warehouse' }));
    ids.prop = prop.id;
    const l1 = await call(pmo, 'POST', `/portfolio/objectives/${ids.eu}/links`, { projectId: project.id, contributionWeight: 1 });
    expect(l1.statusCode).toBe(201);
    await call(pmo, 'POST', `/portfolio/objectives/${ids.eff}/links`, { proposalId: prop.id, contributionWeight: 1 });
    await call(pmo, 'POST', `/portfolio/objectives/${ids.us}/links`, { proposalId: prop.id, contributionWeight: 1 });
    expect((await call(pmo, 'POST', `/portfolio/objectives/${ids.eu}/links`, { projectId: project.id })).statusCode).toBe(409);
    expect((await call(pmo, 'POST', `/portfolio/objectives/${ids.eu}/links`, { projectId: project.id, proposalId: prop.id })).statusCode).toBe(400);
    const list = json(await call(pmo, 'GET', '/portfolio/objectives'));
    const a = Object.fromEntries(list.alignment.map((x: { name: string; alignment: number }) => [x.name, x.alignment]));
    expect(a['EU webshop']).toBeCloseTo(0.375, 12);
    expect(a['Lean warehouse']).toBeCloseTo(0.5 * 0.25 + 0.5 * 0.375, 12);
    const eu = list.items.find((o: { name: string }) => o.name === 'EU market');
    expect(eu.links).toMatchObject([{ kind: 'project', name: 'EU webshop', contributionWeight: 1 }]);
    // The gate criterion "linked to a strategic objective" now holds for the proposal.
    const review = json(await call(pmo, 'POST', `/portfolio/proposals/${prop.id}/gate-reviews`));
    expect(review.criteria.find((c: { id: string }) => c.id === 'objectives').status).toBe('met');
    expect((await call(pmo, 'DELETE', `/portfolio/objective-links/${eu.links[0].id}`)).statusCode).toBe(204);
  });

  it('lets a scoring criterion measure strategic fit with an objective, and refuses unknown objectives', async () => {
    const m = await call(pmo, 'POST', '/portfolio/scoring-models', {
      name: 'Fit model',
      criteria: [
        { id: 'fit_eu', name: 'Fit with EU growth', weight: 50, objectiveId: ids.eu, scale: { kind: 'levels', levels: [{ label: 'none', value: 0 }, { label: 'some', value: 1 }, { label: 'strong', value: 2 }] } },
        { id: 'value', name: 'Value', weight: 50, scale: { kind: 'range', min: 0, max: 10 } },
      ],
    });
    expect(m.statusCode).toBe(201);
    expect(json(m).criteria[0].objectiveId).toBe(ids.eu);
    const bad = await call(pmo, 'POST', '/portfolio/scoring-models', { name: 'Ghost fit', criteria: [{ id: 'fit', name: 'Fit', weight: 100, objectiveId: '00000000-0000-4000-8000-000000000000', scale: { kind: 'range', min: 0, max: 1 } }] });
    expect(bad.statusCode).toBe(422);
    expect(json(bad).code).toBe('invalid_reference');
    expect((await call(pmo, 'DELETE', `/portfolio/objectives/${ids.eu}`, undefined, ifMatch(1))).statusCode).toBe(409);
  });
});

describe('scoring: AHP, scales, weights, history, consensus', () => {
  const criteria = [
    { id: 'value', name: 'Value', weight: 25, scale: { kind: 'range', min: 0, max: 10 } },
    { id: 'risk', name: 'Risk', weight: 25, direction: 'lower-better', scale: { kind: 'range', min: 0, max: 10 } },
    { id: 'fit', name: 'Fit', weight: 25, scale: { kind: 'range', min: 0, max: 10 } },
    { id: 'urgency', name: 'Urgency', weight: 25, scale: { kind: 'range', min: 0, max: 10 } },
  ];
  let model: { id: string; version: number };
  const consistent = [
    { a: 'value', b: 'risk', value: 2 },
    { a: 'value', b: 'fit', value: 4 },
    { a: 'value', b: 'urgency', value: 8 },
    { a: 'risk', b: 'fit', value: 2 },
    { a: 'risk', b: 'urgency', value: 4 },
    { a: 'fit', b: 'urgency', value: 2 },
  ];

  it('computes AHP weights and CR without saving, and flags inconsistent judgements', async () => {
    const r = json(await call(fin, 'POST', '/portfolio/ahp', { criteria: criteria.map((c) => c.id), judgements: consistent }));
    expect(r.weights.map((w: { weight: number }) => w.weight)).toEqual([8 / 15, 4 / 15, 2 / 15, 1 / 15].map((x) => expect.closeTo(x, 9)));
    expect(r).toMatchObject({ consistent: true, revise: null });
    expect(r.consistencyRatio).toBeCloseTo(0, 9);
    const flipped = consistent.map((j) => (j.a === 'value' && j.b === 'urgency' ? { ...j, value: 1 / 8 } : j));
    const bad = json(await call(fin, 'POST', '/portfolio/ahp', { criteria: criteria.map((c) => c.id), judgements: flipped }));
    expect(bad.consistent).toBe(false);
    expect(bad.consistencyRatio).toBeGreaterThan(0.1);
    expect(bad.revise).toMatchObject({ a: 'value', b: 'urgency', suggested: 8 });
    const missing = await call(fin, 'POST', '/portfolio/ahp', { criteria: criteria.map((c) => c.id), judgements: consistent.slice(1) });
    expect(missing.statusCode).toBe(422);
    expect(json(missing).detail).toMatch(/missing judgement/);
    expect((await call(fin, 'POST', '/portfolio/ahp', { criteria: ['a', 'b'], judgements: [{ a: 'a', b: 'b', value: 12 }] })).statusCode).toBe(400);
    expect((await call(member, 'POST', '/portfolio/ahp', { criteria: ['a', 'b'], judgements: [{ a: 'a', b: 'b', value: 2 }] })).statusCode).toBe(403);
  });

  it('stores AHP weights into a model (scaled to its total) and refuses CR above 0.1, changing nothing', async () => {
    model = json(await call(pmo, 'POST', '/portfolio/scoring-models', { name: 'AHP model', criteria }));
    const flipped = consistent.map((j) => (j.a === 'value' && j.b === 'urgency' ? { ...j, value: 1 / 8 } : j));
    const refused = await call(pmo, 'POST', `/portfolio/scoring-models/${model.id}/ahp`, { judgements: flipped }, ifMatch(1));
    expect(refused.statusCode).toBe(422);
    expect(json(refused).code).toBe('ahp_inconsistent');
    expect(json(refused).detail).toMatch(/CR \d+\.\d+ is above 0\.1; revise "Value" vs "Urgency" first \(judged 0\.125, the others imply about 8\.00\)/);
    expect(json(await call(pmo, 'GET', `/portfolio/scoring-models/${model.id}`))).toMatchObject({ version: 1, ahp: null });
    expect((await call(fin, 'POST', `/portfolio/scoring-models/${model.id}/ahp`, { judgements: consistent })).statusCode).toBe(403);
    expect((await call(pmo, 'POST', `/portfolio/scoring-models/${model.id}/ahp`, { judgements: consistent })).statusCode).toBe(428);
    const ok = json(await call(pmo, 'POST', `/portfolio/scoring-models/${model.id}/ahp`, { judgements: consistent }, ifMatch(1)));
    expect(ok.criteria.map((c: { weight: number }) => c.weight)).toEqual([800 / 15, 400 / 15, 200 / 15, 100 / 15].map((x) => expect.closeTo(x, 9)));
    expect(ok.ahp.judgements).toHaveLength(6);
    expect(ok.ahp.consistencyRatio).toBeCloseTo(0, 9);
    model = ok;
    // Typing weights in again clears the AHP record: it would no longer describe them.
    const typed = json(await call(pmo, 'PATCH', `/portfolio/scoring-models/${model.id}`, { criteria }, ifMatch(ok.version)));
    expect(typed.ahp).toBeNull();
    model = typed;
  });

  it('refuses weights that do not sum and scales with no levels or one level (4xx, nothing saved)', async () => {
    const before = await count('scoring_models');
    const sum = await call(pmo, 'POST', '/portfolio/scoring-models', { name: 'Bad sum', criteria: criteria.slice(0, 3) });
    expect(sum.statusCode).toBe(422);
    expect(json(sum)).toMatchObject({ code: 'invalid_weights' });
    expect(json(sum).detail).toMatch(/sum to 75, the model requires 100/);
    for (const levels of [[], [{ label: 'only', value: 1 }]]) {
      const res = await call(pmo, 'POST', '/portfolio/scoring-models', { name: 'Bad scale', criteria: [{ id: 'x', name: 'X', weight: 100, scale: { kind: 'levels', levels } }] });
      expect(res.statusCode).toBe(422);
      expect(json(res).code).toBe('invalid_scale');
    }
    const one = await call(pmo, 'POST', '/portfolio/scoring-models', { name: 'Unit total', weightTotal: 1, criteria: [{ id: 'x', name: 'X', weight: 0.5, scale: { kind: 'range', min: 0, max: 1 } }] });
    expect(json(one).detail).toMatch(/requires 1/);
    expect(await count('scoring_models')).toBe(before);
  });

  it('keeps every sheet in the score history and shows the consensus of several scorers', async () => {
    const prop = json(await call(pmo, 'POST', '/portfolio/proposals', { name: 'Scored twice' }));
    const sheet = (value: number) => ({ scoringModelId: model.id, answers: { value, risk: 5, fit: 5, urgency: 5 } });
    await call(pmo, 'POST', `/portfolio/proposals/${prop.id}/scores`, sheet(2));
    await call(pfm, 'POST', `/portfolio/proposals/${prop.id}/scores`, sheet(10));
    await call(pmo, 'POST', `/portfolio/proposals/${prop.id}/scores`, sheet(4));
    const h = json(await call(fin, 'GET', `/portfolio/proposals/${prop.id}/score-history?scoringModelId=${model.id}`));
    expect(h.items.map((x: { scorerName: string; current: boolean }) => [x.scorerName, x.current])).toEqual([['obj-pmo Test', false], ['obj-pfm Test', true], ['obj-pmo Test', true]]);
    expect(h.items.map((x: { answers: { value: number } }) => x.answers.value)).toEqual([2, 10, 4]);
    const s = json(await call(fin, 'GET', `/portfolio/proposals/${prop.id}/scores?scoringModelId=${model.id}`));
    expect(s.consensus.scorers).toBe(2);
    expect(s.consensus.criteria.find((c: { criterionId: string }) => c.criterionId === 'value')).toMatchObject({ min: 4, max: 10, disagreement: true });
    expect((await call(member, 'GET', `/portfolio/proposals/${prop.id}/score-history`)).statusCode).toBe(403);
  });

  it('scores stored sheets under the model as it is now: new weights count at once, a new criterion asks for a new score', async () => {
    const prop = json(await call(pmo, 'POST', '/portfolio/proposals', { name: 'Reweighed' }));
    // value 10, risk 10 (worst), fit 0, urgency 0: 25 under equal weights.
    await call(pmo, 'POST', `/portfolio/proposals/${prop.id}/scores`, { scoringModelId: model.id, answers: { value: 10, risk: 10, fit: 0, urgency: 0 } });
    const rankOf = async () => json(await call(fin, 'GET', `/portfolio/proposals?scoringModelId=${model.id}`)).items.find((p: { id: string }) => p.id === prop.id);
    expect((await rankOf()).score).toBeCloseTo(25, 9);
    const m = json(await call(pmo, 'GET', `/portfolio/scoring-models/${model.id}`));
    const heavy = criteria.map((c) => ({ ...c, weight: c.id === 'value' ? 70 : 10 }));
    const reweighed = json(await call(pmo, 'PATCH', `/portfolio/scoring-models/${model.id}`, { criteria: heavy }, ifMatch(m.version)));
    expect((await rankOf()).score).toBeCloseTo(70, 9);
    const sheets = json(await call(fin, 'GET', `/portfolio/proposals/${prop.id}/scores?scoringModelId=${model.id}`));
    expect(sheets.items[0]).toMatchObject({ total: expect.closeTo(70, 9), totalWhenScored: expect.closeTo(25, 9), stale: false });
    // The history keeps what the sheet gave when it was saved.
    expect(json(await call(fin, 'GET', `/portfolio/proposals/${prop.id}/score-history?scoringModelId=${model.id}`)).items[0].total).toBeCloseTo(25, 9);
    // A criterion added since: the sheet no longer answers the model; it is stale, out of the consensus and the ranking.
    const added = [...heavy.map((c) => ({ ...c, weight: c.weight / 2 })), { id: 'compliance', name: 'Compliance', weight: 50, scale: { kind: 'range', min: 0, max: 1 } }];
    await call(pmo, 'PATCH', `/portfolio/scoring-models/${model.id}`, { criteria: added }, ifMatch(reweighed.version));
    const stale = json(await call(fin, 'GET', `/portfolio/proposals/${prop.id}/scores?scoringModelId=${model.id}`));
    expect(stale.items[0]).toMatchObject({ stale: true, total: expect.closeTo(25, 9) });
    expect(stale.consensus).toBeNull();
    expect(await rankOf()).toMatchObject({ score: null, scorers: 0, rank: null });
    await call(pmo, 'PATCH', `/portfolio/scoring-models/${model.id}`, { criteria }, ifMatch(reweighed.version + 1));
  });
});

describe('intake form', () => {
  const fields = [
    { key: 'sponsor', label: 'Sponsor', type: 'text', required: true },
    { key: 'kind', label: 'Kind of demand', type: 'select', required: true, options: ['idea', 'regulatory'] },
    { key: 'people', label: 'People affected', type: 'number', min: 0 },
    { key: 'gdpr', label: 'Personal data', type: 'checkbox' },
  ];

  it('is defined by admins and the PMO only, validated, versioned', async () => {
    const form = json(await call(pfm, 'GET', '/portfolio/intake-form'));
    expect(form).toMatchObject({ fields: [], version: 1 });
    expect((await call(pfm, 'PUT', '/portfolio/intake-form', { fields }, ifMatch(1))).statusCode).toBe(403);
    const bad = await call(pmo, 'PUT', '/portfolio/intake-form', { fields: [{ key: 'kind', label: 'Kind', type: 'select', options: [] }] }, ifMatch(1));
    expect(bad.statusCode).toBe(422);
    expect(json(bad).code).toBe('invalid_intake');
    const dup = await call(pmo, 'PUT', '/portfolio/intake-form', { fields: [fields[0], fields[0]] }, ifMatch(1));
    expect(json(dup).detail).toMatch(/used twice/);
    const ok = await call(pmo, 'PUT', '/portfolio/intake-form', { fields }, ifMatch(1));
    expect(ok.statusCode).toBe(200);
    expect(json(ok)).toMatchObject({ version: 2 });
    expect((await call(pmo, 'PUT', '/portfolio/intake-form', { fields }, ifMatch(1))).statusCode).toBe(409);
  });

  it('validates answers on the server when a proposal is created or changed', async () => {
    const before = await count('proposals');
    const missing = await call(pfm, 'POST', '/portfolio/proposals', { name: 'No sponsor', intake: { kind: 'idea' } });
    expect(missing.statusCode).toBe(422);
    expect(json(missing)).toMatchObject({ code: 'invalid_intake' });
    expect(json(missing).detail).toBe('"Sponsor" is required');
    for (const intake of [{ sponsor: 'Ann', kind: 'wish' }, { sponsor: 'Ann', kind: 'idea', people: -3 }, { sponsor: 'Ann', kind: 'idea', colour: 'red' }, { sponsor: 'Ann', kind: 'idea', gdpr: 'yes' }]) {
      expect((await call(pfm, 'POST', '/portfolio/proposals', { name: 'Bad answer', intake })).statusCode).toBe(422);
    }
    expect(await count('proposals')).toBe(before);
    const p = json(await call(pfm, 'POST', '/portfolio/proposals', { name: 'Consent tracker', intake: { sponsor: '  Ann Lee ', kind: 'regulatory', gdpr: true } }));
    expect(p.intake).toEqual({ sponsor: 'Ann Lee', kind: 'regulatory', gdpr: true });
    const cleared = await call(pfm, 'PATCH', `/portfolio/proposals/${p.id}`, { intake: { sponsor: null } }, ifMatch(1));
    expect(cleared.statusCode).toBe(422);
    const upd = json(await call(pfm, 'PATCH', `/portfolio/proposals/${p.id}`, { intake: { people: 1200 } }, ifMatch(1)));
    expect(upd.intake).toEqual({ sponsor: 'Ann Lee', kind: 'regulatory', gdpr: true, people: 1200 });
    // Other changes do not re-check answers, so a field made required later does not block them.
    expect((await call(pfm, 'PATCH', `/portfolio/proposals/${p.id}`, { description: 'Track consent' }, ifMatch(2))).statusCode).toBe(200);
  });
});

describe('business case: best, likely and worst, benefits by category', () => {
  it('shows the three cases and expected benefits per category; no sign change means no IRR', async () => {
    const p = json(
      await call(pmo, 'POST', '/portfolio/proposals', {
        name: 'Three cases',
        intake: { sponsor: 'Sam', kind: 'idea' },
        periodsPerYear: 1,
        annualDiscountRate: 0.1,
        capexCents: [100_000],
        benefits: [
          { category: 'savings', amountsCents: [0, 50_000, 50_000], probability: 0.8 },
          { category: 'revenue', amountsCents: [0, 40_000, 40_000], probability: 0.5 },
          { category: 'savings', amountsCents: [0, 10_000], probability: 1 },
        ],
      }),
    );
    const { best, likely, worst } = p.cases;
    // likely: year 1 = 50k x 0.8 + 40k x 0.5 + 10k = 70k, year 2 = 60k.
    expect(likely.npvCents).toBe(Math.round(-100_000 + 70_000 / 1.1 + 60_000 / 1.21));
    // best: costs x 0.9, benefits x 1.1 in full (no probability): 110k and 99k.
    expect(best.npvCents).toBe(Math.round(-90_000 + 110_000 / 1.1 + 99_000 / 1.21));
    // worst: costs x 1.2, expected benefits x 0.8: 56k and 48k.
    expect(worst.npvCents).toBe(Math.round(-120_000 + 56_000 / 1.1 + 48_000 / 1.21));
    expect(best.npvCents).toBeGreaterThan(likely.npvCents);
    expect(likely.npvCents).toBeGreaterThan(worst.npvCents);
    expect(p.benefitsByCategory).toEqual([
      { category: 'savings', totalCents: 110_000, expectedCents: 90_000, pvExpectedCents: Math.round(50_000 / 1.1 + 40_000 / 1.21), probability: 90_000 / 110_000 },
      { category: 'revenue', totalCents: 80_000, expectedCents: 40_000, pvExpectedCents: Math.round(20_000 / 1.1 + 20_000 / 1.21), probability: 0.5 },
    ]);
    const costOnly = json(await call(pmo, 'POST', '/portfolio/proposals', { name: 'Costs only', capexCents: [1000, 1000], intake: { sponsor: 'Sam', kind: 'idea' } }));
    for (const c of ['best', 'likely', 'worst']) expect(costOnly.cases[c]).toMatchObject({ irrStatus: 'undefined', irrReason: 'no-sign-change', annualIrr: null });
  });
});

describe('business case preview (the editor)', () => {
  it('values a business case without saving it, with the same figures as a saved proposal', async () => {
    const body = { periodsPerYear: 4, annualDiscountRate: 0.08, capexCents: [200_000, 100_000], opexCents: [0, 0, 5_000, 5_000], benefits: [{ category: 'savings', amountsCents: [0, 0, 90_000, 90_000, 90_000], probability: 0.7 }] };
    const before = await count('proposals');
    const preview = await call(fin, 'POST', '/portfolio/business-cases/evaluate', body);
    expect(preview.statusCode).toBe(200);
    expect(await count('proposals')).toBe(before);
    const saved = json(await call(pmo, 'POST', '/portfolio/proposals', { name: 'Quarterly case', intake: { sponsor: 'Sam', kind: 'idea' }, ...body }));
    expect(json(preview)).toEqual({ cases: saved.cases, benefitsByCategory: saved.benefitsByCategory });
    expect(json(preview).cases.likely.irrStatus).toBe('ok');
    // No sign change: IRR undefined is a result, not an error.
    const costs = json(await call(fin, 'POST', '/portfolio/business-cases/evaluate', { periodsPerYear: 1, annualDiscountRate: 0.1, capexCents: [100] }));
    expect(costs.cases.worst).toMatchObject({ irrStatus: 'undefined', irrReason: 'no-sign-change' });
    expect((await call(fin, 'POST', '/portfolio/business-cases/evaluate', { periodsPerYear: 2, annualDiscountRate: 0.1 })).statusCode).toBe(400);
    expect((await call(fin, 'POST', '/portfolio/business-cases/evaluate', { periodsPerYear: 1, annualDiscountRate: 0.1, capexCents: [-5] })).statusCode).toBe(400);
    expect((await call(member, 'POST', '/portfolio/business-cases/evaluate', { periodsPerYear: 1, annualDiscountRate: 0.1 })).statusCode).toBe(403);
  });
});
