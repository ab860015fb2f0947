/**
 * Portfolio strategy: scoring models (criteria and formula as JSON, validated by src/domain/portfolio), proposals
 * (candidate projects with cost and benefit profiles per period in integer cents), score sheets per proposal per
 * scorer (history kept: every sheet is a row) and scenarios (a saved selection with the settings that produced it).
 * At most one scenario is the plan of record (partial unique index).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table scoring_models (
      id uuid primary key,
      name text not null,
      weight_total integer not null check (weight_total in (1, 100)),
      formula jsonb not null,
      criteria jsonb not null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table proposals (
      id uuid primary key,
      name text not null,
      description text not null default '',
      project_id uuid references projects(id) on delete set null,
      periods_per_year integer not null default 12 check (periods_per_year in (1, 4, 12)),
      annual_discount_rate numeric(8,6) not null default 0.08,
      capex_cents jsonb not null default '[]',
      opex_cents jsonb not null default '[]',
      benefits jsonb not null default '[]',
      demand jsonb not null default '{}',
      earliest_start integer not null default 0 check (earliest_start >= 0),
      latest_start integer not null default 0 check (latest_start >= earliest_start),
      mandatory boolean not null default false,
      depends_on jsonb not null default '[]',
      excludes jsonb not null default '[]',
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table proposal_scores (
      id uuid primary key,
      proposal_id uuid not null references proposals(id) on delete cascade,
      scoring_model_id uuid not null references scoring_models(id) on delete cascade,
      scorer_id uuid not null references users(id) on delete cascade,
      answers jsonb not null,
      total double precision not null,
      criteria jsonb not null,
      created_at timestamptz not null default now()
    );
    create index proposal_scores_lookup_idx on proposal_scores (proposal_id, scoring_model_id, scorer_id, created_at desc);

    create table portfolio_scenarios (
      id uuid primary key,
      name text not null,
      settings jsonb not null,
      selected jsonb not null,
      summary jsonb not null,
      plan_of_record boolean not null default false,
      promoted_at timestamptz,
      promoted_by uuid references users(id) on delete set null,
      created_by uuid references users(id) on delete set null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index portfolio_scenarios_one_plan_key on portfolio_scenarios (plan_of_record) where plan_of_record;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
