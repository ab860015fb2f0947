import { toEpochDay } from './risk-dates.js';
import { RiskValidationError } from './risk-error.js';

/**
 * How an item is satisfied: `attestation` by a completed record; `evidence` by a record with at least
 * `minEvidence` evidence links (default 1); `recency` by a date no older than `maxAgeDays` before asOf,
 * read from `facts[fact]` when `fact` is set (e.g. 'riskRegister.lastReviewedOn'), else the record's date;
 * `fact` by a named fact having a date on or before asOf (e.g. 'gate.investment-decision.passedOn': the
 * business case was approved at that gate).
 */
export type ComplianceRule =
  | { kind: 'attestation' }
  | { kind: 'evidence'; minEvidence?: number }
  | { kind: 'recency'; maxAgeDays: number; fact?: string }
  | { kind: 'fact'; fact: string };

/** A checklist item belonging to a lifecycle stage. */
export interface ComplianceItem {
  id: string;
  stage: string;
  title: string;
  rule: ComplianceRule;
  /** Default true; optional items never make a project non-compliant. */
  required?: boolean;
}

/** A checklist: ordered lifecycle stages and their items. */
export interface ComplianceChecklist {
  stages: string[];
  items: ComplianceItem[];
}

/** What a project recorded for an item. */
export interface ComplianceRecord {
  itemId: string;
  /** YYYY-MM-DD when the item was done / attested. */
  completedOn?: string | null;
  evidenceUrls?: string[];
}

/** A project's compliance inputs. */
export interface ComplianceSubject {
  projectId: string;
  /** Current lifecycle stage: items of this and earlier stages apply. */
  stage: string;
  records: ComplianceRecord[];
  /** Named dates derived from other data, e.g. { 'riskRegister.lastReviewedOn': '2026-11-02' }. */
  facts?: Record<string, string | null | undefined>;
}

/** Status of one item. */
export type ComplianceStatus = 'met' | 'not-met' | 'expired' | 'not-applicable';

/** Evaluation of one item for a project. */
export interface ComplianceItemResult {
  itemId: string;
  stage: string;
  status: ComplianceStatus;
  required: boolean;
  /** For recency rules: age in days of the date used (null when missing). */
  ageDays?: number | null;
}

/** Evaluation of a project's checklist. */
export interface ComplianceEvaluation {
  projectId: string;
  stage: string;
  items: ComplianceItemResult[];
  applicableCount: number;
  metCount: number;
  /** Met share of applicable items, 0..100 (100 when nothing applies). */
  percent: number;
  /** Every required applicable item is met. */
  compliant: boolean;
}

/** Validates a checklist: known stages, unique ids, sane rules. Throws RiskValidationError. */
export function validateComplianceChecklist(checklist: ComplianceChecklist): void {
  if (!Array.isArray(checklist?.stages) || checklist.stages.length === 0) throw new RiskValidationError('RISK_COMPLIANCE_INVALID', 'checklist needs at least one lifecycle stage', 'stages');
  if (new Set(checklist.stages).size !== checklist.stages.length) throw new RiskValidationError('RISK_COMPLIANCE_INVALID', 'stages must be unique', 'stages');
  const ids = new Set<string>();
  (checklist.items ?? []).forEach((item, i) => {
    const path = `items[${i}]`;
    if (!item.id || ids.has(item.id)) throw new RiskValidationError('RISK_COMPLIANCE_INVALID', `item id must be unique and non-empty`, `${path}.id`);
    ids.add(item.id);
    if (!checklist.stages.includes(item.stage)) throw new RiskValidationError('RISK_COMPLIANCE_INVALID', `unknown stage "${item.stage}"`, `${path}.stage`);
    const rule = item.rule;
    if (rule?.kind === 'recency') {
      if (!Number.isInteger(rule.maxAgeDays) || rule.maxAgeDays < 0) throw new RiskValidationError('RISK_COMPLIANCE_INVALID', 'maxAgeDays must be a non-negative integer', `${path}.rule.maxAgeDays`);
    } else if (rule?.kind === 'evidence') {
      if (rule.minEvidence !== undefined && (!Number.isInteger(rule.minEvidence) || rule.minEvidence < 1)) throw new RiskValidationError('RISK_COMPLIANCE_INVALID', 'minEvidence must be a positive integer', `${path}.rule.minEvidence`);
    } else if (rule?.kind === 'fact') {
      if (typeof rule.fact !== 'string' || rule.fact === '') throw new RiskValidationError('RISK_COMPLIANCE_INVALID', 'a fact rule names its fact', `${path}.rule.fact`);
    } else if (rule?.kind !== 'attestation') {
      throw new RiskValidationError('RISK_COMPLIANCE_INVALID', 'rule kind must be attestation, evidence, recency or fact', `${path}.rule.kind`);
    }
  });
}

/** Evaluates one project's checklist as of `asOf` (YYYY-MM-DD); items of later stages are not applicable. */
export function evaluateCompliance(checklist: ComplianceChecklist, subject: ComplianceSubject, asOf: string): ComplianceEvaluation {
  validateComplianceChecklist(checklist);
  const today = toEpochDay(asOf, 'asOf');
  const stageIndex = checklist.stages.indexOf(subject.stage);
  if (stageIndex < 0) throw new RiskValidationError('RISK_COMPLIANCE_INVALID', `unknown stage "${subject.stage}"`, 'stage');
  const records = new Map(subject.records.map((r) => [r.itemId, r]));
  const items: ComplianceItemResult[] = checklist.items.map((item) => {
    const required = item.required !== false;
    const base = { itemId: item.id, stage: item.stage, required };
    if (checklist.stages.indexOf(item.stage) > stageIndex) return { ...base, status: 'not-applicable' as const };
    const rec = records.get(item.id);
    const rule = item.rule;
    if (rule.kind === 'attestation') return { ...base, status: rec?.completedOn ? 'met' : 'not-met' };
    if (rule.kind === 'evidence') {
      const have = rec?.evidenceUrls?.filter((u) => typeof u === 'string' && u !== '').length ?? 0;
      return { ...base, status: have >= (rule.minEvidence ?? 1) ? 'met' : 'not-met' };
    }
    if (rule.kind === 'fact') {
      const on = subject.facts?.[rule.fact];
      return { ...base, status: on && toEpochDay(on, `facts.${rule.fact}`) <= today ? 'met' : 'not-met' };
    }
    const date = rule.fact ? subject.facts?.[rule.fact] : rec?.completedOn;
    if (!date) return { ...base, status: 'not-met', ageDays: null };
    const age = today - toEpochDay(date, rule.fact ? `facts.${rule.fact}` : `records.${item.id}.completedOn`);
    return { ...base, status: age <= rule.maxAgeDays ? 'met' : 'expired', ageDays: age };
  });
  const applicable = items.filter((i) => i.status !== 'not-applicable');
  const met = applicable.filter((i) => i.status === 'met').length;
  return {
    projectId: subject.projectId,
    stage: subject.stage,
    items,
    applicableCount: applicable.length,
    metCount: met,
    percent: applicable.length === 0 ? 100 : Math.round((100 * met) / applicable.length),
    compliant: applicable.every((i) => !i.required || i.status === 'met'),
  };
}

/** Portfolio compliance matrix: one row per project, one column per checklist item (same order). */
export function buildComplianceMatrix(checklist: ComplianceChecklist, subjects: ComplianceSubject[], asOf: string) {
  return {
    items: checklist.items.map((i) => ({ id: i.id, stage: i.stage, title: i.title, required: i.required !== false })),
    rows: subjects.map((s) => {
      const e = evaluateCompliance(checklist, s, asOf);
      return { projectId: s.projectId, stage: s.stage, cells: e.items.map((i) => i.status), percent: e.percent, compliant: e.compliant };
    }),
  };
}
