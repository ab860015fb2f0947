/** Mitigation and prevention actions linked to a risk (owner, due date, status and progress). */
import { randomUUID } from 'node:crypto';
import type { Kysely, Updateable } from 'kysely';
import type { z } from 'zod';
import type { DB, RiskActionsTable } from '../../db/schema.js';
import { AppError, notFound, versionConflict } from '../../server/errors.js';
import type { Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import * as repo from './risk.repo.js';
import { requireRiskAccess, todayUtc } from './risk.access.js';
import { presentAction } from './risk.present.js';
import type { ActionResponse, CreateActionBody, UpdateActionBody } from './risk.schemas.js';

const auditAction = (a: { risk_id: string; title: string; owner_id: string | null; due_date: string | null; status: string; progress_percent: number; task_id: string | null }) => ({
  riskId: a.risk_id,
  taskId: a.task_id,
  title: a.title,
  ownerId: a.owner_id,
  dueDate: a.due_date,
  status: a.status,
  progressPercent: a.progress_percent,
});

/** An action can be a task of the risk's project (project risks only). */
async function checkTask(db: Kysely<DB>, risk: { project_id: string | null }, taskId: string | null | undefined) {
  if (!taskId) return;
  if (!risk.project_id) throw new AppError(422, 'invalid_reference', 'only actions of project risks can be schedule tasks');
  const t = await db.selectFrom('tasks').select('id').where('id', '=', taskId).where('project_id', '=', risk.project_id).executeTakeFirst();
  if (!t) throw new AppError(422, 'invalid_reference', 'the task is not a task of the risk\'s project');
}

async function checkOwner(db: Kysely<DB>, ownerId: string | null | undefined) {
  if (!ownerId) return;
  const u = await db.selectFrom('users').select('active').where('id', '=', ownerId).executeTakeFirst();
  if (!u || !u.active) throw new AppError(422, 'invalid_reference', 'the owner is not an active user');
}

/** Actions of a risk, soonest due first. */
export async function listRiskActions(db: Kysely<DB>, actor: Actor, riskId: string): Promise<ActionResponse[]> {
  const risk = await repo.findRiskRow(db, riskId);
  if (!risk) throw notFound('risk');
  await requireRiskAccess(db, actor, risk, 'read');
  const today = todayUtc();
  return (await repo.listActions(db, [riskId])).map((a) => presentAction(a, today));
}

/** Adds an action to a risk. */
export async function createRiskAction(db: Kysely<DB>, actor: Actor, riskId: string, input: z.output<typeof CreateActionBody>): Promise<ActionResponse> {
  const id = await db.transaction().execute(async (tx) => {
    const risk = await repo.findRiskRow(tx, riskId);
    if (!risk) throw notFound('risk');
    await requireRiskAccess(tx, actor, risk, 'update');
    await checkOwner(tx, input.ownerId);
    await checkTask(tx, risk, input.taskId);
    const row = await repo.insertAction(tx, {
      id: randomUUID(),
      risk_id: riskId,
      task_id: input.taskId ?? null,
      title: input.title,
      owner_id: input.ownerId ?? null,
      due_date: input.dueDate ?? null,
      status: input.status,
      progress_percent: input.status === 'done' ? 100 : input.progressPercent,
    });
    await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'risk_action', entityId: row.id, projectId: risk.project_id, after: auditAction(row), version: row.version });
    return row.id;
  });
  return presentAction((await repo.findAction(db, id))!, todayUtc());
}

async function loadForWrite(tx: Kysely<DB>, actor: Actor, id: string) {
  const before = await repo.findAction(tx, id);
  if (!before) throw notFound('action');
  const risk = await repo.findRiskRow(tx, before.risk_id);
  if (!risk) throw notFound('action');
  await requireRiskAccess(tx, actor, risk, 'update');
  return { before, risk };
}

/** Updates an action if `version` is current. */
export async function updateRiskAction(db: Kysely<DB>, actor: Actor, id: string, version: number, patch: Omit<z.output<typeof UpdateActionBody>, 'version'>): Promise<ActionResponse> {
  await db.transaction().execute(async (tx) => {
    const { before, risk } = await loadForWrite(tx, actor, id);
    if (patch.ownerId !== undefined) await checkOwner(tx, patch.ownerId);
    await checkTask(tx, risk, patch.taskId);
    const cols: Updateable<RiskActionsTable> = {};
    if (patch.taskId !== undefined) cols.task_id = patch.taskId;
    if (patch.title !== undefined) cols.title = patch.title;
    if (patch.ownerId !== undefined) cols.owner_id = patch.ownerId;
    if (patch.dueDate !== undefined) cols.due_date = patch.dueDate;
    if (patch.status !== undefined) cols.status = patch.status;
    if (patch.progressPercent !== undefined) cols.progress_percent = patch.progressPercent;
    if (patch.status === 'done') cols.progress_percent = 100;
    const updated = await repo.updateAction(tx, id, version, cols);
    if (!updated) throw versionConflict('the action');
    await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'risk_action', entityId: id, projectId: risk.project_id, before: auditAction(before), after: auditAction(updated), version: updated.version });
  });
  return presentAction((await repo.findAction(db, id))!, todayUtc());
}

/** Deletes an action if `version` is current. */
export async function deleteRiskAction(db: Kysely<DB>, actor: Actor, id: string, version: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const { risk } = await loadForWrite(tx, actor, id);
    const deleted = await repo.deleteAction(tx, id, version);
    if (!deleted) throw versionConflict('the action');
    await recordChange(tx, { actorId: actor.userId, action: 'deleted', entityType: 'risk_action', entityId: id, projectId: risk.project_id, before: auditAction(deleted) });
  });
}
