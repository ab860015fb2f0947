/**
 * Resources benchmark: `npm run bench -- resources [--json FILE] [--scale large|small] [--weeks 52] [--repeat 5]
 * [--no-heatmap] [--no-portfolio]`.
 * - portfolioLevel200Ms: 200 projects / 20,000 tasks / 300 people through `levelPortfolio` (domain engine,
 *   'priority' strategy, the synthetic generator of src/domain/leveling).
 * - portfolioLevel200SplitsMs: the same with splitting allowed (`allowSplits`).
 * - heatmap2000x52Ms: the capacity grid (`capacityGrid`, the GET /api/v1/capacity query and assembly) for
 *   every person x 52 weeks on the large demo data plus generated assignments (one person per detail task);
 *   heatmap2000x365DaysMs and heatmap2000x12MonthsMs: the same people by day for a year and by month.
 *   On PostgreSQL when PMO_BENCH_DATABASE_URL is set (an admin URL: the bench creates and drops its own
 *   database), else on PGlite (noted in the figures).
 */
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { BenchArgs, BenchResult } from './lib.js';
import { timeMedian } from './lib.js';
import { generateSyntheticPortfolio, levelPortfolio } from '../src/domain/leveling/index.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { DB } from '../src/db/schema.js';
import { seedDemo, type DemoScale } from '../src/seed/demo.js';
import { capacityGrid } from '../src/modules/resources/capacity.service.js';
import type { Actor } from '../src/server/policy.js';

const AS_OF = '2026-11-23';

/**
 * Generates assignments for the demo data: every detail task with dates gets one person from a team of 8
 * derived from its project (deterministic), at 100 % (every third task 50 %), work = duration x units.
 */
export async function generateAssignments(db: Kysely<DB>): Promise<number> {
  const res = await sql`
    with ppl as (select id, (row_number() over (order by name, id) - 1)::int as n, count(*) over ()::int as total from people),
    tk as (
      select t.id, t.project_id, t.duration_minutes,
             dense_rank() over (order by t.project_id)::int as pn,
             row_number() over (partition by t.project_id order by t.sort_order, t.id)::int as tn
      from tasks t where not t.is_summary and t.start is not null and t.finish is not null
    )
    insert into assignments (id, project_id, task_id, person_id, units_percent, work_minutes)
    select gen_random_uuid(), tk.project_id, tk.id, ppl.id,
           case when tk.tn % 3 = 0 then 50 else 100 end,
           (tk.duration_minutes * case when tk.tn % 3 = 0 then 50 else 100 end / 100)::bigint
    from tk join ppl on ppl.n = (tk.pn * 8 + tk.tn % 8) % ppl.total`.execute(db);
  return Number(res.numAffectedRows ?? 0);
}

async function openBenchDatabase(): Promise<{ database: Database; engine: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.PMO_BENCH_DATABASE_URL;
  if (!adminUrl) {
    const database = await openDatabase({ dataDir: 'memory://' });
    return { database, engine: 'pglite', drop: async () => database.close() };
  }
  const name = `pmo_bench_resources_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  return {
    database,
    engine: 'postgresql',
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Runs the benchmark. */
export async function run(args: BenchArgs): Promise<BenchResult> {
  const figures: Record<string, unknown> = {};
  const rows: Record<string, string | number>[] = [];
  const repeat = args.number('repeat', 5);

  if (!args.has('no-portfolio')) {
    const input = generateSyntheticPortfolio({ projects: 200, tasksPerProject: 100, people: 300, seed: 7 });
    let conflicts = 0;
    const ms = await timeMedian(() => {
      conflicts = levelPortfolio(input, { seed: 1 }).conflicts.length;
    }, Math.min(repeat, 3), 1);
    figures.portfolioLevel200Ms = Math.round(ms);
    figures.portfolioConflicts = conflicts;
    rows.push({ metric: 'portfolioLevel200Ms', value: figures.portfolioLevel200Ms as number, target: '< 10000', note: '200 projects, 20,000 tasks, 300 people' });
    let splitTasks = 0;
    const splitMs = await timeMedian(() => {
      splitTasks = levelPortfolio(input, { seed: 1, allowSplits: true }).stats.splitTasks;
    }, Math.min(repeat, 3), 1);
    figures.portfolioLevel200SplitsMs = Math.round(splitMs);
    figures.portfolioSplitTasks = splitTasks;
    rows.push({ metric: 'portfolioLevel200SplitsMs', value: figures.portfolioLevel200SplitsMs as number, target: '< 10000', note: `splits allowed: ${splitTasks} tasks split` });
  }

  if (!args.has('no-heatmap')) {
    const scale = (args.get('scale') ?? 'large') as DemoScale;
    const weeks = args.number('weeks', 52);
    const { database, engine, drop } = await openBenchDatabase();
    try {
      let t0 = performance.now();
      await migrateToLatest(database);
      const counts = await seedDemo(database.db, { scale, asOf: AS_OF, seed: 20261125 });
      const seedMs = performance.now() - t0;
      t0 = performance.now();
      const assignments = await generateAssignments(database.db);
      // As autovacuum would: statistics and the visibility map (index-only scans) after the bulk load.
      if (engine === 'postgresql') await sql`vacuum analyze`.execute(database.db);
      const assignMs = performance.now() - t0;
      const actor: Actor = { userId: '00000000-0000-4000-8000-000000000000', username: 'bench', displayName: 'Bench', orgRole: 'admin', via: 'token', scopes: new Set(['read']) };
      let cells = 0;
      let overloaded = 0;
      const ms = await timeMedian(async () => {
        const grid = await capacityGrid(database.db, actor, { from: AS_OF, granularity: 'week', periods: weeks, groupBy: 'person', minProficiency: 1 });
        cells = grid.rows.length * grid.periods.length;
        overloaded = grid.rows.reduce((s, r) => s + r.utilisation.filter((u) => u !== null && u > 1).length, 0);
      }, repeat, 1);
      figures.heatmap2000x52Ms = Math.round(ms);
      figures.heatmapEngine = engine;
      figures.heatmapCells = cells;
      figures.heatmapOverloadedCells = overloaded;
      figures.heatmapAssignments = assignments;
      if (engine === 'pglite') figures.heatmapNote = 'PGlite (PMO_BENCH_DATABASE_URL not set); the target is for PostgreSQL';
      rows.push({ metric: 'heatmap2000x52Ms', value: Math.round(ms), target: '< 200 (PostgreSQL)', note: `${engine}, ${counts.people} people x ${weeks} weeks, ${assignments} assignments, ${counts.tasks} tasks` });
      for (const [metric, granularity, periods] of [['heatmap2000x365DaysMs', 'day', 365], ['heatmap2000x12MonthsMs', 'month', 12]] as const) {
        let n = 0;
        const t = await timeMedian(async () => {
          const grid = await capacityGrid(database.db, actor, { from: AS_OF, granularity, periods, groupBy: 'person', minProficiency: 1 });
          n = grid.rows.length * grid.periods.length;
        }, repeat, 1);
        figures[metric] = Math.round(t);
        rows.push({ metric, value: Math.round(t), target: '-', note: `${engine}, ${n} cells` });
      }
      rows.push({ metric: 'seed (demo + assignments) ms', value: Math.round(seedMs + assignMs), target: '-', note: `${scale} demo` });
    } finally {
      await drop();
    }
  }
  return { tables: [{ title: 'resources', rows }], figures };
}
