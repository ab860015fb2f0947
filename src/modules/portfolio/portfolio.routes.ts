/** Routes: portfolio strategy (scoring models, proposals, scores, optimiser, frontier, scenarios). */
import type { App } from '../../server/http.js';
import { actorOf, expectedVersion, withEtag } from '../../server/http.js';
import { created, IdParams, Items, noContentResponses, responses } from '../../server/schemas.js';
import {
  IntakeFormResponse,
  UpdateIntakeFormBody,
  AhpBody,
  AhpResponse,
  AvailableCapacityQuery,
  AvailableCapacityResponse,
  BusinessCaseCasesResponse,
  EvaluateBusinessCaseBody,
  ApplyAhpBody,
  ScoreHistoryResponse,
  CompareQuery,
  ComparisonResponse,
  CreateProjectFromProposalBody,
  CreateProposalBody,
  CreateScenarioBody,
  CreateScoringModelBody,
  FrontierBody,
  FrontierResponse,
  ListProposalsQuery,
  OptimizeBody,
  OptimizeResponse,
  ProposalProjectResponse,
  ProposalResponse,
  ScenarioResponse,
  ScoreBody,
  ScoresQuery,
  ScoresResponse,
  ScoringModelResponse,
  UpdateProposalBody,
  UpdateScoringModelBody,
} from './portfolio.schemas.js';
import * as proposals from './proposals.service.js';
import * as proposalProject from './proposal-project.service.js';
import * as scoring from './scoring.service.js';
import * as selection from './selection.service.js';
import * as intake from './intake.service.js';
import { gatesRoutes } from './gates.routes.js';
import { objectivesRoutes } from './objectives.routes.js';

const tags = ['portfolio strategy'];

export async function portfolioStrategyRoutes(app: App) {
  await gatesRoutes(app);
  await objectivesRoutes(app);

  app.get('/portfolio/scoring-models', { schema: { tags, summary: 'Scoring models, newest first', response: responses(Items(ScoringModelResponse)) } }, async (req) => {
    return { items: await scoring.listModels(app.db, actorOf(req)) };
  });

  app.post('/portfolio/scoring-models', { schema: { tags, summary: 'Create a scoring model (criteria, weights, scales, formula)', body: CreateScoringModelBody, response: created(ScoringModelResponse) } }, async (req, reply) => {
    return reply.code(201).send(withEtag(reply, await scoring.createModel(app.db, actorOf(req), req.body)));
  });

  app.get('/portfolio/scoring-models/:id', { schema: { tags, summary: 'One scoring model', params: IdParams, response: responses(ScoringModelResponse) } }, async (req, reply) => {
    return withEtag(reply, await scoring.getModel(app.db, actorOf(req), req.params.id));
  });

  app.patch('/portfolio/scoring-models/:id', { schema: { tags, summary: 'Update a scoring model (send If-Match)', params: IdParams, body: UpdateScoringModelBody, response: responses(ScoringModelResponse) } }, async (req, reply) => {
    const { version, ...patch } = req.body;
    return withEtag(reply, await scoring.updateModel(app.db, actorOf(req), req.params.id, expectedVersion(req, version), patch));
  });

  app.get('/portfolio/intake-form', { schema: { tags, summary: 'The proposal intake form: the extra fields admins defined', response: responses(IntakeFormResponse) } }, async (req, reply) => {
    return withEtag(reply, await intake.getIntakeForm(app.db, actorOf(req)));
  });

  app.put('/portfolio/intake-form', { schema: { tags, summary: 'Replace the intake form fields (admins and the PMO; send If-Match)', body: UpdateIntakeFormBody, response: responses(IntakeFormResponse) } }, async (req, reply) => {
    const actor = actorOf(req);
    intake.authorizeFormChange(actor); // before the version check, so a refusal is 403 rather than 428
    return withEtag(reply, await intake.updateIntakeForm(app.db, actor, expectedVersion(req, req.body.version), req.body.fields));
  });

  app.post('/portfolio/business-cases/evaluate', { schema: { tags, summary: 'Best, likely and worst case of a business case (nothing is saved)', body: EvaluateBusinessCaseBody, response: responses(BusinessCaseCasesResponse) } }, async (req) => {
    return proposals.previewBusinessCase(actorOf(req), req.body);
  });

  app.post('/portfolio/ahp', { schema: { tags, summary: 'AHP: weights and consistency ratio from pairwise judgements (nothing is saved)', body: AhpBody, response: responses(AhpResponse) } }, async (req) => {
    return scoring.previewAhp(actorOf(req), req.body.criteria, req.body.judgements);
  });

  app.post('/portfolio/scoring-models/:id/ahp', { schema: { tags, summary: "Set a model's weights from pairwise judgements (refused when CR > 0.1; send If-Match)", params: IdParams, body: ApplyAhpBody, response: responses(ScoringModelResponse) } }, async (req, reply) => {
    const actor = actorOf(req);
    scoring.authorizeModelChange(actor); // before the version check, so a refusal is 403 rather than 428
    return withEtag(reply, await scoring.applyAhp(app.db, actor, req.params.id, expectedVersion(req, req.body.version), req.body.judgements));
  });

  app.get('/portfolio/proposals/:id/score-history', { schema: { tags, summary: 'Every score sheet of a proposal under a model, oldest first', params: IdParams, querystring: ScoresQuery, response: responses(ScoreHistoryResponse) } }, async (req) => {
    return scoring.scoreHistory(app.db, actorOf(req), req.params.id, req.query.scoringModelId);
  });

  app.get('/portfolio/proposals', { schema: { tags, summary: 'Proposals ranked by score, with business case figures', querystring: ListProposalsQuery, response: responses(Items(ProposalResponse)) } }, async (req) => {
    return { items: await proposals.listProposals(app.db, actorOf(req), req.query.scoringModelId) };
  });

  app.post('/portfolio/proposals', { schema: { tags, summary: 'Create a proposal (candidate project)', body: CreateProposalBody, response: created(ProposalResponse) } }, async (req, reply) => {
    return reply.code(201).send(withEtag(reply, await proposals.createProposal(app.db, actorOf(req), req.body)));
  });

  app.get('/portfolio/proposals/:id', { schema: { tags, summary: 'One proposal with its business case figures', params: IdParams, response: responses(ProposalResponse) } }, async (req, reply) => {
    return withEtag(reply, await proposals.getProposal(app.db, actorOf(req), req.params.id));
  });

  app.patch('/portfolio/proposals/:id', { schema: { tags, summary: 'Update a proposal (send If-Match)', params: IdParams, body: UpdateProposalBody, response: responses(ProposalResponse) } }, async (req, reply) => {
    const { version, ...patch } = req.body;
    return withEtag(reply, await proposals.updateProposal(app.db, actorOf(req), req.params.id, expectedVersion(req, version), patch));
  });

  app.delete('/portfolio/proposals/:id', { schema: { tags, summary: 'Delete a proposal (send If-Match)', params: IdParams, response: noContentResponses() } }, async (req, reply) => {
    await proposals.deleteProposal(app.db, actorOf(req), req.params.id, expectedVersion(req));
    return reply.code(204).send(null);
  });

  app.post('/portfolio/proposals/:id/project', { schema: { tags, summary: 'Create the project of a proposal now (portfolio editors; send If-Match)', params: IdParams, body: CreateProjectFromProposalBody, response: created(ProposalProjectResponse) } }, async (req, reply) => {
    const { version, ...input } = req.body;
    const h = req.headers['if-match'];
    // Authorisation comes before the version check, so a refusal is 403 rather than 428.
    const v = (typeof h !== 'string' || h.trim() === '') && version === undefined ? null : expectedVersion(req, version);
    return reply.code(201).send(await proposalProject.createProjectFromProposal(app.db, actorOf(req), req.params.id, v, input));
  });

  app.get('/portfolio/proposals/:id/scores', { schema: { tags, summary: "Each scorer's latest sheet and the consensus", params: IdParams, querystring: ScoresQuery, response: responses(ScoresResponse) } }, async (req) => {
    return scoring.listScores(app.db, actorOf(req), req.params.id, req.query.scoringModelId);
  });

  app.post('/portfolio/proposals/:id/scores', { schema: { tags, summary: 'Score a proposal (your sheet; history is kept)', params: IdParams, body: ScoreBody, response: created(ScoresResponse) } }, async (req, reply) => {
    return reply.code(201).send(await scoring.scoreProposal(app.db, actorOf(req), req.params.id, req.body.scoringModelId, req.body.answers));
  });

  app.get('/portfolio/available-capacity', { schema: { tags, summary: "Role capacity left for new work per period: the role's people minus committed demand (resources)", querystring: AvailableCapacityQuery, response: responses(AvailableCapacityResponse) } }, async (req) => {
    return selection.availableCapacity(app.db, actorOf(req), req.query);
  });

  app.post('/portfolio/optimize', { schema: { tags, summary: 'Choose the best proposals within budget and capacity', body: OptimizeBody, response: responses(OptimizeResponse) } }, async (req) => {
    return selection.optimize(app.db, actorOf(req), req.body);
  });

  app.post('/portfolio/frontier', { schema: { tags, summary: 'Efficient frontier: best value at several budget levels', body: FrontierBody, response: responses(FrontierResponse) } }, async (req) => {
    return selection.frontier(app.db, actorOf(req), req.body);
  });

  app.get('/portfolio/scenarios', { schema: { tags, summary: 'Saved scenarios, plan of record first', response: responses(Items(ScenarioResponse)) } }, async (req) => {
    return { items: await selection.listScenarios(app.db, actorOf(req)) };
  });

  app.post('/portfolio/scenarios', { schema: { tags, summary: 'Save a selection as a scenario', body: CreateScenarioBody, response: created(ScenarioResponse) } }, async (req, reply) => {
    return reply.code(201).send(withEtag(reply, await selection.createScenario(app.db, actorOf(req), req.body)));
  });

  app.get('/portfolio/scenarios/compare', { schema: { tags, summary: 'Compare two scenarios (B - A)', querystring: CompareQuery, response: responses(ComparisonResponse) } }, async (req) => {
    return selection.compare(app.db, actorOf(req), req.query.a, req.query.b);
  });

  app.get('/portfolio/scenarios/:id', { schema: { tags, summary: 'One scenario', params: IdParams, response: responses(ScenarioResponse) } }, async (req, reply) => {
    return withEtag(reply, await selection.getScenario(app.db, actorOf(req), req.params.id));
  });

  app.delete('/portfolio/scenarios/:id', { schema: { tags, summary: 'Delete a scenario (send If-Match)', params: IdParams, response: noContentResponses() } }, async (req, reply) => {
    await selection.deleteScenario(app.db, actorOf(req), req.params.id, expectedVersion(req));
    return reply.code(204).send(null);
  });

  app.post('/portfolio/scenarios/:id/promote', { schema: { tags, summary: 'Make this scenario the plan of record (send If-Match)', params: IdParams, response: responses(ScenarioResponse) } }, async (req, reply) => {
    const actor = actorOf(req);
    selection.authorizePromote(actor); // before the version check, so a refusal is 403 rather than 428
    return withEtag(reply, await selection.promote(app.db, actor, req.params.id, expectedVersion(req)));
  });
}
