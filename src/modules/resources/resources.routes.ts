/** Routes: resource profiles (capacity, roles, skills, non-project time), assignments, capacity grid, levelling. */
import type { App } from '../../server/http.js';
import { actorOf, expectedVersion, withEtag } from '../../server/http.js';
import { created, IdParams, Items, noContentResponses, responses } from '../../server/schemas.js';
import {
  AssignmentResponse,
  CreateAssignmentBody,
  CreateNamedBody,
  CreateNonProjectTimeBody,
  LevelingApplyBody,
  LevelingApplyResponse,
  LevelingPreviewBody,
  LevelingPreviewResponse,
  NonProjectTimeResponse,
  ResourceProfileResponse,
  RoleResponse,
  SkillResponse,
  UpdateAssignmentBody,
  UpdateProfileBody,
  CreateStaffingRequestBody,
  StaffingListQuery,
  StaffingRequestResponse,
  UpdateStaffingRequestBody,
  LevelingOptionsBody,
  LevelingOptionsResponse,
  StaffingHistoryResponse,
  StaffingSuggestionsResponse,
  SuggestionsQuery,
} from './resources.schemas.js';
import * as staffing from './staffing.service.js';
import * as svc from './resources.service.js';
import { applyLeveling, previewLeveling } from './leveling.service.js';
import { listLevelingOptions, setLevelingOptions } from './leveling-options.service.js';
import { staffingSuggestions } from './suggestions.service.js';
import { capacityRoutes } from './capacity.routes.js';
import { teamsRoutes } from './teams.routes.js';

export async function resourcesRoutes(app: App) {
  const tags = ['resources'];
  app.get('/roles', { schema: { tags, summary: 'Roles (generic resources, placeholders)', response: responses(Items(RoleResponse)) } }, async (req) => ({ items: await svc.listRoles(app.db, actorOf(req)) }));
  app.post('/roles', { schema: { tags, summary: 'Add a role', body: CreateNamedBody, response: created(RoleResponse) } }, async (req, reply) =>
    reply.code(201).send(await svc.createNamed(app.db, actorOf(req), 'roles', req.body.name)),
  );
  app.get('/skills', { schema: { tags, summary: 'Skills', response: responses(Items(SkillResponse)) } }, async (req) => ({ items: await svc.listSkills(app.db, actorOf(req)) }));
  app.post('/skills', { schema: { tags, summary: 'Add a skill', body: CreateNamedBody, response: created(SkillResponse) } }, async (req, reply) =>
    reply.code(201).send(await svc.createNamed(app.db, actorOf(req), 'skills', req.body.name)),
  );
  app.get('/people/:id/profile', { schema: { tags, summary: 'Capacity, roles, skills and non-project time of a person', params: IdParams, response: responses(ResourceProfileResponse) } }, async (req, reply) =>
    withEtag(reply, await svc.getProfile(app.db, actorOf(req), req.params.id)),
  );
  app.patch('/people/:id/profile', { schema: { tags, summary: 'Change capacity, roles or skills of a person (send If-Match)', params: IdParams, body: UpdateProfileBody, response: responses(ResourceProfileResponse) } }, async (req, reply) => {
    const { version, ...patch } = req.body;
    return withEtag(reply, await svc.updateProfile(app.db, actorOf(req), req.params.id, expectedVersion(req, version), patch));
  });
  app.post('/people/:id/non-project-time', { schema: { tags, summary: 'Add a vacation or other non-project time', params: IdParams, body: CreateNonProjectTimeBody, response: created(NonProjectTimeResponse) } }, async (req, reply) =>
    reply.code(201).send(withEtag(reply, await svc.addNonProjectTime(app.db, actorOf(req), req.params.id, req.body))),
  );
  app.delete('/non-project-time/:id', { schema: { tags, summary: 'Remove non-project time (send If-Match)', params: IdParams, response: noContentResponses() } }, async (req, reply) => {
    await svc.deleteNonProjectTime(app.db, actorOf(req), req.params.id, expectedVersion(req));
    return reply.code(204).send(null);
  });

  app.get('/projects/:id/assignments', { schema: { tags, summary: 'Assignments of a project', params: IdParams, response: responses(Items(AssignmentResponse)) } }, async (req) => ({
    items: await svc.listAssignments(app.db, actorOf(req), req.params.id),
  }));
  app.post('/projects/:id/assignments', { schema: { tags, summary: 'Assign a person or a role to a task', params: IdParams, body: CreateAssignmentBody, response: created(AssignmentResponse) } }, async (req, reply) =>
    reply.code(201).send(withEtag(reply, await svc.createAssignment(app.db, actorOf(req), req.params.id, req.body))),
  );
  app.patch('/assignments/:id', { schema: { tags, summary: 'Change units or work of an assignment (send If-Match)', params: IdParams, body: UpdateAssignmentBody, response: responses(AssignmentResponse) } }, async (req, reply) => {
    const { version, ...patch } = req.body;
    return withEtag(reply, await svc.updateAssignment(app.db, actorOf(req), req.params.id, expectedVersion(req, version), patch));
  });
  app.delete('/assignments/:id', { schema: { tags, summary: 'Remove an assignment (send If-Match)', params: IdParams, response: noContentResponses() } }, async (req, reply) => {
    await svc.deleteAssignment(app.db, actorOf(req), req.params.id, expectedVersion(req));
    return reply.code(204).send(null);
  });

  app.get('/projects/:id/staffing-requests', { schema: { tags, summary: 'Staffing requests of a project', params: IdParams, response: responses(Items(StaffingRequestResponse)) } }, async (req) => ({
    items: await staffing.listProjectStaffing(app.db, actorOf(req), req.params.id),
  }));
  app.post('/projects/:id/staffing-requests', { schema: { tags, summary: 'Ask for a named person for a role placeholder assignment', params: IdParams, body: CreateStaffingRequestBody, response: created(StaffingRequestResponse) } }, async (req, reply) =>
    reply.code(201).send(withEtag(reply, await staffing.createStaffingRequest(app.db, actorOf(req), req.params.id, req.body))),
  );
  app.get('/staffing-requests', { schema: { tags, summary: 'Staffing requests inbox (projects you may see)', querystring: StaffingListQuery, response: responses(Items(StaffingRequestResponse)) } }, async (req) => ({
    items: await staffing.listStaffingInbox(app.db, actorOf(req), req.query.status),
  }));
  app.patch('/staffing-requests/:id', { schema: { tags, summary: 'A step of a staffing request: resource managers propose, fill or reject; the asking project accepts a proposal, sends it back or withdraws (send If-Match)', params: IdParams, body: UpdateStaffingRequestBody, response: responses(StaffingRequestResponse) } }, async (req, reply) => {
    const { version, ...patch } = req.body;
    return withEtag(reply, await staffing.updateStaffingRequest(app.db, actorOf(req), req.params.id, expectedVersion(req, version), patch));
  });

  app.get('/staffing-requests/:id/history', { schema: { tags, summary: 'Status history of a staffing request (who, when, status, person)', params: IdParams, response: responses(Items(StaffingHistoryResponse)) } }, async (req) => ({
    items: await staffing.staffingHistory(app.db, actorOf(req), req.params.id),
  }));
  app.get('/assignments/:id/staffing-suggestions', { schema: { tags, summary: 'People ranked for a role placeholder by skill match and free capacity in its window, with the score explained', params: IdParams, querystring: SuggestionsQuery, response: responses(StaffingSuggestionsResponse) } }, async (req) =>
    staffingSuggestions(app.db, actorOf(req), req.params.id, req.query.limit),
  );

  app.get('/projects/:id/leveling-options', { schema: { tags, summary: 'Levelling options of the tasks of a project (tasks without an entry may split)', params: IdParams, response: responses(Items(LevelingOptionsResponse)) } }, async (req) => ({
    items: await listLevelingOptions(app.db, actorOf(req), req.params.id),
  }));
  app.put('/tasks/:id/leveling-options', { schema: { tags, summary: 'Whether levelling may split this task (send If-Match; 1 when never set)', params: IdParams, body: LevelingOptionsBody, response: responses(LevelingOptionsResponse) } }, async (req, reply) => {
    const { version, ...body } = req.body;
    return withEtag(reply, await setLevelingOptions(app.db, actorOf(req), req.params.id, expectedVersion(req, version), body));
  });

  app.post('/leveling/preview', { schema: { tags, summary: 'Level projects by their priorities (or the order given) and answer the diff, without changing anything', body: LevelingPreviewBody, response: responses(LevelingPreviewResponse) } }, async (req) =>
    previewLeveling(app.db, actorOf(req), req.body),
  );
  app.post('/leveling/apply', { schema: { tags, summary: 'Apply a previewed levelling in one transaction (409 if anything changed since)', body: LevelingApplyBody, response: responses(LevelingApplyResponse) } }, async (req) =>
    applyLeveling(app.db, actorOf(req), req.body),
  );

  await capacityRoutes(app);
  await teamsRoutes(app);
}

