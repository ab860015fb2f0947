import type { SchedulingProblem } from './scheduling-problem.js';

/**
 * Reusable scratch state for schedule generation on one problem: the remaining-capacity profile
 * (period-major, `avail[t * R + r]`), grown on demand, and buffers for orders and starts.
 * Not thread-safe; one workspace per concurrent search.
 */
export class ScheduleWorkspace {
  readonly p: SchedulingProblem;
  private horizon: number;
  private base: Int32Array;
  private avail: Int32Array;
  private touched = 0;
  private bucket: Int32Array;
  private readonly keyBuf: Int32Array;
  private readonly prevStart: Int32Array;
  private bucketSize: number;
  private readonly heapKeys: Float64Array;
  private readonly heapJobs: Int32Array;
  private readonly indeg: Int32Array;
  private readonly tmpStart: Int32Array;
  private readonly tmpOrder: Int32Array;
  /** Schedules generated so far (each forward or backward pass counts one). */
  schedules = 0;

  constructor(p: SchedulingProblem, initialHorizon?: number) {
    this.p = p;
    let h = initialHorizon ?? 0;
    if (h <= 0) {
      let sum = 0;
      let rel = 0;
      for (let j = 0; j < p.n; j++) {
        sum += p.duration[j]!;
        if (p.release[j]! > rel) rel = p.release[j]!;
      }
      h = Math.min(sum + rel + p.profileLength + 1, Math.max(1024, p.profileLength + 1));
      if (p.n <= 5000) h = sum + rel + p.profileLength + 1;
    }
    this.horizon = Math.max(1, h);
    this.base = new Int32Array(this.horizon * p.resourceCount);
    this.fillBase(this.base, 0, this.horizon);
    this.avail = this.base.slice();
    this.bucketSize = this.horizon + 2;
    this.bucket = new Int32Array(this.bucketSize);
    this.keyBuf = new Int32Array(p.n);
    this.prevStart = new Int32Array(p.n);
    this.heapKeys = new Float64Array(p.n);
    this.heapJobs = new Int32Array(p.n);
    this.indeg = new Int32Array(p.n);
    this.tmpStart = new Int32Array(p.n);
    this.tmpOrder = new Int32Array(p.n);
  }

  private fillBase(arr: Int32Array, from: number, to: number): void {
    const p = this.p;
    const R = p.resourceCount;
    const P = p.profileLength;
    for (let t = from; t < to; t++) {
      const o = t * R;
      if (t < P) for (let r = 0; r < R; r++) arr[o + r] = p.profile[o + r]!;
      else for (let r = 0; r < R; r++) arr[o + r] = p.tail[r]!;
    }
  }

  private grow(needed: number): void {
    const R = this.p.resourceCount;
    const h = Math.max(needed + 1, this.horizon * 2);
    const nb = new Int32Array(h * R);
    nb.set(this.base);
    this.fillBase(nb, this.horizon, h);
    const na = nb.slice();
    na.set(this.avail);
    this.base = nb;
    this.avail = na;
    this.horizon = h;
  }

  private reset(): void {
    if (this.touched > 0) this.avail.set(this.base.subarray(0, this.touched * this.p.resourceCount));
    this.touched = 0;
  }

  /** Current capacity buffer length in periods (for tests and diagnostics). */
  get horizonPeriods(): number {
    return this.horizon;
  }

  /**
   * Serial SGS: schedules jobs in `list` order (must be precedence-feasible), each at its earliest
   * precedence- and resource-feasible start. Writes `start`; returns the makespan, or -(j+1) when job j
   * can never fit (it demands more than the capacity left after the profile ends).
   */
  serial(list: ArrayLike<number>, start: Int32Array): number {
    const p = this.p;
    this.reset();
    this.schedules++;
    const R = p.resourceCount;
    const { duration, release, predStart, predIdx, predDelta, demStart, demRes, demQty, needsProfile } = p;
    const P = p.profileLength;
    let avail = this.avail;
    let H = this.horizon;
    let mk = 0;
    let touched = 0;
    const n = p.n;
    for (let k = 0; k < n; k++) {
      const j = list[k]!;
      let s = release[j]!;
      for (let e = predStart[j]!, eEnd = predStart[j + 1]!; e < eEnd; e++) {
        const c = start[predIdx[e]!]! + predDelta[e]!;
        if (c > s) s = c;
      }
      const d = duration[j]!;
      const a = demStart[j]!;
      const b = demStart[j + 1]!;
      if (a < b) {
        // Check each window from its end backwards: a failing period t moves the start to t + 1 and the
        // periods already verified (t + 1 .. old end) are not checked again.
        const np = needsProfile[j] === 1;
        let okEnd = s;
        let end = s + d;
        let t: number;
        while (true) {
          if (np && end > P) {
            this.touched = Math.max(this.touched, touched);
            return -(j + 1);
          }
          if (end > H) {
            this.touched = Math.max(this.touched, touched);
            this.grow(end);
            avail = this.avail;
            H = this.horizon;
          }
          let failed = -1;
          for (t = end - 1; t >= okEnd; t--) {
            const o = t * R;
            let e = a;
            for (; e < b; e++) if (avail[o + demRes[e]!]! < demQty[e]!) break;
            if (e < b) {
              failed = t;
              break;
            }
          }
          if (failed < 0) break;
          okEnd = end;
          s = failed + 1;
          end = s + d;
        }
        for (t = s; t < end; t++) {
          const o = t * R;
          for (let e = a; e < b; e++) avail[o + demRes[e]!]! -= demQty[e]!;
        }
        if (end > touched) touched = end;
      }
      start[j] = s;
      if (s + d > mk) mk = s + d;
    }
    this.touched = Math.max(this.touched, touched);
    return mk;
  }

  /**
   * Backward serial SGS (right justification): schedules jobs in `order` (successors first) as late as
   * possible so that everything finishes by `endPeriod`, writing `start`. Returns false when a job
   * cannot be placed at or after its release (the caller then keeps its previous schedule).
   */
  backward(order: ArrayLike<number>, endPeriod: number, start: Int32Array): boolean {
    const p = this.p;
    this.reset();
    this.schedules++;
    if (endPeriod > this.horizon) this.grow(endPeriod);
    const R = p.resourceCount;
    const { duration, release, succStart, succIdx, succDelta, demStart, demRes, demQty } = p;
    const avail = this.avail;
    const n = p.n;
    let touched = 0;
    for (let k = 0; k < n; k++) {
      const j = order[k]!;
      const d = duration[j]!;
      let ls = endPeriod - d;
      for (let e = succStart[j]!, eEnd = succStart[j + 1]!; e < eEnd; e++) {
        const c = start[succIdx[e]!]! - succDelta[e]!;
        if (c < ls) ls = c;
      }
      const rel = release[j]!;
      if (ls < rel) {
        this.touched = Math.max(this.touched, touched);
        return false;
      }
      const a = demStart[j]!;
      const b = demStart[j + 1]!;
      if (a < b) {
        // Mirror of the forward trick: check each window from its start upwards.
        let f = ls + d;
        let okStart = f;
        let t: number;
        while (true) {
          const begin = f - d;
          if (begin < rel) {
            this.touched = Math.max(this.touched, touched);
            return false;
          }
          let failed = -1;
          for (t = begin; t < okStart; t++) {
            const o = t * R;
            let e = a;
            for (; e < b; e++) if (avail[o + demRes[e]!]! < demQty[e]!) break;
            if (e < b) {
              failed = t;
              break;
            }
          }
          if (failed < 0) break;
          okStart = begin;
          f = failed;
        }
        ls = f - d;
        for (let t = ls; t < f; t++) {
          const o = t * R;
          for (let e = a; e < b; e++) avail[o + demRes[e]!]! -= demQty[e]!;
        }
        if (f > touched) touched = f;
      }
      start[j] = ls;
    }
    this.touched = Math.max(this.touched, touched);
    return true;
  }

  /** Writes into `out` a precedence-feasible order by increasing `start` (ties by topological rank). */
  orderByStart(start: Int32Array, out: Int32Array): void {
    const p = this.p;
    if (p.simpleArcs) this.countingOrder(start, false, out);
    else this.keyedOrder(start, false, out);
  }

  /** Writes into `out` a reverse-precedence-feasible order by decreasing finish (successors first). */
  orderByFinishDesc(start: Int32Array, out: Int32Array): void {
    const p = this.p;
    if (p.simpleArcs) this.countingOrder(start, true, out);
    else this.keyedOrder(start, true, out);
  }

  private countingOrder(start: Int32Array, byFinishDesc: boolean, out: Int32Array): void {
    const p = this.p;
    const n = p.n;
    let maxKey = 0;
    const key = this.keyBuf;
    let mk = 0;
    for (let j = 0; j < n; j++) {
      const f = start[j]! + p.duration[j]!;
      if (f > mk) mk = f;
    }
    for (let j = 0; j < n; j++) {
      const k = byFinishDesc ? mk - start[j]! - p.duration[j]! : start[j]!;
      key[j] = k;
      if (k > maxKey) maxKey = k;
    }
    let cnt = this.bucket;
    if (maxKey + 2 > this.bucketSize) {
      this.bucketSize = maxKey + 2;
      cnt = new Int32Array(this.bucketSize);
      this.bucket = cnt;
    }
    cnt.fill(0, 0, maxKey + 2);
    for (let j = 0; j < n; j++) cnt[key[j]! + 1]!++;
    for (let k = 0; k <= maxKey; k++) cnt[k + 1]! += cnt[k]!;
    const topo = p.topoOrder;
    if (!byFinishDesc) {
      for (let q = 0; q < n; q++) {
        const j = topo[q]!;
        out[cnt[key[j]!]!++] = j;
      }
    } else {
      for (let q = n - 1; q >= 0; q--) {
        const j = topo[q]!;
        out[cnt[key[j]!]!++] = j;
      }
    }
  }

  /** Precedence-feasible order picking, among eligible jobs, the smallest start (or largest finish). */
  private keyedOrder(start: Int32Array, reverse: boolean, out: Int32Array): void {
    const p = this.p;
    const n = p.n;
    const key = new Float64Array(n);
    for (let j = 0; j < n; j++) key[j] = reverse ? -(start[j]! + p.duration[j]!) : start[j]!;
    this.orderByKeys(key, reverse, out);
  }

  /**
   * Topological order choosing, among jobs whose predecessors (successors when `reverse`) are all
   * placed, the one with the smallest key; ties by topological rank. O(n log n).
   */
  orderByKeys(key: ArrayLike<number>, reverse: boolean, out: Int32Array): void {
    const p = this.p;
    const n = p.n;
    const indeg = this.indeg;
    const cs = reverse ? p.succStart : p.predStart;
    const ns = reverse ? p.predStart : p.succStart;
    const ni = reverse ? p.predIdx : p.succIdx;
    const hk = this.heapKeys;
    const hj = this.heapJobs;
    const scale = n + 1;
    const topoRank = p.topoRank;
    let size = 0;
    let k = 0;
    for (let j0 = -1; ; ) {
      // Push newly eligible jobs: all roots first (j0 = -1), then the successors released by j0.
      const from = j0 < 0 ? 0 : ns[j0]!;
      const to = j0 < 0 ? n : ns[j0 + 1]!;
      for (let e = from; e < to; e++) {
        let j: number;
        if (j0 < 0) {
          j = e;
          indeg[j] = cs[j + 1]! - cs[j]!;
          if (indeg[j] !== 0) continue;
        } else {
          j = ni[e]!;
          if (--indeg[j]! !== 0) continue;
        }
        const rank = reverse ? n - 1 - topoRank[j]! : topoRank[j]!;
        const kv = key[j]! * scale + rank;
        let i = size++;
        while (i > 0) {
          const par = (i - 1) >> 1;
          if (hk[par]! <= kv) break;
          hk[i] = hk[par]!;
          hj[i] = hj[par]!;
          i = par;
        }
        hk[i] = kv;
        hj[i] = j;
      }
      if (size === 0) break;
      const top = hj[0]!;
      size--;
      if (size > 0) {
        const kv = hk[size]!;
        const jv = hj[size]!;
        let i = 0;
        while (true) {
          let c = 2 * i + 1;
          if (c >= size) break;
          if (c + 1 < size && hk[c + 1]! < hk[c]!) c++;
          if (hk[c]! >= kv) break;
          hk[i] = hk[c]!;
          hj[i] = hj[c]!;
          i = c;
        }
        hk[i] = kv;
        hj[i] = jv;
      }
      out[k++] = top;
      j0 = top;
    }
  }

  /**
   * Forward-backward improvement (double justification, Valls et al. 2005): decodes `list` with the serial
   * SGS, then alternates right and left justification while the makespan shrinks. Leaves the best
   * left-justified schedule in `start`, writes its start order into `list`, and returns its makespan
   * (negative as in {@link serial} on failure).
   */
  decodeWithJustification(list: Int32Array, start: Int32Array, maxRounds = 4): number {
    let mk = this.serial(list, start);
    if (mk < 0) return mk;
    const ord = this.tmpOrder;
    const back = this.tmpStart;
    const prev = this.prevStart;
    for (let round = 0; round < maxRounds; round++) {
      this.orderByFinishDesc(start, ord);
      if (!this.backward(ord, mk, back)) break;
      this.orderByStart(back, ord);
      prev.set(start);
      const mk2 = this.serial(ord, start);
      if (mk2 < 0 || mk2 > mk) {
        // Only possible with varying capacity: keep the previous schedule.
        start.set(prev);
        break;
      }
      const improved = mk2 < mk;
      mk = mk2;
      if (!improved) break;
    }
    this.orderByStart(start, list);
    return mk;
  }
}
