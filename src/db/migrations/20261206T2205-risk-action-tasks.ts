/**
 * A mitigation or prevention action can be a task of the project's schedule: linked actions take their due date
 * from the task's finish and their progress from its percent complete (done at 100 %), so the risk shows the plan's
 * progress and an overdue task raises the risk's attention flag.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table risk_actions add column task_id uuid references tasks(id) on delete set null;
    create index risk_actions_task_idx on risk_actions (task_id) where task_id is not null;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
