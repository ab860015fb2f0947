/** Routes: strategic objectives, key results and links from projects and proposals. */
import type { App } from '../../server/http.js';
import { actorOf, expectedVersion, withEtag } from '../../server/http.js';
import { created, IdParams, noContentResponses, responses } from '../../server/schemas.js';
import { CreateKeyResultBody, CreateLinkBody, CreateObjectiveBody, ObjectiveResponse, ObjectivesResponse, UpdateKeyResultBody, UpdateObjectiveBody } from './objectives.schemas.js';
import * as objectives from './objectives.service.js';

const tags = ['strategic objectives'];

export async function objectivesRoutes(app: App) {
  app.get('/portfolio/objectives', { schema: { tags, summary: 'Objectives in tree order with rolled-up progress, key results, links and alignment', response: responses(ObjectivesResponse) } }, async (req) => {
    return objectives.listObjectives(app.db, actorOf(req));
  });

  app.post('/portfolio/objectives', { schema: { tags, summary: 'Create an objective (optionally under a parent)', body: CreateObjectiveBody, response: created(ObjectiveResponse) } }, async (req, reply) => {
    return reply.code(201).send(withEtag(reply, await objectives.createObjective(app.db, actorOf(req), req.body)));
  });

  app.get('/portfolio/objectives/:id', { schema: { tags, summary: 'One objective with its progress', params: IdParams, response: responses(ObjectiveResponse) } }, async (req, reply) => {
    return withEtag(reply, await objectives.objectiveById(app.db, actorOf(req), req.params.id));
  });

  app.patch('/portfolio/objectives/:id', { schema: { tags, summary: 'Update an objective (send If-Match); a cyclic parent is refused', params: IdParams, body: UpdateObjectiveBody, response: responses(ObjectiveResponse) } }, async (req, reply) => {
    const { version, ...patch } = req.body;
    return withEtag(reply, await objectives.updateObjective(app.db, actorOf(req), req.params.id, expectedVersion(req, version), patch));
  });

  app.delete('/portfolio/objectives/:id', { schema: { tags, summary: 'Delete an objective without children (send If-Match)', params: IdParams, response: noContentResponses() } }, async (req, reply) => {
    await objectives.deleteObjective(app.db, actorOf(req), req.params.id, expectedVersion(req));
    return reply.code(204).send(null);
  });

  app.post('/portfolio/objectives/:id/key-results', { schema: { tags, summary: 'Add a key result (target, actual, unit, due date)', params: IdParams, body: CreateKeyResultBody, response: created(ObjectiveResponse) } }, async (req, reply) => {
    return reply.code(201).send(await objectives.createKeyResult(app.db, actorOf(req), req.params.id, req.body));
  });

  app.patch('/portfolio/key-results/:id', { schema: { tags, summary: 'Update a key result, e.g. its actual value (send If-Match)', params: IdParams, body: UpdateKeyResultBody, response: responses(ObjectiveResponse) } }, async (req) => {
    const { version, ...patch } = req.body;
    return objectives.updateKeyResult(app.db, actorOf(req), req.params.id, expectedVersion(req, version), patch);
  });

  app.delete('/portfolio/key-results/:id', { schema: { tags, summary: 'Delete a key result (send If-Match)', params: IdParams, response: noContentResponses() } }, async (req, reply) => {
    await objectives.deleteKeyResult(app.db, actorOf(req), req.params.id, expectedVersion(req));
    return reply.code(204).send(null);
  });

  app.post('/portfolio/objectives/:id/links', { schema: { tags, summary: 'Link a project or a proposal with a contribution weight', params: IdParams, body: CreateLinkBody, response: created(ObjectiveResponse) } }, async (req, reply) => {
    return reply.code(201).send(await objectives.createLink(app.db, actorOf(req), req.params.id, req.body));
  });

  app.delete('/portfolio/objective-links/:id', { schema: { tags, summary: 'Remove a link', params: IdParams, response: noContentResponses() } }, async (req, reply) => {
    await objectives.deleteLink(app.db, actorOf(req), req.params.id);
    return reply.code(204).send(null);
  });
}

