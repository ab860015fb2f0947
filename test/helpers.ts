/**
 * Test helpers: a fresh database per test file (cloned from the template prepared in global-setup), the
 * app on it, and users of each role with API tokens. No mocks: the real engine, the real HTTP stack.
 */
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import pg from 'pg';
import type { LightMyRequestResponse } from 'fastify';
import { openDatabase, type Database } from '../src/db/database.js';
import { buildApp } from '../src/server/app.js';
import type { App } from '../src/server/http.js';
import { loadConfig, type Config } from '../src/config.js';
import { createUser } from '../src/modules/users/users.service.js';
import { createToken } from '../src/modules/auth/auth.service.js';
import type { OrgRole } from '../src/db/schema.js';

let counter = 0;

/** A new, migrated, empty database of the engine under test. */
export async function createTestDatabase(): Promise<Database> {
  const tpl = inject('pmoTemplate');
  if (tpl.engine === 'pglite') {
    const blob = new Blob([readFileSync(tpl.dumpFile)]);
    return openDatabase({ loadDataDir: blob });
  }
  const name = `pmo_t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = new pg.Client({ connectionString: tpl.adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${tpl.templateDb}`);
  await admin.end();
  const url = new URL(tpl.adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
  const close = database.close.bind(database);
  database.close = async () => {
    await close();
    const c = new pg.Client({ connectionString: tpl.adminUrl });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
    await c.end();
  };
  return database;
}

export const testEngine = (): 'pglite' | 'postgres' => inject('pmoTemplate').engine;

export interface TestUser {
  id: string;
  username: string;
  password: string;
  token: string;
  /** Authorization header for this user. */
  auth: { authorization: string };
}

export interface TestContext {
  app: App;
  database: Database;
  config: Config;
  admin: TestUser;
  /** Creates a user with an org role and a read/write API token. */
  user(role: OrgRole, name?: string): Promise<TestUser>;
  close(): Promise<void>;
}

/** The app on a fresh database, with an admin user. */
export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestContext> {
  const database = await createTestDatabase();
  const config = loadConfig({}, { dataDir: 'memory://', demo: false, logLevel: 'silent', loginRateLimit: { max: 1000, timeWindow: 60_000 }, webDir: '/nonexistent', ...overrides });
  const app = await buildApp({ config, database, logger: false });
  await app.ready();
  let n = 0;
  const user = async (role: OrgRole, name?: string): Promise<TestUser> => {
    const username = name ?? `${role}${++n}`;
    const password = `password-${username}`;
    const u = await createUser(database.db, null, { username, displayName: `${username} Test`, email: null, orgRole: role, password });
    const { secret } = await createToken(database.db, u.id, { name: 'test', scopes: ['read', 'write'] });
    return { id: u.id, username, password, token: secret, auth: { authorization: `Bearer ${secret}` } };
  };
  const admin = await user('admin', 'admin');
  return {
    app,
    database,
    config,
    admin,
    user,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** Parses a JSON response body. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test bodies are checked by assertions
export function json<T = any>(res: LightMyRequestResponse): T {
  return JSON.parse(res.body) as T;
}

/** Creates a portfolio and a project through the API as `as`; returns their ids. */
export async function createProjectViaApi(ctx: TestContext, as: TestUser, overrides: Record<string, unknown> = {}) {
  let pf = json(await ctx.app.inject({ method: 'GET', url: '/api/v1/portfolios', headers: as.auth })).items?.[0];
  if (!pf) {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/portfolios', headers: ctx.admin.auth, payload: { name: `Portfolio ${Date.now()}` } });
    pf = json(res);
  }
  const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/projects', headers: as.auth, payload: { name: 'Test project', portfolioId: pf.id, startDate: '2026-01-05', ...overrides } });
  if (res.statusCode !== 201) throw new Error(`create project failed: ${res.statusCode} ${res.body}`);
  return json(res);
}
