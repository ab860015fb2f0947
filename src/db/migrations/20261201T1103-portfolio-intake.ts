/**
 * The proposal intake form: the extra fields an admin defines (one row, JSON list validated by
 * src/domain/portfolio/intake) and each proposal's answers to them. No row until the form is first saved (an
 * empty form, version 1), so a backup can restore into the freshly migrated database.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table intake_forms (
      id smallint primary key default 1 check (id = 1),
      fields jsonb not null default '[]',
      version integer not null default 1,
      updated_at timestamptz not null default now()
    );
    alter table proposals add column intake jsonb not null default '{}';
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
