/**
 * Finance additions to the route walk of test/api/route-permissions.test.ts: the ids the finance paths need,
 * a valid sample body for every finance writing route, and the finance routes any authenticated user may call.
 * To fold them into the core walk: spread `financeSampleBodies(fw)` into `sampleBodies`, apply
 * `fillFinancePath` before `fillPath`, and add `FINANCE_OPEN_TO_ALL` to `OPEN_TO_ALL`.
 */
import type { TestContext } from '../helpers.js';
import { json } from '../helpers.js';
import type { World } from '../api/route-fixtures.js';
import { buyer, seller } from './finance-world.js';

export interface FinanceWorldIds {
  personId: string;
  weekStart: string;
  rateId: string;
  budgetVersionId: string;
  timeEntryId: string;
  invoiceId: string;
  projectId: string;
  expenseId: string;
  receiptId: string;
  milestoneId: string;
  clientId: string;
}

/** A tiny valid PDF: a receipt file for the walk. */
export const RECEIPT_PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** A multipart/form-data body with one file part (light-my-request sends it as is). */
export function multipartFile(bytes: Buffer, fileName: string, field = 'file', contentType = 'application/pdf'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----pmo${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, bytes, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Creates the finance objects of the walk on the core world's project (as the admin). */
export async function buildFinanceWalkWorld(ctx: TestContext, w: World): Promise<FinanceWorldIds> {
  const inject = async (method: 'POST' | 'GET' | 'PUT' | 'PATCH', url: string, payload?: object) => {
    const res = await ctx.app.inject({ method, url: `/api/v1${url}`, headers: ctx.admin.auth, ...(payload ? { payload } : {}) });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return json(res);
  };
  const settings = await inject('GET', '/finance/settings');
  await inject('PATCH', '/finance/settings', { seller, payment: { meansCode: '58', accountId: 'NL91ABNA0417164300' }, version: settings.version });
  const client = await inject('POST', '/clients', { party: buyer, currency: 'EUR' });
  const rate = await inject('POST', '/rates', { kind: 'cost', effectiveFrom: '2026-01-01', amountMinorPerHour: 5000, currency: 'EUR' });
  await inject('POST', '/rates', { kind: 'bill', effectiveFrom: '2026-01-01', amountMinorPerHour: 9000, currency: 'EUR' });
  const budget = await inject('POST', `/projects/${w.projectId}/budget-versions`, { kind: 'original', lines: [{ month: '2026-02', category: 'labour', expenditure: 'opex', amountMinor: 100_000 }] });
  const weekStart = '2026-02-02';
  await inject('PUT', `/timesheets/${w.personId}/weeks/${weekStart}/entries`, { entries: [{ projectId: w.projectId, date: '2026-02-02', minutes: 120 }, { projectId: w.projectId, date: '2026-02-03', minutes: 120 }] });
  const sub = await inject('POST', `/timesheets/${w.personId}/weeks/${weekStart}/submit`);
  await inject('POST', '/time-entries/approve', { ids: [sub.entries[0].id] });
  const invoice = await inject('POST', '/invoices', { projectId: w.projectId, clientId: client.id, from: '2026-02-01', to: '2026-02-28' });
  const expense = await inject('POST', `/projects/${w.projectId}/expenses`, { date: '2026-02-03', category: 'travel', description: 'walk', amountMinor: 1234, currency: 'EUR' });
  const upload = multipartFile(RECEIPT_PDF, 'walk.pdf');
  const receiptRes = await ctx.app.inject({ method: 'POST', url: `/api/v1/expenses/${expense.id}/receipts`, headers: { ...ctx.admin.auth, ...upload.headers }, payload: upload.payload });
  if (receiptRes.statusCode !== 201) throw new Error(`receipt upload: ${receiptRes.statusCode} ${receiptRes.body}`);
  const milestone = await inject('POST', `/projects/${w.projectId}/billing-milestones`, { name: 'Walk milestone', amountMinor: 50_000, currency: 'EUR' });
  return {
    personId: w.personId, weekStart, rateId: rate.id, budgetVersionId: budget.id, timeEntryId: sub.entries[0].id, invoiceId: invoice.id, projectId: w.projectId,
    expenseId: expense.id, receiptId: json(receiptRes).id, milestoneId: milestone.id, clientId: client.id,
  };
}

/** Fills the finance path parameters (call before the core fillPath). */
export function fillFinancePath(path: string, f: FinanceWorldIds): string {
  return path
    .replace('{personId}', f.personId)
    .replace('{weekStart}', f.weekStart)
    .replace('/rates/{id}', `/rates/${f.rateId}`)
    .replace('/budget-versions/{id}', `/budget-versions/${f.budgetVersionId}`)
    .replace('/time-entries/{id}', `/time-entries/${f.timeEntryId}`)
    .replace('/invoices/{id}', `/invoices/${f.invoiceId}`)
    .replace('/expenses/{id}', `/expenses/${f.expenseId}`)
    .replace('/receipts/{id}', `/receipts/${f.receiptId}`)
    .replace('/billing-milestones/{id}', `/billing-milestones/${f.milestoneId}`)
    .replace('/clients/{id}', `/clients/${f.clientId}`);
}

/** A valid body for each finance writing route. */
export function financeSampleBodies(f: FinanceWorldIds): Record<string, object | undefined> {
  return {
    'PUT /api/v1/timesheets/{personId}/weeks/{weekStart}/entries': { entries: [{ projectId: f.projectId, date: f.weekStart, minutes: 60 }] },
    'POST /api/v1/timesheets/{personId}/weeks/{weekStart}/submit': undefined,
    'POST /api/v1/timesheets/{personId}/weeks/{weekStart}/recall': undefined,
    'POST /api/v1/time-entries/approve': { ids: [f.timeEntryId] },
    'POST /api/v1/time-entries/reject': { ids: [f.timeEntryId], reason: 'no' },
    'POST /api/v1/time-entries/{id}/corrections': { reason: 'walk', minutes: 30 },
    'POST /api/v1/timesheets/lock': { until: '2026-01-31' },
    'POST /api/v1/rates': { kind: 'cost', effectiveFrom: '2026-03-01', amountMinorPerHour: 1, currency: 'EUR' },
    'PATCH /api/v1/rates/{id}': { amountMinorPerHour: 2, version: 1 },
    'DELETE /api/v1/rates/{id}': undefined,
    'PUT /api/v1/people/{id}/finance-profile': { roleId: null, lineManagerId: null },
    'POST /api/v1/exchange-rates': { from: 'USD', to: 'EUR', date: '2026-02-02', rate: '0.92' },
    'PATCH /api/v1/finance/settings': { maxMinutesPerDay: 600, version: 1 },
    'POST /api/v1/clients': { party: buyer, currency: 'EUR' },
    'PATCH /api/v1/clients/{id}': { party: { ...buyer, name: 'Gemeente Voorbeeld (walk)' }, currency: 'EUR', version: 1 },
    'PUT /api/v1/projects/{id}/finance-settings': { commentRequired: false },
    'PUT /api/v1/projects/{id}/task-costs': { items: [] },
    'POST /api/v1/projects/{id}/expenses': { date: '2026-02-02', category: 'travel', description: 'walk', amountMinor: 100, currency: 'EUR' },
    'POST /api/v1/projects/{id}/expenses/decide': { ids: [f.timeEntryId], decision: 'approve' },
    'POST /api/v1/projects/{id}/cost-lines/import': { csv: `id,project_id,date,category,amount,currency\nwalk-1,${f.projectId},2026-02-03,external,12.50,EUR\n` },
    'POST /api/v1/projects/{id}/budget-versions': { kind: 'change', lines: [] },
    'POST /api/v1/budget-versions/{id}/transitions': { action: 'submit', version: 1 },
    'PATCH /api/v1/budget-versions/{id}': { note: 'walk', lines: [{ month: '2026-03', category: 'labour', expenditure: 'opex', amountMinor: 5 }], version: 1 },
    'POST /api/v1/financials/evm-snapshots': { asOf: '2026-02-28' },
    'POST /api/v1/invoices': { projectId: f.projectId, from: '2026-02-01', to: '2026-02-28' },
    'DELETE /api/v1/invoices/{id}': undefined,
    'POST /api/v1/invoices/{id}/issue': { version: 1 },
    'POST /api/v1/invoices/{id}/pay': { paidOn: '2026-03-01', version: 1 },
    'POST /api/v1/invoices/{id}/void': { reason: 'walk', version: 1 },
    // A JSON body: the walk checks who may call it (the admin's upload answers 415); test/finance/receipts.test.ts uploads files.
    'POST /api/v1/expenses/{id}/receipts': { file: 'not multipart' },
    'DELETE /api/v1/receipts/{id}': undefined,
    'POST /api/v1/projects/{id}/billing-milestones': { name: 'Walk milestone 2', amountMinor: 100, currency: 'EUR' },
    'PATCH /api/v1/billing-milestones/{id}': { status: 'achieved', achievedOn: '2026-02-10', version: 1 },
    'DELETE /api/v1/billing-milestones/{id}': undefined,
    'POST /api/v1/programs/{id}/budget-versions': { kind: 'original', lines: [{ month: '2026-02', category: 'labour', expenditure: 'opex', amountMinor: 1 }] },
    'POST /api/v1/portfolios/{id}/budget-versions': { kind: 'original', lines: [] },
  };
}

/** Finance routes any authenticated user may call: reference data and lists filtered to what the user may see. */
export const FINANCE_OPEN_TO_ALL = new Set(['GET /api/v1/finance/settings', 'GET /api/v1/clients', 'GET /api/v1/approvals/time', 'GET /api/v1/approvals/expenses', 'GET /api/v1/invoices']);
