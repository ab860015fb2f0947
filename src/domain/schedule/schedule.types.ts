/** Plain, storable scheduling data: tasks and links are flat arrays of plain objects keyed by id. */
import type { CalendarDefinition } from '../calendar/index.js';

/** MS Project constraint types. */
export type ConstraintType = 'ASAP' | 'ALAP' | 'SNET' | 'SNLT' | 'FNET' | 'FNLT' | 'MSO' | 'MFO';
/** Dependency types: finish-to-start, start-to-start, finish-to-finish, start-to-finish. */
export type LinkType = 'FS' | 'SS' | 'FF' | 'SF';
/** How a link lag is measured: working minutes of the successor's calendar, elapsed minutes, or percent of the predecessor's duration. */
export type LagUnit = 'working' | 'elapsed' | 'percent';

/** One task. Instants are epoch minutes (local wall clock); durations are minutes. */
export interface ScheduleTask {
  id: number;
  parentId: number | null;
  name?: string;
  /** Working minutes (or elapsed minutes when durationIsElapsed). Ignored for summaries (rolled up). */
  durationMinutes: number;
  durationIsElapsed?: boolean;
  isMilestone?: boolean;
  /** Manually scheduled: start/finish are kept as given (manualStart/manualFinish or start/finish). */
  manual?: boolean;
  start?: number | null;
  finish?: number | null;
  constraintType?: ConstraintType;
  constraintDate?: number | null;
  deadline?: number | null;
  /** Task calendar; null = project calendar. */
  calendarId?: number | null;
  percentComplete?: number;
  actualStart?: number | null;
  actualFinish?: number | null;
  /** Remaining duration in working minutes; defaults to duration * (1 - percentComplete). */
  remainingDurationMinutes?: number | null;
  /**
   * Resource-driven spans (MS Project schedules each assignment on its resource's calendar): when present, the
   * task starts at the earliest and finishes at the latest assignment. durationMinutes = work / units.
   */
  assignments?: { calendarId: number | null; durationMinutes: number }[];
  /** For roll-up only. */
  workMinutes?: number;
  costCents?: number;
}

/** A dependency between two tasks. `lag` is minutes (working or elapsed) or, for lagUnit 'percent', percent. */
export interface ScheduleLink {
  predecessorId: number;
  successorId: number;
  type: LinkType;
  lag: number;
  lagUnit: LagUnit;
}

/** Everything the scheduler needs. */
export interface ScheduleInput {
  /** Project start; for projects scheduled from the finish it is recomputed (earliest late start). */
  projectStart: number;
  /** Set to schedule from a fixed project finish (MS Project's ScheduleFromStart = 0). */
  projectFinish?: number | null;
  projectCalendarId: number;
  calendars: CalendarDefinition[];
  tasks: ScheduleTask[];
  links: ScheduleLink[];
  /**
   * MS Project's "Tasks will always honor their constraint dates" (MSPDI HonorConstraints). true (default): a
   * SNLT/FNLT/MSO/MFO date wins over links; false: links win and the conflict is only reported.
   */
  honorConstraints?: boolean;
  /** Slack at or below this many working minutes is critical (MS Project's CriticalSlackLimit in days * minutes/day). */
  criticalSlackLimitMinutes?: number;
}

/** A problem that does not stop scheduling (MS Project shows these as "scheduling conflicts"). */
export interface ScheduleWarning {
  code: 'CONSTRAINT_CONFLICT' | 'DEADLINE_MISSED' | 'NEGATIVE_SLACK';
  taskId: number;
  message: string;
}

/** Computed dates of one task (instants in epoch minutes, slack in working minutes). */
export interface TaskSchedule {
  id: number;
  start: number;
  finish: number;
  earlyStart: number;
  earlyFinish: number;
  lateStart: number;
  lateFinish: number;
  durationMinutes: number;
  totalSlackMinutes: number;
  freeSlackMinutes: number;
  critical: boolean;
  /** On MS Project's longest path (drives the project finish through driving links). */
  onLongestPath: boolean;
  isSummary: boolean;
  workMinutes: number;
  costCents: number;
  percentComplete: number;
}

/** Result of scheduleProject: one TaskSchedule per input task, in input order. */
export interface ScheduleResult {
  projectStart: number;
  projectFinish: number;
  tasks: TaskSchedule[];
  warnings: ScheduleWarning[];
}
