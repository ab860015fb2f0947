/** Canvas painter for the Gantt: draws only the rows and time range in view. */
import { FLAG_BASELINE, FLAG_CRITICAL, FLAG_MILESTONE, FLAG_SUMMARY, FLAG_UNSCHEDULED, type GanttModel } from './gantt-model';
import { headerTicks, MIN_PER_DAY, type Zoom } from './gantt-time';

/** Colours read from the theme's CSS variables. */
export interface GanttColors {
  bg: string; fg: string; fg2: string; grid: string; weekend: string; bar: string; barDone: string; summary: string;
  critical: string; baseline: string; today: string; link: string; selected: string; header: string; accent: string;
}

/** Reads the Gantt colours from CSS variables on <html>. */
export function readGanttColors(): GanttColors {
  const css = getComputedStyle(document.documentElement);
  const v = (n: string) => css.getPropertyValue(n).trim() || '#888';
  return {
    bg: v('--bg'), fg: v('--fg'), fg2: v('--fg-2'), grid: v('--gantt-grid'), weekend: v('--gantt-weekend'), bar: v('--gantt-bar'),
    barDone: v('--gantt-bar-done'), summary: v('--gantt-summary'), critical: v('--gantt-critical'), baseline: v('--gantt-baseline'),
    today: v('--gantt-today'), link: v('--gantt-link'), selected: v('--bg-3'), header: v('--bg-2'), accent: v('--accent'),
  };
}

/** What is on screen and how it is scaled. */
export interface GanttViewport {
  width: number; height: number; scrollX: number; scrollY: number;
  pxPerMin: number; rowHeight: number; headerHeight: number; zoom: Zoom;
}

/** Transient interaction state drawn over the chart. */
export interface GanttOverlay {
  selectedTask: number;
  preview: { task: number; startMin: number; finishMin: number } | null;
  linkFrom: { task: number; x: number; y: number } | null;
  todayMin: number;
}

/** Paints one frame. `ctx` is already scaled for devicePixelRatio. */
export function drawGantt(ctx: CanvasRenderingContext2D, m: GanttModel, vp: GanttViewport, ov: GanttOverlay, c: GanttColors): void {
  const { width, height, scrollX, scrollY, pxPerMin, rowHeight: rh, headerHeight: hh } = vp;
  const x0min = m.rangeStartMin;
  const xOf = (min: number) => (min - x0min) * pxPerMin - scrollX;
  const rows = m.rowTask.length;
  const r0 = Math.max(0, Math.floor(scrollY / rh));
  const r1 = Math.min(rows - 1, Math.ceil((scrollY + height - hh) / rh));
  const tFrom = x0min + scrollX / pxPerMin, tTo = tFrom + width / pxPerMin;
  ctx.fillStyle = c.bg;
  ctx.fillRect(0, 0, width, height);
  const ticks = headerTicks(vp.zoom, tFrom, tTo);

  // Weekends (days zoom only) and vertical grid.
  if (vp.zoom === 'days') {
    ctx.fillStyle = c.weekend;
    for (const t of ticks.minor) {
      const dow = new Date(t.atMin * 60000).getUTCDay();
      if (dow === 0 || dow === 6) ctx.fillRect(xOf(t.atMin), hh, MIN_PER_DAY * pxPerMin, height - hh);
    }
  }
  ctx.fillStyle = c.grid;
  for (const t of ticks.minor) ctx.fillRect(Math.round(xOf(t.atMin)), hh, 1, height - hh);

  // Selected row and horizontal lines.
  for (let r = r0; r <= r1; r++) {
    const y = hh + r * rh - scrollY;
    if (m.rowTask[r] === ov.selectedTask) { ctx.fillStyle = c.selected; ctx.fillRect(0, y, width, rh); }
    ctx.fillStyle = c.grid;
    ctx.fillRect(0, y + rh - 1, width, 1);
  }

  // Dependency arrows: any link with an end in view or spanning it.
  ctx.strokeStyle = c.link;
  ctx.fillStyle = c.link;
  ctx.lineWidth = 1;
  ctx.beginPath();
  const arrowHeads: number[] = [];
  for (let k = 0; k < m.linkFrom.length; k++) {
    const a = m.linkFrom[k]!, b = m.linkTo[k]!;
    const ra = m.taskRow[a]!, rb = m.taskRow[b]!;
    if (ra < 0 || rb < 0) continue;
    if ((ra < r0 && rb < r0) || (ra > r1 && rb > r1)) continue;
    const type = m.linkType[k]!; // 0 FS, 1 SS, 2 FF, 3 SF
    const fromEnd = type === 0 || type === 2;
    const toEnd = type === 2 || type === 3;
    const ax = xOf(fromEnd ? finishOf(m, a, ov) : startOf(m, a, ov));
    const bx = xOf(toEnd ? finishOf(m, b, ov) : startOf(m, b, ov));
    const ay = hh + ra * rh - scrollY + rh / 2, by = hh + rb * rh - scrollY + rh / 2;
    if (Math.max(ax, bx) < -20 || Math.min(ax, bx) > width + 20) continue;
    const out = fromEnd ? ax + 8 : ax - 8;
    const into = toEnd ? bx + 8 : bx - 8;
    ctx.moveTo(ax, ay);
    ctx.lineTo(out, ay);
    if ((!toEnd && into >= out) || (toEnd && into <= out)) {
      ctx.lineTo(out, by);
    } else {
      const midY = ay + (by > ay ? rh / 2 : -rh / 2);
      ctx.lineTo(out, midY);
      ctx.lineTo(into, midY);
      ctx.lineTo(into, by);
    }
    ctx.lineTo(bx, by);
    arrowHeads.push(bx, by, toEnd ? -1 : 1);
  }
  ctx.stroke();
  for (let i = 0; i < arrowHeads.length; i += 3) {
    const x = arrowHeads[i]!, y = arrowHeads[i + 1]!, d = arrowHeads[i + 2]!;
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x - 5 * d, y - 4);
    ctx.lineTo(x - 5 * d, y + 4);
    ctx.fill();
  }

  // Bars.
  ctx.font = '12px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  for (let r = r0; r <= r1; r++) {
    const i = m.rowTask[r]!;
    const fl = m.flags[i]!;
    const y = hh + r * rh - scrollY;
    const s = startOf(m, i, ov), f = finishOf(m, i, ov);
    const bx0 = xOf(s), bx1 = Math.max(xOf(f), bx0 + 2);
    if (bx1 < -200 || bx0 > width + 10) continue;
    const cy = y + rh / 2;
    if (fl & FLAG_BASELINE) {
      ctx.fillStyle = c.baseline;
      ctx.fillRect(xOf(m.baseStartMin[i]!), y + rh - 9, Math.max(2, (m.baseFinishMin[i]! - m.baseStartMin[i]!) * pxPerMin), 4);
    }
    const critical = (fl & FLAG_CRITICAL) !== 0;
    if (fl & FLAG_MILESTONE) {
      ctx.fillStyle = critical ? c.critical : c.fg;
      ctx.beginPath();
      ctx.moveTo(bx0, cy - 7); ctx.lineTo(bx0 + 7, cy); ctx.lineTo(bx0, cy + 7); ctx.lineTo(bx0 - 7, cy);
      ctx.fill();
      ctx.fillStyle = c.fg2;
      ctx.fillText(m.tasks[i]!.name, bx0 + 12, cy);
      continue;
    }
    if (fl & FLAG_SUMMARY) {
      ctx.fillStyle = critical ? c.critical : c.summary;
      ctx.fillRect(bx0, cy - 5, bx1 - bx0, 6);
      ctx.beginPath();
      ctx.moveTo(bx0, cy + 1); ctx.lineTo(bx0 + 5, cy + 1); ctx.lineTo(bx0, cy + 7);
      ctx.moveTo(bx1, cy + 1); ctx.lineTo(bx1 - 5, cy + 1); ctx.lineTo(bx1, cy + 7);
      ctx.fill();
      continue;
    }
    const barH = rh - 14;
    ctx.globalAlpha = fl & FLAG_UNSCHEDULED ? 0.4 : 1;
    ctx.fillStyle = critical ? c.critical : c.bar;
    ctx.fillRect(bx0, y + 7, bx1 - bx0, barH);
    const pct = Math.max(0, Math.min(100, m.tasks[i]!.percentComplete));
    if (pct > 0) {
      ctx.fillStyle = c.barDone;
      ctx.fillRect(bx0, y + 7 + barH - 4, ((bx1 - bx0) * pct) / 100, 4);
    }
    ctx.globalAlpha = 1;
    if (i === ov.selectedTask) {
      ctx.strokeStyle = c.accent; ctx.lineWidth = 2;
      ctx.strokeRect(bx0 - 1, y + 6, bx1 - bx0 + 2, barH + 2);
      ctx.fillStyle = c.accent;
      ctx.beginPath(); ctx.arc(bx1 + 6, cy, 3.5, 0, Math.PI * 2); ctx.fill(); // link handle
      ctx.lineWidth = 1;
    }
    if (vp.zoom === 'days' || vp.zoom === 'weeks') {
      ctx.fillStyle = c.fg2;
      ctx.fillText(m.tasks[i]!.name, bx1 + 14, cy);
    }
  }

  // Today line.
  const tx = xOf(ov.todayMin);
  if (tx >= 0 && tx <= width) { ctx.fillStyle = c.today; ctx.fillRect(Math.round(tx), hh, 2, height - hh); }

  // Link being dragged.
  if (ov.linkFrom) {
    const i = ov.linkFrom.task, r = m.taskRow[i]!;
    ctx.strokeStyle = c.accent; ctx.setLineDash([4, 3]); ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(xOf(finishOf(m, i, ov)), hh + r * rh - scrollY + rh / 2);
    ctx.lineTo(ov.linkFrom.x, ov.linkFrom.y);
    ctx.stroke();
    ctx.setLineDash([]); ctx.lineWidth = 1;
  }

  // Header: major row then minor row.
  ctx.fillStyle = c.header;
  ctx.fillRect(0, 0, width, hh);
  ctx.fillStyle = c.grid;
  ctx.fillRect(0, hh - 1, width, 1);
  ctx.fillRect(0, hh / 2, width, 1);
  ctx.fillStyle = c.fg;
  for (const t of ticks.major) {
    const x = xOf(t.atMin);
    ctx.fillRect(Math.round(x), 0, 1, hh / 2);
    ctx.fillText(t.label, Math.max(x, 0) + 4, hh / 4);
  }
  ctx.fillStyle = c.fg2;
  for (let k = 0; k < ticks.minor.length; k++) {
    const t = ticks.minor[k]!;
    const x = xOf(t.atMin);
    const next = ticks.minor[k + 1];
    const w = next ? xOf(next.atMin) - x : 40;
    if (w >= 14) ctx.fillText(t.label, x + 3, (hh * 3) / 4);
  }
}

function startOf(m: GanttModel, i: number, ov: GanttOverlay): number {
  return ov.preview && ov.preview.task === i ? ov.preview.startMin : m.startMin[i]!;
}
function finishOf(m: GanttModel, i: number, ov: GanttOverlay): number {
  return ov.preview && ov.preview.task === i ? ov.preview.finishMin : m.finishMin[i]!;
}
