import type { Prng } from '../random/index.js';
import type { CompiledNetwork } from './compile-network.js';
import { sampleEstimate, sampleEstimateRow } from './estimate-table.js';
import { applyImanConover } from './iman-conover.js';

/** Raw output of the kernel for one chunk of iterations. */
export interface KernelOutput {
  finish: Float64Array;
  cost: Float64Array;
  /** Iterations with zero total float, per topological task index. */
  criticalCount: Int32Array;
  durationSum: Float64Array;
  eventHits: Int32Array;
  /** Task-major [task][iteration] durations of the chunk's first `sensitivityIterations` iterations. */
  sensitivityDurations: Float32Array;
  sensitivityIterations: number;
}

/** Cells (tasks x iterations) of pre-sampled durations kept at once: 8 MB of Float64. */
const BLOCK_CELLS = 1_000_000;
/** 32-bit draws generated per batch (a multiple of 3: a Beta table draw takes three). */
const DRAW_BATCH = 3 * 256;
/**
 * Smallest block when the network has correlation groups, so Iman-Conover has enough rows to correct its
 * scores' sample correlation (the matrix then exceeds 8 MB beyond 10,000 tasks: n x 100 x 8 bytes).
 */
const MIN_CORRELATED_BLOCK_ITERATIONS = 100;

/**
 * Iterations sampled together for a network of n tasks. Part of the result's definition (the random
 * stream is consumed block by block), so it depends only on the network and the chunk size.
 */
export function kernelBlockSize(n: number, iterations: number, correlated: boolean): number {
  const smallest = correlated ? MIN_CORRELATED_BLOCK_ITERATIONS : 1;
  return Math.min(iterations, Math.max(smallest, Math.floor(BLOCK_CELLS / n)));
}

/** Buffers of the kernel, reusable by successive chunks of the same network on one thread (~8 MB). */
export interface KernelWorkspace {
  taskCount: number;
  blockSize: number;
  /** matrix[t * blockSize + i]: duration of task t in iteration i of the current block. */
  matrix: Float64Array;
  fixedCost: Float64Array;
  costRow: Float64Array;
  times: Float64Array;
  /** forwardPass writes [finish, duration-driven cost] here. */
  totals: Float64Array;
  critical: Int32Array;
  /** Depth-first stack of markCritical (each task is pushed at most once per iteration). */
  stack: Int32Array;
  /** Batches of 32-bit draws for the samplers and the risk events' Bernoulli trials. */
  draws: Int32Array;
}

/** Allocates the kernel's buffers for chunks of up to `iterations` iterations of an n-task network. */
export function createKernelWorkspace(n: number, iterations: number, correlated: boolean): KernelWorkspace {
  const blockSize = kernelBlockSize(n, iterations, correlated);
  return {
    taskCount: n,
    blockSize,
    matrix: new Float64Array(n * blockSize),
    fixedCost: new Float64Array(blockSize),
    costRow: new Float64Array(blockSize),
    times: new Float64Array(2 * n),
    totals: new Float64Array(2),
    critical: new Int32Array(n),
    stack: new Int32Array(n),
    draws: new Int32Array(DRAW_BATCH),
  };
}

/**
 * The simulation kernel for `iterations` consecutive iterations drawn from `rng`, in blocks of
 * kernelBlockSize iterations. Per block: samples every task's durations for the whole block task by task
 * into a task-major matrix (so each task's constants and Beta table stay in registers and L1), rearranges
 * correlated groups with Iman-Conover, sums the fixed cost lines, and draws the risk events event by event
 * (their duration impacts go into the matrix, their cost impacts into the block's cost). Per iteration: a
 * forward pass over the topological order (CSR predecessors) that clamps, rounds and sums the durations,
 * the critical tasks by walking binding links back from the finish, and duration-driven cost. Typed
 * arrays only; no allocation inside the iteration loop.
 */
export function simulateNetwork(
  net: CompiledNetwork,
  iterations: number,
  rng: Prng,
  integerDurations: boolean,
  sensitivityIterations: number,
  workspace: KernelWorkspace = createKernelWorkspace(net.taskCount, iterations, net.correlationGroups.length > 0),
): KernelOutput {
  const n = net.taskCount;
  const { predStart, predFinishStart, predTask, predSrc, predLag } = net;
  const { eventProbability, impactStart, impactKind, impactTarget, impacts } = net;
  const eventCount = eventProbability.length;
  const eventThreshold = eventProbability.map((p) => p * 2 ** 32);
  const { costFixed, costHasFixed, costTask, costRate } = net;
  const isCorrelated = new Uint8Array(n);
  for (const g of net.correlationGroups) for (const t of g.tasks) isCorrelated[t] = 1;
  const fixedCostLines = Int32Array.from({ length: net.costLineCount }, (_, c) => c).filter((c) => costHasFixed[c] === 1);
  // Duration-driven cost: one rate per task (lines on the same task add up), applied by the forward pass.
  const rateByTask = new Float64Array(n);
  for (let c = 0; c < net.costLineCount; c++) if (costTask[c] >= 0) rateByTask[costTask[c]] += costRate[c];

  const blockSize = kernelBlockSize(n, iterations, net.correlationGroups.length > 0);
  const blockCount = Math.ceil(iterations / blockSize);
  if (workspace.taskCount !== n || workspace.blockSize < blockSize) throw new RangeError('kernel workspace does not fit this network and chunk');
  const { matrix, fixedCost, costRow, times, totals, critical, stack, draws } = workspace;
  // critical[t] === iteration + 1 marks t critical in that iteration: cleared once per chunk, not per iteration.
  critical.fill(0);
  const finishOut = new Float64Array(iterations);
  const costOut = new Float64Array(iterations);
  const criticalCount = new Int32Array(n);
  const durationSum = new Float64Array(n);
  const eventHits = new Int32Array(eventCount);
  const sens = new Float32Array(sensitivityIterations * n);

  let it = 0;
  for (let b = 0; b < blockCount; b++) {
    // Balanced blocks: sizes differ by at most one iteration.
    const bs = Math.floor(((b + 1) * iterations) / blockCount) - Math.floor((b * iterations) / blockCount);
    const blockStart = it;
    for (let t = 0; t < n; t++) if (isCorrelated[t] === 0) sampleEstimateRow(net.durations, t, matrix, t * blockSize, bs, rng, draws);
    if (net.correlationGroups.length > 0) sampleCorrelatedRows(net, matrix, blockSize, bs, rng, draws);
    // Cost that does not depend on durations: fixed amounts, then risk events' cost impacts.
    fixedCost.fill(0);
    for (let k = 0; k < fixedCostLines.length; k++) {
      sampleEstimateRow(costFixed, fixedCostLines[k], costRow, 0, bs, rng, draws);
      for (let i = 0; i < bs; i++) fixedCost[i] += costRow[i];
    }
    if (eventCount > 0) applyRiskEvents(eventThreshold, impactStart, impactKind, impactTarget, impacts, eventHits, matrix, blockSize, bs, fixedCost, rng, draws);

    for (let li = 0; li < bs; li++, it++) {
      let cost = fixedCost[li];
      forwardPass(n, matrix, blockSize, li, times, predStart, predFinishStart, predSrc, predLag, integerDurations, durationSum, rateByTask, totals);
      const finish = totals[0];
      markCritical(n, finish, times, predStart, predFinishStart, predTask, predSrc, predLag, critical, it + 1, criticalCount, stack);
      cost += totals[1];
      finishOut[it] = finish;
      costOut[it] = cost;
    }

    // The forward pass left each iteration's final durations in the matrix: keep the ones sensitivity needs.
    const keep = Math.min(bs, sensitivityIterations - blockStart);
    for (let t = 0; t < n && keep > 0; t++) {
      const from = t * blockSize;
      const to = t * sensitivityIterations + blockStart;
      for (let i = 0; i < keep; i++) sens[to + i] = matrix[from + i];
    }
  }

  return { finish: finishOut, cost: costOut, criticalCount, durationSum, eventHits, sensitivityDurations: sens, sensitivityIterations };
}

/** Samples the rows of every correlated group for a block and rearranges each group with Iman-Conover. */
function sampleCorrelatedRows(net: CompiledNetwork, matrix: Float64Array, stride: number, bs: number, rng: Prng, draws: Int32Array): void {
  for (const g of net.correlationGroups) {
    const k = g.tasks.length;
    const cols = new Float64Array(k * bs);
    for (let j = 0; j < k; j++) sampleEstimateRow(net.durations, g.tasks[j], cols, j * bs, bs, rng, draws);
    applyImanConover(cols, bs, k, g.cholesky, rng);
    for (let j = 0; j < k; j++) matrix.set(cols.subarray(j * bs, (j + 1) * bs), g.tasks[j] * stride);
  }
}

/**
 * Risk events for a whole block, event by event: one Bernoulli draw per event and iteration (a batch of
 * 32-bit draws, each compared with p x 2^32, i.e. u < p without the division); an occurring event adds
 * its sampled impacts to the durations of that iteration in the block matrix (before the forward pass
 * reads them) or to that iteration's cost.
 */
function applyRiskEvents(
  threshold: Float64Array,
  impactStart: Int32Array,
  impactKind: Uint8Array,
  impactTarget: Int32Array,
  impacts: CompiledNetwork['impacts'],
  hits: Int32Array,
  matrix: Float64Array,
  stride: number,
  bs: number,
  cost: Float64Array,
  rng: Prng,
  draws: Int32Array,
): void {
  const batchSize = draws.length;
  for (let e = 0; e < threshold.length; e++) {
    const p = threshold[e];
    const first = impactStart[e];
    const last = impactStart[e + 1];
    for (let done = 0; done < bs; done += batchSize) {
      const batch = Math.min(batchSize, bs - done);
      rng.fillUint32(draws, batch);
      for (let k = 0; k < batch; k++) {
        if ((draws[k] >>> 0) >= p) continue;
        const i = done + k;
        hits[e]++;
        for (let m = first; m < last; m++) {
          const v = sampleEstimate(impacts, m, rng);
          if (impactKind[m] === 0) matrix[impactTarget[m] * stride + i] += v;
          else cost[i] += v;
        }
      }
    }
  }
}

/**
 * Rounds a non-negative duration half up: floor(d + 0.5). Math.round means the same but V8 compiles it
 * with a data-dependent branch that random fractions mispredict half the time (it was ~40% of the forward
 * pass). Above 2^52 every double is an integer and d + 0.5 could round up, so d is returned as it is.
 */
export function roundDuration(d: number): number {
  return d < 4503599627370496 ? Math.floor(d + 0.5) : d;
}

/**
 * Forward pass in topological order over interleaved times [ES0, EF0, ES1, EF1, ...]: a start-bound link
 * (FS, SS) gives ES >= times[src] + lag, a finish-bound one (FF, SF) ES >= times[src] + lag - d, so the
 * four link types need no branch. Reads iteration li's durations from the block matrix, clamps them at 0,
 * optionally rounds them, writes the result back to the matrix (for sensitivity) and adds it to
 * `durationSum`. Writes the project finish to totals[0] and the duration-driven cost (sum of rate x
 * duration) to totals[1].
 */
export function forwardPass(
  n: number,
  matrix: Float64Array,
  stride: number,
  li: number,
  times: Float64Array,
  predStart: Int32Array,
  predFinishStart: Int32Array,
  predSrc: Int32Array,
  predLag: Float64Array,
  integerDurations: boolean,
  durationSum: Float64Array,
  rate: Float64Array,
  totals: Float64Array,
): void {
  let finish = 0;
  let cost = 0;
  for (let t = 0, o = li; t < n; t++, o += stride) {
    let d = matrix[o];
    if (d < 0) d = 0;
    if (integerDurations) d = roundDuration(d);
    matrix[o] = d;
    durationSum[t] += d;
    cost += rate[t] * d;
    let start = 0;
    const mid = predFinishStart[t];
    for (let k = predStart[t]; k < mid; k++) {
      const c = times[predSrc[k]] + predLag[k];
      if (c > start) start = c;
    }
    for (let k = mid, end = predStart[t + 1]; k < end; k++) {
      const c = times[predSrc[k]] + predLag[k] - d;
      if (c > start) start = c;
    }
    times[2 * t] = start;
    const f = start + d;
    times[2 * t + 1] = f;
    if (f > finish) finish = f;
  }
  totals[0] = finish;
  totals[1] = cost;
}

/**
 * Counts the tasks with zero total float, without a backward pass. Total float obeys
 * TF(t) = min(finish - EF(t), min over links t->s of TF(s) + slack(link)), where slack is how far the link's
 * bound stays below ES(s) (>= 0); so TF(t) = 0 exactly when t finishes at the project finish or is the
 * predecessor on a binding link (slack 0) of a task with TF 0. The critical tasks are therefore those
 * reached from the tasks that end at the finish by following binding links backwards: a depth-first walk
 * from them visits only critical tasks and their links. Ties within 1e-9 x finish count as binding.
 */
export function markCritical(
  n: number,
  finish: number,
  times: Float64Array,
  predStart: Int32Array,
  predFinishStart: Int32Array,
  predTask: Int32Array,
  predSrc: Int32Array,
  predLag: Float64Array,
  mark: Int32Array,
  stamp: number,
  criticalCount: Int32Array,
  stack: Int32Array,
): void {
  const tol = 1e-9 * (finish > 1 ? finish : 1);
  const atFinish = finish - tol;
  let top = 0;
  for (let t = 0; t < n; t++) {
    if (times[2 * t + 1] >= atFinish) {
      mark[t] = stamp;
      stack[top++] = t;
    }
  }
  while (top > 0) {
    const t = stack[--top];
    criticalCount[t]++;
    const binding = times[2 * t] - tol;
    const mid = predFinishStart[t];
    for (let k = predStart[t]; k < mid; k++) {
      const p = predTask[k];
      if (mark[p] !== stamp && times[predSrc[k]] + predLag[k] >= binding) {
        mark[p] = stamp;
        stack[top++] = p;
      }
    }
    // A finish-bound link (FF, SF) binds when its bound on EF, times[src] + lag, reaches EF.
    const bindingFinish = times[2 * t + 1] - tol;
    for (let k = mid, end = predStart[t + 1]; k < end; k++) {
      const p = predTask[k];
      if (mark[p] !== stamp && times[predSrc[k]] + predLag[k] >= bindingFinish) {
        mark[p] = stamp;
        stack[top++] = p;
      }
    }
  }
}
