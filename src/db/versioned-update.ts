/**
 * Optimistic concurrency in one place: a row is changed only while it still has the version the client read,
 * and every change moves the version on and stamps updated_at. A stale version is a 409 `version_conflict`.
 */
import type { Kysely, Selectable, Updateable } from 'kysely';
import { versionConflict } from '../server/errors.js';
import type { DB } from './schema.js';

/** The tables whose rows have an `id`, a `version` and an `updated_at`. */
export type VersionedTable = { [T in keyof DB]: DB[T] extends { id: unknown; version: unknown; updated_at: unknown } ? T : never }[keyof DB];

/** What a caller may change: any column but the two this helper sets. Undefined values are left as they are. */
export type VersionedChanges<T extends VersionedTable> = Omit<Updateable<DB[T]>, 'version' | 'updated_at'>;

/**
 * Updates the row `id` of `table` if it is still at `version`: applies `changes` (columns whose value is undefined
 * are not touched, as with Kysely's set()), adds 1 to the version and sets updated_at to now, and returns the row
 * as it is after the change. Throws 409 `version_conflict` naming `what` ("the portfolio") when no row matched, so
 * callers that must tell "gone" (404) from "changed" (409) read the row first, in the same transaction.
 */
export async function updateAtVersion<T extends VersionedTable>(db: Kysely<DB>, table: T, id: string, version: number, changes: VersionedChanges<T>, what: string): Promise<Selectable<DB[T]>> {
  // Kysely cannot resolve column names on a table chosen by a type parameter, so the query is built on a view of
  // the database where every table has the three columns used here; the signature keeps callers fully typed.
  const view = db as unknown as Kysely<Record<string, { id: string; version: number; updated_at: Date }>>;
  const row = await view
    .updateTable(table as string)
    .set((eb) => ({ ...changes, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw versionConflict(what);
  return row as unknown as Selectable<DB[T]>;
}
