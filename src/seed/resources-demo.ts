/**
 * Resource data of the small demo: skills and roles (with what each role requires), teams with leads, the
 * organisation's Standard calendar with public holidays and a four-day-week calendar, part-timers and
 * vacations, assignments of people and role placeholders to the planned projects' tasks, and open staffing
 * requests, so capacity, what-if, staffing and levelling have something real to show. Deterministic for a seed;
 * written inside the demo's transaction after the plans are scheduled.
 */
import type { Insertable, Kysely } from 'kysely';
import type { AssignmentsTable, DB } from '../db/schema.js';
import { standardCalendar, type CalendarDefinition } from '../domain/calendar/index.js';
import { dayOfDate } from '../domain/resources/index.js';
import { addDays, createRng, insertChunked, seededUuid } from './factories.js';

const SKILLS = ['TypeScript', 'Java', 'SQL', 'Cloud', 'Testing', 'Business analysis', 'Data engineering', 'Change management', 'UX design', 'Project management'];
/** Role per person title: the role's required skills (minimum proficiency) and the skills its holders have. */
const ROLES: Record<string, { role: string; requires: [string, number][]; skills: string[] }> = {
  'Developer': { role: 'Developer', requires: [['TypeScript', 3], ['SQL', 2]], skills: ['TypeScript', 'SQL', 'Java', 'Cloud'] },
  'Architect': { role: 'Architect', requires: [['Cloud', 4]], skills: ['Cloud', 'Java', 'TypeScript'] },
  'Tester': { role: 'Tester', requires: [['Testing', 3]], skills: ['Testing', 'SQL'] },
  'Business Analyst': { role: 'Business analyst', requires: [['Business analysis', 3]], skills: ['Business analysis', 'SQL'] },
  'Data Engineer': { role: 'Data engineer', requires: [['SQL', 3], ['Data engineering', 3]], skills: ['SQL', 'Data engineering', 'Cloud'] },
  'Designer': { role: 'UX designer', requires: [['UX design', 3]], skills: ['UX design', 'Business analysis'] },
  'Change Manager': { role: 'Change manager', requires: [['Change management', 3]], skills: ['Change management', 'Business analysis'] },
  'Project Manager': { role: 'Project manager', requires: [['Project management', 3]], skills: ['Project management', 'Business analysis'] },
};
const TEAMS = ['Platform', 'Digital channels', 'Data & analytics', 'Business change'];

/** Fixed-date public holidays of the years around `asOf` (an illustrative set; edit the calendar for yours). */
function holidays(asOf: string): CalendarDefinition['exceptions'] {
  const y = Number(asOf.slice(0, 4));
  const out: CalendarDefinition['exceptions'] = [];
  for (const year of [y - 1, y, y + 1]) {
    for (const [name, md] of [['New Year', '01-01'], ['Labour Day', '05-01'], ['Christmas Day', '12-25'], ['Boxing Day', '12-26']] as const) {
      const day = dayOfDate(`${year}-${md}`);
      out.push({ name: `${name} ${year}`, fromDay: day, toDay: day, working: false, intervals: [] });
    }
  }
  return out;
}

/** Seeds the resource data (call inside the demo transaction, after the projects are scheduled). */
export async function seedResourcesDemo(tx: Kysely<DB>, opts: { asOf: string; seed: number }): Promise<{ assignments: number; requests: number }> {
  const rng = createRng(opts.seed + 5);
  const people = await tx.selectFrom('people').select(['id', 'name', 'title']).orderBy('name').orderBy('id').execute();
  if (!people.length) return { assignments: 0, requests: 0 };

  const standard = { ...standardCalendar(1, 'Standard'), isBaseCalendar: true, exceptions: holidays(opts.asOf) };
  const four: CalendarDefinition & { isBaseCalendar: boolean } = {
    id: 2, name: 'Four-day week', baseCalendarId: 1, isBaseCalendar: false,
    weekDays: [null, null, null, null, null, { working: false, intervals: [] }, null],
    exceptions: [],
  };
  await tx.insertInto('calendars').values([standard, four].map((c) => ({ id: seededUuid(rng), project_id: null, uid: c.id, name: c.name, data: JSON.stringify(c) }))).execute();

  const skillId = new Map(SKILLS.map((s) => [s, seededUuid(rng)]));
  await tx.insertInto('skills').values([...skillId].map(([name, id]) => ({ id, name }))).execute();
  const roleId = new Map(Object.values(ROLES).map((r) => [r.role, seededUuid(rng)]));
  await tx.insertInto('roles').values([...roleId].map(([name, id]) => ({ id, name }))).execute();
  await tx.insertInto('role_skills').values(Object.values(ROLES).flatMap((r) => r.requires.map(([s, min]) => ({ role_id: roleId.get(r.role)!, skill_id: skillId.get(s)!, min_proficiency: min })))).execute();

  const roleOf = new Map<string, string>();
  const capacity = [];
  const members = [];
  const skills = [];
  const vacations = [];
  for (const [i, p] of people.entries()) {
    const def = ROLES[p.title ?? ''];
    if (def) {
      roleOf.set(p.id, roleId.get(def.role)!);
      members.push({ person_id: p.id, role_id: roleId.get(def.role)! });
      def.skills.forEach((s, k) => skills.push({ person_id: p.id, skill_id: skillId.get(s)!, proficiency: Math.max(1, Math.min(5, 5 - k + rng.int(-1, 0))) }));
    } else {
      skills.push({ person_id: p.id, skill_id: skillId.get(rng.pick(SKILLS))!, proficiency: rng.int(2, 4) });
    }
    // Every seventh person works part-time, every eleventh a four-day week (32 h).
    if (i % 7 === 3) capacity.push({ person_id: p.id, part_time_percent: 60 });
    else if (i % 11 === 5) capacity.push({ person_id: p.id, minutes_per_week: 1920, calendar_uid: 2 });
    if (i % 4 === 1) {
      const start = addDays(opts.asOf, rng.int(5, 120));
      vacations.push({ id: seededUuid(rng), person_id: p.id, from_date: start, to_date: addDays(start, rng.int(2, 11)), reason: 'vacation' });
    }
  }
  if (capacity.length) await tx.insertInto('person_capacity').values(capacity).execute();
  await insertChunked(tx, 'role_members', members);
  await insertChunked(tx, 'person_skills', skills);
  if (vacations.length) await insertChunked(tx, 'non_project_time', vacations);

  const teamRows = TEAMS.map((name, t) => ({ id: seededUuid(rng), name, description: `${name} team`, lead_person_id: people[(t * 7) % people.length]!.id }));
  await tx.insertInto('teams').values(teamRows).execute();
  const teamMembers = new Set<string>();
  people.forEach((p, i) => {
    teamMembers.add(`${teamRows[i % TEAMS.length]!.id}|${p.id}`);
    if (i % 5 === 0) teamMembers.add(`${teamRows[(i + 1) % TEAMS.length]!.id}|${p.id}`);
  });
  for (const t of teamRows) teamMembers.add(`${t.id}|${t.lead_person_id}`);
  await insertChunked(tx, 'team_members', [...teamMembers].map((k) => ({ team_id: k.split('|')[0]!, person_id: k.split('|')[1]! })));

  // Assignments: each planned project draws a team of five; every unfinished detail task gets one of them
  // (or, for some future tasks, a role placeholder instead, half of which are up for staffing).
  const tasks = await tx
    .selectFrom('tasks')
    .innerJoin('projects', 'projects.id', 'tasks.project_id')
    .select(['tasks.id', 'tasks.project_id', 'tasks.duration_minutes', 'tasks.start', 'tasks.percent_complete', 'tasks.sort_order', 'projects.manager_id'])
    .where('tasks.is_summary', '=', false)
    .where('tasks.is_milestone', '=', false)
    .where('tasks.start', 'is not', null)
    .orderBy('tasks.project_id')
    .orderBy('tasks.sort_order')
    .execute();
  const assignments: Insertable<AssignmentsTable>[] = [];
  const placeholders: { id: string; project_id: string; role_id: string; requested_by: string | null }[] = [];
  const teamOf = new Map<string, string[]>();
  for (const t of tasks) {
    if (Number(t.percent_complete) >= 100) continue;
    let team = teamOf.get(t.project_id);
    if (!team) {
      const base = rng.int(0, people.length - 1);
      team = Array.from({ length: 5 }, (_, k) => people[(base + k * 7) % people.length]!.id);
      teamOf.set(t.project_id, team);
    }
    const person = team[t.sort_order % team.length]!;
    const units = rng.chance(0.2) ? 50 : 100;
    const work = Math.round((t.duration_minutes * units) / 100);
    const future = t.start! > `${opts.asOf} 23:59:59`;
    const role = roleOf.get(person);
    const id = seededUuid(rng);
    if (future && role && rng.chance(0.1)) {
      assignments.push({ id, project_id: t.project_id, task_id: t.id, person_id: null, role_id: role, units_percent: units, work_minutes: work });
      placeholders.push({ id, project_id: t.project_id, role_id: role, requested_by: t.manager_id });
    } else {
      assignments.push({ id, project_id: t.project_id, task_id: t.id, person_id: person, role_id: null, units_percent: units, work_minutes: work });
    }
  }
  await insertChunked(tx, 'assignments', assignments, 1000);
  const requests = placeholders.filter((_, i) => i % 2 === 0).map((p, i) => {
    const proposed = i % 3 === 2 ? people.find((x) => roleOf.get(x.id) === p.role_id) : undefined;
    return {
      id: seededUuid(rng), project_id: p.project_id, assignment_id: p.id, role_id: p.role_id,
      status: proposed ? ('proposed' as const) : ('requested' as const), person_id: proposed?.id ?? null,
      note: proposed ? 'Available from the start of the task' : 'Please find someone for this', requested_by: p.requested_by,
    };
  });
  if (requests.length) await insertChunked(tx, 'staffing_requests', requests);
  return { assignments: assignments.length, requests: requests.length };
}
