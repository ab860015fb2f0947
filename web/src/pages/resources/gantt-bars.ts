/** Pure layout of the before/after levelling Gantt: day offsets of each moved task's bars (tested). */

const DAY_MS = 86_400_000;
const dayNo = (t: string) => Math.round(Date.parse(`${t.slice(0, 10)}T00:00:00Z`) / DAY_MS);

export interface GanttChange {
  taskId: string;
  name: string;
  projectName: string;
  oldStart: string;
  oldFinish: string;
  newStart: string;
  newFinish: string;
  pieces: { start: string; finish: string }[] | null;
}

/** A bar from day offset `from` for `days` days (finish day included). */
export interface Bar {
  from: number;
  days: number;
}

export interface GanttRow {
  taskId: string;
  label: string;
  before: Bar;
  after: Bar[];
}

/** Rows with bars as day offsets from the first day shown, and the number of days the chart spans. */
export function ganttLayout(changes: readonly GanttChange[], maxRows = 200): { firstDay: string; days: number; rows: GanttRow[] } {
  const list = changes.slice(0, maxRows);
  if (!list.length) return { firstDay: '', days: 0, rows: [] };
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of list) {
    lo = Math.min(lo, dayNo(c.oldStart), dayNo(c.newStart));
    hi = Math.max(hi, dayNo(c.oldFinish), dayNo(c.newFinish));
  }
  const bar = (s: string, f: string): Bar => ({ from: dayNo(s) - lo, days: Math.max(1, dayNo(f) - dayNo(s) + 1) });
  return {
    firstDay: new Date(lo * DAY_MS).toISOString().slice(0, 10),
    days: hi - lo + 1,
    rows: list.map((c) => ({
      taskId: c.taskId,
      label: `${c.projectName} · ${c.name}`,
      before: bar(c.oldStart, c.oldFinish),
      after: c.pieces ? c.pieces.map((p) => bar(p.start, p.finish)) : [bar(c.newStart, c.newFinish)],
    })),
  };
}
