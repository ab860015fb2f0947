/** Rate cards (cost and bill rates per person, role and project with effective dates) and exchange rates. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { DB, RatesTable } from '../../db/schema.js';
import { AppError, notFound, versionConflict } from '../../server/errors.js';
import { authorize, orgRolesAllowed, type Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import { parseDecimal, validateRateRow } from '../../domain/finance/index.js';
import { domain, normalizeDecimal } from './finance-common.js';

/** API view of a rate row. */
export const presentRate = (r: Selectable<RatesTable>) => ({
  id: r.id,
  kind: r.kind,
  personId: r.person_id,
  roleId: r.role_id,
  projectId: r.project_id,
  effectiveFrom: r.effective_from,
  effectiveTo: r.effective_to,
  amountMinorPerHour: Number(r.amount_minor_per_hour),
  currency: r.currency.trim(),
  version: r.version,
});

export interface RateInput {
  kind: 'cost' | 'bill';
  personId?: string | null;
  roleId?: string | null;
  projectId?: string | null;
  effectiveFrom: string;
  effectiveTo?: string | null;
  amountMinorPerHour: number;
  currency: string;
}

/** Refuses a row that overlaps another with the same kind and scope (the domain would find it ambiguous). */
async function checkOverlap(db: Kysely<DB>, r: RateInput, exceptId: string | null) {
  validateRateRow({ id: exceptId ?? 'new', kind: r.kind, personId: r.personId ?? null, roleId: r.roleId ?? null, projectId: r.projectId ?? null, effectiveFrom: r.effectiveFrom, effectiveTo: r.effectiveTo ?? null, amountMinorPerHour: r.amountMinorPerHour, currency: r.currency });
  let q = db.selectFrom('rates').select(['id', 'effective_from', 'effective_to']).where('kind', '=', r.kind);
  q = r.personId ? q.where('person_id', '=', r.personId) : q.where('person_id', 'is', null);
  q = r.roleId ? q.where('role_id', '=', r.roleId) : q.where('role_id', 'is', null);
  q = r.projectId ? q.where('project_id', '=', r.projectId) : q.where('project_id', 'is', null);
  if (exceptId) q = q.where('id', '<>', exceptId);
  for (const o of await q.execute()) {
    if (o.effective_from === r.effectiveFrom) throw new AppError(409, 'rate_overlap', `a ${r.kind} rate for the same scope already starts on ${r.effectiveFrom} (${o.id})`);
  }
}

export async function listRates(db: Kysely<DB>, actor: Actor, f: { personId?: string; projectId?: string; kind?: 'cost' | 'bill' }) {
  authorize(actor, 'read', { kind: 'finance', area: 'rates', projectRole: null });
  let q = db.selectFrom('rates').selectAll();
  if (f.personId) q = q.where('person_id', '=', f.personId);
  if (f.projectId) q = q.where('project_id', '=', f.projectId);
  if (f.kind) q = q.where('kind', '=', f.kind);
  return (await q.orderBy('kind').orderBy('effective_from').orderBy('id').limit(5000).execute()).map(presentRate);
}

export async function createRate(db: Kysely<DB>, actor: Actor, input: RateInput) {
  authorize(actor, 'create', { kind: 'finance', area: 'rates', projectRole: null });
  return domain(() => db.transaction().execute(async (tx) => {
    await checkOverlap(tx, input, null);
    const row = await tx.insertInto('rates').values({
      id: randomUUID(), kind: input.kind, person_id: input.personId ?? null, role_id: input.roleId ?? null, project_id: input.projectId ?? null,
      effective_from: input.effectiveFrom, effective_to: input.effectiveTo ?? null, amount_minor_per_hour: input.amountMinorPerHour, currency: input.currency,
    }).returningAll().executeTakeFirstOrThrow();
    await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'rate', entityId: row.id, projectId: row.project_id, after: presentRate(row), version: row.version });
    return presentRate(row);
  }));
}

export async function updateRate(db: Kysely<DB>, actor: Actor, id: string, version: number, patch: Partial<RateInput>) {
  authorize(actor, 'update', { kind: 'finance', area: 'rates', projectRole: null });
  return domain(() => db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('rates').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound('rate');
    const b = presentRate(before);
    const next: RateInput = { ...b, ...patch };
    await checkOverlap(tx, next, id);
    const row = await tx.updateTable('rates').set((eb) => ({
      kind: next.kind, person_id: next.personId ?? null, role_id: next.roleId ?? null, project_id: next.projectId ?? null, effective_from: next.effectiveFrom,
      effective_to: next.effectiveTo ?? null, amount_minor_per_hour: next.amountMinorPerHour, currency: next.currency, version: eb('version', '+', 1), updated_at: new Date(),
    })).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
    if (!row) throw versionConflict('the rate');
    await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'rate', entityId: id, projectId: row.project_id, before: b, after: presentRate(row), version: row.version });
    return presentRate(row);
  }));
}

export async function deleteRate(db: Kysely<DB>, actor: Actor, id: string, version: number) {
  authorize(actor, 'delete', { kind: 'finance', area: 'rates', projectRole: null });
  await db.transaction().execute(async (tx) => {
    const row = await tx.deleteFrom('rates').where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
    if (!row) {
      const exists = await tx.selectFrom('rates').select('id').where('id', '=', id).executeTakeFirst();
      throw exists ? versionConflict('the rate') : notFound('rate');
    }
    await recordChange(tx, { actorId: actor.userId, action: 'deleted', entityType: 'rate', entityId: id, projectId: row.project_id, before: presentRate(row) });
  });
}

export async function listExchangeRates(db: Kysely<DB>, actor: Actor, f: { from?: string; to?: string }) {
  authorize(actor, 'read', { kind: 'finance', area: 'rates', projectRole: null });
  let q = db.selectFrom('exchange_rates').selectAll();
  if (f.from) q = q.where('from_currency', '=', f.from);
  if (f.to) q = q.where('to_currency', '=', f.to);
  const rows = await q.orderBy('rate_date', 'desc').limit(5000).execute();
  return rows.map((r) => ({ id: r.id, from: r.from_currency.trim(), to: r.to_currency.trim(), date: r.rate_date, rate: normalizeDecimal(String(r.rate)) }));
}

/** Adds (or replaces) the rate of a currency pair on a date: 1 `from` = `rate` `to`. */
export async function putExchangeRate(db: Kysely<DB>, actor: Actor, input: { from: string; to: string; date: string; rate: string }) {
  authorize(actor, 'create', { kind: 'finance', area: 'rates', projectRole: null });
  if (input.from === input.to) throw new AppError(422, 'same_currency', 'an exchange rate needs two different currencies');
  await domain(async () => {
    const d = parseDecimal(input.rate);
    if (d.units <= 0n) throw new AppError(422, 'invalid_rate', 'the rate must be positive');
  });
  return db.transaction().execute(async (tx) => {
    const row = await tx.insertInto('exchange_rates').values({ id: randomUUID(), from_currency: input.from, to_currency: input.to, rate_date: input.date, rate: input.rate })
      .onConflict((oc) => oc.columns(['from_currency', 'to_currency', 'rate_date']).doUpdateSet({ rate: input.rate })).returningAll().executeTakeFirstOrThrow();
    await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'exchange_rate', entityId: row.id, projectId: null, after: input });
    return { id: row.id, from: input.from, to: input.to, date: input.date, rate: normalizeDecimal(String(row.rate)) };
  });
}

/** A person's finance profile: the billing role (their primary role, used by role rates) and the line manager who may approve their time. */
export async function getPersonFinance(db: Kysely<DB>, actor: Actor, personId: string) {
  authorize(actor, 'read', { kind: 'finance', area: 'rates', projectRole: null });
  const p = await db.selectFrom('people').select(['id', 'line_manager_id']).where('id', '=', personId).executeTakeFirst();
  if (!p) throw notFound('person');
  const r = await db.selectFrom('role_members').innerJoin('roles', 'roles.id', 'role_members.role_id').select(['roles.id', 'roles.name'])
    .where('role_members.person_id', '=', personId).where('role_members.is_primary', '=', true).executeTakeFirst();
  return { personId, roleId: r?.id ?? null, roleName: r?.name ?? null, lineManagerId: p.line_manager_id };
}

/**
 * Sets the billing role and the line manager. The billing role becomes the person's primary role membership
 * (added to their roles when they did not hold it yet); `roleId: null` only clears the primary flag.
 */
export async function putPersonFinance(db: Kysely<DB>, actor: Actor, personId: string, input: { roleId: string | null; lineManagerId: string | null }) {
  authorize(actor, 'update', { kind: 'finance', area: 'rates', projectRole: null });
  await db.transaction().execute(async (tx) => {
    const p = await tx.selectFrom('people').select(['id', 'user_id']).where('id', '=', personId).executeTakeFirst();
    if (!p) throw notFound('person');
    if (input.lineManagerId && input.lineManagerId === p.user_id) throw new AppError(422, 'own_line_manager', 'a person cannot be their own line manager');
    if (input.lineManagerId && !(await tx.selectFrom('users').select('id').where('id', '=', input.lineManagerId).executeTakeFirst())) {
      throw new AppError(422, 'invalid_reference', 'the line manager is not a user', [{ path: 'lineManagerId', message: 'no such user' }]);
    }
    if (input.roleId && !(await tx.selectFrom('roles').select('id').where('id', '=', input.roleId).executeTakeFirst())) {
      throw new AppError(422, 'invalid_reference', 'no such role', [{ path: 'roleId', message: 'no such role' }]);
    }
    await tx.updateTable('role_members').set({ is_primary: false }).where('person_id', '=', personId).where('is_primary', '=', true).execute();
    if (input.roleId) {
      await tx.insertInto('role_members').values({ person_id: personId, role_id: input.roleId, is_primary: true })
        .onConflict((oc) => oc.columns(['person_id', 'role_id']).doUpdateSet({ is_primary: true })).execute();
    }
    await tx.updateTable('people').set({ line_manager_id: input.lineManagerId }).where('id', '=', personId).execute();
    await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'person_finance', entityId: personId, projectId: null, after: input,
      // Only those who may read people's finance settings hear of the change (not every user).
      recipients: { userIds: [], orgRoles: orgRolesAllowed('read', { kind: 'finance', area: 'rates', projectRole: null }) } });
  });
  return getPersonFinance(db, actor, personId);
}
