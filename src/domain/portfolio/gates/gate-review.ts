import { PortfolioError } from '../portfolio-errors.js';
import { stageIndex, type ApproverRole, type GateDefinition, type GateField, type LifecycleDefinition } from './lifecycle.js';

/** What a gate review knows about its subject and what people recorded on it. */
export interface GateFacts {
  /** Field facts: true present, false missing; a field absent here does not apply to this kind of subject. */
  fields: Partial<Record<GateField, boolean>>;
  /** Checklist items ticked (criterion id -> done). */
  checks: Record<string, boolean>;
  /** Number of document links per criterion id. */
  documents: Record<string, number>;
  /** Every current vote (one per approver and role). */
  votes: { role: ApproverRole; verdict: 'approve' | 'reject' }[];
  /** Roles nobody can hold for this subject (e.g. project manager of a proposal with no project): they do not block. */
  inapplicableRoles?: ApproverRole[];
}

export type CriterionStatus = 'met' | 'unmet' | 'not-applicable';
export type ApprovalStatus = 'approved' | 'rejected' | 'pending' | 'not-applicable';

/** Status of each criterion and approval of a gate, whether "go" is allowed and, if not, why (one line per gap). */
export interface GateEvaluation {
  criteria: { id: string; required: boolean; status: CriterionStatus }[];
  approvals: { role: ApproverRole; status: ApprovalStatus; approvals: number; rejections: number }[];
  ready: boolean;
  missing: string[];
}

/**
 * Evaluates a gate: a check is met when ticked, a field when present, a document when at least one link is attached;
 * a field the subject kind does not have is not applicable. An approval role is rejected when anyone in it rejected
 * (a veto), approved when someone approved, else pending. Ready = every required criterion met and every
 * applicable role approved.
 */
export function evaluateGate(gate: GateDefinition, facts: GateFacts): GateEvaluation {
  const missing: string[] = [];
  const criteria = gate.criteria.map((c) => {
    let status: CriterionStatus;
    if (c.kind === 'check') status = facts.checks[c.id] ? 'met' : 'unmet';
    else if (c.kind === 'document') status = (facts.documents[c.id] ?? 0) > 0 ? 'met' : 'unmet';
    else {
      const f = facts.fields[c.field];
      status = f === undefined ? 'not-applicable' : f ? 'met' : 'unmet';
    }
    if (c.required && status === 'unmet') missing.push(c.kind === 'document' ? `document "${c.label}" is not attached` : c.kind === 'check' ? `"${c.label}" is not ticked` : `"${c.label}" is missing`);
    return { id: c.id, required: c.required, status };
  });
  const inapplicable = new Set(facts.inapplicableRoles ?? []);
  const approvals = gate.approvals.map((role) => {
    const votes = facts.votes.filter((v) => v.role === role);
    const approvalsN = votes.filter((v) => v.verdict === 'approve').length;
    const rejections = votes.length - approvalsN;
    const status: ApprovalStatus = inapplicable.has(role) ? 'not-applicable' : rejections > 0 ? 'rejected' : approvalsN > 0 ? 'approved' : 'pending';
    if (status === 'rejected') missing.push(`the ${role.replace(/_/g, ' ')} approval was refused`);
    if (status === 'pending') missing.push(`no ${role.replace(/_/g, ' ')} approval yet`);
    return { role, status, approvals: approvalsN, rejections };
  });
  return { criteria, approvals, ready: missing.length === 0, missing };
}

/** Gate decisions: go (enter the next stage), hold (stay, paused), stop (end it here), recycle (rework from a stage). */
export type GateDecision = 'go' | 'hold' | 'stop' | 'recycle';
export const GATE_DECISIONS: readonly GateDecision[] = ['go', 'hold', 'stop', 'recycle'];

/** Where the subject stands after a decision. */
export interface GateOutcome {
  stage: string;
  state: 'active' | 'on_hold' | 'stopped';
}

/**
 * The outcome of a decision on `gate` for a subject in `currentStage`. Go needs a ready evaluation and enters the
 * gate's target stage; hold keeps the stage and pauses; stop keeps the stage and ends the subject; recycle goes back
 * to `recycleTo` (default: the current stage, i.e. rework and come back to this gate), which must not be later than
 * the current stage. Throws PortfolioError INVALID_DECISION otherwise.
 */
export function decideGate(def: LifecycleDefinition, gate: GateDefinition, currentStage: string, decision: GateDecision, evaluation: GateEvaluation, recycleTo?: string): GateOutcome {
  if (gate.from !== currentStage) throw new PortfolioError('INVALID_DECISION', `gate "${gate.name}" leaves "${gate.from}", but the subject is in "${currentStage}"`);
  if (recycleTo !== undefined && decision !== 'recycle') throw new PortfolioError('INVALID_DECISION', 'recycleTo only goes with a recycle decision');
  switch (decision) {
    case 'go':
      if (!evaluation.ready) throw new PortfolioError('INVALID_DECISION', `the gate is not ready: ${evaluation.missing.join('; ')}`);
      return { stage: gate.to, state: 'active' };
    case 'hold':
      return { stage: currentStage, state: 'on_hold' };
    case 'stop':
      return { stage: currentStage, state: 'stopped' };
    case 'recycle': {
      const target = recycleTo ?? currentStage;
      const ti = stageIndex(def, target);
      if (ti < 0) throw new PortfolioError('INVALID_DECISION', `stage "${target}" is not part of this lifecycle`);
      if (ti > stageIndex(def, currentStage)) throw new PortfolioError('INVALID_DECISION', `recycle goes back, not forward: "${target}" is after "${currentStage}"`);
      return { stage: target, state: 'active' };
    }
    default:
      throw new PortfolioError('INVALID_DECISION', `unknown decision "${String(decision)}"`);
  }
}
