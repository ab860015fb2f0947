/**
 * Resources: person capacity (hours per week, part-time %, optional calendar), non-project time (vacations),
 * roles, skills with proficiency, assignments of a person or a role to a task with units and work, and
 * staffing requests (a role placeholder to be replaced by a named person).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table person_capacity (
      person_id uuid primary key references people(id) on delete cascade,
      minutes_per_week integer not null default 2400 check (minutes_per_week between 0 and 10080),
      part_time_percent integer not null default 100 check (part_time_percent between 0 and 100),
      calendar_uid integer,
      version integer not null default 1,
      updated_at timestamptz not null default now()
    );

    create table non_project_time (
      id uuid primary key,
      person_id uuid not null references people(id) on delete cascade,
      from_date date not null,
      to_date date not null,
      reason text not null default 'vacation',
      version integer not null default 1,
      created_at timestamptz not null default now(),
      check (to_date >= from_date)
    );
    create index non_project_time_person on non_project_time (person_id, from_date);

    create table roles (
      id uuid primary key,
      name text not null unique,
      version integer not null default 1,
      created_at timestamptz not null default now()
    );

    create table role_members (
      person_id uuid not null references people(id) on delete cascade,
      role_id uuid not null references roles(id) on delete cascade,
      primary key (person_id, role_id)
    );

    create table skills (
      id uuid primary key,
      name text not null unique,
      version integer not null default 1,
      created_at timestamptz not null default now()
    );

    create table person_skills (
      person_id uuid not null references people(id) on delete cascade,
      skill_id uuid not null references skills(id) on delete cascade,
      proficiency integer not null check (proficiency between 1 and 5),
      primary key (person_id, skill_id)
    );

    create table assignments (
      id uuid primary key,
      project_id uuid not null references projects(id) on delete cascade,
      task_id uuid not null references tasks(id) on delete cascade,
      person_id uuid references people(id) on delete cascade,
      role_id uuid references roles(id) on delete cascade,
      units_percent integer not null check (units_percent > 0 and units_percent <= 10000),
      work_minutes bigint not null default 0 check (work_minutes >= 0),
      -- Copies of the task's start and finish dates, kept by triggers, so the capacity grid reads one narrow table.
      task_start date,
      task_finish date,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((person_id is null) <> (role_id is null))
    );
    create index assignments_task on assignments (task_id);
    create index assignments_project on assignments (project_id);
    create index assignments_person on assignments (person_id);
    -- The capacity grid reads assignments overlapping a date range with an index-only scan.
    create index assignments_window on assignments (task_finish, task_start) include (person_id, role_id, project_id, work_minutes);

    create function assignments_fill_task_dates() returns trigger language plpgsql as $fn$
    begin
      select t.start::date, t.finish::date into new.task_start, new.task_finish from tasks t where t.id = new.task_id;
      return new;
    end
    $fn$;
    create trigger assignments_task_dates before insert or update of task_id on assignments
      for each row execute function assignments_fill_task_dates();

    create function tasks_sync_assignment_dates() returns trigger language plpgsql as $fn$
    begin
      update assignments a set task_start = c.start::date, task_finish = c.finish::date
      from changed c
      where a.task_id = c.id and (a.task_start is distinct from c.start::date or a.task_finish is distinct from c.finish::date);
      return null;
    end
    $fn$;
    create trigger tasks_assignment_dates after update on tasks referencing new table as changed
      for each statement execute function tasks_sync_assignment_dates();

    create table staffing_requests (
      id uuid primary key,
      project_id uuid not null references projects(id) on delete cascade,
      assignment_id uuid not null references assignments(id) on delete cascade,
      role_id uuid references roles(id) on delete set null,
      status text not null default 'requested' check (status in ('requested','proposed','filled','rejected')),
      person_id uuid references people(id) on delete set null,
      note text not null default '',
      requested_by uuid references users(id) on delete set null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index staffing_requests_project on staffing_requests (project_id);
    create index staffing_requests_status on staffing_requests (status);
  `.execute(db);
}
