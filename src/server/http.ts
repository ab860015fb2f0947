/** Small shared pieces for routes: the typed app, the current actor, versions (ETag / If-Match). */
import type { FastifyInstance, FastifyReply, FastifyRequest, RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Actor } from './policy.js';
import { AppError, unauthenticated } from './errors.js';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/** What every service call gets: the database (or a transaction) and who is acting. */
export interface ServiceContext {
  db: Kysely<DB>;
  actor: Actor;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** Reachable without authentication (login, health, docs). */
    public?: boolean;
  }
}

/** The authenticated actor; 401 if the request has none. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthenticated();
  return req.actor;
}

/** The version the client based its change on: If-Match header (`"3"` or `W/"3"`) or `version` in the body. */
export function expectedVersion(req: FastifyRequest, bodyVersion?: number): number {
  const header = req.headers['if-match'];
  if (typeof header === 'string' && header.trim() !== '') {
    const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
    if (!m) throw new AppError(400, 'invalid_if_match', 'If-Match must be the resource version, e.g. "3"');
    return Number(m[1]);
  }
  if (bodyVersion !== undefined) return bodyVersion;
  throw new AppError(428, 'precondition_required', 'send the version you are updating in If-Match (or as "version") so concurrent changes are never lost');
}

/** Sets the ETag to the resource version. */
export function withEtag<T extends { version: number }>(reply: FastifyReply, resource: T): T {
  void reply.header('etag', `"${resource.version}"`);
  return resource;
}
