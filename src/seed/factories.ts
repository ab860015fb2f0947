/**
 * Factories: build believable rows and save them. The same factories make the demo portfolio, the
 * benchmark data and the fixtures of tests, so all three exercise the same shapes.
 */
import type { Insertable, Kysely } from 'kysely';
import type { DB, PeopleTable, PortfoliosTable, ProgramsTable, ProjectMembersTable, ProjectsTable, TaskLinksTable, TasksTable, UsersTable } from '../db/schema.js';
import { deriveWbs } from '../domain/wbs/wbs.js';
import { standardFinish } from '../modules/tasks/tasks.service.js';
import { createRng, seededUuid, type Rng } from './random.js';

export { createRng, seededUuid, type Rng };

const FIRST = ['Ada', 'Ben', 'Chloé', 'Dmitri', 'Emma', 'Farah', 'Goran', 'Hana', 'Isabel', 'Jonas', 'Kwame', 'Lena', 'Mateo', 'Nora', 'Oskar', 'Priya', 'Quentin', 'Rosa', 'Sven', 'Tomás', 'Ugo', 'Vera', 'Wen', 'Ximena', 'Yusuf', 'Zoë'];
const LAST = ['Okafor', 'Schmidt', 'Dubois', 'Kowalski', 'García', 'Nakamura', 'Haddad', 'Larsen', 'Rossi', 'Novak', 'Silva', 'Müller', 'Jensen', 'Costa', 'Ivanova', 'Yilmaz', 'Chen', 'Andersson', 'Moreau', 'Fischer'];
const TITLES = ['Business Analyst', 'Developer', 'Architect', 'Tester', 'Designer', 'Data Engineer', 'Project Manager', 'Change Manager', 'Trainer', 'Procurement Lead'];

/** "First Last" names, distinct for the first 520 indices. */
export function personName(i: number): string {
  // (i + 7k) mod 20 walks every surname once per 20 rounds of first names: distinct pairs for i < 520.
  return `${FIRST[i % FIRST.length]} ${LAST[(i + Math.floor(i / FIRST.length)) % LAST.length]}${i >= FIRST.length * LAST.length ? ` ${Math.floor(i / (FIRST.length * LAST.length)) + 1}` : ''}`;
}

export function buildUser(rng: Rng, overrides: Partial<Insertable<UsersTable>> & { username: string; password_hash: string }): Insertable<UsersTable> {
  return { id: seededUuid(rng), display_name: overrides.username, email: `${overrides.username}@example.org`, org_role: 'member', ...overrides };
}

export function buildPerson(rng: Rng, i: number, overrides: Partial<Insertable<PeopleTable>> = {}): Insertable<PeopleTable> {
  const name = personName(i);
  return { id: seededUuid(rng), name, email: `${name.toLowerCase().normalize('NFD').replace(/[^a-z ]/g, '').replace(/ /g, '.')}@example.org`, title: TITLES[i % TITLES.length]!, user_id: null, ...overrides };
}

export function buildPortfolio(rng: Rng, overrides: Partial<Insertable<PortfoliosTable>> & { name: string }): Insertable<PortfoliosTable> {
  return { id: seededUuid(rng), description: '', owner_id: null, ...overrides };
}

export function buildProgram(rng: Rng, overrides: Partial<Insertable<ProgramsTable>> & { name: string; portfolio_id: string }): Insertable<ProgramsTable> {
  return { id: seededUuid(rng), description: '', ...overrides };
}

export function buildProject(rng: Rng, overrides: Partial<Insertable<ProjectsTable>> & { code: string; name: string; portfolio_id: string }): Insertable<ProjectsTable> {
  return { id: seededUuid(rng), description: '', program_id: null, stage: 'planning', status: 'on_track', health: 'green', percent_complete: 0, start_date: null, finish_date: null, manager_id: null, ...overrides };
}

export function buildMember(rng: Rng, row: Omit<Insertable<ProjectMembersTable>, 'id'>): Insertable<ProjectMembersTable> {
  return { id: seededUuid(rng), ...row };
}

const PHASES: [string, string[]][] = [
  ['Initiation', ['Project charter', 'Stakeholder analysis', 'Kick-off meeting', 'Business case refresh', 'Governance set-up', 'Team onboarding', 'Risk workshop', 'Initiation gate']],
  ['Analysis', ['Current state assessment', 'Requirements workshops', 'Process mapping', 'Data analysis', 'Requirements specification', 'Vendor market scan', 'Gap analysis', 'Requirements sign-off']],
  ['Design', ['Solution architecture', 'Detailed design', 'Data migration design', 'Security design', 'Integration design', 'UX prototypes', 'Test strategy', 'Design review']],
  ['Build', ['Environment set-up', 'Sprint 1', 'Sprint 2', 'Sprint 3', 'Sprint 4', 'Integration', 'Reporting', 'Build complete']],
  ['Test', ['Test data preparation', 'System test', 'Integration test', 'Performance test', 'Security test', 'User acceptance test', 'Defect fixing', 'Test exit']],
  ['Deployment', ['Training material', 'End-user training', 'Cut-over plan', 'Data migration', 'Dress rehearsal', 'Go-live', 'Hypercare', 'Handover to operations']],
  ['Closure', ['Benefits baseline', 'Lessons learned', 'Contract closure', 'Archive documents', 'Release resources', 'Closure report', 'Benefits handover', 'Project closed']],
];
const MILESTONES = new Set(['Initiation gate', 'Requirements sign-off', 'Design review', 'Build complete', 'Test exit', 'Go-live', 'Project closed', 'Kick-off meeting']);

export interface BuiltPlan {
  tasks: Insertable<TasksTable>[];
  links: Insertable<TaskLinksTable>[];
  finishDate: string;
}

/** Adds `days` calendar days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * A phased plan of about `taskCount` tasks: phases (summaries) with work packages and milestones, chained by
 * finish-to-start links, dated on the standard calendar from `startDate`, progress according to `asOf`.
 */
export function buildPlan(rng: Rng, projectId: string, startDate: string, taskCount: number, asOf: string): BuiltPlan {
  const leafs: { id: string; parent: string; name: string; duration: number; milestone: boolean }[] = [];
  const phases: { id: string; name: string }[] = [];
  const perPhase = Math.max(1, Math.round(taskCount / PHASES.length) - 1);
  for (const [phase, names] of PHASES) {
    const pid = seededUuid(rng);
    phases.push({ id: pid, name: phase });
    for (let i = 0; i < perPhase; i++) {
      // The phase's last entry (its gate) closes it; the others cycle through the work packages.
      const last = i === perPhase - 1;
      const k = last ? names.length - 1 : i % (names.length - 1);
      const round = last ? 0 : Math.floor(i / (names.length - 1));
      const base = names[k]!;
      const name = round === 0 ? base : `${base} (${round + 1})`;
      const milestone = round === 0 && MILESTONES.has(base);
      leafs.push({ id: seededUuid(rng), parent: pid, name, duration: milestone ? 0 : rng.int(1, 10) * 480, milestone });
    }
  }
  const tasks: Insertable<TasksTable>[] = [];
  const links: Insertable<TaskLinksTable>[] = [];
  let cursor = `${startDate} 08:00:00`;
  const asOfTime = `${asOf} 17:00:00`;
  let order = 1;
  let prev: string | null = null;
  let prev2: string | null = null;
  let li = 0;
  for (const ph of phases) {
    tasks.push({ id: ph.id, project_id: projectId, parent_id: null, sort_order: order++, name: ph.name, start: cursor, finish: cursor, duration_minutes: 0, percent_complete: 0, is_milestone: false, notes: null });
    for (; li < leafs.length && leafs[li]!.parent === ph.id; li++) {
      const t = leafs[li]!;
      // Some work runs in parallel with its predecessor (start-to-start), most follows it.
      const start = cursor;
      const finish = t.duration === 0 ? start : standardFinish(start, t.duration);
      const pct = finish <= asOfTime ? 100 : start >= asOfTime ? 0 : rng.int(10, 90);
      tasks.push({ id: t.id, project_id: projectId, parent_id: ph.id, sort_order: order++, name: t.name, start, finish, duration_minutes: t.duration, percent_complete: pct, is_milestone: t.milestone, notes: null });
      // Mostly a chain; about a third of the work can start in parallel with its neighbour (it follows the task
      // before), which gives the plan real slack off the critical path.
      const from = prev2 && !t.milestone && rng.chance(0.35) ? prev2 : prev;
      if (from) links.push({ id: seededUuid(rng), project_id: projectId, predecessor_id: from, successor_id: t.id, type: 'FS', lag_minutes: 0 });
      prev2 = prev;
      prev = t.id;
      cursor = t.duration === 0 ? finish : nextWorkStart(finish);
    }
  }
  const derived = deriveWbs(
    tasks.map((t) => ({ id: t.id, parentId: t.parent_id ?? null, sortOrder: t.sort_order, start: t.start ?? null, finish: t.finish ?? null, durationMinutes: t.duration_minutes ?? 0, percentComplete: Number(t.percent_complete ?? 0) })),
  );
  const byId = new Map(derived.map((d) => [d.id, d]));
  for (const t of tasks) {
    const d = byId.get(t.id)!;
    Object.assign(t, { sort_order: d.sortOrder, wbs: d.wbs, outline_level: d.outlineLevel, is_summary: d.isSummary, start: d.start, finish: d.finish, duration_minutes: d.durationMinutes, percent_complete: d.percentComplete });
  }
  return { tasks, links, finishDate: cursor.slice(0, 10) };
}

/** The next working instant after a finish at 17:00 (or any time): next workday 08:00, or 13:00 after lunch. */
function nextWorkStart(finish: string): string {
  const time = finish.slice(11, 16);
  if (time === '12:00') return `${finish.slice(0, 10)} 13:00:00`;
  if (time < '17:00' && time >= '08:00') return finish;
  let day = addDays(finish.slice(0, 10), 1);
  for (let dow = new Date(`${day}T00:00:00Z`).getUTCDay(); dow === 0 || dow === 6; dow = new Date(`${day}T00:00:00Z`).getUTCDay()) day = addDays(day, 1);
  return `${day} 08:00:00`;
}

/** Inserts rows in chunks (one statement per chunk), inside the caller's transaction. */
export async function insertChunked<T extends keyof DB & string>(db: Kysely<DB>, table: T, rows: Insertable<DB[T]>[], chunk = 1000): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await db.insertInto(table).values(rows.slice(i, i + chunk) as any).execute();
  }
}
