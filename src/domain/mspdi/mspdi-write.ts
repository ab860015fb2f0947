/**
 * Writes MSPDI in the Project 2007 layout (SaveVersion 12), in the element order of mspdi_pj12.xsd (MS Project
 * relies on it). Task, resource and assignment UIDs are preserved.
 */
import { expandExceptionDays, formatTimeOfDay, type CalendarException, type WorkingInterval } from '../calendar/index.js';
import { formatDate, formatDuration } from './mspdi-values.js';
import type { MspdiBaseline, MspdiCalendar, MspdiExtendedAttributeValue, MspdiProject, MspdiResource, MspdiAssignment, MspdiTask } from './mspdi.types.js';

const NS = 'http://schemas.microsoft.com/project';

/** Escapes text for XML element content. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

class XmlOut {
  readonly parts: string[] = [];
  open(name: string): void {
    this.parts.push(`<${name}>`);
  }
  close(name: string): void {
    this.parts.push(`</${name}>`);
  }
  text(name: string, v: string | null | undefined): void {
    if (v !== null && v !== undefined) this.parts.push(`<${name}>${escapeXml(v)}</${name}>`);
  }
  num(name: string, v: number | null | undefined): void {
    if (v !== null && v !== undefined && Number.isFinite(v)) this.parts.push(`<${name}>${v}</${name}>`);
  }
  int(name: string, v: number | null | undefined): void {
    if (v !== null && v !== undefined && Number.isFinite(v)) this.parts.push(`<${name}>${Math.round(v)}</${name}>`);
  }
  bool(name: string, v: boolean | null | undefined): void {
    if (v !== null && v !== undefined) this.parts.push(`<${name}>${v ? 1 : 0}</${name}>`);
  }
  date(name: string, v: number | null | undefined): void {
    if (v !== null && v !== undefined && Number.isFinite(v)) this.parts.push(`<${name}>${formatDate(v)}</${name}>`);
  }
  dur(name: string, v: number | null | undefined): void {
    if (v !== null && v !== undefined && Number.isFinite(v)) this.parts.push(`<${name}>${formatDuration(v)}</${name}>`);
  }
}

function writeIntervals(o: XmlOut, intervals: readonly WorkingInterval[]): void {
  if (!intervals.length) return;
  o.open('WorkingTimes');
  for (const i of intervals) {
    o.open('WorkingTime');
    o.text('FromTime', formatTimeOfDay(i.fromMinute));
    o.text('ToTime', formatTimeOfDay(i.toMinute));
    o.close('WorkingTime');
  }
  o.close('WorkingTimes');
}

const RECURRENCE_TYPE: Record<string, number> = {
  daily: 7, weekly: 6, monthlyByDay: 4, monthlyByPosition: 5, yearlyByDay: 2, yearlyByPosition: 3,
};

function writeException(o: XmlOut, e: CalendarException): void {
  o.open('Exception');
  const r = e.recurrence;
  o.bool('EnteredByOccurrences', r !== undefined && e.occurrences !== undefined);
  o.open('TimePeriod');
  o.date('FromDate', e.fromDay * 1440);
  o.date('ToDate', e.toDay * 1440 + 1439);
  o.close('TimePeriod');
  o.int('Occurrences', r ? (e.occurrences ?? expandExceptionDays(e).length) : e.toDay - e.fromDay + 1);
  o.text('Name', e.name || undefined);
  if (!r) {
    o.int('Type', 1);
  } else {
    o.int('Type', RECURRENCE_TYPE[r.type]);
    if ('period' in r) o.int('Period', r.period);
    if (r.type === 'weekly') o.int('DaysOfWeek', r.daysOfWeekMask);
    if (r.type === 'monthlyByPosition' || r.type === 'yearlyByPosition') {
      o.int('MonthItem', r.weekday + 3);
      o.int('MonthPosition', r.position);
    }
    if (r.type === 'yearlyByDay' || r.type === 'yearlyByPosition') o.int('Month', r.month - 1);
    if (r.type === 'monthlyByDay' || r.type === 'yearlyByDay') o.int('MonthDay', r.monthDay);
  }
  o.bool('DayWorking', e.working);
  if (e.working) writeIntervals(o, e.intervals);
  o.close('Exception');
}

function writeCalendar(o: XmlOut, c: MspdiCalendar): void {
  o.open('Calendar');
  o.int('UID', c.id);
  o.text('Name', c.name);
  o.bool('IsBaseCalendar', c.isBaseCalendar);
  o.int('BaseCalendarUID', c.baseCalendarId ?? -1);
  const days = c.weekDays.map((d, i) => [d, i] as const).filter(([d]) => d !== null);
  if (days.length) {
    o.open('WeekDays');
    for (const [d, i] of days) {
      o.open('WeekDay');
      o.int('DayType', i + 1);
      o.bool('DayWorking', d!.working);
      if (d!.working) writeIntervals(o, d!.intervals);
      o.close('WeekDay');
    }
    o.close('WeekDays');
  }
  if (c.exceptions.length) {
    o.open('Exceptions');
    for (const e of c.exceptions) writeException(o, e);
    o.close('Exceptions');
  }
  o.close('Calendar');
}

const DURATION_FORMATS = new Set([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 19, 20, 21, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 51, 52, 53]);

function writeExtended(o: XmlOut, values: MspdiExtendedAttributeValue[] | undefined): void {
  for (const v of values ?? []) {
    o.open('ExtendedAttribute');
    o.text('FieldID', v.fieldId);
    o.text('Value', v.value);
    o.close('ExtendedAttribute');
  }
}

function writeTask(o: XmlOut, t: MspdiTask, p: Index): void {
  o.open('Task');
  o.int('UID', t.uid);
  o.int('ID', t.id);
  o.text('Name', t.name);
  o.int('Type', t.type);
  o.bool('IsNull', t.isNull);
  o.date('CreateDate', t.createDate);
  o.text('WBS', t.wbs);
  o.text('OutlineNumber', t.outlineNumber);
  o.int('OutlineLevel', t.outlineLevel);
  o.int('Priority', t.priority);
  o.date('Start', t.start);
  o.date('Finish', t.finish);
  o.dur('Duration', t.durationMinutes);
  o.int('DurationFormat', t.durationFormat !== null && DURATION_FORMATS.has(t.durationFormat) ? t.durationFormat : 7);
  o.dur('Work', t.workMinutes);
  o.bool('EffortDriven', t.effortDriven);
  o.bool('Estimated', t.estimated);
  o.bool('Milestone', t.isMilestone);
  o.bool('Summary', t.isSummary);
  o.bool('Critical', t.critical);
  o.date('EarlyStart', t.earlyStart);
  o.date('EarlyFinish', t.earlyFinish);
  o.date('LateStart', t.lateStart);
  o.date('LateFinish', t.lateFinish);
  o.int('FreeSlack', t.freeSlackMinutes === null ? null : t.freeSlackMinutes * 10);
  o.int('TotalSlack', t.totalSlackMinutes === null ? null : t.totalSlackMinutes * 10);
  o.num('FixedCost', t.fixedCostCents);
  o.int('PercentComplete', t.percentComplete);
  o.int('PercentWorkComplete', t.percentWorkComplete);
  o.num('Cost', t.costCents);
  o.date('ActualStart', t.actualStart);
  o.date('ActualFinish', t.actualFinish);
  o.dur('ActualDuration', t.actualDurationMinutes);
  o.dur('RemainingDuration', t.remainingDurationMinutes);
  o.int('ConstraintType', t.constraintType);
  o.int('CalendarUID', t.calendarUid ?? -1);
  o.date('ConstraintDate', t.constraintDate);
  o.date('Deadline', t.deadline);
  o.text('Notes', t.notes);
  for (const l of p.linksBySuccessor.get(t.uid) ?? []) {
    o.open('PredecessorLink');
    o.int('PredecessorUID', l.predecessorUid);
    o.int('Type', l.type);
    o.bool('CrossProject', l.crossProject);
    o.int('LinkLag', l.lagTenthsMinutes);
    o.int('LagFormat', l.lagFormat);
    o.close('PredecessorLink');
  }
  writeExtended(o, p.extended.get(`task:${t.uid}`));
  for (const b of p.baselines.get(`task:${t.uid}`) ?? []) {
    o.open('Baseline');
    o.int('Number', b.number);
    o.date('Start', b.start);
    o.date('Finish', b.finish);
    o.dur('Duration', b.durationMinutes);
    if (b.durationFormat !== null && DURATION_FORMATS.has(b.durationFormat)) o.int('DurationFormat', b.durationFormat);
    o.dur('Work', b.workMinutes);
    o.num('Cost', b.costCents);
    o.close('Baseline');
  }
  o.close('Task');
}

function writeResource(o: XmlOut, r: MspdiResource, p: Index): void {
  o.open('Resource');
  o.int('UID', r.uid);
  o.int('ID', r.id);
  o.text('Name', r.name);
  o.int('Type', r.type === 2 ? 0 : r.type);
  o.bool('IsNull', r.isNull);
  o.text('Initials', r.initials);
  o.text('Group', r.group);
  o.text('EmailAddress', r.emailAddress);
  o.num('MaxUnits', r.maxUnits);
  o.dur('Work', r.workMinutes);
  o.num('StandardRate', r.standardRate);
  o.int('StandardRateFormat', r.standardRateFormat);
  o.num('Cost', r.costCents);
  o.num('OvertimeRate', r.overtimeRate);
  o.int('OvertimeRateFormat', r.overtimeRateFormat);
  o.num('CostPerUse', r.costPerUse);
  o.int('CalendarUID', r.calendarUid);
  o.text('Notes', r.notes);
  o.bool('IsGeneric', r.isGeneric);
  o.bool('IsInactive', r.isInactive);
  writeExtended(o, p.extended.get(`resource:${r.uid}`));
  for (const b of p.baselines.get(`resource:${r.uid}`) ?? []) {
    o.open('Baseline');
    o.int('Number', b.number);
    o.dur('Work', b.workMinutes);
    o.num('Cost', b.costCents);
    o.close('Baseline');
  }
  if (r.type === 2) o.bool('IsCostResource', true);
  o.close('Resource');
}

function writeAssignment(o: XmlOut, a: MspdiAssignment, p: Index): void {
  o.open('Assignment');
  o.int('UID', a.uid);
  o.int('TaskUID', a.taskUid);
  o.int('ResourceUID', a.resourceUid);
  o.int('PercentWorkComplete', a.percentWorkComplete);
  o.date('ActualFinish', a.actualFinish);
  o.date('ActualStart', a.actualStart);
  o.dur('ActualWork', a.actualWorkMinutes);
  o.num('Cost', a.costCents);
  o.int('Delay', a.delayTenthsMinutes);
  o.date('Finish', a.finish);
  o.dur('RemainingWork', a.remainingWorkMinutes);
  o.date('Start', a.start);
  o.num('Units', a.units);
  o.dur('Work', a.workMinutes);
  o.int('WorkContour', a.workContour);
  writeExtended(o, p.extended.get(`assignment:${a.uid}`));
  for (const b of p.baselines.get(`assignment:${a.uid}`) ?? []) {
    o.open('Baseline');
    o.int('Number', b.number);
    o.date('Start', b.start);
    o.date('Finish', b.finish);
    o.dur('Work', b.workMinutes);
    o.num('Cost', b.costCents);
    o.close('Baseline');
  }
  o.close('Assignment');
}

interface Index {
  linksBySuccessor: Map<number, MspdiProject['links']>;
  baselines: Map<string, MspdiBaseline[]>;
  extended: Map<string, MspdiExtendedAttributeValue[]>;
}

function group<T>(items: T[], key: (t: T) => string | number): Map<string | number, T[]> {
  const m = new Map<string | number, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}

/** Serialises a project as MSPDI (Project 2007 layout, SaveVersion 12), valid against mspdi_pj12.xsd. */
export function writeMspdi(project: MspdiProject): string {
  const idx: Index = {
    linksBySuccessor: group(project.links, (l) => l.successorUid) as Map<number, MspdiProject['links']>,
    baselines: group(project.baselines, (b) => `${b.owner}:${b.ownerUid}`) as Map<string, MspdiBaseline[]>,
    extended: group(project.extendedAttributeValues, (v) => `${v.owner}:${v.ownerUid}`) as Map<string, MspdiExtendedAttributeValue[]>,
  };
  const pr = project.properties;
  const o = new XmlOut();
  o.parts.push(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Project xmlns="${NS}">`);
  o.int('SaveVersion', 12);
  o.text('Name', pr.name);
  o.text('Title', pr.title);
  o.text('Subject', pr.subject);
  o.text('Company', pr.company);
  o.text('Manager', pr.manager);
  o.text('Author', pr.author);
  o.date('CreationDate', pr.creationDate);
  o.date('LastSaved', pr.lastSaved);
  o.bool('ScheduleFromStart', pr.scheduleFromStart);
  o.date('StartDate', pr.startDate);
  o.date('FinishDate', pr.finishDate);
  o.int('CriticalSlackLimit', pr.criticalSlackLimitDays);
  o.int('CurrencyDigits', pr.currencyDigits);
  o.text('CurrencySymbol', pr.currencySymbol);
  o.text('CurrencyCode', pr.currencyCode ?? 'USD');
  o.int('CalendarUID', pr.calendarUid);
  if (pr.defaultStartTimeMinutes !== null) o.text('DefaultStartTime', formatTimeOfDay(pr.defaultStartTimeMinutes));
  if (pr.defaultFinishTimeMinutes !== null) o.text('DefaultFinishTime', formatTimeOfDay(pr.defaultFinishTimeMinutes));
  o.int('MinutesPerDay', pr.minutesPerDay);
  o.int('MinutesPerWeek', pr.minutesPerWeek);
  o.int('DaysPerMonth', pr.daysPerMonth);
  o.bool('HonorConstraints', pr.honorConstraints);
  o.date('StatusDate', pr.statusDate);
  o.date('CurrentDate', pr.currentDate);
  if (project.extendedAttributeDefinitions.length) {
    o.open('ExtendedAttributes');
    for (const d of project.extendedAttributeDefinitions) {
      o.open('ExtendedAttribute');
      o.text('FieldID', d.fieldId);
      o.text('FieldName', d.fieldName);
      o.int('CFType', d.cfType);
      o.text('Alias', d.alias);
      o.close('ExtendedAttribute');
    }
    o.close('ExtendedAttributes');
  }
  o.open('Calendars');
  for (const c of project.calendars) writeCalendar(o, c);
  o.close('Calendars');
  o.open('Tasks');
  for (const t of [...project.tasks].sort((a, b) => a.sortOrder - b.sortOrder)) writeTask(o, t, idx);
  o.close('Tasks');
  o.open('Resources');
  for (const r of project.resources) writeResource(o, r, idx);
  o.close('Resources');
  o.open('Assignments');
  for (const a of project.assignments) writeAssignment(o, a, idx);
  o.close('Assignments');
  o.parts.push('</Project>\n');
  return o.parts.join('');
}
