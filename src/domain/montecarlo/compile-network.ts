import type { McDistribution, McLinkType, McNetwork, ThreePointEstimate } from './montecarlo-types.js';
import { MonteCarloInputError } from './montecarlo-error.js';
import { compileCorrelationGroups } from './compile-correlation.js';
import { listOf } from './input-list.js';
import { createEstimateTable, encodeEstimate, sealEstimateTable, type EstimateTable } from './estimate-table.js';

/** Link type codes in the kernel. */
export const LINK_FS = 0;
export const LINK_SS = 1;
export const LINK_FF = 2;
export const LINK_SF = 3;

const LINK_CODES: Record<McLinkType, number> = { FS: LINK_FS, SS: LINK_SS, FF: LINK_FF, SF: LINK_SF };
const DISTRIBUTIONS: ReadonlySet<string> = new Set(['triangular', 'pert', 'fixed']);

/**
 * A validated network in kernel form. Tasks are renumbered in topological order (index = position);
 * `inputIndexOf[k]` maps back to the caller's order. Predecessor lists are CSR arrays; within each task's
 * range, links that bound its start (FS, SS) come before links that bound its finish (FF, SF).
 */
export interface CompiledNetwork {
  taskCount: number;
  taskIds: string[];
  inputIndexOf: Int32Array;
  durations: EstimateTable;
  mostLikelyDuration: Float64Array;
  predStart: Int32Array;
  predTask: Int32Array;
  predType: Uint8Array;
  predLag: Float64Array;
  /** Forward pass: per predecessor link, index into interleaved [ES, EF] times (2p or 2p+1). */
  predSrc: Int32Array;
  /**
   * Per task, the first of its links that bound its finish (FF, SF: the task's own duration is
   * subtracted); links from predStart[t] to predFinishStart[t] bound its start (FS, SS).
   */
  predFinishStart: Int32Array;
  costLineCount: number;
  costFixed: EstimateTable;
  costHasFixed: Uint8Array;
  costMostLikely: Float64Array;
  costTask: Int32Array;
  costRate: Float64Array;
  eventIds: string[];
  eventProbability: Float64Array;
  impactStart: Int32Array;
  /** 0 = duration (target is a task), 1 = cost (target is a cost line). */
  impactKind: Uint8Array;
  impactTarget: Int32Array;
  impacts: EstimateTable;
  /**
   * 1 when the task's duration is statistically independent of every other task's: not in a
   * correlation group, and no risk event that touches it also changes another task's duration.
   */
  independentDuration: Uint8Array;
  /** Correlation groups in topological task indices with their target correlation matrices. */
  correlationGroups: Array<{ tasks: Int32Array; matrix: Float64Array; cholesky: Float64Array }>;
}

/** Throws unless the estimate is finite and ordered; `nonNegative` also requires min >= 0. */
function checkEstimate(e: ThreePointEstimate | undefined, path: string, nonNegative: boolean): void {
  if (!e || typeof e !== 'object') throw new MonteCarloInputError('MC_INVALID_ESTIMATE', 'three-point estimate required', path);
  const { min, mostLikely, max } = e;
  for (const [k, v] of [['min', min], ['mostLikely', mostLikely], ['max', max]] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new MonteCarloInputError('MC_INVALID_ESTIMATE', `${k} must be a finite number, got ${String(v)}`, path);
    }
  }
  if (!(min <= mostLikely && mostLikely <= max)) {
    throw new MonteCarloInputError('MC_INVALID_ESTIMATE', `needs min <= mostLikely <= max, got ${min} / ${mostLikely} / ${max}`, path);
  }
  if (nonNegative && min < 0) throw new MonteCarloInputError('MC_INVALID_ESTIMATE', `min must be >= 0, got ${min}`, path);
}

/** Validates an optional distribution name and returns it with the default. */
function checkDistribution(d: McDistribution | undefined, path: string): McDistribution {
  if (d === undefined) return 'triangular';
  if (!DISTRIBUTIONS.has(d)) {
    throw new MonteCarloInputError('MC_INVALID_DISTRIBUTION', `distribution must be triangular, pert or fixed, got ${String(d)}`, path);
  }
  return d;
}

/** Normalises a scalar-or-estimate impact to an estimate. */
function asEstimate(v: ThreePointEstimate | number): ThreePointEstimate {
  return typeof v === 'number' ? { min: v, mostLikely: v, max: v } : v;
}

/** Indexes ids, rejecting empty and duplicate ids. */
function indexIds(items: Array<{ id: string }>, what: string): Map<string, number> {
  const map = new Map<string, number>();
  items.forEach((item, i) => {
    if (typeof item.id !== 'string' || item.id === '') {
      throw new MonteCarloInputError('MC_DUPLICATE_ID', `${what} id must be a non-empty string`, `${what}[${i}].id`);
    }
    if (map.has(item.id)) throw new MonteCarloInputError('MC_DUPLICATE_ID', `duplicate ${what} id "${item.id}"`, `${what}[${i}].id`);
    map.set(item.id, i);
  });
  return map;
}

/** Kahn's algorithm over input indices; on a cycle, names the tasks of one cycle. */
function topologicalOrder(n: number, from: Int32Array, to: Int32Array, ids: string[]): Int32Array {
  const indeg = new Int32Array(n);
  const start = new Int32Array(n + 1);
  for (let k = 0; k < to.length; k++) {
    indeg[to[k]]++;
    start[from[k] + 1]++;
  }
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const adj = new Int32Array(to.length);
  const fill = start.slice(0, n);
  for (let k = 0; k < to.length; k++) adj[fill[from[k]]++] = to[k];
  const order = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < n; i++) if (indeg[i] === 0) order[tail++] = i;
  while (head < tail) {
    const v = order[head++];
    for (let k = start[v]; k < start[v + 1]; k++) if (--indeg[adj[k]] === 0) order[tail++] = adj[k];
  }
  if (tail < n) throw new MonteCarloInputError('MC_CYCLE', `dependency cycle: ${describeCycle(n, from, to, indeg, ids)}`, 'links');
  return order;
}

/** Walks predecessors among the nodes Kahn could not place until a node repeats. */
function describeCycle(n: number, from: Int32Array, to: Int32Array, indeg: Int32Array, ids: string[]): string {
  const predOf = new Int32Array(n).fill(-1);
  for (let k = 0; k < to.length; k++) if (indeg[to[k]] > 0 && indeg[from[k]] > 0) predOf[to[k]] = from[k];
  let v = 0;
  while (indeg[v] === 0) v++;
  const seenAt = new Map<number, number>();
  const path: number[] = [];
  while (!seenAt.has(v)) {
    seenAt.set(v, path.length);
    path.push(v);
    v = predOf[v];
  }
  const cycle = path.slice(seenAt.get(v)).reverse();
  return [...cycle, cycle[0]].map((i) => ids[i]).join(' -> ');
}

/** True for the link types that constrain the successor's finish (FF, SF) rather than its start. */
function isFinishBound(type: number): boolean {
  return type === LINK_FF || type === LINK_SF;
}

/** Builds CSR arrays grouped by `key` (topological indices), keeping the given order within each group. */
function buildCsr(n: number, key: Int32Array, other: Int32Array, type: Uint8Array, lag: Float64Array) {
  const start = new Int32Array(n + 1);
  for (let k = 0; k < key.length; k++) start[key[k] + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const fill = start.slice(0, n);
  const task = new Int32Array(key.length);
  const t = new Uint8Array(key.length);
  const l = new Float64Array(key.length);
  for (let k = 0; k < key.length; k++) {
    const pos = fill[key[k]]++;
    task[pos] = other[k];
    t[pos] = type[k];
    l[pos] = lag[k];
  }
  return { start, task, type: t, lag: l };
}

/** Validates the network and encodes it for the kernel; throws MonteCarloInputError on bad input. */
export function compileNetwork(network: McNetwork): CompiledNetwork {
  const tasks = network?.tasks;
  if (!Array.isArray(tasks) || tasks.length === 0) throw new MonteCarloInputError('MC_EMPTY_NETWORK', 'network needs at least one task', 'tasks');
  listOf(tasks, 'tasks', 'MC_EMPTY_NETWORK');
  const n = tasks.length;
  const taskIndex = indexIds(tasks, 'tasks');
  tasks.forEach((t, i) => {
    checkEstimate(t.duration, `tasks[${i}].duration`, true);
    checkDistribution(t.distribution, `tasks[${i}].distribution`);
  });

  const links = listOf(network.links, 'links', 'MC_INVALID_LINK');
  const from = new Int32Array(links.length);
  const to = new Int32Array(links.length);
  const type = new Uint8Array(links.length);
  const lag = new Float64Array(links.length);
  links.forEach((l, k) => {
    const path = `links[${k}]`;
    const p = taskIndex.get(l.predecessorId);
    const s = taskIndex.get(l.successorId);
    if (p === undefined) throw new MonteCarloInputError('MC_UNKNOWN_TASK', `unknown predecessor "${l.predecessorId}"`, path);
    if (s === undefined) throw new MonteCarloInputError('MC_UNKNOWN_TASK', `unknown successor "${l.successorId}"`, path);
    if (p === s) throw new MonteCarloInputError('MC_SELF_LINK', `task "${l.predecessorId}" cannot depend on itself`, path);
    const code = LINK_CODES[l.type ?? 'FS'];
    if (code === undefined) throw new MonteCarloInputError('MC_INVALID_LINK', `link type must be FS, SS, FF or SF, got ${String(l.type)}`, path);
    const lg = l.lag ?? 0;
    if (typeof lg !== 'number' || !Number.isFinite(lg)) throw new MonteCarloInputError('MC_INVALID_LINK', `lag must be a finite number, got ${String(lg)}`, path);
    from[k] = p;
    to[k] = s;
    type[k] = code;
    lag[k] = lg;
  });

  const order = topologicalOrder(n, from, to, tasks.map((t) => t.id));
  const topoOf = new Int32Array(n);
  for (let k = 0; k < n; k++) topoOf[order[k]] = k;
  // Links that bound a start (FS, SS) before those that bound a finish (FF, SF): buildCsr keeps this
  // order within each task's range, so the kernel reads the two kinds in two branch-free loops.
  const linkOrder = Int32Array.from({ length: links.length }, (_, k) => k);
  linkOrder.sort((a, b) => Number(isFinishBound(type[a])) - Number(isFinishBound(type[b])) || a - b);
  const fromT = Int32Array.from(linkOrder, (k) => topoOf[from[k]]);
  const toT = Int32Array.from(linkOrder, (k) => topoOf[to[k]]);
  const pred = buildCsr(n, toT, fromT, Uint8Array.from(linkOrder, (k) => type[k]), Float64Array.from(linkOrder, (k) => lag[k]));

  const durations = createEstimateTable(n);
  const mostLikelyDuration = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const t = tasks[order[k]];
    const dist = checkDistribution(t.distribution, '');
    encodeEstimate(durations, k, t.duration, dist);
    mostLikelyDuration[k] = t.duration.mostLikely;
  }

  const costLines = listOf(network.costLines, 'costLines', 'MC_INVALID_COST_LINE');
  const costIndex = indexIds(costLines, 'costLines');
  const costFixed = createEstimateTable(costLines.length);
  const costHasFixed = new Uint8Array(costLines.length);
  const costMostLikely = new Float64Array(costLines.length);
  const costTask = new Int32Array(costLines.length).fill(-1);
  const costRate = new Float64Array(costLines.length);
  costLines.forEach((c, i) => {
    const path = `costLines[${i}]`;
    if (c.amountCents !== undefined) {
      checkEstimate(c.amountCents, `${path}.amountCents`, false);
      encodeEstimate(costFixed, i, c.amountCents, checkDistribution(c.distribution, `${path}.distribution`));
      costHasFixed[i] = 1;
      costMostLikely[i] = c.amountCents.mostLikely;
    }
    if (c.taskId !== undefined) {
      const t = taskIndex.get(c.taskId);
      if (t === undefined) throw new MonteCarloInputError('MC_UNKNOWN_TASK', `unknown task "${c.taskId}"`, `${path}.taskId`);
      const rate = c.centsPerUnit ?? 0;
      if (typeof rate !== 'number' || !Number.isFinite(rate)) throw new MonteCarloInputError('MC_INVALID_COST_LINE', `centsPerUnit must be finite`, `${path}.centsPerUnit`);
      costTask[i] = topoOf[t];
      costRate[i] = rate;
    } else if (c.centsPerUnit !== undefined) {
      throw new MonteCarloInputError('MC_INVALID_COST_LINE', 'centsPerUnit needs a taskId', path);
    }
  });

  const events = listOf(network.riskEvents, 'riskEvents', 'MC_INVALID_IMPACT');
  indexIds(events, 'riskEvents');
  const eventProbability = new Float64Array(events.length);
  const impactStart = new Int32Array(events.length + 1);
  events.forEach((e, i) => {
    const p = e.probability;
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
      throw new MonteCarloInputError('MC_INVALID_PROBABILITY', `probability must be in [0, 1], got ${String(p)}`, `riskEvents[${i}].probability`);
    }
    if (!Array.isArray(e.impacts)) throw new MonteCarloInputError('MC_INVALID_IMPACT', 'impacts must be an array', `riskEvents[${i}].impacts`);
    eventProbability[i] = p;
    impactStart[i + 1] = impactStart[i] + e.impacts.length;
  });
  const impactCount = impactStart[events.length];
  const impactKind = new Uint8Array(impactCount);
  const impactTarget = new Int32Array(impactCount);
  const impacts = createEstimateTable(impactCount);
  events.forEach((e, i) => {
    e.impacts.forEach((im, j) => {
      const k = impactStart[i] + j;
      const path = `riskEvents[${i}].impacts[${j}]`;
      if (im?.kind === 'duration') {
        const t = taskIndex.get(im.taskId);
        if (t === undefined) throw new MonteCarloInputError('MC_UNKNOWN_TASK', `unknown task "${im.taskId}"`, `${path}.taskId`);
        const est = asEstimate(im.units);
        checkEstimate(est, `${path}.units`, false);
        encodeEstimate(impacts, k, est, checkDistribution(im.distribution, `${path}.distribution`));
        impactKind[k] = 0;
        impactTarget[k] = topoOf[t];
      } else if (im?.kind === 'cost') {
        const c = costIndex.get(im.costLineId);
        if (c === undefined) throw new MonteCarloInputError('MC_UNKNOWN_COST_LINE', `unknown cost line "${im.costLineId}"`, `${path}.costLineId`);
        const est = asEstimate(im.amountCents);
        checkEstimate(est, `${path}.amountCents`, false);
        encodeEstimate(impacts, k, est, checkDistribution(im.distribution, `${path}.distribution`));
        impactKind[k] = 1;
        impactTarget[k] = c;
      } else {
        throw new MonteCarloInputError('MC_INVALID_IMPACT', `impact kind must be "duration" or "cost"`, `${path}.kind`);
      }
    });
  });

  sealEstimateTable(durations);
  sealEstimateTable(costFixed);
  sealEstimateTable(impacts);

  const correlationGroups = compileCorrelationGroups(network, taskIndex, topoOf);
  const independentDuration = new Uint8Array(n).fill(1);
  for (const g of correlationGroups) for (const t of g.tasks) independentDuration[t] = 0;
  for (let e = 0; e < events.length; e++) {
    let first = -1;
    let shared = false;
    for (let k = impactStart[e]; k < impactStart[e + 1]; k++) {
      if (impactKind[k] !== 0) continue;
      if (first < 0) first = impactTarget[k];
      else if (impactTarget[k] !== first) shared = true;
    }
    if (shared) for (let k = impactStart[e]; k < impactStart[e + 1]; k++) if (impactKind[k] === 0) independentDuration[impactTarget[k]] = 0;
  }

  const predFinishStart = new Int32Array(n);
  for (let t = 0; t < n; t++) {
    let k = pred.start[t];
    while (k < pred.start[t + 1] && !isFinishBound(pred.type[k])) k++;
    predFinishStart[t] = k;
  }
  const predSrc = new Int32Array(pred.task.length);
  for (let k = 0; k < pred.task.length; k++) {
    const ty = pred.type[k];
    predSrc[k] = 2 * pred.task[k] + (ty === LINK_FS || ty === LINK_FF ? 1 : 0);
  }

  return {
    taskCount: n,
    predSrc,
    predFinishStart,
    taskIds: Array.from(order, (i) => tasks[i].id),
    inputIndexOf: order,
    durations,
    mostLikelyDuration,
    predStart: pred.start,
    predTask: pred.task,
    predType: pred.type,
    predLag: pred.lag,
    costLineCount: costLines.length,
    costFixed,
    costHasFixed,
    costMostLikely,
    costTask,
    costRate,
    eventIds: events.map((e) => e.id),
    eventProbability,
    impactStart,
    impactKind,
    impactTarget,
    impacts,
    correlationGroups,
    independentDuration,
  };
}
