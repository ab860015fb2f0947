/**
 * The demo portfolio shows the strategy area off: scored proposals with business cases, objectives with progress,
 * the intake form, open gate reviews, and an optimiser run on monthly budgets that keeps the mandatory proposal in,
 * respects the exclusion and the dependency. Runs the real demo seed on the engine under test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestContext, type TestUser } from '../helpers.js';
import { seedDemo } from '../../src/seed/demo.js';

let ctx: TestContext;
let pmo: TestUser;
const get = async (url: string) => json(await ctx.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: pmo.auth }));

beforeAll(async () => {
  ctx = await createTestApp();
  await seedDemo(ctx.database.db, { scale: 'small', asOf: '2026-11-25' });
  pmo = await ctx.user('pmo', 'demo-check');
});
afterAll(async () => ctx.close());

describe('strategy demo data', () => {
  it('has ranked, scored proposals with business cases, objectives with progress, an intake form and open gate reviews', async () => {
    const proposals = (await get('/portfolio/proposals')).items;
    expect(proposals.length).toBe(7);
    expect(proposals.every((p: { score: number | null }) => p.score !== null)).toBe(true);
    expect(proposals.filter((p: { scorers: number }) => p.scorers > 1).length).toBeGreaterThanOrEqual(3);
    expect(proposals.find((p: { name: string }) => p.name === 'Self-service customer portal').businessCase.npvCents).toBeGreaterThan(0);
    const objectives = await get('/portfolio/objectives');
    expect(objectives.items.map((o: { name: string }) => o.name)).toContain('Online sales');
    expect(objectives.items.find((o: { name: string }) => o.name === 'Online sales').progress).toBeCloseTo(4 / 12, 9);
    expect(objectives.alignment.length).toBeGreaterThanOrEqual(7);
    expect((await get('/portfolio/intake-form')).fields.map((f: { key: string }) => f.key)).toEqual(['sponsor', 'demand_type', 'business_units', 'personal_data']);
    const reviews = (await get('/gate-reviews')).items;
    expect(reviews.map((r: { subject: { kind: string } }) => r.subject.kind).sort()).toEqual(['project', 'proposal']);
  });

  it('optimises on monthly capex budgets and developer capacity: mandatory in, exclusion and dependency respected', async () => {
    const labels = Array.from({ length: 12 }, (_, i) => `2027-${String(i + 1).padStart(2, '0')}`);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/portfolio/optimize',
      headers: pmo.auth,
      payload: { objective: 'score', periodLabels: labels, periodsPerYear: 12, budgetPerPeriod: { capexCents: labels.map(() => 120_000 * 100) }, capacity: { developer: labels.map(() => 12) }, timeLimitMs: 3000 },
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = json(res);
    expect(['optimal', 'feasible']).toContain(r.status);
    const names = r.selected.map((s: { name: string }) => s.name);
    expect(names).toContain('E-invoicing mandate');
    expect(names.includes('Warehouse picking robots') && names.includes('Manual picking lanes')).toBe(false);
    if (names.includes('Customer analytics platform')) expect(names).toContain('Self-service customer portal');
    for (const [m, used] of r.usage.capexCents.entries()) expect(used).toBeLessThanOrEqual(120_000 * 100 + (m < 0 ? 1 : 0));
    expect(r.usage.roles.find((x: { roleId: string }) => x.roleId === 'developer').load.every((l: number) => l <= 12 + 1e-9)).toBe(true);
  });
});
