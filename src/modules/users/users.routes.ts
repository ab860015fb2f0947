/** Routes: user administration (admins only). */
import type { App } from '../../server/http.js';
import { actorOf, expectedVersion, withEtag } from '../../server/http.js';
import { authorize } from '../../server/policy.js';
import { created, IdParams, NameListQuery, noContentResponses, Page, responses } from '../../server/schemas.js';
import { CreateUserBody, ResetPasswordBody, UpdateUserBody, UserResponse } from './users.schemas.js';
import * as users from './users.service.js';

export async function usersRoutes(app: App) {
  app.get('/users', { schema: { tags: ['admin'], summary: 'User accounts by username; all, or a page with limit/cursor; q filters', querystring: NameListQuery, response: responses(Page(UserResponse)) } }, async (req) => {
    authorize(actorOf(req), 'read', { kind: 'user' });
    return users.listUsers(app.db, req.query);
  });

  app.post('/users', { schema: { tags: ['admin'], summary: 'Create a user account', body: CreateUserBody, response: created(UserResponse) } }, async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'create', { kind: 'user' });
    const user = await users.createUser(app.db, actor.userId, req.body);
    return reply.code(201).send(withEtag(reply, users.presentUser(user)));
  });

  app.get('/users/:id', { schema: { tags: ['admin'], summary: 'One user account', params: IdParams, response: responses(UserResponse) } }, async (req, reply) => {
    authorize(actorOf(req), 'read', { kind: 'user', id: req.params.id });
    return withEtag(reply, users.presentUser(await users.getUser(app.db, req.params.id)));
  });

  app.patch('/users/:id', { schema: { tags: ['admin'], summary: 'Change a user (role, name, active)', params: IdParams, body: UpdateUserBody, response: responses(UserResponse) } }, async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'update', { kind: 'user', id: req.params.id });
    const { version, ...patch } = req.body;
    const user = await users.updateUser(app.db, actor.userId, req.params.id, expectedVersion(req, version), patch);
    return withEtag(reply, users.presentUser(user));
  });

  app.post('/users/:id/password', { schema: { tags: ['admin'], summary: "Reset a user's password", params: IdParams, body: ResetPasswordBody, response: noContentResponses() } }, async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'update', { kind: 'user', id: req.params.id });
    await users.resetPassword(app.db, actor.userId, req.params.id, req.body.password);
    return reply.code(204).send(null);
  });
}
