/** Routes: lifecycles (stages and gates) and gate reviews of projects and proposals. */
import type { App } from '../../server/http.js';
import { actorOf, expectedVersion, withEtag } from '../../server/http.js';
import { created, IdParams, Items, noContentResponses, responses } from '../../server/schemas.js';
import {
  CreateLifecycleBody,
  DecideBody,
  GateReviewResponse,
  LifecycleResponse,
  ListGateReviewsQuery,
  SubjectGatesResponse,
  UpdateGateReviewBody,
  UpdateLifecycleBody,
  VoteBody,
} from './gates.schemas.js';
import * as gates from './gates.service.js';
import * as lifecycles from './lifecycles.service.js';

const tags = ['stage gates'];

/** The If-Match (or body) version, or null when none was sent: the service answers 428 only after authorising. */
function versionOrNull(req: Parameters<typeof expectedVersion>[0], bodyVersion?: number): number | null {
  const h = req.headers['if-match'];
  if ((typeof h !== 'string' || h.trim() === '') && bodyVersion === undefined) return null;
  return expectedVersion(req, bodyVersion);
}

export async function gatesRoutes(app: App) {
  app.get('/lifecycles', { schema: { tags, summary: 'Lifecycles (stages and gates), default first', response: responses(Items(LifecycleResponse)) } }, async (req) => {
    return { items: await lifecycles.listLifecycles(app.db, actorOf(req)) };
  });

  app.post('/lifecycles', { schema: { tags, summary: 'Create a lifecycle (admins and the PMO)', body: CreateLifecycleBody, response: created(LifecycleResponse) } }, async (req, reply) => {
    return reply.code(201).send(withEtag(reply, await lifecycles.createLifecycle(app.db, actorOf(req), req.body)));
  });

  app.get('/lifecycles/:id', { schema: { tags, summary: 'One lifecycle', params: IdParams, response: responses(LifecycleResponse) } }, async (req, reply) => {
    return withEtag(reply, await lifecycles.getLifecycle(app.db, actorOf(req), req.params.id));
  });

  app.patch('/lifecycles/:id', { schema: { tags, summary: 'Change a lifecycle or make it the default (send If-Match)', params: IdParams, body: UpdateLifecycleBody, response: responses(LifecycleResponse) } }, async (req, reply) => {
    const { version, ...patch } = req.body;
    return withEtag(reply, await lifecycles.updateLifecycle(app.db, actorOf(req), req.params.id, expectedVersion(req, version), patch));
  });

  app.delete('/lifecycles/:id', { schema: { tags, summary: 'Delete an unused lifecycle (send If-Match)', params: IdParams, response: noContentResponses() } }, async (req, reply) => {
    await lifecycles.deleteLifecycle(app.db, actorOf(req), req.params.id, expectedVersion(req));
    return reply.code(204).send(null);
  });

  app.get('/projects/:id/gates', { schema: { tags, summary: "A project's stage, the gate out of it, its open review and the decisions so far", params: IdParams, response: responses(SubjectGatesResponse) } }, async (req) => {
    return gates.getSubjectGates(app.db, actorOf(req), 'project', req.params.id);
  });

  app.post('/projects/:id/gate-reviews', { schema: { tags, summary: "Open a review of the gate out of the project's stage", params: IdParams, response: created(GateReviewResponse) } }, async (req, reply) => {
    return reply.code(201).send(withEtag(reply, await gates.openReview(app.db, actorOf(req), 'project', req.params.id)));
  });

  app.get('/portfolio/proposals/:id/gates', { schema: { tags, summary: "A proposal's stage, the gate out of it, its open review and the decisions so far", params: IdParams, response: responses(SubjectGatesResponse) } }, async (req) => {
    return gates.getSubjectGates(app.db, actorOf(req), 'proposal', req.params.id);
  });

  app.post('/portfolio/proposals/:id/gate-reviews', { schema: { tags, summary: "Open a review of the gate out of the proposal's stage", params: IdParams, response: created(GateReviewResponse) } }, async (req, reply) => {
    return reply.code(201).send(withEtag(reply, await gates.openReview(app.db, actorOf(req), 'proposal', req.params.id)));
  });

  app.get('/gate-reviews', { schema: { tags, summary: 'Gate reviews you may see (open ones: the decision queue)', querystring: ListGateReviewsQuery, response: responses(Items(GateReviewResponse)) } }, async (req) => {
    return { items: await gates.listReviews(app.db, actorOf(req), req.query) };
  });

  app.get('/gate-reviews/:id', { schema: { tags, summary: 'One gate review: criteria, approvals, readiness, decision', params: IdParams, response: responses(GateReviewResponse) } }, async (req, reply) => {
    return withEtag(reply, await gates.getReview(app.db, actorOf(req), req.params.id));
  });

  app.patch('/gate-reviews/:id', { schema: { tags, summary: 'Tick checklist items and set document links (send If-Match)', params: IdParams, body: UpdateGateReviewBody, response: responses(GateReviewResponse) } }, async (req, reply) => {
    const { version, ...patch } = req.body;
    return withEtag(reply, await gates.updateReview(app.db, actorOf(req), req.params.id, expectedVersion(req, version), patch));
  });

  app.post('/gate-reviews/:id/approvals', { schema: { tags, summary: 'Approve or refuse in one of your roles, with a comment', params: IdParams, body: VoteBody, response: responses(GateReviewResponse) } }, async (req, reply) => {
    return withEtag(reply, await gates.voteOnReview(app.db, actorOf(req), req.params.id, req.body));
  });

  app.post('/gate-reviews/:id/decision', { schema: { tags, summary: 'Decide go / hold / stop / recycle (send If-Match)', params: IdParams, body: DecideBody, response: responses(GateReviewResponse) } }, async (req, reply) => {
    const { version, ...input } = req.body;
    return withEtag(reply, await gates.decideReview(app.db, actorOf(req), req.params.id, versionOrNull(req, version), input));
  });
}
