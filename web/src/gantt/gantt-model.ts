/** Gantt model: tasks flattened to typed arrays (rows, times, flags) so drawing 10,000 rows stays cheap. */
import { floorDay, MIN_PER_DAY, parseScheduleMinutes } from './gantt-time';

/** The task fields the Gantt reads (a subset of the API Task). */
export interface GanttTask {
  id: string;
  parentId: string | null;
  wbs: string;
  outlineLevel: number;
  name: string;
  start: string | null;
  finish: string | null;
  percentComplete: number;
  isMilestone: boolean;
  isSummary: boolean;
  version: number;
  critical?: boolean;
  baselineStart?: string | null;
  baselineFinish?: string | null;
}

/** The link fields the Gantt reads. */
export interface GanttLink { id: string; predecessorId: string; successorId: string; type: 'FS' | 'SS' | 'FF' | 'SF' }

export const FLAG_MILESTONE = 1;
export const FLAG_SUMMARY = 2;
export const FLAG_CRITICAL = 4;
export const FLAG_BASELINE = 8;
export const FLAG_UNSCHEDULED = 16;

/** Flattened, display-ready Gantt data. Row r shows task `rowTask[r]`. */
export interface GanttModel {
  tasks: GanttTask[];
  indexById: Map<string, number>;
  startMin: Float64Array;
  finishMin: Float64Array;
  baseStartMin: Float64Array;
  baseFinishMin: Float64Array;
  flags: Uint8Array;
  /** Task index per visible row. */
  rowTask: Int32Array;
  /** Visible row per task index, -1 when hidden under a collapsed summary. */
  taskRow: Int32Array;
  /** Link endpoints as task indices (links to unknown tasks are dropped). */
  linkFrom: Int32Array;
  linkTo: Int32Array;
  linkType: Uint8Array;
  links: GanttLink[];
  /** Time range of the chart, padded, in wall-clock minutes. */
  rangeStartMin: number;
  rangeEndMin: number;
}

const LINK_TYPES = { FS: 0, SS: 1, FF: 2, SF: 3 } as const;

/** Builds the model; `collapsed` holds ids of summary tasks whose children are hidden; `anchorMin` places unscheduled tasks. */
export function buildGanttModel(tasks: GanttTask[], links: GanttLink[], collapsed: ReadonlySet<string>, anchorMin: number): GanttModel {
  const n = tasks.length;
  const indexById = new Map<string, number>();
  const startMin = new Float64Array(n), finishMin = new Float64Array(n);
  const baseStartMin = new Float64Array(n), baseFinishMin = new Float64Array(n);
  const flags = new Uint8Array(n);
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = tasks[i]!;
    indexById.set(t.id, i);
    let s = parseScheduleMinutes(t.start), f = parseScheduleMinutes(t.finish);
    let fl = 0;
    if (Number.isNaN(s) && Number.isNaN(f)) { s = floorDay(anchorMin); f = s; fl |= FLAG_UNSCHEDULED; }
    else if (Number.isNaN(s)) s = f;
    else if (Number.isNaN(f)) f = s;
    if (f < s) f = s;
    startMin[i] = s; finishMin[i] = f;
    if (t.isMilestone) fl |= FLAG_MILESTONE;
    if (t.isSummary) fl |= FLAG_SUMMARY;
    if (t.critical) fl |= FLAG_CRITICAL;
    const bs = parseScheduleMinutes(t.baselineStart), bf = parseScheduleMinutes(t.baselineFinish);
    if (!Number.isNaN(bs) && !Number.isNaN(bf)) { fl |= FLAG_BASELINE; baseStartMin[i] = bs; baseFinishMin[i] = bf; }
    flags[i] = fl;
    if (!(fl & FLAG_UNSCHEDULED)) { if (s < lo) lo = s; if (f > hi) hi = f; }
  }
  if (lo === Infinity) { lo = floorDay(anchorMin); hi = lo; }
  // Visible rows: skip descendants of collapsed summaries (tasks are in display/WBS order).
  const rows: number[] = [];
  const taskRow = new Int32Array(n).fill(-1);
  let hideBelow = Infinity;
  for (let i = 0; i < n; i++) {
    const t = tasks[i]!;
    if (t.outlineLevel > hideBelow) continue;
    hideBelow = Infinity;
    taskRow[i] = rows.length;
    rows.push(i);
    if (collapsed.has(t.id)) hideBelow = t.outlineLevel;
  }
  const lf: number[] = [], lt: number[] = [], ly: number[] = [];
  const kept: GanttLink[] = [];
  for (const l of links) {
    const a = indexById.get(l.predecessorId), b = indexById.get(l.successorId);
    if (a === undefined || b === undefined) continue;
    lf.push(a); lt.push(b); ly.push(LINK_TYPES[l.type] ?? 0); kept.push(l);
  }
  return {
    tasks, indexById, startMin, finishMin, baseStartMin, baseFinishMin, flags,
    rowTask: Int32Array.from(rows), taskRow,
    linkFrom: Int32Array.from(lf), linkTo: Int32Array.from(lt), linkType: Uint8Array.from(ly), links: kept,
    rangeStartMin: floorDay(lo) - 14 * MIN_PER_DAY,
    rangeEndMin: floorDay(hi) + 60 * MIN_PER_DAY,
  };
}

/** Where a point falls on a bar: body (move), end (resize finish), link (start a dependency), or nothing. */
export type HitPart = 'body' | 'end' | 'link' | null;

/** Hit-tests x (chart px, scrolled) against the bar of task i; pure so it can be unit-tested. */
export function hitBar(x: number, barX0: number, barX1: number, milestone: boolean): HitPart {
  if (milestone) {
    const c = barX0;
    if (Math.abs(x - c) <= 7) return 'body';
    if (x > c + 7 && x <= c + 18) return 'link';
    return null;
  }
  const w = Math.max(barX1 - barX0, 2);
  if (x >= barX0 + w && x <= barX0 + w + 12) return 'link';
  if (x >= barX0 + w - 6 && x < barX0 + w) return 'end';
  if (x >= barX0 && x < barX0 + w - 6) return 'body';
  return null;
}
