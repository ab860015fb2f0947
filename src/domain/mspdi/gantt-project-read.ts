/**
 * Imports a GanttProject (.gan) file into the same MspdiProject data as an MS Project file, so it follows the
 * same storage, scheduling and export path. GanttProject counts durations and lags in working days; pmo uses
 * MS Project's standard 8-hour day (08:00-12:00, 13:00-17:00) and keeps each task's start as a
 * Start-No-Earlier-Than constraint, which is how GanttProject treats a task's own start date.
 */
import { daysFromCivil, standardCalendar, type CalendarException } from '../calendar/index.js';
import { MspdiError } from './mspdi-errors.js';
import { DEFAULT_MAX_MSPDI_CHARS } from './mspdi-read.js';
import type { MspdiProject } from './mspdi.types.js';
import { emptyMspdiTask } from './mspdi-task.js';
import { child, childrenNamed, parseXml, type XmlElement } from './xml-parse.js';

const DAY = 480;
/** GanttProject dependency type -> MSPDI link Type (0 FF, 1 FS, 2 SF, 3 SS). */
const GAN_LINK: Record<string, number> = { '1': 3, '2': 1, '3': 0, '4': 2 };

function parseGanDate(text: string | undefined, what: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text ?? '');
  if (!m) throw new MspdiError('INVALID_VALUE', `GanttProject ${what}: invalid date "${text ?? ''}"`);
  return daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3])) * 1440 + 480;
}


/** Parses a GanttProject .gan document; throws MspdiError on malformed XML or values. */
export function parseGanttProject(xml: string, options: { maxChars?: number } = {}): MspdiProject {
  const max = options.maxChars ?? DEFAULT_MAX_MSPDI_CHARS;
  if (xml.length > max) throw new MspdiError('TOO_LARGE', `GanttProject file has ${xml.length} characters, over the limit of ${max}`);
  const root = parseXml(xml);
  if (root.name !== 'project') throw new MspdiError('NOT_MSPDI', `root element is <${root.name}>, expected a GanttProject <project>`);

  const calendar = standardCalendar(1, 'Standard');
  const week = child(child(child(root, 'calendars'), 'day-types'), 'default-week');
  if (week) {
    const keys = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
    const day = [{ fromMinute: 480, toMinute: 720 }, { fromMinute: 780, toMinute: 1020 }];
    calendar.weekDays = keys.map((k) => (week.attributes[k] === '1' ? { working: false, intervals: [] } : { working: true, intervals: day }));
  }
  const exceptions: CalendarException[] = [];
  for (const d of childrenNamed(child(root, 'calendars'), 'date')) {
    const month = Number(d.attributes.month);
    const date = Number(d.attributes.date);
    if (!(month >= 1 && month <= 12 && date >= 1 && date <= 31)) continue;
    const working = d.attributes.type === 'WORKING_DAY';
    if (d.attributes.year) {
      const day = daysFromCivil(Number(d.attributes.year), month, date);
      exceptions.push({ name: 'Holiday', fromDay: day, toDay: day, working, intervals: working ? calendar.weekDays[1]!.intervals : [] });
    } else {
      exceptions.push({
        name: 'Yearly holiday', fromDay: daysFromCivil(1990, 1, 1), toDay: daysFromCivil(2099, 12, 31), working: false, intervals: [],
        recurrence: { type: 'yearlyByDay', month, monthDay: date },
      });
    }
  }
  calendar.exceptions = exceptions;

  const project: MspdiProject = {
    properties: {
      saveVersion: null, name: root.attributes.name || null, title: null, subject: null, author: null, company: root.attributes.company || null,
      manager: null, creationDate: null, lastSaved: null, scheduleFromStart: true, startDate: null, finishDate: null, statusDate: null,
      currentDate: null, calendarUid: 1, criticalSlackLimitDays: 0, currencyCode: null, currencySymbol: null, currencyDigits: 2,
      defaultStartTimeMinutes: 480, defaultFinishTimeMinutes: 1020, minutesPerDay: DAY, minutesPerWeek: 5 * DAY, daysPerMonth: 20,
      honorConstraints: null, newTasksAreManual: false,
    },
    calendars: [{ ...calendar, isBaseCalendar: true }],
    tasks: [], links: [], resources: [], assignments: [], baselines: [], extendedAttributeDefinitions: [], extendedAttributeValues: [], warnings: [],
  };
  const uidOf = (ganId: string | undefined): number => {
    const n = Number(ganId);
    if (!Number.isInteger(n) || n < 0) throw new MspdiError('INVALID_VALUE', `GanttProject task id "${ganId ?? ''}" is not a number`);
    return n + 1; // UID 0 is the project summary in MSPDI
  };
  const walk = (el: XmlElement, parentUid: number | null, level: number, outline: string): void => {
    let k = 0;
    for (const t of childrenNamed(el, 'task')) {
      k++;
      // GanttProject's start is a Start-No-Earlier-Than constraint (MSPDI ConstraintType 4).
      const task = { ...emptyMspdiTask(uidOf(t.attributes.id), project.tasks.length), constraintType: 4 };
      const days = Number(t.attributes.duration ?? '0');
      if (!(days >= 0)) throw new MspdiError('INVALID_VALUE', `GanttProject task ${t.attributes.id}: invalid duration "${t.attributes.duration}"`);
      task.name = t.attributes.name ?? null;
      task.parentUid = parentUid;
      task.outlineLevel = level;
      task.outlineNumber = task.wbs = outline ? `${outline}.${k}` : String(k);
      task.isMilestone = t.attributes.meeting === 'true';
      task.durationMinutes = task.isMilestone ? 0 : Math.round(days * DAY);
      task.percentComplete = Math.max(0, Math.min(100, Number(t.attributes.complete ?? '0') || 0));
      task.constraintDate = parseGanDate(t.attributes.start, `task ${t.attributes.id} start`);
      task.start = task.constraintDate;
      task.notes = child(t, 'notes')?.text || null;
      project.tasks.push(task);
      for (const d of childrenNamed(t, 'depend')) {
        const type = GAN_LINK[d.attributes.type ?? '2'];
        if (type === undefined) throw new MspdiError('INVALID_VALUE', `GanttProject dependency type "${d.attributes.type}" is unknown`);
        const lagDays = Number(d.attributes.difference ?? '0');
        project.links.push({
          predecessorUid: task.uid, successorUid: uidOf(d.attributes.id), type,
          lagTenthsMinutes: Math.round((Number.isFinite(lagDays) ? lagDays : 0) * DAY * 10), lagFormat: 7, crossProject: false,
        });
      }
      const before = project.tasks.length;
      walk(t, task.uid, level + 1, task.outlineNumber);
      if (project.tasks.length > before) task.isSummary = true;
    }
  };
  walk(child(root, 'tasks') ?? root, null, 1, '');
  const uids = new Set(project.tasks.map((t) => t.uid));
  project.links = project.links.filter((l) => uids.has(l.successorUid));
  for (const r of childrenNamed(child(root, 'resources'), 'resource')) {
    project.resources.push({
      uid: uidOf(r.attributes.id), id: null, name: r.attributes.name ?? null, type: 1, isNull: false, initials: null, group: null,
      emailAddress: r.attributes.contacts || null, maxUnits: 1, standardRate: null, standardRateFormat: null, overtimeRate: null,
      overtimeRateFormat: null, costPerUse: null, calendarUid: null, workMinutes: null, costCents: null, notes: null, isGeneric: null, isInactive: null,
    });
  }
  let asg = 0;
  for (const a of childrenNamed(child(root, 'allocations'), 'allocation')) {
    project.assignments.push({
      uid: asg++, taskUid: uidOf(a.attributes['task-id']), resourceUid: uidOf(a.attributes['resource-id']),
      units: (Number(a.attributes.load ?? '100') || 100) / 100, workMinutes: null, actualWorkMinutes: null, remainingWorkMinutes: null,
      costCents: null, start: null, finish: null, actualStart: null, actualFinish: null, percentWorkComplete: null, delayTenthsMinutes: null, workContour: null,
    });
  }
  const starts = project.tasks.map((t) => t.start ?? Infinity);
  project.properties.startDate = starts.length ? Math.min(...starts) : null;
  return project;
}
