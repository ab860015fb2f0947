/**
 * Assembles the HTTP server: validation and OpenAPI from zod, problem+json errors, authentication,
 * every module's routes under /api/v1, the event stream, health checks and the web app.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import Fastify, { type FastifyError, type FastifyReply } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { sql, type Kysely } from 'kysely';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError, jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { DB } from '../db/schema.js';
import { AppError, fromDatabaseError, problem, type FieldError } from './errors.js';
import { EventBus } from './events.js';
import { installAuthentication } from './authenticate.js';
import type { App } from './http.js';
import { apiRoutes } from './routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<DB>;
    database: Database;
    events: EventBus;
    config: Config;
    /** Close functions of open event streams (ended on shutdown). */
    sseStreams: Set<() => void>;
  }
}

export const API_PREFIX = '/api/v1';
export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface BuildAppOptions {
  config: Config;
  database: Database;
  /** false: no logs (tests); otherwise pino at config.logLevel. */
  logger?: boolean;
}

function toFieldErrors(issues: readonly { instancePath?: string; message?: string; params?: unknown }[]): FieldError[] {
  return issues.map((i) => {
    const params = i.params as { issue?: { path?: (string | number)[]; message?: string } } | undefined;
    const path = params?.issue?.path?.join('.') ?? (i.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    return { path, message: params?.issue?.message ?? i.message ?? 'invalid' };
  });
}

/** Builds the Fastify app (not listening). */
export async function buildApp(opts: BuildAppOptions): Promise<App> {
  const { config, database } = opts;
  const app = Fastify({
    logger: opts.logger === false ? false : { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'] },
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    routerOptions: { maxParamLength: 200 },
    // Errors raised before routing (bad URL encoding, over-long path parameters) are problems too.
    frameworkErrors: (err, req, reply) => {
      const status = (err as FastifyError).statusCode ?? 400;
      void (reply as unknown as FastifyReply)
        .code(status)
        .type('application/problem+json')
        .send(problem(status, status === 414 ? 'uri_too_long' : 'bad_request', err.message, req.url.split('?')[0]));
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', database.db);
  app.decorate('database', database);
  app.decorate('config', config);
  app.decorate('events', new EventBus());
  app.decorate('sseStreams', new Set<() => void>());
  await app.events.start(database);

  app.addHook('onRequest', async (req, reply) => {
    void reply.header('x-request-id', req.id);
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const send = (status: number, code: string, detail: string, errors?: FieldError[]) =>
      reply.code(status).type('application/problem+json').send(problem(status, code, detail, req.url.split('?')[0], errors));
    if (err instanceof AppError) return send(err.status, err.code, err.message, err.errors);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = toFieldErrors(err.validation);
      const where = err.validationContext ?? 'request';
      return send(400, 'validation_failed', `the ${where} is invalid: ${fields.map((f) => `${f.path || '(root)'}: ${f.message}`).slice(0, 3).join('; ')}`, fields);
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err }, 'response did not match its schema');
      return send(500, 'internal', 'the server produced an invalid response');
    }
    const db = fromDatabaseError(err);
    if (db) return send(db.status, db.code, db.message);
    const status = err.statusCode ?? 500;
    if (status === 429) return send(429, 'rate_limited', 'too many attempts; wait a minute and try again');
    if (status === 413) return send(413, 'payload_too_large', `the body is larger than ${BODY_LIMIT_BYTES} bytes`);
    if (status === 415) return send(415, 'unsupported_media_type', 'send JSON with content-type application/json');
    if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (status === 400 && err instanceof SyntaxError)) {
      return send(400, 'malformed_json', 'the body is not valid JSON');
    }
    if (status >= 400 && status < 500) return send(status, err.code ? err.code.toLowerCase() : 'bad_request', err.message);
    req.log.error({ err }, 'unhandled error');
    return send(500, 'internal', 'an unexpected error occurred; the request id identifies it in the logs');
  });

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'pmo API', version: '1.0.0', description: 'Project Management Office platform. Authenticate with the session cookie (and x-csrf-token for writes) or `Authorization: Bearer <token>`.' },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'Personal API token (pmo token create, or the Tokens page)' },
          session: { type: 'apiKey', in: 'cookie', name: 'pmo_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.get('/healthz', { config: { public: true }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { public: true }, schema: { hide: true } }, async (_req, reply) => {
    try {
      await sql`select 1`.execute(app.db);
      return { status: 'ready' };
    } catch {
      return reply.code(503).type('application/problem+json').send(problem(503, 'not_ready', 'the database is not reachable'));
    }
  });
  app.get(`${API_PREFIX}/openapi.json`, { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  await app.register(
    async (api) => {
      installAuthentication(api as unknown as App);
      await apiRoutes(api as unknown as App);
    },
    { prefix: API_PREFIX },
  );

  const hasWeb = existsSync(`${config.webDir}/index.html`);
  if (hasWeb) await app.register(fastifyStatic, { root: config.webDir, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.method !== 'GET' || !hasWeb) {
      return reply.code(404).type('application/problem+json').send(problem(404, 'not_found', `no route ${req.method} ${req.url.split('?')[0]}`));
    }
    return reply.type('text/html').sendFile('index.html');
  });

  app.addHook('onClose', async () => {
    for (const close of [...app.sseStreams]) close();
    await app.events.close();
  });
  return app as unknown as App;
}
