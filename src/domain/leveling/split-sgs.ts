/**
 * Serial schedule generation that may split (preempt) tasks at period boundaries, as MS Project's "levelling can
 * create splits in remaining work": a splittable task takes the first `duration` periods at or after its
 * earliest start in which every resource it needs has room, so it uses free capacity in gaps instead of waiting
 * for one window long enough; other tasks are placed whole, as in the non-preemptive kernel. Links are honoured
 * on the real start (first piece) and finish (end of the last piece). Used only by portfolio levelling when the
 * run allows splits; the research kernels (and so the PSPLIB benchmark) never split.
 */
import type { LinkType } from './portfolio-types.js';

/** The problem as levelPortfolio compiled it (demands that can never fit already removed). */
export interface SplitProblem {
  n: number;
  resourceCount: number;
  duration: Int32Array;
  release: Int32Array;
  splittable: Uint8Array;
  /** Per job, its demands: demStart CSR over demRes/demQty (integer hundredths). */
  demStart: Int32Array;
  demRes: Int32Array;
  demQty: Int32Array;
  /** Incoming links per job: CSR over linkFrom/linkType/linkLag. */
  inStart: Int32Array;
  linkFrom: Int32Array;
  linkType: LinkType[];
  linkLag: Int32Array;
  /** Capacity of periods 0..profileLength-1 (period-major, after fixed tasks' bookings), then tail. */
  profileLength: number;
  profile: Int32Array;
  tail: Int32Array;
}

/** Starts, finishes (exclusive end of the last piece) and pieces ([start, end) pairs) of every job. */
export interface SplitSchedule {
  start: Int32Array;
  finish: Int32Array;
  /** Pieces of jobs that were split (two or more pieces), by job index. */
  pieces: Map<number, [number, number][]>;
  makespan: number;
}

/**
 * Schedules jobs in `list` order (precedence-feasible for the links). Returns the schedule, or -(j+1) when job j
 * needs more of a resource than the periods after the capacity profile ever have and found no room inside it.
 */
export function serialWithSplits(p: SplitProblem, list: ArrayLike<number>): SplitSchedule | number {
  const R = p.resourceCount;
  const n = p.n;
  let H = Math.max(64, p.profileLength + 1);
  let avail = new Int32Array(H * R);
  const fill = (arr: Int32Array, from: number, to: number) => {
    for (let t = from; t < to; t++) for (let r = 0; r < R; r++) arr[t * R + r] = t < p.profileLength ? p.profile[t * R + r]! : p.tail[r]!;
  };
  fill(avail, 0, H);
  const grow = (need: number) => {
    const h = Math.max(need + 1, H * 2);
    const next = new Int32Array(h * R);
    next.set(avail);
    fill(next, H, h);
    avail = next;
    H = h;
  };
  // Jobs whose demand exceeds the tail capacity can only run inside the profile.
  const needsProfile = new Uint8Array(n);
  for (let j = 0; j < n; j++) for (let e = p.demStart[j]!; e < p.demStart[j + 1]!; e++) if (p.demQty[e]! > p.tail[p.demRes[e]!]!) needsProfile[j] = 1;
  const fits = (j: number, t: number) => {
    if (t >= H) grow(t + 1);
    const o = t * R;
    for (let e = p.demStart[j]!; e < p.demStart[j + 1]!; e++) if (avail[o + p.demRes[e]!]! < p.demQty[e]!) return false;
    return true;
  };
  const book = (j: number, t: number) => {
    const o = t * R;
    for (let e = p.demStart[j]!; e < p.demStart[j + 1]!; e++) avail[o + p.demRes[e]!]! -= p.demQty[e]!;
  };
  const start = new Int32Array(n);
  const finish = new Int32Array(n);
  const pieces = new Map<number, [number, number][]>();
  let makespan = 0;
  for (let k = 0; k < n; k++) {
    const j = list[k]!;
    const d = p.duration[j]!;
    let es = p.release[j]!;
    for (let e = p.inStart[j]!; e < p.inStart[j + 1]!; e++) {
      const i = p.linkFrom[e]!;
      const lag = p.linkLag[e]!;
      // finish >= start + duration for every job, so bounding the start also bounds FF and SF finishes.
      const c = p.linkType[e] === 'FS' ? finish[i]! + lag : p.linkType[e] === 'SS' ? start[i]! + lag : p.linkType[e] === 'FF' ? finish[i]! + lag - d : start[i]! + lag - d;
      if (c > es) es = c;
    }
    if (es < 0) es = 0;
    const hasDemand = p.demStart[j + 1]! > p.demStart[j]!;
    if (d === 0 || !hasDemand) {
      start[j] = es;
      finish[j] = es + d;
    } else if (p.splittable[j] === 1) {
      const got: [number, number][] = [];
      let left = d;
      for (let t = es; left > 0; t++) {
        if (needsProfile[j] === 1 && t >= p.profileLength) return -(j + 1);
        if (!fits(j, t)) continue;
        book(j, t);
        left--;
        const last = got[got.length - 1];
        if (last && last[1] === t) last[1] = t + 1;
        else got.push([t, t + 1]);
      }
      start[j] = got[0]![0];
      finish[j] = got[got.length - 1]![1];
      if (got.length > 1) pieces.set(j, got);
    } else {
      // Whole: the earliest window of d periods with room in each; a failing period restarts after it.
      let s = es;
      for (let t = s; t < s + d; ) {
        if (needsProfile[j] === 1 && s + d > p.profileLength) return -(j + 1);
        if (fits(j, t)) t++;
        else {
          s = t + 1;
          t = s;
        }
      }
      for (let t = s; t < s + d; t++) book(j, t);
      start[j] = s;
      finish[j] = s + d;
    }
    if (finish[j]! > makespan) makespan = finish[j]!;
  }
  return { start, finish, pieces, makespan };
}
