import { toEpochDay } from './risk-dates.js';
import type { RiskAction, RiskEntry } from './risk-types.js';

/** Why a risk needs attention. */
export type AttentionReason =
  | { code: 'ACTION_OVERDUE'; actionId: string; daysOverdue: number }
  | { code: 'REVIEW_OVERDUE'; daysOverdue: number };

/** Attention flag and action progress of a risk as of a date. */
export interface RiskAttention {
  flagged: boolean;
  reasons: AttentionReason[];
  /** Actions not cancelled. */
  actionCount: number;
  doneCount: number;
  /** Mean progress of the non-cancelled actions (done = 100), 0..100; null without actions. */
  progressPercent: number | null;
}

/**
 * Evaluates a risk's attention flag as of `asOf` (YYYY-MM-DD): an open action past its due date, or a
 * review date in the past, flags it. Closed risks are never flagged. Only actions with this risk's id count.
 */
export function evaluateRiskAttention(risk: RiskEntry, actions: RiskAction[], asOf: string): RiskAttention {
  const today = toEpochDay(asOf, 'asOf');
  const reasons: AttentionReason[] = [];
  let actionCount = 0;
  let doneCount = 0;
  let progressSum = 0;
  for (const a of actions) {
    if (a.riskId !== risk.id || a.status === 'cancelled') continue;
    actionCount++;
    if (a.status === 'done') {
      doneCount++;
      progressSum += 100;
      continue;
    }
    progressSum += Math.min(100, Math.max(0, a.progressPercent ?? 0));
    if (a.dueDate) {
      const late = today - toEpochDay(a.dueDate, `actions[${a.id}].dueDate`);
      if (late > 0 && risk.status !== 'closed') reasons.push({ code: 'ACTION_OVERDUE', actionId: a.id, daysOverdue: late });
    }
  }
  if (risk.reviewDate && risk.status !== 'closed') {
    const late = today - toEpochDay(risk.reviewDate, 'reviewDate');
    if (late > 0) reasons.push({ code: 'REVIEW_OVERDUE', daysOverdue: late });
  }
  return {
    flagged: reasons.length > 0,
    reasons,
    actionCount,
    doneCount,
    progressPercent: actionCount === 0 ? null : Math.round(progressSum / actionCount),
  };
}
