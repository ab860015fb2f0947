import type { SchedulingProblem } from './scheduling-problem.js';

/**
 * Parallel SGS: advances a decision time t and starts, in priority order (smallest key first), every
 * eligible job that fits at t. Writes `start`; returns the makespan, or -(j+1) when job j can never fit.
 * Not the hot path of the search; used for priority-rule seeds.
 */
export function runParallelSgs(p: SchedulingProblem, key: ArrayLike<number>, start: Int32Array): number {
  const n = p.n;
  const R = p.resourceCount;
  const P = p.profileLength;
  let H = p.profileLength + 16;
  for (let j = 0; j < n; j++) H += p.duration[j]! + Math.max(0, p.release[j]!);
  let avail = new Int32Array(0);
  const fill = (arr: Int32Array, from: number, to: number): void => {
    for (let t = from; t < to; t++) {
      for (let r = 0; r < R; r++) arr[t * R + r] = t < P ? p.profile[t * R + r]! : p.tail[r]!;
    }
  };
  // Cap the initial buffer; grow on demand.
  let cap = Math.min(H, Math.max(256, P + 64));
  avail = new Int32Array(cap * R);
  fill(avail, 0, cap);
  const ensure = (t: number): void => {
    if (t <= cap) return;
    const nc = Math.max(t + 1, cap * 2);
    const na = new Int32Array(nc * R);
    na.set(avail);
    fill(na, cap, nc);
    avail = na;
    cap = nc;
  };
  const remaining = new Int32Array(n);
  const es = new Int32Array(n);
  const done = new Uint8Array(n);
  let eligible: number[] = [];
  for (let j = 0; j < n; j++) {
    remaining[j] = p.predStart[j + 1]! - p.predStart[j]!;
    es[j] = p.release[j]!;
    if (remaining[j] === 0) eligible.push(j);
  }
  const byKey = (a: number, b: number): number => key[a]! - key[b]! || p.topoRank[a]! - p.topoRank[b]!;
  const active: number[] = [];
  let scheduled = 0;
  let t = 0;
  let mk = 0;
  const fits = (j: number, s: number): boolean => {
    const d = p.duration[j]!;
    ensure(s + d);
    for (let u = s; u < s + d; u++) {
      for (let e = p.demStart[j]!; e < p.demStart[j + 1]!; e++) {
        if (avail[u * R + p.demRes[e]!]! < p.demQty[e]!) return false;
      }
    }
    return true;
  };
  while (scheduled < n) {
    eligible.sort(byKey);
    let changed = true;
    while (changed) {
      changed = false;
      const next: number[] = [];
      const added: number[] = [];
      for (const j of eligible) {
        if (es[j]! <= t && fits(j, t)) {
          const d = p.duration[j]!;
          for (let u = t; u < t + d; u++) {
            for (let e = p.demStart[j]!; e < p.demStart[j + 1]!; e++) avail[u * R + p.demRes[e]!]! -= p.demQty[e]!;
          }
          start[j] = t;
          done[j] = 1;
          scheduled++;
          if (t + d > mk) mk = t + d;
          if (d > 0) active.push(j);
          for (let e = p.succStart[j]!; e < p.succStart[j + 1]!; e++) {
            const s = p.succIdx[e]!;
            const c = t + p.succDelta[e]!;
            if (c > es[s]!) es[s] = c;
            if (--remaining[s]! === 0) added.push(s);
          }
        } else next.push(j);
      }
      if (added.length > 0) {
        changed = true;
        eligible = next.concat(added).sort(byKey);
      } else eligible = next;
    }
    if (scheduled >= n) break;
    let nt = Number.POSITIVE_INFINITY;
    for (const j of eligible) if (es[j]! > t && es[j]! < nt) nt = es[j]!;
    let w = 0;
    for (const j of active) {
      const f = start[j]! + p.duration[j]!;
      if (f > t) {
        active[w++] = j;
        if (f < nt) nt = f;
      }
    }
    active.length = w;
    if (t < P && t + 1 < nt) nt = t + 1;
    if (!Number.isFinite(nt)) return -(eligible[0]! + 1);
    t = nt;
  }
  return mk;
}
