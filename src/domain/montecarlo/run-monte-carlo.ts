import { createPrng, RandomParameterError, type Seed } from '../random/index.js';
import { compileNetwork, type CompiledNetwork } from './compile-network.js';
import { MonteCarloInputError } from './montecarlo-error.js';
import type { McNetwork, McOptions, McResult, McTaskResult } from './montecarlo-types.js';
import { argsortInto, createRankScratch, midranksInto, spearmanOfScannedColumn } from './ranking.js';
import { createKernelWorkspace, roundDuration, simulateNetwork, type KernelOutput, type KernelWorkspace } from './simulate-kernel.js';
import { summarizeSamples } from './summarize.js';

/** Upper bound on iterations per run; more is refused with MC_ITERATIONS_LIMIT. */
export const MAX_MONTE_CARLO_ITERATIONS = 1_000_000;

/** Upper bound on iterations x (tasks + links) per run, so a request cannot occupy a core for hours. */
export const MAX_MONTE_CARLO_WORK = 20_000_000_000;

const DEFAULT_PERCENTILES = [10, 50, 80, 90];

/**
 * Iterations per chunk. Each chunk draws from its own sub-stream of the seed, so chunks can run in any
 * order or in parallel (workers) and combine to exactly the single-threaded result. Fixed on purpose:
 * changing it changes results for a seed.
 */
export const MONTE_CARLO_CHUNK_ITERATIONS = 1000;

/** Validated options with defaults applied. */
export interface ResolvedOptions {
  iterations: number;
  seed: Seed;
  integerDurations: boolean;
  percentiles: number[];
  bins: number;
  sensitivity: boolean;
  maxSensitivityCells: number;
  tornadoSize: number;
}

/** Validates options; throws MonteCarloInputError naming the option. */
function resolveOptions(options: McOptions): ResolvedOptions {
  const it = options?.iterations;
  if (typeof it !== 'number' || !Number.isInteger(it) || it < 1) {
    throw new MonteCarloInputError('MC_INVALID_ITERATIONS', `iterations must be a positive integer, got ${String(it)}`, 'iterations');
  }
  if (it > MAX_MONTE_CARLO_ITERATIONS) {
    throw new MonteCarloInputError('MC_ITERATIONS_LIMIT', `iterations ${it} exceeds the limit of ${MAX_MONTE_CARLO_ITERATIONS}`, 'iterations');
  }
  try {
    createPrng(options.seed);
  } catch (err) {
    if (err instanceof RandomParameterError) throw new MonteCarloInputError('MC_INVALID_SEED', err.message, 'seed');
    throw err;
  }
  const percentiles = options.percentiles ?? DEFAULT_PERCENTILES;
  if (!Array.isArray(percentiles) || percentiles.some((p) => typeof p !== 'number' || !(p > 0 && p <= 100))) {
    throw new MonteCarloInputError('MC_INVALID_OPTION', 'percentiles must be numbers in (0, 100]', 'percentiles');
  }
  const bins = options.histogramBins ?? 40;
  if (!Number.isInteger(bins) || bins < 1 || bins > 1000) throw new MonteCarloInputError('MC_INVALID_OPTION', 'histogramBins must be an integer in 1..1000', 'histogramBins');
  const cells = options.maxSensitivityCells ?? 20_000_000;
  if (!Number.isInteger(cells) || cells < 0 || cells > 200_000_000) throw new MonteCarloInputError('MC_INVALID_OPTION', 'maxSensitivityCells must be an integer in 0..200,000,000', 'maxSensitivityCells');
  const tornadoSize = options.tornadoSize ?? 20;
  if (!Number.isInteger(tornadoSize) || tornadoSize < 0) throw new MonteCarloInputError('MC_INVALID_OPTION', 'tornadoSize must be a non-negative integer', 'tornadoSize');
  for (const key of ['targetFinish', 'targetCostCents'] as const) {
    const v = options[key];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) throw new MonteCarloInputError('MC_INVALID_OPTION', `${key} must be a finite number`, key);
  }
  return {
    iterations: it,
    seed: options.seed,
    integerDurations: options.integerDurations === true,
    percentiles,
    bins,
    sensitivity: options.sensitivity !== false,
    maxSensitivityCells: cells,
    tornadoSize,
  };
}

/** Finish and cost of one pass with most-likely durations and no risk events. */
function deterministicRun(net: CompiledNetwork, integerDurations: boolean): { finish: number; costCents: number } {
  const n = net.taskCount;
  const es = new Float64Array(n);
  const ef = new Float64Array(n);
  let finish = 0;
  for (let t = 0; t < n; t++) {
    const d = integerDurations ? roundDuration(net.mostLikelyDuration[t]) : net.mostLikelyDuration[t];
    let start = 0;
    for (let k = net.predStart[t]; k < net.predStart[t + 1]; k++) {
      const p = net.predTask[k];
      const lag = net.predLag[k];
      const c = [ef[p] + lag, es[p] + lag, ef[p] + lag - d, es[p] + lag - d][net.predType[k]];
      if (c > start) start = c;
    }
    es[t] = start;
    ef[t] = start + d;
    if (ef[t] > finish) finish = ef[t];
  }
  let cost = 0;
  for (let c = 0; c < net.costLineCount; c++) {
    cost += net.costMostLikely[c];
    if (net.costTask[c] >= 0) cost += net.costRate[c] * (ef[net.costTask[c]] - es[net.costTask[c]]);
  }
  return { finish, costCents: Math.round(cost) };
}

/** A chunk's kept durations: task t's values for iterations start.. are data[t * count .. (t + 1) * count). */
interface SensitivitySegment {
  data: Float32Array;
  start: number;
  count: number;
}

/**
 * Spearman correlation of each task's duration with the finish over the first m iterations, read from
 * the chunks' task-major segments (no concatenated copy). A task that was never critical and whose
 * duration is independent of all others cannot influence the finish (the finish is then a function of
 * the other durations only), so its true correlation is 0 and it is not ranked.
 */
function computeSensitivity(segments: SensitivitySegment[], finish: Float64Array, n: number, m: number, integerDurations: boolean, skip: (t: number) => boolean): Float64Array {
  const out = new Float64Array(n);
  if (m < 2) return out;
  const scratch = createRankScratch(m);
  const finishRanks = new Float64Array(m);
  const finishHead = finish.subarray(0, m);
  argsortInto(finishHead, m, scratch.order, scratch.counts);
  midranksInto(finishHead, m, scratch.order, finishRanks);
  let finishRankSumSq = 0;
  for (let i = 0; i < m; i++) finishRankSumSq += finishRanks[i] * finishRanks[i];
  const col = new Float64Array(m);
  for (let t = 0; t < n; t++) {
    if (skip(t)) continue;
    // Gather the column from the chunks and scan it in the same pass.
    let min = Infinity;
    let max = -Infinity;
    for (const seg of segments) {
      const from = t * seg.count;
      for (let i = 0, j = seg.start; i < seg.count; i++, j++) {
        const v = seg.data[from + i];
        col[j] = v;
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
    // Rounded durations are integers (also after Float32 storage); otherwise the ranking checks.
    const integral = integerDurations || col.every((v) => v === Math.floor(v));
    out[t] = spearmanOfScannedColumn(col, m, min, max, integral, finishRanks, finishRankSumSq, scratch);
  }
  return out;
}

/** A validated, compiled simulation split into chunks (see MONTE_CARLO_CHUNK_ITERATIONS). */
export interface McPlan {
  net: CompiledNetwork;
  options: ResolvedOptions;
  targets: { finish?: number; costCents?: number };
  /** Iterations whose durations are kept for sensitivity (the first ones). */
  sensitivityIterations: number;
  chunks: Array<{ index: number; start: number; count: number }>;
}

/** Output of one chunk; plain typed arrays (transferable between workers). */
export type McChunkResult = KernelOutput & { index: number; start: number };

/**
 * Validates and compiles a run without simulating; throws MonteCarloInputError on bad input. Use with
 * simulateMonteCarloChunk and combineMonteCarloChunks to spread chunks over workers.
 */
export function prepareMonteCarlo(network: McNetwork, options: McOptions): McPlan {
  const net = compileNetwork(network);
  const opt = resolveOptions(options);
  const n = net.taskCount;
  const work = opt.iterations * (n + net.predTask.length);
  if (work > MAX_MONTE_CARLO_WORK) {
    throw new MonteCarloInputError('MC_ITERATIONS_LIMIT', `iterations x (tasks + links) = ${work} exceeds the limit of ${MAX_MONTE_CARLO_WORK}; use fewer iterations`, 'iterations');
  }
  const sensitivityIterations = opt.sensitivity ? Math.min(opt.iterations, Math.floor(opt.maxSensitivityCells / n)) : 0;
  const chunks: McPlan['chunks'] = [];
  for (let start = 0, index = 0; start < opt.iterations; start += MONTE_CARLO_CHUNK_ITERATIONS, index++) {
    chunks.push({ index, start, count: Math.min(MONTE_CARLO_CHUNK_ITERATIONS, opt.iterations - start) });
  }
  return { net, options: opt, targets: { finish: options.targetFinish, costCents: options.targetCostCents }, sensitivityIterations, chunks };
}

/**
 * Buffers for simulateMonteCarloChunk (~8 MB for 1,000 tasks). A thread that simulates several chunks of
 * one plan passes the same workspace to each, instead of allocating and collecting it per chunk.
 */
export function createMonteCarloWorkspace(plan: McPlan): KernelWorkspace {
  return createKernelWorkspace(plan.net.taskCount, Math.min(MONTE_CARLO_CHUNK_ITERATIONS, plan.options.iterations), plan.net.correlationGroups.length > 0);
}

/** Simulates one chunk of a plan on its own sub-stream (stream = chunk index + 1). */
export function simulateMonteCarloChunk(plan: McPlan, chunkIndex: number, workspace: KernelWorkspace = createMonteCarloWorkspace(plan)): McChunkResult {
  const chunk = plan.chunks[chunkIndex];
  if (!chunk) throw new MonteCarloInputError('MC_INVALID_OPTION', `chunk ${chunkIndex} does not exist (0..${plan.chunks.length - 1})`, 'chunkIndex');
  const rng = createPrng(plan.options.seed, chunk.index + 1);
  const keep = Math.max(0, Math.min(chunk.count, plan.sensitivityIterations - chunk.start));
  const out = simulateNetwork(plan.net, chunk.count, rng, plan.options.integerDurations, keep, workspace);
  return { ...out, index: chunk.index, start: chunk.start };
}

/** Combines every chunk of a plan (any order) into the result; identical to runMonteCarlo for the same input. */
export function combineMonteCarloChunks(plan: McPlan, chunkResults: McChunkResult[]): McResult {
  const { net, options: opt } = plan;
  const n = net.taskCount;
  const byIndex = new Array<McChunkResult | undefined>(plan.chunks.length);
  for (const c of chunkResults) byIndex[c.index] = c;
  const finish = new Float64Array(opt.iterations);
  const cost = new Float64Array(opt.iterations);
  const criticalCount = new Float64Array(n);
  const durationSum = new Float64Array(n);
  const eventHits = new Float64Array(net.eventIds.length);
  const m = plan.sensitivityIterations;
  const segments: SensitivitySegment[] = [];
  plan.chunks.forEach((chunk, i) => {
    const c = byIndex[i];
    if (!c || c.finish.length !== chunk.count) throw new MonteCarloInputError('MC_INVALID_OPTION', `chunk ${i} is missing or has the wrong size`, 'chunks');
    finish.set(c.finish, chunk.start);
    cost.set(c.cost, chunk.start);
    for (let t = 0; t < n; t++) {
      criticalCount[t] += c.criticalCount[t];
      durationSum[t] += c.durationSum[t];
    }
    for (let e = 0; e < eventHits.length; e++) eventHits[e] += c.eventHits[e];
    const k = c.sensitivityIterations;
    if (k > 0) {
      if (c.sensitivityDurations.length !== k * n || chunk.start + k > m) throw new MonteCarloInputError('MC_INVALID_OPTION', `chunk ${i} has the wrong sensitivity data`, 'chunks');
      segments.push({ data: c.sensitivityDurations, start: chunk.start, count: k });
    }
  });

  const det = deterministicRun(net, opt.integerDurations);
  // Before summarizeSamples, which sorts `finish` in place: ranks need iteration order.
  const sensitivity = m >= 2 ? computeSensitivity(segments, finish, n, m, opt.integerDurations, (t) => criticalCount[t] === 0 && net.independentDuration[t] === 1) : new Float64Array(n);
  const tasks: McTaskResult[] = new Array(n);
  for (let k = 0; k < n; k++) {
    tasks[net.inputIndexOf[k]] = {
      id: net.taskIds[k],
      criticalityIndex: criticalCount[k] / opt.iterations,
      sensitivity: sensitivity[k],
      meanDuration: durationSum[k] / opt.iterations,
    };
  }
  const tornado = tasks
    .filter((t) => t.sensitivity !== 0)
    .sort((a, b) => Math.abs(b.sensitivity) - Math.abs(a.sensitivity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, opt.tornadoSize)
    .map((t) => ({ taskId: t.id, sensitivity: t.sensitivity }));

  return {
    iterations: opt.iterations,
    deterministicFinish: det.finish,
    deterministicCostCents: det.costCents,
    finish: summarizeSamples(finish, opt.percentiles, opt.bins, plan.targets.finish, false),
    cost: summarizeSamples(cost, opt.percentiles, opt.bins, plan.targets.costCents, true),
    tasks,
    tornado,
    riskEvents: net.eventIds.map((id, e) => ({ id, occurrenceRate: eventHits[e] / opt.iterations })),
    sensitivityIterations: m,
  };
}

/**
 * Runs a seeded Monte Carlo schedule and cost analysis. Validates everything first and throws
 * MonteCarloInputError (stable `code`) before any simulation; same network, options and seed give
 * identical results. Finish values are working-time offsets from the project start: map them to dates
 * with the calendar engine (see mapFinishToDates).
 */
export function runMonteCarlo(network: McNetwork, options: McOptions): McResult {
  const plan = prepareMonteCarlo(network, options);
  const workspace = createMonteCarloWorkspace(plan);
  return combineMonteCarloChunks(plan, plan.chunks.map((c) => simulateMonteCarloChunk(plan, c.index, workspace)));
}

/**
 * Maps finish percentiles (working-time offsets) to calendar dates with a callback from the scheduling
 * engine, e.g. `(offset) => addWorkingMinutes(calendar, projectStart, offset)`.
 */
export function mapFinishToDates<D>(result: McResult, offsetToDate: (offset: number) => D): Array<{ p: number; offset: number; date: D }> {
  return result.finish.percentiles.map(({ p, value }) => ({ p, offset: value, date: offsetToDate(value) }));
}
