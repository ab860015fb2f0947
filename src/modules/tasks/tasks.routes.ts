/** Routes: the WBS (tasks) and task links of a project. */
import type { App } from '../../server/http.js';
import { actorOf, expectedVersion, withEtag } from '../../server/http.js';
import { created, IdParams, Items, noContentResponses, responses } from '../../server/schemas.js';
import { CreateLinkBody, CreateTaskBody, LinkResponse, TaskResponse, UpdateTaskBody } from './tasks.schemas.js';
import * as svc from './tasks.service.js';

export async function tasksRoutes(app: App) {
  app.get('/projects/:id/tasks', { schema: { tags: ['tasks'], summary: 'The whole WBS of a project, in display order', params: IdParams, response: responses(Items(TaskResponse)) } }, async (req) => ({
    items: await svc.listTasks(app.db, actorOf(req), req.params.id),
  }));
  app.post('/projects/:id/tasks', { schema: { tags: ['tasks'], summary: 'Add a task', params: IdParams, body: CreateTaskBody, response: created(TaskResponse) } }, async (req, reply) =>
    reply.code(201).send(withEtag(reply, await svc.createTask(app.db, actorOf(req), req.params.id, req.body))),
  );
  app.get('/tasks/:id', { schema: { tags: ['tasks'], summary: 'One task', params: IdParams, response: responses(TaskResponse) } }, async (req, reply) =>
    withEtag(reply, await svc.getTask(app.db, actorOf(req), req.params.id)),
  );
  app.patch('/tasks/:id', { schema: { tags: ['tasks'], summary: 'Change a task (send If-Match)', params: IdParams, body: UpdateTaskBody, response: responses(TaskResponse) } }, async (req, reply) => {
    const { version, ...patch } = req.body;
    return withEtag(reply, await svc.updateTask(app.db, actorOf(req), req.params.id, expectedVersion(req, version), patch));
  });
  app.delete('/tasks/:id', { schema: { tags: ['tasks'], summary: 'Delete a task and its subtasks (send If-Match)', params: IdParams, response: noContentResponses() } }, async (req, reply) => {
    await svc.deleteTask(app.db, actorOf(req), req.params.id, expectedVersion(req));
    return reply.code(204).send(null);
  });
  app.get('/projects/:id/links', { schema: { tags: ['tasks'], summary: 'Task links (dependencies) of a project', params: IdParams, response: responses(Items(LinkResponse)) } }, async (req) => ({
    items: await svc.listLinks(app.db, actorOf(req), req.params.id),
  }));
  app.post('/projects/:id/links', { schema: { tags: ['tasks'], summary: 'Link two tasks (FS, SS, FF, SF with lag)', params: IdParams, body: CreateLinkBody, response: created(LinkResponse) } }, async (req, reply) =>
    reply.code(201).send(withEtag(reply, await svc.createLink(app.db, actorOf(req), req.params.id, req.body))),
  );
  app.delete('/links/:id', { schema: { tags: ['tasks'], summary: 'Remove a link (send If-Match)', params: IdParams, response: noContentResponses() } }, async (req, reply) => {
    await svc.deleteLink(app.db, actorOf(req), req.params.id, expectedVersion(req));
    return reply.code(204).send(null);
  });
}
