/**
 * RAID log entries link to a task of their project as well as to a risk, and record how they ended: the
 * decision taken, the resolution, the change's outcome or the assumption's validation (`resolution`,
 * `resolved_on`). A deleted task or risk leaves the entry without the link.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table raid_entries
      add column task_id uuid references tasks(id) on delete set null,
      add column resolution text not null default '',
      add column resolved_on date;
    create index raid_entries_task_idx on raid_entries (task_id) where task_id is not null;
    create index raid_entries_risk_idx on raid_entries (risk_id) where risk_id is not null;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
