/**
 * Stage gates: configurable lifecycles (stages and the gates between them, as a JSON definition validated by
 * src/domain/portfolio/gates) replace the fixed projects.stage list. Stage keys stay stable text ('planning'), so
 * existing projects keep their stage and other areas can key data by it. The standard lifecycle below is exactly
 * the old list; every existing project follows it (lifecycle_id null = the default lifecycle). The migration writes
 * no rows (a backup restores into an empty migrated database): until a lifecycle is stored, the default is the
 * built-in standard one (src/modules/portfolio/lifecycles.service.ts), stored the first time something refers to it.
 * Proposals get a stage and a gate state. A gate review is one pass through a gate: checklist ticks and document
 * links (JSON), approvals by role (rows), and the decision with a snapshot of what it was based on.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table lifecycles (
      id uuid primary key,
      key text not null unique check (key ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
      name text not null,
      description text not null default '',
      definition jsonb not null,
      is_default boolean not null default false,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index lifecycles_one_default_key on lifecycles (is_default) where is_default;

    alter table projects drop constraint if exists projects_stage_check;
    alter table projects add constraint projects_stage_key_check check (stage ~ '^[a-z0-9][a-z0-9_-]{0,63}$');
    alter table projects add column lifecycle_id uuid references lifecycles(id);
    create index projects_lifecycle_stage_idx on projects (lifecycle_id, stage);

    alter table proposals add column lifecycle_id uuid references lifecycles(id);
    alter table proposals add column stage text not null default 'idea' check (stage ~ '^[a-z0-9][a-z0-9_-]{0,63}$');
    alter table proposals add column gate_state text not null default 'active' check (gate_state in ('active', 'on_hold', 'stopped'));

    create table gate_reviews (
      id uuid primary key,
      project_id uuid references projects(id) on delete cascade,
      proposal_id uuid references proposals(id) on delete cascade,
      lifecycle_id uuid not null references lifecycles(id),
      gate_key text not null,
      from_stage text not null,
      to_stage text not null,
      status text not null default 'open' check (status in ('open', 'decided')),
      checks jsonb not null default '{}',
      documents jsonb not null default '[]',
      opened_by uuid references users(id) on delete set null,
      opened_at timestamptz not null default now(),
      decision text check (decision in ('go', 'hold', 'stop', 'recycle')),
      decision_comment text,
      decided_stage text,
      decided_by uuid references users(id) on delete set null,
      decided_at timestamptz,
      snapshot jsonb,
      version integer not null default 1,
      updated_at timestamptz not null default now(),
      check ((project_id is null) <> (proposal_id is null)),
      check ((status = 'decided') = (decision is not null))
    );
    create unique index gate_reviews_one_open_project_key on gate_reviews (project_id) where status = 'open' and project_id is not null;
    create unique index gate_reviews_one_open_proposal_key on gate_reviews (proposal_id) where status = 'open' and proposal_id is not null;
    create index gate_reviews_project_idx on gate_reviews (project_id, opened_at);
    create index gate_reviews_proposal_idx on gate_reviews (proposal_id, opened_at);
    create index gate_reviews_status_idx on gate_reviews (status, opened_at);

    create table gate_approvals (
      id uuid primary key,
      review_id uuid not null references gate_reviews(id) on delete cascade,
      role text not null,
      approver_id uuid not null references users(id) on delete cascade,
      verdict text not null check (verdict in ('approve', 'reject')),
      comment text not null default '',
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (review_id, role, approver_id)
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
