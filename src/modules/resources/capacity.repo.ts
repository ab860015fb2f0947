/**
 * SQL of capacity against demand. The hot query reads one narrow table (assignments carry copies of their
 * task's dates, kept by triggers) with an index-only range scan and packs the overlapping assignments per person
 * (or role) into one string of "start:finish:work[:project]" (days from `from`; the project only when it has
 * calendars of its own), which the service parses into typed arrays.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { seesAllProjects, type Actor } from '../../server/policy.js';

/** Active people with their capacity settings (defaults when never set), by name. */
export function selectPeopleCapacity(db: Kysely<DB>) {
  return db
    .selectFrom('people')
    .leftJoin('person_capacity', 'person_capacity.person_id', 'people.id')
    .select(['people.id', 'people.name', 'person_capacity.minutes_per_week', 'person_capacity.part_time_percent', 'person_capacity.calendar_uid'])
    .where('people.active', '=', true)
    .orderBy('people.name')
    .orderBy('people.id')
    .execute();
}

/** Non-project time overlapping [from, to]. */
export function selectNonProjectTime(db: Kysely<DB>, from: string, to: string) {
  return db.selectFrom('non_project_time').select(['person_id', 'from_date', 'to_date']).where('to_date', '>=', from).where('from_date', '<=', to).execute();
}

const visible = (db: Kysely<DB>, actor: Actor) =>
  seesAllProjects(actor) ? sql`` : sql`and a.project_id in (select project_id from project_members where user_id = ${actor.userId})`;

/**
 * Assignments overlapping [from, from + days) packed per person (key 'person_id') or role placeholder ('role_id'),
 * leaving out the given projects and every task levelling split (the service loads those one by one). Runs with
 * more work_mem so the aggregate of ~100,000 short strings stays in memory.
 */
export async function selectPackedDemand(db: Kysely<DB>, actor: Actor, key: 'person_id' | 'role_id', from: string, days: number, excludeProjectIds: string[]) {
  const keyCol = sql.ref(`a.${key}`);
  const noProjects = excludeProjectIds.length ? sql`and a.project_id <> all(${excludeProjectIds}::uuid[])` : sql``;
  return db.transaction().execute(async (tx) => {
    await sql`set local work_mem = '32MB'`.execute(tx);
    const result = await sql<{ id: string; packed: string }>`
      select ${keyCol} as id,
        string_agg((a.task_start - ${from}::date) || ':' || (a.task_finish - ${from}::date) || ':' || a.work_minutes
          || case when a.project_id in (select c.project_id from calendars c where c.project_id is not null) then ':' || a.project_id else '' end, ',') as packed
      from assignments a
      where ${keyCol} is not null and a.task_finish >= ${from}::date and a.task_start < ${from}::date + ${days}::int
        and a.task_id not in (select tl.task_id from task_leveling tl where tl.pieces is not null)
        ${visible(db, actor)} ${noProjects}
      group by ${keyCol}`.execute(tx);
    return result.rows;
  });
}

/**
 * One row per assignment (with dates) of the given projects, and of tasks levelling split that overlap [from, to],
 * with the pieces when they are still valid (the task kept the dates they were made for).
 */
export async function selectDetailDemand(db: Kysely<DB>, actor: Actor, projectIds: string[], from: string, to: string) {
  type Row = { person_id: string | null; role_id: string | null; project_id: string; task_start: string; task_finish: string; work_minutes: number; pieces: unknown };
  // Split tasks: driven by the (small) levelling options table, then the assignments of each task by index.
  const split = sql<Row>`
    select a.person_id, a.role_id, a.project_id, a.task_start::text as task_start, a.task_finish::text as task_finish, a.work_minutes,
      case when tl.pieces_start = t.start and tl.pieces_finish = t.finish then tl.pieces end as pieces
    from task_leveling tl
    join tasks t on t.id = tl.task_id
    join assignments a on a.task_id = tl.task_id
    where tl.pieces is not null and a.task_finish >= ${from}::date and a.task_start <= ${to}::date
      ${projectIds.length ? sql`and a.project_id <> all(${projectIds}::uuid[])` : sql``}
      ${visible(db, actor)}
    order by a.id`.execute(db);
  const whole = projectIds.length
    ? sql<Row>`
      select a.person_id, a.role_id, a.project_id, a.task_start::text as task_start, a.task_finish::text as task_finish, a.work_minutes,
        case when tl.pieces_start = t.start and tl.pieces_finish = t.finish then tl.pieces end as pieces
      from assignments a
      left join task_leveling tl on tl.task_id = a.task_id and tl.pieces is not null
      left join tasks t on t.id = tl.task_id
      where a.project_id = any(${projectIds}::uuid[]) and a.task_start is not null and a.task_finish is not null
        ${visible(db, actor)}
      order by a.id`.execute(db)
    : Promise.resolve({ rows: [] as Row[] });
  const [s, w] = await Promise.all([split, whole]);
  return [...s.rows, ...w.rows];
}

/** Roles, teams and skills with their memberships (for grouping and what-if). */
export async function selectGroups(db: Kysely<DB>) {
  const [roles, roleMembers, teams, teamMembers, skills, personSkills, roleSkills] = await Promise.all([
    db.selectFrom('roles').select(['id', 'name']).orderBy('name').orderBy('id').execute(),
    db.selectFrom('role_members').select(['role_id', 'person_id']).execute(),
    db.selectFrom('teams').select(['id', 'name']).orderBy('name').orderBy('id').execute(),
    db.selectFrom('team_members').select(['team_id', 'person_id']).execute(),
    db.selectFrom('skills').select(['id', 'name']).orderBy('name').orderBy('id').execute(),
    db.selectFrom('person_skills').select(['skill_id', 'person_id', 'proficiency']).execute(),
    db.selectFrom('role_skills').select(['role_id', 'skill_id', 'min_proficiency']).execute(),
  ]);
  return { roles, roleMembers, teams, teamMembers, skills, personSkills, roleSkills };
}
