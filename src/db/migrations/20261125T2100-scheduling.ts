/**
 * Scheduling: task scheduling fields (constraints, progress, computed early/late dates, slack, critical),
 * lag units on links, calendars, task baselines 0-10, and the MS Project fields pmo keeps for a lossless
 * round trip (jsonb).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table calendars (
      id uuid primary key,
      project_id uuid references projects(id) on delete cascade,
      uid integer not null,
      name text not null,
      data jsonb not null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      unique (project_id, uid)
    );

    alter table projects
      add column calendar_uid integer,
      add column status_date timestamp,
      add column mspdi jsonb;

    alter table tasks
      add column uid integer,
      add column manual boolean not null default false,
      add column duration_is_elapsed boolean not null default false,
      add column constraint_type text not null default 'ASAP' check (constraint_type in ('ASAP','ALAP','SNET','SNLT','FNET','FNLT','MSO','MFO')),
      add column constraint_date timestamp,
      add column deadline timestamp,
      add column calendar_uid integer,
      add column actual_start timestamp,
      add column actual_finish timestamp,
      add column remaining_duration_minutes integer,
      add column work_minutes bigint not null default 0,
      add column cost_cents bigint not null default 0,
      add column early_start timestamp,
      add column early_finish timestamp,
      add column late_start timestamp,
      add column late_finish timestamp,
      add column total_slack_minutes integer,
      add column free_slack_minutes integer,
      add column critical boolean not null default false,
      add column mspdi jsonb;
    create unique index tasks_project_uid_key on tasks (project_id, uid) where uid is not null;

    alter table task_links
      add column lag_unit text not null default 'working' check (lag_unit in ('working','elapsed','percent')),
      add column lag_format smallint,
      add column lag_tenths bigint;

    create table task_baselines (
      task_id uuid not null references tasks(id) on delete cascade,
      number smallint not null check (number between 0 and 10),
      start timestamp,
      finish timestamp,
      duration_minutes integer,
      duration_format smallint,
      work_minutes bigint,
      cost_cents bigint,
      saved_at timestamptz not null default now(),
      primary key (task_id, number)
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
