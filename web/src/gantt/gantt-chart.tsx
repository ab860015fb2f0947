/**
 * Canvas Gantt chart with a virtualised task list. Drag a bar to move it, its right edge to resize,
 * the dot after it onto another bar to link. Keyboard: arrows select / nudge, Shift+arrows resize,
 * Enter saves, Escape cancels, +/- zoom.
 */
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { buildGanttModel, FLAG_MILESTONE, FLAG_SUMMARY, hitBar, type GanttLink, type GanttTask } from './gantt-model';
import { drawGantt, readGanttColors, type GanttColors, type GanttOverlay } from './gantt-draw';
import { formatDate, MIN_PER_DAY, nowWallMinutes, PX_PER_DAY, ZOOMS, type Zoom } from './gantt-time';

export interface GanttChartProps {
  tasks: GanttTask[];
  links: GanttLink[];
  canEdit: boolean;
  selectedId?: string | null;
  onSelect?: (id: string | null) => void;
  /** Called when a drag or keyboard edit ends with new dates (wall-clock minutes). */
  onChangeDates?: (task: GanttTask, startMin: number, finishMin: number) => void;
  /** Called when the user drags from one bar's end onto another bar. */
  onLink?: (predecessor: GanttTask, successor: GanttTask) => void;
  initialZoom?: Zoom;
  /** Extra toolbar content (e.g. "Add task"). */
  toolbarExtra?: React.ReactNode;
}

const ROW_H = 28;
const WINDOW = 16;
const HEADER_H = 40;

interface Drag {
  task: number; kind: 'body' | 'end' | 'link'; x0: number; pointerId: number; moved: boolean;
}

/** The Gantt chart. */
export function GanttChart(props: GanttChartProps) {
  const { tasks, links, canEdit, onChangeDates, onLink } = props;
  const [zoom, setZoom] = useState<Zoom>(props.initialZoom ?? 'weeks');
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [size, setSize] = useState({ w: 800, h: 400 });
  // The task list re-renders only when the scroll leaves the current window of rows (every WINDOW rows);
  // in between, the scroll handler just moves the list with a transform.
  const [windowStart, setWindowStart] = useState(0);
  const labelsRef = useRef<HTMLDivElement>(null);
  const [selectedLocal, setSelectedLocal] = useState<string | null>(null);
  const selectedId = props.selectedId !== undefined ? props.selectedId : selectedLocal;
  const onSelectRef = useRef(props.onSelect);
  onSelectRef.current = props.onSelect;
  const select = useCallback((id: string | null) => { setSelectedLocal(id); onSelectRef.current?.(id); }, []);
  const [announce, setAnnounce] = useState('');
  const helpId = useId();

  const anchor = useMemo(() => nowWallMinutes(), []);
  const model = useMemo(() => buildGanttModel(tasks, links, collapsed, anchor), [tasks, links, collapsed, anchor]);
  const pxPerMin = PX_PER_DAY[zoom] / MIN_PER_DAY;
  const totalW = Math.ceil((model.rangeEndMin - model.rangeStartMin) * pxPerMin);
  const totalH = HEADER_H + model.rowTask.length * ROW_H;

  const scrollRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const colors = useRef<GanttColors | null>(null);
  const overlay = useRef<GanttOverlay>({ selectedTask: -1, preview: null, linkFrom: null, todayMin: anchor });
  const drag = useRef<Drag | null>(null);
  const frame = useRef(0);
  const firstDraw = useRef(true);

  overlay.current.selectedTask = selectedId ? (model.indexById.get(selectedId) ?? -1) : -1;

  const draw = useCallback(() => {
    frame.current = 0;
    const canvas = canvasRef.current, el = scrollRef.current;
    if (!canvas || !el) return;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    if (!colors.current) colors.current = readGanttColors();
    const dpr = window.devicePixelRatio || 1;
    const pw = Math.max(1, Math.floor(size.w * dpr)), ph = Math.max(1, Math.floor(size.h * dpr));
    if (canvas.width !== pw || canvas.height !== ph) {
      canvas.width = pw;
      canvas.height = ph;
      canvas.style.width = `${size.w}px`;
      canvas.style.height = `${size.h}px`;
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawGantt(ctx, model, {
      width: size.w, height: size.h, scrollX: el.scrollLeft, scrollY: el.scrollTop,
      pxPerMin, rowHeight: ROW_H, headerHeight: HEADER_H, zoom,
    }, overlay.current, colors.current);
    if (firstDraw.current) {
      firstDraw.current = false;
      performance.mark('gantt-first-draw');
    }
  }, [model, size, pxPerMin, zoom]);
  const requestDraw = useCallback(() => {
    if (!frame.current) frame.current = requestAnimationFrame(draw);
  }, [draw]);

  useLayoutEffect(() => { draw(); }, [draw, selectedId]);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  // Canvas size follows the scroll viewport.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setSize({ w: el.clientWidth, h: el.clientHeight }));
    ro.observe(el);
    setSize({ w: el.clientWidth, h: el.clientHeight });
    return () => ro.disconnect();
  }, []);
  // Re-read theme colours when the theme changes.
  useEffect(() => {
    const mo = new MutationObserver(() => { colors.current = null; requestDraw(); });
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    const onMq = () => { colors.current = null; requestDraw(); };
    mq.addEventListener('change', onMq);
    return () => { mo.disconnect(); mq.removeEventListener('change', onMq); };
  }, [requestDraw]);
  // Start scrolled to the earliest task (or today) once.
  const scrolledOnce = useRef(false);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || scrolledOnce.current || tasks.length === 0) return;
    scrolledOnce.current = true;
    // First task in display order, two days of context before it.
    const first = model.rowTask.length > 0 ? model.startMin[model.rowTask[0]!]! : model.rangeStartMin;
    el.scrollLeft = Math.max(0, (first - 2 * MIN_PER_DAY - model.rangeStartMin) * pxPerMin);
  }, [tasks.length, pxPerMin, model]);

  const onScroll = () => {
    const el = scrollRef.current!;
    if (labelsRef.current) labelsRef.current.style.transform = `translateY(${-el.scrollTop}px)`;
    const ws = Math.max(0, Math.floor(el.scrollTop / ROW_H / WINDOW) * WINDOW - WINDOW);
    if (ws !== windowStart) setWindowStart(ws);
    requestDraw();
  };

  const changeZoom = (z: Zoom) => {
    const el = scrollRef.current;
    if (el) {
      // Keep the time at the left edge in place.
      const leftMin = model.rangeStartMin + el.scrollLeft / pxPerMin;
      const nextPx = PX_PER_DAY[z] / MIN_PER_DAY;
      requestAnimationFrame(() => { el.scrollLeft = (leftMin - model.rangeStartMin) * nextPx; });
    }
    setZoom(z);
  };

  // ---- pointer interaction ----
  const locate = (e: PointerEvent<HTMLDivElement>) => {
    const el = scrollRef.current!;
    const rect = el.getBoundingClientRect();
    const vx = e.clientX - rect.left, vy = e.clientY - rect.top;
    const row = Math.floor((vy - HEADER_H + el.scrollTop) / ROW_H);
    const task = vy > HEADER_H && row >= 0 && row < model.rowTask.length ? model.rowTask[row]! : -1;
    let part: ReturnType<typeof hitBar> = null;
    if (task >= 0) {
      const xOf = (min: number) => (min - model.rangeStartMin) * pxPerMin - el.scrollLeft;
      part = hitBar(vx, xOf(model.startMin[task]!), xOf(model.finishMin[task]!), (model.flags[task]! & FLAG_MILESTONE) !== 0);
    }
    return { vx, vy, task, part };
  };
  const snapDays = (dx: number) => Math.round(dx / pxPerMin / MIN_PER_DAY) * MIN_PER_DAY;

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    const hit = locate(e);
    if (hit.task < 0) return;
    select(tasks[hit.task]!.id);
    if (!canEdit || !hit.part) return;
    if ((model.flags[hit.task]! & FLAG_SUMMARY) && hit.part !== 'link') return;
    if ((model.flags[hit.task]! & FLAG_MILESTONE) && hit.part === 'end') return;
    drag.current = { task: hit.task, kind: hit.part, x0: hit.vx, pointerId: e.pointerId, moved: false };
    e.currentTarget.setPointerCapture(e.pointerId);
    e.preventDefault();
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    const hit = locate(e);
    if (!d) {
      const cursor = !canEdit || hit.task < 0 ? 'default' : hit.part === 'end' ? 'ew-resize' : hit.part === 'link' ? 'crosshair' : hit.part === 'body' ? 'grab' : 'default';
      if (scrollRef.current!.style.cursor !== cursor) scrollRef.current!.style.cursor = cursor;
      return;
    }
    d.moved = d.moved || Math.abs(hit.vx - d.x0) > 3;
    if (d.kind === 'link') {
      overlay.current.linkFrom = { task: d.task, x: hit.vx, y: hit.vy };
    } else {
      const delta = snapDays(hit.vx - d.x0);
      const s = model.startMin[d.task]!, f = model.finishMin[d.task]!;
      overlay.current.preview = d.kind === 'body'
        ? { task: d.task, startMin: s + delta, finishMin: f + delta }
        : { task: d.task, startMin: s, finishMin: Math.max(s + MIN_PER_DAY / 2, f + delta) };
    }
    requestDraw();
  };
  const endDrag = (e: PointerEvent<HTMLDivElement>, cancel: boolean) => {
    const d = drag.current;
    if (!d) return;
    drag.current = null;
    const hit = locate(e);
    const preview = overlay.current.preview;
    overlay.current.preview = null;
    overlay.current.linkFrom = null;
    if (!cancel && d.moved) {
      if (d.kind === 'link' && hit.task >= 0 && hit.task !== d.task) onLink?.(tasks[d.task]!, tasks[hit.task]!);
      else if (preview && (preview.startMin !== model.startMin[d.task] || preview.finishMin !== model.finishMin[d.task])) {
        onChangeDates?.(tasks[d.task]!, preview.startMin, preview.finishMin);
      }
    }
    requestDraw();
  };

  // ---- keyboard ----
  const selIndex = overlay.current.selectedTask;
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const el = scrollRef.current!;
    if (e.key === '+' || e.key === '=') { changeZoom(ZOOMS[Math.max(0, ZOOMS.indexOf(zoom) - 1)]!); e.preventDefault(); return; }
    if (e.key === '-') { changeZoom(ZOOMS[Math.min(ZOOMS.length - 1, ZOOMS.indexOf(zoom) + 1)]!); e.preventDefault(); return; }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const row = selIndex >= 0 ? model.taskRow[selIndex]! : -1;
      const next = Math.max(0, Math.min(model.rowTask.length - 1, row + (e.key === 'ArrowDown' ? 1 : -1)));
      const ti = model.rowTask[next];
      if (ti === undefined) return;
      overlay.current.preview = null;
      select(tasks[ti]!.id);
      const y = next * ROW_H;
      if (y < el.scrollTop) el.scrollTop = y;
      else if (y + ROW_H > el.scrollTop + el.clientHeight - HEADER_H) el.scrollTop = y + ROW_H - el.clientHeight + HEADER_H;
      const t = tasks[ti]!;
      setAnnounce(`${t.wbs} ${t.name}, ${formatDate(model.startMin[ti]!)} to ${formatDate(model.finishMin[ti]!)}`);
      e.preventDefault();
      return;
    }
    if (selIndex < 0 || !canEdit) return;
    const fl = model.flags[selIndex]!;
    if ((e.key === 'ArrowLeft' || e.key === 'ArrowRight') && !(fl & FLAG_SUMMARY)) {
      const step = (e.key === 'ArrowRight' ? 1 : -1) * MIN_PER_DAY;
      const p = overlay.current.preview ?? { task: selIndex, startMin: model.startMin[selIndex]!, finishMin: model.finishMin[selIndex]! };
      overlay.current.preview = e.shiftKey && !(fl & FLAG_MILESTONE)
        ? { ...p, finishMin: Math.max(p.startMin + MIN_PER_DAY / 2, p.finishMin + step) }
        : { ...p, startMin: p.startMin + step, finishMin: p.finishMin + step };
      const q = overlay.current.preview;
      setAnnounce(`${formatDate(q.startMin)} to ${formatDate(q.finishMin)}. Enter to save, Escape to cancel.`);
      requestDraw();
      e.preventDefault();
    } else if (e.key === 'Enter' && overlay.current.preview) {
      const p = overlay.current.preview;
      overlay.current.preview = null;
      onChangeDates?.(tasks[p.task]!, p.startMin, p.finishMin);
      e.preventDefault();
    } else if (e.key === 'Escape' && overlay.current.preview) {
      overlay.current.preview = null;
      setAnnounce('Change cancelled');
      requestDraw();
    }
  };

  // ---- virtualised task list on the left ----
  const first = windowStart;
  const last = Math.min(model.rowTask.length, windowStart + Math.ceil(size.h / ROW_H) + 3 * WINDOW);
  const labels = [];
  for (let r = first; r < last; r++) {
    const i = model.rowTask[r]!;
    const t = tasks[i]!;
    labels.push(
      <div key={t.id} className="gantt-row-label" role="row" aria-selected={t.id === selectedId}
        style={{ top: HEADER_H + r * ROW_H, height: ROW_H, paddingLeft: 8 + (t.outlineLevel - 1) * 14 }}
        onClick={() => select(t.id)}>
        {t.isSummary ? (
          <button type="button" className="tree-toggle" aria-expanded={!collapsed.has(t.id)} aria-label={`${collapsed.has(t.id) ? 'Expand' : 'Collapse'} ${t.name}`}
            onClick={(e) => { e.stopPropagation(); setCollapsed((c) => { const n = new Set(c); if (n.has(t.id)) n.delete(t.id); else n.add(t.id); return n; }); }}>
            {collapsed.has(t.id) ? '▸' : '▾'}
          </button>
        ) : <span style={{ width: 18 }} />}
        <span className="muted">{t.wbs}</span>
        <span role="gridcell" style={{ fontWeight: t.isSummary ? 600 : undefined }}>{t.name}</span>
      </div>,
    );
  }

  return (
    <div className="gantt" data-testid="gantt">
      <div className="gantt-toolbar" role="toolbar" aria-label="Gantt">
        <label className="row">Zoom
          <select value={zoom} onChange={(e) => changeZoom(e.target.value as Zoom)}>
            {ZOOMS.map((z) => <option key={z} value={z}>{z[0]!.toUpperCase() + z.slice(1)}</option>)}
          </select>
        </label>
        <button type="button" className="btn btn-small" onClick={() => {
          const el = scrollRef.current; if (el) el.scrollLeft = Math.max(0, (anchor - model.rangeStartMin) * pxPerMin - el.clientWidth / 3);
        }}>Today</button>
        <span className="muted">{tasks.length} tasks · {model.links.length} links</span>
        <span className="spacer" />
        {props.toolbarExtra}
      </div>
      <div className="gantt-body">
        <div className="gantt-grid" role="grid" aria-label="Tasks" aria-rowcount={model.rowTask.length}
          onWheel={(e) => { const el = scrollRef.current; if (el) el.scrollTop += e.deltaY; }}>
          <div className="gantt-row-label" style={{ top: 0, height: HEADER_H, fontWeight: 600, background: 'var(--bg-2)', zIndex: 1 }} role="row">
            <span role="columnheader">Task</span>
          </div>
          <div ref={labelsRef} style={{ position: 'absolute', inset: 0, willChange: 'transform' }}>{labels}</div>
        </div>
        <div ref={scrollRef} className="gantt-chart" tabIndex={0} role="application"
          aria-label="Gantt chart" aria-describedby={helpId} data-testid="gantt-chart"
          data-range-start-min={model.rangeStartMin} data-px-per-min={pxPerMin}
          onScroll={onScroll} onKeyDown={onKeyDown}
          onPointerDown={onPointerDown} onPointerMove={onPointerMove}
          onPointerUp={(e) => endDrag(e, false)} onPointerCancel={(e) => endDrag(e, true)}>
          <div style={{ width: totalW, height: totalH, position: 'relative' }}>
            <canvas ref={canvasRef} />
          </div>
        </div>
      </div>
      <p id={helpId} className="sr-only">
        Up and down arrows select a task. {canEdit ? 'Left and right arrows move it by a day, Shift with arrows changes its finish; Enter saves, Escape cancels. ' : ''}
        Plus and minus change the zoom.
      </p>
      <div className="sr-only" aria-live="polite">{announce}</div>
    </div>
  );
}
