/**
 * Risk benchmark: `npm run bench -- risk [--json FILE] [--iterations N] [--tasks N] [--events N] [--repeat N] [--workers N]`.
 * Figure monteCarlo10kMs: median wall time of a full Monte Carlo run (compile + simulate + summaries +
 * sensitivity) for 10,000 iterations on a deterministic 1,000-task network with 200 risk events, with its
 * chunks spread over a warm pool of worker threads (default: one per core). Target: < 1000 ms.
 * monteCarlo10kSingleThreadMs is the same run on the main thread (runMonteCarlo). Both give identical results.
 * Figure riskDashboardMs: median time of GET /api/v1/risk-dashboard (heat map, exposure roll-up by project,
 * top 10; all portfolios) through the real app (app.inject), first view after a risk was changed through the
 * API (nothing is cached; the totals the view sums were updated by that write); riskDashboardWarmMs is a
 * repeat view, on the large demo data (2,000 projects) with
 * --risks-per-project risks each (default 20) inserted in bulk, plus enterprise, program and portfolio risks
 * and escalation links. On PostgreSQL when PMO_BENCH_DATABASE_URL is set (a fresh database is created on that
 * server and dropped afterwards), else embedded PGlite (noted in the output). Target: < 200 ms.
 * `--only montecarlo` or `--only dashboard` runs one part.
 */
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { createPrng } from '../src/domain/random/index.js';
import {
  combineMonteCarloChunks,
  createMonteCarloWorkspace,
  prepareMonteCarlo,
  runMonteCarlo,
  simulateMonteCarloChunk,
  type McChunkResult,
  type McLinkType,
  type McNetwork,
  type McOptions,
  type McResult,
} from '../src/domain/montecarlo/index.js';
import { defaultRiskMatrix } from '../src/domain/risk/index.js';
import { figureColumns } from '../src/modules/risk/risk.present.js';
import { timeMedian, type BenchArgs, type BenchResult } from './lib.js';

const MINUTES_PER_DAY = 480;

/** Deterministic network: tasks linked to 1-3 recent predecessors, mixed distributions, cost lines and risk events. */
export function generateBenchNetwork(taskCount: number, eventCount: number, seed = 8): McNetwork {
  const rng = createPrng(seed);
  const tasks: McNetwork['tasks'] = [];
  const links: NonNullable<McNetwork['links']> = [];
  const costLines: NonNullable<McNetwork['costLines']> = [];
  const types: McLinkType[] = ['FS', 'FS', 'FS', 'FS', 'FS', 'FS', 'SS', 'FF'];
  for (let i = 0; i < taskCount; i++) {
    const ml = (1 + rng.nextInt(15)) * MINUTES_PER_DAY;
    const min = Math.round(ml * (0.6 + 0.3 * rng.nextFloat()));
    const max = Math.round(ml * (1.2 + 1.3 * rng.nextFloat()));
    tasks.push({ id: `T${i}`, duration: { min, mostLikely: ml, max }, distribution: i % 2 === 0 ? 'triangular' : 'pert' });
    if (i > 0) {
      const preds = 1 + rng.nextInt(Math.min(3, i));
      const seen = new Set<number>();
      for (let k = 0; k < preds; k++) {
        const p = i - 1 - rng.nextInt(Math.min(i, 30));
        if (seen.has(p)) continue;
        seen.add(p);
        const type = types[rng.nextInt(types.length)];
        links.push({ predecessorId: `T${p}`, successorId: `T${i}`, type, lag: rng.nextInt(4) === 0 ? MINUTES_PER_DAY : 0 });
      }
    }
    costLines.push({ id: `C${i}`, taskId: `T${i}`, centsPerUnit: 100 + rng.nextInt(900) });
    if (i % 10 === 0) {
      const c = (10 + rng.nextInt(90)) * 100_000;
      costLines.push({ id: `F${i}`, amountCents: { min: Math.round(c * 0.9), mostLikely: c, max: Math.round(c * 1.5) }, distribution: 'pert' });
    }
  }
  const riskEvents: NonNullable<McNetwork['riskEvents']> = [];
  for (let e = 0; e < eventCount; e++) {
    const t = rng.nextInt(taskCount);
    const days = 1 + rng.nextInt(10);
    const impacts: NonNullable<McNetwork['riskEvents']>[number]['impacts'] = [
      { kind: 'duration', taskId: `T${t}`, units: { min: days * MINUTES_PER_DAY * 0.5, mostLikely: days * MINUTES_PER_DAY, max: days * MINUTES_PER_DAY * 2 } },
    ];
    if (e % 3 === 0) impacts.push({ kind: 'cost', costLineId: `C${t}`, amountCents: (5 + rng.nextInt(50)) * 100_000 });
    riskEvents.push({ id: `R${e}`, probability: 0.05 + 0.45 * rng.nextFloat(), impacts });
  }
  const correlationGroups = [{ taskIds: Array.from({ length: Math.min(10, taskCount) }, (_, i) => `T${i * 7 % taskCount}`), coefficient: 0.6 }];
  return { tasks, links, costLines, riskEvents, correlationGroups };
}

interface WorkerJob {
  network: McNetwork;
  options: McOptions;
  chunkIndices: number[];
}

/** A warm pool of worker threads running simulateMonteCarloChunk; chunks are dealt round-robin. */
class ChunkPool {
  private readonly workers: Worker[];
  constructor(size: number) {
    // Workers do not inherit tsx's loader (privatenumber/tsx#354): register it, then load this file.
    const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); })`;
    this.workers = Array.from({ length: size }, () => new Worker(boot, { eval: true }));
  }
  /** Prepares the plan here (validation), simulates chunks on the workers, combines here. */
  async run(network: McNetwork, options: McOptions): Promise<McResult> {
    const plan = prepareMonteCarlo(network, options);
    const parts = await Promise.all(
      this.workers.map((w, wi) => {
        const chunkIndices = plan.chunks.map((c) => c.index).filter((i) => i % this.workers.length === wi);
        return new Promise<McChunkResult[]>((resolve, reject) => {
          w.once('message', resolve);
          w.once('error', reject);
          w.postMessage({ network, options, chunkIndices } satisfies WorkerJob);
        });
      }),
    );
    return combineMonteCarloChunks(plan, parts.flat());
  }
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.on('message', (job: WorkerJob) => {
    const plan = prepareMonteCarlo(job.network, job.options);
    const workspace = createMonteCarloWorkspace(plan);
    const results = job.chunkIndices.map((i) => simulateMonteCarloChunk(plan, i, workspace));
    const transfer = results.flatMap((r) => [r.finish.buffer, r.cost.buffer, r.sensitivityDurations.buffer]);
    port.postMessage(results, transfer as ArrayBuffer[]);
  });
}

/** Deterministic risks for the demo projects: `perProject` each, some escalated to shared enterprise risks. */
export function generateBenchRisks(projects: Array<{ id: string; program_id: string | null; portfolio_id: string }>, perProject: number, seed = 11) {
  const rng = createPrng(seed);
  const categories = ['technical', 'commercial', 'supply', 'people', 'compliance', 'security'];
  const statuses = ['open', 'open', 'open', 'monitoring', 'occurred', 'closed'] as const;
  const level = () => 1 + rng.nextInt(5);
  const assessment = () => ({ probabilityLevel: level(), impacts: { schedule: level(), cost: level() } });
  const matrix = defaultRiskMatrix();
  const base = (id: string, title: string) => {
    const category = categories[rng.nextInt(categories.length)]!;
    const kind = rng.nextInt(8) === 0 ? 'opportunity' as const : 'threat' as const;
    const inherent = assessment();
    const residual = rng.nextInt(3) === 0 ? null : assessment();
    const cost = rng.nextInt(4) === 0 ? null : (1 + rng.nextInt(500)) * 100_000;
    // The figures a risk write stores with the risk (what the dashboard aggregates).
    const figures = figureColumns(matrix, { id, level: 'project', kind, title, category, status: 'open', inherent, residual, costImpactCents: cost });
    return {
      id, title, kind, category,
      compliance_reference: category === 'compliance' ? 'GDPR art. 32' : null,
      inherent: JSON.stringify(inherent), residual: residual === null ? null : JSON.stringify(residual),
      cost_impact_cents: cost,
      status: statuses[rng.nextInt(statuses.length)]!, triggers: '[]',
      ...figures,
    };
  };
  const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  let n = 1;
  const enterprise = Array.from({ length: 50 }, (_, i) => ({ ...base(uuid(n++), `Enterprise risk ${i + 1}`), level: 'enterprise' as const }));
  const rows: Array<Record<string, unknown>> = [...enterprise];
  const programs = [...new Set(projects.map((p) => p.program_id).filter((x): x is string => x !== null))];
  const portfolios = [...new Set(projects.map((p) => p.portfolio_id))];
  for (const pg of programs) rows.push({ ...base(uuid(n++), 'Program risk'), level: 'program', program_id: pg });
  for (const pf of portfolios) rows.push({ ...base(uuid(n++), 'Portfolio risk'), level: 'portfolio', portfolio_id: pf });
  for (const p of projects) {
    for (let k = 0; k < perProject; k++) {
      rows.push({ ...base(uuid(n++), `Project risk ${k + 1}`), level: 'project', project_id: p.id, escalated_to_risk_id: rng.nextInt(10) === 0 ? enterprise[rng.nextInt(enterprise.length)]!.id : null });
    }
  }
  return rows;
}

/** Seeds the large demo plus risks and times the dashboard endpoint. */
async function runDashboard(args: BenchArgs) {
  const perProject = args.number('risks-per-project', 20);
  const repeat = args.number('repeat', 5);
  const scale = (args.get('scale') ?? 'large') as 'small' | 'large';
  const { openDatabase } = await import('../src/db/database.js');
  const { migrateToLatest } = await import('../src/db/migrate.js');
  const { seedDemo } = await import('../src/seed/demo.js');
  const { insertChunked } = await import('../src/seed/factories.js');
  const { buildApp } = await import('../src/server/app.js');
  const { loadConfig } = await import('../src/config.js');
  const { createUser } = await import('../src/modules/users/users.service.js');
  const { createToken } = await import('../src/modules/auth/auth.service.js');
  const pg = (await import('pg')).default;

  const adminUrl = process.env.PMO_BENCH_DATABASE_URL;
  let databaseUrl: string | undefined;
  let dropDb: (() => Promise<void>) | undefined;
  if (adminUrl) {
    const name = `pmo_bench_risk_${process.pid}`;
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`create database ${name}`);
    await c.end();
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    dropDb = async () => {
      const d = new pg.Client({ connectionString: adminUrl });
      await d.connect();
      await d.query(`drop database if exists ${name} with (force)`);
      await d.end();
    };
  }
  const database = await openDatabase(databaseUrl ? { databaseUrl, poolSize: 5 } : { dataDir: 'memory://' });
  try {
    await migrateToLatest(database);
    const t0 = performance.now();
    const counts = await seedDemo(database.db, { scale, asOf: '2026-11-25' });
    const projects = await database.db.selectFrom('projects').select(['id', 'program_id', 'portfolio_id']).orderBy('id').execute();
    const risks = generateBenchRisks(projects, perProject);
    await database.db.transaction().execute((tx) => insertChunked(tx, 'risks', risks as never, 2000));
    await (await import('kysely')).sql`analyze`.execute(database.db);
    const seedMs = performance.now() - t0;
    const config = loadConfig({}, { dataDir: 'memory://', demo: false, logLevel: 'silent', webDir: '/nonexistent' });
    const app = await buildApp({ config, database, logger: false });
    await app.ready();
    const admin = await createUser(database.db, null, { username: 'bench', displayName: 'Bench', email: null, orgRole: 'pmo', password: 'bench-password-1' });
    const { secret } = await createToken(database.db, admin.id, { name: 'bench', scopes: ['read', 'write'] });
    const headers = { authorization: `Bearer ${secret}` };
    const portfolioId = projects[0]!.portfolio_id;
    let last: { riskCount: number; openCount: number; topRisks: unknown[] } | undefined;
    const get = async (url: string) => {
      const res = await app.inject({ method: 'GET', url, headers });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      last = JSON.parse(res.body) as typeof last;
    };
    // The bulk insert bypassed the risk service: build the exposure totals once (what the first view after
    // such a change does), and time it.
    const { ensureRiskTotals } = await import('../src/modules/risk/risk-totals.service.js');
    const r0 = performance.now();
    await ensureRiskTotals(database.db);
    const rebuildMs = performance.now() - r0;
    // "A change": a real risk update through the API (status open <-> monitoring, residual re-assessed), so the
    // totals are maintained by the write path exactly as in production; it is not timed.
    const changed = risks.find((r) => r.level === 'project' && r.status === 'open')!.id as string;
    let toggle = 0;
    const bump = async () => {
      const cur = await app.inject({ method: 'GET', url: `/api/v1/risks/${changed}`, headers });
      const { version } = JSON.parse(cur.body) as { version: number };
      toggle++;
      const res = await app.inject({ method: 'PATCH', url: `/api/v1/risks/${changed}`, headers: { ...headers, 'if-match': `"${version}"` }, payload: { status: toggle % 2 ? 'monitoring' : 'open', residual: { probabilityLevel: 1 + (toggle % 5), impacts: { cost: 3 } } } });
      if (res.statusCode !== 200) throw new Error(`bump: ${res.statusCode} ${res.body}`);
    };
    const cpu = async (url: string) => {
      const c0 = process.cpuUsage();
      await get(url);
      const c = process.cpuUsage(c0);
      return (c.user + c.system) / 1000;
    };
    /** Median wall and Node CPU ms of `url`; cold = the first view after a risk changed through the API. */
    const measure = async (url: string, cold: boolean) => {
      const walls: number[] = [];
      const cpus: number[] = [];
      for (let i = 0; i < repeat + 1; i++) {
        if (cold) await bump();
        const t = performance.now();
        const c = await cpu(url);
        if (i === 0) continue; // warm-up
        walls.push(performance.now() - t);
        cpus.push(c);
      }
      const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      return { wall: med(walls), cpu: med(cpus), count: last!.riskCount };
    };
    const allUrl = '/api/v1/risk-dashboard?groupBy=project';
    const oneUrl = `/api/v1/risk-dashboard?groupBy=category&portfolioId=${portfolioId}`;
    const allCold = await measure(allUrl, true);
    const allWarm = await measure(allUrl, false);
    const oneCold = await measure(oneUrl, true);
    const oneWarm = await measure(oneUrl, false);
    await app.close();
    const engine = database.engine === 'postgres' ? 'PostgreSQL' : 'PGlite (embedded; set PMO_BENCH_DATABASE_URL for PostgreSQL)';
    const row = (c: string, m: { wall: number; cpu: number }) => ({ case: c, engine, medianMs: Math.round(m.wall), nodeCpuMs: Math.round(m.cpu), targetMs: 200 });
    return {
      riskDashboardMs: Math.round(allCold.wall),
      riskDashboardWarmMs: Math.round(allWarm.wall),
      rows: [
        row(`all portfolios, by project, first view after a change (${allCold.count} risks, ${counts.projects} projects)`, allCold),
        row('all portfolios, by project, repeat view (nothing changed)', allWarm),
        row(`one portfolio, by category, first view after a change (${oneCold.count} risks)`, oneCold),
        row('one portfolio, by category, repeat view', oneWarm),
      ],
      raw: { engine: database.engine, scale, perProject, riskRows: risks.length, projects: counts.projects, tasks: counts.tasks, seedMs: Math.round(seedMs), totalsRebuildMs: Math.round(rebuildMs), allCold, allWarm, oneCold, oneWarm, repeat },
    };
  } finally {
    await database.close();
    await dropDb?.();
  }
}

/** Runs the Monte Carlo figures and the database figure (riskDashboardMs). */
export async function run(args: BenchArgs): Promise<BenchResult> {
  const only = args.get('only');
  if (only === 'dashboard') {
    const d = await runDashboard(args);
    return { tables: [{ title: 'Portfolio risk dashboard (median of runs, wall time, through app.inject)', rows: d.rows }], figures: { riskDashboardMs: d.riskDashboardMs, riskDashboardWarmMs: d.riskDashboardWarmMs }, raw: { dashboard: d.raw } };
  }
  const iterations = args.number('iterations', 10_000);
  const taskCount = args.number('tasks', 1000);
  const eventCount = args.number('events', 200);
  const repeat = args.number('repeat', 5);
  const workerCount = args.number('workers', Math.max(1, availableParallelism()));
  const network = generateBenchNetwork(taskCount, eventCount);
  const options: McOptions = { iterations, seed: 2026, integerDurations: true };

  let single: McResult | undefined;
  const cpuMs: number[] = [];
  const singleMs = await timeMedian(() => {
    const c0 = process.cpuUsage();
    single = runMonteCarlo(network, options);
    const c = process.cpuUsage(c0);
    cpuMs.push((c.user + c.system) / 1000);
  }, repeat, 1);
  // CPU time of the main-thread run: less sensitive than wall time when other processes share the cores.
  const singleCpuMs = cpuMs.slice(1).sort((a, b) => a - b)[Math.floor((cpuMs.length - 1) / 2)];

  const pool = new ChunkPool(workerCount);
  let pooled: McResult | undefined;
  let pooledMs: number;
  try {
    pooledMs = await timeMedian(async () => {
      pooled = await pool.run(network, options);
    }, repeat, 1);
  } finally {
    await pool.close();
  }
  const r = single!;
  const same = pooled!.finish.p80 === r.finish.p80 && pooled!.finish.sortedSamples.every((v, i) => v === r.finish.sortedSamples[i]);
  if (!same) throw new Error('worker-pool result differs from the single-thread result');
  const label = `${taskCount} tasks, ${network.links!.length} links, ${eventCount} events, ${iterations} it`;
  const figuresRow = {
    'P50 days': +(r.finish.p50 / MINUTES_PER_DAY).toFixed(1),
    'P80 days': +(r.finish.p80 / MINUTES_PER_DAY).toFixed(1),
    'det. days': +(r.deterministicFinish / MINUTES_PER_DAY).toFixed(1),
  };
  const rows = [
    { case: label, mode: `${workerCount} worker thread(s)`, medianMs: Math.round(pooledMs), targetMs: 1000, ...figuresRow },
    { case: label, mode: 'main thread', medianMs: Math.round(singleMs), targetMs: 1000, ...figuresRow },
    { case: label, mode: 'main thread, CPU time', medianMs: Math.round(singleCpuMs), targetMs: 1000, ...figuresRow },
  ];

  const raw = { iterations, taskCount, eventCount, repeat, workers: workerCount, links: network.links!.length, p50: r.finish.p50, p80: r.finish.p80, p90: r.finish.p90, identicalResults: same };
  const figures = { monteCarlo10kMs: Math.round(pooledMs), monteCarlo10kSingleThreadMs: Math.round(singleMs), monteCarlo10kSingleThreadCpuMs: Math.round(singleCpuMs) };
  const tables = [{ title: 'Monte Carlo schedule and cost analysis (median of runs, wall time unless noted)', rows }];
  if (only === 'montecarlo') return { tables, figures, raw };
  const d = await runDashboard(args);
  return {
    tables: [...tables, { title: 'Portfolio risk dashboard (median of runs, wall time, through app.inject)', rows: d.rows }],
    figures: { ...figures, riskDashboardMs: d.riskDashboardMs, riskDashboardWarmMs: d.riskDashboardWarmMs },
    raw: { ...raw, dashboard: d.raw },
  };
}
