/** Routes of the finance module: rates, exchange rates, settings, clients, task costs, billing milestones, budgets, financials; registers timesheet, invoice and expense routes. */
import type { App } from '../../server/http.js';
import { actorOf, expectedVersion, withEtag } from '../../server/http.js';
import { created, IdParams, Items, noContentResponses, responses } from '../../server/schemas.js';
import {
  AsOfQuery, BudgetResponse, BudgetTransitionBody, BudgetVersionBody, BudgetVersionPatchBody, BudgetVersionResponse, ClientBody, ClientPatchBody, ClientResponse, ExchangeRateBody, ExchangeRateResponse, ExchangeRatesQuery, PersonFinanceBody, PersonFinanceResponse, FinancialsResponse, ProjectFinanceBody, ProjectFinanceResponse, RateBody, RatePatchBody, RateResponse, RatesQuery, RollupQuery, RollupResponse, SCurveResponse, SnapshotBody, SettingsBody, SettingsResponse, TaskCostsBody, TaskCostsResponse, TaskEvmResponse,
} from './finance.schemas.js';
import { MilestoneBody, MilestonePatchBody, MilestoneResponse } from './billing.schemas.js';
import { z } from 'zod';
import * as rates from './rates.service.js';
import * as setup from './setup.service.js';
import * as budgets from './budgets.service.js';
import * as taskCosts from './task-costs.service.js';
import * as milestones from './milestones.service.js';
import * as financials from './financials.service.js';
import * as rollup from './financials-rollup.service.js';
import { todayIso } from './finance-common.js';
import { timesheetsRoutes } from './timesheets.routes.js';
import { invoicesRoutes } from './invoices.routes.js';
import { expensesRoutes } from './expenses.routes.js';

const tags = ['finance'];

export async function financeRoutes(app: App) {
  await app.register(timesheetsRoutes);
  await app.register(invoicesRoutes);
  await app.register(expensesRoutes);

  app.get('/rates', { schema: { tags, summary: 'Cost and bill rates', querystring: RatesQuery, response: responses(Items(RateResponse)) } }, async (req) => ({ items: await rates.listRates(app.db, actorOf(req), req.query) }));
  app.post('/rates', { schema: { tags, summary: 'Add a rate (person, role and/or project, effective dates)', body: RateBody, response: created(RateResponse) } }, async (req, reply) => reply.code(201).send(withEtag(reply, await rates.createRate(app.db, actorOf(req), req.body))));
  app.patch('/rates/:id', { schema: { tags, summary: 'Change a rate (send If-Match)', params: IdParams, body: RatePatchBody, response: responses(RateResponse) } }, async (req, reply) => {
    const { version, ...patch } = req.body;
    return withEtag(reply, await rates.updateRate(app.db, actorOf(req), req.params.id, expectedVersion(req, version), patch));
  });
  app.delete('/rates/:id', { schema: { tags, summary: 'Delete a rate (send If-Match)', params: IdParams, response: noContentResponses() } }, async (req, reply) => {
    await rates.deleteRate(app.db, actorOf(req), req.params.id, expectedVersion(req));
    return reply.code(204).send(null);
  });
  app.get('/people/:id/finance-profile', { schema: { tags, summary: "A person's rate role and line manager", params: IdParams, response: responses(PersonFinanceResponse) } }, async (req) => rates.getPersonFinance(app.db, actorOf(req), req.params.id));
  app.put('/people/:id/finance-profile', { schema: { tags, summary: "Set a person's rate role and line manager (who may approve their time)", params: IdParams, body: PersonFinanceBody, response: responses(PersonFinanceResponse) } }, async (req) => rates.putPersonFinance(app.db, actorOf(req), req.params.id, req.body));
  app.get('/exchange-rates', { schema: { tags, summary: 'Dated exchange rates', querystring: ExchangeRatesQuery, response: responses(Items(ExchangeRateResponse)) } }, async (req) => ({ items: await rates.listExchangeRates(app.db, actorOf(req), req.query) }));
  app.post('/exchange-rates', { schema: { tags, summary: 'Set the rate of a currency pair on a date (1 from = rate to)', body: ExchangeRateBody, response: created(ExchangeRateResponse) } }, async (req, reply) => reply.code(201).send(await rates.putExchangeRate(app.db, actorOf(req), req.body)));

  app.get('/finance/settings', { schema: { tags, summary: 'Timesheet rules, seller, VAT and numbering series', response: responses(SettingsResponse) } }, async (req, reply) => withEtag(reply, await setup.getSettings(app.db, actorOf(req))));
  app.patch('/finance/settings', { schema: { tags, summary: 'Change the finance settings (send If-Match)', body: SettingsBody, response: responses(SettingsResponse) } }, async (req, reply) => {
    const { version, ...patch } = req.body;
    return withEtag(reply, await setup.updateSettings(app.db, actorOf(req), expectedVersion(req, version), patch));
  });
  app.get('/clients', { schema: { tags, summary: 'Clients (invoice buyers)', response: responses(Items(ClientResponse)) } }, async (req) => ({ items: await setup.listClients(app.db, actorOf(req)) }));
  app.post('/clients', { schema: { tags, summary: 'Add a client', body: ClientBody, response: created(ClientResponse) } }, async (req, reply) => reply.code(201).send(withEtag(reply, await setup.createClient(app.db, actorOf(req), req.body))));
  app.patch('/clients/:id', { schema: { tags, summary: 'Change a client (send If-Match); invoices already drafted or issued keep the buyer they were made with', params: IdParams, body: ClientPatchBody, response: responses(ClientResponse) } }, async (req, reply) => {
    const { version, ...patch } = req.body;
    return withEtag(reply, await setup.updateClient(app.db, actorOf(req), req.params.id, expectedVersion(req, version), patch));
  });

  app.get('/projects/:id/finance-settings', { schema: { tags, summary: "A project's client, comment rule and billing type", params: IdParams, response: responses(ProjectFinanceResponse) } }, async (req) => setup.getProjectFinance(app.db, actorOf(req), req.params.id));
  app.put('/projects/:id/finance-settings', { schema: { tags, summary: "Set a project's client, comment rule and billing type", params: IdParams, body: ProjectFinanceBody, response: responses(ProjectFinanceResponse) } }, async (req) => setup.putProjectFinance(app.db, actorOf(req), req.params.id, req.body));
  app.get('/projects/:id/task-costs', { schema: { tags, summary: 'Costed tasks with their earned-value method and inputs, and each task\'s BAC, PV, EV, AC, CPI and SPI at a status date', params: IdParams, querystring: AsOfQuery, response: responses(TaskEvmResponse) } }, async (req) => taskCosts.listTaskCosts(app.db, actorOf(req), req.params.id, req.query.asOf ?? todayIso()));
  app.put('/projects/:id/task-costs', { schema: { tags, summary: 'Planned cost and earned-value method of tasks (percent complete, 0/100, 50/50, weighted milestones, physical percent complete) with the method inputs', params: IdParams, body: TaskCostsBody, response: responses(TaskCostsResponse) } }, async (req) => ({ items: await taskCosts.putTaskCosts(app.db, actorOf(req), req.params.id, req.body.items) }));

  app.get('/projects/:id/billing-milestones', { schema: { tags: ['invoices'], summary: 'Billing milestones of a project (fixed-price and milestone billing)', params: IdParams, response: responses(Items(MilestoneResponse)) } }, async (req) => ({ items: await milestones.listMilestones(app.db, actorOf(req), req.params.id) }));
  app.post('/projects/:id/billing-milestones', { schema: { tags: ['invoices'], summary: 'Add a planned billing milestone', params: IdParams, body: MilestoneBody, response: created(MilestoneResponse) } }, async (req, reply) => reply.code(201).send(withEtag(reply, await milestones.createMilestone(app.db, actorOf(req), req.params.id, req.body))));
  app.patch('/billing-milestones/:id', { schema: { tags: ['invoices'], summary: 'Change a billing milestone: its terms while planned, or its status (achieved on a date, accepted, back to planned) while not billed (send If-Match)', params: IdParams, body: MilestonePatchBody, response: responses(MilestoneResponse) } }, async (req, reply) => {
    const { version, ...patch } = req.body;
    return withEtag(reply, await milestones.updateMilestone(app.db, actorOf(req), req.params.id, expectedVersion(req, version), patch, todayIso()));
  });
  app.delete('/billing-milestones/:id', { schema: { tags: ['invoices'], summary: 'Delete a billing milestone that was never invoiced (send If-Match)', params: IdParams, response: noContentResponses() } }, async (req, reply) => {
    await milestones.deleteMilestone(app.db, actorOf(req), req.params.id, expectedVersion(req));
    return reply.code(204).send(null);
  });


  for (const scope of ['project', 'program', 'portfolio'] as const) {
    const base = `/${scope === 'project' ? 'projects' : scope === 'program' ? 'programs' : 'portfolios'}/:id`;
    app.get(`${base}/budget`, { schema: { tags, summary: `Budget versions of a ${scope} and its effective budget by month, category and capex/opex${scope === 'project' ? '' : ', against the budgets and actual cost of its projects'}`, params: IdParams, response: responses(BudgetResponse) } }, async (req) => budgets.listBudget(app.db, actorOf(req), { scope, id: req.params.id }));
    app.post(`${base}/budget-versions`, { schema: { tags, summary: `Create a draft budget version of a ${scope} (original, or a change holding deltas)`, params: IdParams, body: BudgetVersionBody, response: created(BudgetVersionResponse) } }, async (req, reply) => reply.code(201).send(withEtag(reply, await budgets.createBudgetVersion(app.db, actorOf(req), { scope, id: req.params.id }, req.body))));
  }
  app.patch('/budget-versions/:id', { schema: { tags, summary: 'Change the note and lines of a draft budget version (send If-Match)', params: IdParams, body: BudgetVersionPatchBody, response: responses(BudgetVersionResponse) } }, async (req, reply) => {
    const { version, ...patch } = req.body;
    return withEtag(reply, await budgets.updateBudgetVersion(app.db, actorOf(req), req.params.id, expectedVersion(req, version), patch));
  });
  app.post('/budget-versions/:id/transitions', { schema: { tags, summary: 'Submit, approve, reject or revise a budget version (send If-Match); the submitter never decides', params: IdParams, body: BudgetTransitionBody, response: responses(BudgetVersionResponse) } }, async (req, reply) => {
    return withEtag(reply, await budgets.transitionBudget(app.db, actorOf(req), req.params.id, expectedVersion(req, req.body.version), req.body.action));
  });

  app.get('/projects/:id/financials', { schema: { tags, summary: 'Budget vs actual vs forecast by month, EVM, forecast and margin as of a date', params: IdParams, querystring: AsOfQuery, response: responses(FinancialsResponse) } }, async (req) => financials.getProjectFinancials(app.db, actorOf(req), req.params.id, req.query.asOf ?? todayIso()));
  app.get('/financials/rollup', { schema: { tags, summary: 'Budget, actual, forecast and EVM of every project and per portfolio (EVM from snapshots at most 5 minutes old; refresh=true recomputes)', querystring: RollupQuery, response: responses(RollupResponse) } }, async (req) => rollup.getPortfolioRollup(app.db, actorOf(req), req.query.asOf ?? todayIso(), { refresh: req.query.refresh === 'true' }));
  app.post('/financials/evm-snapshots', { schema: { tags, summary: 'Take the EVM snapshot (BAC, PV, EV) of every project at a status date', body: SnapshotBody, response: responses(z.object({ asOf: z.string(), projects: z.number().int() })) } }, async (req) => rollup.takeEvmSnapshots(app.db, actorOf(req), req.body.asOf ?? todayIso()));
  app.get('/projects/:id/evm/s-curve', { schema: { tags, summary: 'S-curve of a project from its EVM snapshots (PV, EV, AC, CPI, SPI per status date)', params: IdParams, response: responses(SCurveResponse) } }, async (req) => rollup.getSCurve(app.db, actorOf(req), req.params.id));
}
