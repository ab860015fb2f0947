/**
 * Forward and backward CPM passes over the compiled Network, in instants (epoch minutes). Rules follow
 * MS Project: a start is placed at the beginning of working time (08:00 next day, never 17:00), a finish at the
 * end (17:00, never 08:00 next day), finish-driven dates (FF/SF links, FNET) keep the driving instant, tasks
 * without predecessors start at the project start unless a start/finish constraint places them.
 */
import type { WorkingTimeTable } from '../calendar/index.js';
import * as K from './network.types.js';
import type { Network, ScheduleState } from './network.types.js';
import { leavesOf } from './network-compile.js';

const NEG = -Infinity;
const POS = Infinity;

/** Allocates an empty state for a network. */
export function createState(n: number): ScheduleState {
  return {
    es: new Float64Array(n), ef: new Float64Array(n), ls: new Float64Array(n), lf: new Float64Array(n),
    start: new Float64Array(n), finish: new Float64Array(n),
    totalSlack: new Float64Array(n), freeSlack: new Float64Array(n),
    wES: new Float64Array(n), wEF: new Float64Array(n), wLS: new Float64Array(n), wLF: new Float64Array(n),
    wProjectStart: new Float64Array(0), wProjectFinish: new Float64Array(0),
    projectFinish: 0, conflicts: new Map(),
  };
}

/** Lag applied to instant t for link i, on the successor's calendar (sign -1 inverts it for the backward pass). */
export function applyLag(net: Network, tbl: WorkingTimeTable, i: number, t: number, sign: number): number {
  const lag = net.linkLag[i];
  if (lag === 0) return t;
  const unit = net.linkUnit[i];
  if (unit === K.U_ELAPSED) return t + sign * lag;
  const minutes = unit === K.U_PERCENT ? Math.round((lag / 100) * net.duration[net.linkPred[i]]) : lag;
  return tbl.addWorking(t, sign * minutes);
}

function addDuration(tbl: WorkingTimeTable, elapsed: boolean, t: number, d: number): number {
  return elapsed ? t + d : tbl.addWorking(t, d);
}

/** Forward pass for one task (summaries roll up their children). Returns true when its dates changed. */
export function forwardTask(net: Network, st: ScheduleState, v: number): boolean {
  const f = net.flags[v];
  const oldStart = st.start[v];
  const oldFinish = st.finish[v];
  st.conflicts.delete(v);
  const dur = net.duration[v];
  if (net.fastF[v] && dur > 0) {
    // All arithmetic in working offsets: max over predecessors, then two table lookups.
    const ci = net.calIdx[v];
    const tbl = net.tables[ci];
    let w = net.constraintType[v] === K.C_SNET ? tbl.workBefore(net.constraintDate[v]) : st.wProjectStart[ci];
    for (let k = net.inStart[v]; k < net.inStart[v + 1]; k++) {
      const i = net.inLinks[k];
      const p = net.linkPred[i];
      const c = (net.linkType[i] === K.L_FS ? st.wEF[p] : st.wES[p]) + net.linkLag[i];
      if (c > w) w = c;
    }
    st.es[v] = st.start[v] = tbl.instantAtWorkStart(w);
    st.ef[v] = st.finish[v] = tbl.instantAtWorkEnd(w + dur);
    st.wES[v] = w;
    st.wEF[v] = w + dur;
  } else {
    if (f & K.F_SUMMARY) rollupForward(net, st, v);
    else scheduleLeafForward(net, st, v, f);
    const tbl = net.tables[net.calIdx[v]];
    st.wES[v] = tbl.workBefore(st.es[v]);
    st.wEF[v] = tbl.workBefore(st.ef[v]);
  }
  return st.start[v] !== oldStart || st.finish[v] !== oldFinish;
}

function rollupForward(net: Network, st: ScheduleState, v: number): void {
  let es = POS, ef = NEG, s = POS, fin = NEG;
  for (let k = net.childStart[v]; k < net.childStart[v + 1]; k++) {
    const c = net.children[k];
    if (st.es[c] < es) es = st.es[c];
    if (st.ef[c] > ef) ef = st.ef[c];
    if (st.start[c] < s) s = st.start[c];
    if (st.finish[c] > fin) fin = st.finish[c];
  }
  st.es[v] = es;
  st.ef[v] = ef;
  st.start[v] = s;
  st.finish[v] = fin;
}

function scheduleLeafForward(net: Network, st: ScheduleState, v: number, f: number): void {
  const tbl = net.tables[net.calIdx[v]];
  const elapsed = (f & K.F_ELAPSED) !== 0;
  const dur = net.duration[v];
  if (f & K.F_MANUAL && !Number.isNaN(net.manualStart[v])) {
    const s = net.manualStart[v];
    const fin = Number.isNaN(net.manualFinish[v]) ? addDuration(tbl, elapsed, s, dur) : net.manualFinish[v];
    st.es[v] = st.start[v] = s;
    st.ef[v] = st.finish[v] = fin;
    return;
  }
  if (f & K.F_ACTUAL_START) {
    const s = net.actualStart[v];
    const fin = f & K.F_ACTUAL_FINISH ? net.actualFinish[v] : dur > 0 ? addDuration(tbl, elapsed, s, dur) : s;
    st.es[v] = st.start[v] = s;
    st.ef[v] = st.finish[v] = fin;
    return;
  }
  let startMax = NEG;
  let finishMax = NEG;
  for (let a = v; a >= 0; a = net.parent[a]) {
    for (let k = net.inStart[a]; k < net.inStart[a + 1]; k++) {
      const i = net.inLinks[k];
      const p = net.linkPred[i];
      const type = net.linkType[i];
      if (type === K.L_FS) {
        const t = applyLag(net, tbl, i, st.finish[p], 1);
        if (t > startMax) startMax = t;
      } else if (type === K.L_SS) {
        const t = applyLag(net, tbl, i, st.start[p], 1);
        if (t > startMax) startMax = t;
      } else if (type === K.L_FF) {
        const t = applyLag(net, tbl, i, st.finish[p], 1);
        if (t > finishMax) finishMax = t;
      } else {
        const t = applyLag(net, tbl, i, st.start[p], 1);
        if (t > finishMax) finishMax = t;
      }
    }
  }
  const ct = net.constraintType[v];
  const cd = net.constraintDate[v];
  const hasDate = !Number.isNaN(cd);
  let es = hasDate && (ct === K.C_SNET || ct === K.C_MSO || ct === K.C_MFO) ? NEG : net.projectStart;
  if (startMax > es) es = startMax;
  if (hasDate && ct === K.C_SNET && cd > es) es = cd;
  if (hasDate && ct === K.C_FNET && cd > finishMax) finishMax = cd;
  if (es === NEG) es = ct === K.C_MFO ? (dur > 0 ? addDuration(tbl, elapsed, cd, -dur) : cd) : hasDate ? cd : net.projectStart;
  if (net.asgStart[v + 1] > net.asgStart[v] && finishMax === NEG && (ct === K.C_ASAP || ct === K.C_SNET || ct === K.C_ALAP) && !elapsed) {
    // Resource-driven: each assignment runs on its resource's calendar.
    let s = POS;
    let fin = NEG;
    for (let k = net.asgStart[v]; k < net.asgStart[v + 1]; k++) {
      const at = net.tables[net.asgCal[k]];
      const d = net.asgDur[k];
      const as = d > 0 ? at.snapForward(es) : es;
      const af = d > 0 ? at.addWorking(as, d) : as;
      if (as < s) s = as;
      if (af > fin) fin = af;
    }
    st.es[v] = st.start[v] = s;
    st.ef[v] = st.finish[v] = fin;
    return;
  }
  let ef: number;
  if (dur > 0 && !elapsed) {
    // One offset lookup serves both the start placement and the finish.
    let w = tbl.workBefore(es);
    if (finishMax > NEG) {
      const wf = tbl.workBefore(finishMax) - dur;
      if (wf > w) w = wf;
    }
    es = tbl.instantAtWorkStart(w);
    ef = tbl.instantAtWorkEnd(w + dur);
  } else {
    if (finishMax > NEG) {
      const s = dur > 0 ? addDuration(tbl, elapsed, finishMax, -dur) : finishMax;
      if (s > es) es = s;
    }
    ef = dur > 0 ? addDuration(tbl, elapsed, es, dur) : es;
  }
  if (finishMax > ef) ef = finishMax;
  if (hasDate) {
    // With honorConstraints (MS Project's default) the constraint wins over links; otherwise links win and the
    // constraint only applies where it does not conflict. Either way a conflict is reported.
    const honor = net.honorConstraints;
    if (ct === K.C_MSO) {
      const s = dur > 0 && !elapsed ? tbl.snapForward(cd) : cd;
      const conflicting = es > s;
      if (conflicting) conflict(net, st, v, 'Must Start On');
      if (honor || !conflicting) {
        es = s;
        ef = dur > 0 ? addDuration(tbl, elapsed, es, dur) : es;
      }
    } else if (ct === K.C_MFO) {
      const conflicting = ef > cd;
      if (conflicting) conflict(net, st, v, 'Must Finish On');
      if (honor || !conflicting) {
        ef = cd;
        es = dur > 0 ? addDuration(tbl, elapsed, cd, -dur) : cd;
      }
    } else if (ct === K.C_SNLT && es > cd) {
      conflict(net, st, v, 'Start No Later Than');
      if (honor) {
        es = dur > 0 && !elapsed ? tbl.snapForward(cd) : cd;
        ef = dur > 0 ? addDuration(tbl, elapsed, es, dur) : es;
      }
    } else if (ct === K.C_FNLT && ef > cd) {
      conflict(net, st, v, 'Finish No Later Than');
      if (honor) {
        ef = cd;
        es = dur > 0 ? addDuration(tbl, elapsed, cd, -dur) : cd;
      }
    }
  }
  st.es[v] = st.start[v] = es;
  st.ef[v] = st.finish[v] = ef;
}

function conflict(net: Network, st: ScheduleState, v: number, what: string): void {
  const outcome = net.honorConstraints ? 'the constraint is honoured' : 'the links win (constraints not honoured)';
  st.conflicts.set(v, `task ${net.ids[v]}: its links move it past its ${what} constraint; ${outcome}`);
}

/** Forward pass over the whole network in topological order. */
export function forwardPass(net: Network, st: ScheduleState): void {
  st.conflicts.clear();
  st.wProjectStart = Float64Array.from(net.tables, (t) => t.workBefore(net.projectStart));
  const order = net.order;
  for (let k = 0; k < net.n; k++) forwardTask(net, st, order[k]);
}

/** Latest finish over all tasks (the project finish date). */
export function computeProjectFinish(net: Network, st: ScheduleState): number {
  let pf = net.projectStart;
  for (let v = 0; v < net.n; v++) if (st.finish[v] > pf) pf = st.finish[v];
  return pf;
}

function lateOfSuccessor(net: Network, S: Float64Array, F: Float64Array, s: number, wantStart: boolean): number {
  if (!(net.flags[s] & K.F_SUMMARY)) return wantStart ? S[s] : F[s];
  let best = wantStart ? POS : NEG;
  for (const leaf of leavesOf(net, s)) {
    if (wantStart) best = Math.min(best, S[leaf]);
    else best = Math.max(best, F[leaf]);
  }
  return best;
}

/** Backward pass for one leaf task. Returns true when its late dates changed. */
export function backwardTask(net: Network, st: ScheduleState, v: number): boolean {
  const f = net.flags[v];
  if (f & K.F_SUMMARY) return false;
  const dur0 = net.duration[v];
  if (net.fastB[v] && dur0 > 0) {
    const oldLs0 = st.ls[v];
    const oldLf0 = st.lf[v];
    const ci = net.calIdx[v];
    const tbl = net.tables[ci];
    let w = st.wProjectFinish[ci];
    for (let k = net.outStart[v]; k < net.outStart[v + 1]; k++) {
      const i = net.outLinks[k];
      const s = net.linkSucc[i];
      const c = (net.linkType[i] === K.L_FS ? st.wLS[s] : st.wLF[s]) - net.linkLag[i];
      if (c < w) w = c;
    }
    st.lf[v] = tbl.instantAtWorkEnd(w);
    st.ls[v] = tbl.instantAtWorkStart(w - dur0);
    st.wLF[v] = w;
    st.wLS[v] = w - dur0;
    return st.ls[v] !== oldLs0 || st.lf[v] !== oldLf0;
  }
  const changed = backwardLeafGeneric(net, st, v, f);
  const tbl0 = net.tables[net.calIdx[v]];
  st.wLS[v] = tbl0.workBefore(st.ls[v]);
  st.wLF[v] = tbl0.workBefore(st.lf[v]);
  return changed;
}

/**
 * Latest dates of leaf v given its successors' dates in S/F (late dates for the backward pass, scheduled dates
 * for ALAP placement); results go to outS/outF. Returns true when they changed.
 */
function backwardLeafGeneric(
  net: Network, st: ScheduleState, v: number, f: number,
  S: Float64Array = st.ls, F: Float64Array = st.lf, outS: Float64Array = st.ls, outF: Float64Array = st.lf,
): boolean {
  const oldLs = outS[v];
  const oldLf = outF[v];
  const tbl = net.tables[net.calIdx[v]];
  const elapsed = (f & K.F_ELAPSED) !== 0;
  const dur = net.duration[v];
  if (f & K.F_ACTUAL_FINISH) {
    outS[v] = st.es[v];
    outF[v] = st.ef[v];
    return outS[v] !== oldLs || outF[v] !== oldLf;
  }
  let lf = st.projectFinish;
  let lsBound = POS;
  for (let a = v; a >= 0; a = net.parent[a]) {
    for (let k = net.outStart[a]; k < net.outStart[a + 1]; k++) {
      const i = net.outLinks[k];
      const s = net.linkSucc[i];
      const stbl = net.tables[net.calIdx[s]];
      const type = net.linkType[i];
      if (type === K.L_FS) {
        const t = applyLag(net, stbl, i, lateOfSuccessor(net, S, F, s, true), -1);
        if (t < lf) lf = t;
      } else if (type === K.L_SS) {
        const t = applyLag(net, stbl, i, lateOfSuccessor(net, S, F, s, true), -1);
        if (t < lsBound) lsBound = t;
      } else if (type === K.L_FF) {
        const t = applyLag(net, stbl, i, lateOfSuccessor(net, S, F, s, false), -1);
        if (t < lf) lf = t;
      } else {
        const t = applyLag(net, stbl, i, lateOfSuccessor(net, S, F, s, false), -1);
        if (t < lsBound) lsBound = t;
      }
    }
  }
  const dl = net.deadline[v];
  if (!Number.isNaN(dl) && dl < lf) lf = dl;
  const ct = net.constraintType[v];
  const cd = net.constraintDate[v];
  if (!Number.isNaN(cd)) {
    if ((ct === K.C_FNLT || ct === K.C_MFO) && cd < lf) lf = cd;
    if ((ct === K.C_SNLT || ct === K.C_MSO) && cd < lsBound) lsBound = cd;
  }
  if (net.asgStart[v + 1] > net.asgStart[v] && lsBound === POS && !elapsed) {
    let ls = POS;
    let lateFinish = NEG;
    for (let k = net.asgStart[v]; k < net.asgStart[v + 1]; k++) {
      const at = net.tables[net.asgCal[k]];
      const d = net.asgDur[k];
      const af = d > 0 ? at.snapBackward(lf) : lf;
      const as = d > 0 ? at.addWorking(af, -d) : af;
      if (as < ls) ls = as;
      if (af > lateFinish) lateFinish = af;
    }
    outS[v] = ls;
    outF[v] = lateFinish;
    return ls !== oldLs || lateFinish !== oldLf;
  }
  let ls: number;
  if (dur > 0 && !elapsed) {
    const w = tbl.workBefore(lf);
    lf = tbl.instantAtWorkEnd(w);
    ls = tbl.instantAtWorkStart(w - dur);
  } else {
    ls = dur > 0 ? addDuration(tbl, elapsed, lf, -dur) : lf;
  }
  if (lsBound < ls) {
    ls = lsBound;
    lf = dur > 0 ? addDuration(tbl, elapsed, ls, dur) : ls;
  }
  outS[v] = ls;
  outF[v] = lf;
  return ls !== oldLs || lf !== oldLf;
}

/** Backward pass over the whole network in reverse topological order, then summary roll-up of late dates. */
export function backwardPass(net: Network, st: ScheduleState): void {
  st.wProjectFinish = Float64Array.from(net.tables, (t) => t.workBefore(st.projectFinish));
  const order = net.order;
  for (let k = net.n - 1; k >= 0; k--) backwardTask(net, st, order[k]);
  if (net.hasHierarchy) rollupLate(net, st);
}

/** Summary late dates: earliest late start and latest late finish of the children. */
export function rollupLate(net: Network, st: ScheduleState): void {
  for (let k = 0; k < net.n; k++) {
    const v = net.order[k];
    if (!(net.flags[v] & K.F_SUMMARY)) continue;
    let ls = POS, lf = NEG;
    for (let j = net.childStart[v]; j < net.childStart[v + 1]; j++) {
      const c = net.children[j];
      if (st.ls[c] < ls) ls = st.ls[c];
      if (st.lf[c] > lf) lf = st.lf[c];
    }
    st.ls[v] = ls;
    st.lf[v] = lf;
    const tbl = net.tables[net.calIdx[v]];
    st.wLS[v] = tbl.workBefore(ls);
    st.wLF[v] = tbl.workBefore(lf);
  }
}

/** Total slack (min of start and finish slack) and free slack of task v, in working minutes of its calendar. */
export function computeSlack(net: Network, st: ScheduleState, v: number): void {
  const tbl = net.tables[net.calIdx[v]];
  const ts = Math.min(tbl.workingBetween(st.es[v], st.ls[v]), tbl.workingBetween(st.ef[v], st.lf[v]));
  st.totalSlack[v] = ts;
  let fs = net.outStart[v + 1] > net.outStart[v] ? POS : Math.max(0, tbl.workingBetween(st.ef[v], st.projectFinish));
  for (let k = net.outStart[v]; k < net.outStart[v + 1]; k++) {
    const i = net.outLinks[k];
    const s = net.linkSucc[i];
    const stbl = net.tables[net.calIdx[s]];
    const type = net.linkType[i];
    const from = type === K.L_FS || type === K.L_FF ? st.ef[v] : st.es[v];
    const target = applyLag(net, stbl, i, from, 1);
    const actual = type === K.L_FS || type === K.L_SS ? st.es[s] : st.ef[s];
    const slack = Math.max(0, tbl.workingBetween(target, actual));
    if (slack < fs) fs = slack;
  }
  st.freeSlack[v] = Math.min(fs, Math.max(ts, 0));
}

/** Slack for every task. One offset lookup per date, then pure arithmetic for links on the same calendar. */
export function computeAllSlack(net: Network, st: ScheduleState): void {
  const n = net.n;
  const { wES, wEF, wLS, wLF } = st;
  for (let v = 0; v < n; v++) {
    const ci = net.calIdx[v];
    const tbl = net.tables[ci];
    const ts = Math.min(wLS[v] - wES[v], wLF[v] - wEF[v]);
    st.totalSlack[v] = ts;
    let fs = net.outStart[v + 1] > net.outStart[v] ? POS : Math.max(0, st.wProjectFinish[ci] - wEF[v]);
    for (let k = net.outStart[v]; k < net.outStart[v + 1]; k++) {
      const i = net.outLinks[k];
      const s = net.linkSucc[i];
      const type = net.linkType[i];
      const fromFinish = type === K.L_FS || type === K.L_FF;
      const toStart = type === K.L_FS || type === K.L_SS;
      let slack: number;
      if (net.calIdx[s] === ci && net.linkUnit[i] === K.U_WORKING) {
        slack = (toStart ? wES[s] : wEF[s]) - ((fromFinish ? wEF[v] : wES[v]) + net.linkLag[i]);
      } else {
        const target = applyLag(net, net.tables[net.calIdx[s]], i, fromFinish ? st.ef[v] : st.es[v], 1);
        slack = tbl.workingBetween(target, toStart ? st.es[s] : st.ef[s]);
      }
      if (slack < 0) slack = 0;
      if (slack < fs) fs = slack;
    }
    st.freeSlack[v] = Math.min(fs, Math.max(ts, 0));
  }
}

/** ALAP tasks move as late as possible without delaying their successors or the project finish. */
export function placeAlapTasks(net: Network, st: ScheduleState): boolean {
  let moved = false;
  // Reverse topological order: successors (ALAP ones included) are already placed. An ALAP task finishes as late
  // as its successors' scheduled dates allow (so it never delays them) and never before its early dates.
  for (let k = net.n - 1; k >= 0; k--) {
    const v = net.order[k];
    const f = net.flags[v];
    if (net.constraintType[v] !== K.C_ALAP || f & (K.F_SUMMARY | K.F_MANUAL | K.F_ACTUAL_START)) continue;
    backwardLeafGeneric(net, st, v, f, st.start, st.finish, st.start, st.finish);
    if (st.start[v] < st.es[v]) {
      st.start[v] = st.es[v];
      st.finish[v] = st.ef[v];
    }
    moved = true;
  }
  if (moved && net.hasHierarchy) {
    for (let k = 0; k < net.n; k++) {
      const v = net.order[k];
      if (!(net.flags[v] & K.F_SUMMARY)) continue;
      let s = POS, fin = NEG;
      for (let j = net.childStart[v]; j < net.childStart[v + 1]; j++) {
        const c = net.children[j];
        if (st.start[c] < s) s = st.start[c];
        if (st.finish[c] > fin) fin = st.finish[c];
      }
      st.start[v] = s;
      st.finish[v] = fin;
    }
  }
  return moved;
}

/** Runs the full schedule: forward, project finish, backward, ALAP placement, slack. */
export function runSchedule(net: Network, st: ScheduleState): void {
  forwardPass(net, st);
  if (!Number.isNaN(net.fixedFinish)) {
    // Scheduled from the finish: late dates from the fixed finish, then the project starts at the earliest late
    // start and early dates are recomputed from there.
    st.projectFinish = net.fixedFinish;
    backwardPass(net, st);
    let start = POS;
    for (let v = 0; v < net.n; v++) if (!(net.flags[v] & K.F_SUMMARY) && st.ls[v] < start) start = st.ls[v];
    if (start !== POS) net.projectStart = start;
    forwardPass(net, st);
    st.projectFinish = Math.max(net.fixedFinish, computeProjectFinish(net, st));
  } else {
    st.projectFinish = computeProjectFinish(net, st);
  }
  backwardPass(net, st);
  placeAlapTasks(net, st);
  computeAllSlack(net, st);
}
