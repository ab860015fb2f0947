/**
 * Core model: organisation settings, users, sessions, API tokens, people, portfolios, programs,
 * projects, membership, tasks (WBS), task links, audit log and the durable job queue.
 * Money is integer cents (bigint); instants are timestamptz; calendar dates are date;
 * schedule times (task start/finish, project-local wall clock as in MS Project) are timestamp.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table org_settings (
      id smallint primary key default 1 check (id = 1),
      name text not null,
      currency char(3) not null default 'EUR',
      timezone text not null default 'UTC',
      fiscal_year_start_month smallint not null default 1 check (fiscal_year_start_month between 1 and 12),
      version integer not null default 1,
      updated_at timestamptz not null default now()
    );

    create table users (
      id uuid primary key,
      username text not null,
      display_name text not null,
      email text,
      org_role text not null check (org_role in ('admin','pmo','portfolio_manager','finance','member')),
      password_hash text not null,
      active boolean not null default true,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index users_username_key on users (lower(username));

    create table sessions (
      id text primary key,
      user_id uuid not null references users(id) on delete cascade,
      csrf_token text not null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index sessions_user_idx on sessions (user_id);

    create table api_tokens (
      id uuid primary key,
      user_id uuid not null references users(id) on delete cascade,
      name text not null,
      prefix text not null,
      token_hash text not null unique,
      scopes text[] not null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      expires_at timestamptz,
      revoked_at timestamptz
    );
    create index api_tokens_user_idx on api_tokens (user_id);

    create table people (
      id uuid primary key,
      name text not null,
      email text,
      title text,
      user_id uuid unique references users(id) on delete set null,
      active boolean not null default true,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table portfolios (
      id uuid primary key,
      name text not null,
      description text not null default '',
      owner_id uuid references users(id) on delete set null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index portfolios_name_key on portfolios (lower(name));

    create table programs (
      id uuid primary key,
      portfolio_id uuid not null references portfolios(id) on delete restrict,
      name text not null,
      description text not null default '',
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index programs_portfolio_idx on programs (portfolio_id);

    create table projects (
      id uuid primary key,
      code text not null,
      name text not null,
      description text not null default '',
      portfolio_id uuid not null references portfolios(id) on delete restrict,
      program_id uuid references programs(id) on delete set null,
      stage text not null check (stage in ('idea','proposal','approved','planning','execution','closing','closed')),
      status text not null check (status in ('on_track','at_risk','off_track','on_hold','cancelled','completed')),
      health text not null check (health in ('green','amber','red')),
      percent_complete numeric(5,2) not null default 0 check (percent_complete between 0 and 100),
      start_date date,
      finish_date date,
      manager_id uuid references users(id) on delete set null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (finish_date is null or start_date is null or finish_date >= start_date)
    );
    create unique index projects_code_key on projects (lower(code));
    create index projects_portfolio_idx on projects (portfolio_id);
    create index projects_program_idx on projects (program_id);
    create index projects_manager_idx on projects (manager_id);
    create index projects_name_idx on projects (name, id);

    create table project_members (
      id uuid primary key,
      project_id uuid not null references projects(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      role text not null check (role in ('project_manager','team_member','stakeholder')),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      unique (project_id, user_id)
    );
    create index project_members_user_idx on project_members (user_id);

    create table tasks (
      id uuid primary key,
      project_id uuid not null references projects(id) on delete cascade,
      parent_id uuid references tasks(id) on delete cascade,
      sort_order integer not null,
      wbs text not null default '',
      outline_level smallint not null default 1,
      name text not null,
      start timestamp,
      finish timestamp,
      duration_minutes integer not null default 0 check (duration_minutes >= 0),
      percent_complete numeric(5,2) not null default 0 check (percent_complete between 0 and 100),
      is_milestone boolean not null default false,
      is_summary boolean not null default false,
      notes text,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (finish is null or start is null or finish >= start)
    );
    create index tasks_project_idx on tasks (project_id, sort_order);
    create index tasks_parent_idx on tasks (parent_id);

    create table task_links (
      id uuid primary key,
      project_id uuid not null references projects(id) on delete cascade,
      predecessor_id uuid not null references tasks(id) on delete cascade,
      successor_id uuid not null references tasks(id) on delete cascade,
      type text not null default 'FS' check (type in ('FS','SS','FF','SF')),
      lag_minutes integer not null default 0,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      unique (predecessor_id, successor_id),
      check (predecessor_id <> successor_id)
    );
    create index task_links_project_idx on task_links (project_id);
    create index task_links_successor_idx on task_links (successor_id);

    create table audit_log (
      id bigint generated always as identity primary key,
      at timestamptz not null default now(),
      actor_id uuid references users(id) on delete set null,
      action text not null,
      entity_type text not null,
      entity_id text not null,
      project_id uuid,
      before jsonb,
      after jsonb
    );
    create index audit_log_project_idx on audit_log (project_id, id desc);
    create index audit_log_entity_idx on audit_log (entity_type, entity_id);

    create table jobs (
      id uuid primary key,
      type text not null,
      payload jsonb not null default '{}',
      unique_key text unique,
      status text not null default 'queued' check (status in ('queued','running','done','failed')),
      run_at timestamptz not null default now(),
      attempts integer not null default 0,
      max_attempts integer not null default 5,
      locked_by text,
      locked_at timestamptz,
      last_error text,
      created_at timestamptz not null default now(),
      finished_at timestamptz
    );
    create index jobs_ready_idx on jobs (run_at) where status = 'queued';
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
