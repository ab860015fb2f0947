/** Deterministic synthetic schedules for benchmarks and tests (seeded; no Math.random). */
import type { GanttLink, GanttTask } from './gantt-model';
import { formatScheduleTime, MIN_PER_DAY, parseScheduleMinutes } from './gantt-time';

/** Small linear congruential generator returning [0, 1). */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** `count` tasks in groups of 20 (1 summary + 19 children, some milestones), chained with FS links. */
export function makeSyntheticSchedule(count: number, seed = 42, startDate = '2026-01-05'): { tasks: GanttTask[]; links: GanttLink[] } {
  const rnd = seededRandom(seed);
  const t0 = parseScheduleMinutes(startDate);
  const tasks: GanttTask[] = [];
  const links: GanttLink[] = [];
  let group = 0, summaryIdx = -1, cursor = t0, prevId: string | null = null;
  for (let i = 0; i < count; i++) {
    const id = `t${i}`;
    if (i % 20 === 0) {
      group++;
      summaryIdx = tasks.length;
      cursor = t0 + Math.floor(rnd() * 300) * MIN_PER_DAY;
      prevId = null;
      tasks.push({ id, parentId: null, wbs: String(group), outlineLevel: 1, name: `Work package ${group}`, start: null, finish: null, percentComplete: 0, isMilestone: false, isSummary: true, version: 1 });
      continue;
    }
    const milestone = rnd() < 0.05;
    const durDays = milestone ? 0 : 1 + Math.floor(rnd() * 10);
    const start = cursor, finish = cursor + durDays * MIN_PER_DAY;
    const task: GanttTask = {
      id, parentId: tasks[summaryIdx]!.id, wbs: `${group}.${i % 20}`, outlineLevel: 2, name: `Task ${i}`,
      start: formatScheduleTime(start), finish: formatScheduleTime(finish), percentComplete: Math.floor(rnd() * 100),
      isMilestone: milestone, isSummary: false, version: 1, critical: rnd() < 0.1,
    };
    if (rnd() < 0.3) { task.baselineStart = formatScheduleTime(start - MIN_PER_DAY * 2); task.baselineFinish = formatScheduleTime(finish - MIN_PER_DAY); }
    tasks.push(task);
    if (prevId) links.push({ id: `l${i}`, predecessorId: prevId, successorId: id, type: 'FS' });
    prevId = id;
    cursor = finish + Math.floor(rnd() * 3) * MIN_PER_DAY;
    const s = tasks[summaryIdx]!;
    if (!s.start || task.start! < s.start) s.start = task.start;
    if (!s.finish || task.finish! > s.finish) s.finish = task.finish;
  }
  return { tasks, links };
}
