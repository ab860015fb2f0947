/**
 * MS Project's "longest path": the tasks that drive the project finish through driving links (a link drives
 * its successor when the successor's date is exactly where the link puts it), found by walking back from the
 * tasks that finish on the project finish. Unlike the critical flag it ignores slack and constraints' late dates.
 */
import * as K from './network.types.js';
import type { Network, ScheduleState } from './network.types.js';
import { leavesOf } from './network-compile.js';
import { applyLag } from './schedule-passes.js';

function drives(net: Network, st: ScheduleState, i: number, v: number): boolean {
  const p = net.linkPred[i];
  const type = net.linkType[i];
  const tbl = net.tables[net.calIdx[v]];
  const from = type === K.L_FS || type === K.L_FF ? st.finish[p] : st.start[p];
  const target = applyLag(net, tbl, i, from, 1);
  const date = type === K.L_FS || type === K.L_SS ? st.start[v] : st.finish[v];
  if (target === date) return true;
  if (net.duration[v] === 0 || net.flags[v] & K.F_ELAPSED) return false;
  return tbl.workBefore(target) === tbl.workBefore(date);
}

/** 1 for every task on the longest path (summaries when one of their children is). */
export function computeLongestPath(net: Network, st: ScheduleState): Uint8Array {
  const n = net.n;
  const on = new Uint8Array(n);
  const stack: number[] = [];
  for (let v = 0; v < n; v++) {
    if (!(net.flags[v] & K.F_SUMMARY) && st.finish[v] === st.projectFinish) stack.push(v);
  }
  while (stack.length) {
    const v = stack.pop()!;
    if (on[v]) continue;
    on[v] = 1;
    if (net.flags[v] & (K.F_MANUAL | K.F_ACTUAL_START)) continue;
    for (let a = v; a >= 0; a = net.parent[a]) {
      for (let k = net.inStart[a]; k < net.inStart[a + 1]; k++) {
        const i = net.inLinks[k];
        if (!drives(net, st, i, v)) continue;
        const p = net.linkPred[i];
        if (!(net.flags[p] & K.F_SUMMARY)) {
          stack.push(p);
          continue;
        }
        const byFinish = net.linkType[i] === K.L_FS || net.linkType[i] === K.L_FF;
        for (const leaf of leavesOf(net, p)) {
          if (byFinish ? st.finish[leaf] === st.finish[p] : st.start[leaf] === st.start[p]) stack.push(leaf);
        }
      }
    }
  }
  if (net.hasHierarchy) {
    for (let k = 0; k < n; k++) {
      const v = net.order[k];
      if (on[v] && net.parent[v] >= 0) on[net.parent[v]] = 1;
    }
  }
  return on;
}
