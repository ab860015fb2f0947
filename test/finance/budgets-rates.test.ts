/** Budgets with approval and change versions, rates and exchange rates, EVM snapshots and S-curve, through the API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestContext } from '../helpers.js';
import { buildFinanceWorld, call, type FinanceWorld } from './finance-world.js';

let ctx: TestContext;
let w: FinanceWorld;
beforeAll(async () => {
  ctx = await createTestApp();
  w = await buildFinanceWorld(ctx);
});
afterAll(async () => ctx.close());

describe('budgets', () => {
  it('runs original and change versions through approval; the effective budget feeds the financials', async () => {
    const lines = [
      { month: '2026-11', category: 'labour', expenditure: 'opex', amountMinor: 500_000 },
      { month: '2026-12', category: 'labour', expenditure: 'opex', amountMinor: 300_000 },
      { month: '2026-12', category: 'material', expenditure: 'capex', amountMinor: 200_000 },
    ];
    const v1 = json(await call(ctx, w.pm, 'POST', `/projects/${w.projectId}/budget-versions`, { kind: 'original', lines }, 201));
    expect(v1).toMatchObject({ versionNo: 1, status: 'draft' });
    expect((await call(ctx, w.pm, 'POST', `/projects/${w.projectId}/budget-versions`, { kind: 'change', lines: [] })).statusCode).toBe(409);
    const sub = json(await call(ctx, w.pm, 'POST', `/budget-versions/${v1.id}/transitions`, { action: 'submit', version: v1.version }, 200));
    expect((await call(ctx, w.pm, 'POST', `/budget-versions/${v1.id}/transitions`, { action: 'approve', version: sub.version })).statusCode).toBe(403);
    expect((await call(ctx, w.worker, 'POST', `/budget-versions/${v1.id}/transitions`, { action: 'approve', version: sub.version })).statusCode).toBe(403);
    const stale = await call(ctx, w.finance, 'POST', `/budget-versions/${v1.id}/transitions`, { action: 'approve', version: v1.version });
    expect(stale.statusCode).toBe(409);
    await call(ctx, w.finance, 'POST', `/budget-versions/${v1.id}/transitions`, { action: 'approve', version: sub.version }, 200);
    const v2 = json(await call(ctx, w.pm, 'POST', `/projects/${w.projectId}/budget-versions`, { kind: 'change', lines: [{ month: '2026-12', category: 'labour', expenditure: 'opex', amountMinor: -50_000 }] }, 201));
    const s2 = json(await call(ctx, w.pm, 'POST', `/budget-versions/${v2.id}/transitions`, { action: 'submit', version: v2.version }, 200));
    await call(ctx, w.finance, 'POST', `/budget-versions/${v2.id}/transitions`, { action: 'approve', version: s2.version }, 200);
    const budget = json(await call(ctx, w.worker, 'GET', `/projects/${w.projectId}/budget`, undefined, 200));
    expect(budget.totalMinor).toBe(950_000);
    const fin = json(await call(ctx, w.pm, 'GET', `/projects/${w.projectId}/financials?asOf=2026-11-30`, undefined, 200));
    expect(fin.budgetTotalMinor).toBe(950_000);
    expect(fin.months.slice(0, 2).map((m: { month: string; budgetMinor: number }) => [m.month, m.budgetMinor])).toEqual([['2026-11', 500_000], ['2026-12', 450_000]]);
    expect(fin.months.map((m: { month: string }) => m.month)).toEqual(['2026-11', '2026-12', '2027-01', '2027-02', '2027-03']);
  });

  it('refuses duplicate lines and an invalid transition with nothing written', async () => {
    const dup = await call(ctx, w.pm, 'POST', `/projects/${w.projectId}/budget-versions`, { kind: 'change', lines: [
      { month: '2027-01', category: 'labour', expenditure: 'opex', amountMinor: 1 }, { month: '2027-01', category: 'labour', expenditure: 'opex', amountMinor: 2 }] });
    expect(dup.statusCode).toBe(422);
    const before = json(await call(ctx, w.pm, 'GET', `/projects/${w.projectId}/budget`, undefined, 200)).versions.length;
    expect(before).toBe(2);
    const v = json(await call(ctx, w.pm, 'GET', `/projects/${w.projectId}/budget`, undefined, 200)).versions[0];
    const bad = await call(ctx, w.finance, 'POST', `/budget-versions/${v.id}/transitions`, { action: 'submit', version: v.version });
    expect(bad.statusCode).toBe(409);
    expect(json(bad).code).toBe('finance_invalid_transition');
  });
});

describe('rates and currencies', () => {
  it('refuses two same-scope rates starting the same day', async () => {
    const res = await call(ctx, w.finance, 'POST', '/rates', { kind: 'cost', personId: w.personId, effectiveFrom: '2026-01-01', amountMinorPerHour: 1, currency: 'EUR' });
    expect(res.statusCode).toBe(409);
    expect(json(res).code).toBe('rate_overlap');
    expect((await call(ctx, w.pm, 'POST', '/rates', { kind: 'cost', effectiveFrom: '2026-02-01', amountMinorPerHour: 1, currency: 'EUR' })).statusCode).toBe(403);
  });

  it('prices by role rate and lets the line manager approve', async () => {
    const lead = await ctx.user('member');
    const user = await ctx.user('member');
    await call(ctx, ctx.admin, 'POST', `/projects/${w.projectId}/members`, { userId: user.id, role: 'team_member' }, 201);
    const person = json(await call(ctx, ctx.admin, 'POST', '/people', { name: 'Role Rita', userId: user.id }, 201));
    const architect = json(await call(ctx, ctx.admin, 'POST', '/roles', { name: 'Architect' }, 201));
    const profile = json(await call(ctx, w.finance, 'PUT', `/people/${person.id}/finance-profile`, { roleId: architect.id, lineManagerId: lead.id }, 200));
    expect(profile).toEqual({ personId: person.id, roleId: architect.id, roleName: 'Architect', lineManagerId: lead.id });
    expect((await call(ctx, w.pm, 'PUT', `/people/${person.id}/finance-profile`, { roleId: null, lineManagerId: null })).statusCode).toBe(403);
    // The billing role is one role model with resources: it shows among the person's roles.
    expect(json(await call(ctx, ctx.admin, 'GET', `/people/${person.id}/profile`, undefined, 200)).roles.map((r: { id: string }) => r.id)).toEqual([architect.id]);
    const unknownRole = await call(ctx, w.finance, 'PUT', `/people/${person.id}/finance-profile`, { roleId: person.id, lineManagerId: lead.id });
    expect([unknownRole.statusCode, json(unknownRole).code]).toEqual([422, 'invalid_reference']);
    await call(ctx, w.finance, 'POST', '/rates', { kind: 'cost', roleId: architect.id, effectiveFrom: '2026-01-01', amountMinorPerHour: 12_000, currency: 'EUR' }, 201);
    const week = `/timesheets/${person.id}/weeks/2026-11-02`;
    await call(ctx, user, 'PUT', `${week}/entries`, { entries: [{ projectId: w.projectId, date: '2026-11-02', minutes: 30 }] }, 200);
    const sub = json(await call(ctx, user, 'POST', `${week}/submit`, undefined, 200));
    await call(ctx, lead, 'POST', '/time-entries/approve', { ids: [sub.entries[0].id] }, 200);
    expect(json(await call(ctx, user, 'GET', week, undefined, 200)).entries[0]).toMatchObject({ state: 'approved', costMinor: 6000 });
  });

  it('needs an exchange rate for a cost rate in another currency, then converts at the work date', async () => {
    const person = json(await call(ctx, ctx.admin, 'POST', '/people', { name: 'Dollar Dan' }, 201));
    await call(ctx, w.finance, 'POST', '/rates', { kind: 'cost', personId: person.id, effectiveFrom: '2026-01-01', amountMinorPerHour: 10_000, currency: 'USD' }, 201);
    const week = `/timesheets/${person.id}/weeks/2026-11-02`;
    await call(ctx, ctx.admin, 'PUT', `${week}/entries`, { entries: [{ projectId: w.projectId, date: '2026-11-03', minutes: 90 }] }, 200);
    const sub = json(await call(ctx, ctx.admin, 'POST', `${week}/submit`, undefined, 200));
    const missing = await call(ctx, w.pm, 'POST', '/time-entries/approve', { ids: [sub.entries[0].id] });
    expect(missing.statusCode).toBe(422);
    expect(json(missing).code).toBe('finance_exchange_rate_missing');
    await call(ctx, w.finance, 'POST', '/exchange-rates', { from: 'USD', to: 'EUR', date: '2026-11-02', rate: '0.9' }, 201);
    await call(ctx, w.pm, 'POST', '/time-entries/approve', { ids: [sub.entries[0].id] }, 200);
    const after = json(await call(ctx, ctx.admin, 'GET', week, undefined, 200));
    // 1.5 h x 100.00 USD = 150.00 USD = 135.00 EUR
    expect(after.entries[0]).toMatchObject({ state: 'approved', costMinor: 13_500, costCurrency: 'EUR' });
  });
});

describe('cost lines import', () => {
  it('imports actual costs all or nothing, once per line id, into the actuals', async () => {
    const before = json(await call(ctx, w.finance, 'GET', `/projects/${w.projectId}/financials?asOf=2026-12-31`, undefined, 200));
    const bad = await call(ctx, w.finance, 'POST', `/projects/${w.projectId}/cost-lines/import`, { csv: `id,project_id,date,category,amount,currency\nc1,${w.projectId},2026-12-01,external,100.00,EUR\nc2,${w.projectId},2026-13-01,external,x,EUR\n` });
    expect(bad.statusCode).toBe(422);
    expect(json(bad).errors[0].path).toBe('line 3');
    const csv = `id,project_id,date,category,amount,currency\nc1,${w.projectId},2026-12-01,external,100.00,EUR\nc2,${w.projectId},2026-12-02,material,20.5,EUR\n`;
    expect(json(await call(ctx, w.finance, 'POST', `/projects/${w.projectId}/cost-lines/import`, { csv }, 200))).toEqual({ imported: 2, totalMinor: 12_050, currency: 'EUR' });
    expect((await call(ctx, w.finance, 'POST', `/projects/${w.projectId}/cost-lines/import`, { csv })).statusCode).toBe(409);
    expect((await call(ctx, w.pm, 'POST', `/projects/${w.projectId}/cost-lines/import`, { csv })).statusCode).toBe(403);
    const after = json(await call(ctx, w.finance, 'GET', `/projects/${w.projectId}/financials?asOf=2026-12-31`, undefined, 200));
    expect(after.evm.ac - before.evm.ac).toBe(12_050);
  });
});

describe('EVM snapshots', () => {
  it('takes snapshots at status dates and serves the S-curve', async () => {
    await call(ctx, w.pm, 'PUT', `/projects/${w.projectId}/task-costs`, { items: [{ taskId: w.taskId, plannedCostMinor: 2_000_000 }] }, 200);
    for (const asOf of ['2026-11-13', '2026-11-27']) await call(ctx, w.finance, 'POST', '/financials/evm-snapshots', { asOf }, 200);
    const curve = json(await call(ctx, w.worker, 'GET', `/projects/${w.projectId}/evm/s-curve`, undefined, 200));
    expect(curve.dates).toEqual(['2026-11-13', '2026-11-27']);
    expect(curve.pv[1]).toBeGreaterThan(curve.pv[0]);
    expect(curve.bac).toEqual([2_000_000, 2_000_000]);
    const rollup = json(await call(ctx, w.finance, 'GET', '/financials/rollup?asOf=2026-11-27', undefined, 200));
    expect(rollup.projects.find((p: { projectId: string }) => p.projectId === w.projectId).pv).toBe(curve.pv[1]);
    expect((await call(ctx, w.pm, 'GET', '/financials/rollup')).statusCode).toBe(403);
  });
});
