/** Routes: risk registers (project, program, portfolio, enterprise), actions, escalation, dashboard, Monte Carlo. */
import type { App } from '../../server/http.js';
import { actorOf, expectedVersion, withEtag } from '../../server/http.js';
import { created, IdParams, Items, noContentResponses, responses } from '../../server/schemas.js';
import {
  ActionResponse,
  CreateActionBody,
  CreateProjectRiskBody,
  CreateRiskBody,
  DashboardQuery,
  EscalateBody,
  EstimateBody,
  EstimateResponse,
  HeatMapQuery,
  ListRisksQuery,
  MatrixResponse,
  MonteCarloQuery,
  MonteCarloResponse,
  ProjectRisksResponse,
  RiskHistoryEntry,
  RiskResponse,
  UpdateActionBody,
  UpdateMatrixBody,
  UpdateRiskBody,
  DashboardResponse,
  SnapshotBody,
  SnapshotResponse,
  TrendQuery,
  TrendResponse,
} from './risk.schemas.js';
import * as risks from './risk.service.js';
import * as actions from './risk-actions.service.js';
import * as settings from './risk-settings.service.js';
import { exposureTrend, riskDashboard, takeExposureSnapshots } from './risk-dashboard.service.js';
import { runProjectMonteCarlo } from './risk-montecarlo.service.js';
import * as raid from './raid.service.js';
import { complianceRoutes } from './compliance.routes.js';
import { riskLibraryRoutes } from './risk-library.routes.js';
import { CreateRaidBody, ListRaidQuery, RaidEntryResponse, UpdateRaidBody } from './raid.schemas.js';

const tags = ['risks'];

export async function riskRoutes(app: App) {
  await complianceRoutes(app);
  await riskLibraryRoutes(app);

  app.get('/risk-matrix', { schema: { tags, summary: 'The risk matrix: probability and impact scales and rating bands', response: responses(MatrixResponse) } }, async (req) => {
    actorOf(req);
    return settings.getRiskMatrix(app.db);
  });

  app.patch('/risk-matrix', { schema: { tags, summary: 'Replace the risk matrix (admin; send the version you read)', body: UpdateMatrixBody, response: responses(MatrixResponse) } }, async (req) => {
    return settings.updateRiskMatrix(app.db, actorOf(req), expectedVersion(req, req.body.version), req.body.matrix);
  });

  app.get('/projects/:id/risks', { schema: { tags, summary: "A project's risk register with its heat map", params: IdParams, querystring: HeatMapQuery, response: responses(ProjectRisksResponse) } }, async (req) => {
    return risks.listProjectRisks(app.db, actorOf(req), req.params.id, req.query.basis);
  });

  app.post('/projects/:id/risks', { schema: { tags, summary: 'Record a project risk', params: IdParams, body: CreateProjectRiskBody, response: created(RiskResponse) } }, async (req, reply) => {
    const r = await risks.createProjectRisk(app.db, actorOf(req), req.params.id, req.body);
    return reply.code(201).send(withEtag(reply, r));
  });

  app.get('/risks', { schema: { tags, summary: 'Risks across registers (portfolio-wide roles)', querystring: ListRisksQuery, response: responses(Items(RiskResponse)) } }, async (req) => {
    return risks.listRisks(app.db, actorOf(req), req.query);
  });

  app.post('/risks', { schema: { tags, summary: 'Record a program, portfolio or enterprise risk', body: CreateRiskBody, response: created(RiskResponse) } }, async (req, reply) => {
    const r = await risks.createRisk(app.db, actorOf(req), req.body);
    return reply.code(201).send(withEtag(reply, r));
  });

  app.get('/risk-dashboard', { schema: { tags, summary: 'Portfolio risk dashboard: heat map, exposure roll-up, top risks', querystring: DashboardQuery, response: responses(DashboardResponse) } }, async (req) => {
    return riskDashboard(app.db, actorOf(req), req.query);
  });

  app.get('/risk-exposure/trend', { schema: { tags, summary: 'Exposure over time of the organisation, a portfolio or a program (daily snapshots)', querystring: TrendQuery, response: responses(TrendResponse) } }, async (req) => {
    return exposureTrend(app.db, actorOf(req), req.query);
  });

  app.post('/risk-exposure/snapshots', { schema: { tags, summary: 'Take the exposure snapshot of a day for every view (for a nightly cron; rewriting a day replaces it)', body: SnapshotBody, response: responses(SnapshotResponse) } }, async (req) => {
    return takeExposureSnapshots(app.db, actorOf(req), req.body);
  });

  app.get('/risks/:id', { schema: { tags, summary: 'One risk', params: IdParams, response: responses(RiskResponse) } }, async (req, reply) => {
    return withEtag(reply, await risks.readRisk(app.db, actorOf(req), req.params.id));
  });

  app.patch('/risks/:id', { schema: { tags, summary: 'Update a risk (send If-Match)', params: IdParams, body: UpdateRiskBody, response: responses(RiskResponse) } }, async (req, reply) => {
    const { version, ...patch } = req.body;
    return withEtag(reply, await risks.updateRisk(app.db, actorOf(req), req.params.id, expectedVersion(req, version), patch));
  });

  app.delete('/risks/:id', { schema: { tags, summary: 'Delete a risk and its actions (send If-Match)', params: IdParams, response: noContentResponses() } }, async (req, reply) => {
    await risks.deleteRisk(app.db, actorOf(req), req.params.id, expectedVersion(req));
    return reply.code(204).send(null);
  });

  app.get('/risks/:id/history', { schema: { tags, summary: 'Field-level change history of a risk', params: IdParams, response: responses(Items(RiskHistoryEntry)) } }, async (req) => {
    return { items: await risks.riskHistory(app.db, actorOf(req), req.params.id) };
  });

  app.post('/risks/:id/escalate', { schema: { tags, summary: 'Escalate a risk to a higher register (link to a target risk, or create one at a level)', params: IdParams, body: EscalateBody, response: responses(RiskResponse) } }, async (req, reply) => {
    return withEtag(reply, await risks.escalateRisk(app.db, actorOf(req), req.params.id, req.body));
  });

  app.delete('/risks/:id/escalation', { schema: { tags, summary: "Remove a risk's escalation link (send the risk's If-Match); the higher-level risk stays", params: IdParams, response: responses(RiskResponse) } }, async (req, reply) => {
    return withEtag(reply, await risks.removeEscalation(app.db, actorOf(req), req.params.id, expectedVersion(req)));
  });

  app.get('/risks/:id/actions', { schema: { tags, summary: 'Mitigation actions of a risk', params: IdParams, response: responses(Items(ActionResponse)) } }, async (req) => {
    return { items: await actions.listRiskActions(app.db, actorOf(req), req.params.id) };
  });

  app.post('/risks/:id/actions', { schema: { tags, summary: 'Add a mitigation action to a risk', params: IdParams, body: CreateActionBody, response: created(ActionResponse) } }, async (req, reply) => {
    const a = await actions.createRiskAction(app.db, actorOf(req), req.params.id, req.body);
    return reply.code(201).send(withEtag(reply, a));
  });

  app.patch('/risk-actions/:id', { schema: { tags, summary: 'Update a mitigation action (send If-Match)', params: IdParams, body: UpdateActionBody, response: responses(ActionResponse) } }, async (req, reply) => {
    const { version, ...patch } = req.body;
    return withEtag(reply, await actions.updateRiskAction(app.db, actorOf(req), req.params.id, expectedVersion(req, version), patch));
  });

  app.delete('/risk-actions/:id', { schema: { tags, summary: 'Delete a mitigation action (send If-Match)', params: IdParams, response: noContentResponses() } }, async (req, reply) => {
    await actions.deleteRiskAction(app.db, actorOf(req), req.params.id, expectedVersion(req));
    return reply.code(204).send(null);
  });

  app.get('/projects/:id/estimates', { schema: { tags, summary: "Three-point duration estimates of a project's tasks", params: IdParams, response: responses(Items(EstimateResponse)) } }, async (req) => {
    return { items: await settings.listEstimates(app.db, actorOf(req), req.params.id) };
  });

  app.put('/tasks/:id/estimate', { schema: { tags, summary: "Set a task's three-point duration estimate (working minutes)", params: IdParams, body: EstimateBody, response: responses(EstimateResponse) } }, async (req, reply) => {
    return withEtag(reply, await settings.putEstimate(app.db, actorOf(req), req.params.id, req.body));
  });

  app.get('/projects/:id/monte-carlo', { schema: { tags, summary: 'Run a seeded Monte Carlo schedule analysis: P10/P50/P80/P90 finish dates, histogram, S-curve, tornado', params: IdParams, querystring: MonteCarloQuery, response: responses(MonteCarloResponse) } }, async (req) => {
    return runProjectMonteCarlo(app.db, actorOf(req), req.params.id, req.query);
  });

  app.get('/projects/:id/raid', { schema: { tags, summary: "A project's RAID log: issues, decisions, changes, assumptions", params: IdParams, querystring: ListRaidQuery, response: responses(Items(RaidEntryResponse)) } }, async (req) => {
    return { items: await raid.listRaid(app.db, actorOf(req), req.params.id, req.query) };
  });

  app.post('/projects/:id/raid', { schema: { tags, summary: 'Add an issue, decision, change or assumption to the RAID log', params: IdParams, body: CreateRaidBody, response: created(RaidEntryResponse) } }, async (req, reply) => {
    const e = await raid.createRaid(app.db, actorOf(req), req.params.id, req.body);
    return reply.code(201).send(withEtag(reply, e));
  });

  app.patch('/raid/:id', { schema: { tags, summary: 'Update a RAID entry (send If-Match)', params: IdParams, body: UpdateRaidBody, response: responses(RaidEntryResponse) } }, async (req, reply) => {
    const { version, ...patch } = req.body;
    return withEtag(reply, await raid.updateRaid(app.db, actorOf(req), req.params.id, expectedVersion(req, version), patch));
  });

  app.delete('/raid/:id', { schema: { tags, summary: 'Delete a RAID entry (send If-Match)', params: IdParams, response: noContentResponses() } }, async (req, reply) => {
    await raid.deleteRaid(app.db, actorOf(req), req.params.id, expectedVersion(req));
    return reply.code(204).send(null);
  });
}
