/**
 * The optimiser with monthly budgets (capex and opex separately) and role capacity per period: start shifts within a
 * window, yearly proposals re-expressed per month, usage per role, and an infeasible constraint set that names the
 * constraint that conflicts. Real database and solver.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestContext, type TestUser } from '../helpers.js';

let ctx: TestContext;
let pmo: TestUser;
const ids: Record<string, string> = {};
const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method, url: `/api/v1${url}`, headers: { ...pmo.auth, ...headers }, ...(payload ? { payload } : {}) });

const months = ['2027-01', '2027-02', '2027-03'];
const settings = { objective: 'npv', periodLabels: months, periodsPerYear: 12, budgetPerPeriod: { capexCents: [15_000, 15_000, 15_000], opexCents: [1_000, 1_000, 1_000] }, capacity: { developer: [3, 3, 3] }, timeLimitMs: 2000 };

beforeAll(async () => {
  ctx = await createTestApp();
  pmo = await ctx.user('pmo', 'opt-pmo');
  const big = (n: number) => [{ category: 'revenue', amountsCents: [0, 0, 0, ...Array.from({ length: n }, () => 50_000)], probability: 1 }];
  const defs: Record<string, object> = {
    // Two months of work that may start in month 1 or 2.
    A: { name: 'Shiftable', capexCents: [10_000, 10_000], opexCents: [500, 500], demand: { developer: [2, 2] }, earliestStart: 0, latestStart: 1, benefits: big(6) },
    // Must start in month 1 and takes the whole developer team then.
    B: { name: 'Fixed start', capexCents: [15_000], demand: { developer: [3] }, benefits: big(6) },
    // A yearly proposal: 36,000 a year is 3,000 a month, more than the monthly capex budget.
    Y: { name: 'Yearly build', periodsPerYear: 1, capexCents: [3_600_000], demand: { analyst: [120] }, benefits: [{ category: 'savings', amountsCents: [0, 9_000_000], probability: 1 }] },
  };
  for (const [k, body] of Object.entries(defs)) {
    const res = await call('POST', '/portfolio/proposals', { periodsPerYear: 12, annualDiscountRate: 0.1, ...body });
    expect(res.statusCode).toBe(201);
    ids[k] = json(res).id;
  }
});
afterAll(async () => ctx.close());

describe('optimiser per period', () => {
  it('shifts a start within its window to fit monthly budgets and role capacity, and reports usage per role', async () => {
    const res = await call('POST', '/portfolio/optimize', settings);
    expect(res.statusCode).toBe(200);
    const r = json(res);
    expect(r.status).toBe('optimal');
    expect(r.periodLabels).toEqual(months);
    const picked = Object.fromEntries(r.selected.map((s: { name: string; startPeriod: number }) => [s.name, s.startPeriod]));
    expect(picked).toEqual({ 'Fixed start': 0, Shiftable: 1 });
    expect(r.usage.capexCents).toEqual([15_000, 10_000, 10_000]);
    expect(r.usage.opexCents).toEqual([0, 500, 500]);
    expect(r.usage.roles).toEqual([{ roleId: 'developer', load: [3, 2, 2], capacity: [3, 3, 3] }]);
    // The yearly proposal is split into 300,000 cents a month and does not fit a 15,000 monthly capex budget.
    const y = r.excluded.find((x: { proposalId: string }) => x.proposalId === ids.Y);
    expect(y.reasons[0]).toMatchObject({ kind: 'limit', row: { kind: 'budget', budget: 'capex', period: 0 }, needed: 300_000 });
    expect(y.reasons[0].message).toMatch(/capex budget in 2027-01/);
  });

  it('compares a monthly scenario with a whole-horizon one on the months: cost per period, load of every role, in and out', async () => {
    const r = json(await call('POST', '/portfolio/optimize', settings));
    const monthly = json(await call('POST', '/portfolio/scenarios', { name: 'Monthly', settings, selected: r.selected.map((x: { proposalId: string; startPeriod: number }) => ({ proposalId: x.proposalId, startPeriod: x.startPeriod })) }));
    const whole = json(await call('POST', '/portfolio/scenarios', { name: 'Whole', settings: { objective: 'npv', totalBudgetCents: 10_000_000 }, selected: [{ proposalId: ids.A }, { proposalId: ids.Y }] }));
    const c = json(await call('GET', `/portfolio/scenarios/compare?a=${whole.id}&b=${monthly.id}`));
    // A has no periods of its own, so the comparison uses B's months and places A's picks at their earliest start.
    expect(c).toMatchObject({ grid: 'b', periodLabels: months });
    expect(c.notes).toEqual(['"Whole" has no start on the periods of "Monthly" for "Shiftable", "Yearly build": shown from the earliest start']);
    // Yearly build: 36,000 a year is 300,000 cents a month; Shiftable 10,000 in each of its two months from month 1.
    expect(c.usageA.capexCents).toEqual([310_000, 310_000, 300_000]);
    expect(c.usageB.capexCents).toEqual([15_000, 10_000, 10_000]);
    expect(c.capexDeltaCents).toEqual([-295_000, -300_000, -290_000]);
    expect(c.usageB.opexCents).toEqual([0, 500, 500]);
    // Every role the proposals demand, with the capacity of the grid's settings (none for analysts: unlimited).
    expect(c.usageA.roles).toEqual([{ roleId: 'analyst', load: [10, 10, 10], capacity: [] }, { roleId: 'developer', load: [2, 2, 0], capacity: [3, 3, 3] }]);
    expect(c.usageB.roles).toEqual([{ roleId: 'analyst', load: [0, 0, 0], capacity: [] }, { roleId: 'developer', load: [3, 2, 2], capacity: [3, 3, 3] }]);
    expect(c.onlyInA.map((x: { name: string }) => x.name)).toEqual(['Yearly build']);
    expect(c.onlyInB.map((x: { name: string }) => x.name)).toEqual(['Fixed start']);
    expect(c.moved).toEqual([{ proposalId: ids.A, name: 'Shiftable', startA: 0, startB: 1 }]);
    // Two monthly scenarios carry their starts over by label.
    const same = json(await call('GET', `/portfolio/scenarios/compare?a=${monthly.id}&b=${monthly.id}`));
    expect(same).toMatchObject({ grid: 'a', notes: [], moved: [], capexDeltaCents: [0, 0, 0] });
  });

  it('without a grain, uses profiles period for period as stored (as before)', async () => {
    const { periodsPerYear: _p, ...raw } = settings;
    const r = json(await call('POST', '/portfolio/optimize', raw));
    const y = r.excluded.find((x: { proposalId: string }) => x.proposalId === ids.Y);
    expect(y.reasons[0]).toMatchObject({ needed: 3_600_000 });
  });

  it('says which constraint conflicts when a mandatory proposal cannot fit, and saves nothing', async () => {
    const m = json(await call('POST', '/portfolio/proposals', { name: 'Regulatory must', periodsPerYear: 12, mandatory: true, capexCents: [1_000], demand: { developer: [4] } }));
    const before = await ctx.database.db.selectFrom('portfolio_scenarios').select('id').execute();
    const r = json(await call('POST', '/portfolio/optimize', settings));
    expect(r.status).toBe('infeasible');
    expect(r.selected).toEqual([]);
    expect(r.conflicts[0]).toMatchObject({ kind: 'mandatory-over-limit', proposalIds: [m.id] });
    expect(r.conflicts[0].message).toMatch(/developer/);
    expect(await ctx.database.db.selectFrom('portfolio_scenarios').select('id').execute()).toEqual(before);
    // Dependencies: a mandatory proposal that needs an excluded one is a named conflict too.
    await call('PATCH', `/portfolio/proposals/${m.id}`, { demand: { developer: [1] }, dependsOn: [ids.A], excludes: [] }, { 'if-match': '"1"' });
    await call('PATCH', `/portfolio/proposals/${ids.B}`, { excludes: [ids.A] }, { 'if-match': '"1"' });
    await call('PATCH', `/portfolio/proposals/${ids.B}`, { mandatory: true }, { 'if-match': '"2"' });
    const r2 = json(await call('POST', '/portfolio/optimize', settings));
    expect(r2.status, JSON.stringify(r2.conflicts)).toBe('infeasible');
    const excluded = r2.conflicts.find((c: { kind: string }) => c.kind === 'mandatory-excluded');
    // Conflicts name proposals, not ids.
    expect(excluded.message).toBe('mandatory "Fixed start" (marked mandatory) and "Shiftable" (needed by mandatory "Regulatory must") exclude each other');
  });

  it('refuses budgets and capacities whose length does not match the periods', async () => {
    const bad = await call('POST', '/portfolio/optimize', { ...settings, capacity: { developer: [3, 3] } });
    expect(bad.statusCode).toBe(400);
    expect(json(bad).code).toBe('invalid_capacity');
    const badBudget = await call('POST', '/portfolio/optimize', { ...settings, budgetPerPeriod: { opexCents: [1, 2] } });
    expect(json(badBudget).code).toBe('invalid_budget');
  });
});
