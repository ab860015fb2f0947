/**
 * Project and task priorities, as in MS Project: 0-1000, default 500; levelling serves higher priorities first, and
 * a task at 1000 is never moved by levelling. Imported tasks kept their MSPDI <Priority> in tasks.mspdi and imported
 * projects their summary task's (the project priority) in projects.mspdi; both move into the new columns.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table projects add column priority integer not null default 500 check (priority between 0 and 1000);
    alter table tasks add column priority integer not null default 500 check (priority between 0 and 1000);
    update tasks set priority = least(1000, greatest(0, round((mspdi->>'priority')::numeric)))::integer, mspdi = mspdi - 'priority'
      where mspdi is not null and jsonb_typeof(mspdi) = 'object' and jsonb_typeof(mspdi->'priority') = 'number';
    update tasks set mspdi = mspdi - 'priority' where mspdi is not null and jsonb_typeof(mspdi) = 'object' and mspdi ? 'priority';
    update projects set priority = least(1000, greatest(0, round((mspdi->'summaryTask'->>'priority')::numeric)))::integer
      where mspdi is not null and jsonb_typeof(mspdi->'summaryTask') = 'object' and jsonb_typeof(mspdi->'summaryTask'->'priority') = 'number';
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
