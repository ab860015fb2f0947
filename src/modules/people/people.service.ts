/** Use cases for people (resources), optionally linked to a user account. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { DB, PeopleTable } from '../../db/schema.js';
import { updateAtVersion } from '../../db/versioned-update.js';
import { AppError, notFound } from '../../server/errors.js';
import { authorize, type Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import { decodeCursor, likePattern, toPage } from '../../db/pagination.js';

const present = (p: Selectable<PeopleTable>) => ({ id: p.id, name: p.name, email: p.email, title: p.title, userId: p.user_id, lineManagerId: p.line_manager_id, active: p.active, version: p.version });

/** People by name, optionally one page at a time (`limit`, `cursor`) and filtered by name (`q`). */
export async function listPeople(db: Kysely<DB>, actor: Actor, opts: { limit?: number; cursor?: string; q?: string } = {}) {
  authorize(actor, 'read', { kind: 'person' });
  let q = db.selectFrom('people').selectAll().orderBy('name').orderBy('id');
  if (opts.q) q = q.where('name', 'ilike', likePattern(opts.q));
  if (opts.cursor) {
    const c = decodeCursor(opts.cursor, 'name');
    q = q.where((eb) => eb.or([eb('name', '>', String(c.k)), eb.and([eb('name', '=', String(c.k)), eb('id', '>', c.id)])]));
  }
  if (opts.limit !== undefined) q = q.limit(opts.limit + 1);
  return toPage(await q.execute(), opts.limit, (r) => r.name, 'name', present);
}

async function checkUser(db: Kysely<DB>, userId: string | null | undefined, exceptPersonId?: string) {
  if (!userId) return;
  if (!(await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst())) throw new AppError(422, 'invalid_reference', 'the user does not exist');
  let q = db.selectFrom('people').select('id').where('user_id', '=', userId);
  if (exceptPersonId) q = q.where('id', '<>', exceptPersonId);
  if (await q.executeTakeFirst()) throw new AppError(409, 'user_already_linked', 'that user is linked to another person');
}

export async function createPerson(db: Kysely<DB>, actor: Actor, input: { name: string; email?: string | null; title?: string | null; userId?: string | null }) {
  authorize(actor, 'create', { kind: 'person' });
  return db.transaction().execute(async (tx) => {
    await checkUser(tx, input.userId);
    const row = await tx
      .insertInto('people')
      .values({ id: randomUUID(), name: input.name, email: input.email ?? null, title: input.title ?? null, user_id: input.userId ?? null })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'person', entityId: row.id, projectId: null, after: present(row), version: 1 });
    return present(row);
  });
}

export async function updatePerson(db: Kysely<DB>, actor: Actor, id: string, version: number, patch: { name?: string; email?: string | null; title?: string | null; userId?: string | null; active?: boolean }) {
  authorize(actor, 'update', { kind: 'person' });
  return db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound('person');
    if (patch.userId !== undefined) await checkUser(tx, patch.userId, id);
    const updated = await updateAtVersion(tx, 'people', id, version, { name: patch.name, email: patch.email, title: patch.title, user_id: patch.userId, active: patch.active }, 'the person');
    await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'person', entityId: id, projectId: null, before: present(before), after: present(updated), version: updated.version });
    return present(updated);
  });
}
