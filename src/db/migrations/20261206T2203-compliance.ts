/**
 * Compliance checklists per lifecycle stage (issue 8): a checklist belongs to a lifecycle (its items name stage
 * keys of that lifecycle; no foreign key because the built-in standard lifecycle may not be stored yet), a
 * project records what it did for an item (date, evidence links, note), and risk register reviews give the
 * fact "risk register reviewed on" that recency items read.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table compliance_checklists (
      lifecycle_id uuid primary key,
      items jsonb not null,
      version integer not null default 1,
      updated_at timestamptz not null default now()
    );

    create table compliance_records (
      project_id uuid not null references projects(id) on delete cascade,
      item_id text not null check (item_id ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
      completed_on date,
      evidence_urls jsonb not null default '[]',
      note text not null default '',
      recorded_by uuid references users(id) on delete set null,
      version integer not null default 1,
      updated_at timestamptz not null default now(),
      primary key (project_id, item_id)
    );

    create table risk_register_reviews (
      id uuid primary key,
      project_id uuid not null references projects(id) on delete cascade,
      reviewed_on date not null,
      reviewed_by uuid references users(id) on delete set null,
      note text not null default '',
      created_at timestamptz not null default now()
    );
    create index risk_register_reviews_project_idx on risk_register_reviews (project_id, reviewed_on desc);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
