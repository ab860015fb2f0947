/**
 * PostgreSQL only: when the server ends an idle pooled connection (a restart, a failover, pg_terminate_backend), the
 * process keeps running and the next query gets a new connection. Unhandled, the pool's 'error' event would end
 * the process (it did at test teardown: 57P01 when a test database was dropped).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { createTestDatabase, testEngine } from '../helpers.js';

const onPostgres = testEngine() === 'postgres';
let database: Database;
beforeAll(async () => {
  if (onPostgres) database = await createTestDatabase();
});
afterAll(async () => database?.close());

describe.skipIf(!onPostgres)('PostgreSQL pool (skipped on PGlite)', () => {
  it('survives the server ending its idle connections', async () => {
    const pids = await Promise.all([1, 2, 3].map(() => database.db.transaction().execute(async (tx) => (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(tx)).rows[0]!.pid)));
    const killer = await createTestDatabase();
    try {
      await sql`select pg_terminate_backend(pid) from pg_stat_activity where pid in (${sql.join([...new Set(pids)])})`.execute(killer.db);
    } finally {
      await killer.close();
    }
    await new Promise((r) => setTimeout(r, 200));
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(database.db);
    expect(rows[0]!.one).toBe(1);
  });
});
