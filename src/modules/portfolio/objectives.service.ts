/**
 * Strategic objectives: a tree of objectives with key results, linked to projects and proposals with contribution
 * weights. Progress and alignment are computed on read by the domain (rollUpObjectiveProgress,
 * computeStrategicAlignment); a change that would make the tree cyclic is refused before anything is written.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { DB, KeyResultsTable, ObjectivesTable } from '../../db/schema.js';
import { computeKeyResultProgress, computeStrategicAlignment, rollUpObjectiveProgress, validateObjectiveTree, type KeyResult, type Objective } from '../../domain/portfolio/index.js';
import { AppError, notFound, versionConflict } from '../../server/errors.js';
import { authorize, type Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import { withDomainErrors } from './portfolio-common.js';
import type { ObjectiveResponse } from './objectives.schemas.js';

type ObjectiveRow = Selectable<ObjectivesTable>;
type KeyResultRow = Selectable<KeyResultsTable>;

const AREA = { kind: 'strategy', area: 'objective' } as const;

const toObjective = (r: ObjectiveRow): Objective => ({ id: r.id, parentId: r.parent_id, name: r.name, weight: Number(r.weight) });
const toKeyResult = (r: KeyResultRow): KeyResult => ({ id: r.id, objectiveId: r.objective_id, name: r.name, unit: r.unit, start: Number(r.start_value), target: Number(r.target_value), actual: Number(r.actual_value), weight: Number(r.weight) });

/** Tree order (parents before children, siblings by name) with depths. */
function treeOrder(rows: ObjectiveRow[]): { row: ObjectiveRow; depth: number }[] {
  const kids = new Map<string | null, ObjectiveRow[]>();
  for (const r of rows) kids.set(r.parent_id, [...(kids.get(r.parent_id) ?? []), r]);
  const out: { row: ObjectiveRow; depth: number }[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const r of (kids.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))) {
      out.push({ row: r, depth });
      visit(r.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

/** Every objective in tree order with rolled-up progress, key results, links, and the alignment of linked work. */
export async function listObjectives(db: Kysely<DB>, actor: Actor) {
  authorize(actor, 'read', AREA);
  const rows = await db.selectFrom('objectives').selectAll().execute();
  const krRows = await db.selectFrom('key_results').selectAll().orderBy('created_at').orderBy('id').execute();
  const links = await db
    .selectFrom('objective_links as l')
    .leftJoin('projects as p', 'p.id', 'l.project_id')
    .leftJoin('proposals as q', 'q.id', 'l.proposal_id')
    .select(['l.id', 'l.objective_id', 'l.project_id', 'l.proposal_id', 'l.contribution_weight', 'p.name as project_name', 'q.name as proposal_name', 'q.project_id as proposal_project_id'])
    .orderBy('l.created_at')
    .orderBy('l.id')
    .execute();
  const owners = new Map((await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', [...new Set(rows.map((r) => r.owner_id).filter((x): x is string => x !== null)), '00000000-0000-0000-0000-000000000000']).execute()).map((u) => [u.id, u.display_name]));
  const objectives = rows.map(toObjective);
  const keyResults = krRows.map(toKeyResult);
  const progress = new Map(withDomainErrors(() => rollUpObjectiveProgress(objectives, keyResults)).map((p) => [p.objectiveId, p]));
  const targetKey = (l: (typeof links)[number]) => (l.project_id ? `project:${l.project_id}` : `proposal:${l.proposal_id}`);
  // A proposal that became a project counts through the project (whose links were copied from it): its own links
  // stay as the record of what was approved, but counting them too would count one initiative twice.
  const counted = links.filter((l) => l.project_id !== null || l.proposal_project_id === null);
  const alignment = withDomainErrors(() => computeStrategicAlignment(objectives, counted.map((l) => ({ projectId: targetKey(l), objectiveId: l.objective_id, contributionWeight: Number(l.contribution_weight) }))));
  const names = new Map(links.map((l) => [targetKey(l), (l.project_name ?? l.proposal_name) ?? '']));
  const items: ObjectiveResponse[] = treeOrder(rows).map(({ row, depth }) => ({
    id: row.id,
    parentId: row.parent_id,
    name: row.name,
    description: row.description,
    weight: Number(row.weight),
    ownerId: row.owner_id,
    ownerName: row.owner_id ? (owners.get(row.owner_id) ?? null) : null,
    depth,
    progress: progress.get(row.id)?.progress ?? 0,
    globalWeight: progress.get(row.id)?.globalWeight ?? 0,
    keyResults: krRows
      .filter((k) => k.objective_id === row.id)
      .map((k) => ({ id: k.id, objectiveId: k.objective_id, name: k.name, unit: k.unit, start: Number(k.start_value), target: Number(k.target_value), actual: Number(k.actual_value), dueDate: k.due_date, weight: Number(k.weight), progress: computeKeyResultProgress(toKeyResult(k)), version: k.version })),
    links: links
      .filter((l) => l.objective_id === row.id)
      .map((l) => ({ id: l.id, objectiveId: l.objective_id, kind: l.project_id ? ('project' as const) : ('proposal' as const), targetId: (l.project_id ?? l.proposal_id)!, name: names.get(targetKey(l)) ?? '', contributionWeight: Number(l.contribution_weight), becameProjectId: l.project_id ? null : l.proposal_project_id })),
    version: row.version,
  }));
  return {
    items,
    alignment: [...alignment].map(([key, a]) => {
      const [kind, id] = key.split(':') as ['project' | 'proposal', string];
      return { kind, id, name: names.get(key) ?? '', alignment: a };
    }).sort((a, b) => b.alignment - a.alignment || a.name.localeCompare(b.name)),
  };
}

async function findObjective(db: Kysely<DB>, id: string): Promise<ObjectiveRow> {
  const r = await db.selectFrom('objectives').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('objective');
  return r;
}

async function checkOwner(db: Kysely<DB>, ownerId: string | null | undefined): Promise<void> {
  if (!ownerId) return;
  const u = await db.selectFrom('users').select('active').where('id', '=', ownerId).executeTakeFirst();
  if (!u || !u.active) throw new AppError(422, 'invalid_reference', 'the owner is not an active user');
}

/** Checks the whole tree with the change applied (unknown parent, cycles: 422) inside the transaction. */
async function checkTree(tx: Kysely<DB>, changed: Objective): Promise<void> {
  const all = (await tx.selectFrom('objectives').selectAll().execute()).map(toObjective).filter((o) => o.id !== changed.id);
  if (changed.parentId && !all.some((o) => o.id === changed.parentId)) throw new AppError(422, 'invalid_reference', 'the parent objective does not exist');
  withDomainErrors(() => validateObjectiveTree([...all, changed], []));
}

const objectiveAudit = (o: { name: string; description: string; parentId: string | null; weight: number; ownerId: string | null }) => o;

/** Creates an objective (portfolio editors). */
export async function createObjective(db: Kysely<DB>, actor: Actor, input: { name: string; description?: string; parentId?: string | null; weight: number; ownerId?: string | null }) {
  authorize(actor, 'create', AREA);
  const id = randomUUID();
  await db.transaction().execute(async (tx) => {
    await checkOwner(tx, input.ownerId);
    await checkTree(tx, { id, parentId: input.parentId ?? null, name: input.name, weight: input.weight });
    await tx.insertInto('objectives').values({ id, name: input.name, description: input.description ?? '', parent_id: input.parentId ?? null, weight: input.weight, owner_id: input.ownerId ?? null }).execute();
    await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'objective', entityId: id, projectId: null, after: objectiveAudit({ name: input.name, description: input.description ?? '', parentId: input.parentId ?? null, weight: input.weight, ownerId: input.ownerId ?? null }), version: 1 });
  });
  return objectiveById(db, actor, id);
}

/** One objective as in the list (progress rolled up over the whole tree). */
export async function objectiveById(db: Kysely<DB>, actor: Actor, id: string): Promise<ObjectiveResponse> {
  const o = (await listObjectives(db, actor)).items.find((x) => x.id === id);
  if (!o) throw notFound('objective');
  return o;
}

/** Updates an objective at `version`; moving it under one of its own descendants is a 422 (cycle). */
export async function updateObjective(db: Kysely<DB>, actor: Actor, id: string, version: number, patch: { name?: string; description?: string; parentId?: string | null; weight?: number; ownerId?: string | null }) {
  authorize(actor, 'update', AREA);
  await db.transaction().execute(async (tx) => {
    const before = await findObjective(tx, id);
    if (patch.ownerId !== undefined) await checkOwner(tx, patch.ownerId);
    const next = { name: patch.name ?? before.name, description: patch.description ?? before.description, parentId: patch.parentId === undefined ? before.parent_id : patch.parentId, weight: patch.weight ?? Number(before.weight), ownerId: patch.ownerId === undefined ? before.owner_id : patch.ownerId };
    if (next.parentId === id) throw new AppError(422, 'invalid_objective_tree', 'an objective cannot be its own parent');
    await checkTree(tx, { id, parentId: next.parentId, name: next.name, weight: next.weight });
    const r = await tx
      .updateTable('objectives')
      .set({ name: next.name, description: next.description, parent_id: next.parentId, weight: next.weight, owner_id: next.ownerId, version: before.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .where('version', '=', version)
      .returning('version')
      .executeTakeFirst();
    if (!r) throw versionConflict('the objective');
    await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'objective', entityId: id, projectId: null, before: objectiveAudit({ name: before.name, description: before.description, parentId: before.parent_id, weight: Number(before.weight), ownerId: before.owner_id }), after: objectiveAudit(next), version: r.version });
  });
  return objectiveById(db, actor, id);
}

/** Deletes an objective without children at `version` (its key results and links go with it). */
export async function deleteObjective(db: Kysely<DB>, actor: Actor, id: string, version: number): Promise<void> {
  authorize(actor, 'delete', AREA);
  await db.transaction().execute(async (tx) => {
    const before = await findObjective(tx, id);
    const child = await tx.selectFrom('objectives').select('name').where('parent_id', '=', id).executeTakeFirst();
    if (child) throw new AppError(409, 'objective_has_children', `"${child.name}" is under this objective; move or delete it first`);
    const scoring = await tx.selectFrom('scoring_models').select(['name', 'criteria']).execute();
    const user = scoring.find((m) => (typeof m.criteria === 'string' ? (JSON.parse(m.criteria) as { objectiveId?: string }[]) : (m.criteria as { objectiveId?: string }[])).some((c) => c.objectiveId === id));
    if (user) throw new AppError(409, 'objective_in_use', `the scoring model "${user.name}" has a strategic-fit criterion for this objective`);
    const d = await tx.deleteFrom('objectives').where('id', '=', id).where('version', '=', version).returning('id').executeTakeFirst();
    if (!d) throw versionConflict('the objective');
    await recordChange(tx, { actorId: actor.userId, action: 'deleted', entityType: 'objective', entityId: id, projectId: null, before: { name: before.name, parentId: before.parent_id } });
  });
}

interface KeyResultInput {
  name?: string;
  unit?: string;
  start?: number;
  target?: number;
  actual?: number;
  dueDate?: string | null;
  weight?: number;
}

/** Adds a key result to an objective. */
export async function createKeyResult(db: Kysely<DB>, actor: Actor, objectiveId: string, input: KeyResultInput & { name: string; target: number }) {
  authorize(actor, 'create', AREA);
  await db.transaction().execute(async (tx) => {
    await findObjective(tx, objectiveId);
    const id = randomUUID();
    const row = { id, objective_id: objectiveId, name: input.name, unit: input.unit ?? '', start_value: input.start ?? 0, target_value: input.target, actual_value: input.actual ?? input.start ?? 0, due_date: input.dueDate ?? null, weight: input.weight ?? 1 };
    await tx.insertInto('key_results').values(row).execute();
    await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'key_result', entityId: id, projectId: null, after: { objectiveId, name: row.name, unit: row.unit, start: row.start_value, target: row.target_value, actual: row.actual_value, dueDate: row.due_date, weight: row.weight }, version: 1 });
  });
  return objectiveById(db, actor, objectiveId);
}

/** Updates a key result at `version` (e.g. a new actual value); answers the objective with its new progress. */
export async function updateKeyResult(db: Kysely<DB>, actor: Actor, id: string, version: number, patch: KeyResultInput) {
  authorize(actor, 'update', AREA);
  const objectiveId = await db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('key_results').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound('key result');
    const next = {
      name: patch.name ?? before.name,
      unit: patch.unit ?? before.unit,
      start_value: patch.start ?? Number(before.start_value),
      target_value: patch.target ?? Number(before.target_value),
      actual_value: patch.actual ?? Number(before.actual_value),
      due_date: patch.dueDate === undefined ? before.due_date : patch.dueDate,
      weight: patch.weight ?? Number(before.weight),
    };
    const r = await tx.updateTable('key_results').set({ ...next, version: before.version + 1, updated_at: new Date() }).where('id', '=', id).where('version', '=', version).returning('version').executeTakeFirst();
    if (!r) throw versionConflict('the key result');
    await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'key_result', entityId: id, projectId: null, before: { actual: Number(before.actual_value), target: Number(before.target_value), start: Number(before.start_value) }, after: { actual: next.actual_value, target: next.target_value, start: next.start_value }, version: r.version });
    return before.objective_id;
  });
  return objectiveById(db, actor, objectiveId);
}

/** Deletes a key result at `version`. */
export async function deleteKeyResult(db: Kysely<DB>, actor: Actor, id: string, version: number): Promise<void> {
  authorize(actor, 'delete', AREA);
  await db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('key_results').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound('key result');
    const d = await tx.deleteFrom('key_results').where('id', '=', id).where('version', '=', version).returning('id').executeTakeFirst();
    if (!d) throw versionConflict('the key result');
    await recordChange(tx, { actorId: actor.userId, action: 'deleted', entityType: 'key_result', entityId: id, projectId: null, before: { objectiveId: before.objective_id, name: before.name } });
  });
}

/** Links a project or a proposal to an objective with a contribution weight (once per pair: 409 otherwise). */
export async function createLink(db: Kysely<DB>, actor: Actor, objectiveId: string, input: { projectId?: string; proposalId?: string; contributionWeight: number }) {
  authorize(actor, 'create', AREA);
  await db.transaction().execute(async (tx) => {
    await findObjective(tx, objectiveId);
    const col = input.projectId ? 'project_id' : 'proposal_id';
    const target = (input.projectId ?? input.proposalId)!;
    const exists = input.projectId
      ? await tx.selectFrom('projects').select('id').where('id', '=', target).executeTakeFirst()
      : await tx.selectFrom('proposals').select('id').where('id', '=', target).executeTakeFirst();
    if (!exists) throw new AppError(422, 'invalid_reference', `the ${input.projectId ? 'project' : 'proposal'} does not exist`);
    const dup = await tx.selectFrom('objective_links').select('id').where('objective_id', '=', objectiveId).where(col, '=', target).executeTakeFirst();
    if (dup) throw new AppError(409, 'already_linked', 'it is already linked to this objective');
    const id = randomUUID();
    await tx.insertInto('objective_links').values({ id, objective_id: objectiveId, project_id: input.projectId ?? null, proposal_id: input.proposalId ?? null, contribution_weight: input.contributionWeight }).execute();
    await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'objective_link', entityId: id, projectId: input.projectId ?? null, after: { objectiveId, projectId: input.projectId ?? null, proposalId: input.proposalId ?? null, contributionWeight: input.contributionWeight }, version: 1 });
  });
  return objectiveById(db, actor, objectiveId);
}

/**
 * Copies the objective links of a proposal to the project it has just become (same objectives, same contribution
 * weights), in the caller's transaction, with an audit row per link. The proposal keeps its links as the record of
 * what was approved; `listObjectives` counts a proposal that is linked to a project only through the project.
 * Returns how many links were copied.
 */
export async function copyProposalLinksInTransaction(tx: Kysely<DB>, actor: Actor, proposalId: string, projectId: string): Promise<number> {
  authorize(actor, 'create', AREA);
  const links = await tx.selectFrom('objective_links').select(['id', 'objective_id', 'contribution_weight']).where('proposal_id', '=', proposalId).orderBy('created_at').orderBy('id').execute();
  if (links.length === 0) return 0;
  const rows = links.map((l) => ({ id: randomUUID(), objective_id: l.objective_id, project_id: projectId, proposal_id: null, contribution_weight: l.contribution_weight }));
  await tx.insertInto('objective_links').values(rows).execute();
  for (const [i, r] of rows.entries()) {
    const after = { objectiveId: r.objective_id, projectId, proposalId: null, contributionWeight: Number(r.contribution_weight), copiedFrom: { proposalId, linkId: links[i]!.id } };
    await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'objective_link', entityId: r.id, projectId, after, version: 1 });
  }
  return rows.length;
}

/** Removes a link. */
export async function deleteLink(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'delete', AREA);
  await db.transaction().execute(async (tx) => {
    const l = await tx.deleteFrom('objective_links').where('id', '=', id).returningAll().executeTakeFirst();
    if (!l) throw notFound('objective link');
    await recordChange(tx, { actorId: actor.userId, action: 'deleted', entityType: 'objective_link', entityId: id, projectId: l.project_id, before: { objectiveId: l.objective_id, projectId: l.project_id, proposalId: l.proposal_id, contributionWeight: Number(l.contribution_weight) } });
  });
}

/** Objective ids that exist (for validating strategic-fit criteria of scoring models). */
export async function existingObjectiveIds(db: Kysely<DB>, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  return new Set((await db.selectFrom('objectives').select('id').where('id', 'in', ids).execute()).map((r) => r.id));
}
