/** Reads MS Project XML (MSPDI, Project 2002-2019 layouts) into plain MspdiProject data. */
import { parseTimeOfDay, type CalendarException, type ExceptionRecurrence, type WeekDayDefinition, type WorkingInterval } from '../calendar/index.js';
import { MspdiError } from './mspdi-errors.js';
import { isKnownFormat, isElapsedFormat, parseBool, parseDate, parseDurationMinutes, parseNumber } from './mspdi-values.js';
import type {
  MspdiAssignment, MspdiBaseline, MspdiCalendar, MspdiExtendedAttributeValue, MspdiProject, MspdiProperties, MspdiResource, MspdiTask,
} from './mspdi.types.js';
import { child, childrenNamed, parseXml, type XmlElement } from './xml-parse.js';

/** Default maximum accepted file size (characters). */
export const DEFAULT_MAX_MSPDI_CHARS = 64 * 1024 * 1024;

/** Options for parseMspdi. */
export interface ParseMspdiOptions {
  maxChars?: number;
}

type Fields = Map<string, string>;

/** Flat child-name -> text map of an element (first occurrence wins), counting names not in `known` as ignored. */
function fieldsOf(el: XmlElement, known: ReadonlySet<string>, ignored: Map<string, number>): Fields {
  const map: Fields = new Map();
  for (const c of el.children) {
    if (!map.has(c.name)) map.set(c.name, c.text);
    if (!known.has(c.name)) ignored.set(c.name, (ignored.get(c.name) ?? 0) + 1);
  }
  return map;
}

const str = (f: Fields, k: string): string | null => {
  const v = f.get(k);
  return v === undefined || v === '' ? null : v;
};
const num = (f: Fields, k: string): number | null => parseNumber(f.get(k), k);
const int = (f: Fields, k: string, fallback: number): number => num(f, k) ?? fallback;
const date = (f: Fields, k: string): number | null => parseDate(f.get(k));
const bool = (f: Fields, k: string): boolean | null => parseBool(f.get(k));
const dur = (f: Fields, k: string): number | null => {
  const v = f.get(k);
  return v === undefined || v.trim() === '' ? null : parseDurationMinutes(v);
};

const set = (names: string): ReadonlySet<string> => new Set(names.split(/\s+/).filter(Boolean));

const PROJECT_KNOWN = set(`SaveVersion Name Title Subject Author Company Manager CreationDate LastSaved ScheduleFromStart StartDate FinishDate
  StatusDate CurrentDate CalendarUID CriticalSlackLimit CurrencyCode CurrencySymbol CurrencyDigits DefaultStartTime DefaultFinishTime
  MinutesPerDay MinutesPerWeek DaysPerMonth HonorConstraints NewTasksAreManual Calendars Tasks Resources Assignments ExtendedAttributes`);
const CALENDAR_KNOWN = set('UID Name IsBaseCalendar BaseCalendarUID WeekDays Exceptions');
const TASK_KNOWN = set(`UID ID Name Type IsNull Active Manual CreateDate WBS OutlineNumber OutlineLevel Priority Start Finish Duration DurationFormat
  Work EffortDriven Estimated Milestone Summary Critical EarlyStart EarlyFinish LateStart LateFinish FreeSlack TotalSlack FixedCost
  PercentComplete PercentWorkComplete Cost ActualStart ActualFinish ActualDuration RemainingDuration ConstraintType CalendarUID ConstraintDate
  Deadline Notes PredecessorLink ExtendedAttribute Baseline`);
const RESOURCE_KNOWN = set(`UID ID Name Type IsNull Initials Group EmailAddress MaxUnits StandardRate StandardRateFormat OvertimeRate OvertimeRateFormat
  CostPerUse CalendarUID Work Cost Notes IsGeneric IsInactive IsCostResource ExtendedAttribute Baseline`);
const ASSIGNMENT_KNOWN = set(`UID TaskUID ResourceUID Units Work ActualWork RemainingWork Cost Start Finish ActualStart ActualFinish PercentWorkComplete
  Delay WorkContour ExtendedAttribute Baseline`);
const NONE = new Set<string>();

function readProperties(f: Fields): MspdiProperties {
  const time = (k: string): number | null => (str(f, k) ? parseTimeOfDay(f.get(k)!) : null);
  return {
    saveVersion: num(f, 'SaveVersion'),
    name: str(f, 'Name'),
    title: str(f, 'Title'),
    subject: str(f, 'Subject'),
    author: str(f, 'Author'),
    company: str(f, 'Company'),
    manager: str(f, 'Manager'),
    creationDate: date(f, 'CreationDate'),
    lastSaved: date(f, 'LastSaved'),
    scheduleFromStart: bool(f, 'ScheduleFromStart') ?? true,
    startDate: date(f, 'StartDate'),
    finishDate: date(f, 'FinishDate'),
    statusDate: date(f, 'StatusDate'),
    currentDate: date(f, 'CurrentDate'),
    calendarUid: num(f, 'CalendarUID'),
    criticalSlackLimitDays: int(f, 'CriticalSlackLimit', 0),
    currencyCode: str(f, 'CurrencyCode'),
    currencySymbol: str(f, 'CurrencySymbol'),
    currencyDigits: num(f, 'CurrencyDigits'),
    defaultStartTimeMinutes: time('DefaultStartTime'),
    defaultFinishTimeMinutes: time('DefaultFinishTime'),
    minutesPerDay: int(f, 'MinutesPerDay', 480),
    minutesPerWeek: int(f, 'MinutesPerWeek', 2400),
    daysPerMonth: int(f, 'DaysPerMonth', 20),
    honorConstraints: bool(f, 'HonorConstraints'),
    newTasksAreManual: bool(f, 'NewTasksAreManual'),
  };
}

function readIntervals(el: XmlElement | undefined): WorkingInterval[] {
  const out: WorkingInterval[] = [];
  for (const wt of childrenNamed(el, 'WorkingTime')) {
    const from = child(wt, 'FromTime')?.text;
    const to = child(wt, 'ToTime')?.text;
    if (!from || !to) continue;
    const f = parseTimeOfDay(from);
    let t = parseTimeOfDay(to);
    if (t <= f) t += 1440; // 23:00-00:00 ends at midnight
    out.push({ fromMinute: f, toMinute: Math.min(t, 1440) });
  }
  return out;
}

const dayOf = (minutes: number): number => Math.floor(minutes / 1440);

function readRecurrence(f: Fields): ExceptionRecurrence | undefined {
  const type = int(f, 'Type', 0);
  const period = Math.max(1, int(f, 'Period', 1));
  const weekday = int(f, 'MonthItem', 3) - 3; // MonthItem 3 = Sunday ... 9 = Saturday
  const position = int(f, 'MonthPosition', 0);
  switch (type) {
    case 1: return { type: 'daily', period: 1 };
    case 7: return { type: 'daily', period };
    case 6: return { type: 'weekly', period, daysOfWeekMask: int(f, 'DaysOfWeek', 0) };
    case 4: return { type: 'monthlyByDay', period, monthDay: int(f, 'MonthDay', 1) };
    case 5: return { type: 'monthlyByPosition', period, position, weekday: Math.max(0, weekday) };
    case 2: return { type: 'yearlyByDay', month: int(f, 'Month', 0) + 1, monthDay: int(f, 'MonthDay', 1) };
    case 3: return { type: 'yearlyByPosition', month: int(f, 'Month', 0) + 1, position, weekday: Math.max(0, weekday) };
    default: return undefined;
  }
}

function readCalendar(el: XmlElement, ignored: Map<string, number>): MspdiCalendar {
  const f = fieldsOf(el, CALENDAR_KNOWN, ignored);
  const uid = num(f, 'UID');
  if (uid === null) throw new MspdiError('INVALID_VALUE', 'calendar without UID');
  const weekDays: (WeekDayDefinition | null)[] = [null, null, null, null, null, null, null];
  const legacyExceptions: CalendarException[] = [];
  for (const wd of childrenNamed(child(el, 'WeekDays'), 'WeekDay')) {
    const type = Number(child(wd, 'DayType')?.text ?? '-1');
    const working = parseBool(child(wd, 'DayWorking')?.text) ?? false;
    const intervals = working ? readIntervals(child(wd, 'WorkingTimes')) : [];
    if (type >= 1 && type <= 7) {
      weekDays[type - 1] = { working, intervals };
    } else if (type === 0) {
      const tp = child(wd, 'TimePeriod');
      const from = parseDate(child(tp, 'FromDate')?.text);
      const to = parseDate(child(tp, 'ToDate')?.text);
      if (from === null || to === null) continue;
      legacyExceptions.push({ name: '', fromDay: dayOf(from), toDay: dayOf(to), working, intervals });
    }
  }
  const exceptionsEl = child(el, 'Exceptions');
  let exceptions: CalendarException[] = legacyExceptions;
  if (exceptionsEl) {
    exceptions = [];
    for (const ex of childrenNamed(exceptionsEl, 'Exception')) {
      const ef = fieldsOf(ex, NONE, new Map());
      const tp = child(ex, 'TimePeriod');
      const from = parseDate(child(tp, 'FromDate')?.text);
      const to = parseDate(child(tp, 'ToDate')?.text);
      if (from === null || to === null) continue;
      const working = bool(ef, 'DayWorking') ?? false;
      const recurrence = readRecurrence(ef);
      const occurrences = num(ef, 'Occurrences');
      const e: CalendarException = {
        name: str(ef, 'Name') ?? '',
        fromDay: dayOf(from),
        toDay: dayOf(to),
        working,
        intervals: working ? readIntervals(child(ex, 'WorkingTimes')) : [],
      };
      if (recurrence && recurrence.type === 'daily' && recurrence.period === 1) {
        // "Every day" is a plain range, possibly cut short by its occurrence count.
        if (occurrences !== null && occurrences > 0) e.toDay = Math.min(e.toDay, e.fromDay + occurrences - 1);
      } else if (recurrence) {
        e.recurrence = recurrence;
        if (occurrences !== null) e.occurrences = occurrences;
      }
      exceptions.push(e);
    }
  }
  const base = num(f, 'BaseCalendarUID');
  const isBase = bool(f, 'IsBaseCalendar') ?? true;
  return {
    id: uid,
    name: str(f, 'Name') ?? '',
    isBaseCalendar: isBase,
    baseCalendarId: isBase || base === null || base < 0 || base === uid ? null : base,
    weekDays,
    exceptions,
  };
}

function readBaselines(el: XmlElement, owner: MspdiBaseline['owner'], ownerUid: number, out: MspdiBaseline[]): void {
  for (const b of childrenNamed(el, 'Baseline')) {
    const f = fieldsOf(b, NONE, new Map());
    out.push({
      owner, ownerUid,
      number: int(f, 'Number', 0),
      start: date(f, 'Start'),
      finish: date(f, 'Finish'),
      durationMinutes: dur(f, 'Duration'),
      durationFormat: num(f, 'DurationFormat'),
      workMinutes: dur(f, 'Work'),
      costCents: num(f, 'Cost'),
    });
  }
}

function readExtendedValues(el: XmlElement, owner: MspdiExtendedAttributeValue['owner'], ownerUid: number, out: MspdiExtendedAttributeValue[]): void {
  for (const a of childrenNamed(el, 'ExtendedAttribute')) {
    const fieldId = child(a, 'FieldID')?.text;
    if (!fieldId) continue;
    out.push({ owner, ownerUid, fieldId, value: child(a, 'Value')?.text ?? '' });
  }
}

function readTask(el: XmlElement, sortOrder: number, ignored: Map<string, number>, p: MspdiProject): MspdiTask {
  const f = fieldsOf(el, TASK_KNOWN, ignored);
  const uid = num(f, 'UID');
  if (uid === null) throw new MspdiError('INVALID_VALUE', `task at row ${sortOrder + 1} has no UID`);
  const durationFormat = num(f, 'DurationFormat');
  const durationMinutes = dur(f, 'Duration') ?? 0;
  if (durationMinutes < 0) throw new MspdiError('INVALID_VALUE', `task ${uid} has a negative duration`);
  for (const l of childrenNamed(el, 'PredecessorLink')) {
    const lf = fieldsOf(l, NONE, new Map());
    const pred = num(lf, 'PredecessorUID');
    if (pred === null) continue;
    const lagFormat = int(lf, 'LagFormat', 7);
    if (!isKnownFormat(lagFormat)) throw new MspdiError('INVALID_VALUE', `task ${uid}: link from ${pred} has unknown LagFormat ${lagFormat}`);
    const type = int(lf, 'Type', 1);
    if (type < 0 || type > 3) throw new MspdiError('INVALID_VALUE', `task ${uid}: link from ${pred} has unknown Type ${type}`);
    p.links.push({ predecessorUid: pred, successorUid: uid, type, lagTenthsMinutes: int(lf, 'LinkLag', 0), lagFormat, crossProject: bool(lf, 'CrossProject') ?? false });
  }
  readBaselines(el, 'task', uid, p.baselines);
  readExtendedValues(el, 'task', uid, p.extendedAttributeValues);
  const totalSlack = num(f, 'TotalSlack');
  const freeSlack = num(f, 'FreeSlack');
  return {
    uid,
    id: num(f, 'ID'),
    name: str(f, 'Name'),
    sortOrder,
    parentUid: null,
    outlineLevel: int(f, 'OutlineLevel', uid === 0 ? 0 : 1),
    outlineNumber: str(f, 'OutlineNumber'),
    wbs: str(f, 'WBS'),
    isNull: bool(f, 'IsNull') ?? false,
    active: bool(f, 'Active') ?? true,
    manual: bool(f, 'Manual') ?? false,
    isSummary: bool(f, 'Summary') ?? false,
    isMilestone: bool(f, 'Milestone') ?? false,
    type: num(f, 'Type'),
    priority: num(f, 'Priority'),
    start: date(f, 'Start'),
    finish: date(f, 'Finish'),
    durationMinutes,
    durationFormat,
    durationIsElapsed: durationFormat !== null && isElapsedFormat(durationFormat),
    workMinutes: dur(f, 'Work'),
    costCents: num(f, 'Cost'),
    fixedCostCents: num(f, 'FixedCost'),
    percentComplete: int(f, 'PercentComplete', 0),
    percentWorkComplete: num(f, 'PercentWorkComplete'),
    actualStart: date(f, 'ActualStart'),
    actualFinish: date(f, 'ActualFinish'),
    actualDurationMinutes: dur(f, 'ActualDuration'),
    remainingDurationMinutes: dur(f, 'RemainingDuration'),
    constraintType: int(f, 'ConstraintType', 0),
    constraintDate: date(f, 'ConstraintDate'),
    deadline: date(f, 'Deadline'),
    calendarUid: (() => {
      const c = num(f, 'CalendarUID');
      return c === null || c < 0 ? null : c;
    })(),
    earlyStart: date(f, 'EarlyStart'),
    earlyFinish: date(f, 'EarlyFinish'),
    lateStart: date(f, 'LateStart'),
    lateFinish: date(f, 'LateFinish'),
    totalSlackMinutes: totalSlack === null ? null : totalSlack / 10,
    freeSlackMinutes: freeSlack === null ? null : freeSlack / 10,
    critical: bool(f, 'Critical'),
    effortDriven: bool(f, 'EffortDriven'),
    estimated: bool(f, 'Estimated'),
    createDate: date(f, 'CreateDate'),
    notes: str(f, 'Notes'),
  };
}

function readResource(el: XmlElement, ignored: Map<string, number>, p: MspdiProject): MspdiResource {
  const f = fieldsOf(el, RESOURCE_KNOWN, ignored);
  const uid = num(f, 'UID');
  if (uid === null) throw new MspdiError('INVALID_VALUE', 'resource without UID');
  readBaselines(el, 'resource', uid, p.baselines);
  readExtendedValues(el, 'resource', uid, p.extendedAttributeValues);
  return {
    uid, id: num(f, 'ID'), name: str(f, 'Name'), type: bool(f, 'IsCostResource') ? 2 : num(f, 'Type'), isNull: bool(f, 'IsNull') ?? false,
    initials: str(f, 'Initials'), group: str(f, 'Group'), emailAddress: str(f, 'EmailAddress'), maxUnits: num(f, 'MaxUnits'),
    standardRate: num(f, 'StandardRate'), standardRateFormat: num(f, 'StandardRateFormat'), overtimeRate: num(f, 'OvertimeRate'),
    overtimeRateFormat: num(f, 'OvertimeRateFormat'), costPerUse: num(f, 'CostPerUse'),
    calendarUid: (() => {
      const c = num(f, 'CalendarUID');
      return c === null || c < 0 ? null : c;
    })(),
    workMinutes: dur(f, 'Work'), costCents: num(f, 'Cost'), notes: str(f, 'Notes'),
    isGeneric: bool(f, 'IsGeneric'), isInactive: bool(f, 'IsInactive'),
  };
}

function readAssignment(el: XmlElement, ignored: Map<string, number>, p: MspdiProject): MspdiAssignment {
  const f = fieldsOf(el, ASSIGNMENT_KNOWN, ignored);
  const uid = num(f, 'UID');
  if (uid === null) throw new MspdiError('INVALID_VALUE', 'assignment without UID');
  readBaselines(el, 'assignment', uid, p.baselines);
  readExtendedValues(el, 'assignment', uid, p.extendedAttributeValues);
  return {
    uid, taskUid: int(f, 'TaskUID', -1), resourceUid: int(f, 'ResourceUID', -65535), units: num(f, 'Units'),
    workMinutes: dur(f, 'Work'), actualWorkMinutes: dur(f, 'ActualWork'), remainingWorkMinutes: dur(f, 'RemainingWork'),
    costCents: num(f, 'Cost'), start: date(f, 'Start'), finish: date(f, 'Finish'), actualStart: date(f, 'ActualStart'),
    actualFinish: date(f, 'ActualFinish'), percentWorkComplete: num(f, 'PercentWorkComplete'), delayTenthsMinutes: num(f, 'Delay'),
    workContour: num(f, 'WorkContour'),
  };
}

/** Derives parentUid from the outline levels, in file order (a task's parent is the nearest row above with a lower level). */
function assignParents(tasks: MspdiTask[]): void {
  const stack: MspdiTask[] = [];
  for (const t of tasks) {
    while (stack.length && stack[stack.length - 1].outlineLevel >= t.outlineLevel) stack.pop();
    const parent = stack[stack.length - 1];
    t.parentUid = parent && parent.outlineLevel > 0 ? parent.uid : null;
    stack.push(t);
  }
}

/**
 * Parses an MSPDI document. Throws MspdiError for malformed XML, DOCTYPE/entity declarations (never expanded),
 * files over the size limit and non-MSPDI roots; elements it does not import are counted in `warnings`.
 */
export function parseMspdi(xml: string, options: ParseMspdiOptions = {}): MspdiProject {
  const max = options.maxChars ?? DEFAULT_MAX_MSPDI_CHARS;
  if (xml.length > max) throw new MspdiError('TOO_LARGE', `MSPDI file has ${xml.length} characters, over the limit of ${max}`);
  const root = parseXml(xml);
  if (root.name !== 'Project') throw new MspdiError('NOT_MSPDI', `root element is <${root.name}>, expected <Project>`);
  const ignored = new Map<string, number>();
  const pf = fieldsOf(root, PROJECT_KNOWN, ignored);
  const p: MspdiProject = {
    properties: readProperties(pf),
    calendars: [], tasks: [], links: [], resources: [], assignments: [], baselines: [],
    extendedAttributeDefinitions: [], extendedAttributeValues: [], warnings: [],
  };
  for (const c of childrenNamed(child(root, 'Calendars'), 'Calendar')) p.calendars.push(readCalendar(c, ignored));
  const calendarIds = new Set(p.calendars.map((c) => c.id));
  for (const c of p.calendars) {
    if (c.baseCalendarId !== null && !calendarIds.has(c.baseCalendarId)) {
      p.warnings.push(`calendar ${c.id} refers to missing base calendar ${c.baseCalendarId}; treated as a base calendar`);
      c.baseCalendarId = null;
    }
  }
  for (const ea of childrenNamed(child(root, 'ExtendedAttributes'), 'ExtendedAttribute')) {
    const f = fieldsOf(ea, NONE, new Map());
    const fieldId = str(f, 'FieldID');
    if (fieldId) p.extendedAttributeDefinitions.push({ fieldId, fieldName: str(f, 'FieldName'), alias: str(f, 'Alias'), cfType: num(f, 'CFType') });
  }
  let row = 0;
  for (const t of childrenNamed(child(root, 'Tasks'), 'Task')) p.tasks.push(readTask(t, row++, ignored, p));
  assignParents(p.tasks);
  for (const r of childrenNamed(child(root, 'Resources'), 'Resource')) p.resources.push(readResource(r, ignored, p));
  for (const a of childrenNamed(child(root, 'Assignments'), 'Assignment')) p.assignments.push(readAssignment(a, ignored, p));
  const seen = new Set<number>();
  for (const t of p.tasks) {
    if (seen.has(t.uid)) throw new MspdiError('INVALID_VALUE', `duplicate task UID ${t.uid}`);
    seen.add(t.uid);
  }
  if (ignored.size) {
    const total = [...ignored.values()].reduce((a, b) => a + b, 0);
    const top = [...ignored.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} x${v}`);
    p.warnings.push(`${total} elements not imported (${ignored.size} kinds, e.g. ${top.join(', ')})`);
  }
  return p;
}

