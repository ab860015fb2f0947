/** SQL for user accounts. */
import type { Kysely, Updateable } from 'kysely';
import type { DB, UsersTable } from '../../db/schema.js';

export function listUsers(db: Kysely<DB>) {
  return db.selectFrom('users').selectAll().orderBy('username').execute();
}

export function findUser(db: Kysely<DB>, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertUser(db: Kysely<DB>, row: { id: string; username: string; display_name: string; email: string | null; org_role: UsersTable['org_role']; password_hash: string }) {
  return db.insertInto('users').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Updates the row if it still has `version`; returns it, or undefined when the version moved on. */
export function updateUser(db: Kysely<DB>, id: string, version: number, patch: Updateable<UsersTable>) {
  return db
    .updateTable('users')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export function countActiveAdmins(db: Kysely<DB>) {
  return db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_role', '=', 'admin')
    .where('active', '=', true)
    .executeTakeFirstOrThrow();
}
