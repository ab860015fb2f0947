/**
 * Resource levelling benchmark: `npm run bench -- leveling [--dir DIR] [--budget-ms N] [--set j30|j120|patterson]
 * [--limit N] [--every K] [--schedules N] [--seed N] [--workers N] [--no-portfolio] [--json FILE]`.
 * Levels every PSPLIB `.sm` / Patterson `.rcp` instance with a time budget, checks each schedule with the
 * independent checker in bench/feasibility.ts, and reports deviations from the optimum / best known and
 * from the critical-path bound. `--workers 2` runs two instances at a time in worker threads (each instance
 * still gets the full budget on its own core).
 */
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join, basename } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sharedDataDir, type BenchArgs, type BenchResult } from './lib.js';
import { checkSchedule, criticalPathBound, readCheckerInstance } from './feasibility.js';
import { parsePattersonRcp, parsePsplibSm, solveRcpsp, levelPortfolio, generateSyntheticPortfolio } from '../src/domain/leveling/index.js';

interface Job { file: string; budgetMs: number; seed: number; maxSchedules?: number }
interface Solved { file: string; makespan: number; starts: number[]; ms: number; schedules: number }

function solveFile(job: Job): Solved {
  const text = readFileSync(job.file, 'utf8');
  const name = basename(job.file);
  const t0 = performance.now();
  let inst;
  try {
    inst = job.file.endsWith('.rcp') ? parsePattersonRcp(text, name) : parsePsplibSm(text, name);
  } catch (e) {
    throw new Error(`${job.file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const sol = solveRcpsp(inst, { ...(job.maxSchedules ? { maxSchedules: job.maxSchedules } : { budgetMs: job.budgetMs, now: () => performance.now() }), seed: job.seed });
  const ms = performance.now() - t0;
  return { file: job.file, makespan: sol.makespan, starts: sol.startPeriods, ms, schedules: sol.schedules };
}

if (!isMainThread && (workerData as { levelingWorker?: boolean } | null)?.levelingWorker) {
  parentPort!.on('message', (job: Job) => parentPort!.postMessage(solveFile(job)));
}

function naturalSort(a: string, b: string): number {
  return a.localeCompare(b, undefined, { numeric: true });
}

function readCsv(file: string): Record<string, string>[] {
  if (!existsSync(file)) return [];
  const [head, ...rows] = readFileSync(file, 'latin1').split(/\r?\n/).filter((l) => l.trim() !== '');
  const cols = head!.split(',');
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [cols[i]!, v])));
}

interface Reference { optimum?: number; bestKnown?: number }

function loadReferences(psplibDir: string): Map<string, Reference> {
  const refs = new Map<string, Reference>();
  for (const row of readCsv(join(psplibDir, 'psplib_reference.csv'))) {
    const opt = row.optimum ? Number(row.optimum) : undefined;
    const bk = Number(row.best_ub_all_sources || row.best_known_ub || row.optimum);
    const proven = row.optimal_proven_any_source === 'True';
    refs.set(row.instance!, { optimum: opt ?? (proven ? bk : undefined), bestKnown: Number.isFinite(bk) ? bk : undefined });
  }
  for (const row of readCsv(join(psplibDir, 'patterson_optima.csv'))) {
    refs.set(row.instance!, { optimum: Number(row.optimum), bestKnown: Number(row.optimum) });
  }
  return refs;
}

function listSets(dir: string): { set: string; files: string[] }[] {
  const isInst = (f: string): boolean => f.endsWith('.sm') || f.endsWith('.rcp');
  const direct = readdirSync(dir).filter(isInst).sort(naturalSort);
  const sets: { set: string; files: string[] }[] = [];
  if (direct.length > 0) sets.push({ set: basename(dir), files: direct.map((f) => join(dir, f)) });
  for (const sub of readdirSync(dir).sort(naturalSort)) {
    const p = join(dir, sub);
    if (!statSync(p).isDirectory() || sub === 'solutions') continue;
    const files = readdirSync(p).filter(isInst).sort(naturalSort);
    if (files.length > 0) sets.push({ set: sub, files: files.map((f) => join(p, f)) });
  }
  return sets;
}

async function solveAll(jobs: Job[], workers: number, onDone: (s: Solved) => void): Promise<void> {
  if (workers <= 1) {
    for (const j of jobs) onDone(solveFile(j));
    return;
  }
  const self = fileURLToPath(import.meta.url);
  let next = 0;
  await Promise.all(Array.from({ length: workers }, () => new Promise<void>((resolve, reject) => {
    const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(self).href)}); });`;
    const w = new Worker(boot, { eval: true, workerData: { levelingWorker: true } });
    const feed = (): void => {
      if (next >= jobs.length) {
        void w.terminate().then(() => resolve());
        return;
      }
      w.postMessage(jobs[next++]);
    };
    w.on('message', (s: Solved) => {
      onDone(s);
      feed();
    });
    w.on('error', reject);
    feed();
  })));
}

/** Benchmark entry point (see the file comment for options). */
export async function run(args: BenchArgs): Promise<BenchResult> {
  const psplibDir = join(sharedDataDir(), 'psplib');
  const dir = args.get('dir') ?? psplibDir;
  if (!existsSync(dir)) throw new Error(`instance folder ${dir} does not exist (shared data missing?)`);
  const refs = loadReferences(psplibDir);
  const only = args.get('set');
  const limit = args.number('limit', Number.POSITIVE_INFINITY);
  const seed = args.number('seed', 1);
  const workers = args.number('workers', 1);
  const sets = listSets(dir).filter((s) => !only || s.set === only);
  if (sets.length === 0) throw new Error(`no instance set${only ? ` "${only}"` : ''} found in ${dir}`);
  const rows: Record<string, string | number>[] = [];
  const raw: unknown[] = [];
  const figures: Record<string, unknown> = {};
  for (const { set, files } of sets) {
    const budgetMs = args.number('budget-ms', set === 'j120' ? 930 : 400);
    const every = Math.max(1, args.number('every', 1));
    const jobs = files.filter((_, i) => i % every === 0).slice(0, limit).map((file) => ({ file, budgetMs, seed, maxSchedules: args.has('schedules') ? args.number('schedules', 0) : undefined }));
    let devRef = 0, nRef = 0, devCp = 0, hits = 0, infeasible = 0, sumMs = 0, maxMs = 0;
    const results: Solved[] = [];
    await solveAll(jobs, workers, (s) => results.push(s));
    results.sort((a, b) => naturalSort(a.file, b.file));
    for (const s of results) {
      const ci = readCheckerInstance(readFileSync(s.file, 'utf8'));
      const verdict = checkSchedule(ci, s.starts);
      if (!verdict.feasible || verdict.makespan !== s.makespan) {
        infeasible++;
        console.error(`INFEASIBLE ${s.file}: ${verdict.errors.slice(0, 3).join('; ')}`);
      }
      const cp = criticalPathBound(ci);
      const name = basename(s.file).replace(/\.(sm|rcp)$/, '');
      const ref = refs.get(name);
      const target = ref?.optimum ?? ref?.bestKnown;
      if (target !== undefined) {
        devRef += (100 * (s.makespan - target)) / target;
        nRef++;
        if (s.makespan <= target) hits++;
      }
      devCp += (100 * (s.makespan - cp)) / cp;
      sumMs += s.ms;
      maxMs = Math.max(maxMs, s.ms);
      raw.push({ set, file: basename(s.file), makespan: s.makespan, starts: s.starts, ms: Math.round(s.ms * 10) / 10, reference: target ?? null, cpmLowerBound: cp, schedules: s.schedules });
    }
    const n = results.length;
    const row = {
      set, instances: n, infeasible, budgetMs,
      meanDevRefPct: nRef ? devRef / nRef : NaN,
      meanDevCpPct: devCp / n,
      refHits: `${hits}/${nRef}`,
      meanMs: sumMs / n, maxMs,
    };
    rows.push(row);
    figures[set] = row;
  }
  if (!args.has('no-portfolio')) {
    const input = generateSyntheticPortfolio({ projects: 200, tasksPerProject: 100, people: 300, seed: 7 });
    const t0 = performance.now();
    const out = levelPortfolio(input, { seed: 1 });
    figures.portfolioLevel200Ms = Math.round(performance.now() - t0);
    figures.portfolioConflicts = out.conflicts.length;
    rows.push({ set: 'portfolio 200p/20k tasks/300 people', instances: 1, infeasible: 0, budgetMs: 0, meanDevRefPct: NaN, meanDevCpPct: NaN, refHits: '-', meanMs: figures.portfolioLevel200Ms as number, maxMs: figures.portfolioLevel200Ms as number });
  }
  figures.workers = workers;
  figures.seed = seed;
  return { tables: [{ title: 'Resource levelling (PSPLIB / Patterson)', rows }], figures, raw };
}
