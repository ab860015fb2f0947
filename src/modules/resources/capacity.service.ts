/**
 * Capacity against demand: per person (or role) and week, capacity net of weekends and non-project time,
 * demand from assignments spread evenly over the working days of their task, across every project the
 * actor may see. The heavy part (assignments x weeks) is aggregated in SQL; capacity is assembled in memory
 * from one row per person plus the non-project time in range.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../server/errors.js';
import { authorize, seesAllProjects, type Actor } from '../../server/policy.js';
import { dateOfDay, dayNumber, mondayOf } from './working-days.js';

const DEFAULT_MINUTES_PER_WEEK = 2400;

export interface CapacityGrid {
  from: string;
  weeks: string[];
  groupBy: 'person' | 'role';
  rows: { id: string; name: string; capacityMinutes: number[]; demandMinutes: number[]; utilisation: (number | null)[] }[];
}

/** Working days (Mon-Fri) in [from, to] as a SQL expression over dates; 1900-01-01 is a Monday. */
const workdaysBefore = (d: ReturnType<typeof sql>) => sql`(5 * floor((${d} - date '1900-01-01') / 7) + least(mod(${d} - date '1900-01-01', 7), 5))`;

/**
 * Demand minutes per (person or role, week index) of assignments whose task overlaps the range, restricted to
 * the projects the actor may see.
 */
async function loadDemand(db: Kysely<DB>, actor: Actor, from: string, weeks: number, key: 'person_id' | 'role_id') {
  const memberOnly = seesAllProjects(actor) ? sql`` : sql`and a.project_id in (select project_id from project_members where user_id = ${actor.userId})`;
  const keyCol = sql.ref(`a.${key}`);
  const s = sql`t.start::date`;
  const f = sql`t.finish::date`;
  // One row per person (or role): "week:minutes,week:minutes..." keeps the result small for 2,000 x 52 cells.
  const result = await sql<{ id: string; cells: string }>`
    with a as (
      select ${keyCol} as id, a.work_minutes, ${s} as s, ${f} as f,
             greatest(${workdaysBefore(sql`(${f} + 1)`)} - ${workdaysBefore(s)}, 1) as wd
      from assignments a join tasks t on t.id = a.task_id
      where ${keyCol} is not null and t.start is not null and t.finish is not null
        and ${f} >= ${from}::date and ${s} < ${from}::date + ${weeks * 7}::int
        ${memberOnly}
    ),
    cells as (
      select a.id, w, sum(a.work_minutes::float8 * greatest(0, least(a.f, ${from}::date + w * 7 + 4) - greatest(a.s, ${from}::date + w * 7) + 1) / a.wd) as demand
      from a cross join lateral generate_series(greatest(0, (a.s - ${from}::date) / 7), least(${weeks - 1}::int, (a.f - ${from}::date) / 7)) as w
      group by a.id, w
    )
    select id, string_agg(w || ':' || round(demand::numeric, 1), ',') as cells from cells group by id
  `.execute(db);
  const out: { id: string; w: number; demand: number }[] = [];
  for (const r of result.rows) {
    for (const cell of r.cells.split(',')) {
      const i = cell.indexOf(':');
      out.push({ id: r.id, w: Number(cell.slice(0, i)), demand: Number(cell.slice(i + 1)) });
    }
  }
  return out;
}

/** Builds the capacity grid; `from` is moved back to its Monday. */
export async function capacityGrid(db: Kysely<DB>, actor: Actor, q: { from: string; weeks: number; groupBy: 'person' | 'role' }): Promise<CapacityGrid> {
  authorize(actor, 'read', { kind: 'resource' });
  if (q.weeks < 1 || q.weeks > 104) throw new AppError(400, 'invalid_range', 'weeks must be between 1 and 104');
  const from = mondayOf(q.from);
  const fromDay = dayNumber(from);
  const W = q.weeks;
  const weeks = Array.from({ length: W }, (_, i) => dateOfDay(fromDay + 7 * i));
  const to = dateOfDay(fromDay + 7 * W - 1);

  const people = await db
    .selectFrom('people')
    .leftJoin('person_capacity', 'person_capacity.person_id', 'people.id')
    .select(['people.id', 'people.name', 'person_capacity.minutes_per_week', 'person_capacity.part_time_percent'])
    .where('people.active', '=', true)
    .orderBy('people.name')
    .orderBy('people.id')
    .execute();
  const index = new Map(people.map((p, i) => [p.id, i]));
  const cap = new Float64Array(people.length * W);
  for (let i = 0; i < people.length; i++) {
    const p = people[i]!;
    const perWeek = ((p.minutes_per_week ?? DEFAULT_MINUTES_PER_WEEK) * (p.part_time_percent ?? 100)) / 100;
    cap.fill(perWeek, i * W, (i + 1) * W);
  }
  const npt = await db.selectFrom('non_project_time').select(['person_id', 'from_date', 'to_date']).where('to_date', '>=', from).where('from_date', '<=', to).execute();
  for (const v of npt) {
    const i = index.get(v.person_id);
    if (i === undefined) continue;
    const perDay = cap[i * W]! === 0 ? 0 : ((people[i]!.minutes_per_week ?? DEFAULT_MINUTES_PER_WEEK) * (people[i]!.part_time_percent ?? 100)) / 100 / 5;
    for (let d = Math.max(dayNumber(v.from_date), fromDay); d <= Math.min(dayNumber(v.to_date), fromDay + 7 * W - 1); d++) {
      if ((d - fromDay) % 7 >= 5) continue;
      const w = Math.floor((d - fromDay) / 7);
      cap[i * W + w] = Math.max(0, cap[i * W + w]! - perDay);
    }
  }

  if (q.groupBy === 'person') {
    const demand = new Float64Array(people.length * W);
    for (const r of await loadDemand(db, actor, from, W, 'person_id')) {
      const i = index.get(r.id);
      if (i !== undefined) demand[i * W + Number(r.w)]! += Number(r.demand);
    }
    return { from, weeks, groupBy: 'person', rows: people.map((p, i) => row(p.id, p.name, cap, demand, i, W)) };
  }

  const roles = await db.selectFrom('roles').select(['id', 'name']).orderBy('name').orderBy('id').execute();
  const roleIndex = new Map(roles.map((r, i) => [r.id, i]));
  const members = await db.selectFrom('person_roles').select(['person_id', 'role_id']).execute();
  const roleCap = new Float64Array(roles.length * W);
  const roleDemand = new Float64Array(roles.length * W);
  const personDemand = new Float64Array(people.length * W);
  for (const r of await loadDemand(db, actor, from, W, 'person_id')) {
    const i = index.get(r.id);
    if (i !== undefined) personDemand[i * W + Number(r.w)]! += Number(r.demand);
  }
  for (const m of members) {
    const i = index.get(m.person_id);
    const j = roleIndex.get(m.role_id);
    if (i === undefined || j === undefined) continue;
    for (let w = 0; w < W; w++) {
      roleCap[j * W + w]! += cap[i * W + w]!;
      roleDemand[j * W + w]! += personDemand[i * W + w]!;
    }
  }
  for (const r of await loadDemand(db, actor, from, W, 'role_id')) {
    const j = roleIndex.get(r.id);
    if (j !== undefined) roleDemand[j * W + Number(r.w)]! += Number(r.demand);
  }
  return { from, weeks, groupBy: 'role', rows: roles.map((r, j) => row(r.id, r.name, roleCap, roleDemand, j, W)) };
}

function row(id: string, name: string, cap: Float64Array, demand: Float64Array, i: number, W: number) {
  const capacityMinutes: number[] = [];
  const demandMinutes: number[] = [];
  const utilisation: (number | null)[] = [];
  for (let w = 0; w < W; w++) {
    const c = Math.round(cap[i * W + w]!);
    const d = Math.round(demand[i * W + w]!);
    capacityMinutes.push(c);
    demandMinutes.push(d);
    utilisation.push(c > 0 ? Math.round((d / c) * 1000) / 1000 : null);
  }
  return { id, name, capacityMinutes, demandMinutes, utilisation };
}

/** Assignments of a person whose task overlaps [from, to], in projects the actor may see (the heatmap drill-down). */
export async function capacityAssignments(db: Kysely<DB>, actor: Actor, q: { personId: string; from: string; to: string }) {
  authorize(actor, 'read', { kind: 'resource' });
  let query = db
    .selectFrom('assignments as a')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .innerJoin('projects as p', 'p.id', 'a.project_id')
    .select(['a.id', 'a.project_id', 'p.name as project_name', 'a.task_id', 't.name as task_name', 't.start', 't.finish', 'a.units_percent', 'a.work_minutes'])
    .where('a.person_id', '=', q.personId)
    .where(sql<boolean>`t.finish::date >= ${q.from}::date and t.start::date <= ${q.to}::date`)
    .orderBy('t.start')
    .orderBy('a.id')
    .limit(500);
  if (!seesAllProjects(actor)) query = query.where('a.project_id', 'in', db.selectFrom('project_members').select('project_id').where('user_id', '=', actor.userId));
  const rows = await query.execute();
  const t = (v: string | null) => (v === null ? null : v.replace(' ', 'T').slice(0, 19));
  return rows.map((r) => ({
    id: r.id,
    projectId: r.project_id,
    projectName: r.project_name,
    taskId: r.task_id,
    taskName: r.task_name,
    start: t(r.start),
    finish: t(r.finish),
    unitsPercent: r.units_percent,
    workMinutes: Number(r.work_minutes),
  }));
}
