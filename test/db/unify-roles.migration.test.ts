/**
 * The role unification migration keeps every role a database already had: free-text roles of rates and
 * people (finance's old `person_roles`) become rows of `roles`, the person's one becomes their primary
 * membership, and the line manager moves onto `people`. Runs on a database migrated to just before it
 * (a fresh embedded one, or a fresh PostgreSQL database when PMO_TEST_DATABASE_URL is set).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { databaseStoppedAt, type StoppedDatabase } from './migration-harness.js';

const BEFORE = '20261125T2300-resources';
const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

let stopped: StoppedDatabase | undefined;
let database: Database;

beforeAll(async () => {
  stopped = await databaseStoppedAt(BEFORE);
  database = stopped.database;
  await stopped.run([
    sql`insert into users (id, username, display_name, org_role, password_hash) values (${ID(1)}, 'lena', 'Lena Lead', 'member', 'x')`,
    sql`insert into people (id, name) values (${ID(11)}, 'Ada'), (${ID(12)}, 'Bo'), (${ID(13)}, 'Cy')`,
    sql`insert into roles (id, name) values (${ID(21)}, 'Architect')`,
    sql`insert into role_members (person_id, role_id) values (${ID(11)}, ${ID(21)})`,
    sql`insert into person_roles (person_id, role, line_manager_id) values (${ID(11)}, 'Architect', ${ID(1)}), (${ID(12)}, 'Tester', null)`,
    sql`insert into rates (id, kind, role, effective_from, amount_minor_per_hour, currency) values
      (${ID(31)}, 'cost', 'Architect', '2026-01-01', 12000, 'EUR'), (${ID(32)}, 'bill', 'Analyst', '2026-01-01', 15000, 'EUR'),
      (${ID(33)}, 'cost', null, '2026-01-01', 5000, 'EUR')`,
  ]);
  await stopped.migrateRest();
});
afterAll(async () => {
  await stopped?.close();
});

describe('migration 20261201T0900-unify-roles', () => {
  it('turns text roles into rows, matching existing names', async () => {
    const roles = await database.db.selectFrom('roles').select(['id', 'name']).orderBy('name').execute();
    expect(roles.map((r) => r.name)).toEqual(['Analyst', 'Architect', 'Tester']);
    expect(roles.find((r) => r.name === 'Architect')!.id).toBe(ID(21));
    const byName = new Map(roles.map((r) => [r.name, r.id]));
    const rates = await database.db.selectFrom('rates').select(['id', 'role_id']).orderBy('id').execute();
    expect(rates).toEqual([
      { id: ID(31), role_id: ID(21) },
      { id: ID(32), role_id: byName.get('Analyst') },
      { id: ID(33), role_id: null },
    ]);
  });

  it('makes the old finance role the primary membership and moves the line manager to people', async () => {
    const members = await database.db.selectFrom('role_members').innerJoin('roles', 'roles.id', 'role_members.role_id')
      .select(['person_id', 'roles.name', 'is_primary']).orderBy('person_id').execute();
    expect(members).toEqual([
      { person_id: ID(11), name: 'Architect', is_primary: true },
      { person_id: ID(12), name: 'Tester', is_primary: true },
    ]);
    const people = await database.db.selectFrom('people').select(['id', 'line_manager_id']).orderBy('id').execute();
    expect(people).toEqual([{ id: ID(11), line_manager_id: ID(1) }, { id: ID(12), line_manager_id: null }, { id: ID(13), line_manager_id: null }]);
    const left = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_name = 'person_roles'`.execute(database.db);
    expect(left.rows[0]!.n).toBe(0);
  });

  it('allows at most one primary role per person', async () => {
    await database.db.insertInto('roles').values({ id: ID(22), name: 'Lead' }).execute();
    await expect(database.db.insertInto('role_members').values({ person_id: ID(11), role_id: ID(22), is_primary: true }).execute()).rejects.toThrow(/role_members_one_primary/);
  });
});
