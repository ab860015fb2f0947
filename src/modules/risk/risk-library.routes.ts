/** Routes: the risk library (templates, lessons from closed projects), project risk profiles and suggestions. */
import type { App } from '../../server/http.js';
import { actorOf, expectedVersion, withEtag } from '../../server/http.js';
import { created, IdParams, Items, noContentResponses, responses } from '../../server/schemas.js';
import * as library from './risk-library.service.js';
import {
  CreateTemplateBody,
  FromTemplateBody,
  LessonBody,
  ListTemplatesQuery,
  PutProfileBody,
  RiskProfileResponse,
  RiskTemplateResponse,
  SuggestionsQuery,
  SuggestionsResponse,
  UpdateTemplateBody,
} from './risk-library.schemas.js';
import { RiskResponse } from './risk.schemas.js';

const tags = ['risk library'];

export async function riskLibraryRoutes(app: App) {
  app.get('/risk-library', { schema: { tags, summary: 'Risk library templates (risks with the responses that worked), optionally for a project type, tag or category', querystring: ListTemplatesQuery, response: responses(Items(RiskTemplateResponse)) } }, async (req) => {
    return { items: await library.listTemplates(app.db, actorOf(req), req.query) };
  });

  app.post('/risk-library', { schema: { tags, summary: 'Add a template to the risk library (portfolio editors)', body: CreateTemplateBody, response: created(RiskTemplateResponse) } }, async (req, reply) => {
    const t = await library.createTemplate(app.db, actorOf(req), req.body);
    return reply.code(201).send(withEtag(reply, t));
  });

  app.get('/risk-library/:id', { schema: { tags, summary: 'One risk library template', params: IdParams, response: responses(RiskTemplateResponse) } }, async (req, reply) => {
    return withEtag(reply, await library.getTemplate(app.db, actorOf(req), req.params.id));
  });

  app.patch('/risk-library/:id', { schema: { tags, summary: 'Update a risk library template (send If-Match)', params: IdParams, body: UpdateTemplateBody, response: responses(RiskTemplateResponse) } }, async (req, reply) => {
    const { version, ...patch } = req.body;
    return withEtag(reply, await library.updateTemplate(app.db, actorOf(req), req.params.id, expectedVersion(req, version), patch));
  });

  app.delete('/risk-library/:id', { schema: { tags, summary: 'Delete a risk library template (send If-Match)', params: IdParams, response: noContentResponses() } }, async (req, reply) => {
    await library.deleteTemplate(app.db, actorOf(req), req.params.id, expectedVersion(req));
    return reply.code(204).send(null);
  });

  app.post('/risks/:id/lessons', { schema: { tags, summary: 'Turn a risk of a closed project into a library template with the responses that worked (or fold it into templateId)', params: IdParams, body: LessonBody, response: created(RiskTemplateResponse) } }, async (req, reply) => {
    const t = await library.captureLesson(app.db, actorOf(req), req.params.id, req.body);
    return reply.code(201).send(withEtag(reply, t));
  });

  app.get('/projects/:id/risk-profile', { schema: { tags, summary: "A project's type and tags for risk library suggestions", params: IdParams, response: responses(RiskProfileResponse) } }, async (req) => {
    return library.getProfile(app.db, actorOf(req), req.params.id);
  });

  app.put('/projects/:id/risk-profile', { schema: { tags, summary: "Set a project's type and tags (send the version read, 0 for a first save)", params: IdParams, body: PutProfileBody, response: responses(RiskProfileResponse) } }, async (req) => {
    const header = req.headers['if-match'];
    const version = typeof header === 'string' && header.trim() !== '' ? expectedVersion(req) : (req.body.version ?? 0);
    return library.putProfile(app.db, actorOf(req), req.params.id, version, req.body);
  });

  app.get('/projects/:id/risk-suggestions', { schema: { tags, summary: 'Library templates suggested to the project from its type and tags (best first, used ones left out)', params: IdParams, querystring: SuggestionsQuery, response: responses(SuggestionsResponse) } }, async (req) => {
    return library.suggestTemplates(app.db, actorOf(req), req.params.id, req.query.limit);
  });

  app.post('/projects/:id/risks/from-template', { schema: { tags, summary: 'Record a project risk from a library template, with an action per useful response', params: IdParams, body: FromTemplateBody, response: created(RiskResponse) } }, async (req, reply) => {
    const r = await library.createRiskFromTemplate(app.db, actorOf(req), req.params.id, req.body);
    return reply.code(201).send(withEtag(reply, r));
  });
}
