/** Routes of the finance module: rates, exchange rates, settings, clients, budgets, expenses, financials; registers timesheet and invoice routes. */
import type { App } from '../../server/http.js';
import { actorOf, expectedVersion, withEtag } from '../../server/http.js';
import { created, IdParams, Items, noContentResponses, responses } from '../../server/schemas.js';
import {
  AsOfQuery, BudgetResponse, BudgetTransitionBody, BudgetVersionBody, BudgetVersionResponse, ClientBody, CostLinesBody, ClientResponse, DecideExpensesBody, ExchangeRateBody,
  ExchangeRateResponse, ExchangeRatesQuery, PersonFinanceBody, PersonFinanceResponse, ExpenseBody, ExpenseResponse, FinancialsResponse, ProjectFinanceBody, ProjectFinanceResponse, RateBody, RatePatchBody,
  RateResponse, RatesQuery, RollupQuery, RollupResponse, SCurveResponse, SnapshotBody, SettingsBody, SettingsResponse, TaskCostsBody, TaskCostsResponse,
} from './finance.schemas.js';
import { z } from 'zod';
import * as rates from './rates.service.js';
import * as setup from './setup.service.js';
import * as budgets from './budgets.service.js';
import * as financials from './financials.service.js';
import * as rollup from './financials-rollup.service.js';
import { todayIso } from './finance-common.js';
import { timesheetsRoutes } from './timesheets.routes.js';
import { invoicesRoutes } from './invoices.routes.js';

const tags = ['finance'];

export async function financeRoutes(app: App) {
  await app.register(timesheetsRoutes);
  await app.register(invoicesRoutes);

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
  app.post('/clients', { schema: { tags, summary: 'Add a client', body: ClientBody, response: created(ClientResponse) } }, async (req, reply) => reply.code(201).send(await setup.createClient(app.db, actorOf(req), req.body)));

  app.get('/projects/:id/finance-settings', { schema: { tags, summary: "A project's client, comment rule and billing type", params: IdParams, response: responses(ProjectFinanceResponse) } }, async (req) => setup.getProjectFinance(app.db, actorOf(req), req.params.id));
  app.put('/projects/:id/finance-settings', { schema: { tags, summary: "Set a project's client, comment rule and billing type", params: IdParams, body: ProjectFinanceBody, response: responses(ProjectFinanceResponse) } }, async (req) => setup.putProjectFinance(app.db, actorOf(req), req.params.id, req.body));
  app.put('/projects/:id/task-costs', { schema: { tags, summary: 'Planned cost and earned-value method of tasks (for PV, EV, BAC)', params: IdParams, body: TaskCostsBody, response: responses(TaskCostsResponse) } }, async (req) => ({ items: await setup.putTaskCosts(app.db, actorOf(req), req.params.id, req.body.items) }));

  app.get('/projects/:id/expenses', { schema: { tags, summary: 'Expenses of a project', params: IdParams, response: responses(Items(ExpenseResponse)) } }, async (req) => ({ items: await setup.listExpenses(app.db, actorOf(req), req.params.id) }));
  app.post('/projects/:id/expenses', { schema: { tags, summary: 'Record an expense (submitted for approval)', params: IdParams, body: ExpenseBody, response: created(ExpenseResponse) } }, async (req, reply) => reply.code(201).send(await setup.createExpense(app.db, actorOf(req), req.params.id, req.body)));
  app.post('/projects/:id/expenses/decide', { schema: { tags, summary: 'Approve or reject submitted expenses in bulk', params: IdParams, body: DecideExpensesBody, response: responses(z.object({ decided: z.number().int(), state: z.string() })) } }, async (req) => setup.decideExpenses(app.db, actorOf(req), req.params.id, req.body));

  app.post('/projects/:id/cost-lines/import', { schema: { tags, summary: 'Import actual cost lines from CSV (id,project_id,date,category,amount,currency); all or nothing', params: IdParams, body: CostLinesBody, response: responses(z.object({ imported: z.number().int(), totalMinor: z.number().int() })) } }, async (req) => setup.importCostLines(app.db, actorOf(req), req.params.id, req.body.csv));
  app.get('/projects/:id/budget', { schema: { tags, summary: 'Budget versions and the effective budget by month, category and capex/opex', params: IdParams, response: responses(BudgetResponse) } }, async (req) => budgets.listBudget(app.db, actorOf(req), req.params.id));
  app.post('/projects/:id/budget-versions', { schema: { tags, summary: 'Create a draft budget version (original, or a change holding deltas)', params: IdParams, body: BudgetVersionBody, response: created(BudgetVersionResponse) } }, async (req, reply) => reply.code(201).send(withEtag(reply, await budgets.createBudgetVersion(app.db, actorOf(req), req.params.id, req.body))));
  app.post('/budget-versions/:id/transitions', { schema: { tags, summary: 'Submit, approve, reject or revise a budget version (send If-Match)', params: IdParams, body: BudgetTransitionBody, response: responses(BudgetVersionResponse) } }, async (req, reply) => {
    return withEtag(reply, await budgets.transitionBudget(app.db, actorOf(req), req.params.id, expectedVersion(req, req.body.version), req.body.action));
  });

  app.get('/projects/:id/financials', { schema: { tags, summary: 'Budget vs actual vs forecast by month, EVM, forecast and margin as of a date', params: IdParams, querystring: AsOfQuery, response: responses(FinancialsResponse) } }, async (req) => financials.getProjectFinancials(app.db, actorOf(req), req.params.id, req.query.asOf ?? todayIso()));
  app.get('/financials/rollup', { schema: { tags, summary: 'Budget, actual, forecast and EVM of every project and per portfolio (EVM from snapshots at most 5 minutes old; refresh=true recomputes)', querystring: RollupQuery, response: responses(RollupResponse) } }, async (req) => rollup.getPortfolioRollup(app.db, actorOf(req), req.query.asOf ?? todayIso(), { refresh: req.query.refresh === 'true' }));
  app.post('/financials/evm-snapshots', { schema: { tags, summary: 'Take the EVM snapshot (BAC, PV, EV) of every project at a status date', body: SnapshotBody, response: responses(z.object({ asOf: z.string(), projects: z.number().int() })) } }, async (req) => rollup.takeEvmSnapshots(app.db, actorOf(req), req.body.asOf ?? todayIso()));
  app.get('/projects/:id/evm/s-curve', { schema: { tags, summary: 'S-curve of a project from its EVM snapshots (PV, EV, AC, CPI, SPI per status date)', params: IdParams, response: responses(SCurveResponse) } }, async (req) => rollup.getSCurve(app.db, actorOf(req), req.params.id));
}
