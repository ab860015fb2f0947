import { computeEarliestStarts, computeLatestStarts, type SchedulingProblem } from './scheduling-problem.js';

/** Priority rules for schedule generation; the job with the smallest key goes first. */
export type PriorityRule = 'LFT' | 'LST' | 'MTS' | 'GRPW' | 'SPT' | 'LPT' | 'MIS' | 'EST' | 'WRUP';

/** All supported rules, in the order the solver tries them. */
export const PRIORITY_RULES: readonly PriorityRule[] = ['LFT', 'LST', 'MTS', 'GRPW', 'WRUP', 'MIS', 'EST', 'SPT', 'LPT'];

/** Number of transitive successors of each job (bitset closure; capped to keep memory bounded). */
function countTransitiveSuccessors(p: SchedulingProblem): Int32Array {
  const n = p.n;
  const out = new Int32Array(n);
  if (n > 4000) {
    // Large portfolios: immediate successors plus their successors as a cheap proxy.
    for (let j = 0; j < n; j++) {
      let c = 0;
      for (let e = p.succStart[j]!; e < p.succStart[j + 1]!; e++) {
        const s = p.succIdx[e]!;
        c += 1 + p.succStart[s + 1]! - p.succStart[s]!;
      }
      out[j] = c;
    }
    return out;
  }
  const words = (n + 31) >>> 5;
  const bits = new Uint32Array(n * words);
  for (let k = n - 1; k >= 0; k--) {
    const j = p.topoOrder[k]!;
    const o = j * words;
    for (let e = p.succStart[j]!; e < p.succStart[j + 1]!; e++) {
      const s = p.succIdx[e]!;
      bits[o + (s >>> 5)]! |= 1 << (s & 31);
      const os = s * words;
      for (let w = 0; w < words; w++) bits[o + w]! |= bits[os + w]!;
    }
    let c = 0;
    for (let w = 0; w < words; w++) {
      let v = bits[o + w]!;
      v = v - ((v >>> 1) & 0x55555555);
      v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
      c += (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
    }
    out[j] = c;
  }
  return out;
}

/** Length of the critical path (resource-free makespan with releases). */
export function criticalPathLength(p: SchedulingProblem): number {
  const es = computeEarliestStarts(p);
  let m = 0;
  for (let j = 0; j < p.n; j++) m = Math.max(m, es[j]! + p.duration[j]!);
  return m;
}

/** Priority key per job for `rule` (smaller = scheduled earlier). */
export function computePriorityKeys(p: SchedulingProblem, rule: PriorityRule): Float64Array {
  const n = p.n;
  const key = new Float64Array(n);
  const es = computeEarliestStarts(p);
  let cp = 0;
  for (let j = 0; j < n; j++) cp = Math.max(cp, es[j]! + p.duration[j]!);
  switch (rule) {
    case 'LFT':
    case 'LST': {
      const ls = computeLatestStarts(p, cp);
      for (let j = 0; j < n; j++) key[j] = rule === 'LST' ? ls[j]! : ls[j]! + p.duration[j]!;
      break;
    }
    case 'EST':
      for (let j = 0; j < n; j++) key[j] = es[j]!;
      break;
    case 'MTS': {
      const c = countTransitiveSuccessors(p);
      for (let j = 0; j < n; j++) key[j] = -c[j]!;
      break;
    }
    case 'GRPW':
      for (let j = 0; j < n; j++) {
        let w = p.duration[j]!;
        for (let e = p.succStart[j]!; e < p.succStart[j + 1]!; e++) w += p.duration[p.succIdx[e]!]!;
        key[j] = -w;
      }
      break;
    case 'MIS':
      for (let j = 0; j < n; j++) key[j] = -(p.succStart[j + 1]! - p.succStart[j]!);
      break;
    case 'SPT':
      for (let j = 0; j < n; j++) key[j] = p.duration[j]!;
      break;
    case 'LPT':
      for (let j = 0; j < n; j++) key[j] = -p.duration[j]!;
      break;
    case 'WRUP': {
      // Weighted resource utilisation and precedence: 0.7 * successors + 0.3 * relative resource use.
      const R = p.resourceCount;
      for (let j = 0; j < n; j++) {
        let use = 0;
        for (let e = p.demStart[j]!; e < p.demStart[j + 1]!; e++) {
          const cap = p.tail[p.demRes[e]!]! || 1;
          use += p.demQty[e]! / cap;
        }
        key[j] = -(0.7 * (p.succStart[j + 1]! - p.succStart[j]!) + 0.3 * (R > 0 ? use : 0));
      }
      break;
    }
  }
  return key;
}
