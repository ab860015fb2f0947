/** SQL for accounts, sessions and API tokens. No rules here. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export function findUserByUsername(db: Kysely<DB>, username: string) {
  return db.selectFrom('users').selectAll().where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase())).executeTakeFirst();
}

export function findUserById(db: Kysely<DB>, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertSession(db: Kysely<DB>, row: { id: string; user_id: string; csrf_token: string; expires_at: Date }) {
  return db.insertInto('sessions').values(row).execute();
}

/** The session and its user, if the session exists, has not expired and the user is active. */
export function findActiveSession(db: Kysely<DB>, idHash: string, now: Date) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id as session_id', 's.csrf_token', 's.last_seen_at', 'u.id', 'u.username', 'u.display_name', 'u.org_role'])
    .where('s.id', '=', idHash)
    .where('s.expires_at', '>', now)
    .where('u.active', '=', true)
    .executeTakeFirst();
}

export function touchSession(db: Kysely<DB>, idHash: string, now: Date, expiresAt: Date) {
  return db.updateTable('sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('id', '=', idHash).execute();
}

export function deleteSession(db: Kysely<DB>, idHash: string) {
  return db.deleteFrom('sessions').where('id', '=', idHash).execute();
}

export function deleteUserSessions(db: Kysely<DB>, userId: string) {
  return db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** The token and its user, if the token is neither revoked nor expired and the user is active. */
export function findActiveToken(db: Kysely<DB>, tokenHash: string, now: Date) {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id as token_id', 't.scopes', 't.last_used_at', 'u.id', 'u.username', 'u.display_name', 'u.org_role'])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', now)]))
    .where('u.active', '=', true)
    .executeTakeFirst();
}

export function markTokenUsed(db: Kysely<DB>, tokenId: string, now: Date) {
  return db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', tokenId).execute();
}

const tokenColumns = ['id', 'name', 'prefix', 'scopes', 'created_at', 'last_used_at', 'expires_at', 'revoked_at'] as const;

export function listTokens(db: Kysely<DB>, userId: string) {
  return db.selectFrom('api_tokens').select(tokenColumns).where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id').execute();
}

export function insertToken(db: Kysely<DB>, row: { id: string; user_id: string; name: string; prefix: string; token_hash: string; scopes: string[]; expires_at: Date | null }) {
  return db.insertInto('api_tokens').values(row).returning(tokenColumns).executeTakeFirstOrThrow();
}

export function revokeToken(db: Kysely<DB>, userId: string, tokenId: string, now: Date) {
  return db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returning(tokenColumns)
    .executeTakeFirst();
}

export function countUsers(db: Kysely<DB>) {
  return db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
}
