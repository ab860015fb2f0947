import { LevelingError } from './leveling-error.js';

/**
 * Flat description of a scheduling problem, the input of {@link compileProblem}.
 * Arcs are generalised precedence constraints in start-to-start form: start[to] >= start[from] + delta.
 * Capacity is `profile[t * resourceCount + r]` for periods t < profileLength and `tailCapacity[r]` after.
 */
export interface ProblemSpec {
  durations: ArrayLike<number>;
  releases?: ArrayLike<number>;
  arcFrom: ArrayLike<number>;
  arcTo: ArrayLike<number>;
  arcDelta: ArrayLike<number>;
  resourceCount: number;
  demandJob: ArrayLike<number>;
  demandResource: ArrayLike<number>;
  demandQty: ArrayLike<number>;
  tailCapacity: ArrayLike<number>;
  profileLength?: number;
  profile?: ArrayLike<number>;
}

/** Compiled problem in typed arrays (CSR adjacency and demand lists); read-only for the kernels. */
export interface SchedulingProblem {
  n: number;
  resourceCount: number;
  duration: Int32Array;
  release: Int32Array;
  predStart: Int32Array;
  predIdx: Int32Array;
  predDelta: Int32Array;
  succStart: Int32Array;
  succIdx: Int32Array;
  succDelta: Int32Array;
  demStart: Int32Array;
  demRes: Int32Array;
  demQty: Int32Array;
  profileLength: number;
  profile: Int32Array;
  tail: Int32Array;
  /** A topological order of the arcs and the rank of each job in it. */
  topoOrder: Int32Array;
  topoRank: Int32Array;
  /** True when every arc is finish-to-start with a non-negative lag: start order is then precedence-feasible. */
  simpleArcs: boolean;
  /** 1 when a job demands more than the tail capacity of some resource (it must fit inside the profile). */
  needsProfile: Uint8Array;
}

function checkInt(v: number, what: string, min: number): number {
  if (!Number.isInteger(v) || v < min) {
    throw new LevelingError('INVALID_INSTANCE', `${what} must be an integer >= ${min}, got ${String(v)}`);
  }
  return v;
}

function buildCsr(n: number, keys: ArrayLike<number>, vals: ArrayLike<number>, extra: ArrayLike<number>) {
  const start = new Int32Array(n + 1);
  for (let e = 0; e < keys.length; e++) start[keys[e]! + 1]!++;
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, n);
  const idx = new Int32Array(keys.length);
  const ext = new Int32Array(keys.length);
  for (let e = 0; e < keys.length; e++) {
    const p = fill[keys[e]!]!++;
    idx[p] = vals[e]!;
    ext[p] = extra[e]!;
  }
  return { start, idx, ext };
}

/** Validates a {@link ProblemSpec} and compiles it; throws LevelingError on bad input or a precedence cycle. */
export function compileProblem(spec: ProblemSpec): SchedulingProblem {
  const n = spec.durations.length;
  const R = checkInt(spec.resourceCount, 'resourceCount', 0);
  if (spec.tailCapacity.length !== R) throw new LevelingError('INVALID_INSTANCE', `tailCapacity has ${spec.tailCapacity.length} entries, expected ${R}`);
  const duration = new Int32Array(n);
  const release = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    duration[j] = checkInt(spec.durations[j]!, `duration of job ${j}`, 0);
    release[j] = spec.releases ? checkInt(spec.releases[j]!, `release of job ${j}`, 0) : 0;
  }
  const m = spec.arcFrom.length;
  if (spec.arcTo.length !== m || spec.arcDelta.length !== m) throw new LevelingError('INVALID_INSTANCE', 'arc arrays differ in length');
  let simpleArcs = true;
  for (let e = 0; e < m; e++) {
    const a = spec.arcFrom[e]!;
    const b = spec.arcTo[e]!;
    if (!Number.isInteger(a) || a < 0 || a >= n || !Number.isInteger(b) || b < 0 || b >= n) {
      throw new LevelingError('INVALID_INSTANCE', `arc ${e} references a job outside 0..${n - 1}: ${a} -> ${b}`);
    }
    if (a === b) throw new LevelingError('PRECEDENCE_CYCLE', `job ${a} precedes itself`);
    const d = spec.arcDelta[e]!;
    if (!Number.isInteger(d)) throw new LevelingError('INVALID_INSTANCE', `arc ${e} has a non-integer lag`);
    if (d < duration[a]!) simpleArcs = false;
  }
  const tail = new Int32Array(R);
  for (let r = 0; r < R; r++) tail[r] = checkInt(spec.tailCapacity[r]!, `capacity of resource ${r}`, 0);
  const profileLength = spec.profileLength ?? 0;
  checkInt(profileLength, 'profileLength', 0);
  const profile = new Int32Array(profileLength * R);
  if (profileLength > 0) {
    if (!spec.profile || spec.profile.length < profileLength * R) throw new LevelingError('INVALID_INSTANCE', 'capacity profile is shorter than profileLength * resourceCount');
    for (let i = 0; i < profileLength * R; i++) profile[i] = checkInt(spec.profile[i]!, 'profile capacity', 0);
  }
  const k = spec.demandJob.length;
  if (spec.demandResource.length !== k || spec.demandQty.length !== k) throw new LevelingError('INVALID_INSTANCE', 'demand arrays differ in length');
  const needsProfile = new Uint8Array(n);
  const dj: number[] = [];
  const dr: number[] = [];
  const dq: number[] = [];
  for (let e = 0; e < k; e++) {
    const j = spec.demandJob[e]!;
    const r = spec.demandResource[e]!;
    const q = spec.demandQty[e]!;
    if (!Number.isInteger(j) || j < 0 || j >= n) throw new LevelingError('INVALID_INSTANCE', `demand ${e} references job ${j} outside 0..${n - 1}`);
    if (!Number.isInteger(r) || r < 0 || r >= R) throw new LevelingError('INVALID_INSTANCE', `demand ${e} references resource ${r} outside 0..${R - 1}`);
    checkInt(q, `demand of job ${j} on resource ${r}`, 0);
    if (q === 0 || duration[j] === 0) continue;
    if (q > tail[r]!) needsProfile[j] = 1;
    dj.push(j);
    dr.push(r);
    dq.push(q);
  }
  const pred = buildCsr(n, spec.arcTo, spec.arcFrom, spec.arcDelta);
  const succ = buildCsr(n, spec.arcFrom, spec.arcTo, spec.arcDelta);
  const dem = buildCsr(n, dj, dr, dq);
  // Kahn's algorithm: topological order, or a cycle error naming a job on it.
  const indeg = new Int32Array(n);
  for (let j = 0; j < n; j++) indeg[j] = pred.start[j + 1]! - pred.start[j]!;
  const topoOrder = new Int32Array(n);
  let head = 0;
  let tailQ = 0;
  for (let j = 0; j < n; j++) if (indeg[j] === 0) topoOrder[tailQ++] = j;
  while (head < tailQ) {
    const i = topoOrder[head++]!;
    for (let e = succ.start[i]!; e < succ.start[i + 1]!; e++) {
      const s = succ.idx[e]!;
      if (--indeg[s]! === 0) topoOrder[tailQ++] = s;
    }
  }
  if (tailQ < n) {
    let onCycle = 0;
    while (indeg[onCycle] === 0) onCycle++;
    throw new LevelingError('PRECEDENCE_CYCLE', `precedence links form a cycle (job ${onCycle} is on or behind it)`);
  }
  const topoRank = new Int32Array(n);
  for (let p = 0; p < n; p++) topoRank[topoOrder[p]!] = p;
  return {
    n, resourceCount: R, duration, release,
    predStart: pred.start, predIdx: pred.idx, predDelta: pred.ext,
    succStart: succ.start, succIdx: succ.idx, succDelta: succ.ext,
    demStart: dem.start, demRes: dem.idx, demQty: dem.ext,
    profileLength, profile, tail, topoOrder, topoRank, simpleArcs, needsProfile,
  };
}

/** Earliest start of every job ignoring resources (CPM forward pass with lags and releases). */
export function computeEarliestStarts(p: SchedulingProblem): Int32Array {
  const es = new Int32Array(p.n);
  for (let k = 0; k < p.n; k++) {
    const j = p.topoOrder[k]!;
    let v = p.release[j]!;
    for (let e = p.predStart[j]!; e < p.predStart[j + 1]!; e++) {
      const c = es[p.predIdx[e]!]! + p.predDelta[e]!;
      if (c > v) v = c;
    }
    es[j] = v;
  }
  return es;
}

/** Latest starts for a given project end (CPM backward pass; may be below the earliest start if end is too small). */
export function computeLatestStarts(p: SchedulingProblem, endPeriod: number, latestFinish?: ArrayLike<number>): Int32Array {
  const ls = new Int32Array(p.n);
  for (let k = p.n - 1; k >= 0; k--) {
    const j = p.topoOrder[k]!;
    let v = (latestFinish && latestFinish[j]! < endPeriod ? latestFinish[j]! : endPeriod) - p.duration[j]!;
    for (let e = p.succStart[j]!; e < p.succStart[j + 1]!; e++) {
      const c = ls[p.succIdx[e]!]! - p.succDelta[e]!;
      if (c < v) v = c;
    }
    ls[j] = v;
  }
  return ls;
}

/** Makespan of a start vector: the latest finish. */
export function makespanOf(p: SchedulingProblem, start: ArrayLike<number>): number {
  let m = 0;
  for (let j = 0; j < p.n; j++) {
    const f = start[j]! + p.duration[j]!;
    if (f > m) m = f;
  }
  return m;
}
