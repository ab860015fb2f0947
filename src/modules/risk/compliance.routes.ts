/** Routes: compliance checklists per lifecycle stage, project compliance records, risk register reviews, the portfolio matrix. */
import type { App } from '../../server/http.js';
import { actorOf } from '../../server/http.js';
import { created, IdParams, Items, responses } from '../../server/schemas.js';
import * as compliance from './compliance.service.js';
import {
  ChecklistResponse,
  ComplianceItemParams,
  ComplianceMatrixResponse,
  LifecycleParams,
  MatrixQuery,
  ProjectComplianceResponse,
  PutChecklistBody,
  RecordComplianceBody,
  RegisterReviewBody,
  RegisterReviewResponse,
} from './compliance.schemas.js';

const tags = ['compliance'];

/** Reads the If-Match version when sent (a record is created without one). */
function optionalVersion(header: string | string[] | undefined, body: number | undefined): number | undefined {
  if (typeof header === 'string' && header.trim() !== '') {
    const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
    if (m) return Number(m[1]);
  }
  return body;
}

export async function complianceRoutes(app: App) {
  app.get('/compliance/checklists', { schema: { tags, summary: "Every lifecycle's compliance checklist", response: responses(Items(ChecklistResponse)) } }, async (req) => {
    return { items: await compliance.listChecklists(app.db, actorOf(req)) };
  });

  app.get('/compliance/checklists/:lifecycleId', { schema: { tags, summary: "A lifecycle's compliance checklist (the standard lifecycle shows an example until one is saved)", params: LifecycleParams, response: responses(ChecklistResponse) } }, async (req) => {
    return compliance.getChecklist(app.db, actorOf(req), req.params.lifecycleId);
  });

  app.put('/compliance/checklists/:lifecycleId', { schema: { tags, summary: "Replace a lifecycle's compliance checklist (admins and the PMO; send the version you read, 0 for a first save)", params: LifecycleParams, body: PutChecklistBody, response: responses(ChecklistResponse) } }, async (req) => {
    const version = optionalVersion(req.headers['if-match'], req.body.version) ?? 0;
    return compliance.putChecklist(app.db, actorOf(req), req.params.lifecycleId, version, req.body);
  });

  app.get('/projects/:id/compliance', { schema: { tags, summary: "A project's compliance: each checklist item of its lifecycle with its status today", params: IdParams, response: responses(ProjectComplianceResponse) } }, async (req) => {
    return compliance.projectCompliance(app.db, actorOf(req), req.params.id);
  });

  app.put('/projects/:id/compliance/:itemId', { schema: { tags, summary: 'Record what the project did for a checklist item: date, evidence links, note (If-Match once the record exists)', params: ComplianceItemParams, body: RecordComplianceBody, response: responses(ProjectComplianceResponse) } }, async (req) => {
    return compliance.recordCompliance(app.db, actorOf(req), req.params.id, req.params.itemId, optionalVersion(req.headers['if-match'], req.body.version), req.body);
  });

  app.get('/projects/:id/risk-register/reviews', { schema: { tags, summary: "The latest reviews of a project's risk register", params: IdParams, response: responses(Items(RegisterReviewResponse)) } }, async (req) => {
    return { items: await compliance.listRegisterReviews(app.db, actorOf(req), req.params.id) };
  });

  app.post('/projects/:id/risk-register/reviews', { schema: { tags, summary: "Record today's review of the project's risk register", params: IdParams, body: RegisterReviewBody, response: created(RegisterReviewResponse) } }, async (req, reply) => {
    return reply.code(201).send(await compliance.reviewRiskRegister(app.db, actorOf(req), req.params.id, req.body.note));
  });

  app.get('/compliance/matrix', { schema: { tags, summary: 'Portfolio compliance matrix: a row per project, a cell per checklist item, per lifecycle (portfolio-wide roles)', querystring: MatrixQuery, response: responses(ComplianceMatrixResponse) } }, async (req) => {
    return compliance.complianceMatrix(app.db, actorOf(req), { portfolioId: req.query.portfolioId, programId: req.query.programId, includeClosed: req.query.includeClosed === 'true' });
  });
}

