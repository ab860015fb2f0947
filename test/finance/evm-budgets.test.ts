/**
 * Earned value by the weighted-milestones and physical-percent-complete methods (task list, project financials and
 * the roll-up agree), earned schedule, budgets of programs and portfolios through approval, timesheet compliance on
 * people's calendars, and imported cost lines in a foreign currency.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestContext } from '../helpers.js';
import { buildFinanceWorld, call, type FinanceWorld } from './finance-world.js';
import { enqueueJob, runDueJobs } from '../../src/jobs/queue.js';
import { evmSnapshotJob, evmSnapshotJobKey } from '../../src/modules/finance/evm-snapshot.job.js';

let ctx: TestContext;
let w: FinanceWorld;
let tasks: { id: string; name: string }[];
beforeAll(async () => {
  ctx = await createTestApp();
  w = await buildFinanceWorld(ctx);
  // Three more tasks of 10 working days each from 2026-11-02 (Build is the first, 40 days).
  tasks = [{ id: w.taskId, name: 'Build' }];
  for (const name of ['Survey', 'Pour', 'Paint']) tasks.push(json(await call(ctx, ctx.admin, 'POST', `/projects/${w.projectId}/tasks`, { name, start: '2026-11-02T08:00', durationMinutes: 480 * 10 }, 201)));
});
afterAll(async () => ctx.close());

describe('earned value methods', () => {
  it('refuses a method without its inputs, writing nothing', async () => {
    const res = await call(ctx, w.pm, 'PUT', `/projects/${w.projectId}/task-costs`, { items: [
      { taskId: tasks[1]!.id, plannedCostMinor: 100_000, evMethod: 'physical-percent-complete' },
      { taskId: tasks[2]!.id, plannedCostMinor: 100_000, evMethod: 'weighted-milestones', milestones: [] },
      { taskId: tasks[3]!.id, plannedCostMinor: 100_000, evMethod: 'weighted-milestones', milestones: [{ name: 'a', weight: 0, done: true }] },
    ] });
    expect([res.statusCode, json(res).code]).toEqual([422, 'ev_method_input']);
    expect(json(res).errors.map((e: { path: string }) => e.path)).toEqual(['items.0.physicalPercentComplete', 'items.1.milestones', 'items.2.milestones']);
    expect(await ctx.database.db.selectFrom('task_costs').selectAll().execute()).toEqual([]);
  });

  it('earns value by each method; the task list, the project and the roll-up agree', async () => {
    await call(ctx, w.pm, 'PUT', `/projects/${w.projectId}/task-costs`, { items: [
      { taskId: tasks[0]!.id, plannedCostMinor: 2_000_000, evMethod: 'percent-complete' },
      { taskId: tasks[1]!.id, plannedCostMinor: 100_000, evMethod: 'physical-percent-complete', physicalPercentComplete: 37.5 },
      { taskId: tasks[2]!.id, plannedCostMinor: 300_000, evMethod: 'weighted-milestones', milestones: [{ name: 'Forms', weight: 1, done: true }, { name: 'Rebar', weight: 1, done: true }, { name: 'Pour', weight: 2, done: false }] },
      { taskId: tasks[3]!.id, plannedCostMinor: 50_000, evMethod: 'fifty-fifty' },
    ] }, 200);
    const t = await ctx.database.db.selectFrom('tasks').select(['id', 'version']).where('id', '=', tasks[0]!.id).executeTakeFirstOrThrow();
    await call(ctx, ctx.admin, 'PATCH', `/tasks/${t.id}`, { percentComplete: 10 }, 200, { 'if-match': `"${t.version}"` });
    const list = json(await call(ctx, w.worker, 'GET', `/projects/${w.projectId}/task-costs?asOf=2026-11-13`, undefined, 200));
    const byName = Object.fromEntries(list.items.map((i: { name: string }) => [i.name, i]));
    expect(byName.Build).toMatchObject({ evMethod: 'percent-complete', ev: 200_000, bac: 2_000_000 });
    expect(byName.Survey).toMatchObject({ evMethod: 'physical-percent-complete', physicalPercentComplete: 37.5, ev: 37_500 });
    expect(byName.Pour).toMatchObject({ evMethod: 'weighted-milestones', ev: 150_000, milestones: [{ name: 'Forms', weight: 1, done: true }, { name: 'Rebar', weight: 1, done: true }, { name: 'Pour', weight: 2, done: false }] });
    expect(byName.Paint).toMatchObject({ evMethod: 'fifty-fifty', ev: 0 });
    const fin = json(await call(ctx, w.pm, 'GET', `/projects/${w.projectId}/financials?asOf=2026-11-13`, undefined, 200));
    expect(fin.evm.ev).toBe(387_500);
    expect(fin.evm.bac).toBe(2_450_000);
    expect(fin.evm.pv).toBe(list.items.reduce((s: number, i: { pv: number }) => s + i.pv, 0));
    // Earned schedule: SPI(t) = ES / AT, in days from the plan start.
    expect(fin.schedule).toMatchObject({ startDate: '2026-11-02', at: 12 });
    expect(fin.schedule.spiT).toBeCloseTo(fin.schedule.es / 12, 3);
    expect(fin.schedule.spiT).toBeLessThan(1);
    await call(ctx, w.finance, 'POST', '/financials/evm-snapshots', { asOf: '2026-11-13' }, 200);
    const rollup = json(await call(ctx, w.finance, 'GET', '/financials/rollup?asOf=2026-11-13', undefined, 200));
    const row = rollup.projects.find((p: { projectId: string }) => p.projectId === w.projectId);
    expect({ ev: row.ev, bac: row.bac, pv: row.pv }).toEqual({ ev: fin.evm.ev, bac: fin.evm.bac, pv: fin.evm.pv });
    // The periodic snapshot as a queued job: one slot per date, safe to run twice.
    const db = ctx.database.db;
    expect(await enqueueJob(db, { type: evmSnapshotJob.type, payload: { asOf: '2026-11-20' }, uniqueKey: evmSnapshotJobKey('2026-11-20') })).not.toBeNull();
    expect(await enqueueJob(db, { type: evmSnapshotJob.type, payload: { asOf: '2026-11-20' }, uniqueKey: evmSnapshotJobKey('2026-11-20') })).toBeNull();
    expect(await runDueJobs(db, 'test-worker', [evmSnapshotJob as never])).toBe(1);
    const snap = await db.selectFrom('evm_snapshots').selectAll().where('project_id', '=', w.projectId).where('as_of', '=', '2026-11-20').executeTakeFirstOrThrow();
    expect(Number(snap.ev)).toBe(387_500);
    // Ticking the last milestone earns the rest of the task.
    await call(ctx, w.pm, 'PUT', `/projects/${w.projectId}/task-costs`, { items: [{ taskId: tasks[2]!.id, plannedCostMinor: 300_000, evMethod: 'weighted-milestones', milestones: [{ name: 'Forms', weight: 1, done: true }, { name: 'Rebar', weight: 1, done: true }, { name: 'Pour', weight: 2, done: true }] }] }, 200);
    expect(json(await call(ctx, w.pm, 'GET', `/projects/${w.projectId}/financials?asOf=2026-11-13`, undefined, 200)).evm.ev).toBe(537_500);
  });
});

describe('program and portfolio budgets', () => {
  it('runs a program budget through approval by someone else, against its projects', async () => {
    const project = await ctx.database.db.selectFrom('projects').select(['portfolio_id']).where('id', '=', w.projectId).executeTakeFirstOrThrow();
    const program = json(await call(ctx, ctx.admin, 'POST', '/programs', { portfolioId: project.portfolio_id, name: 'Digital' }, 201));
    const p = await ctx.database.db.selectFrom('projects').select('version').where('id', '=', w.projectId).executeTakeFirstOrThrow();
    await call(ctx, ctx.admin, 'PATCH', `/projects/${w.projectId}`, { programId: program.id }, 200, { 'if-match': `"${p.version}"` });
    const pmo = await ctx.user('pmo');
    const lines = [{ month: '2026-11', category: 'labour', expenditure: 'opex', amountMinor: 3_000_000 }, { month: '2026-12', category: 'material', expenditure: 'capex', amountMinor: 1_000_000 }];
    expect((await call(ctx, w.pm, 'POST', `/programs/${program.id}/budget-versions`, { kind: 'original', lines })).statusCode).toBe(403);
    const first = json(await call(ctx, pmo, 'POST', `/programs/${program.id}/budget-versions`, { kind: 'original', lines: lines.slice(0, 1) }, 201));
    expect(first).toMatchObject({ scope: 'program', ownerId: program.id, versionNo: 1, status: 'draft' });
    // A draft is edited in place; a duplicate cell is refused and changes nothing.
    const dup = await call(ctx, pmo, 'PATCH', `/budget-versions/${first.id}`, { lines: [lines[0], lines[0]], version: first.version });
    expect([dup.statusCode, json(dup).code]).toEqual([422, 'duplicate_budget_line']);
    const v = json(await call(ctx, pmo, 'PATCH', `/budget-versions/${first.id}`, { note: 'FY27 plan', lines, version: first.version }, 200));
    expect(v).toMatchObject({ note: 'FY27 plan', lines });
    const s = json(await call(ctx, pmo, 'POST', `/budget-versions/${v.id}/transitions`, { action: 'submit', version: v.version }, 200));
    expect(s.submittedBy).toBe(pmo.id);
    const own = await call(ctx, pmo, 'POST', `/budget-versions/${v.id}/transitions`, { action: 'approve', version: s.version });
    expect([own.statusCode, json(own).code]).toEqual([403, 'own_budget']);
    await call(ctx, w.finance, 'POST', `/budget-versions/${v.id}/transitions`, { action: 'approve', version: s.version }, 200);
    const frozen = await call(ctx, pmo, 'PATCH', `/budget-versions/${v.id}`, { note: 'later', version: s.version + 1 });
    expect([frozen.statusCode, json(frozen).code]).toEqual([409, 'finance_invalid_transition']);
    // A project budget under the program.
    const pv = json(await call(ctx, w.pm, 'POST', `/projects/${w.projectId}/budget-versions`, { kind: 'original', lines: [{ month: '2026-11', category: 'labour', expenditure: 'opex', amountMinor: 2_500_000 }] }, 201));
    const ps = json(await call(ctx, w.pm, 'POST', `/budget-versions/${pv.id}/transitions`, { action: 'submit', version: pv.version }, 200));
    await call(ctx, pmo, 'POST', `/budget-versions/${pv.id}/transitions`, { action: 'approve', version: ps.version }, 200);
    const change = json(await call(ctx, pmo, 'POST', `/programs/${program.id}/budget-versions`, { kind: 'change', note: 'more hardware', lines: [{ month: '2026-12', category: 'material', expenditure: 'capex', amountMinor: 250_000 }] }, 201));
    const cs = json(await call(ctx, pmo, 'POST', `/budget-versions/${change.id}/transitions`, { action: 'submit', version: change.version }, 200));
    await call(ctx, ctx.admin, 'POST', `/budget-versions/${change.id}/transitions`, { action: 'approve', version: cs.version }, 200);

    const budget = json(await call(ctx, w.finance, 'GET', `/programs/${program.id}/budget`, undefined, 200));
    expect(budget.totalMinor).toBe(4_250_000);
    expect(budget.effective).toEqual([
      { month: '2026-11', category: 'labour', expenditure: 'opex', amountMinor: 3_000_000 },
      { month: '2026-12', category: 'material', expenditure: 'capex', amountMinor: 1_250_000 },
    ]);
    expect(budget.projects).toMatchObject({ count: 1, budgetMinor: 2_500_000 });
    expect(budget.months.find((m: { month: string }) => m.month === '2026-11')).toMatchObject({ budgetMinor: 3_000_000, projectsBudgetMinor: 2_500_000 });
    expect((await call(ctx, w.pm, 'GET', `/programs/${program.id}/budget`)).statusCode).toBe(403);
    const rollup = json(await call(ctx, w.finance, 'GET', '/financials/rollup?asOf=2026-11-30', undefined, 200));
    expect(rollup.programs.find((x: { programId: string }) => x.programId === program.id)).toMatchObject({ ownBudgetMinor: 4_250_000, budgetMinor: 2_500_000, portfolioId: project.portfolio_id });

    const pf = json(await call(ctx, pmo, 'POST', `/portfolios/${project.portfolio_id}/budget-versions`, { kind: 'original', lines: [{ month: '2027-01', category: 'other', expenditure: 'opex', amountMinor: 9_000_000 }] }, 201));
    expect(pf.scope).toBe('portfolio');
    expect((await call(ctx, pmo, 'POST', `/portfolios/${project.portfolio_id}/budget-versions`, { kind: 'original', lines: [] })).statusCode).toBe(409);
    expect((await call(ctx, pmo, 'GET', '/portfolios/00000000-0000-4000-8000-000000000000/budget')).statusCode).toBe(404);
  });
});

describe('timesheet compliance on calendars', () => {
  it('expects each person what their calendar, hours and vacations say', async () => {
    const user = await ctx.user('member');
    await call(ctx, ctx.admin, 'POST', `/projects/${w.projectId}/members`, { userId: user.id, role: 'team_member' }, 201);
    const person = json(await call(ctx, ctx.admin, 'POST', '/people', { name: 'Part Timer', userId: user.id }, 201));
    const profile = json(await call(ctx, ctx.admin, 'GET', `/people/${person.id}/profile`, undefined, 200));
    await call(ctx, ctx.admin, 'PATCH', `/people/${person.id}/profile`, { partTimePercent: 50, version: profile.version }, 200);
    await call(ctx, ctx.admin, 'POST', `/people/${person.id}/non-project-time`, { from: '2026-11-19', to: '2026-11-20', reason: 'vacation' }, 201);
    await call(ctx, user, 'PUT', `/timesheets/${person.id}/weeks/2026-11-16/entries`, { entries: [{ projectId: w.projectId, date: '2026-11-16', minutes: 240 }, { projectId: w.projectId, date: '2026-11-17', minutes: 120 }] }, 200);
    const report = json(await call(ctx, w.finance, 'GET', `/reports/timesheet-compliance?from=2026-11-16&to=2026-11-22&projectId=${w.projectId}`, undefined, 200));
    const mine = report.people.find((p: { personId: string }) => p.personId === person.id);
    expect(mine.days).toEqual([
      { date: '2026-11-17', loggedMinutes: 120, expectedMinutes: 240 },
      { date: '2026-11-18', loggedMinutes: 0, expectedMinutes: 240 },
    ]);
    expect(mine.missingMinutes).toBe(360);
    const flat = json(await call(ctx, w.finance, 'GET', `/reports/timesheet-compliance?from=2026-11-16&to=2026-11-22&projectId=${w.projectId}&expectedMinutesPerDay=480`, undefined, 200));
    expect(flat.people.find((p: { personId: string }) => p.personId === person.id).days).toHaveLength(5);
    const bad = await call(ctx, w.finance, 'GET', '/reports/timesheet-compliance?from=2026-01-01&to=2027-06-01');
    expect([bad.statusCode, json(bad).code]).toEqual([422, 'finance_range_too_long']);
  });
});

describe('imported cost lines in another currency', () => {
  it('needs an exchange rate for the line date, then adds the converted amount to the actuals', async () => {
    const csv = `id,project_id,date,category,amount,currency\nusd-1,${w.projectId},2026-12-07,external,1000.00,USD\nusd-2,${w.projectId},2026-12-08,external,500.00,EUR\n`;
    const before = json(await call(ctx, w.finance, 'GET', `/projects/${w.projectId}/financials?asOf=2026-12-31`, undefined, 200));
    const missing = await call(ctx, w.finance, 'POST', `/projects/${w.projectId}/cost-lines/import`, { csv });
    expect([missing.statusCode, json(missing).code]).toEqual([422, 'finance_exchange_rate_missing']);
    expect(await ctx.database.db.selectFrom('expenses').select('id').where('external_id', 'in', ['usd-1', 'usd-2']).execute()).toEqual([]);
    await call(ctx, w.finance, 'POST', '/exchange-rates', { from: 'USD', to: 'EUR', date: '2026-12-04', rate: '0.9' }, 201);
    expect(json(await call(ctx, w.finance, 'POST', `/projects/${w.projectId}/cost-lines/import`, { csv }, 200))).toEqual({ imported: 2, totalMinor: 140_000, currency: 'EUR' });
    const after = json(await call(ctx, w.finance, 'GET', `/projects/${w.projectId}/financials?asOf=2026-12-31`, undefined, 200));
    expect(after.evm.ac - before.evm.ac).toBe(140_000);
    expect(after.months.find((m: { month: string }) => m.month === '2026-12').actualMinor - before.months.find((m: { month: string }) => m.month === '2026-12').actualMinor).toBe(140_000);
    const listed = json(await call(ctx, w.pm, 'GET', `/projects/${w.projectId}/expenses`, undefined, 200)).items.filter((x: { imported: boolean }) => x.imported);
    expect(listed.map((x: { amountMinor: number; currency: string; state: string }) => [x.amountMinor, x.currency, x.state])).toEqual([[100_000, 'USD', 'approved'], [50_000, 'EUR', 'approved']]);
  });
});
