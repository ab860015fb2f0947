/**
 * Resources, second step: teams of people (a person may be in several; one optional lead), the skills a role
 * requires (minimum proficiency, used to rank people for a role placeholder), per-task levelling options
 * (may the levelling split the task, and the pieces of a split it made) and unique uids for enterprise calendars (calendars
 * without a project: people's working-time calendars; uid 1 is the organisation's Standard calendar).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table teams (
      id uuid primary key,
      name text not null unique,
      description text not null default '',
      lead_person_id uuid references people(id) on delete set null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table team_members (
      team_id uuid not null references teams(id) on delete cascade,
      person_id uuid not null references people(id) on delete cascade,
      primary key (team_id, person_id)
    );
    create index team_members_person on team_members (person_id);

    create table role_skills (
      role_id uuid not null references roles(id) on delete cascade,
      skill_id uuid not null references skills(id) on delete cascade,
      min_proficiency integer not null check (min_proficiency between 1 and 5),
      primary key (role_id, skill_id)
    );

    create table task_leveling (
      task_id uuid primary key references tasks(id) on delete cascade,
      project_id uuid not null references projects(id) on delete cascade,
      can_split boolean not null default true,
      -- Pieces of a task split by levelling ([{start, finish}] schedule times); valid while the task still has
      -- the start and finish they were made for (any other change of the task's dates makes them stale).
      pieces jsonb,
      pieces_start timestamp,
      pieces_finish timestamp,
      version integer not null default 1,
      updated_at timestamptz not null default now()
    );
    create index task_leveling_project on task_leveling (project_id);

    create unique index calendars_enterprise_uid on calendars (uid) where project_id is null;
  `.execute(db);
}
