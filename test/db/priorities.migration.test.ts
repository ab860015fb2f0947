/**
 * The priorities migration moves the MSPDI priorities that imports kept in jsonb into the new columns: a task's
 * <Priority> (clamped to 0-1000, removed from tasks.mspdi) and the project summary task's, which is the project
 * priority. Everything else gets 500. Runs on a database migrated to just before it (embedded, or PostgreSQL when
 * PMO_TEST_DATABASE_URL is set).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { databaseStoppedAt, type StoppedDatabase } from './migration-harness.js';

const BEFORE = '20261206T2330-staffing-cancelled';
const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

let stopped: StoppedDatabase | undefined;
let database: Database;

beforeAll(async () => {
  stopped = await databaseStoppedAt(BEFORE);
  database = stopped.database;
  const task = (n: number, project: number, mspdi: unknown) =>
    sql`insert into tasks (id, project_id, sort_order, name, mspdi) values (${ID(n)}, ${ID(project)}, ${n}, ${`T${n}`}, ${mspdi === null ? null : JSON.stringify(mspdi)}::jsonb)`;
  await stopped.run([
    sql`insert into portfolios (id, name) values (${ID(1)}, 'P')`,
    sql`insert into projects (id, code, name, portfolio_id, stage, status, health, mspdi) values
      (${ID(11)}, 'IMP', 'Imported', ${ID(1)}, 'planning', 'on_track', 'green', ${JSON.stringify({ summaryTask: { uid: 0, priority: 800 } })}::jsonb),
      (${ID(12)}, 'NAT', 'Native', ${ID(1)}, 'planning', 'on_track', 'green', null),
      (${ID(13)}, 'ODD', 'Odd summary', ${ID(1)}, 'planning', 'on_track', 'green', ${JSON.stringify({ summaryTask: { uid: 0, priority: null } })}::jsonb)`,
    task(21, 11, { priority: 900, type: 1 }),
    task(22, 11, { priority: 1500 }),
    task(23, 11, { priority: -3 }),
    task(24, 11, { priority: 'high', type: 0 }),
    task(25, 12, null),
    task(26, 12, { priority: 499.6 }),
  ]);
  await stopped.migrateRest();
});
afterAll(async () => {
  await stopped?.close();
});

describe('migration 20261207T0200-priorities', () => {
  it('moves task priorities out of the MSPDI jsonb into the column, clamped to 0-1000', async () => {
    const rows = await database.db.selectFrom('tasks').select(['id', 'priority', 'mspdi']).orderBy('id').execute();
    expect(rows.map((r) => [r.id, r.priority, r.mspdi])).toEqual([
      [ID(21), 900, { type: 1 }],
      [ID(22), 1000, {}],
      [ID(23), 0, {}],
      [ID(24), 500, { type: 0 }],
      [ID(25), 500, null],
      [ID(26), 500, {}],
    ]);
  });

  it("takes the project priority from the imported summary task's, else 500", async () => {
    const rows = await database.db.selectFrom('projects').select(['code', 'priority']).orderBy('code').execute();
    expect(rows).toEqual([{ code: 'IMP', priority: 800 }, { code: 'NAT', priority: 500 }, { code: 'ODD', priority: 500 }]);
  });

  it('refuses priorities outside 0-1000', async () => {
    await expect(database.db.updateTable('tasks').set({ priority: 1001 }).where('id', '=', ID(25)).execute()).rejects.toThrow();
    await expect(database.db.updateTable('projects').set({ priority: -1 }).where('id', '=', ID(12)).execute()).rejects.toThrow();
  });
});
