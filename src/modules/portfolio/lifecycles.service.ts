/**
 * Lifecycles: configurable stages and gates. There is always exactly one default lifecycle; a project or proposal
 * whose lifecycle_id is null follows it. Until a default is stored it is the built-in standard lifecycle (fixed id),
 * which is written the first time something refers to it by id (a gate review, a project pinned to it, a change). Stage keys are stable text: a definition change may add stages and change
 * gates, but may not drop a stage that a project or proposal is in, nor a gate with an open review.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, LifecyclesTable } from '../../db/schema.js';
import { projectCreationStage, STANDARD_LIFECYCLE, stageName, validateLifecycle, type LifecycleDefinition } from '../../domain/portfolio/index.js';
import { AppError, notFound, versionConflict } from '../../server/errors.js';
import { authorize, type Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import { fromJson, toJson, withDomainErrors } from './portfolio-common.js';
import type { LifecycleResponse } from './gates.schemas.js';

type Row = Selectable<LifecyclesTable>;

/** A lifecycle with its definition parsed. */
export interface Lifecycle {
  id: string;
  key: string;
  name: string;
  description: string;
  isDefault: boolean;
  definition: LifecycleDefinition;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

const toLifecycle = (r: Row): Lifecycle => ({
  id: r.id,
  key: r.key,
  name: r.name,
  description: r.description,
  isDefault: r.is_default,
  definition: fromJson(r.definition),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
});

/** Id of the built-in standard lifecycle (the same in every installation). */
export const STANDARD_LIFECYCLE_ID = 'b7a3c0de-0000-4000-8000-000000000001';
const EPOCH = new Date(0);

/** The built-in standard lifecycle as a record (the default while no default is stored). */
function builtInStandard(): Lifecycle {
  return { id: STANDARD_LIFECYCLE_ID, key: 'standard', name: 'Standard project lifecycle', description: 'Idea to closure with a gate between every stage.', isDefault: true, definition: STANDARD_LIFECYCLE, createdAt: EPOCH, updatedAt: EPOCH, version: 1 };
}

/** Stores the built-in standard lifecycle as the default unless a default is stored already (inside the caller's transaction). */
export async function ensureDefaultLifecycle(tx: Kysely<DB>): Promise<void> {
  const def = await tx.selectFrom('lifecycles').select('id').where('is_default', '=', true).executeTakeFirst();
  if (def) return;
  const std = builtInStandard();
  await tx
    .insertInto('lifecycles')
    .values({ id: std.id, key: std.key, name: std.name, description: std.description, definition: toJson(std.definition), is_default: true })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** Every lifecycle, default first (the built-in standard one while no default is stored). */
export async function loadLifecycles(db: Kysely<DB>): Promise<Lifecycle[]> {
  const rows = (await db.selectFrom('lifecycles').selectAll().orderBy('is_default', 'desc').orderBy('name').orderBy('id').execute()).map(toLifecycle);
  return rows.some((l) => l.isDefault) ? rows : [builtInStandard(), ...rows.filter((l) => l.id !== STANDARD_LIFECYCLE_ID)];
}

/**
 * The lifecycle with this id, or the default one for null; an unknown id is a 422 (a bad reference in a request).
 * `persist`: the caller is about to store a reference to it, so the built-in default is written first.
 */
export async function resolveLifecycle(db: Kysely<DB>, id: string | null | undefined, opts: { persist?: boolean } = {}): Promise<Lifecycle> {
  if (opts.persist && (!id || id === STANDARD_LIFECYCLE_ID)) await ensureDefaultLifecycle(db);
  const q = db.selectFrom('lifecycles').selectAll();
  const row = await (id ? q.where('id', '=', id) : q.where('is_default', '=', true)).executeTakeFirst();
  if (row) return toLifecycle(row);
  const builtIn = (await loadLifecycles(db)).find((l) => l.id === STANDARD_LIFECYCLE_ID && l.isDefault);
  if (builtIn && (!id || id === STANDARD_LIFECYCLE_ID)) return builtIn;
  throw new AppError(422, 'invalid_reference', 'the lifecycle does not exist');
}

/** 422 unless `stage` is a stage of the lifecycle. */
export function assertStage(lc: Lifecycle, stage: string): void {
  if (!lc.definition.stages.some((s) => s.key === stage)) {
    throw new AppError(422, 'invalid_stage', `"${stage}" is not a stage of the lifecycle "${lc.name}" (stages: ${lc.definition.stages.map((s) => s.key).join(', ')})`);
  }
}

/** Resolves (lifecycle id or null, stage key) to the lifecycle id and the stage's display name, from one load of all lifecycles. */
export async function stageNamer(db: Kysely<DB>): Promise<(lifecycleId: string | null, stage: string) => { lifecycleId: string; stageName: string }> {
  const all = await loadLifecycles(db);
  const byId = new Map(all.map((l) => [l.id, l]));
  const def = all.find((l) => l.isDefault) ?? all[0];
  return (lifecycleId, stage) => {
    const lc = (lifecycleId ? byId.get(lifecycleId) : def) ?? def;
    return { lifecycleId: lc?.id ?? lifecycleId ?? '', stageName: lc ? stageName(lc.definition, stage) : stage };
  };
}

/** Rows (projects or proposals) that follow the lifecycle: its id, or null when it is the default. */
const followsLifecycle = (lc: Lifecycle) => sql<boolean>`(lifecycle_id = ${lc.id} or (${lc.isDefault} and lifecycle_id is null))`;

async function usage(db: Kysely<DB>, lc: Lifecycle): Promise<{ projects: number; proposals: number }> {
  const p = await db.selectFrom('projects').select(sql<number>`count(*)::int`.as('n')).where(followsLifecycle(lc)).executeTakeFirstOrThrow();
  const q = await db.selectFrom('proposals').select(sql<number>`count(*)::int`.as('n')).where(followsLifecycle(lc)).executeTakeFirstOrThrow();
  return { projects: Number(p.n), proposals: Number(q.n) };
}

/** The API view of a lifecycle with how many projects and proposals follow it. */
export async function presentLifecycle(db: Kysely<DB>, lc: Lifecycle): Promise<LifecycleResponse> {
  const u = await usage(db, lc);
  return {
    id: lc.id,
    key: lc.key,
    name: lc.name,
    description: lc.description,
    isDefault: lc.isDefault,
    stages: lc.definition.stages,
    gates: lc.definition.gates as LifecycleResponse['gates'],
    projectStage: projectCreationStage(lc.definition),
    projectCount: u.projects,
    proposalCount: u.proposals,
    createdAt: lc.createdAt.toISOString(),
    updatedAt: lc.updatedAt.toISOString(),
    version: lc.version,
  };
}

/** Every lifecycle (any signed-in user: stage names appear on every project). */
export async function listLifecycles(db: Kysely<DB>, actor: Actor): Promise<LifecycleResponse[]> {
  authorize(actor, 'read', { kind: 'lifecycle' });
  const all = await loadLifecycles(db);
  const out: LifecycleResponse[] = [];
  for (const lc of all) out.push(await presentLifecycle(db, lc));
  return out;
}

async function findLifecycle(db: Kysely<DB>, id: string): Promise<Lifecycle> {
  const row = await db.selectFrom('lifecycles').selectAll().where('id', '=', id).executeTakeFirst();
  if (row) return toLifecycle(row);
  const builtIn = (await loadLifecycles(db)).find((l) => l.id === id);
  if (!builtIn) throw notFound('lifecycle');
  return builtIn;
}

/** One lifecycle. */
export async function getLifecycle(db: Kysely<DB>, actor: Actor, id: string): Promise<LifecycleResponse> {
  authorize(actor, 'read', { kind: 'lifecycle' });
  return presentLifecycle(db, await findLifecycle(db, id));
}

const auditView = (l: { key: string; name: string; description: string; definition: LifecycleDefinition; isDefault: boolean }) => ({ key: l.key, name: l.name, description: l.description, isDefault: l.isDefault, definition: l.definition });

/** Creates a lifecycle (not the default; make it so with an update). The definition is validated by the domain (422). */
export async function createLifecycle(db: Kysely<DB>, actor: Actor, input: { key: string; name: string; description?: string; definition: LifecycleDefinition }): Promise<LifecycleResponse> {
  authorize(actor, 'create', { kind: 'lifecycle' });
  withDomainErrors(() => validateLifecycle(input.definition));
  const id = randomUUID();
  const lc = await db.transaction().execute(async (tx) => {
    const taken = await tx.selectFrom('lifecycles').select('id').where('key', '=', input.key).executeTakeFirst();
    if (taken) throw new AppError(409, 'key_taken', `a lifecycle with key "${input.key}" exists`);
    const row = await tx.insertInto('lifecycles').values({ id, key: input.key, name: input.name, description: input.description ?? '', definition: toJson(input.definition) }).returningAll().executeTakeFirstOrThrow();
    const created = toLifecycle(row);
    await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'lifecycle', entityId: id, projectId: null, after: auditView(created), version: 1 });
    return created;
  });
  return presentLifecycle(db, lc);
}

/** Refuses a definition that drops a stage in use or a gate with an open review (409, naming them). */
async function checkDefinitionChange(tx: Kysely<DB>, lc: Lifecycle, next: LifecycleDefinition): Promise<void> {
  const keys = new Set(next.stages.map((s) => s.key));
  const dropped = lc.definition.stages.map((s) => s.key).filter((k) => !keys.has(k));
  if (dropped.length) {
    const p = await tx.selectFrom('projects').select(['stage', sql<number>`count(*)::int`.as('n')]).where(followsLifecycle(lc)).where('stage', 'in', dropped).groupBy('stage').execute();
    const q = await tx.selectFrom('proposals').select(['stage', sql<number>`count(*)::int`.as('n')]).where(followsLifecycle(lc)).where('stage', 'in', dropped).groupBy('stage').execute();
    const used = [...p.map((r) => `${r.n} project(s) in "${r.stage}"`), ...q.map((r) => `${r.n} proposal(s) in "${r.stage}"`)];
    if (used.length) throw new AppError(409, 'stage_in_use', `stages cannot be removed while in use: ${used.join(', ')}`);
  }
  const open = await tx.selectFrom('gate_reviews').select(['gate_key', 'from_stage', 'to_stage']).where('lifecycle_id', '=', lc.id).where('status', '=', 'open').execute();
  const gone = open.filter((r) => !next.gates.some((g) => g.key === r.gate_key && g.from === r.from_stage && g.to === r.to_stage));
  if (gone.length) throw new AppError(409, 'gate_in_use', `gates with open reviews cannot be removed or re-routed: ${[...new Set(gone.map((r) => r.gate_key))].join(', ')}`);
}

/** Updates name, description or definition at `version`; `isDefault: true` makes it the default (the old default's followers stay on it). */
export async function updateLifecycle(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  version: number,
  patch: { name?: string; description?: string; definition?: LifecycleDefinition; isDefault?: true },
): Promise<LifecycleResponse> {
  authorize(actor, 'update', { kind: 'lifecycle' });
  if (patch.definition) withDomainErrors(() => validateLifecycle(patch.definition!));
  const lc = await db.transaction().execute(async (tx) => {
    await ensureDefaultLifecycle(tx);
    const before = await findLifecycle(tx, id);
    if (patch.definition) await checkDefinitionChange(tx, before, patch.definition);
    if (patch.isDefault && !before.isDefault) {
      const old = await resolveLifecycle(tx, null);
      // Followers of the old default are pinned to it, so their stages keep meaning what they meant.
      await tx.updateTable('projects').set({ lifecycle_id: old.id }).where('lifecycle_id', 'is', null).execute();
      await tx.updateTable('proposals').set({ lifecycle_id: old.id }).where('lifecycle_id', 'is', null).execute();
      await tx.updateTable('lifecycles').set({ is_default: false, version: old.version + 1, updated_at: new Date() }).where('id', '=', old.id).execute();
      await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'lifecycle', entityId: old.id, projectId: null, before: { isDefault: true }, after: { isDefault: false }, version: old.version + 1 });
    }
    const row = await tx
      .updateTable('lifecycles')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.definition ? { definition: toJson(patch.definition) } : {}),
        ...(patch.isDefault ? { is_default: true } : {}),
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw versionConflict('the lifecycle');
    const after = toLifecycle(row);
    await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'lifecycle', entityId: id, projectId: null, before: auditView(before), after: auditView(after), version: after.version });
    return after;
  });
  return presentLifecycle(db, lc);
}

/** Deletes an unused, non-default lifecycle at `version` (409 otherwise). */
export async function deleteLifecycle(db: Kysely<DB>, actor: Actor, id: string, version: number): Promise<void> {
  authorize(actor, 'delete', { kind: 'lifecycle' });
  await db.transaction().execute(async (tx) => {
    const lc = await findLifecycle(tx, id);
    if (lc.isDefault) throw new AppError(409, 'default_lifecycle', 'the default lifecycle cannot be deleted; make another one the default first');
    const u = await usage(tx, lc);
    const reviews = await tx.selectFrom('gate_reviews').select((eb) => eb.fn.countAll<number>().as('n')).where('lifecycle_id', '=', id).executeTakeFirstOrThrow();
    if (u.projects || u.proposals || Number(reviews.n)) throw new AppError(409, 'lifecycle_in_use', `the lifecycle is used by ${u.projects} project(s), ${u.proposals} proposal(s) and ${Number(reviews.n)} gate review(s)`);
    const d = await tx.deleteFrom('lifecycles').where('id', '=', id).where('version', '=', version).returning('id').executeTakeFirst();
    if (!d) throw versionConflict('the lifecycle');
    await recordChange(tx, { actorId: actor.userId, action: 'deleted', entityType: 'lifecycle', entityId: id, projectId: null, before: auditView(lc) });
  });
}
