/** The proposal intake form: the extra fields admins define, validated by the domain, versioned like any other row. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { validateIntakeForm, type IntakeField } from '../../domain/portfolio/index.js';
import { versionConflict } from '../../server/errors.js';
import { authorize, type Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import { fromJson, toJson, withDomainErrors } from './portfolio-common.js';

/** The form's fields (no access check: proposals validate their answers against it). */
export async function loadIntakeFields(db: Kysely<DB>): Promise<IntakeField[]> {
  const row = await db.selectFrom('intake_forms').select('fields').where('id', '=', 1).executeTakeFirst();
  return row ? fromJson<IntakeField[]>(row.fields) : [];
}

/** Throws 403 unless the actor may change the form (routes call it before reading the If-Match version). */
export function authorizeFormChange(actor: Actor): void {
  authorize(actor, 'update', { kind: 'strategy', area: 'intake' });
}

/** The intake form as the proposal dialog renders it (empty, version 1, until it is first saved). */
export async function getIntakeForm(db: Kysely<DB>, actor: Actor) {
  authorize(actor, 'read', { kind: 'strategy', area: 'intake' });
  const row = await db.selectFrom('intake_forms').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!row) return { fields: [], version: 1, updatedAt: new Date(0).toISOString() };
  return { fields: fromJson<IntakeField[]>(row.fields), version: row.version, updatedAt: row.updated_at.toISOString() };
}

/**
 * Replaces the form's fields at `version` (admins and the PMO). Keys are stable: answers are stored under them.
 * Answers to a removed field are no longer shown or checked, and are dropped when the proposal's answers next change.
 */
export async function updateIntakeForm(db: Kysely<DB>, actor: Actor, version: number, fields: IntakeField[]) {
  authorize(actor, 'update', { kind: 'strategy', area: 'intake' });
  withDomainErrors(() => validateIntakeForm(fields));
  await db.transaction().execute(async (tx) => {
    const stored = await tx.selectFrom('intake_forms').selectAll().where('id', '=', 1).executeTakeFirst();
    const before = stored ?? { fields: '[]', version: 1 };
    // The first save inserts the row (two first saves at once: the second hits the primary key, a 409).
    const r = stored
      ? await tx.updateTable('intake_forms').set({ fields: toJson(fields), version: before.version + 1, updated_at: new Date() }).where('id', '=', 1).where('version', '=', version).returning('version').executeTakeFirst()
      : version === 1
        ? await tx.insertInto('intake_forms').values({ id: 1, fields: toJson(fields), version: 2 }).returning('version').executeTakeFirst()
        : undefined;
    if (!r) throw versionConflict('the intake form');
    await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'intake_form', entityId: '1', projectId: null, before: { fields: fromJson(before.fields) }, after: { fields }, version: r.version });
  });
  return getIntakeForm(db, actor);
}
