/** SQL for tasks (the WBS) and their links. */
import { sql, type Kysely, type Updateable } from 'kysely';
import type { DB, LinkType, TasksTable } from '../../db/schema.js';

const taskColumns = [
  'id', 'project_id', 'parent_id', 'sort_order', 'wbs', 'outline_level', 'name', 'start', 'finish', 'duration_minutes', 'percent_complete',
  'is_milestone', 'is_summary', 'notes', 'version', 'manual', 'constraint_type', 'constraint_date', 'deadline', 'early_start', 'early_finish',
  'late_start', 'late_finish', 'total_slack_minutes', 'free_slack_minutes', 'critical', 'priority',
] as const;

/** Tasks with their baseline 0 dates (for baseline bars and variances). */
function selectTasks(db: Kysely<DB>) {
  return db
    .selectFrom('tasks as t')
    .leftJoin('task_baselines as b', (j) => j.onRef('b.task_id', '=', 't.id').on('b.number', '=', 0))
    .select(taskColumns.map((c) => `t.${c}` as const))
    .select(['b.start as baseline_start', 'b.finish as baseline_finish']);
}

export function listTasks(db: Kysely<DB>, projectId: string) {
  return selectTasks(db).where('t.project_id', '=', projectId).orderBy('t.sort_order').orderBy('t.id').execute();
}

export type TaskRow = Awaited<ReturnType<typeof listTasks>>[number];

export function findTask(db: Kysely<DB>, id: string) {
  return selectTasks(db).where('t.id', '=', id).executeTakeFirst();
}

export function insertTask(db: Kysely<DB>, row: { id: string; project_id: string; parent_id: string | null; sort_order: number; name: string; start: string | null; finish: string | null; duration_minutes: number; percent_complete: number; is_milestone: boolean; notes: string | null; priority?: number }) {
  return db.insertInto('tasks').values(row).returning(['id', 'name', 'priority']).executeTakeFirstOrThrow();
}

/** Makes room at `from` in the project's display order. */
export function shiftSortOrder(db: Kysely<DB>, projectId: string, from: number) {
  return db.updateTable('tasks').set((eb) => ({ sort_order: eb('sort_order', '+', 1) })).where('project_id', '=', projectId).where('sort_order', '>=', from).execute();
}

export function updateTask(db: Kysely<DB>, id: string, version: number, patch: Updateable<TasksTable>) {
  return db
    .updateTable('tasks')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(['id', 'name', 'parent_id', 'start', 'finish', 'duration_minutes', 'percent_complete', 'priority', 'version'])
    .executeTakeFirst();
}

export function deleteTask(db: Kysely<DB>, id: string, version: number) {
  return db.deleteFrom('tasks').where('id', '=', id).where('version', '=', version).returning(['id', 'name']).executeTakeFirst();
}

export interface DerivedFields {
  id: string;
  sort_order: number;
  wbs: string;
  outline_level: number;
  is_summary: boolean;
  start: string | null;
  finish: string | null;
  duration_minutes: number;
  percent_complete: number;
}

/** Writes derived WBS fields of many tasks in one statement (no query per task). */
export async function updateDerived(db: Kysely<DB>, rows: DerivedFields[]): Promise<void> {
  const CHUNK = 2000;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    const values = sql.join(
      part.map((r) => sql`(${r.id}::uuid, ${r.sort_order}::int, ${r.wbs}::text, ${r.outline_level}::smallint, ${r.is_summary}::boolean, ${r.start}::timestamp, ${r.finish}::timestamp, ${r.duration_minutes}::int, ${r.percent_complete}::numeric)`),
    );
    await sql`
      update tasks as t set sort_order = v.sort_order, wbs = v.wbs, outline_level = v.outline_level, is_summary = v.is_summary,
        start = v.start, finish = v.finish, duration_minutes = v.duration_minutes, percent_complete = v.percent_complete,
        version = t.version + 1, updated_at = now()
      from (values ${values}) as v(id, sort_order, wbs, outline_level, is_summary, start, finish, duration_minutes, percent_complete)
      where t.id = v.id`.execute(db);
  }
}

const linkColumns = ['id', 'project_id', 'predecessor_id', 'successor_id', 'type', 'lag_minutes', 'version'] as const;

export function listLinks(db: Kysely<DB>, projectId: string) {
  return db.selectFrom('task_links').select(linkColumns).where('project_id', '=', projectId).orderBy('created_at').orderBy('id').execute();
}

export type LinkRow = Awaited<ReturnType<typeof listLinks>>[number];

export function findLink(db: Kysely<DB>, id: string) {
  return db.selectFrom('task_links').select(linkColumns).where('id', '=', id).executeTakeFirst();
}

export function insertLink(db: Kysely<DB>, row: { id: string; project_id: string; predecessor_id: string; successor_id: string; type: LinkType; lag_minutes: number }) {
  return db.insertInto('task_links').values(row).returning(linkColumns).executeTakeFirstOrThrow();
}

export function deleteLink(db: Kysely<DB>, id: string, version: number) {
  return db.deleteFrom('task_links').where('id', '=', id).where('version', '=', version).returning(linkColumns).executeTakeFirst();
}
