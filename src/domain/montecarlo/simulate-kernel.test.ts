import { describe, expect, it } from 'vitest';
import { createPrng } from '../random/index.js';
import { compileNetwork, LINK_FF, LINK_FS, LINK_SF, LINK_SS, type CompiledNetwork } from './compile-network.js';
import type { McLinkType, McNetwork } from './montecarlo-types.js';
import { forwardPass, markCritical, roundDuration } from './simulate-kernel.js';

/** Classic CPM on the compiled network: forward and backward pass, critical = total float <= tol. */
function referenceCritical(net: CompiledNetwork, d: Float64Array): { finish: number; critical: boolean[] } {
  const n = net.taskCount;
  const es = new Float64Array(n);
  const ef = new Float64Array(n);
  let finish = 0;
  for (let t = 0; t < n; t++) {
    let start = 0;
    for (let k = net.predStart[t]; k < net.predStart[t + 1]; k++) {
      const p = net.predTask[k];
      const lag = net.predLag[k];
      const bound = { [LINK_FS]: ef[p] + lag, [LINK_SS]: es[p] + lag, [LINK_FF]: ef[p] + lag - d[t], [LINK_SF]: es[p] + lag - d[t] }[net.predType[k]]!;
      start = Math.max(start, bound);
    }
    es[t] = start;
    ef[t] = start + d[t];
    finish = Math.max(finish, ef[t]);
  }
  const lf = new Float64Array(n).fill(finish);
  for (let t = n - 1; t >= 0; t--) {
    // Successor constraints were applied when the successor was visited (below); lf[t] is final here.
    for (let k = net.predStart[t]; k < net.predStart[t + 1]; k++) {
      const p = net.predTask[k];
      const lag = net.predLag[k];
      const ls = lf[t] - d[t];
      const bound = { [LINK_FS]: ls - lag, [LINK_SS]: ls - lag + d[p], [LINK_FF]: lf[t] - lag, [LINK_SF]: lf[t] - lag + d[p] }[net.predType[k]]!;
      lf[p] = Math.min(lf[p], bound);
    }
  }
  const tol = 1e-9 * Math.max(finish, 1);
  return { finish, critical: Array.from({ length: n }, (_, t) => lf[t] - ef[t] <= tol) };
}

/** A random network with every link type, lags (some negative) and small integer durations (many ties). */
function randomNetwork(seed: number, n: number): McNetwork {
  const g = createPrng(seed);
  const types: McLinkType[] = ['FS', 'SS', 'FF', 'SF'];
  const tasks = Array.from({ length: n }, (_, i) => ({ id: `T${i}`, duration: { min: 0, mostLikely: 3, max: 6 } }));
  const links = [];
  for (let i = 1; i < n; i++) {
    const preds = new Set(Array.from({ length: 1 + g.nextInt(3) }, () => g.nextInt(i)));
    for (const p of preds) links.push({ predecessorId: `T${p}`, successorId: `T${i}`, type: types[g.nextInt(4)], lag: g.nextInt(5) - 1 });
  }
  return { tasks, links };
}

describe('markCritical (binding links walked back from the finish)', () => {
  it.each([[1, 12], [2, 40], [3, 200], [4, 200], [5, 500]])('seed %s, %s tasks: same critical set as a backward pass, over 200 duration draws', (seed, n) => {
    const net = compileNetwork(randomNetwork(seed, n));
    const g = createPrng(seed, 1);
    const matrix = new Float64Array(n);
    const totals = new Float64Array(2);
    const times = new Float64Array(2 * n);
    const mark = new Int32Array(n);
    const stack = new Int32Array(n);
    let disagreements = 0;
    let criticalSeen = 0;
    for (let it = 1; it <= 200; it++) {
      for (let t = 0; t < n; t++) matrix[t] = g.nextInt(7);
      const count = new Int32Array(n);
      forwardPass(n, matrix, 1, 0, times, net.predStart, net.predFinishStart, net.predSrc, net.predLag, true, new Float64Array(n), new Float64Array(n), totals);
      const finish = totals[0];
      markCritical(n, finish, times, net.predStart, net.predFinishStart, net.predTask, net.predSrc, net.predLag, mark, it, count, stack);
      const ref = referenceCritical(net, matrix);
      expect(finish).toBe(ref.finish);
      for (let t = 0; t < n; t++) if ((count[t] === 1) !== ref.critical[t]) disagreements++;
      criticalSeen += count.reduce((s, c) => s + c, 0);
    }
    expect(disagreements).toBe(0);
    expect(criticalSeen).toBeGreaterThan(200);
  });
});

describe('roundDuration', () => {
  it.each([
    [0, 0],
    [0.4999, 0],
    [0.5, 1],
    [1.5, 2],
    [2.5, 3],
    [7.49, 7],
    [1e9 + 0.5, 1e9 + 1],
    [2 ** 52 + 1, 2 ** 52 + 1],
    [2 ** 60, 2 ** 60],
  ])('%s -> %s (half up; doubles above 2^52 are already integers)', (d, expected) => {
    expect(roundDuration(d)).toBe(expected);
  });
});
