import { sampleGammaPrepared, type Prng } from '../random/index.js';
import type { CompiledNetwork } from './compile-network.js';
import { KIND_FIXED, KIND_PERT, KIND_TRIANGULAR, sampleEstimate, type EstimateTable } from './estimate-table.js';
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

/** Cells of pre-sampled correlated durations kept at once; bounds memory for long runs. */
const CORRELATION_BLOCK_CELLS = 4_000_000;

/**
 * The simulation kernel for `iterations` consecutive iterations drawn from `rng`. Per iteration: samples
 * durations (correlated ones from Iman-Conover blocks), applies risk events, runs a forward pass over the
 * topological order (CSR predecessors), a backward pass for total float, and sums cost lines. Typed
 * arrays only; no allocation inside the iteration loop.
 */
export function simulateNetwork(
  net: CompiledNetwork,
  iterations: number,
  rng: Prng,
  integerDurations: boolean,
  sensitivityIterations: number,
): KernelOutput {
  const n = net.taskCount;
  const { predStart, predSrc, predSubDuration, predLag, succStart, succSrc, succAddDuration, succLag } = net;
  const { eventProbability, impactStart, impactKind, impactTarget, impacts } = net;
  const eventCount = eventProbability.length;
  const { costFixed, costHasFixed, costTask, costRate } = net;
  // Index lists keep the hot loops free of per-item type branches.
  const kind = net.durations.kind;
  const isCorrelated = new Uint8Array(n);
  for (const g of net.correlationGroups) for (const t of g.tasks) isCorrelated[t] = 1;
  const byKind = (k: number) => Int32Array.from({ length: n }, (_, t) => t).filter((t) => kind[t] === k && !isCorrelated[t]);
  const triTasks = byKind(KIND_TRIANGULAR);
  const pertTasks = byKind(KIND_PERT);
  const fixedTasks = byKind(KIND_FIXED);
  const lines = Int32Array.from({ length: net.costLineCount }, (_, c) => c);
  const fixedCostLines = lines.filter((c) => costHasFixed[c] === 1);
  const rateCostLines = lines.filter((c) => costTask[c] >= 0);

  const dur = new Float64Array(n);
  const times = new Float64Array(2 * n);
  const late = new Float64Array(2 * n);
  const finishOut = new Float64Array(iterations);
  const costOut = new Float64Array(iterations);
  const criticalCount = new Int32Array(n);
  const durationSum = new Float64Array(n);
  const eventHits = new Int32Array(eventCount);
  const sens = new Float32Array(sensitivityIterations * n);

  // Correlated tasks read their duration from a pre-sampled block column instead of sampling inline.
  const corrSlot = new Int32Array(n).fill(-1);
  let corrCount = 0;
  for (const g of net.correlationGroups) for (const t of g.tasks) corrSlot[t] = corrCount++;
  const corrTasks = Int32Array.from({ length: n }, (_, t) => t).filter((t) => corrSlot[t] >= 0);
  const blockSize = corrCount === 0 ? iterations : Math.min(iterations, Math.max(100, Math.floor(CORRELATION_BLOCK_CELLS / corrCount)));
  const blockCount = Math.ceil(iterations / blockSize);
  const corrBuf = new Float64Array(corrCount * blockSize);

  let it = 0;
  for (let b = 0; b < blockCount; b++) {
    // Balanced blocks: sizes differ by at most one iteration.
    const bs = Math.floor(((b + 1) * iterations) / blockCount) - Math.floor((b * iterations) / blockCount);
    if (corrCount > 0) fillCorrelatedBlock(net, corrSlot, corrBuf, bs, blockSize, rng);

    for (let li = 0; li < bs; li++, it++) {
      sampleDurations(net.durations, triTasks, pertTasks, fixedTasks, corrTasks, corrSlot, corrBuf, blockSize, li, dur, rng);
      let cost = eventCount > 0 ? applyRiskEvents(eventProbability, impactStart, impactKind, impactTarget, impacts, eventHits, dur, rng) : 0;
      const finish = forwardPass(n, dur, times, predStart, predSrc, predSubDuration, predLag, integerDurations);
      backwardPass(n, finish, dur, times, late, succStart, succSrc, succAddDuration, succLag, criticalCount, durationSum);
      for (let k = 0; k < fixedCostLines.length; k++) cost += sampleEstimate(costFixed, fixedCostLines[k], rng);
      for (let k = 0; k < rateCostLines.length; k++) {
        const c = rateCostLines[k];
        cost += costRate[c] * dur[costTask[c]];
      }
      finishOut[it] = finish;
      costOut[it] = cost;
      // Task-major [task][iteration]: ~n cache lines stay hot, and sensitivity reads columns directly.
      if (it < sensitivityIterations) for (let t = 0, o = it; t < n; t++, o += sensitivityIterations) sens[o] = dur[t];
    }
  }

  return { finish: finishOut, cost: costOut, criticalCount, durationSum, eventHits, sensitivityDurations: sens, sensitivityIterations };
}

/** Samples every correlated task for a block and rearranges each group with Iman-Conover. */
function fillCorrelatedBlock(net: CompiledNetwork, corrSlot: Int32Array, buf: Float64Array, bs: number, stride: number, rng: Prng): void {
  for (const g of net.correlationGroups) {
    const k = g.tasks.length;
    const cols = new Float64Array(k * bs);
    for (let j = 0; j < k; j++) for (let i = 0; i < bs; i++) cols[j * bs + i] = sampleEstimate(net.durations, g.tasks[j], rng);
    applyImanConover(cols, bs, k, g.cholesky, rng);
    for (let j = 0; j < k; j++) buf.set(cols.subarray(j * bs, (j + 1) * bs), corrSlot[g.tasks[j]] * stride);
  }
}

/** Samples one iteration's base durations into `dur`, one loop per distribution kind (correlated tasks from the block buffer). */
export function sampleDurations(
  table: EstimateTable,
  triTasks: Int32Array,
  pertTasks: Int32Array,
  fixedTasks: Int32Array,
  corrTasks: Int32Array,
  corrSlot: Int32Array,
  corrBuf: Float64Array,
  stride: number,
  li: number,
  dur: Float64Array,
  rng: Prng,
): void {
  const { lo, hi, p1, p2, p3, p4, p5 } = table;
  for (let k = 0; k < triTasks.length; k++) {
    const t = triTasks[k];
    const u = rng.nextFloat();
    dur[t] = u < p1[t] ? lo[t] + Math.sqrt(u * p2[t]) : hi[t] - Math.sqrt((1 - u) * p3[t]);
  }
  for (let k = 0; k < pertTasks.length; k++) {
    const t = pertTasks[k];
    const x = sampleGammaPrepared(rng, p2[t], p3[t]);
    const y = sampleGammaPrepared(rng, p4[t], p5[t]);
    dur[t] = lo[t] + (p1[t] * x) / (x + y);
  }
  for (let k = 0; k < fixedTasks.length; k++) dur[fixedTasks[k]] = lo[fixedTasks[k]];
  for (let k = 0; k < corrTasks.length; k++) dur[corrTasks[k]] = corrBuf[corrSlot[corrTasks[k]] * stride + li];
}

/** One Bernoulli draw per event; an occurring event adds its sampled impacts to durations; returns the cost it adds. */
function applyRiskEvents(
  probability: Float64Array,
  impactStart: Int32Array,
  impactKind: Uint8Array,
  impactTarget: Int32Array,
  impacts: EstimateTable,
  hits: Int32Array,
  dur: Float64Array,
  rng: Prng,
): number {
  let cost = 0;
  const count = probability.length;
  for (let e = 0; e < count; e++) {
    if (rng.nextFloat() < probability[e]) {
      hits[e]++;
      for (let m = impactStart[e], end = impactStart[e + 1]; m < end; m++) {
        const v = sampleEstimate(impacts, m, rng);
        if (impactKind[m] === 0) dur[impactTarget[m]] += v;
        else cost += v;
      }
    }
  }
  return cost;
}

/**
 * Forward pass in topological order over interleaved times [ES0, EF0, ES1, EF1, ...]: each link bound is
 * times[src] + lag - sub * d, so the four link types need no branch. Clamps durations at 0 and optionally
 * rounds them. Returns the project finish.
 */
export function forwardPass(
  n: number,
  dur: Float64Array,
  times: Float64Array,
  predStart: Int32Array,
  predSrc: Int32Array,
  predSub: Float64Array,
  predLag: Float64Array,
  integerDurations: boolean,
): number {
  let finish = 0;
  for (let t = 0; t < n; t++) {
    let d = dur[t];
    if (d < 0) d = 0;
    if (integerDurations) d = Math.round(d);
    dur[t] = d;
    let start = 0;
    for (let k = predStart[t], end = predStart[t + 1]; k < end; k++) {
      const c = times[predSrc[k]] + predLag[k] - predSub[k] * d;
      if (c > start) start = c;
    }
    times[2 * t] = start;
    const f = start + d;
    times[2 * t + 1] = f;
    if (f > finish) finish = f;
  }
  return finish;
}

/**
 * Backward pass over interleaved late times [LS0, LF0, ...]: bound = late[src] - lag + add * d.
 * Zero total float (within 1e-9 relative) counts as critical.
 */
export function backwardPass(
  n: number,
  finish: number,
  dur: Float64Array,
  times: Float64Array,
  late: Float64Array,
  succStart: Int32Array,
  succSrc: Int32Array,
  succAdd: Float64Array,
  succLag: Float64Array,
  criticalCount: Int32Array,
  durationSum: Float64Array,
): void {
  const tol = 1e-9 * (finish > 1 ? finish : 1);
  for (let t = n - 1; t >= 0; t--) {
    const d = dur[t];
    let lf = finish;
    for (let k = succStart[t], end = succStart[t + 1]; k < end; k++) {
      const c = late[succSrc[k]] - succLag[k] + succAdd[k] * d;
      if (c < lf) lf = c;
    }
    late[2 * t + 1] = lf;
    late[2 * t] = lf - d;
    if (lf - d - times[2 * t] <= tol) criticalCount[t]++;
    durationSum[t] += d;
  }
}
