/**
 * Risk management: the risk matrix (configurable scales), the risk register at project, program, portfolio
 * and enterprise level with escalation links, mitigation actions, and three-point task estimates for
 * Monte Carlo schedule analysis, and the RAID log (issues, decisions, changes, assumptions) of a project.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table risk_settings (
      id smallint primary key check (id = 1),
      matrix jsonb not null,
      version integer not null default 1,
      updated_at timestamptz not null default now()
    );

    create table risks (
      id uuid primary key,
      level text not null check (level in ('project','program','portfolio','enterprise')),
      project_id uuid references projects(id) on delete cascade,
      program_id uuid references programs(id) on delete cascade,
      portfolio_id uuid references portfolios(id) on delete cascade,
      kind text not null check (kind in ('threat','opportunity')),
      title text not null,
      description text not null default '',
      cause text not null default '',
      effect text not null default '',
      category text not null,
      compliance_reference text,
      owner_id uuid references users(id) on delete set null,
      inherent jsonb not null,
      residual jsonb,
      cost_impact_cents bigint check (cost_impact_cents >= 0),
      schedule_task_id uuid references tasks(id) on delete set null,
      schedule_min_minutes integer,
      schedule_most_likely_minutes integer,
      schedule_max_minutes integer,
      proximity text check (proximity in ('imminent','near','medium','far')),
      triggers jsonb not null default '[]',
      response_strategy text check (response_strategy in ('avoid','mitigate','transfer','accept','escalate','exploit','enhance','share')),
      review_date date,
      status text not null check (status in ('open','monitoring','occurred','closed')),
      escalated_to_risk_id uuid references risks(id) on delete set null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (level <> 'project' or project_id is not null),
      check (level <> 'program' or program_id is not null),
      check (level <> 'portfolio' or portfolio_id is not null),
      check (escalated_to_risk_id is null or escalated_to_risk_id <> id),
      check (schedule_min_minutes is null or (schedule_min_minutes <= schedule_most_likely_minutes and schedule_most_likely_minutes <= schedule_max_minutes))
    );
    create index risks_project_idx on risks (project_id);
    create index risks_program_idx on risks (program_id);
    create index risks_portfolio_idx on risks (portfolio_id);
    create index risks_escalated_idx on risks (escalated_to_risk_id);

    create table risk_actions (
      id uuid primary key,
      risk_id uuid not null references risks(id) on delete cascade,
      title text not null,
      owner_id uuid references users(id) on delete set null,
      due_date date,
      status text not null default 'open' check (status in ('open','done','cancelled')),
      progress_percent smallint not null default 0 check (progress_percent between 0 and 100),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index risk_actions_risk_idx on risk_actions (risk_id);

    create table task_estimates (
      task_id uuid primary key references tasks(id) on delete cascade,
      min_minutes integer not null check (min_minutes >= 0),
      most_likely_minutes integer not null,
      max_minutes integer not null,
      distribution text not null default 'triangular' check (distribution in ('triangular','pert','fixed')),
      version integer not null default 1,
      updated_at timestamptz not null default now(),
      check (min_minutes <= most_likely_minutes and most_likely_minutes <= max_minutes)
    );

    create table raid_entries (
      id uuid primary key,
      project_id uuid not null references projects(id) on delete cascade,
      type text not null check (type in ('issue','decision','change','assumption')),
      title text not null,
      description text not null default '',
      owner_id uuid references users(id) on delete set null,
      status text not null default 'open' check (status in ('open','in_progress','closed')),
      priority text not null default 'medium' check (priority in ('low','medium','high')),
      due_date date,
      risk_id uuid references risks(id) on delete set null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index raid_entries_project_idx on raid_entries (project_id, type);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
