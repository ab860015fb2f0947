/** Benchmark harness (not part of the app build): renders the Gantt with N synthetic tasks and scrolls it. */
import { createRoot } from 'react-dom/client';
import { GanttChart } from '../gantt/gantt-chart';
import { makeSyntheticSchedule } from '../gantt/synthetic-tasks';
import '../ui/theme.css';

interface BenchWindow {
  __ganttReady?: { firstRenderMs: number; sinceNavigationMs: number; tasks: number; links: number };
  __scrollBench?: (durationMs: number) => Promise<{ fps: number; frames: number; p95FrameMs: number; maxFrameMs: number }>;
}
const w = window as unknown as BenchWindow;
const n = Number(new URLSearchParams(location.search).get('n') ?? 10000);
const zoom = (new URLSearchParams(location.search).get('zoom') ?? 'weeks') as 'days' | 'weeks' | 'months' | 'quarters';

const t0 = performance.now();
const { tasks, links } = makeSyntheticSchedule(n);
const observer = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if (e.name === 'gantt-first-draw') {
      // First paint of the canvas happens at the next frame after the draw call.
      requestAnimationFrame(() => {
        const now = performance.now();
        w.__ganttReady = { firstRenderMs: now - t0, sinceNavigationMs: now, tasks: tasks.length, links: links.length };
      });
      observer.disconnect();
    }
  }
});
observer.observe({ entryTypes: ['mark'] });

w.__scrollBench = (durationMs) => new Promise((resolve) => {
  const el = document.querySelector<HTMLElement>('[data-testid="gantt-chart"]')!;
  const frameTimes: number[] = [];
  let last = performance.now();
  const start = last;
  let dir = 1;
  const step = () => {
    const now = performance.now();
    frameTimes.push(now - last);
    last = now;
    el.scrollTop += 60 * dir;
    el.scrollLeft += 8 * dir;
    if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1 || el.scrollTop <= 0) dir = el.scrollTop <= 0 ? 1 : -1;
    if (now - start < durationMs) requestAnimationFrame(step);
    else {
      const sorted = frameTimes.slice(1).sort((a, b) => a - b);
      resolve({
        fps: (frameTimes.length - 1) / ((now - start) / 1000),
        frames: frameTimes.length - 1,
        p95FrameMs: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
        maxFrameMs: sorted[sorted.length - 1] ?? 0,
      });
    }
  };
  requestAnimationFrame(step);
});

createRoot(document.getElementById('root')!).render(
  <GanttChart tasks={tasks} links={links} canEdit initialZoom={zoom} />,
);
