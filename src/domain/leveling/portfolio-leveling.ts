import { LevelingError } from './leveling-error.js';
import { compileProblem, computeEarliestStarts, computeLatestStarts, type SchedulingProblem } from './scheduling-problem.js';
import { ScheduleWorkspace } from './sgs-kernel.js';
import { searchSchedule } from './genetic-search.js';
import { createSeededRandom } from './seeded-random.js';
import { serialWithSplits, type SplitProblem, type SplitSchedule } from './split-sgs.js';
import type { LevelingConflict, LinkType, PortfolioInput, PortfolioLevelOptions, PortfolioLevelResult, PortfolioTask } from './portfolio-types.js';

/** Capacity and demand are scaled to integer hundredths of a person. */
const UNIT_SCALE = 100;

function fail(message: string, code: 'INVALID_INSTANCE' | 'UNKNOWN_REFERENCE' = 'INVALID_INSTANCE'): never {
  throw new LevelingError(code, message);
}

function intAtLeast(v: unknown, min: number, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) fail(`${what} must be an integer >= ${min}, got ${String(v)}`);
  return v;
}

function scaled(v: unknown, what: string, allowZero: boolean): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (!allowZero && v <= 0)) {
    fail(`${what} must be a ${allowZero ? 'non-negative' : 'positive'} number, got ${String(v)}`);
  }
  return Math.round(v * UNIT_SCALE);
}

function uniqueIndex<T extends { id: string }>(items: T[], what: string): Map<string, number> {
  const map = new Map<string, number>();
  items.forEach((it, i) => {
    if (!it || typeof it.id !== 'string' || it.id === '') fail(`${what} ${i} has no id`);
    if (map.has(it.id)) fail(`duplicate ${what} id "${it.id}"`);
    map.set(it.id, i);
  });
  return map;
}

/** CSR lists keyed by `keys` (0..n-1) over parallel value columns; `order[e]` is the original index of entry e. */
function csr(n: number, keys: readonly number[], values: readonly (readonly number[])[]) {
  const start = new Int32Array(n + 1);
  for (const k of keys) start[k + 1]!++;
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, n);
  const cols = values.map(() => new Int32Array(keys.length));
  const order = new Int32Array(keys.length);
  keys.forEach((k, e) => {
    const at = fill[k]!++;
    order[at] = e;
    values.forEach((v, c) => { cols[c]![at] = v[e]!; });
  });
  return { start, cols, order };
}

/** Converts a link to start-to-start form: start[to] >= start[from] + delta. */
function linkDelta(type: LinkType, lag: number, dFrom: number, dTo: number): number {
  switch (type) {
    case 'FS': return dFrom + lag;
    case 'SS': return lag;
    case 'FF': return dFrom - dTo + lag;
    case 'SF': return lag - dTo;
  }
}

/**
 * Task priorities as levelling uses them: a task's own (`priority`, default 0), raised to the highest priority of
 * the tasks of the same project that wait for it through links, so the work an important task needs comes first
 * too (otherwise the important task would wait behind everything its predecessor's priority ranks below).
 */
function inheritedTaskPriorities(tasks: readonly PortfolioTask[], p: SchedulingProblem, projIdx: ReadonlyMap<string, number>, linksIntoFixed: readonly { from: number; to: number }[]): Float64Array {
  const prio = new Float64Array(tasks.length);
  tasks.forEach((t, j) => {
    if (t.priority !== undefined && (typeof t.priority !== 'number' || !Number.isFinite(t.priority))) fail(`priority of task "${t.id}" must be a number`);
    prio[j] = t.priority ?? 0;
  });
  // Links into fixed tasks are not arcs of the problem; their predecessors still take the fixed task's priority.
  for (const { from, to } of linksIntoFixed) {
    if (projIdx.get(tasks[from]!.projectId) === projIdx.get(tasks[to]!.projectId) && (tasks[to]!.priority ?? 0) > prio[from]!) prio[from] = tasks[to]!.priority ?? 0;
  }
  // Successors before predecessors: a reverse topological order of the links.
  for (let k = p.topoOrder.length - 1; k >= 0; k--) {
    const j = p.topoOrder[k]!;
    const project = projIdx.get(tasks[j]!.projectId);
    for (let e = p.succStart[j]!; e < p.succStart[j + 1]!; e++) {
      const s = p.succIdx[e]!;
      if (projIdx.get(tasks[s]!.projectId) === project && prio[s]! > prio[j]!) prio[j] = prio[s]!;
    }
  }
  return prio;
}

/**
 * Dense integer keys of the priority order (smaller = earlier): fixed tasks first, then higher project priority,
 * higher task priority, earlier latest finish. Equal tuples share a key (ties are broken by topological rank later).
 * Dense ranks keep the kernel's key x (n + 1) + rank exact however large the priorities are.
 */
function priorityKeys(n: number, fixed: Int32Array, projectPrio: (j: number) => number, taskPrio: Float64Array, latestFinish: (j: number) => number): Float64Array {
  const tuple = (j: number): [number, number, number, number] => [fixed[j]! >= 0 ? 0 : 1, -projectPrio(j), -taskPrio[j]!, latestFinish(j)];
  const tuples = Array.from({ length: n }, (_, j) => tuple(j));
  const order = Array.from({ length: n }, (_, j) => j);
  const cmp = (a: number, b: number) => {
    const x = tuples[a]!;
    const y = tuples[b]!;
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || x[3] - y[3];
  };
  order.sort(cmp);
  const key = new Float64Array(n);
  for (let i = 1; i < n; i++) key[order[i]!] = key[order[i - 1]!]! + (cmp(order[i - 1]!, order[i]!) === 0 ? 0 : 1);
  return key;
}

/**
 * Levels a set of projects together against per-period resource capacity: honours links (FS/SS/FF/SF with
 * lags), earliest starts, fixed starts (never moved) and project priorities (higher priority first).
 * Returns new starts, delays against the unlevelled schedule, conflicts it could not resolve (demand above
 * capacity, fixed starts that overload a resource or break a link, missed deadlines) and statistics.
 * Throws LevelingError for malformed input, unknown references or a precedence cycle. Pure and deterministic.
 */
export function levelPortfolio(input: PortfolioInput, options: PortfolioLevelOptions = {}): PortfolioLevelResult {
  if (!input || !Array.isArray(input.resources) || !Array.isArray(input.projects) || !Array.isArray(input.tasks)) {
    fail('portfolio input needs resources, projects and tasks arrays');
  }
  if (options.budgetMs !== undefined && typeof options.now !== 'function') {
    throw new LevelingError('INVALID_OPTIONS', 'budgetMs needs a clock function `now`');
  }
  const { resources, projects, tasks } = input;
  const links = input.links ?? [];
  const resIdx = uniqueIndex(resources, 'resource');
  const projIdx = uniqueIndex(projects, 'project');
  const taskIdx = uniqueIndex(tasks, 'task');
  const n = tasks.length;
  const R = resources.length;
  const conflicts: LevelingConflict[] = [];

  // Resources: tail capacity and the explicit per-period profile.
  const tail = new Int32Array(R);
  let P = 0;
  resources.forEach((r, i) => {
    tail[i] = scaled(r.capacity, `capacity of resource "${r.id}"`, true);
    if (r.capacityByPeriod !== undefined) {
      if (!Array.isArray(r.capacityByPeriod)) fail(`capacityByPeriod of resource "${r.id}" must be an array`);
      P = Math.max(P, r.capacityByPeriod.length);
    }
  });
  const duration = new Int32Array(n);
  const release = new Int32Array(n);
  const fixed = new Int32Array(n).fill(-1);
  tasks.forEach((t, j) => {
    if (!projIdx.has(t.projectId)) fail(`task "${t.id}" references unknown project "${t.projectId}"`, 'UNKNOWN_REFERENCE');
    duration[j] = intAtLeast(t.durationPeriods, 0, `duration of task "${t.id}"`);
    release[j] = t.earliestStartPeriod === undefined ? 0 : intAtLeast(t.earliestStartPeriod, 0, `earliest start of task "${t.id}"`);
    if (t.fixedStartPeriod !== undefined) {
      fixed[j] = intAtLeast(t.fixedStartPeriod, 0, `fixed start of task "${t.id}"`);
      release[j] = fixed[j]!;
      P = Math.max(P, fixed[j]! + duration[j]!);
    }
    if (t.deadlinePeriod !== undefined) intAtLeast(t.deadlinePeriod, 0, `deadline of task "${t.id}"`);
  });
  const profile = new Int32Array(P * R);
  resources.forEach((r, i) => {
    const byPeriod = r.capacityByPeriod ?? [];
    for (let t = 0; t < P; t++) {
      profile[t * R + i] = t < byPeriod.length ? scaled(byPeriod[t], `capacity of resource "${r.id}" in period ${t}`, true) : tail[i]!;
    }
  });

  // Demands: fixed tasks consume capacity up front; others go to the kernel unless no period could hold them.
  const dj: number[] = [];
  const dr: number[] = [];
  const dq: number[] = [];
  const maxCap = Int32Array.from(tail);
  const demandOf: { r: number; q: number }[][] = tasks.map(() => []);
  tasks.forEach((t, j) => {
    for (const d of t.demands ?? []) {
      const r = resIdx.get(d?.resourceId);
      if (r === undefined) fail(`task "${t.id}" demands unknown resource "${String(d?.resourceId)}"`, 'UNKNOWN_REFERENCE');
      demandOf[j]!.push({ r, q: scaled(d.units, `units of task "${t.id}" on resource "${d.resourceId}"`, false) });
    }
  });
  tasks.forEach((t, j) => {
    if (fixed[j]! < 0) return;
    for (const { r, q } of demandOf[j]!) {
      let reported = false;
      for (let u = fixed[j]!; u < fixed[j]! + duration[j]!; u++) {
        const o = u * R + r;
        if (profile[o]! < q && !reported) {
          reported = true;
          conflicts.push({ kind: 'fixed-start-overload', taskId: t.id, resourceId: resources[r]!.id, period: u, message: `fixed task "${t.id}" needs more of "${resources[r]!.id}" than is left in period ${u}` });
        }
        profile[o] = Math.max(0, profile[o]! - q);
      }
    }
  });
  for (let t = 0; t < P; t++) for (let r = 0; r < R; r++) if (profile[t * R + r]! > maxCap[r]!) maxCap[r] = profile[t * R + r]!;
  tasks.forEach((t, j) => {
    if (fixed[j]! >= 0 || duration[j] === 0) return;
    for (const { r, q } of demandOf[j]!) {
      if (q > maxCap[r]!) {
        conflicts.push({ kind: 'demand-exceeds-capacity', taskId: t.id, resourceId: resources[r]!.id, units: q / UNIT_SCALE, maxCapacity: maxCap[r]! / UNIT_SCALE, message: `task "${t.id}" needs ${q / UNIT_SCALE} of "${resources[r]!.id}", which never has more than ${maxCap[r]! / UNIT_SCALE}` });
        continue;
      }
      dj.push(j);
      dr.push(r);
      dq.push(q);
    }
  });

  // Links in start-to-start form; links into fixed tasks are checked afterwards instead of enforced.
  const af: number[] = [];
  const at: number[] = [];
  const ad: number[] = [];
  const checkLater: { from: number; to: number; type: LinkType; lag: number }[] = [];
  // Links as given (for splitting, where a finish is not start + duration), without those into fixed tasks.
  const lf: number[] = [];
  const lt: number[] = [];
  const ltype: LinkType[] = [];
  const llag: number[] = [];
  links.forEach((l, e) => {
    const a = taskIdx.get(l?.fromTaskId);
    const b = taskIdx.get(l?.toTaskId);
    if (a === undefined || b === undefined) fail(`link ${e} references unknown task "${a === undefined ? l?.fromTaskId : l?.toTaskId}"`, 'UNKNOWN_REFERENCE');
    const type = l.type ?? 'FS';
    if (!['FS', 'SS', 'FF', 'SF'].includes(type)) fail(`link ${e} has unknown type "${String(type)}"`);
    const lag = l.lagPeriods ?? 0;
    if (!Number.isInteger(lag)) fail(`link ${e} lag must be an integer number of periods`);
    const delta = linkDelta(type, lag, duration[a]!, duration[b]!);
    if (fixed[b]! >= 0) checkLater.push({ from: a, to: b, type, lag });
    else {
      af.push(a);
      at.push(b);
      ad.push(delta);
      lf.push(a);
      lt.push(b);
      ltype.push(type);
      llag.push(lag);
    }
  });

  const build = (): SchedulingProblem => compileProblem({
    durations: duration, releases: release, arcFrom: af, arcTo: at, arcDelta: ad, resourceCount: R,
    demandJob: dj, demandResource: dr, demandQty: dq, tailCapacity: tail, profileLength: P, profile,
  });
  let p = build();
  const early = computeEarliestStarts(p);
  let cpEnd = 0;
  for (let j = 0; j < n; j++) cpEnd = Math.max(cpEnd, early[j]! + duration[j]!);

  // Priority keys: project priority first, then task priority (as MS Project's "Priority, Standard"), then latest
  // finish (bounded by deadlines, which so pull their task and its predecessors forward).
  const deadline = new Int32Array(n).fill(0x7fffffff);
  tasks.forEach((t, j) => { if (t.deadlinePeriod !== undefined) deadline[j] = t.deadlinePeriod; });
  const ls = computeLatestStarts(p, cpEnd, deadline);
  const projectPrio = projects.map((pr) => {
    if (typeof pr.priority !== 'number' || !Number.isFinite(pr.priority)) fail(`priority of project "${pr.id}" must be a number`);
    return pr.priority;
  });
  const taskPrio = inheritedTaskPriorities(tasks, p, projIdx, checkLater);
  const key = priorityKeys(n, fixed, (j) => projectPrio[projIdx.get(tasks[j]!.projectId)!]!, taskPrio, (j) => ls[j]! + duration[j]!);

  const start = new Int32Array(n);
  const finish = new Int32Array(n);
  const list = new Int32Array(n);
  let schedules = 0;
  let mk = -1;
  for (let attempt = 0; attempt <= dj.length; attempt++) {
    const ws = new ScheduleWorkspace(p);
    ws.orderByKeys(key, false, list);
    mk = ws.serial(list, start);
    schedules += ws.schedules;
    if (mk >= 0) break;
    // A job that fits only inside the capacity profile found no window there: report and drop those demands.
    const j = -mk - 1;
    for (let e = dj.length - 1; e >= 0; e--) {
      if (dj[e] === j && dq[e]! > tail[dr[e]!]!) {
        conflicts.push({ kind: 'no-capacity-window', taskId: tasks[j]!.id, resourceId: resources[dr[e]!]!.id, units: dq[e]! / UNIT_SCALE, message: `task "${tasks[j]!.id}" finds no window with ${dq[e]! / UNIT_SCALE} of "${resources[dr[e]!]!.id}" free` });
        dj.splice(e, 1);
        dr.splice(e, 1);
        dq.splice(e, 1);
      }
    }
    p = build();
  }
  const priorityList = list.slice();
  let optimized = false;
  if (options.strategy === 'optimize' && n > 0) {
    const out = searchSchedule(p, {
      maxSchedules: options.maxSchedules ?? (options.budgetMs !== undefined ? Number.POSITIVE_INFINITY : Math.max(50, Math.min(2000, Math.floor(1_000_000 / Math.max(1, n))))),
      budgetMs: options.budgetMs, now: options.now,
      random: createSeededRandom(options.seed ?? 1),
    });
    schedules += out.schedules;
    if (out.makespan >= 0 && out.makespan < mk) {
      start.set(out.start);
      mk = out.makespan;
      optimized = true;
    }
  }
  for (let j = 0; j < n; j++) finish[j] = start[j]! + duration[j]!;

  // Splitting: decode the priority order (and, for 'optimize', the order of the best schedule found) again,
  // letting splittable tasks take free periods in pieces.
  let split: SplitSchedule | null = null;
  const splittable = new Uint8Array(n);
  if (options.allowSplits) tasks.forEach((t, j) => { if (t.splittable !== false && fixed[j]! < 0 && duration[j]! > 1) splittable[j] = 1; });
  if (splittable.some((v) => v === 1)) {
    const dem = csr(n, dj, [dr, dq]);
    const inl = csr(n, lt, [lf, llag]);
    const order = (e: number) => inl.order[e]!;
    const sp: SplitProblem = {
      n, resourceCount: R, duration, release, splittable,
      demStart: dem.start, demRes: dem.cols[0]!, demQty: dem.cols[1]!,
      inStart: inl.start, linkFrom: inl.cols[0]!, linkType: Array.from({ length: lt.length }, (_, e) => ltype[order(e)]!), linkLag: inl.cols[1]!,
      profileLength: P, profile: p.profile, tail,
    };
    const candidates: ArrayLike<number>[] = [priorityList];
    if (optimized) {
      const ws = new ScheduleWorkspace(p);
      const byStart = new Int32Array(n);
      ws.orderByKeys(start, false, byStart);
      candidates.push(byStart);
    }
    for (const c of candidates) {
      const s = serialWithSplits(sp, c);
      schedules++;
      if (typeof s === 'number') continue;
      // 'priority' keeps the priority semantics (split decode of the priority order); 'optimize' keeps the shorter.
      if (!optimized || (s.makespan <= mk && (!split || s.makespan < split.makespan))) split = s;
    }
    if (split) {
      start.set(split.start);
      finish.set(split.finish);
      mk = split.makespan;
    }
  }

  for (const c of checkLater) {
    const a = c.from;
    const b = c.to;
    const ok = c.type === 'FS' ? start[b]! >= finish[a]! + c.lag : c.type === 'SS' ? start[b]! >= start[a]! + c.lag : c.type === 'FF' ? finish[b]! >= finish[a]! + c.lag : finish[b]! >= start[a]! + c.lag;
    if (!ok) {
      conflicts.push({ kind: 'fixed-start-link-violated', taskId: tasks[c.to]!.id, predecessorTaskId: tasks[c.from]!.id, message: `fixed task "${tasks[c.to]!.id}" starts before its link from "${tasks[c.from]!.id}" allows` });
    }
  }
  const projFinish = new Int32Array(projects.length);
  const projEarly = new Int32Array(projects.length);
  let delayed = 0;
  let totalDelay = 0;
  let makespan = 0;
  const out = tasks.map((t, j) => {
    const s = start[j]!;
    const f = finish[j]!;
    const pi = projIdx.get(t.projectId)!;
    projFinish[pi] = Math.max(projFinish[pi]!, f);
    projEarly[pi] = Math.max(projEarly[pi]!, early[j]! + duration[j]!);
    makespan = Math.max(makespan, f);
    const delay = s - early[j]!;
    if (delay > 0) {
      delayed++;
      totalDelay += delay;
    }
    if (t.deadlinePeriod !== undefined && f > t.deadlinePeriod) {
      conflicts.push({ kind: 'deadline-missed', taskId: t.id, deadlinePeriod: t.deadlinePeriod, finishPeriod: f, message: `task "${t.id}" finishes in period ${f}, after its deadline ${t.deadlinePeriod}` });
    }
    const pieces = split?.pieces.get(j);
    return { id: t.id, projectId: t.projectId, startPeriod: s, finishPeriod: f, earlyStartPeriod: early[j]!, delayPeriods: delay, ...(pieces ? { pieces: pieces.map(([a, b]) => ({ startPeriod: a, finishPeriod: b })) } : {}) };
  });
  return {
    tasks: out,
    projects: projects.map((pr, i) => ({ id: pr.id, priority: pr.priority, finishPeriod: projFinish[i]!, unleveledFinishPeriod: projEarly[i]!, delayPeriods: projFinish[i]! - projEarly[i]! })),
    conflicts,
    stats: { taskCount: n, resourceCount: R, projectCount: projects.length, makespanPeriods: makespan, unleveledMakespanPeriods: cpEnd, delayedTasks: delayed, totalDelayPeriods: totalDelay, schedules, splitTasks: split?.pieces.size ?? 0 },
  };
}
