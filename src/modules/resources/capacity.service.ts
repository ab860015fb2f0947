/**
 * Capacity against demand per person, role, team or skill and per day, week or month, across every project the
 * actor may see, and what-if on it. The plan of record is loaded once (people, calendars, non-project time,
 * assignments, groups) into the resources domain's plan; the grid is computed there on typed arrays. What-if
 * applies changes to that plan in memory and computes both grids: nothing is written.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import {
  applyWhatIf, buildBuckets, capacityRows, computeCapacity, dateOfDay, dayOfDate, MAX_BUCKETS, WhatIfError,
  type CapacityPerson, type CapacityPlan, type Granularity, type GroupBy, type WhatIfChange,
} from '../../domain/resources/index.js';
import { AppError } from '../../server/errors.js';
import { authorize, seesAllProjects, type Actor } from '../../server/policy.js';
import { requireProjectAccess } from '../projects/projects.service.js';
import { CalendarSet } from './calendar-store.js';
import { selectDetailDemand, selectGroups, selectNonProjectTime, selectPackedDemand, selectPeopleCapacity } from './capacity.repo.js';

const DEFAULT_MINUTES_PER_WEEK = 2400;

export interface CapacityQuery {
  from: string;
  granularity: Granularity;
  periods: number;
  groupBy: GroupBy;
  minProficiency: number;
}

interface PlanScope {
  fromDay: number;
  /** Exclusive. */
  toDay: number;
  groups: boolean;
  placeholders: boolean;
  /** Projects whose assignments are loaded whole, wherever they lie (what-if shifts them). */
  detailProjectIds: string[];
}

/** Pieces of a split task as inclusive day ranges. */
function pieceDays(pieces: unknown): [number, number][] | null {
  if (!Array.isArray(pieces) || !pieces.length) return null;
  const out: [number, number][] = [];
  for (const p of pieces as { start?: unknown; finish?: unknown }[]) {
    if (typeof p?.start !== 'string' || typeof p.finish !== 'string') return null;
    out.push([dayOfDate(p.start), dayOfDate(p.finish)]);
  }
  return out;
}

/** Loads the plan of record for a day range (people, calendars, non-project time, assignments, groups). */
export async function loadCapacityPlan(db: Kysely<DB>, actor: Actor, scope: PlanScope): Promise<CapacityPlan> {
  const from = dateOfDay(scope.fromDay);
  const last = dateOfDay(scope.toDay - 1);
  const days = scope.toDay - scope.fromDay;
  // One round of queries: the packed demand leaves out split tasks and detail projects, loaded row by row.
  const [peopleRows, calendars, npt, groups, roleRows, personPacked, rolePacked, detail] = await Promise.all([
    selectPeopleCapacity(db),
    CalendarSet.load(db),
    selectNonProjectTime(db, from, last),
    scope.groups ? selectGroups(db) : null,
    !scope.groups && scope.placeholders ? db.selectFrom('roles').select(['id', 'name']).orderBy('name').orderBy('id').execute() : null,
    selectPackedDemand(db, actor, 'person_id', from, days, scope.detailProjectIds),
    scope.placeholders ? selectPackedDemand(db, actor, 'role_id', from, days, scope.detailProjectIds) : [],
    selectDetailDemand(db, actor, scope.detailProjectIds, from, last),
  ]);
  const personIdx = new Map(peopleRows.map((p, i) => [p.id, i]));
  const people: CapacityPerson[] = peopleRows.map((p) => ({
    id: p.id,
    name: p.name,
    minutesPerWeek: p.minutes_per_week ?? DEFAULT_MINUTES_PER_WEEK,
    partTimePercent: p.part_time_percent ?? 100,
    calendar: calendars.person(p.calendar_uid),
  }));
  for (const v of npt) {
    const i = personIdx.get(v.person_id);
    if (i === undefined) continue;
    const p = people[i]!;
    p.nonProjectDays = [...(p.nonProjectDays ?? []), [dayOfDate(v.from_date), dayOfDate(v.to_date)]];
  }
  const roles = groups?.roles ?? roleRows ?? [];
  const roleIdx = new Map(roles.map((r, i) => [r.id, i]));

  const projectIds = [...new Set(scope.detailProjectIds)];
  const projectIdx = new Map(projectIds.map((id, i) => [id, i]));
  let n = 0;
  const count = (rows: { packed: string }[]) => {
    let c = 0;
    for (const r of rows) for (let i = r.packed.indexOf(','), k = 1; ; i = r.packed.indexOf(',', i + 1), k++) if (i < 0) { c += k; break; }
    return c;
  };
  const total = count(personPacked) + count(rolePacked) + detail.length;
  const cols = {
    length: total,
    person: new Int32Array(total).fill(-1),
    role: new Int32Array(total).fill(-1),
    project: new Int32Array(total).fill(-1),
    start: new Int32Array(total),
    finish: new Int32Array(total),
    work: new Float64Array(total),
    calendar: new Int32Array(total),
    pieces: new Map<number, readonly (readonly [number, number])[]>(),
  };
  // Assignments of projects with calendars of their own: [index, projectId, ...], resolved after loading them.
  const ownCalendar: (number | string)[] = [];
  // Parses "start:finish:work[:project],..." in one pass over the characters (no substrings but project ids).
  const unpack = (rows: { id: string; packed: string }[], index: Map<string, number>, target: Int32Array) => {
    for (const r of rows) {
      const g = index.get(r.id);
      const text = r.packed;
      if (g === undefined) {
        cols.length -= count([r]);
        continue;
      }
      let field = 0;
      let value = 0;
      let negative = false;
      for (let i = 0; i <= text.length; i++) {
        const ch = i < text.length ? text.charCodeAt(i) : 44;
        if (ch >= 48 && ch <= 57 && field < 3) value = value * 10 + (ch - 48);
        else if (ch === 45 && field < 3) negative = true;
        else if (ch === 58 || ch === 44) {
          const v = negative ? -value : value;
          if (field === 0) cols.start[n] = scope.fromDay + v;
          else if (field === 1) cols.finish[n] = scope.fromDay + v;
          else if (field === 2) cols.work[n] = v;
          if (ch === 58 && field === 2) {
            // The project id of an assignment whose project has calendars of its own (36 characters).
            ownCalendar.push(n, text.slice(i + 1, i + 37));
            i += 36;
            continue;
          }
          value = 0;
          negative = false;
          if (ch === 44) {
            target[n] = g;
            n++;
            field = 0;
          } else field++;
        }
      }
    }
  };
  unpack(personPacked, personIdx, cols.person);
  unpack(rolePacked, roleIdx, cols.role);
  for (const d of detail) {
    const pi = d.person_id ? personIdx.get(d.person_id) : undefined;
    const ri = d.role_id ? roleIdx.get(d.role_id) : undefined;
    if (pi === undefined && ri === undefined) {
      cols.length--;
      continue;
    }
    if (pi !== undefined) cols.person[n] = pi;
    else cols.role[n] = ri!;
    cols.project[n] = projectIdx.get(d.project_id) ?? -1;
    cols.start[n] = dayOfDate(d.task_start);
    cols.finish[n] = dayOfDate(d.task_finish);
    cols.work[n] = Number(d.work_minutes);
    ownCalendar.push(n, d.project_id);
    const p = pieceDays(d.pieces);
    if (p) cols.pieces.set(n, p);
    n++;
  }

  await calendars.loadProjects(db, [...new Set(ownCalendar.filter((_, i) => i % 2 === 1) as string[])]);
  for (let i = 0; i < ownCalendar.length; i += 2) cols.calendar[ownCalendar[i] as number] = calendars.project(ownCalendar[i + 1] as string);

  const idx = <T extends { id: string }>(list: readonly T[]) => new Map(list.map((x, i) => [x.id, i]));
  const teamIdx = idx(groups?.teams ?? []);
  const skillIdx = idx(groups?.skills ?? []);
  const pairs = <R>(rows: readonly R[], a: (r: R) => number | undefined, b: (r: R) => number | undefined, c?: (r: R) => number) => {
    const out: number[] = [];
    for (const r of rows) {
      const x = a(r);
      const y = b(r);
      if (x === undefined || y === undefined) continue;
      out.push(x, y);
      if (c) out.push(c(r));
    }
    return out;
  };
  return {
    calendars: calendars.list,
    people,
    assignments: cols,
    projectIds,
    roles,
    teams: groups?.teams ?? [],
    skills: groups?.skills ?? [],
    roleMembers: pairs(groups?.roleMembers ?? [], (r) => roleIdx.get(r.role_id), (r) => personIdx.get(r.person_id)),
    teamMembers: pairs(groups?.teamMembers ?? [], (r) => teamIdx.get(r.team_id), (r) => personIdx.get(r.person_id)),
    personSkills: pairs(groups?.personSkills ?? [], (r) => skillIdx.get(r.skill_id), (r) => personIdx.get(r.person_id), (r) => r.proficiency),
    roleSkills: pairs(groups?.roleSkills ?? [], (r) => roleIdx.get(r.role_id), (r) => skillIdx.get(r.skill_id), (r) => r.min_proficiency),
  };
}

function checkRange(q: { granularity: Granularity; periods: number }): void {
  const max = MAX_BUCKETS[q.granularity];
  if (!Number.isInteger(q.periods) || q.periods < 1 || q.periods > max) throw new AppError(400, 'invalid_range', `periods must be between 1 and ${max} for a ${q.granularity} grid`);
}

function present(plan: CapacityPlan, buckets: Int32Array, q: CapacityQuery) {
  const totals = computeCapacity(plan, buckets);
  const B = buckets.length - 1;
  return {
    from: dateOfDay(buckets[0]!),
    to: dateOfDay(buckets[B]! - 1),
    granularity: q.granularity,
    groupBy: q.groupBy,
    periods: Array.from({ length: B }, (_, k) => ({ start: dateOfDay(buckets[k]!), end: dateOfDay(buckets[k + 1]! - 1) })),
    rows: capacityRows(plan, totals, q.groupBy, { minProficiency: q.minProficiency }),
  };
}

export type CapacityGrid = ReturnType<typeof present>;

/** The capacity grid; `from` moves back to the start of its day, week (Monday) or month. */
export async function capacityGrid(db: Kysely<DB>, actor: Actor, q: CapacityQuery): Promise<CapacityGrid> {
  authorize(actor, 'read', { kind: 'resource' });
  checkRange(q);
  const buckets = buildBuckets(q.granularity, dayOfDate(q.from), q.periods);
  const plan = await loadCapacityPlan(db, actor, { fromDay: buckets[0]!, toDay: buckets[q.periods]!, groups: q.groupBy !== 'person', placeholders: q.groupBy === 'role' || q.groupBy === 'skill', detailProjectIds: [] });
  return present(plan, buckets, q);
}

/** A what-if change as the API takes it (dates as YYYY-MM-DD, calendars by uid). */
export type WhatIfChangeBody =
  | { kind: 'add-person'; name: string; count?: number | undefined; minutesPerWeek?: number | undefined; partTimePercent?: number | undefined; calendarUid?: number | null | undefined; roleIds?: string[] | undefined; teamIds?: string[] | undefined; skills?: { skillId: string; proficiency: number }[] | undefined; from?: string | undefined; to?: string | undefined }
  | { kind: 'remove-person'; personId: string; from: string }
  | { kind: 'change-capacity'; personId: string; from?: string | undefined; to?: string | undefined; minutesPerWeek?: number | undefined; partTimePercent?: number | undefined }
  | { kind: 'shift-project'; projectId: string; workingDays: number };

/**
 * Capacity against demand with changes applied in memory, beside the plan of record. Projects to shift must be
 * visible to the actor (404 otherwise); unknown people, roles, teams, skills or calendars answer 422.
 */
export async function capacityWhatIf(db: Kysely<DB>, actor: Actor, q: CapacityQuery & { changes: WhatIfChangeBody[] }) {
  authorize(actor, 'read', { kind: 'resource' });
  checkRange(q);
  const shifted = [...new Set(q.changes.flatMap((c) => (c.kind === 'shift-project' ? [c.projectId] : [])))];
  for (const id of shifted) await requireProjectAccess(db, actor, id, 'read', 'task');
  const buckets = buildBuckets(q.granularity, dayOfDate(q.from), q.periods);
  const plan = await loadCapacityPlan(db, actor, { fromDay: buckets[0]!, toDay: buckets[q.periods]!, groups: true, placeholders: true, detailProjectIds: shifted });
  // Calendars of hypothetical people: enterprise calendars by uid, added to the plan's list.
  const calendars = await CalendarSet.load(db);
  const changes: WhatIfChange[] = q.changes.map((c, i) => {
    switch (c.kind) {
      case 'add-person': {
        let calendar = 0;
        if (c.calendarUid !== undefined && c.calendarUid !== null) {
          const k = calendars.person(c.calendarUid);
          if (k === 0 && c.calendarUid !== 1) throw new AppError(422, 'invalid_reference', `change ${i + 1}: calendar ${c.calendarUid} does not exist`);
          calendar = plan.calendars.push(calendars.list[k]!) - 1;
        }
        return {
          kind: 'add-person', name: c.name, calendar,
          ...(c.count !== undefined ? { count: c.count } : {}),
          ...(c.minutesPerWeek !== undefined ? { minutesPerWeek: c.minutesPerWeek } : {}),
          ...(c.partTimePercent !== undefined ? { partTimePercent: c.partTimePercent } : {}),
          ...(c.roleIds ? { roleIds: c.roleIds } : {}),
          ...(c.teamIds ? { teamIds: c.teamIds } : {}),
          ...(c.skills ? { skills: c.skills } : {}),
          ...(c.from ? { fromDay: dayOfDate(c.from) } : {}),
          ...(c.to ? { toDay: dayOfDate(c.to) } : {}),
        };
      }
      case 'remove-person':
        return { kind: 'remove-person', personId: c.personId, fromDay: dayOfDate(c.from) };
      case 'change-capacity':
        return {
          kind: 'change-capacity', personId: c.personId,
          ...(c.from ? { fromDay: dayOfDate(c.from) } : {}),
          ...(c.to ? { toDay: dayOfDate(c.to) } : {}),
          ...(c.minutesPerWeek !== undefined ? { minutesPerWeek: c.minutesPerWeek } : {}),
          ...(c.partTimePercent !== undefined ? { partTimePercent: c.partTimePercent } : {}),
        };
      case 'shift-project':
        return c;
    }
  });
  let scenario: CapacityPlan;
  try {
    scenario = applyWhatIf(plan, changes);
  } catch (e) {
    if (e instanceof WhatIfError) throw new AppError(422, e.code === 'UNKNOWN_REFERENCE' ? 'invalid_reference' : 'invalid_change', e.message);
    throw e;
  }
  return { planOfRecord: present(plan, buckets, q), whatIf: present(scenario, buckets, q), changes: q.changes.length };
}

/** Assignments behind a heatmap cell: of a person, of a role (placeholders) or of a team's members, overlapping [from, to]. */
export async function capacityAssignments(db: Kysely<DB>, actor: Actor, q: { personId?: string | undefined; roleId?: string | undefined; teamId?: string | undefined; skillId?: string | undefined; minProficiency?: number | undefined; from: string; to: string }) {
  authorize(actor, 'read', { kind: 'resource' });
  const given = [q.personId, q.roleId, q.teamId, q.skillId].filter((v) => v !== undefined).length;
  if (given !== 1) throw new AppError(400, 'invalid_query', 'give exactly one of personId, roleId, teamId and skillId');
  let query = db
    .selectFrom('assignments as a')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .innerJoin('projects as p', 'p.id', 'a.project_id')
    .leftJoin('people as pe', 'pe.id', 'a.person_id')
    .leftJoin('roles as r', 'r.id', 'a.role_id')
    .select(['a.id', 'a.project_id', 'p.name as project_name', 'a.task_id', 't.name as task_name', 't.start', 't.finish', 'a.units_percent', 'a.work_minutes', 'a.person_id', 'pe.name as person_name', 'a.role_id', 'r.name as role_name'])
    .where(sql<boolean>`a.task_finish >= ${q.from}::date and a.task_start <= ${q.to}::date`)
    .orderBy('t.start')
    .orderBy('a.id')
    .limit(500);
  if (q.personId) query = query.where('a.person_id', '=', q.personId);
  // A role's demand in the grid is its placeholders plus the work of the people holding it; a skill's is the work of
  // the people holding it at minProficiency or more plus the placeholders of the roles that require it.
  const roleId = q.roleId;
  if (roleId) query = query.where((eb) => eb.or([eb('a.role_id', '=', roleId), eb('a.person_id', 'in', db.selectFrom('role_members').select('person_id').where('role_id', '=', roleId))]));
  const skillId = q.skillId;
  if (skillId) {
    query = query.where((eb) => eb.or([
      eb('a.person_id', 'in', db.selectFrom('person_skills').select('person_id').where('skill_id', '=', skillId).where('proficiency', '>=', q.minProficiency ?? 1)),
      eb('a.role_id', 'in', db.selectFrom('role_skills').select('role_id').where('skill_id', '=', skillId)),
    ]));
  }
  if (q.teamId) query = query.where('a.person_id', 'in', db.selectFrom('team_members').select('person_id').where('team_id', '=', q.teamId));
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
    personId: r.person_id,
    personName: r.person_name,
    roleId: r.role_id,
    roleName: r.role_name,
    unitsPercent: r.units_percent,
    workMinutes: Number(r.work_minutes),
  }));
}
