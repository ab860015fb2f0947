/**
 * A finance world built through the API: seller and payment settings, a client, a project managed by `pm`
 * with `worker` as team member (and a person record), a task, cost and bill rates.
 */
import type { LightMyRequestResponse } from 'fastify';
import { createProjectViaApi, json, type TestContext, type TestUser } from '../helpers.js';

export interface FinanceWorld {
  pm: TestUser;
  worker: TestUser;
  finance: TestUser;
  projectId: string;
  taskId: string;
  personId: string;
  clientId: string;
}

export const seller = {
  name: 'Acme Consulting B.V.', vatId: 'NL123456789B01', legalRegistrationId: '12345678', endpoint: { schemeId: 'EM', value: 'billing@acme.example' },
  address: { street: 'Keizersgracht 1', city: 'Amsterdam', postalCode: '1015 CJ', countryCode: 'NL' }, contact: { name: 'Billing desk', email: 'billing@acme.example' },
};
export const buyer = {
  name: 'Gemeente Voorbeeld', vatId: 'NL987654321B01', endpoint: { schemeId: 'EM', value: 'ap@voorbeeld.example' },
  address: { street: 'Stationsplein 5', city: 'Utrecht', postalCode: '3511 ED', countryCode: 'NL' },
};

/** Calls the API and throws with the body when the status is not the expected one. */
export async function call(ctx: TestContext, as: TestUser, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object, expected?: number, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  const res = await ctx.app.inject({ method, url: `/api/v1${url}`, headers: { ...as.auth, ...headers }, ...(payload ? { payload } : {}) });
  if (expected !== undefined && res.statusCode !== expected) throw new Error(`${method} ${url}: expected ${expected}, got ${res.statusCode} ${res.body}`);
  return res;
}

export async function buildFinanceWorld(ctx: TestContext): Promise<FinanceWorld> {
  const admin = ctx.admin;
  const pm = await ctx.user('member');
  const worker = await ctx.user('member');
  const finance = await ctx.user('finance');
  const project = await createProjectViaApi(ctx, admin, { startDate: '2026-11-02', finishDate: '2027-03-31', managerId: pm.id, stage: 'execution' });
  await call(ctx, admin, 'POST', `/projects/${project.id}/members`, { userId: worker.id, role: 'team_member' }, 201);
  const task = json(await call(ctx, admin, 'POST', `/projects/${project.id}/tasks`, { name: 'Build', start: '2026-11-02T08:00', durationMinutes: 480 * 40 }, 201));
  const person = json(await call(ctx, admin, 'POST', '/people', { name: 'Wendy Worker', userId: worker.id }, 201));
  const settings = json(await call(ctx, admin, 'GET', '/finance/settings', undefined, 200));
  await call(ctx, admin, 'PATCH', '/finance/settings', {
    seller, payment: { meansCode: '58', accountId: 'NL91ABNA0417164300', bic: 'ABNANL2A', terms: 'Net 30 days' }, vatCategory: 'S', vatRatePercent: '21', version: settings.version,
  }, 200);
  const client = json(await call(ctx, finance, 'POST', '/clients', { party: buyer, currency: 'EUR' }, 201));
  await call(ctx, finance, 'POST', '/rates', { kind: 'cost', personId: person.id, effectiveFrom: '2026-01-01', amountMinorPerHour: 6000, currency: 'EUR' }, 201);
  await call(ctx, finance, 'POST', '/rates', { kind: 'bill', personId: person.id, projectId: project.id, effectiveFrom: '2026-01-01', amountMinorPerHour: 9550, currency: 'EUR' }, 201);
  await call(ctx, pm, 'PUT', `/projects/${project.id}/finance-settings`, { clientId: client.id }, 200);
  return { pm, worker, finance, projectId: project.id, taskId: task.id, personId: person.id, clientId: client.id };
}

/** A full working week (Mon-Fri, 8 h a day) on the world's project and task. */
export function workWeek(w: FinanceWorld, monday: string, minutes = 480) {
  const d = new Date(`${monday}T00:00:00Z`);
  return Array.from({ length: 5 }, (_, i) => {
    const x = new Date(d);
    x.setUTCDate(d.getUTCDate() + i);
    return { projectId: w.projectId, taskId: w.taskId, date: x.toISOString().slice(0, 10), minutes, billable: true, comment: 'build' };
  });
}
