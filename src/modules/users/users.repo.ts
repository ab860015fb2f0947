/** SQL for user accounts. */
import type { Kysely, Updateable } from 'kysely';
import type { DB, UsersTable } from '../../db/schema.js';
import { likePattern } from '../../db/pagination.js';

/** Users by username, after the cursor position, `limit + 1` rows when a limit is given. */
export function listUsers(db: Kysely<DB>, opts: { limit?: number; after?: { k: string; id: string }; q?: string } = {}) {
  let q = db.selectFrom('users').selectAll().orderBy('username').orderBy('id');
  if (opts.q) q = q.where((eb) => eb.or([eb('username', 'ilike', likePattern(opts.q!)), eb('display_name', 'ilike', likePattern(opts.q!))]));
  if (opts.after) {
    const { k, id } = opts.after;
    q = q.where((eb) => eb.or([eb('username', '>', k), eb.and([eb('username', '=', k), eb('id', '>', id)])]));
  }
  if (opts.limit !== undefined) q = q.limit(opts.limit + 1);
  return q.execute();
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
