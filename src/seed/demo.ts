/**
 * The demo portfolio. `small`: a believable PMO (3 portfolios, 25 projects in every lifecycle stage,
 * ~1,000 tasks, 40 people), loaded into every new embedded database unless PMO_DEMO=0. `large`: 2,000
 * projects, 200,000 tasks and 2,000 people for benchmarks. Deterministic for a seed.
 */
import { sql, type Insertable, type Kysely } from 'kysely';
import { rescheduleInTransaction } from '../modules/schedule/schedule.service.js';
import type { DB, Health, ProjectMembersTable, ProjectStage, ProjectStatus, TaskLinksTable, TasksTable, UsersTable } from '../db/schema.js';
import { hashPassword, generatePassword } from '../modules/auth/passwords.js';
import { seedResourcesDemo } from './resources-demo.js';
import { seedStrategyDemo } from './strategy-demo.js';
import { addDays, buildMember, buildPerson, buildPlan, buildPortfolio, buildProgram, buildProject, buildUser, createRng, insertChunked, personName } from './factories.js';

export type DemoScale = 'small' | 'large';

export interface DemoCounts {
  portfolios: number;
  programs: number;
  projects: number;
  tasks: number;
  links: number;
  people: number;
  users: number;
}

const SIZES: Record<DemoScale, { projects: number; tasksPerProject: number; people: number; users: number }> = {
  small: { projects: 25, tasksPerProject: 55, people: 40, users: 12 },
  large: { projects: 2000, tasksPerProject: 130, people: 2000, users: 200 },
};

const PORTFOLIOS = [
  { name: 'Digital Transformation', programs: ['Customer Experience', 'Data Platform'] },
  { name: 'Operational Excellence', programs: ['Supply Chain', 'Finance Modernisation'] },
  { name: 'Growth & Innovation', programs: ['New Markets', 'Product Innovation'] },
];

const PROJECT_NAMES = [
  'CRM Replacement', 'Customer Portal', 'Mobile App Relaunch', 'Data Warehouse Migration', 'Master Data Management',
  'Warehouse Automation', 'Supplier Onboarding', 'ERP Upgrade', 'Close Process Automation', 'Expense Digitisation',
  'Nordics Market Entry', 'Partner Programme', 'IoT Sensor Pilot', 'AI Support Assistant', 'Pricing Engine',
  'Identity & Access Management', 'Office Move Berlin', 'GDPR Records Review', 'Network Refresh', 'Contact Centre Cloud',
  'Sustainability Reporting', 'Fleet Electrification', 'E-invoicing Rollout', 'Training Academy', 'Cyber Resilience',
];

const STAGES: ProjectStage[] = ['idea', 'proposal', 'approved', 'planning', 'execution', 'execution', 'execution', 'closing', 'closed'];

/** Monday of the ISO week containing `date`. */
function monday(date: string): string {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, dow === 0 ? -6 : 1 - dow);
}

/** Loads the demo data in one transaction. `asOf` (YYYY-MM-DD) anchors dates and progress. */
export async function seedDemo(db: Kysely<DB>, opts: { scale: DemoScale; asOf: string; seed?: number; log?: (msg: string) => void }): Promise<DemoCounts> {
  const size = SIZES[opts.scale];
  const rng = createRng(opts.seed ?? 20261125);
  const counts: DemoCounts = { portfolios: 0, programs: 0, projects: 0, tasks: 0, links: 0, people: 0, users: 0 };
  // Demo accounts get one random password (never printed): an admin resets it to hand an account out.
  const demoHash = await hashPassword(generatePassword());

  await db.transaction().execute(async (tx) => {
    const users: Insertable<UsersTable>[] = [];
    const roles: UsersTable['org_role'][] = ['pmo', 'portfolio_manager', 'finance'];
    for (let i = 0; i < size.users; i++) {
      const name = personName(i + 3);
      const username = `${name.split(' ')[0]!.toLowerCase().normalize('NFD').replace(/[^a-z]/g, '')}${i + 1}`;
      users.push(buildUser(rng, { username, display_name: name, password_hash: demoHash, org_role: i < roles.length ? roles[i]! : 'member' }));
    }
    await insertChunked(tx, 'users', users);
    counts.users = users.length;
    const managers = users.slice(3, 3 + Math.max(5, Math.floor(size.users / 3)));
    const team = users.slice(3);

    const people = [];
    for (let i = 0; i < size.people; i++) {
      people.push(buildPerson(rng, i, { user_id: i < users.length ? users[i]!.id! : null, name: i < users.length ? users[i]!.display_name : personName(i + 3) }));
    }
    await insertChunked(tx, 'people', people);
    counts.people = people.length;

    const portfolios = PORTFOLIOS.map((p) => buildPortfolio(rng, { name: p.name, description: `${p.name} portfolio`, owner_id: users[1]!.id! }));
    await insertChunked(tx, 'portfolios', portfolios);
    const programs = PORTFOLIOS.flatMap((p, i) => p.programs.map((name) => buildProgram(rng, { name, portfolio_id: portfolios[i]!.id!, description: `${name} program` })));
    await insertChunked(tx, 'programs', programs);
    counts.portfolios = portfolios.length;
    counts.programs = programs.length;

    const scheduled: { id: string; slipped: boolean }[] = [];
    let tasks: Insertable<TasksTable>[] = [];
    let links: Insertable<TaskLinksTable>[] = [];
    let members: Insertable<ProjectMembersTable>[] = [];
    const flush = async () => {
      await insertChunked(tx, 'tasks', tasks, 800);
      await insertChunked(tx, 'task_links', links, 2000);
      await insertChunked(tx, 'project_members', members, 2000);
      counts.tasks += tasks.length;
      counts.links += links.length;
      tasks = [];
      links = [];
      members = [];
    };

    for (let i = 0; i < size.projects; i++) {
      const pi = i % PORTFOLIOS.length;
      const program = programs[pi * 2 + (i % 2)]!;
      const stage = STAGES[i % STAGES.length]!;
      const base = PROJECT_NAMES[i % PROJECT_NAMES.length]!;
      const name = i < PROJECT_NAMES.length ? base : `${base} ${Math.floor(i / PROJECT_NAMES.length) + 1}`;
      const offsetDays = stage === 'closed' ? -rng.int(300, 500) : stage === 'closing' ? -rng.int(200, 300) : stage === 'execution' ? -rng.int(30, 180) : rng.int(10, 120);
      const start = monday(addDays(opts.asOf, offsetDays));
      const manager = managers[i % managers.length]!;
      const project = buildProject(rng, {
        code: `PRJ-${String(i + 1).padStart(4, '0')}`,
        name,
        description: `${name}: ${stage === 'idea' ? 'an idea under evaluation' : 'part of the ' + program.name + ' program'}.`,
        portfolio_id: portfolios[pi]!.id!,
        program_id: i % 5 === 4 ? null : program.id!,
        stage,
        manager_id: manager.id!,
        start_date: start,
        // A few projects above and below the default, so levelling by priority shows in the demo (no rng draw:
        // the rest of the demo stays as it was).
        priority: i % 6 === 0 ? 800 : i % 6 === 3 ? 300 : 500,
      });
      const planned = stage !== 'idea' && stage !== 'proposal';
      const plan = planned ? buildPlan(rng, project.id!, start, size.tasksPerProject, opts.asOf) : null;
      const pct = plan ? Number(plan.tasks.filter((t) => t.parent_id == null).reduce((s, t) => s + Number(t.percent_complete ?? 0), 0)) / Math.max(1, plan.tasks.filter((t) => t.parent_id == null).length) : 0;
      const late = rng.next();
      const health: Health = stage === 'closed' ? 'green' : late < 0.6 ? 'green' : late < 0.85 ? 'amber' : 'red';
      const status: ProjectStatus = stage === 'closed' ? 'completed' : health === 'green' ? 'on_track' : health === 'amber' ? 'at_risk' : i % 7 === 0 ? 'on_hold' : 'off_track';
      await tx.insertInto('projects').values({ ...project, health, status, percent_complete: Math.round(pct * 100) / 100, finish_date: plan ? plan.finishDate : addDays(start, 180) }).execute();
      counts.projects++;
      members.push(buildMember(rng, { project_id: project.id!, user_id: manager.id!, role: 'project_manager' }));
      const used = new Set([manager.id]);
      for (let k = 0; k < 3; k++) {
        const u = team[(i * 3 + k + 1) % team.length]!;
        if (used.has(u.id)) continue;
        used.add(u.id);
        members.push(buildMember(rng, { project_id: project.id!, user_id: u.id!, role: k === 2 ? 'stakeholder' : 'team_member' }));
      }
      if (plan) {
        tasks.push(...plan.tasks);
        links.push(...plan.links);
        scheduled.push({ id: project.id!, slipped: health !== 'green' && stage !== 'closed' });
      }
      if (tasks.length >= 5000) await flush();
      if (opts.log && (i + 1) % 200 === 0) opts.log(`  ${i + 1} projects`);
    }
    await flush();
    // Every plan is scheduled by the engine (critical path, slack) and baselined; amber and red projects then
    // slip (some work grows by half), so the Gantt shows variance against the baseline.
    for (const [k, p] of scheduled.entries()) {
      await rescheduleInTransaction(tx, p.id);
      await sql`insert into task_baselines (task_id, number, start, finish, duration_minutes, work_minutes, cost_cents)
        select id, 0, start, finish, duration_minutes, work_minutes, cost_cents from tasks where project_id = ${p.id}`.execute(tx);
      if (p.slipped) {
        await sql`update tasks set duration_minutes = duration_minutes * 3 / 2
          where project_id = ${p.id} and not is_summary and duration_minutes > 0 and percent_complete < 100 and sort_order % 3 = 0`.execute(tx);
        await rescheduleInTransaction(tx, p.id);
      }
      if (opts.log && (k + 1) % 200 === 0) opts.log(`  scheduled ${k + 1} projects`);
    }
    // Resource data (skills, roles, teams, calendars, assignments, staffing) for the small demo only: the
    // benchmarks generate their own assignments on the large one.
    if (opts.scale === 'small') await seedResourcesDemo(tx, { asOf: opts.asOf, seed: opts.seed ?? 20261125 });
    await seedStrategyDemo(tx, { rng: createRng(20261201), scorers: users.slice(0, 3).map((u) => u.id!) });
    await tx
      .insertInto('org_settings')
      .values({ name: 'Demo Organisation', currency: 'EUR', timezone: 'Europe/Berlin' })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  });
  return counts;
}
