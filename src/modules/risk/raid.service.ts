/** The RAID log of a project: issues, decisions, changes and assumptions with owners and due dates, linked to a risk and a task of the project. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { z } from 'zod';
import type { DB, RaidEntriesTable } from '../../db/schema.js';
import { AppError, notFound, versionConflict } from '../../server/errors.js';
import { authorize, type Action, type Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import { requireProjectAccess } from '../projects/projects.service.js';
import { todayUtc } from './risk.access.js';
import type { CreateRaidBody, ListRaidQuery, RaidEntryResponse, UpdateRaidBody } from './raid.schemas.js';

type Row = Selectable<RaidEntriesTable> & { owner_name?: string | null; risk_title?: string | null; task_name?: string | null };

const present = (r: Row, asOf: string): RaidEntryResponse => ({
  id: r.id,
  projectId: r.project_id,
  type: r.type,
  title: r.title,
  description: r.description,
  ownerId: r.owner_id,
  ownerName: r.owner_name ?? null,
  status: r.status,
  priority: r.priority,
  dueDate: r.due_date,
  riskId: r.risk_id,
  riskTitle: r.risk_title ?? null,
  taskId: r.task_id,
  taskName: r.task_name ?? null,
  resolution: r.resolution,
  resolvedOn: r.resolved_on,
  overdue: r.status !== 'closed' && r.due_date !== null && r.due_date < asOf,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  version: r.version,
});

const auditView = (r: Row) => ({ type: r.type, title: r.title, description: r.description, ownerId: r.owner_id, status: r.status, priority: r.priority, dueDate: r.due_date, riskId: r.risk_id, taskId: r.task_id, resolution: r.resolution, resolvedOn: r.resolved_on });

async function access(db: Kysely<DB>, actor: Actor, projectId: string, action: Action) {
  const role = await requireProjectAccess(db, actor, projectId, 'read');
  authorize(actor, action, { kind: 'risk', level: 'project', projectRole: role });
}

async function checkRefs(db: Kysely<DB>, projectId: string, ownerId: string | null | undefined, riskId: string | null | undefined, taskId: string | null | undefined) {
  if (ownerId) {
    const u = await db.selectFrom('users').select('active').where('id', '=', ownerId).executeTakeFirst();
    if (!u || !u.active) throw new AppError(422, 'invalid_reference', 'the owner is not an active user');
  }
  if (riskId) {
    const r = await db.selectFrom('risks').select('id').where('id', '=', riskId).where('project_id', '=', projectId).executeTakeFirst();
    if (!r) throw new AppError(422, 'invalid_reference', 'the risk is not in this project');
  }
  if (taskId) {
    const t = await db.selectFrom('tasks').select('id').where('id', '=', taskId).where('project_id', '=', projectId).executeTakeFirst();
    if (!t) throw new AppError(422, 'invalid_reference', 'the task is not in this project');
  }
}

const selectEntries = (db: Kysely<DB>) =>
  db
    .selectFrom('raid_entries as e')
    .leftJoin('users as u', 'u.id', 'e.owner_id')
    .leftJoin('risks as r', 'r.id', 'e.risk_id')
    .leftJoin('tasks as t', 't.id', 'e.task_id')
    .selectAll('e')
    .select(['u.display_name as owner_name', 'r.title as risk_title', 't.name as task_name']);

/** A project's RAID log, newest first, optionally of one type or status, or linked to one risk or task. */
export async function listRaid(db: Kysely<DB>, actor: Actor, projectId: string, q: z.output<typeof ListRaidQuery>) {
  await access(db, actor, projectId, 'read');
  let query = selectEntries(db).where('e.project_id', '=', projectId);
  if (q.type) query = query.where('e.type', '=', q.type);
  if (q.status) query = query.where('e.status', '=', q.status);
  if (q.riskId) query = query.where('e.risk_id', '=', q.riskId);
  if (q.taskId) query = query.where('e.task_id', '=', q.taskId);
  const today = todayUtc();
  return (await query.orderBy('e.created_at', 'desc').orderBy('e.id').execute()).map((r) => present(r, today));
}

/** Adds an entry to a project's RAID log. */
export async function createRaid(db: Kysely<DB>, actor: Actor, projectId: string, input: z.output<typeof CreateRaidBody>) {
  const id = await db.transaction().execute(async (tx) => {
    await access(tx, actor, projectId, 'create');
    await checkRefs(tx, projectId, input.ownerId, input.riskId, input.taskId);
    const row = await tx
      .insertInto('raid_entries')
      .values({ id: randomUUID(), project_id: projectId, type: input.type, title: input.title, description: input.description ?? '', owner_id: input.ownerId ?? null, status: input.status, priority: input.priority, due_date: input.dueDate ?? null, risk_id: input.riskId ?? null, task_id: input.taskId ?? null, resolution: input.resolution ?? '', resolved_on: input.resolvedOn ?? null })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'raid_entry', entityId: row.id, projectId, after: auditView(row), version: row.version });
    return row.id;
  });
  return present((await selectEntries(db).where('e.id', '=', id).executeTakeFirst())!, todayUtc());
}

/** Updates an entry if `version` is current. */
export async function updateRaid(db: Kysely<DB>, actor: Actor, id: string, version: number, patch: Omit<z.output<typeof UpdateRaidBody>, 'version'>) {
  await db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('raid_entries').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound('RAID entry');
    await access(tx, actor, before.project_id, 'update');
    await checkRefs(tx, before.project_id, patch.ownerId, patch.riskId, patch.taskId);
    const cols: Updateable<RaidEntriesTable> = {};
    if (patch.title !== undefined) cols.title = patch.title;
    if (patch.description !== undefined) cols.description = patch.description;
    if (patch.ownerId !== undefined) cols.owner_id = patch.ownerId;
    if (patch.status !== undefined) cols.status = patch.status;
    if (patch.priority !== undefined) cols.priority = patch.priority;
    if (patch.dueDate !== undefined) cols.due_date = patch.dueDate;
    if (patch.riskId !== undefined) cols.risk_id = patch.riskId;
    if (patch.taskId !== undefined) cols.task_id = patch.taskId;
    if (patch.resolution !== undefined) cols.resolution = patch.resolution;
    if (patch.resolvedOn !== undefined) cols.resolved_on = patch.resolvedOn;
    const updated = await tx
      .updateTable('raid_entries')
      .set((eb) => ({ ...cols, version: eb('version', '+', 1), updated_at: new Date() }))
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw versionConflict('the RAID entry');
    await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'raid_entry', entityId: id, projectId: before.project_id, before: auditView(before), after: auditView(updated), version: updated.version });
  });
  return present((await selectEntries(db).where('e.id', '=', id).executeTakeFirst())!, todayUtc());
}

/** Deletes an entry if `version` is current. */
export async function deleteRaid(db: Kysely<DB>, actor: Actor, id: string, version: number) {
  await db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('raid_entries').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound('RAID entry');
    await access(tx, actor, before.project_id, 'delete');
    const deleted = await tx.deleteFrom('raid_entries').where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
    if (!deleted) throw versionConflict('the RAID entry');
    await recordChange(tx, { actorId: actor.userId, action: 'deleted', entityType: 'raid_entry', entityId: id, projectId: before.project_id, before: auditView(deleted) });
  });
}
