/** Plain data read from / written to MS Project XML (MSPDI). Instants are epoch minutes (local), durations minutes. */
import type { CalendarDefinition } from '../calendar/index.js';

/** Project-level properties (the subset pmo keeps). */
export interface MspdiProperties {
  saveVersion: number | null;
  name: string | null;
  title: string | null;
  subject: string | null;
  author: string | null;
  company: string | null;
  manager: string | null;
  creationDate: number | null;
  lastSaved: number | null;
  scheduleFromStart: boolean;
  startDate: number | null;
  finishDate: number | null;
  statusDate: number | null;
  currentDate: number | null;
  calendarUid: number | null;
  criticalSlackLimitDays: number;
  currencyCode: string | null;
  currencySymbol: string | null;
  currencyDigits: number | null;
  defaultStartTimeMinutes: number | null;
  defaultFinishTimeMinutes: number | null;
  minutesPerDay: number;
  minutesPerWeek: number;
  daysPerMonth: number;
  honorConstraints: boolean | null;
  newTasksAreManual: boolean | null;
}

/** A calendar with its MSPDI extras. */
export interface MspdiCalendar extends CalendarDefinition {
  isBaseCalendar: boolean;
}

/** A task row. `parentUid` is derived from the outline (OutlineLevel order); sortOrder is the row position. */
export interface MspdiTask {
  uid: number;
  id: number | null;
  name: string | null;
  sortOrder: number;
  parentUid: number | null;
  outlineLevel: number;
  outlineNumber: string | null;
  wbs: string | null;
  isNull: boolean;
  active: boolean;
  manual: boolean;
  isSummary: boolean;
  isMilestone: boolean;
  type: number | null;
  priority: number | null;
  start: number | null;
  finish: number | null;
  durationMinutes: number;
  /** MSPDI DurationFormat code (7 = days, 8 = elapsed days, 53 = estimated-null...). */
  durationFormat: number | null;
  durationIsElapsed: boolean;
  workMinutes: number | null;
  costCents: number | null;
  fixedCostCents: number | null;
  percentComplete: number;
  percentWorkComplete: number | null;
  actualStart: number | null;
  actualFinish: number | null;
  actualDurationMinutes: number | null;
  remainingDurationMinutes: number | null;
  constraintType: number;
  constraintDate: number | null;
  deadline: number | null;
  calendarUid: number | null;
  earlyStart: number | null;
  earlyFinish: number | null;
  lateStart: number | null;
  lateFinish: number | null;
  totalSlackMinutes: number | null;
  freeSlackMinutes: number | null;
  critical: boolean | null;
  effortDriven: boolean | null;
  estimated: boolean | null;
  createDate: number | null;
  notes: string | null;
}

/** A dependency. lagTenthsMinutes is MSPDI's LinkLag (tenths of minutes; percent for LagFormat 19/20). */
export interface MspdiLink {
  predecessorUid: number;
  successorUid: number;
  /** MSPDI Type: 0 FF, 1 FS, 2 SF, 3 SS. */
  type: number;
  lagTenthsMinutes: number;
  lagFormat: number;
  crossProject: boolean;
}

/** A resource. */
export interface MspdiResource {
  uid: number;
  id: number | null;
  name: string | null;
  /** 0 material, 1 work, 2 cost (MSPDI Type). */
  type: number | null;
  isNull: boolean;
  initials: string | null;
  group: string | null;
  emailAddress: string | null;
  maxUnits: number | null;
  standardRate: number | null;
  standardRateFormat: number | null;
  overtimeRate: number | null;
  overtimeRateFormat: number | null;
  costPerUse: number | null;
  calendarUid: number | null;
  workMinutes: number | null;
  costCents: number | null;
  notes: string | null;
  isGeneric: boolean | null;
  isInactive: boolean | null;
}

/** A resource assignment. */
export interface MspdiAssignment {
  uid: number;
  taskUid: number;
  resourceUid: number;
  units: number | null;
  workMinutes: number | null;
  actualWorkMinutes: number | null;
  remainingWorkMinutes: number | null;
  costCents: number | null;
  start: number | null;
  finish: number | null;
  actualStart: number | null;
  actualFinish: number | null;
  percentWorkComplete: number | null;
  delayTenthsMinutes: number | null;
  workContour: number | null;
}

/** A baseline of a task, resource or assignment (number 0-10). */
export interface MspdiBaseline {
  owner: 'task' | 'resource' | 'assignment';
  ownerUid: number;
  number: number;
  start: number | null;
  finish: number | null;
  durationMinutes: number | null;
  durationFormat: number | null;
  workMinutes: number | null;
  costCents: number | null;
}

/** A custom field definition. */
export interface MspdiExtendedAttributeDefinition {
  fieldId: string;
  fieldName: string | null;
  alias: string | null;
  cfType: number | null;
}

/** A custom field value on a task, resource or assignment. */
export interface MspdiExtendedAttributeValue {
  owner: 'task' | 'resource' | 'assignment';
  ownerUid: number;
  fieldId: string;
  value: string;
}

/** A whole MSPDI project as flat arrays of plain objects. */
export interface MspdiProject {
  properties: MspdiProperties;
  calendars: MspdiCalendar[];
  tasks: MspdiTask[];
  links: MspdiLink[];
  resources: MspdiResource[];
  assignments: MspdiAssignment[];
  baselines: MspdiBaseline[];
  extendedAttributeDefinitions: MspdiExtendedAttributeDefinition[];
  extendedAttributeValues: MspdiExtendedAttributeValue[];
  /** Import notes, e.g. how many elements were not imported. */
  warnings: string[];
}
