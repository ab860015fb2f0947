/** Compiles plain tasks and links into the typed-array Network, including a topological order with cycle detection. */
import { buildCalendarTable, type WorkingTimeTable } from '../calendar/index.js';
import { ScheduleError } from './schedule-errors.js';
import type { ConstraintType, LagUnit, LinkType, ScheduleInput } from './schedule.types.js';
import * as K from './network.types.js';
import type { Network } from './network.types.js';

const CONSTRAINTS: Record<ConstraintType, number> = {
  ASAP: K.C_ASAP, ALAP: K.C_ALAP, MSO: K.C_MSO, MFO: K.C_MFO, SNET: K.C_SNET, SNLT: K.C_SNLT, FNET: K.C_FNET, FNLT: K.C_FNLT,
};
const LINKS: Record<LinkType, number> = { FF: K.L_FF, FS: K.L_FS, SF: K.L_SF, SS: K.L_SS };
const UNITS: Record<LagUnit, number> = { working: K.U_WORKING, elapsed: K.U_ELAPSED, percent: K.U_PERCENT };

/** id -> index lookup: a typed array for dense non-negative integer ids (the common case), else a Map. */
interface IdIndex {
  get(id: number): number | undefined;
}

function createIdIndex(tasks: ScheduleInput['tasks']): IdIndex {
  const n = tasks.length;
  let max = -1;
  let dense = true;
  for (let i = 0; i < n; i++) {
    const id = tasks[i].id;
    if (!Number.isInteger(id) || id < 0) {
      dense = false;
      break;
    }
    if (id > max) max = id;
  }
  if (dense && max < 4 * n + 1024) {
    const arr = new Int32Array(max + 1).fill(-1);
    for (let i = 0; i < n; i++) {
      const id = tasks[i].id;
      if (arr[id] >= 0) throw new ScheduleError('DUPLICATE_TASK', `duplicate task id ${id}`, [id]);
      arr[id] = i;
    }
    return { get: (id) => (id >= 0 && id <= max && arr[id] >= 0 ? arr[id] : undefined) };
  }
  const map = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const id = tasks[i].id;
    if (map.has(id)) throw new ScheduleError('DUPLICATE_TASK', `duplicate task id ${id}`, [id]);
    map.set(id, i);
  }
  return map;
}

/** Earliest and latest instants accepted (1900-01-01 and 9999-12-31, epoch minutes). */
const MIN_INSTANT = -36_816_480;
const MAX_INSTANT = 4_223_370_240;

const nz = (v: number | null | undefined): number => (v === null || v === undefined ? NaN : v);

function checkInstant(v: number | null | undefined, what: string, taskId?: number): void {
  if (v === null || v === undefined) return;
  if (!Number.isFinite(v) || v < MIN_INSTANT || v > MAX_INSTANT) {
    throw new ScheduleError('INVALID_DATE', `${what} is out of range (${v})`, taskId === undefined ? [] : [taskId]);
  }
}

/** Builds CSR arrays (start offsets + items) grouping `items` by key. */
function buildCsr(n: number, m: number, keyOf: (i: number) => number): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(n + 1);
  for (let i = 0; i < m; i++) start[keyOf(i) + 1]++;
  for (let v = 0; v < n; v++) start[v + 1] += start[v];
  const fill = start.slice(0, n);
  const items = new Int32Array(m);
  for (let i = 0; i < m; i++) items[fill[keyOf(i)]++] = i;
  return { start, items };
}

/** Compiles a ScheduleInput; throws ScheduleError on unknown ids, negative durations, bad lags or cycles. */
export function compileNetwork(input: ScheduleInput): Network {
  const tasks = input.tasks;
  const n = tasks.length;
  checkInstant(input.projectStart, 'project start');
  checkInstant(input.projectFinish, 'project finish');
  if (input.projectStart === null || input.projectStart === undefined) throw new ScheduleError('INVALID_DATE', 'project start is missing');
  for (const t of tasks) {
    checkInstant(t.start, `task ${t.id} start`, t.id);
    checkInstant(t.finish, `task ${t.id} finish`, t.id);
    checkInstant(t.constraintDate, `task ${t.id} constraint date`, t.id);
    checkInstant(t.deadline, `task ${t.id} deadline`, t.id);
    checkInstant(t.actualStart, `task ${t.id} actual start`, t.id);
    checkInstant(t.actualFinish, `task ${t.id} actual finish`, t.id);
  }
  const index = createIdIndex(tasks);
  const anchorDay = Math.floor(input.projectStart / 1440);
  const tableByCal = new Map<number, number>();
  const tables: WorkingTimeTable[] = [];
  const tableIndex = (calId: number): number => {
    let k = tableByCal.get(calId);
    if (k === undefined) {
      k = tables.length;
      tables.push(buildCalendarTable(calId, input.calendars, anchorDay));
      tableByCal.set(calId, k);
    }
    return k;
  };
  tableIndex(input.projectCalendarId);

  const ids = new Float64Array(n);
  const calIdx = new Uint16Array(n);
  const flags = new Uint8Array(n);
  const duration = new Float64Array(n);
  const remaining = new Float64Array(n);
  const constraintType = new Uint8Array(n);
  const constraintDate = new Float64Array(n);
  const deadline = new Float64Array(n);
  const actualStart = new Float64Array(n);
  const actualFinish = new Float64Array(n);
  const manualStart = new Float64Array(n);
  const manualFinish = new Float64Array(n);
  const parent = new Int32Array(n).fill(-1);
  let hasHierarchy = false;
  let hasNames = false;
  for (let i = 0; i < n; i++) {
    const t = tasks[i];
    ids[i] = t.id;
    if (t.name !== undefined) hasNames = true;
    if (!(t.durationMinutes >= 0)) {
      throw new ScheduleError('NEGATIVE_DURATION', `task ${t.id} has an invalid duration ${t.durationMinutes}`, [t.id]);
    }
    duration[i] = t.durationMinutes;
    calIdx[i] = t.calendarId === null || t.calendarId === undefined ? 0 : tableIndex(t.calendarId);
    let f = 0;
    if (t.durationIsElapsed) f |= K.F_ELAPSED;
    if (t.isMilestone) f |= K.F_MILESTONE;
    if (t.manual) f |= K.F_MANUAL;
    const as = nz(t.actualStart);
    const af = nz(t.actualFinish);
    if (!Number.isNaN(as)) f |= K.F_ACTUAL_START;
    if (!Number.isNaN(af)) f |= K.F_ACTUAL_FINISH;
    flags[i] = f;
    actualStart[i] = as;
    actualFinish[i] = af;
    const pc = t.percentComplete ?? 0;
    remaining[i] = t.remainingDurationMinutes ?? Math.round(t.durationMinutes * (1 - pc / 100));
    const ct = t.constraintType && t.constraintType !== 'ASAP' ? CONSTRAINTS[t.constraintType] : K.C_ASAP;
    if (ct === undefined) throw new ScheduleError('INVALID_TASK', `task ${t.id} has unknown constraint ${t.constraintType}`, [t.id]);
    constraintType[i] = ct;
    constraintDate[i] = nz(t.constraintDate);
    deadline[i] = nz(t.deadline);
    manualStart[i] = nz(t.start);
    manualFinish[i] = nz(t.finish);
    if (t.parentId !== null && t.parentId !== undefined) {
      const p = index.get(t.parentId);
      if (p === undefined) throw new ScheduleError('UNKNOWN_TASK', `task ${t.id} has unknown parent ${t.parentId}`, [t.id]);
      parent[i] = p;
      hasHierarchy = true;
    }
  }
  let childStart: Int32Array = new Int32Array(n + 1);
  let children: Int32Array = new Int32Array(0);
  if (hasHierarchy) {
    const withParent: number[] = [];
    for (let i = 0; i < n; i++) if (parent[i] >= 0) withParent.push(i);
    const c = buildCsr(n, withParent.length, (k) => parent[withParent[k]]);
    childStart = c.start;
    children = Int32Array.from(c.items, (k) => withParent[k]);
    for (let v = 0; v < n; v++) if (childStart[v + 1] > childStart[v]) flags[v] |= K.F_SUMMARY;
  }

  const asgStart = new Int32Array(n + 1);
  const asgCalList: number[] = [];
  const asgDurList: number[] = [];
  for (let i = 0; i < n; i++) {
    asgStart[i] = asgCalList.length;
    for (const a of tasks[i].assignments ?? []) {
      if (!(a.durationMinutes >= 0)) throw new ScheduleError('NEGATIVE_DURATION', `task ${tasks[i].id} has an assignment with invalid duration`, [tasks[i].id]);
      asgCalList.push(a.calendarId === null ? calIdx[i] : tableIndex(a.calendarId));
      asgDurList.push(a.durationMinutes);
    }
  }
  asgStart[n] = asgCalList.length;
  const links = input.links;
  const m = links.length;
  const linkPred = new Int32Array(m);
  const linkSucc = new Int32Array(m);
  const linkType = new Uint8Array(m);
  const linkLag = new Float64Array(m);
  const linkUnit = new Uint8Array(m);
  for (let i = 0; i < m; i++) {
    const l = links[i];
    const p = index.get(l.predecessorId);
    const s = index.get(l.successorId);
    if (p === undefined || s === undefined) {
      const missing = p === undefined ? l.predecessorId : l.successorId;
      throw new ScheduleError('UNKNOWN_TASK', `link ${l.predecessorId} -> ${l.successorId} refers to missing task ${missing}`, [missing]);
    }
    if (p === s) throw new ScheduleError('CYCLE', `task ${l.predecessorId} is linked to itself`, [l.predecessorId]);
    const type = l.type === 'FS' ? K.L_FS : LINKS[l.type];
    const unit = l.lagUnit === 'working' ? K.U_WORKING : UNITS[l.lagUnit];
    if (type === undefined) throw new ScheduleError('INVALID_LINK', `link ${l.predecessorId} -> ${l.successorId} has unknown type "${l.type}"`);
    if (unit === undefined || !Number.isFinite(l.lag)) {
      throw new ScheduleError('INVALID_LAG', `link ${l.predecessorId} -> ${l.successorId} has an invalid lag ${l.lag} ${l.lagUnit}`);
    }
    linkPred[i] = p;
    linkSucc[i] = s;
    linkType[i] = type;
    linkLag[i] = l.lag;
    linkUnit[i] = unit;
  }
  const inCsr = buildCsr(n, m, (i) => linkSucc[i]);
  const outCsr = buildCsr(n, m, (i) => linkPred[i]);
  const net: Network = {
    n, m, ids, names: hasNames ? tasks.map((t) => t.name) : null,
    projectStart: input.projectStart,
    fixedFinish: nz(input.projectFinish),
    criticalSlackLimit: input.criticalSlackLimitMinutes ?? 0,
    honorConstraints: input.honorConstraints ?? true,
    tables, calIdx, flags, duration, remaining, constraintType, constraintDate, deadline, actualStart, actualFinish,
    manualStart, manualFinish, parent, linkPred, linkSucc, linkType, linkLag, linkUnit,
    inStart: inCsr.start, inLinks: inCsr.items, outStart: outCsr.start, outLinks: outCsr.items,
    asgStart, asgCal: Uint16Array.from(asgCalList), asgDur: Float64Array.from(asgDurList),
    childStart, children, order: new Int32Array(n), position: new Int32Array(n), hasHierarchy,
    fastF: new Uint8Array(n), fastB: new Uint8Array(n),
  };
  computeOrder(net);
  markFastPaths(net);
  return net;
}

/**
 * Marks tasks whose passes can run on working offsets only: plain leaf tasks on one calendar whose links are
 * FS/SS (forward) or FS/FF (backward) with working lags between tasks on the same calendar.
 */
function markFastPaths(net: Network): void {
  for (let v = 0; v < net.n; v++) {
    const f = net.flags[v];
    const ct = net.constraintType[v];
    const plain = !(f & (K.F_SUMMARY | K.F_ELAPSED)) && net.parent[v] < 0 && net.asgStart[v + 1] === net.asgStart[v]
      && (ct === K.C_ASAP || ct === K.C_ALAP || (ct === K.C_SNET && !Number.isNaN(net.constraintDate[v])));
    if (!plain) continue;
    const cal = net.calIdx[v];
    let okF = !(f & (K.F_MANUAL | K.F_ACTUAL_START));
    for (let k = net.inStart[v]; okF && k < net.inStart[v + 1]; k++) {
      const i = net.inLinks[k];
      const t = net.linkType[i];
      okF = (t === K.L_FS || t === K.L_SS) && net.linkUnit[i] === K.U_WORKING && net.calIdx[net.linkPred[i]] === cal;
    }
    let okB = !(f & K.F_ACTUAL_FINISH) && ct !== K.C_SNET && Number.isNaN(net.deadline[v]);
    for (let k = net.outStart[v]; okB && k < net.outStart[v + 1]; k++) {
      const i = net.outLinks[k];
      const t = net.linkType[i];
      const s = net.linkSucc[i];
      okB = (t === K.L_FS || t === K.L_FF) && net.linkUnit[i] === K.U_WORKING && net.calIdx[s] === cal && !(net.flags[s] & K.F_SUMMARY);
    }
    net.fastF[v] = okF ? 1 : 0;
    net.fastB[v] = okB ? 1 : 0;
  }
}

/** Leaf descendants of a summary task (the task itself when it is a leaf). */
export function leavesOf(net: Network, v: number, out: number[] = []): number[] {
  if (net.childStart[v + 1] === net.childStart[v]) {
    out.push(v);
    return out;
  }
  for (let k = net.childStart[v]; k < net.childStart[v + 1]; k++) leavesOf(net, net.children[k], out);
  return out;
}

/** Kahn's algorithm over child->parent and predecessor->successor-leaf edges; throws CYCLE naming the tasks. */
function computeOrder(net: Network): void {
  const { n, m } = net;
  // Edge list: link edges (expanded to leaves when the successor is a summary) plus child->parent edges.
  let edgeFrom: Int32Array;
  let edgeTo: Int32Array;
  if (!net.hasHierarchy) {
    edgeFrom = net.linkPred;
    edgeTo = net.linkSucc;
  } else {
    const from: number[] = [];
    const to: number[] = [];
    for (let i = 0; i < m; i++) {
      const s = net.linkSucc[i];
      if (net.flags[s] & K.F_SUMMARY) {
        for (const leaf of leavesOf(net, s)) {
          from.push(net.linkPred[i]);
          to.push(leaf);
        }
      } else {
        from.push(net.linkPred[i]);
        to.push(s);
      }
    }
    for (let v = 0; v < n; v++) {
      if (net.parent[v] >= 0) {
        from.push(v);
        to.push(net.parent[v]);
      }
    }
    edgeFrom = Int32Array.from(from);
    edgeTo = Int32Array.from(to);
  }
  const e = edgeFrom.length;
  const indeg = new Int32Array(n);
  for (let i = 0; i < e; i++) indeg[edgeTo[i]]++;
  const csr = buildCsr(n, e, (i) => edgeFrom[i]);
  const order = net.order;
  let head = 0;
  let tail = 0;
  for (let v = 0; v < n; v++) if (indeg[v] === 0) order[tail++] = v;
  while (head < tail) {
    const v = order[head++];
    for (let k = csr.start[v]; k < csr.start[v + 1]; k++) {
      const w = edgeTo[csr.items[k]];
      if (--indeg[w] === 0) order[tail++] = w;
    }
  }
  if (tail < n) {
    const cycle = findCycle(n, indeg, csr.start, csr.items, edgeTo);
    const ids = cycle.map((v) => net.ids[v]);
    const label = (v: number): string => (net.names?.[v] ? `${net.ids[v]} "${net.names[v]}"` : String(net.ids[v]));
    throw new ScheduleError('CYCLE', `dependency cycle between tasks ${cycle.map(label).join(' -> ')}`, ids);
  }
  for (let i = 0; i < n; i++) net.position[order[i]] = i;
}

/** Finds one cycle among the nodes Kahn's algorithm could not order (indeg > 0). */
function findCycle(n: number, indeg: Int32Array, start: Int32Array, items: Int32Array, edgeTo: Int32Array): number[] {
  const state = new Uint8Array(n); // 0 new, 1 on stack, 2 done
  for (let root = 0; root < n; root++) {
    if (indeg[root] === 0 || state[root] !== 0) continue;
    const stack: number[] = [root];
    const iter: number[] = [start[root]];
    state[root] = 1;
    while (stack.length) {
      const v = stack[stack.length - 1];
      const k = iter[iter.length - 1];
      if (k < start[v + 1]) {
        iter[iter.length - 1] = k + 1;
        const w = edgeTo[items[k]];
        if (indeg[w] === 0) continue;
        if (state[w] === 1) return stack.slice(stack.indexOf(w)).concat([w]);
        if (state[w] === 0) {
          state[w] = 1;
          stack.push(w);
          iter.push(start[w]);
        }
      } else {
        state[v] = 2;
        stack.pop();
        iter.pop();
      }
    }
  }
  return [];
}
