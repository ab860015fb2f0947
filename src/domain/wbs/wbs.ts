/**
 * The work breakdown structure as a tree: display order, WBS codes ("1.2.3"), outline levels, which tasks
 * are summaries, and the roll-up of dates, duration and percent complete from leaves to summaries.
 * Pure: flat rows in, derived fields out.
 */

export interface WbsTask {
  id: string;
  parentId: string | null;
  sortOrder: number;
  /** Schedule times as 'YYYY-MM-DD HH:mm:ss' (lexicographic order = time order). */
  start: string | null;
  finish: string | null;
  durationMinutes: number;
  percentComplete: number;
}

export interface WbsDerived {
  id: string;
  sortOrder: number;
  wbs: string;
  outlineLevel: number;
  isSummary: boolean;
  start: string | null;
  finish: string | null;
  durationMinutes: number;
  percentComplete: number;
}

/**
 * Orders the tree depth-first (children by their current sortOrder, then id), numbers it 1..n and rolls
 * summaries up: start = earliest child start, finish = latest child finish, percent complete weighted by
 * duration. Without a calendar a summary's working duration is not knowable here, so it is the longest
 * child's duration until the scheduling engine recomputes it.
 * Tasks whose parent is missing are treated as top-level.
 */
export function deriveWbs(tasks: readonly WbsTask[]): WbsDerived[] {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const children = new Map<string | null, WbsTask[]>();
  for (const t of tasks) {
    const parent = t.parentId !== null && byId.has(t.parentId) ? t.parentId : null;
    const list = children.get(parent);
    if (list) list.push(t);
    else children.set(parent, [t]);
  }
  for (const list of children.values()) list.sort((a, b) => a.sortOrder - b.sortOrder || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const out: WbsDerived[] = [];
  const visited = new Set<string>();
  // Iterative DFS: deep outlines must not overflow the stack.
  const visit = (rootList: WbsTask[], rootPrefix: string) => {
    const stack: { list: WbsTask[]; i: number; prefix: string; level: number; rows: WbsDerived[] }[] = [{ list: rootList, i: 0, prefix: rootPrefix, level: 1, rows: [] }];
    const pending: { row: WbsDerived; frame: (typeof stack)[number] }[] = [];
    while (stack.length) {
      const frame = stack[stack.length - 1]!;
      if (frame.i >= frame.list.length) {
        stack.pop();
        const owner = pending.pop();
        if (owner) rollUp(owner.row, frame.rows);
        continue;
      }
      const t = frame.list[frame.i++]!;
      if (visited.has(t.id)) continue;
      visited.add(t.id);
      const code = frame.prefix ? `${frame.prefix}.${frame.i}` : String(frame.i);
      const kids = children.get(t.id) ?? [];
      const row: WbsDerived = {
        id: t.id,
        sortOrder: out.length + 1,
        wbs: code,
        outlineLevel: frame.level,
        isSummary: kids.length > 0,
        start: t.start,
        finish: t.finish,
        durationMinutes: t.durationMinutes,
        percentComplete: t.percentComplete,
      };
      out.push(row);
      frame.rows.push(row);
      if (kids.length) {
        pending.push({ row, frame });
        stack.push({ list: kids, i: 0, prefix: code, level: frame.level + 1, rows: [] });
      }
    }
  };
  visit(children.get(null) ?? [], '');
  // Rows in a parent cycle are unreachable from the roots: keep them, top level, so nothing is lost.
  const orphans = tasks.filter((t) => !visited.has(t.id)).map((t) => ({ ...t, parentId: null }));
  if (orphans.length) visit(orphans, '');
  return out;
}

function rollUp(summary: WbsDerived, kids: WbsDerived[]): void {
  let start: string | null = null;
  let finish: string | null = null;
  let maxDuration = 0;
  let weight = 0;
  let done = 0;
  for (const k of kids) {
    if (k.start !== null && (start === null || k.start < start)) start = k.start;
    if (k.finish !== null && (finish === null || k.finish > finish)) finish = k.finish;
    if (k.durationMinutes > maxDuration) maxDuration = k.durationMinutes;
    const w = Math.max(k.durationMinutes, 1);
    weight += w;
    done += w * k.percentComplete;
  }
  summary.start = start;
  summary.finish = finish;
  summary.durationMinutes = maxDuration;
  summary.percentComplete = weight > 0 ? Math.round((done / weight) * 100) / 100 : 0;
}

/** Whether making `parentId` the parent of `taskId` would put the task under itself. */
export function wouldCreateParentCycle(tasks: readonly Pick<WbsTask, 'id' | 'parentId'>[], taskId: string, parentId: string | null): boolean {
  if (parentId === null) return false;
  const parentOf = new Map(tasks.map((t) => [t.id, t.parentId]));
  let cur: string | null | undefined = parentId;
  for (let guard = 0; cur && guard <= tasks.length; guard++) {
    if (cur === taskId) return true;
    cur = parentOf.get(cur);
  }
  return false;
}

/** Whether adding predecessor -> successor closes a cycle in the link graph (returns the cycle's ids or null). */
export function findLinkCycle(links: readonly { predecessorId: string; successorId: string }[], predecessorId: string, successorId: string): string[] | null {
  const next = new Map<string, string[]>();
  for (const l of links) {
    const list = next.get(l.predecessorId);
    if (list) list.push(l.successorId);
    else next.set(l.predecessorId, [l.successorId]);
  }
  // Is there a path successor -> ... -> predecessor already?
  const prev = new Map<string, string>();
  const queue = [successorId];
  const seen = new Set(queue);
  while (queue.length) {
    const cur = queue.shift()!;
    if (cur === predecessorId) {
      const path = [cur];
      let p = prev.get(cur);
      while (p !== undefined) {
        path.push(p);
        p = prev.get(p);
      }
      return path.reverse();
    }
    for (const n of next.get(cur) ?? []) {
      if (!seen.has(n)) {
        seen.add(n);
        prev.set(n, cur);
        queue.push(n);
      }
    }
  }
  return null;
}
