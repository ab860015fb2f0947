/**
 * Finance on the database (issue 7): the large demo (2,000 projects, 200,000 tasks, 2,000 people) plus a
 * deterministic generator of N approved time entries (default 2,000,000) inserted with multi-row UNNEST
 * inserts, task planned cost for every task, an approved budget per project (12 months x 2 categories) and
 * the per-project monthly cost summary that approvals keep up to date. Then measures, through the services:
 * - rollup2000Ms: budget, actual, forecast and EVM roll-up of every project (getPortfolioRollup)
 * - timesheetWeekMs: one person's week (getWeek)
 * - approve1000Ms: approving 1,000 submitted entries (approveEntries: pricing, summary, audit)
 * On PostgreSQL (--db URL, PMO_BENCH_DATABASE_URL or DATABASE_URL: a fresh database is created on that server
 * and dropped afterwards unless --keep); otherwise PGlite in memory with --entries defaulting to 200,000.
 */
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedDemo } from '../src/seed/demo.js';
import { createRng } from '../src/seed/random.js';
import type { Actor } from '../src/server/policy.js';
import { getPortfolioRollup, refreshEvmSnapshots } from '../src/modules/finance/financials-rollup.service.js';
import { getWeek } from '../src/modules/finance/timesheets.service.js';
import { approveEntries } from '../src/modules/finance/approvals.service.js';
import { timeMedian, type BenchArgs, type BenchResult } from './lib.js';

const AS_OF = '2026-11-25';
const DAY_MS = 86_400_000;

async function openBenchDatabase(url: string | undefined): Promise<{ database: Database; engine: string; drop: () => Promise<void> }> {
  if (!url) {
    const database = await openDatabase({ dataDir: 'memory://' });
    return { database, engine: 'pglite', drop: async () => undefined };
  }
  const name = `pmo_bench_finance_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: target.toString(), poolSize: 4 });
  return {
    database,
    engine: `postgresql (${name})`,
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Working days (Mon-Fri) of 2026 up to AS_OF, as ISO dates. */
function workingDays(): string[] {
  const out: string[] = [];
  for (let t = Date.UTC(2026, 0, 1); t <= Date.parse(`${AS_OF}T00:00:00Z`); t += DAY_MS) {
    const d = new Date(t);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

/** Inserts `count` time entries (deterministic for the seed) in UNNEST chunks; state and cost as given. */
async function insertEntries(database: Database, opts: {
  count: number; offset: number; seed: number; people: string[]; projectsOfPerson: string[][]; days: string[]; state: 'approved' | 'submitted'; costPerHour: number;
}): Promise<void> {
  const rng = createRng(opts.seed);
  const CHUNK = 20_000;
  for (let start = 0; start < opts.count; start += CHUNK) {
    const n = Math.min(CHUNK, opts.count - start);
    const idx: number[] = [];
    const person: string[] = [];
    const project: string[] = [];
    const date: string[] = [];
    const minutes: number[] = [];
    const billable: boolean[] = [];
    const cost: (number | null)[] = [];
    for (let k = 0; k < n; k++) {
      const i = opts.offset + start + k;
      const p = i % opts.people.length;
      const mine = opts.projectsOfPerson[p]!;
      const m = 30 * (1 + Math.floor(rng.next() * 4));
      idx.push(i);
      person.push(opts.people[p]!);
      project.push(mine[Math.floor(rng.next() * mine.length)]!);
      date.push(opts.days[Math.floor(i / opts.people.length) % opts.days.length]!);
      minutes.push(m);
      billable.push(rng.next() < 0.8);
      cost.push(opts.state === 'approved' ? Math.round((m * opts.costPerHour) / 60) : null);
    }
    await sql`
      insert into time_entries (id, person_id, project_id, work_date, posting_date, minutes, billable, state, cost_minor, cost_currency)
      select md5('te' || v.i)::uuid, v.person, v.project, v.d, v.d, v.minutes, v.billable, ${opts.state}, v.cost, case when v.cost is null then null else 'EUR' end
      from unnest(${idx}::int[], ${person}::uuid[], ${project}::uuid[], ${date}::date[], ${minutes}::int[], ${billable}::bool[], ${cost}::bigint[])
        as v(i, person, project, d, minutes, billable, cost)`.execute(database.db);
  }
}

export async function run(args: BenchArgs): Promise<BenchResult> {
  const url = args.get('db') ?? process.env.PMO_BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  const entries = args.number('entries', url ? 2_000_000 : 200_000);
  const repeat = args.number('repeat', 7);
  const log = (msg: string) => console.error(`[finance bench] ${msg}`);
  const { database, engine, drop } = await openBenchDatabase(url);
  if (!url) log('no PMO_BENCH_DATABASE_URL/DATABASE_URL: running on PGlite in memory (figures are for the embedded engine)');
  const load: Record<string, number> = {};
  try {
    let t0 = performance.now();
    await migrateToLatest(database);
    const counts = await seedDemo(database.db, { scale: 'large', asOf: AS_OF, log });
    load.seedDemoMs = performance.now() - t0;
    const db = database.db;
    t0 = performance.now();
    await sql`insert into rates (id, kind, effective_from, amount_minor_per_hour, currency) values
      (md5('rate-cost')::uuid, 'cost', '2020-01-01', 6000, 'EUR'), (md5('rate-bill')::uuid, 'bill', '2020-01-01', 9500, 'EUR')`.execute(db);
    await sql`insert into task_costs (task_id, project_id, planned_cost_minor)
      select id, project_id, greatest(duration_minutes, 60)::bigint * 100 from tasks where not is_summary`.execute(db);
    await sql`insert into budget_versions (id, project_id, version_no, kind, status, currency)
      select md5('bv' || id)::uuid, id, 1, 'original', 'approved', 'EUR' from projects`.execute(db);
    await sql`insert into budget_lines (budget_version_id, project_id, month, category, expenditure, amount_minor)
      select md5('bv' || p.id)::uuid, p.id, to_char(make_date(2026, m, 1), 'YYYY-MM'), c, case when c = 'labour' then 'opex' else 'capex' end, 250000 + m * 1000
      from projects p, generate_series(1, 12) m, unnest(array['labour', 'external']) c`.execute(db);
    load.budgetsAndPlanMs = performance.now() - t0;

    const people = (await db.selectFrom('people').select('id').orderBy('id').execute()).map((r) => r.id);
    const members = await sql<{ person_id: string; project_id: string }>`
      select pe.id as person_id, m.project_id from people pe join project_members m on m.user_id = pe.user_id`.execute(db);
    const projects = (await db.selectFrom('projects').select('id').orderBy('id').execute()).map((r) => r.id);
    const byPerson = new Map<string, string[]>();
    for (const r of members.rows) byPerson.set(r.person_id, [...(byPerson.get(r.person_id) ?? []), r.project_id]);
    const projectsOfPerson = people.map((p, i) => byPerson.get(p) ?? [projects[(i * 7) % projects.length]!, projects[(i * 13 + 1) % projects.length]!, projects[(i * 31 + 2) % projects.length]!]);
    const days = workingDays();
    t0 = performance.now();
    await insertEntries(database, { count: entries, offset: 0, seed: 7, people, projectsOfPerson, days, state: 'approved', costPerHour: 6000 });
    load.insertEntriesMs = performance.now() - t0;
    t0 = performance.now();
    await sql`insert into project_cost_summary (project_id, month, labour_minutes, labour_cost_minor, billable_minutes)
      select project_id, to_char(posting_date, 'YYYY-MM'), sum(minutes), sum(cost_minor), sum(case when billable then minutes else 0 end)
      from time_entries group by 1, 2`.execute(db);
    if (database.engine === 'postgres') await sql`analyze`.execute(db);
    load.summaryMs = performance.now() - t0;
    log(`loaded ${entries} entries in ${Math.round(load.insertEntriesMs)} ms`);

    const financeUser = await db.selectFrom('users').select(['id', 'username', 'display_name']).where('org_role', '=', 'finance').executeTakeFirstOrThrow();
    const actor: Actor = { userId: financeUser.id, username: financeUser.username, displayName: financeUser.display_name, orgRole: 'finance', via: 'token', scopes: new Set(['read', 'write']) };

    const rollup = await getPortfolioRollup(db, actor, AS_OF);
    const rollup2000Ms = await timeMedian(() => getPortfolioRollup(db, actor, AS_OF), repeat, 1);
    const rollupRefreshMs = await timeMedian(() => getPortfolioRollup(db, actor, AS_OF, { refresh: true }), Math.min(repeat, 5), 0);
    const snapshotRefreshMs = await timeMedian(() => refreshEvmSnapshots(db, AS_OF), Math.min(repeat, 5), 0);

    let w = 0;
    const weekStarts = ['2026-11-16', '2026-10-05', '2026-06-08', '2026-03-02'];
    const sample = await getWeek(db, actor, people[0]!, weekStarts[0]!);
    const timesheetWeekMs = await timeMedian(() => getWeek(db, actor, people[(w * 37) % people.length]!, weekStarts[w++ % weekStarts.length]!), Math.max(repeat, 21), 2);

    // approvals: batches of 1,000 submitted entries from 100 people on their projects (an inbox of a finance officer)
    const ownPerson = await db.selectFrom('people').select('id').where('user_id', '=', actor.userId).executeTakeFirst();
    const approvalPeople = people.filter((p, i) => i % 20 === 1 && p !== ownPerson?.id).slice(0, 100);
    const approvalProjects = approvalPeople.map((p) => projectsOfPerson[people.indexOf(p)]!);
    const batchTimes: number[] = [];
    for (let b = 0; b < Math.max(3, Math.min(repeat, 5)); b++) {
      const offset = 10_000_000 + b * 1000;
      await insertEntries(database, { count: 1000, offset, seed: 100 + b, people: approvalPeople, projectsOfPerson: approvalProjects, days: days.slice(-5), state: 'submitted', costPerHour: 0 });
      const ids = (await sql<{ id: string }>`select md5('te' || i)::uuid as id from generate_series(${offset}::int, ${offset + 999}::int) i`.execute(db)).rows.map((r) => r.id);
      const t = performance.now();
      const res = await approveEntries(db, actor, ids);
      batchTimes.push(performance.now() - t);
      if (res.approved !== 1000) throw new Error(`approved ${res.approved} of 1000`);
    }
    batchTimes.sort((a, b) => a - b);
    const approve1000Ms = batchTimes[Math.floor(batchTimes.length / 2)]!;
    const approvedProjects = (await approveEntriesProjects(database, 10_000_000)).length;

    const figures = {
      rollup2000Ms: Math.round(rollup2000Ms * 10) / 10,
      timesheetWeekMs: Math.round(timesheetWeekMs * 100) / 100,
      approve1000Ms: Math.round(approve1000Ms * 10) / 10,
      rollupWithSnapshotRefreshMs: Math.round(rollupRefreshMs * 10) / 10,
      evmSnapshotRefreshMs: Math.round(snapshotRefreshMs * 10) / 10,
      engine,
      timeEntries: entries,
      projects: rollup.projects.length,
    };
    return {
      tables: [
        { title: `Finance on ${engine}: ${counts.projects} projects, ${counts.tasks} tasks, ${counts.people} people, ${entries} time entries`, rows: [
          { measure: 'rollup2000Ms (budget/actual/forecast/EVM, all projects; EVM snapshot fresh)', medianMs: figures.rollup2000Ms, target: '< 200' },
          { measure: 'roll-up forcing the EVM snapshot refresh (refresh=true)', medianMs: figures.rollupWithSnapshotRefreshMs, target: '-' },
          { measure: 'EVM snapshot refresh alone (200,000 tasks)', medianMs: figures.evmSnapshotRefreshMs, target: '-' },
          { measure: 'timesheetWeekMs (one person, one week)', medianMs: figures.timesheetWeekMs, target: '< 20' },
          { measure: `approve1000Ms (1,000 entries, ${approvedProjects} projects)`, medianMs: figures.approve1000Ms, target: '< 1000' },
        ] },
        { title: 'Load', rows: Object.entries(load).map(([step, ms]) => ({ step, ms: Math.round(ms) })) },
      ],
      figures,
      raw: { load, approveBatchesMs: batchTimes, sampleWeekEntries: sample.entries.length, rollupPortfolios: rollup.portfolios.length },
    };
  } finally {
    await database.close();
    if (!args.has('keep')) await drop();
  }
}

async function approveEntriesProjects(database: Database, offset: number): Promise<string[]> {
  const r = await sql<{ project_id: string }>`select distinct project_id from time_entries where id in (select md5('te' || i)::uuid from generate_series(${offset}::int, ${offset + 999}::int) i)`.execute(database.db);
  return r.rows.map((x) => x.project_id);
}
