/** Per-task levelling options: whether levelling may split the task when a run allows splits (default yes). */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { notFound, versionConflict } from '../../server/errors.js';
import type { Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import { requireProjectAccess } from '../projects/projects.service.js';

/** `valid`: the task still has the dates its pieces were made for (moving it otherwise makes them stale). */
const present = (r: { task_id: string; can_split: boolean; pieces: unknown; version: number; valid: boolean | null }) => ({
  taskId: r.task_id,
  canSplit: r.can_split,
  split: r.valid === true && Array.isArray(r.pieces) && r.pieces.length > 1,
  version: r.version,
});

const selectOptions = (db: Kysely<DB>) =>
  db
    .selectFrom('task_leveling as tl')
    .innerJoin('tasks as t', 't.id', 'tl.task_id')
    .select(['tl.task_id', 'tl.can_split', 'tl.pieces', 'tl.version', sql<boolean>`(t.start = tl.pieces_start and t.finish = tl.pieces_finish)`.as('valid')]);

/** Tasks of the project with levelling options set (tasks without a row may split and are whole). */
export async function listLevelingOptions(db: Kysely<DB>, actor: Actor, projectId: string) {
  await requireProjectAccess(db, actor, projectId, 'read', 'task');
  return (await selectOptions(db).where('tl.project_id', '=', projectId).orderBy('tl.task_id').execute()).map(present);
}

/** Sets whether levelling may split the task (If-Match: the options' version, 1 when never set). */
export async function setLevelingOptions(db: Kysely<DB>, actor: Actor, taskId: string, version: number, input: { canSplit: boolean }) {
  const task = await db.selectFrom('tasks').select(['id', 'project_id']).where('id', '=', taskId).executeTakeFirst();
  if (!task) throw notFound('task');
  await requireProjectAccess(db, actor, task.project_id, 'update', 'task');
  return db.transaction().execute(async (tx) => {
    await tx.insertInto('task_leveling').values({ task_id: taskId, project_id: task.project_id }).onConflict((oc) => oc.column('task_id').doNothing()).execute();
    const updated = await tx
      .updateTable('task_leveling')
      .set((eb) => ({ can_split: input.canSplit, version: eb('version', '+', 1), updated_at: new Date() }))
      .where('task_id', '=', taskId)
      .where('version', '=', version)
      .returning('task_id')
      .executeTakeFirst();
    if (!updated) throw versionConflict('the levelling options');
    const row = await selectOptions(tx).where('tl.task_id', '=', taskId).executeTakeFirstOrThrow();
    await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'task_leveling', entityId: taskId, projectId: task.project_id, after: { canSplit: input.canSplit }, version: row.version });
    return present(row);
  });
}
