/**
 * A fresh database stopped at one migration, for tests of the migration after it: embedded (PGlite in memory),
 * or a new PostgreSQL database when PMO_TEST_DATABASE_URL is set (dropped again by `close`).
 */
import { Migrator, type Kysely, type RawBuilder } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrations } from '../../src/db/migrations/index.js';

export interface StoppedDatabase {
  database: Database;
  /** Runs raw statements one call each (parameters need a prepared statement, which takes one command). */
  run(statements: RawBuilder<unknown>[]): Promise<void>;
  /** Applies the remaining migrations; throws their error. */
  migrateRest(): Promise<void>;
  close(): Promise<void>;
}

async function admin(adminUrl: string, statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

/** Opens a new database of the engine under test with the migrations up to and including `lastApplied`. */
export async function databaseStoppedAt(lastApplied: string): Promise<StoppedDatabase> {
  if (!(lastApplied in migrations)) throw new Error(`no migration ${lastApplied}`);
  const adminUrl = process.env.PMO_TEST_DATABASE_URL;
  const pgName = `pmo_mig_${process.pid}_${Date.now().toString(36)}`;
  let database: Database;
  if (adminUrl) {
    await admin(adminUrl, `create database ${pgName}`);
    const url = new URL(adminUrl);
    url.pathname = `/${pgName}`;
    database = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
  } else {
    database = await openDatabase({ dataDir: 'memory://' });
  }
  const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations } });
  const upTo = await migrator.migrateTo(lastApplied);
  if (upTo.error) throw upTo.error;
  return {
    database,
    run: async (statements) => {
      for (const s of statements) await s.execute(database.db as unknown as Kysely<unknown>);
    },
    migrateRest: async () => {
      const rest = await migrator.migrateToLatest();
      if (rest.error) throw rest.error;
    },
    close: async () => {
      await database.close();
      if (adminUrl) await admin(adminUrl, `drop database if exists ${pgName} with (force)`);
    },
  };
}
