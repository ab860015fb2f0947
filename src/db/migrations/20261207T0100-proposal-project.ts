/**
 * A proposal's home and timing, so it can become a project: the portfolio (and optionally program) the project
 * will belong to and the date its business case starts (period 0 of its costs, benefits and demand).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table proposals add column start_date date;
    alter table proposals add column portfolio_id uuid references portfolios(id) on delete set null;
    alter table proposals add column program_id uuid references programs(id) on delete set null;
    create index proposals_project_idx on proposals (project_id) where project_id is not null;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
