/** Public entry points: schedule plain tasks/links and keep a session for incremental rescheduling. */
import { compileNetwork } from './network-compile.js';
import * as K from './network.types.js';
import type { Network, ScheduleState } from './network.types.js';
import {
  backwardPass, backwardTask, computeAllSlack, computeProjectFinish, computeSlack, createState, forwardTask,
  rollupLate, runSchedule,
} from './schedule-passes.js';
import { ScheduleError } from './schedule-errors.js';
import { computeLongestPath } from './longest-path.js';
import type { ScheduleInput, ScheduleResult, ScheduleWarning, TaskSchedule } from './schedule.types.js';

/** A compiled, scheduled project that can be rescheduled incrementally after a change. */
export class ScheduleSession {
  readonly net: Network;
  readonly state: ScheduleState;
  private readonly input: ScheduleInput;
  private indexById: Map<number, number> | null = null;
  private readonly dirty: Uint8Array;
  private readonly hasAlap: boolean;

  constructor(input: ScheduleInput) {
    this.input = input;
    this.net = compileNetwork(input);
    this.state = createState(this.net.n);
    this.dirty = new Uint8Array(this.net.n);
    this.hasAlap = this.net.constraintType.includes(K.C_ALAP);
    runSchedule(this.net, this.state);
  }

  /** Index of a task id in the input arrays; throws UNKNOWN_TASK. */
  indexOf(taskId: number): number {
    if (!this.indexById) {
      this.indexById = new Map();
      for (let i = 0; i < this.net.n; i++) this.indexById.set(this.input.tasks[i].id, i);
    }
    const i = this.indexById.get(taskId);
    if (i === undefined) throw new ScheduleError('UNKNOWN_TASK', `unknown task ${taskId}`, [taskId]);
    return i;
  }

  /**
   * Changes one task's duration and reschedules only what it affects: successors in the forward pass, predecessors
   * in the backward pass (everything when the project finish moves). Returns the number of tasks recomputed.
   */
  updateDuration(taskId: number, durationMinutes: number): number {
    if (!(durationMinutes >= 0)) throw new ScheduleError('NEGATIVE_DURATION', `task ${taskId}: invalid duration ${durationMinutes}`, [taskId]);
    const v = this.indexOf(taskId);
    if (!Number.isNaN(this.net.fixedFinish)) {
      // Scheduled from the finish: a change can move the project start, so recompute everything.
      this.input.tasks[v].durationMinutes = durationMinutes;
      this.net.duration[v] = durationMinutes;
      runSchedule(this.net, this.state);
      return this.net.n;
    }
    this.input.tasks[v].durationMinutes = durationMinutes;
    this.net.duration[v] = durationMinutes;
    this.net.remaining[v] = durationMinutes;
    return this.reschedule(v);
  }

  private reschedule(v: number): number {
    const { net, state: st, dirty } = this;
    if (this.hasAlap) {
      runSchedule(net, st);
      return net.n;
    }
    const touched: number[] = [];
    const mark = (u: number): void => {
      if (!dirty[u]) {
        dirty[u] = 1;
        touched.push(u);
      }
    };
    // Forward: walk the topological order from v, recomputing only marked tasks.
    mark(v);
    let work = 0;
    for (let p = net.position[v]; p < net.n && work < touched.length; p++) {
      const u = net.order[p];
      if (dirty[u] !== 1) continue;
      dirty[u] = 2;
      work++;
      if (!forwardTask(net, st, u)) continue;
      for (let k = net.outStart[u]; k < net.outStart[u + 1]; k++) {
        const s = net.linkSucc[net.outLinks[k]];
        if (net.flags[s] & K.F_SUMMARY) markLeaves(net, s, mark);
        else mark(s);
      }
      if (net.parent[u] >= 0) mark(net.parent[u]);
    }
    const oldFinish = st.projectFinish;
    st.projectFinish = computeProjectFinish(net, st);
    if (!Number.isNaN(net.fixedFinish) && st.projectFinish < net.fixedFinish) st.projectFinish = net.fixedFinish;
    const forwardTouched = touched.length;
    for (const u of touched) dirty[u] = 0;
    if (st.projectFinish !== oldFinish) {
      backwardPass(net, st); // recomputes the project finish offsets too
      computeAllSlack(net, st);
      return net.n;
    }
    // Backward: from v towards its predecessors.
    const fwd = touched.slice();
    touched.length = 0;
    mark(v);
    work = 0;
    for (let p = net.position[v]; p >= 0 && work < touched.length; p--) {
      const u = net.order[p];
      if (dirty[u] !== 1) continue;
      dirty[u] = 2;
      work++;
      if (!backwardTask(net, st, u)) continue;
      for (let a = u; a >= 0; a = net.parent[a]) {
        for (let k = net.inStart[a]; k < net.inStart[a + 1]; k++) {
          const pr = net.linkPred[net.inLinks[k]];
          if (net.flags[pr] & K.F_SUMMARY) markLeaves(net, pr, mark);
          else mark(pr);
        }
      }
    }
    if (net.hasHierarchy) rollupLate(net, st);
    const all = fwd.concat(touched);
    for (const u of touched) dirty[u] = 0;
    for (const u of all) {
      computeSlack(net, st, u);
      for (let k = net.inStart[u]; k < net.inStart[u + 1]; k++) computeSlack(net, st, net.linkPred[net.inLinks[k]]);
    }
    return forwardTouched + touched.length;
  }

  /** Recomputes everything. */
  rescheduleAll(): void {
    runSchedule(this.net, this.state);
  }

  /** The result as plain objects, one per input task, in input order. */
  result(): ScheduleResult {
    return buildResult(this.input, this.net, this.state);
  }
}

function markLeaves(net: Network, v: number, mark: (u: number) => void): void {
  if (net.childStart[v + 1] === net.childStart[v]) {
    mark(v);
    return;
  }
  for (let k = net.childStart[v]; k < net.childStart[v + 1]; k++) markLeaves(net, net.children[k], mark);
}

function buildResult(input: ScheduleInput, net: Network, st: ScheduleState): ScheduleResult {
  const n = net.n;
  const work = new Float64Array(n);
  const cost = new Float64Array(n);
  const doneMinutes = new Float64Array(n);
  const durMinutes = new Float64Array(n);
  const projectTable = net.tables[0];
  for (let v = 0; v < n; v++) {
    const t = input.tasks[v];
    work[v] = t.workMinutes ?? 0;
    cost[v] = t.costCents ?? 0;
    durMinutes[v] = net.flags[v] & K.F_SUMMARY ? 0 : net.duration[v];
    doneMinutes[v] = (durMinutes[v] * (t.percentComplete ?? 0)) / 100;
  }
  if (net.hasHierarchy) {
    for (let k = 0; k < n; k++) {
      const v = net.order[k];
      if (!(net.flags[v] & K.F_SUMMARY)) continue;
      let w = 0, c = 0, done = 0, d = 0;
      for (let j = net.childStart[v]; j < net.childStart[v + 1]; j++) {
        const ch = net.children[j];
        w += work[ch];
        c += cost[ch];
        done += doneMinutes[ch];
        d += net.flags[ch] & K.F_SUMMARY ? durMinutes[ch] : net.duration[ch];
      }
      work[v] = w;
      cost[v] = c;
      doneMinutes[v] = done;
      durMinutes[v] = d;
    }
  }
  const longest = computeLongestPath(net, st);
  const tasks: TaskSchedule[] = new Array(n);
  for (let v = 0; v < n; v++) {
    const summary = (net.flags[v] & K.F_SUMMARY) !== 0;
    tasks[v] = {
      id: input.tasks[v].id,
      start: st.start[v],
      finish: st.finish[v],
      earlyStart: st.es[v],
      earlyFinish: st.ef[v],
      lateStart: st.ls[v],
      lateFinish: st.lf[v],
      durationMinutes: summary ? projectTable.workingBetween(st.start[v], st.finish[v]) : net.flags[v] & K.F_ELAPSED ? net.duration[v] : net.duration[v],
      totalSlackMinutes: st.totalSlack[v],
      freeSlackMinutes: st.freeSlack[v],
      critical: st.totalSlack[v] <= net.criticalSlackLimit && !(net.flags[v] & K.F_ACTUAL_FINISH),
      onLongestPath: longest[v] === 1,
      isSummary: summary,
      workMinutes: work[v],
      costCents: Math.round(cost[v]),
      percentComplete: summary ? (durMinutes[v] > 0 ? Math.round((100 * doneMinutes[v]) / durMinutes[v]) : 0) : (input.tasks[v].percentComplete ?? 0),
    };
  }
  const warnings: ScheduleWarning[] = [];
  for (const [v, message] of st.conflicts) warnings.push({ code: 'CONSTRAINT_CONFLICT', taskId: input.tasks[v].id, message });
  for (let v = 0; v < n; v++) {
    const dl = net.deadline[v];
    if (!Number.isNaN(dl) && st.finish[v] > dl) {
      warnings.push({ code: 'DEADLINE_MISSED', taskId: input.tasks[v].id, message: `task ${input.tasks[v].id} finishes after its deadline` });
    }
  }
  return { projectStart: net.projectStart, projectFinish: st.projectFinish, tasks, warnings };
}

/** Schedules a project (CPM forward/backward pass, MS Project date rules); throws ScheduleError/CalendarError on bad input. */
export function scheduleProject(input: ScheduleInput): ScheduleResult {
  return new ScheduleSession(input).result();
}

/** Schedules and returns the session (typed-array state plus incremental updates) instead of plain objects. */
export function createScheduleSession(input: ScheduleInput): ScheduleSession {
  return new ScheduleSession(input);
}

