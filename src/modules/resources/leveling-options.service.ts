/** Per-task levelling options: whether levelling may split the task when a run allows splits (default yes). */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { notFound, versionConflict } from '../../server/errors.js';
import type { Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import { requireProjectAccess } from '../projects/projects.service.js';

const present = (r: { task_id: string; can_split: boolean; pieces: unknown; version: number }) => ({
  taskId: r.task_id,
  canSplit: r.can_split,
  split: Array.isArray(r.pieces) && r.pieces.length > 1,
  version: r.version,
});

/** Tasks of the project with levelling options set (tasks without a row may split and are whole). */
export async function listLevelingOptions(db: Kysely<DB>, actor: Actor, projectId: string) {
  await requireProjectAccess(db, actor, projectId, 'read', 'task');
  return (await db.selectFrom('task_leveling').select(['task_id', 'can_split', 'pieces', 'version']).where('project_id', '=', projectId).orderBy('task_id').execute()).map(present);
}

/** Sets whether levelling may split the task (If-Match: the options' version, 1 when never set). */
export async function setLevelingOptions(db: Kysely<DB>, actor: Actor, taskId: string, version: number, input: { canSplit: boolean }) {
  const task = await db.selectFrom('tasks').select(['id', 'project_id']).where('id', '=', taskId).executeTakeFirst();
  if (!task) throw notFound('task');
  await requireProjectAccess(db, actor, task.project_id, 'update', 'task');
  return db.transaction().execute(async (tx) => {
    await tx.insertInto('task_leveling').values({ task_id: taskId, project_id: task.project_id }).onConflict((oc) => oc.column('task_id').doNothing()).execute();
    const row = await tx
      .updateTable('task_leveling')
      .set((eb) => ({ can_split: input.canSplit, version: eb('version', '+', 1), updated_at: new Date() }))
      .where('task_id', '=', taskId)
      .where('version', '=', version)
      .returning(['task_id', 'can_split', 'pieces', 'version'])
      .executeTakeFirst();
    if (!row) throw versionConflict('the levelling options');
    await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'task_leveling', entityId: taskId, projectId: task.project_id, after: { canSplit: input.canSplit }, version: row.version });
    return present(row);
  });
}
