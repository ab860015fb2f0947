/**
 * The risk library: templates (a risk with its proven responses) learnt from closed projects, each for one or
 * more project types and tags; a project's risk profile (its type and tags) for suggestions; and the template a
 * project risk was created from (a template is not suggested twice to the same project).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table risk_templates (
      id uuid primary key,
      title text not null,
      description text not null default '',
      category text not null,
      kind text not null check (kind in ('threat','opportunity')),
      project_types jsonb not null default '[]',
      tags jsonb not null default '[]',
      inherent jsonb not null,
      responses jsonb not null default '[]',
      source_project_ids jsonb not null default '[]',
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table project_risk_profiles (
      project_id uuid primary key references projects(id) on delete cascade,
      project_type text not null,
      tags jsonb not null default '[]',
      version integer not null default 1,
      updated_at timestamptz not null default now()
    );
    create index project_risk_profiles_type_idx on project_risk_profiles (project_type);

    alter table risks add column template_id uuid references risk_templates(id) on delete set null;
    create index risks_template_idx on risks (project_id, template_id) where template_id is not null;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
