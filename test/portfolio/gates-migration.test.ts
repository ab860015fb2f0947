/**
 * The lifecycle migration keeps existing data: a database at the schema before stage gates, with projects and a
 * proposal in it, is migrated forward; every project keeps its stage (now a stage of the standard lifecycle) and
 * the projects API shows it with its name. Runs on the engine under test (PGlite, or PostgreSQL with test:pg).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import pg from 'pg';
import { Migrator, sql } from 'kysely';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { migrations } from '../../src/db/migrations/index.js';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/config.js';
import { createUser } from '../../src/modules/users/users.service.js';
import { createToken } from '../../src/modules/auth/auth.service.js';
import { json } from '../helpers.js';

let database: Database | null = null;
let dropDb: (() => Promise<void>) | null = null;

/** An empty database of the engine under test (no migrations applied). */
async function emptyDatabase(): Promise<Database> {
  const tpl = inject('pmoTemplate');
  if (tpl.engine === 'pglite') return openDatabase({ dataDir: 'memory://' });
  const name = `pmo_t_${process.pid}_mig_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: tpl.adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template template0`);
  await admin.end();
  dropDb = async () => {
    const c = new pg.Client({ connectionString: tpl.adminUrl });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
    await c.end();
  };
  const url = new URL(tpl.adminUrl);
  url.pathname = `/${name}`;
  return openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
}

afterAll(async () => {
  await database?.close();
  await dropDb?.();
});

describe('the stage-gate migration', () => {
  it('keeps every existing project in its stage and the projects API working', async () => {
    database = await emptyDatabase();
    const before = Object.keys(migrations).filter((n) => n < '20261201T1100');
    const r = await new Migrator({ db: database.db, provider: { getMigrations: async () => migrations } }).migrateTo(before.at(-1)!);
    expect(r.error).toBeUndefined();
    const stages = ['idea', 'proposal', 'approved', 'planning', 'execution', 'closing', 'closed'];
    await sql`insert into portfolios (id, name) values ('11111111-1111-4111-8111-111111111111', 'Old portfolio')`.execute(database.db);
    for (const [i, stage] of stages.entries()) {
      await sql`insert into projects (id, code, name, portfolio_id, stage, status, health) values (${`22222222-2222-4222-8222-00000000000${i}`}, ${`OLD-${i}`}, ${`Old ${stage}`}, '11111111-1111-4111-8111-111111111111', ${stage}, 'on_track', 'green')`.execute(database.db);
    }
    await sql`insert into proposals (id, name) values ('33333333-3333-4333-8333-333333333333', 'Old proposal')`.execute(database.db);

    const applied = await migrateToLatest(database);
    expect(applied).toContain('20261201T1100-portfolio-gates');
    const rows = await database.db.selectFrom('projects').select(['code', 'stage', 'lifecycle_id']).orderBy('code').execute();
    expect(rows.map((x) => x.stage)).toEqual(stages);
    expect(rows.every((x) => x.lifecycle_id === null)).toBe(true);
    const prop = await database.db.selectFrom('proposals').select(['stage', 'gate_state']).executeTakeFirstOrThrow();
    expect(prop).toEqual({ stage: 'idea', gate_state: 'active' });
    // The old enum check is gone, a key check took its place.
    await expect(sql`update projects set stage = 'Not A Key' where code = 'OLD-0'`.execute(database.db)).rejects.toThrow();

    const app = await buildApp({ config: loadConfig({}, { dataDir: 'memory://', demo: false, logLevel: 'silent', webDir: '/nonexistent' }), database, logger: false });
    await app.ready();
    try {
      const u = await createUser(database.db, null, { username: 'mig-admin', displayName: 'Mig Admin', email: null, orgRole: 'admin', password: 'mig-admin-password' });
      const { secret } = await createToken(database.db, u.id, { name: 't', scopes: ['read', 'write'] });
      const res = await app.inject({ method: 'GET', url: '/api/v1/projects?limit=50&sort=code', headers: { authorization: `Bearer ${secret}` } });
      expect(res.statusCode).toBe(200);
      const items = json(res).items as { code: string; stage: string; stageName: string }[];
      expect(items.map((p) => [p.stage, p.stageName])).toEqual(stages.map((s) => [s, s.charAt(0).toUpperCase() + s.slice(1)]));
      const filtered = json(await app.inject({ method: 'GET', url: '/api/v1/projects?stage=execution', headers: { authorization: `Bearer ${secret}` } }));
      expect(filtered.items.map((p: { code: string }) => p.code)).toEqual(['OLD-4']);
    } finally {
      await app.close();
    }
  });
});
