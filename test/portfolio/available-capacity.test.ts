/**
 * "Use available capacity" through the API on the real database: a role's capacity comes from its people
 * (calendar, part time, vacation) minus the demand already committed by projects' assignments (named and role
 * placeholders), from the resources module, and the optimiser selects only what that capacity can staff.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProjectViaApi, createTestApp, json, type TestContext, type TestUser } from '../helpers.js';
import { apiOf } from '../resources/api.js';

let ctx: TestContext;
let pmo: TestUser;
let api: ReturnType<typeof apiOf>;
const ids = { developer: '', analyst: '', p1: '', p2: '', p3: '', linkedProject: '' };

const MONTHS = ['2027-01', '2027-02', '2027-03'];
const settings = (over: object = {}) => ({
  objective: 'score',
  periodLabels: MONTHS,
  periodsPerYear: 12,
  budgetPerPeriod: { capexCents: [10_000_000, 10_000_000, 10_000_000] },
  timeLimitMs: 2000,
  ...over,
});

beforeAll(async () => {
  ctx = await createTestApp();
  pmo = await ctx.user('pmo', 'cap-pmo');
  api = apiOf(ctx, () => pmo);
  const { ok, post, patch } = api;
  ids.developer = (await ok(post('/roles', { name: 'Developer' }), 201)).id;
  ids.analyst = (await ok(post('/roles', { name: 'Business analyst' }), 201)).id;
  const ann = await api.person('Ann Dev');
  const bob = await api.person('Bob Dev');
  await ok(patch(`/people/${ann.id}/profile`, { roleIds: [ids.developer] }, 1));
  await ok(patch(`/people/${bob.id}/profile`, { roleIds: [ids.developer], partTimePercent: 50 }, 1));
  await ok(post(`/people/${bob.id}/non-project-time`, { from: '2027-02-01', to: '2027-02-05', reason: 'Ski week' }), 201);
  // Committed: Ann on a 5-day task in January; a Developer placeholder on a 5-day task in February.
  const running = await createProjectViaApi(ctx, pmo, { name: 'Running project' });
  const t1 = await api.task(running.id, 'Build', '2027-01-04T08:00', 5);
  await api.assign(running.id, t1.id, { personId: ann.id }, 100);
  const t2 = await api.task(running.id, 'Test', '2027-02-08T08:00', 5);
  await api.assign(running.id, t2.id, { roleId: ids.developer }, 100);
  // A project a proposal already became: its work in March is the proposal's own demand, not committed.
  const linked = await createProjectViaApi(ctx, pmo, { name: 'Linked project' });
  ids.linkedProject = linked.id;
  const t3 = await api.task(linked.id, 'Pilot', '2027-03-01T08:00', 5);
  await api.assign(linked.id, t3.id, { personId: ann.id }, 100);
  const proposal = (name: string, score: number, demand: Record<string, number[]>, over: object = {}) => ok(post('/portfolio/proposals', { name, capexCents: [1000], demand, ...over }), 201);
  ids.p1 = (await proposal('Big build', 50, { developer: [20, 20] })).id;
  ids.p2 = (await proposal('Medium build', 40, { developer: [10, 10] })).id;
  ids.p3 = (await proposal('Small fix', 30, { developer: [5] })).id;
  await proposal('Pilot follow-up', 0, { developer: [0, 0, 5] }, { projectId: linked.id });
  const model = await ok(post('/portfolio/scoring-models', { name: 'Plain', weightTotal: 100, formula: { kind: 'weighted-sum' }, criteria: [{ id: 'value', name: 'Value', weight: 100, scale: { kind: 'range', min: 0, max: 100 } }] }), 201);
  for (const [id, value] of [[ids.p1, 50], [ids.p2, 40], [ids.p3, 30]] as const) await ok(post(`/portfolio/proposals/${id}/scores`, { scoringModelId: model.id, answers: { value } }), 201);
});
afterAll(async () => ctx.close());

describe('available capacity per role and period', () => {
  it("is the role's people's capacity minus committed demand, in person-days", async () => {
    const r = await api.ok(api.get('/portfolio/available-capacity?from=2027-01&periods=3&periodsPerYear=12'));
    expect(r.periodLabels).toEqual(MONTHS);
    const dev = r.roles.find((x: { roleId: string }) => x.roleId === ids.developer);
    // January: 21 working days for Ann + 10.5 for Bob (half time); February: 20 + (20 - 5 days of vacation) / 2.
    expect(dev.capacityDays.slice(0, 2)).toEqual([31.5, 27.5]);
    // Ann's January task and the February Developer placeholder; March's pilot belongs to a proposal's project.
    expect(dev.committedDays).toEqual([5, 5, 0]);
    expect(dev.availableDays.slice(0, 2)).toEqual([26.5, 22.5]);
    expect(r.demandRoles).toEqual(['developer']);
    expect(r.suggested).toEqual({ developer: ids.developer });
    const analyst = r.roles.find((x: { roleId: string }) => x.roleId === ids.analyst);
    expect(analyst.availableDays).toEqual([0, 0, 0]);
  });

  it('sums months into quarters and converts with the minutes of a person-day', async () => {
    const months = await api.ok(api.get('/portfolio/available-capacity?from=2027-01&periods=3&periodsPerYear=12&minutesPerPersonDay=420'));
    const quarter = await api.ok(api.get('/portfolio/available-capacity?from=2027-02&periods=1&periodsPerYear=4&minutesPerPersonDay=420'));
    expect(quarter.periodLabels).toEqual(['2027-Q1']);
    const m = months.roles.find((x: { roleId: string }) => x.roleId === ids.developer);
    const q = quarter.roles.find((x: { roleId: string }) => x.roleId === ids.developer);
    expect(q.capacityDays[0]).toBeCloseTo(m.capacityDays.reduce((a: number, b: number) => a + b, 0), 0);
    expect(m.capacityDays[0]).toBe(36); // 31.5 days of 480 minutes = 36 days of 420
  });

  it('limits the optimiser: only what the developers can still take on is selected', async () => {
    const free = json(await api.post('/portfolio/optimize', settings()));
    // (The unscored pilot follow-up has no value, so it is never chosen.)
    expect(free.selected.map((s: { name: string }) => s.name).sort()).toEqual(['Big build', 'Medium build', 'Small fix']);
    expect(free.capacityFromResources).toEqual([]);
    const res = await api.post('/portfolio/optimize', settings({ availableCapacity: { developer: ids.developer } }));
    expect(res.statusCode).toBe(200);
    const r = json(res);
    expect(r.status).toBe('optimal');
    expect(r.selected.map((s: { name: string }) => s.name).sort()).toEqual(['Big build', 'Small fix']);
    expect(r.capacityFromResources).toEqual([{ role: 'developer', resourceRoleId: ids.developer, resourceRoleName: 'Developer', availableDays: [26.5, 22.5, expect.any(Number)] }]);
    const medium = r.excluded.find((x: { name: string }) => x.name === 'Medium build');
    expect(medium.reasons.some((why: { message: string }) => why.message.startsWith('capacity of role developer in 2027-01'))).toBe(true);
    const use = r.usage.roles.find((x: { roleId: string }) => x.roleId === 'developer');
    expect(use.capacity.slice(0, 2)).toEqual([26.5, 22.5]);
    expect(use.load.slice(0, 2)).toEqual([25, 20]);
  });

  it('keeps the setting in a saved scenario', async () => {
    const s = settings({ availableCapacity: { developer: ids.developer } });
    const r = json(await api.post('/portfolio/optimize', s));
    const saved = await api.ok(api.post('/portfolio/scenarios', { name: 'Staffable', settings: s, selected: r.selected.map((x: { proposalId: string; startPeriod: number }) => ({ proposalId: x.proposalId, startPeriod: x.startPeriod })) }), 201);
    expect(saved.settings.availableCapacity).toEqual({ developer: ids.developer });
    expect(saved.summary.roles.find((x: { roleId: string }) => x.roleId === 'developer').capacity.slice(0, 2)).toEqual([26.5, 22.5]);
  });

  it.each([
    ['a whole-horizon budget', { periodLabels: undefined, budgetPerPeriod: undefined, periodsPerYear: undefined, totalBudgetCents: 1_000_000 }, 400, 'invalid_capacity'],
    ['a typed capacity for the same role', { capacity: { developer: [1, 1, 1] } }, 400, 'invalid_capacity'],
    ['periods that are not calendar periods', { periodLabels: ['P1', 'P2', 'P3'] }, 400, 'invalid_capacity'],
    ['an unknown resources role', { availableCapacity: { developer: '00000000-0000-4000-8000-000000000000' } }, 422, 'invalid_reference'],
  ])('refuses %s', async (_w, over, status, code) => {
    const res = await api.post('/portfolio/optimize', settings({ availableCapacity: { developer: ids.developer }, ...over }));
    expect([res.statusCode, json(res).code]).toEqual([status, code]);
  });

  it('is for portfolio-wide roles only', async () => {
    const member = await ctx.user('member', 'cap-member');
    expect((await api.get('/portfolio/available-capacity?from=2027-01&periods=3', member)).statusCode).toBe(403);
    expect((await api.get('/portfolio/available-capacity?from=2027-13&periods=3')).statusCode).toBe(400);
  });
});
