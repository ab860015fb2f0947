/**
 * Request authentication: `Authorization: Bearer TOKEN` (scripts) or the session cookie (browser).
 * Cookie-authenticated writes must carry the session's CSRF token in `x-csrf-token`.
 * Every route is private unless its config says `public: true`.
 */
import type { FastifyRequest } from 'fastify';
import type { App } from './http.js';
import { AppError, unauthenticated } from './errors.js';
import { resolveSession, resolveToken, SESSION_TTL_MS } from '../modules/auth/auth.service.js';

export const SESSION_COOKIE = 'pmo_session';

export function sessionCookieOptions(secure: boolean) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, maxAge: Math.floor(SESSION_TTL_MS / 1000) };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Installs the hooks that resolve the actor and enforce authentication and CSRF. */
export function installAuthentication(app: App): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);

  app.addHook('onRequest', async (req: FastifyRequest) => {
    const header = req.headers.authorization;
    if (typeof header === 'string' && header.length > 0) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      if (!m) throw new AppError(401, 'unauthenticated', 'Authorization must be "Bearer <token>"');
      const actor = await resolveToken(app.db, m[1]!);
      if (!actor) throw new AppError(401, 'invalid_token', 'the API token is unknown, revoked or expired');
      req.actor = actor;
    } else {
      const cookie = req.cookies?.[SESSION_COOKIE];
      if (cookie) {
        const s = await resolveSession(app.db, cookie);
        if (s) {
          req.actor = s.actor;
          req.csrfToken = s.csrfToken;
          req.sessionId = s.sessionId;
        }
      }
    }
    const isPublic = req.routeOptions.config?.public === true;
    if (isPublic) return;
    if (!req.actor) throw unauthenticated();
    if (req.actor.via === 'session' && !SAFE_METHODS.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || sent !== req.csrfToken) {
        throw new AppError(403, 'csrf_failed', 'missing or wrong x-csrf-token header (get it from /api/v1/auth/me)');
      }
    }
  });
}
