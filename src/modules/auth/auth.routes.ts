/** Routes: log in and out, the current user, their profile, password and personal API tokens. */
import type { App } from '../../server/http.js';
import { actorOf } from '../../server/http.js';
import { authorize } from '../../server/policy.js';
import { created, IdParams, Items, noContentResponses, responses } from '../../server/schemas.js';
import { SESSION_COOKIE, sessionCookieOptions } from '../../server/authenticate.js';
import { ChangePasswordBody, UpdateProfileBody } from '../users/users.schemas.js';
import { changeOwnPassword, getUser, presentUser, updateUser } from '../users/users.service.js';
import { expectedVersion, withEtag } from '../../server/http.js';
import { ApiTokenResponse, CreatedTokenResponse, CreateTokenBody, LoginBody, SessionResponse } from './auth.schemas.js';
import { UserResponse } from '../users/users.schemas.js';
import * as auth from './auth.service.js';
import type { TokenView } from './auth.service.js';

const presentToken = (t: TokenView) => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  scopes: t.scopes as ('read' | 'write')[],
  createdAt: t.created_at.toISOString(),
  lastUsedAt: t.last_used_at?.toISOString() ?? null,
  expiresAt: t.expires_at?.toISOString() ?? null,
  revokedAt: t.revoked_at?.toISOString() ?? null,
});

export async function authRoutes(app: App, opts: { loginRateLimit: { max: number; timeWindow: number } }) {
  app.post(
    '/auth/login',
    {
      config: { public: true, rateLimit: { max: opts.loginRateLimit.max, timeWindow: opts.loginRateLimit.timeWindow } },
      schema: { tags: ['auth'], summary: 'Log in with username and password; sets the session cookie', body: LoginBody, response: responses(SessionResponse), security: [] },
    },
    async (req, reply) => {
      const result = await auth.login(app.db, req.body.username, req.body.password);
      void reply.setCookie(SESSION_COOKIE, result.sessionToken, sessionCookieOptions(app.config.secureCookies));
      return { user: presentUser(result.user), csrfToken: result.csrfToken };
    },
  );

  app.post('/auth/logout', { schema: { tags: ['auth'], summary: 'End the current session', response: noContentResponses() } }, async (req, reply) => {
    actorOf(req);
    const token = req.cookies[SESSION_COOKIE];
    if (token) await auth.logout(app.db, token);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  app.get('/auth/me', { schema: { tags: ['auth'], summary: 'The current user and the CSRF token for cookie-authenticated writes', response: responses(SessionResponse) } }, async (req) => {
    const actor = actorOf(req);
    authorize(actor, 'read', { kind: 'own-account' });
    return { user: presentUser(await getUser(app.db, actor.userId)), csrfToken: req.csrfToken ?? '' };
  });

  app.patch('/me', { schema: { tags: ['auth'], summary: 'Update your profile', body: UpdateProfileBody, response: responses(UserResponse) } }, async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'update', { kind: 'own-account' });
    const { version, ...patch } = req.body;
    const user = await updateUser(app.db, actor.userId, actor.userId, expectedVersion(req, version), patch);
    return withEtag(reply, presentUser(user));
  });

  app.post('/me/password', { schema: { tags: ['auth'], summary: 'Change your password (ends your other sessions)', body: ChangePasswordBody, response: noContentResponses() } }, async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'update', { kind: 'own-account' });
    await changeOwnPassword(app.db, actor.userId, req.body.currentPassword, req.body.newPassword);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  app.get('/me/tokens', { schema: { tags: ['auth'], summary: 'Your personal API tokens', response: responses(Items(ApiTokenResponse)) } }, async (req) => {
    const actor = actorOf(req);
    authorize(actor, 'read', { kind: 'own-account' });
    return { items: (await auth.listTokens(app.db, actor.userId)).map(presentToken) };
  });

  app.post('/me/tokens', { schema: { tags: ['auth'], summary: 'Create a personal API token (the secret is shown once)', body: CreateTokenBody, response: created(CreatedTokenResponse) } }, async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'create', { kind: 'own-account' });
    if (actor.via === 'token' && !actor.scopes.has('write')) authorize(actor, 'create', { kind: 'own-account' });
    const { token, secret } = await auth.createToken(app.db, actor.userId, req.body);
    return reply.code(201).send({ token: presentToken(token), secret });
  });

  app.delete('/me/tokens/:id', { schema: { tags: ['auth'], summary: 'Revoke one of your tokens', params: IdParams, response: noContentResponses() } }, async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'delete', { kind: 'own-account' });
    await auth.revokeToken(app.db, actor.userId, req.params.id);
    return reply.code(204).send(null);
  });
}
