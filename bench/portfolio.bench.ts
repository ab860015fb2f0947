/**
 * Portfolio selection benchmark: `npm run bench -- portfolio [--mknap FILE] [--json FILE]
 * [--time-ms 1800] [--step 1] [--skip-mknap] [--skip-realistic] [--skip-frontier]`.
 * - OR-Library mknap files (../shared/data/mknap): gap to the Chu & Beasley best-known values,
 *   at most 2 s per instance, per file; mknap1 against its optima.
 * - A deterministic synthetic portfolio (5,000 candidates, 36 monthly periods, 20 roles).
 * - An efficient frontier of 20 points on 500 candidates.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseMknapText, buildKnapsackProgram, generateSyntheticPortfolio } from '../src/domain/portfolio/index.js';
import { solveBinaryProgram, optimizePortfolio, computeEfficientFrontier } from '../src/modules/portfolio/solver/index.js';
import { sharedDataDir, type BenchArgs, type BenchResult, type BenchTable } from './lib.js';

const MKNAP_FILES = ['mknap1.txt', 'mknapcb1.txt', 'mknapcb2.txt', 'mknapcb4.txt', 'mknapcb5.txt', 'mknapcb7.txt', 'mknapcb8.txt'];

interface ProblemRecord {
  file: string;
  index: number;
  name: string;
  n: number;
  m: number;
  value: number;
  reference: number;
  gapPct: number;
  status: string;
  timeMs: number;
  items: number[];
}

function mknapDir(): string {
  const dir = existsSync(join(sharedDataDir(), 'mknap')) ? join(sharedDataDir(), 'mknap') : resolve(process.cwd(), '../shared/data/mknap');
  if (!existsSync(dir)) throw new Error(`mknap data not found at ${dir} (expected ../shared/data/mknap beside the checkout)`);
  return dir;
}

/** Reference values per file: best-known (Chu & Beasley) for mknapcb*, the header optimum for mknap1. */
function referenceValues(dir: string): Map<string, { name: string; value: number }[]> {
  const out = new Map<string, { name: string; value: number }[]>();
  const csv = readFileSync(join(dir, 'mknapcb_best_known.csv'), 'utf8').trim().split('\n').slice(1);
  for (const line of csv) {
    const [file, idx, name, , , , best] = line.split(',');
    const list = out.get(file!) ?? [];
    list[Number(idx)] = { name: name!, value: Number(best) };
    out.set(file!, list);
  }
  const optima = JSON.parse(readFileSync(join(dir, 'mknap_optima.json'), 'utf8')) as { mknap1: { index_in_file: number; optimal_value: number }[] };
  out.set('mknap1.txt', optima.mknap1.map((o) => ({ name: `mknap1-${o.index_in_file + 1}`, value: o.optimal_value })));
  return out;
}

async function runMknapFile(dir: string, file: string, refs: Map<string, { name: string; value: number }[]>, timeMs: number, step: number): Promise<ProblemRecord[]> {
  const path = existsSync(file) ? file : join(dir, file);
  if (!existsSync(path)) throw new Error(`mknap file not found: ${file}`);
  const base = path.split('/').pop()!;
  const problems = parseMknapText(readFileSync(path, 'utf8'));
  const ref = refs.get(base);
  const out: ProblemRecord[] = [];
  for (let i = 0; i < problems.length; i += step) {
    const pr = problems[i]!;
    const program = buildKnapsackProgram({ values: pr.profits, weights: pr.weights, capacities: pr.capacities });
    const r = await solveBinaryProgram(program, { timeLimitMs: timeMs, heuristicShare: 0.85, seed: 1 });
    const reference = ref?.[i]?.value ?? pr.headerOptimum;
    const items: number[] = [];
    r.x.forEach((v, j) => v && items.push(j));
    out.push({
      file: base,
      index: i,
      name: ref?.[i]?.name ?? `${base}#${i}`,
      n: pr.n,
      m: pr.m,
      value: r.value,
      reference,
      gapPct: reference > 0 ? (100 * (reference - r.value)) / reference : 0,
      status: r.status,
      timeMs: Math.round(r.timeMs),
      items,
    });
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  return out;
}

export async function run(args: BenchArgs): Promise<BenchResult> {
  const timeMs = args.number('time-ms', 1800);
  const step = Math.max(1, Math.floor(args.number('step', 1)));
  const tables: BenchTable[] = [];
  const figures: Record<string, unknown> = {};
  const one = args.get('mknap');
  if (one) {
    const dir = existsSync(one) ? '' : mknapDir();
    const recs = await runMknapFile(dir, one, dir ? referenceValues(dir) : referenceValues(mknapDir()), timeMs, step);
    tables.push({ title: `mknap ${one}`, rows: recs.map(({ items: _i, ...r }) => ({ ...r, gapPct: Number(r.gapPct.toFixed(4)) })) });
    const mean = recs.reduce((s, r) => s + r.gapPct, 0) / recs.length;
    figures.mknapMeanGapPct = Number(mean.toFixed(4));
    figures.maxTimeMs = Math.max(...recs.map((r) => r.timeMs));
    return { tables, figures, raw: recs };
  }
  const raw: Record<string, unknown> = {};
  if (!args.has('skip-mknap')) {
    const dir = mknapDir();
    const refs = referenceValues(dir);
    const perFile: Record<string, number> = {};
    const rows: Record<string, string | number>[] = [];
    const all: ProblemRecord[] = [];
    for (const f of MKNAP_FILES) {
      const recs = await runMknapFile(dir, f, refs, timeMs, step);
      all.push(...recs);
      const mean = recs.reduce((s, r) => s + r.gapPct, 0) / recs.length;
      perFile[f] = Number(mean.toFixed(4));
      rows.push({
        file: f,
        problems: recs.length,
        meanGapPct: Number(mean.toFixed(4)),
        maxGapPct: Number(Math.max(...recs.map((r) => r.gapPct)).toFixed(4)),
        atOrAboveRef: recs.filter((r) => r.gapPct <= 1e-9).length,
        optimalProven: recs.filter((r) => r.status === 'optimal').length,
        maxTimeMs: Math.max(...recs.map((r) => r.timeMs)),
      });
    }
    const cb = all.filter((r) => r.file !== 'mknap1.txt');
    figures.mknapMeanGapPct = Number((cb.reduce((s, r) => s + r.gapPct, 0) / cb.length).toFixed(4));
    figures.mknapMeanGapPctPerFile = perFile;
    figures.mknap1SolvedToOptimum = all.filter((r) => r.file === 'mknap1.txt' && Math.abs(r.value - r.reference) < 1e-6).length;
    figures.mknapMaxTimeMs = Math.max(...all.map((r) => r.timeMs));
    tables.push({ title: `OR-Library mknap (time limit ${timeMs} ms per instance; gap to Chu & Beasley best known / mknap1 optima)`, rows });
    raw.mknap = all;
  }
  if (!args.has('skip-realistic')) {
    const problem = generateSyntheticPortfolio({ candidates: 5000, periods: 36, roles: 20, seed: 7, tightness: 0.4, roleTightness: [0.4, 1.0] });
    const t0 = performance.now();
    const r = await optimizePortfolio(problem, { timeLimitMs: args.number('realistic-ms', 7500), seed: 1 });
    const ms = performance.now() - t0;
    figures.realistic5000Ms = Math.round(ms);
    figures.realistic5000GapPct = Number(r.gapPct.toFixed(4));
    tables.push({
      title: 'Realistic synthetic portfolio (5,000 candidates, 36 monthly periods, capex+opex budgets, 20 roles, start windows, dependencies, exclusions)',
      rows: [{ status: r.status, selected: r.selected.length, objective: Number(r.objectiveValue.toFixed(3)), bound: Number(r.bound.toFixed(3)), gapPct: Number(r.gapPct.toFixed(4)), ms: Math.round(ms) }],
    });
    raw.realistic5000 = { status: r.status, objectiveValue: r.objectiveValue, bound: r.bound, gapPct: r.gapPct, ms, selected: r.selected.length };
  }
  if (!args.has('skip-frontier')) {
    const problem = generateSyntheticPortfolio({ candidates: 500, periods: 36, roles: 20, seed: 11, tightness: 0.4, roleTightness: [0.4, 1.0] });
    const t0 = performance.now();
    const points = await computeEfficientFrontier(problem, { points: 20, timeLimitMs: args.number('frontier-ms', 7000), seed: 1 });
    const ms = performance.now() - t0;
    figures.frontier500Ms = Math.round(ms);
    figures.frontier500MaxGapPct = Number(Math.max(...points.map((p) => p.gapPct)).toFixed(4));
    tables.push({
      title: 'Efficient frontier, 500 candidates, 20 budget levels',
      rows: points.map((p) => ({ budgetFactor: p.budgetFactor, objective: Number(p.objectiveValue.toFixed(3)), gapPct: Number(p.gapPct.toFixed(3)), status: p.status, selected: p.selectedIds.length })),
    });
    raw.frontier500 = points.map(({ selectedIds, ...p }) => ({ ...p, selected: selectedIds.length }));
  }
  return { tables, figures, raw };
}
