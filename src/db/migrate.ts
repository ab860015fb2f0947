/**
 * Applies migrations with Kysely's Migrator. On PostgreSQL a session advisory lock, taken on a
 * separate connection, serialises servers that start at the same time, so exactly one migrates and the
 * others find the work done.
 */
import { Migrator, sql, type MigrationResultSet } from 'kysely';
import { migrations } from './migrations/index.js';
import type { Database } from './database.js';

const MIGRATION_LOCK_KEY = 724_201_001;

const migratorFor = (database: Database) =>
  new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations },
  });

/** Brings the schema to the latest version; throws with the failing migration's error. */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const run = async (): Promise<string[]> => {
    const result: MigrationResultSet = await migratorFor(database).migrateToLatest();
    if (result.error) {
      const failed = result.results?.find((r) => r.status === 'Error');
      const reason = result.error instanceof Error ? result.error.message : String(result.error);
      throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${reason}`);
    }
    return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  };
  if (database.engine !== 'postgres') return run();
  return database.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(conn);
    try {
      return await run();
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(conn);
    }
  });
}

export interface MigrationStatus {
  name: string;
  appliedAt: Date | null;
}

/** Every known migration and when it was applied (null: pending). */
export async function migrationStatus(database: Database): Promise<MigrationStatus[]> {
  const infos = await migratorFor(database).getMigrations();
  return infos.map((m) => ({ name: m.name, appliedAt: m.executedAt ?? null }));
}
