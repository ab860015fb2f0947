import { FinanceError } from './finance-error.js';
import { assertIsoDate } from './iso-date.js';

/** Lifecycle of a timesheet (or of one entry): draft -> submitted -> approved | rejected -> locked. */
export type TimesheetState = 'draft' | 'submitted' | 'approved' | 'rejected' | 'locked';

/** What a user or the period-close job does to a timesheet. */
export type TimesheetAction =
  | { type: 'submit' }
  | { type: 'recall' }
  | { type: 'approve'; approverId: string }
  | { type: 'reject'; approverId: string; reason: string }
  | { type: 'reopen' }
  | { type: 'lock' };

/** The stored status of a timesheet. */
export interface TimesheetStatus {
  state: TimesheetState;
  decidedBy: string | null;
  rejectionReason: string | null;
}

/** Allowed transitions, for documentation and for UIs that grey out buttons. */
export const TIMESHEET_TRANSITIONS: Readonly<Record<TimesheetAction['type'], readonly TimesheetState[]>> = {
  submit: ['draft', 'rejected'],
  recall: ['submitted'],
  approve: ['submitted'],
  reject: ['submitted'],
  reopen: ['rejected'],
  lock: ['approved'],
};

/**
 * Applies an action; throws FINANCE_INVALID_TRANSITION when the state does not allow it and
 * FINANCE_REASON_REQUIRED when a rejection has no reason. Approved time is changed only by a
 * correction (buildTimeCorrection), never by reopening; locked is final.
 */
export function transitionTimesheet(current: TimesheetStatus, action: TimesheetAction): TimesheetStatus {
  const allowed = TIMESHEET_TRANSITIONS[action.type];
  if (!allowed) throw new FinanceError('FINANCE_INVALID_ACTION', `unknown timesheet action "${String((action as { type: unknown }).type)}"`);
  if (!allowed.includes(current.state)) {
    throw new FinanceError('FINANCE_INVALID_TRANSITION', `cannot ${action.type} a timesheet that is ${current.state}`, { from: current.state, action: action.type });
  }
  switch (action.type) {
    case 'submit':
      return { state: 'submitted', decidedBy: null, rejectionReason: null };
    case 'recall':
    case 'reopen':
      return { state: 'draft', decidedBy: null, rejectionReason: current.rejectionReason };
    case 'approve':
      return { state: 'approved', decidedBy: action.approverId, rejectionReason: null };
    case 'reject': {
      const reason = (action.reason ?? '').trim();
      if (!reason) throw new FinanceError('FINANCE_REASON_REQUIRED', 'a rejection needs a reason');
      return { state: 'rejected', decidedBy: action.approverId, rejectionReason: reason };
    }
    case 'lock':
      return { ...current, state: 'locked' };
  }
}

/** Who may approve: the project manager(s) or the person's line manager, and never the person themself. */
export function canApproveTime(args: {
  approverId: string; ownerId: string; projectManagerIds: readonly string[]; lineManagerId: string | null;
}): boolean {
  if (args.approverId === args.ownerId) return false;
  return args.projectManagerIds.includes(args.approverId) || args.lineManagerId === args.approverId;
}

/** An approved (or locked) entry that a correction reverses. */
export interface PostedTimeEntry {
  id: string;
  personId: string;
  projectId: string;
  taskId: string | null;
  date: string;
  minutes: number;
  billable: boolean;
  comment: string | null;
}

/** The two new entries a correction creates; both start as drafts and are approved together. */
export interface TimeCorrection {
  reversal: Omit<PostedTimeEntry, 'id'> & { reversesEntryId: string; postingDate: string; isReversal: true };
  replacement: (Omit<PostedTimeEntry, 'id'> & { correctsEntryId: string; postingDate: string }) | null;
}

/**
 * Correction after approval: never edit the original. Emit a reversal (negative minutes, same work date,
 * posted on `postingDate`) and, unless the change deletes the entry, a replacement with the new values.
 */
export function buildTimeCorrection(
  original: PostedTimeEntry,
  change: Partial<Pick<PostedTimeEntry, 'minutes' | 'projectId' | 'taskId' | 'date' | 'billable' | 'comment'>> | 'delete',
  postingDate: string,
  reason: string,
): TimeCorrection {
  assertIsoDate('postingDate', postingDate);
  if (!reason.trim()) throw new FinanceError('FINANCE_REASON_REQUIRED', 'a correction needs a reason');
  if (original.minutes <= 0) throw new FinanceError('FINANCE_INVALID_CORRECTION', `entry ${original.id} is itself a reversal or empty`);
  const { id: _id, ...rest } = original;
  const reversal = {
    ...rest, minutes: -original.minutes, comment: `Reversal of ${original.id}: ${reason.trim()}`,
    reversesEntryId: original.id, postingDate, isReversal: true as const,
  };
  if (change === 'delete') return { reversal, replacement: null };
  const replacement = { ...rest, ...change, correctsEntryId: original.id, postingDate };
  if (!Number.isInteger(replacement.minutes) || replacement.minutes <= 0 || replacement.minutes > 1440) {
    throw new FinanceError('FINANCE_INVALID_CORRECTION', `corrected minutes must be 1..1440, got ${String(replacement.minutes)}`);
  }
  return { reversal, replacement };
}
