/** Monte Carlo schedule analysis through the API on a real project network. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProjectViaApi, createTestApp, json, type TestContext, type TestUser } from '../helpers.js';

let ctx: TestContext;
let pm: TestUser;
let projectId: string;
let design: string;
let build: string;

const req = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  ctx.app.inject({ method, url: `/api/v1${url}`, headers: pm.auth, ...(payload === undefined ? {} : { payload: payload as object }) });

beforeAll(async () => {
  ctx = await createTestApp();
  pm = await ctx.user('pmo');
  projectId = (await createProjectViaApi(ctx, pm, { startDate: '2026-03-02' })).id;
  design = json(await req('POST', `/projects/${projectId}/tasks`, { name: 'Design', durationMinutes: 5 * 480 })).id;
  build = json(await req('POST', `/projects/${projectId}/tasks`, { name: 'Build', durationMinutes: 10 * 480 })).id;
  const test = json(await req('POST', `/projects/${projectId}/tasks`, { name: 'Test', durationMinutes: 5 * 480 })).id;
  await req('POST', `/projects/${projectId}/links`, { predecessorId: design, successorId: build });
  await req('POST', `/projects/${projectId}/links`, { predecessorId: build, successorId: test });
});
afterAll(async () => ctx.close());

describe('Monte Carlo', () => {
  it('returns ordered percentile dates on the project calendar, the same for the same seed', async () => {
    const est = await req('PUT', `/tasks/${build}/estimate`, { minMinutes: 8 * 480, mostLikelyMinutes: 10 * 480, maxMinutes: 20 * 480, distribution: 'pert' });
    expect(est.statusCode).toBe(200);
    const r = await req('POST', `/projects/${projectId}/risks`, {
      title: 'Integration defects',
      category: 'technical',
      inherent: { probabilityLevel: 3, probability: 0.5, impacts: { schedule: 3 } },
      scheduleImpact: { taskId: build, minMinutes: 480, mostLikelyMinutes: 3 * 480, maxMinutes: 6 * 480 },
    });
    expect(r.statusCode).toBe(201);

    const res = await req('GET', `/projects/${projectId}/monte-carlo?iterations=2000&seed=abc`);
    expect(res.statusCode).toBe(200);
    const mc = json(res);
    expect(mc).toMatchObject({ iterations: 2000, taskCount: 3, riskEventCount: 1, estimatedTaskCount: 1, startDate: '2026-03-02' });
    // 20 working days of most-likely work from Monday 2 March: the deterministic finish is Friday 27 March.
    expect(mc.deterministicFinishDate).toBe('2026-03-27');
    expect(mc.p10 <= mc.p50 && mc.p50 <= mc.p80 && mc.p80 <= mc.p90).toBe(true);
    expect(mc.p50 > mc.deterministicFinishDate).toBe(true);
    for (const d of [mc.p10, mc.p50, mc.p80, mc.p90]) expect([0, 6]).not.toContain(new Date(`${d}T00:00:00Z`).getUTCDay());
    expect(mc.histogram.reduce((s: number, b: { count: number }) => s + b.count, 0)).toBe(2000);
    expect(mc.sCurve.length).toBeGreaterThan(50);
    expect(mc.tornado[0].taskName).toBe('Build');
    expect(mc.riskEvents[0].occurrenceRate).toBeGreaterThan(0.4);
    expect(mc.riskEvents[0].occurrenceRate).toBeLessThan(0.6);

    const again = json(await req('GET', `/projects/${projectId}/monte-carlo?iterations=2000&seed=abc`));
    expect(again).toEqual(mc);
    const other = json(await req('GET', `/projects/${projectId}/monte-carlo?iterations=2000&seed=xyz`));
    expect(other.histogram).not.toEqual(mc.histogram);
  });

  it('gives the probability of meeting a target date', async () => {
    const mc = json(await req('GET', `/projects/${projectId}/monte-carlo?iterations=1000&seed=1&targetDate=2026-12-31`));
    expect(mc.probabilityOfMeetingTarget).toBe(1);
    const early = json(await req('GET', `/projects/${projectId}/monte-carlo?iterations=1000&seed=1&targetDate=2026-03-02`));
    expect(early.probabilityOfMeetingTarget).toBe(0);
  });

  it('simulates cost: task costs follow simulated durations, risks add their cost impact, and the budget has a probability', async () => {
    // Planned task costs (what an import or the finance area stores on tasks).
    await ctx.database.db.updateTable('tasks').set({ cost_cents: 240_000 }).where('id', '=', design).execute();
    await ctx.database.db.updateTable('tasks').set({ cost_cents: 960_000 }).where('id', '=', build).execute();
    const r = await req('POST', `/projects/${projectId}/risks`, { title: 'Licence price rise', category: 'commercial', costImpactCents: 500_000, inherent: { probabilityLevel: 3, probability: 0.25, impacts: { cost: 3 } } });
    expect(r.statusCode).toBe(201);
    const mc = json(await req('GET', `/projects/${projectId}/monte-carlo?iterations=4000&seed=cost&budgetCents=1500000`));
    expect(mc.riskEventCount).toBe(2);
    const c = mc.cost;
    expect(c.deterministicCents).toBe(1_200_000);
    expect(c.p10Cents <= c.p50Cents && c.p50Cents <= c.p80Cents && c.p80Cents <= c.p90Cents).toBe(true);
    // Design: 0.8-1-1.5 x its duration (mean 1.1 x 240,000); build: PERT 8-10-20 days (mean 68/6 days at 200 cents a
    // minute) plus the schedule risk's extra days when it occurs (0.5 x mean of 1-3-6 days); the licence risk: 0.25 x 500,000.
    const expected = 1.1 * 240_000 + (68 / 6) * 480 * 200 + 0.5 * (10 / 3) * 480 * 200 + 0.25 * 500_000;
    expect(Math.abs(c.meanCents - expected) / expected).toBeLessThan(0.02);
    expect(c.probabilityOfMeetingBudget).toBeGreaterThan(0);
    expect(c.probabilityOfMeetingBudget).toBeLessThan(1);
    expect(c.histogram.reduce((sum: number, b: { count: number }) => sum + b.count, 0)).toBe(4000);
    expect(c.sCurve.at(-1).cents).toBeGreaterThanOrEqual(c.p90Cents);
    const generous = json(await req('GET', `/projects/${projectId}/monte-carlo?iterations=1000&seed=cost&budgetCents=100000000`));
    expect(generous.cost.probabilityOfMeetingBudget).toBe(1);
    expect(json(await req('GET', `/projects/${projectId}/monte-carlo?iterations=1000&seed=cost`)).cost.probabilityOfMeetingBudget).toBeNull();
    expect((await req('GET', `/projects/${projectId}/monte-carlo?budgetCents=-5`)).statusCode).toBe(400);
  });

  it('refuses iterations over the limit, bad estimates and empty networks with 4xx', async () => {
    const over = await req('GET', `/projects/${projectId}/monte-carlo?iterations=1000000`);
    expect(over.statusCode).toBe(400);
    expect(over.headers['content-type']).toContain('application/problem+json');
    const badEst = await req('PUT', `/tasks/${design}/estimate`, { minMinutes: 900, mostLikelyMinutes: 600, maxMinutes: 300 });
    expect(badEst.statusCode).toBe(400);
    const estimates = json(await req('GET', `/projects/${projectId}/estimates`)).items;
    expect(estimates.map((e: { taskId: string }) => e.taskId)).toEqual([build]);
    const empty = (await createProjectViaApi(ctx, pm, { name: 'Empty' })).id;
    const res = await req('GET', `/projects/${empty}/monte-carlo`);
    expect(res.statusCode).toBe(422);
    expect(json(res).code).toBe('mc_empty_network');
  });
});
