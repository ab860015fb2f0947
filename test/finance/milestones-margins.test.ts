/**
 * Fixed-price billing through the API: billing milestones (planned -> achieved -> accepted), invoices drafted from
 * achieved milestones and never billed twice, released by a credit note; margins by project and by client with the
 * revenue recognised by billing type and amounts in other currencies converted at their dates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProjectViaApi, createTestApp, json, type TestContext } from '../helpers.js';
import { buildFinanceWorld, buyer, call, workWeek, type FinanceWorld } from './finance-world.js';

let ctx: TestContext;
let w: FinanceWorld;
let fixed: { id: string };
let usdClient: { id: string };
beforeAll(async () => {
  ctx = await createTestApp();
  w = await buildFinanceWorld(ctx);
  fixed = await createProjectViaApi(ctx, ctx.admin, { name: 'Fixed bid', code: 'FIX', startDate: '2026-11-02', finishDate: '2027-02-26', managerId: w.pm.id, stage: 'execution' });
  usdClient = json(await call(ctx, w.finance, 'POST', '/clients', { party: { ...buyer, name: 'Dollar Corp' }, currency: 'USD' }, 201));
  await call(ctx, w.pm, 'PUT', `/projects/${fixed.id}/finance-settings`, { clientId: usdClient.id, billing: 'milestone' }, 200);
});
afterAll(async () => ctx.close());

describe('billing milestones and fixed-price invoices', () => {
  let design: { id: string; version: number };
  let build: { id: string; version: number };
  let invoiceId = '';

  it('records milestones in the client currency and moves them through their states', async () => {
    design = json(await call(ctx, w.pm, 'POST', `/projects/${fixed.id}/billing-milestones`, { name: 'Design approved', amountMinor: 1_000_000, dueDate: '2026-11-30' }, 201));
    expect(design).toMatchObject({ currency: 'USD', status: 'planned', achievedOn: null, invoiceId: null });
    build = json(await call(ctx, w.pm, 'POST', `/projects/${fixed.id}/billing-milestones`, { name: 'Build delivered', amountMinor: 2_500_000, currency: 'USD' }, 201));
    const wrong = await call(ctx, w.pm, 'POST', `/projects/${fixed.id}/billing-milestones`, { name: 'Euro step', amountMinor: 1, currency: 'EUR' });
    expect([wrong.statusCode, json(wrong).code]).toEqual([422, 'invoice_currency_mismatch']);
    expect((await call(ctx, w.worker, 'POST', `/projects/${fixed.id}/billing-milestones`, { name: 'x', amountMinor: 1 })).statusCode).toBe(404);
    const achieved = json(await call(ctx, w.pm, 'PATCH', `/billing-milestones/${design.id}`, { status: 'achieved', achievedOn: '2026-11-27', version: design.version }, 200));
    expect(achieved).toMatchObject({ status: 'achieved', achievedOn: '2026-11-27' });
    const terms = await call(ctx, w.pm, 'PATCH', `/billing-milestones/${design.id}`, { amountMinor: 5, version: achieved.version });
    expect([terms.statusCode, json(terms).code]).toEqual([409, 'milestone_not_planned']);
    design = json(await call(ctx, w.pm, 'PATCH', `/billing-milestones/${design.id}`, { status: 'accepted', version: achieved.version }, 200));
    expect(design).toMatchObject({ status: 'accepted', achievedOn: '2026-11-27' });
  });

  it('drafts an invoice from achieved milestones only, and never bills one twice', async () => {
    const planned = await call(ctx, w.finance, 'POST', '/invoices', { projectId: fixed.id, milestoneIds: [design.id, build.id] });
    expect([planned.statusCode, json(planned).code]).toEqual([422, 'milestone_not_achieved']);
    const foreign = await call(ctx, w.finance, 'POST', '/invoices', { projectId: w.projectId, milestoneIds: [design.id] });
    expect([foreign.statusCode, json(foreign).code]).toEqual([422, 'invalid_milestone']);
    const none = await call(ctx, w.finance, 'POST', '/invoices', { projectId: fixed.id });
    expect([none.statusCode, json(none).code]).toEqual([422, 'nothing_to_bill']);
    const inv = json(await call(ctx, w.finance, 'POST', '/invoices', { projectId: fixed.id, milestoneIds: [design.id] }, 201));
    invoiceId = inv.id;
    expect(inv).toMatchObject({ currency: 'USD', clientId: usdClient.id, periodStart: null });
    expect(inv.lines).toEqual([expect.objectContaining({ itemName: 'Design approved', quantity: '1', unitCode: 'C62', netAmountMinor: 1_000_000, sources: [{ kind: 'milestone', id: design.id }] })]);
    expect(inv.totals).toMatchObject({ taxExclusiveMinor: 1_000_000, taxMinor: 210_000, payableMinor: 1_210_000 });
    const again = await call(ctx, w.finance, 'POST', '/invoices', { projectId: fixed.id, milestoneIds: [design.id] });
    expect([again.statusCode, json(again).code]).toEqual([409, 'invoice_double_billing']);
    const listed = json(await call(ctx, w.pm, 'GET', `/projects/${fixed.id}/billing-milestones`, undefined, 200)).items;
    expect(listed.find((m: { id: string }) => m.id === design.id).invoiceId).toBe(invoiceId);
    const locked = await call(ctx, w.pm, 'PATCH', `/billing-milestones/${design.id}`, { status: 'planned', version: design.version });
    expect([locked.statusCode, json(locked).code]).toEqual([409, 'milestone_billed']);
    expect((await call(ctx, w.pm, 'DELETE', `/billing-milestones/${design.id}`, undefined, undefined, { 'if-match': `"${design.version}"` })).statusCode).toBe(409);
  });

  it('does not bill hours on a milestone-billed project, and nothing on a non-billable one', async () => {
    const person = json(await call(ctx, ctx.admin, 'POST', '/people', { name: 'Fixed Fred' }, 201));
    await call(ctx, w.finance, 'POST', '/rates', { kind: 'cost', personId: person.id, effectiveFrom: '2026-01-01', amountMinorPerHour: 5000, currency: 'EUR' }, 201);
    await call(ctx, w.finance, 'POST', '/rates', { kind: 'bill', personId: person.id, effectiveFrom: '2026-01-01', amountMinorPerHour: 9000, currency: 'USD' }, 201);
    const week = `/timesheets/${person.id}/weeks/2026-11-02`;
    await call(ctx, ctx.admin, 'PUT', `${week}/entries`, { entries: workWeek({ ...w, projectId: fixed.id, taskId: null as unknown as string }, '2026-11-02').map(({ taskId: _t, ...e }) => e) }, 200);
    const sub = json(await call(ctx, ctx.admin, 'POST', `${week}/submit`, undefined, 200));
    await call(ctx, w.pm, 'POST', '/time-entries/approve', { ids: sub.entries.map((e: { id: string }) => e.id) }, 200);
    const hours = await call(ctx, w.finance, 'POST', '/invoices', { projectId: fixed.id, from: '2026-11-01', to: '2026-11-30' });
    expect([hours.statusCode, json(hours).code]).toEqual([422, 'nothing_to_bill']);
    const internal = await createProjectViaApi(ctx, ctx.admin, { name: 'Internal', code: 'INT', startDate: '2026-11-02' });
    await call(ctx, ctx.admin, 'PUT', `/projects/${internal.id}/finance-settings`, { clientId: w.clientId, billing: 'non-billable' }, 200);
    const nb = await call(ctx, w.finance, 'POST', '/invoices', { projectId: internal.id, from: '2026-11-01', to: '2026-11-30' });
    expect([nb.statusCode, json(nb).code]).toEqual([422, 'project_not_billable']);
  });

  it('issues the milestone invoice; voiding it releases the milestone for a new invoice', async () => {
    const inv = json(await call(ctx, w.finance, 'GET', `/invoices/${invoiceId}`, undefined, 200));
    const issued = json(await call(ctx, w.finance, 'POST', `/invoices/${invoiceId}/issue`, { issueDate: '2026-11-30', version: inv.version }, 200));
    const ubl = await call(ctx, w.finance, 'GET', `/invoices/${invoiceId}/ubl`, undefined, 200);
    expect(ubl.body).toContain('<cbc:DocumentCurrencyCode>USD</cbc:DocumentCurrencyCode>');
    expect(ubl.body).toContain('<cbc:Name>Design approved</cbc:Name>');
    const unbilled = json(await call(ctx, w.finance, 'GET', `/reports/unbilled-work?projectId=${fixed.id}`, undefined, 200)).items;
    expect(unbilled).toEqual([]);
    await call(ctx, w.finance, 'POST', `/invoices/${invoiceId}/void`, { reason: 'wrong amount', issueDate: '2026-12-01', version: issued.version }, 200);
    const after = json(await call(ctx, w.finance, 'GET', `/reports/unbilled-work?projectId=${fixed.id}`, undefined, 200)).items;
    expect(after).toEqual([expect.objectContaining({ projectId: fixed.id, milestones: 1, milestoneAmountMinor: 1_000_000 })]);
    const rebill = json(await call(ctx, w.finance, 'POST', '/invoices', { projectId: fixed.id, milestoneIds: [design.id] }, 201));
    expect(rebill.totals.taxExclusiveMinor).toBe(1_000_000);
  });
});

describe('margins by project and by client', () => {
  it('recognises revenue by billing type in the reporting currency and lists what it cannot price', async () => {
    // Milestone billing in USD: the achieved milestone counts at the rate of its achievement date, once one exists.
    const missing = json(await call(ctx, w.finance, 'GET', `/reports/margins?asOf=2026-12-31&projectId=${fixed.id}`, undefined, 200));
    expect(missing.projects[0]).toMatchObject({ billing: 'milestone', revenueMinor: 0, basis: 'achieved milestones' });
    expect(missing.projects[0].problems.map((p: { message: string }) => p.message).join(' ')).toMatch(/no USD\/EUR exchange rate for 2026-11-27/);
    await call(ctx, w.finance, 'POST', '/exchange-rates', { from: 'EUR', to: 'USD', date: '2026-11-25', rate: '1.25' }, 201);
    await call(ctx, w.finance, 'POST', '/exchange-rates', { from: 'EUR', to: 'USD', date: '2026-11-30', rate: '1.25' }, 201);
    const fx = json(await call(ctx, w.finance, 'GET', `/reports/margins?asOf=2026-12-31&projectId=${fixed.id}`, undefined, 200));
    // 10,000.00 USD at 1 EUR = 1.25 USD (the inverse of the EUR/USD rate of 2026-11-25, 2 days before) = 8,000.00 EUR; cost 40 h x 50.00 EUR.
    expect(fx.projects[0]).toMatchObject({ revenueMinor: 800_000, costMinor: 200_000, marginMinor: 600_000, marginPercent: 75, problems: [] });
    expect(fx.currency).toBe('EUR');

    // Time and materials: invoiced + unbilled approved work.
    const week = `/timesheets/${w.personId}/weeks/2026-11-09`;
    await call(ctx, w.worker, 'PUT', `${week}/entries`, { entries: workWeek(w, '2026-11-09') }, 200);
    const sub = json(await call(ctx, w.worker, 'POST', `${week}/submit`, undefined, 200));
    await call(ctx, w.pm, 'POST', '/time-entries/approve', { ids: sub.entries.map((e: { id: string }) => e.id) }, 200);
    const inv = json(await call(ctx, w.finance, 'POST', '/invoices', { projectId: w.projectId, from: '2026-11-09', to: '2026-11-10' }, 201));
    await call(ctx, w.finance, 'POST', `/invoices/${inv.id}/issue`, { issueDate: '2026-11-30', version: inv.version }, 200);
    const report = json(await call(ctx, w.finance, 'GET', '/reports/margins?asOf=2026-12-31', undefined, 200));
    const tm = report.projects.find((p: { projectId: string }) => p.projectId === w.projectId);
    // 16 h invoiced and 24 h unbilled at 95.50; cost 40 h at 60.00.
    expect(tm).toMatchObject({ billing: 'time-and-materials', invoicedMinor: 152_800, unbilledMinor: 229_200, revenueMinor: 382_000, costMinor: 240_000, marginMinor: 142_000 });
    const byClient = report.clients.find((c: { clientId: string }) => c.clientId === w.clientId);
    expect(byClient).toMatchObject({ projects: expect.any(Number), revenueMinor: expect.any(Number) });
    const clientProjects = report.projects.filter((p: { clientId: string }) => p.clientId === w.clientId);
    expect(byClient.revenueMinor).toBe(clientProjects.reduce((s: number, p: { revenueMinor: number }) => s + p.revenueMinor, 0));
    expect(byClient.marginMinor).toBe(byClient.revenueMinor - byClient.costMinor);
    expect(report.total.revenueMinor).toBe(report.projects.reduce((s: number, p: { revenueMinor: number }) => s + p.revenueMinor, 0));
    const oneClient = json(await call(ctx, w.finance, 'GET', `/reports/margins?asOf=2026-12-31&clientId=${usdClient.id}`, undefined, 200));
    expect(oneClient.projects.map((p: { projectId: string }) => p.projectId)).toEqual([fixed.id]);
    expect((await call(ctx, w.pm, 'GET', '/reports/margins')).statusCode).toBe(403);
  });

  it('recognises a fixed price by cost-to-cost percent complete', async () => {
    await call(ctx, w.pm, 'PUT', `/projects/${fixed.id}/finance-settings`, { billing: 'fixed-price', contractPriceMinor: 1_000_000, forecastMethod: 'manual', manualEtcMinor: 600_000 }, 200);
    const settings = json(await call(ctx, w.pm, 'GET', `/projects/${fixed.id}/finance-settings`, undefined, 200));
    expect(settings).toMatchObject({ billing: 'fixed-price', clientId: usdClient.id, contractPriceMinor: 1_000_000, forecastMethod: 'manual', manualEtcMinor: 600_000, revenueRecognition: 'percent-complete' });
    // AC 2,000.00, EAC = AC + manual ETC 6,000.00 = 8,000.00: 25 % of the 10,000.00 price.
    const fin = json(await call(ctx, w.pm, 'GET', `/projects/${fixed.id}/financials?asOf=2026-12-31`, undefined, 200));
    expect(fin.forecast).toMatchObject({ method: 'manual', setting: 'manual', etcMinor: 600_000, eacMinor: 800_000 });
    expect(fin.margin).toMatchObject({ billing: 'fixed-price', revenueMinor: 250_000, costMinor: 200_000, marginMinor: 50_000, marginPercent: 20 });
    const report = json(await call(ctx, w.finance, 'GET', `/reports/margins?asOf=2026-12-31&projectId=${fixed.id}`, undefined, 200));
    expect(report.projects[0]).toMatchObject({ revenueMinor: 250_000, basis: 'contract price x actual cost / EAC' });
    const noEtc = await call(ctx, w.pm, 'PUT', `/projects/${fixed.id}/finance-settings`, { forecastMethod: 'manual', manualEtcMinor: null });
    expect([noEtc.statusCode, json(noEtc).code]).toEqual([422, 'manual_etc_required']);
  });
});
