/**
 * Strategic objectives: a tree of objectives (weight = share in the parent's progress), measurable key results
 * (start, target, actual, unit, due date) and links from projects and proposals with a contribution weight.
 * Progress is computed, not stored (src/domain/portfolio/scoring/objectives.ts rolls it up).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table objectives (
      id uuid primary key,
      parent_id uuid references objectives(id) on delete restrict,
      name text not null,
      description text not null default '',
      weight numeric(12,4) not null default 1 check (weight >= 0),
      owner_id uuid references users(id) on delete set null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index objectives_parent_idx on objectives (parent_id);

    create table key_results (
      id uuid primary key,
      objective_id uuid not null references objectives(id) on delete cascade,
      name text not null,
      unit text not null default '',
      start_value numeric(20,6) not null default 0,
      target_value numeric(20,6) not null,
      actual_value numeric(20,6) not null default 0,
      due_date date,
      weight numeric(12,4) not null default 1 check (weight >= 0),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index key_results_objective_idx on key_results (objective_id);

    create table objective_links (
      id uuid primary key,
      objective_id uuid not null references objectives(id) on delete cascade,
      project_id uuid references projects(id) on delete cascade,
      proposal_id uuid references proposals(id) on delete cascade,
      contribution_weight numeric(12,4) not null default 1 check (contribution_weight >= 0),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      check ((project_id is null) <> (proposal_id is null))
    );
    create unique index objective_links_project_key on objective_links (objective_id, project_id) where project_id is not null;
    create unique index objective_links_proposal_key on objective_links (objective_id, proposal_id) where proposal_id is not null;
    create index objective_links_project_idx on objective_links (project_id);
    create index objective_links_proposal_idx on objective_links (proposal_id);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
