/** SQL of the timesheet compliance report. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** Active people with a user account (they log their own time), optionally members of a project, with their capacity. */
export async function selectCompliancePeople(db: Kysely<DB>, projectId: string | undefined) {
  let q = db.selectFrom('people').leftJoin('person_capacity as c', 'c.person_id', 'people.id')
    .select(['people.id', 'people.name', 'c.minutes_per_week', 'c.part_time_percent', 'c.calendar_uid'])
    .where('people.active', '=', true).where('people.user_id', 'is not', null);
  if (projectId) q = q.where('people.user_id', 'in', (eb) => eb.selectFrom('project_members').select('user_id').where('project_id', '=', projectId));
  return q.orderBy('people.name').orderBy('people.id').limit(10_000).execute();
}

/** Minutes logged per person and day (everything but rejected time). */
export async function selectLoggedMinutes(db: Kysely<DB>, personIds: string[], from: string, to: string) {
  const r = await sql<{ person_id: string; d: string; minutes: string }>`
    select person_id, work_date::text as d, sum(minutes) as minutes from time_entries
    where work_date between ${from}::date and ${to}::date and state <> 'rejected' and person_id = any(${personIds}::uuid[])
    group by person_id, work_date`.execute(db);
  return r.rows;
}

/** Vacations and other non-project time overlapping [from, to]. */
export async function selectVacations(db: Kysely<DB>, personIds: string[], from: string, to: string) {
  return db.selectFrom('non_project_time').select(['person_id', 'from_date', 'to_date'])
    .where('person_id', 'in', personIds).where('to_date', '>=', from).where('from_date', '<=', to).execute();
}
