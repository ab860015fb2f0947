import { isoWeekday, assertIsoDate } from './iso-date.js';

/** A time entry as the rules see it (minutes are integers; a reversal entry may be negative). */
export interface TimeEntryInput {
  id?: string;
  personId: string;
  projectId: string;
  taskId?: string | null;
  date: string;
  minutes: number;
  comment?: string | null;
  /** True for a reversal entry produced by a correction (negative minutes allowed). */
  isReversal?: boolean;
  /** Accounting date when it differs from the work date (corrections post into the open period). */
  postingDate?: string | null;
}

/** Per-project facts the rules need. */
export interface ProjectTimePolicy {
  status: 'open' | 'closed';
  commentRequired: boolean;
}

/** A closed accounting period (inclusive dates). */
export interface LockedPeriod {
  from: string;
  to: string;
}

/** Workspace/person timesheet policy. */
export interface TimesheetPolicy {
  /** Maximum minutes a person may log on one day, across projects (<= 1440). */
  maxMinutesPerDay: number;
  /** ISO weekdays that are working days (1 = Monday .. 7 = Sunday). Default Monday to Friday. */
  workingWeekdays?: readonly number[];
  /** Holidays and other non-working dates (YYYY-MM-DD). */
  nonWorkingDates?: readonly string[];
  /** When false, time on non-working days is an error; when true, a warning. Default false. */
  allowNonWorkingDays?: boolean;
  lockedPeriods?: readonly LockedPeriod[];
  projects: Readonly<Record<string, ProjectTimePolicy>>;
}

/** Stable violation codes (map them to API error codes and UI messages). */
export type TimesheetViolationCode =
  | 'INVALID_DATE' | 'INVALID_MINUTES' | 'NEGATIVE_MINUTES' | 'MORE_THAN_24_HOURS' | 'DAY_OVER_MAXIMUM'
  | 'COMMENT_REQUIRED' | 'NON_WORKING_DAY' | 'LOCKED_PERIOD' | 'PROJECT_CLOSED' | 'UNKNOWN_PROJECT';

/** One broken rule, pointing at the entry (index in the input, and id when given). */
export interface TimesheetViolation {
  code: TimesheetViolationCode;
  severity: 'error' | 'warning';
  entryIndex: number;
  entryId?: string;
  date: string;
  message: string;
}

const DAY_MINUTES = 24 * 60;

/**
 * Checks entries against the policy and returns every violation (empty = valid). `existing` are the
 * person's already-saved entries on the same days (not re-validated, only counted toward daily totals).
 */
export function validateTimeEntries(
  entries: readonly TimeEntryInput[], policy: TimesheetPolicy, existing: readonly TimeEntryInput[] = [],
): TimesheetViolation[] {
  const out: TimesheetViolation[] = [];
  const working = new Set(policy.workingWeekdays ?? [1, 2, 3, 4, 5]);
  const holidays = new Set(policy.nonWorkingDates ?? []);
  const perDay = new Map<string, number>();
  for (const e of existing) {
    if (Number.isInteger(e.minutes)) perDay.set(`${e.personId}|${e.date}`, (perDay.get(`${e.personId}|${e.date}`) ?? 0) + e.minutes);
  }
  const firstIndexOfDay = new Map<string, number>();
  entries.forEach((e, entryIndex) => {
    const push = (code: TimesheetViolationCode, message: string, severity: 'error' | 'warning' = 'error'): void => {
      out.push({ code, severity, entryIndex, ...(e.id !== undefined ? { entryId: e.id } : {}), date: e.date, message });
    };
    try {
      assertIsoDate('date', e.date);
    } catch {
      push('INVALID_DATE', `date "${String(e.date)}" is not a calendar date YYYY-MM-DD`);
      return;
    }
    if (!Number.isInteger(e.minutes)) {
      push('INVALID_MINUTES', `minutes must be a whole number, got ${String(e.minutes)}`);
      return;
    }
    if (e.minutes < 0 && !e.isReversal) push('NEGATIVE_MINUTES', `negative time (${e.minutes} min) is only allowed on a reversal entry`);
    if (Math.abs(e.minutes) > DAY_MINUTES) push('MORE_THAN_24_HOURS', `${e.minutes} min is more than 24 hours in one day`);
    const project = policy.projects[e.projectId];
    if (!project) push('UNKNOWN_PROJECT', `project ${e.projectId} is not known`);
    else {
      if (project.status === 'closed' && !e.isReversal) push('PROJECT_CLOSED', `project ${e.projectId} is closed for time entry`);
      if (project.commentRequired && !e.isReversal && !(e.comment ?? '').trim()) push('COMMENT_REQUIRED', `project ${e.projectId} requires a comment on every entry`);
    }
    const posting = e.postingDate ?? e.date;
    for (const p of policy.lockedPeriods ?? []) {
      if (posting >= p.from && posting <= p.to) {
        push('LOCKED_PERIOD', `${posting} is in the locked period ${p.from}..${p.to}`);
        break;
      }
    }
    if (!e.isReversal && (holidays.has(e.date) || !working.has(isoWeekday(e.date)))) {
      push('NON_WORKING_DAY', `${e.date} is not a working day`, policy.allowNonWorkingDays ? 'warning' : 'error');
    }
    const key = `${e.personId}|${e.date}`;
    perDay.set(key, (perDay.get(key) ?? 0) + e.minutes);
    if (!firstIndexOfDay.has(key)) firstIndexOfDay.set(key, entryIndex);
  });
  // Daily totals: reported once per person-day on the last entry of that day that pushed it over.
  const reported = new Set<string>();
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i];
    const key = `${e.personId}|${e.date}`;
    const total = perDay.get(key);
    if (total === undefined || reported.has(key) || !firstIndexOfDay.has(key)) continue;
    reported.add(key);
    const base = { entryIndex: i, ...(e.id !== undefined ? { entryId: e.id } : {}), date: e.date, severity: 'error' as const };
    if (total > DAY_MINUTES) out.push({ ...base, code: 'MORE_THAN_24_HOURS', message: `${total} min logged on ${e.date}: more than 24 hours` });
    else if (total > policy.maxMinutesPerDay) {
      out.push({ ...base, code: 'DAY_OVER_MAXIMUM', message: `${total} min logged on ${e.date}: over the maximum of ${policy.maxMinutesPerDay} min per day` });
    }
  }
  return out;
}

/** True when no violation has severity error. */
export function isTimesheetValid(violations: readonly TimesheetViolation[]): boolean {
  return violations.every((v) => v.severity !== 'error');
}
