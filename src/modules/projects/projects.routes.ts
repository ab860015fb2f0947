/** Routes: projects, membership and activity. */
import type { App } from '../../server/http.js';
import { actorOf, expectedVersion, withEtag } from '../../server/http.js';
import { created, IdParams, Items, noContentResponses, Page, responses } from '../../server/schemas.js';
import {
  ActivityQuery,
  AddMemberBody,
  AuditEntryResponse,
  CreateProjectBody,
  ListProjectsQuery,
  MemberParams,
  MemberResponse,
  ProjectResponse,
  UpdateMemberBody,
  UpdateProjectBody,
} from './projects.schemas.js';
import * as projects from './projects.service.js';

export async function projectsRoutes(app: App) {
  app.get('/projects', { schema: { tags: ['projects'], summary: 'Projects you may see, filtered, sorted and paged', querystring: ListProjectsQuery, response: responses(Page(ProjectResponse)) } }, async (req) => {
    return projects.listProjects(app.db, actorOf(req), req.query);
  });

  app.post('/projects', { schema: { tags: ['projects'], summary: 'Create a project', body: CreateProjectBody, response: created(ProjectResponse) } }, async (req, reply) => {
    const p = await projects.createProject(app.db, actorOf(req), req.body);
    return reply.code(201).send(withEtag(reply, p));
  });

  app.get('/projects/:id', { schema: { tags: ['projects'], summary: 'One project', params: IdParams, response: responses(ProjectResponse) } }, async (req, reply) => {
    return withEtag(reply, await projects.getProject(app.db, actorOf(req), req.params.id));
  });

  app.patch('/projects/:id', { schema: { tags: ['projects'], summary: 'Update a project (send If-Match)', params: IdParams, body: UpdateProjectBody, response: responses(ProjectResponse) } }, async (req, reply) => {
    const { version, ...patch } = req.body;
    const p = await projects.updateProject(app.db, actorOf(req), req.params.id, expectedVersion(req, version), patch);
    return withEtag(reply, p);
  });

  app.delete('/projects/:id', { schema: { tags: ['projects'], summary: 'Delete a project and its tasks (send If-Match)', params: IdParams, response: noContentResponses() } }, async (req, reply) => {
    await projects.deleteProject(app.db, actorOf(req), req.params.id, expectedVersion(req));
    return reply.code(204).send(null);
  });

  app.get('/projects/:id/members', { schema: { tags: ['projects'], summary: 'Project members and their roles', params: IdParams, response: responses(Items(MemberResponse)) } }, async (req) => {
    return { items: await projects.listMembers(app.db, actorOf(req), req.params.id) };
  });

  app.post('/projects/:id/members', { schema: { tags: ['projects'], summary: 'Add a member with a project role', params: IdParams, body: AddMemberBody, response: created(MemberResponse) } }, async (req, reply) => {
    const m = await projects.addMember(app.db, actorOf(req), req.params.id, req.body.userId, req.body.role);
    return reply.code(201).send(withEtag(reply, m));
  });

  app.patch('/projects/:id/members/:memberId', { schema: { tags: ['projects'], summary: "Change a member's role", params: MemberParams, body: UpdateMemberBody, response: responses(MemberResponse) } }, async (req, reply) => {
    const m = await projects.updateMember(app.db, actorOf(req), req.params.id, req.params.memberId, expectedVersion(req, req.body.version), req.body.role);
    return withEtag(reply, m);
  });

  app.delete('/projects/:id/members/:memberId', { schema: { tags: ['projects'], summary: 'Remove a member', params: MemberParams, response: noContentResponses() } }, async (req, reply) => {
    await projects.removeMember(app.db, actorOf(req), req.params.id, req.params.memberId, expectedVersion(req));
    return reply.code(204).send(null);
  });

  app.get('/projects/:id/activity', { schema: { tags: ['projects'], summary: 'Recent changes in the project (audit trail)', params: IdParams, querystring: ActivityQuery, response: responses(Items(AuditEntryResponse)) } }, async (req) => {
    return { items: await projects.listActivity(app.db, actorOf(req), req.params.id, req.query.limit) };
  });
}
