/** Bridges MSPDI data and the scheduler: build a ScheduleInput, write computed dates back. */
import { standardCalendar, type CalendarDefinition } from '../calendar/index.js';
import type { ConstraintType, LagUnit, LinkType, ScheduleInput, ScheduleResult, ScheduleTask } from '../schedule/index.js';
import { MspdiError } from './mspdi-errors.js';
import { isElapsedFormat, isPercentFormat } from './mspdi-values.js';
import type { MspdiProject } from './mspdi.types.js';

const CONSTRAINT_TYPES: ConstraintType[] = ['ASAP', 'ALAP', 'MSO', 'MFO', 'SNET', 'SNLT', 'FNET', 'FNLT'];
const LINK_TYPES: LinkType[] = ['FF', 'FS', 'SF', 'SS'];

/** Maps an MSPDI ConstraintType code (0-7) to the scheduler's constraint name. */
export function constraintFromCode(code: number): ConstraintType {
  const c = CONSTRAINT_TYPES[code];
  if (!c) throw new MspdiError('INVALID_VALUE', `unknown ConstraintType ${code}`);
  return c;
}

/** Maps a scheduler constraint name to its MSPDI code. */
export function constraintToCode(c: ConstraintType): number {
  return CONSTRAINT_TYPES.indexOf(c);
}

/** Maps an MSPDI link Type code (0 FF, 1 FS, 2 SF, 3 SS). */
export function linkTypeFromCode(code: number): LinkType {
  const t = LINK_TYPES[code];
  if (!t) throw new MspdiError('INVALID_VALUE', `unknown link Type ${code}`);
  return t;
}

/** MSPDI LinkLag + LagFormat to the scheduler's lag (minutes, or percent). */
export function lagFromMspdi(lagTenthsMinutes: number, lagFormat: number): { lag: number; lagUnit: LagUnit } {
  if (isPercentFormat(lagFormat)) return { lag: lagTenthsMinutes, lagUnit: 'percent' };
  return { lag: lagTenthsMinutes / 10, lagUnit: isElapsedFormat(lagFormat) ? 'elapsed' : 'working' };
}

/** Options for toScheduleInput. */
export interface ToScheduleInputOptions {
  /** Ignore the file's Start/Finish of automatically scheduled tasks (they are recomputed anyway). */
  reschedule?: boolean;
}

/**
 * Builds the scheduler input from an imported project. The project summary (outline level 0), blank rows and
 * inactive tasks are left out; tasks keep their MSPDI UIDs as ids. Manually scheduled tasks keep the file's Start/Finish.
 */
export function toScheduleInput(project: MspdiProject, _options: ToScheduleInputOptions = {}): ScheduleInput {
  const props = project.properties;
  const calendars: CalendarDefinition[] = project.calendars.length ? project.calendars : [standardCalendar()];
  const projectCalendarId = props.calendarUid !== null && calendars.some((c) => c.id === props.calendarUid) ? props.calendarUid : calendars[0].id;
  const included = new Set<number>();
  const tasks: ScheduleTask[] = [];
  for (const t of project.tasks) {
    if (t.outlineLevel === 0 || t.isNull || !t.active) continue; // inactive tasks do not drive anything (Project 2010+)
    included.add(t.uid);
  }
  const resourceCalendar = new Map(project.resources.map((r) => [r.uid, r.calendarUid]));
  const assignmentsByTask = new Map<number, typeof project.assignments>();
  for (const a of project.assignments) {
    const list = assignmentsByTask.get(a.taskUid) ?? [];
    list.push(a);
    assignmentsByTask.set(a.taskUid, list);
  }
  for (const t of project.tasks) {
    if (!included.has(t.uid)) continue;
    const task: ScheduleTask = {
      id: t.uid,
      parentId: t.parentUid !== null && included.has(t.parentUid) ? t.parentUid : null,
      name: t.name ?? undefined,
      durationMinutes: t.durationMinutes,
      durationIsElapsed: t.durationIsElapsed,
      isMilestone: t.isMilestone,
      manual: t.manual,
      start: t.manual ? t.start : null,
      finish: t.manual ? t.finish : null,
      constraintType: constraintFromCode(t.constraintType),
      constraintDate: t.constraintDate,
      deadline: t.deadline,
      calendarId: t.calendarUid !== null && calendars.some((c) => c.id === t.calendarUid) ? t.calendarUid : null,
      percentComplete: t.percentComplete,
      actualStart: t.actualStart,
      actualFinish: t.actualFinish,
      remainingDurationMinutes: t.remainingDurationMinutes,
      workMinutes: t.workMinutes ?? 0,
      costCents: t.costCents ?? 0,
    };
    const spans = resourceSpans(t.calendarUid ?? projectCalendarId, assignmentsByTask.get(t.uid) ?? [], resourceCalendar, calendars);
    if (spans && !t.isMilestone && !t.isSummary) task.assignments = spans;
    tasks.push(task);
  }
  const links = project.links
    .filter((l) => included.has(l.predecessorUid) && included.has(l.successorUid) && !l.crossProject)
    .map((l) => ({ predecessorId: l.predecessorUid, successorId: l.successorUid, type: linkTypeFromCode(l.type), ...lagFromMspdi(l.lagTenthsMinutes, l.lagFormat) }));
  const projectStart = props.startDate ?? tasks.reduce((m, t) => Math.min(m, t.start ?? Infinity), Infinity);
  if (!Number.isFinite(projectStart)) throw new MspdiError('INVALID_VALUE', 'project has no StartDate');
  return {
    projectStart,
    projectFinish: props.scheduleFromStart || props.finishDate === null ? null : props.finishDate,
    projectCalendarId,
    calendars,
    tasks,
    links,
    criticalSlackLimitMinutes: props.criticalSlackLimitDays * props.minutesPerDay,
    honorConstraints: props.honorConstraints ?? true,
  };
}

/**
 * Resource-driven spans of a task, used only when an assigned work resource has its own calendar that differs from
 * the task's: MS Project then schedules each assignment (work / units) on the resource calendar.
 */
function resourceSpans(
  taskCalendarId: number,
  assignments: MspdiProject['assignments'],
  resourceCalendar: Map<number, number | null>,
  calendars: CalendarDefinition[],
): { calendarId: number | null; durationMinutes: number }[] | null {
  const spans: { calendarId: number | null; durationMinutes: number }[] = [];
  let differs = false;
  const byId = new Map(calendars.map((c) => [c.id, c]));
  // A resource calendar that only names its base (no own weekdays or exceptions) works exactly like the base.
  const effective = (id: number): number => {
    let c = byId.get(id);
    for (let guard = 0; c && guard < 32; guard++) {
      if (c.baseCalendarId === null || c.weekDays.some((d) => d !== null) || c.exceptions.length) break;
      const base = byId.get(c.baseCalendarId);
      if (!base) break;
      c = base;
    }
    return c ? c.id : id;
  };
  const taskEffective = effective(taskCalendarId);
  for (const a of assignments) {
    const cal = resourceCalendar.get(a.resourceUid) ?? null;
    const units = a.units ?? 1;
    if (a.workMinutes === null || a.workMinutes <= 0 || units <= 0) continue;
    const calendarId = cal !== null && calendars.some((c) => c.id === cal) ? cal : null;
    if (calendarId !== null && effective(calendarId) !== taskEffective) differs = true;
    spans.push({ calendarId: calendarId ?? taskCalendarId, durationMinutes: Math.round(a.workMinutes / units) });
  }
  return differs && spans.length ? spans : null;
}

/** Writes scheduled dates, slack and critical flags back into the project's tasks (project summary rolled up). */
export function applyScheduleResult(project: MspdiProject, result: ScheduleResult): void {
  const byId = new Map(result.tasks.map((t) => [t.id, t]));
  let minStart = Infinity;
  let maxFinish = -Infinity;
  for (const t of project.tasks) {
    const r = byId.get(t.uid);
    if (!r) continue;
    t.start = r.start;
    t.finish = r.finish;
    t.earlyStart = r.earlyStart;
    t.earlyFinish = r.earlyFinish;
    t.lateStart = r.lateStart;
    t.lateFinish = r.lateFinish;
    t.totalSlackMinutes = r.totalSlackMinutes;
    t.freeSlackMinutes = r.freeSlackMinutes;
    t.critical = r.critical;
    if (r.isSummary) t.durationMinutes = r.durationMinutes;
    minStart = Math.min(minStart, r.start);
    maxFinish = Math.max(maxFinish, r.finish);
  }
  for (const t of project.tasks) {
    if (t.outlineLevel === 0 && Number.isFinite(minStart)) {
      t.start = minStart;
      t.finish = maxFinish;
    }
  }
  if (Number.isFinite(maxFinish)) project.properties.finishDate = maxFinish;
}
