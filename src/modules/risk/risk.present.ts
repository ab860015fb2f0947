/** Row -> domain entry and row -> API view for risks and actions. */
import {
  defaultRiskMatrix,
  evaluateRiskAttention,
  riskFigures,
  scoreRisk,
  type RiskAction,
  type RiskAssessment,
  type RiskEntry,
  type RiskMatrix,
} from '../../domain/risk/index.js';
import type { DB } from '../../db/schema.js';
import type { Kysely } from 'kysely';
import { can, type Actor } from '../../server/policy.js';
import type { ProjectRole, RisksTable } from '../../db/schema.js';
import type { Selectable } from 'kysely';
import * as repo from './risk.repo.js';
import type { ActionResponse, RiskResponse } from './risk.schemas.js';

type Base = Selectable<RisksTable> & { eff_program_id?: string | null; eff_portfolio_id?: string | null };

/** The configured matrix (the default 5 x 5 until an admin saves one). */
export async function loadRiskMatrix(db: Kysely<DB>): Promise<{ matrix: RiskMatrix; version: number }> {
  const row = await repo.findMatrixRow(db);
  return row ? { matrix: row.matrix as RiskMatrix, version: row.version } : { matrix: defaultRiskMatrix(), version: 0 };
}

/** The domain view of a risk row. */
export function toRiskEntry(r: Base): RiskEntry {
  return {
    id: r.id,
    level: r.level,
    projectId: r.project_id,
    programId: r.eff_program_id ?? r.program_id,
    portfolioId: r.eff_portfolio_id ?? r.portfolio_id,
    kind: r.kind,
    title: r.title,
    description: r.description,
    cause: r.cause,
    effect: r.effect,
    category: r.category,
    complianceReference: r.compliance_reference,
    ownerId: r.owner_id,
    inherent: r.inherent as RiskAssessment,
    residual: (r.residual as RiskAssessment | null) ?? null,
    costImpactCents: r.cost_impact_cents === null ? null : Number(r.cost_impact_cents),
    proximity: r.proximity,
    triggers: (r.triggers as string[] | null) ?? [],
    responseStrategy: r.response_strategy,
    reviewDate: r.review_date,
    status: r.status,
    escalatedToRiskId: r.escalated_to_risk_id,
  };
}

/** The stored figures (heat-map cell, score, rating, EMV on both bases) of an entry, as risk columns. */
export function figureColumns(matrix: RiskMatrix, entry: RiskEntry) {
  const f = riskFigures(matrix, entry);
  return {
    inh_probability_level: f.inherent.probabilityLevel,
    inh_impact_level: f.inherent.impactLevel,
    inh_score: f.inherent.score,
    inh_rating: f.inherent.rating,
    inh_emv_cents: f.inherent.emvCents,
    res_probability_level: f.residual.probabilityLevel,
    res_impact_level: f.residual.impactLevel,
    res_score: f.residual.score,
    res_rating: f.residual.rating,
    res_emv_cents: f.residual.emvCents,
  };
}

/**
 * Due date, progress and status of an action: an action that is a schedule task is due when the task finishes
 * and as far along as the task (done at 100 %, unless cancelled); other actions carry their own.
 */
export function effectiveAction(a: repo.ActionRow): { dueDate: string | null; progressPercent: number; status: RiskAction['status'] } {
  if (!a.task_id || a.task_percent === null || a.task_percent === undefined) return { dueDate: a.due_date, progressPercent: a.progress_percent, status: a.status };
  const percent = Math.max(0, Math.min(100, Math.round(Number(a.task_percent))));
  return { dueDate: a.task_finish ? a.task_finish.slice(0, 10) : a.due_date, progressPercent: percent, status: a.status === 'cancelled' ? 'cancelled' : percent >= 100 ? 'done' : a.status };
}

/** The domain view of an action row. */
export const toRiskAction = (a: repo.ActionRow): RiskAction => ({ id: a.id, riskId: a.risk_id, ownerId: a.owner_id, ...effectiveAction(a) });

/** The API view of a risk. */
export function presentRisk(r: repo.RiskRow, matrix: RiskMatrix, actions: repo.ActionRow[], actor: Actor, projectRole: ProjectRole | null, asOf: string): RiskResponse {
  const entry = toRiskEntry(r);
  const scores = scoreRisk(matrix, entry);
  const attention = evaluateRiskAttention(entry, actions.map(toRiskAction), asOf);
  return {
    id: r.id,
    level: r.level,
    projectId: r.project_id,
    projectName: r.project_name ?? null,
    programId: r.eff_program_id ?? null,
    programName: r.program_name ?? null,
    portfolioId: r.eff_portfolio_id ?? null,
    portfolioName: r.portfolio_name ?? null,
    kind: r.kind,
    title: r.title,
    description: r.description,
    cause: r.cause,
    effect: r.effect,
    category: r.category,
    complianceReference: r.compliance_reference,
    ownerId: r.owner_id,
    ownerName: r.owner_name ?? null,
    inherent: entry.inherent as RiskResponse['inherent'],
    residual: (entry.residual ?? null) as RiskResponse['residual'],
    costImpactCents: entry.costImpactCents ?? null,
    scheduleImpact:
      r.schedule_task_id && r.schedule_min_minutes !== null
        ? { taskId: r.schedule_task_id, minMinutes: r.schedule_min_minutes, mostLikelyMinutes: r.schedule_most_likely_minutes!, maxMinutes: r.schedule_max_minutes! }
        : null,
    proximity: r.proximity,
    triggers: entry.triggers ?? [],
    responseStrategy: r.response_strategy,
    reviewDate: r.review_date,
    status: r.status,
    inherentScore: scores.inherent.score,
    inherentRating: scores.inherent.rating,
    residualScore: scores.residual.score,
    residualRating: scores.residual.rating,
    emvCents: scores.emvCents,
    attention: { flagged: attention.flagged, reasons: attention.reasons.map((x) => x.code) },
    actionProgress: { count: attention.actionCount, doneCount: attention.doneCount, percent: attention.progressPercent },
    escalatedTo: r.escalated_to_risk_id && r.target_title && r.target_level ? { id: r.escalated_to_risk_id, title: r.target_title, level: r.target_level } : null,
    escalatedFromCount: Number(r.escalated_from_count ?? 0),
    canEdit: can(actor, 'update', { kind: 'risk', level: r.level, projectRole }),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
  };
}

/** The API view of an action. */
export function presentAction(a: repo.ActionRow, asOf: string): ActionResponse {
  const e = effectiveAction(a);
  return {
    id: a.id,
    riskId: a.risk_id,
    title: a.title,
    ownerId: a.owner_id,
    ownerName: a.owner_name ?? null,
    dueDate: e.dueDate,
    status: e.status,
    progressPercent: e.progressPercent,
    taskId: a.task_id,
    taskName: a.task_name ?? null,
    overdue: e.status === 'open' && e.dueDate !== null && e.dueDate < asOf,
    version: a.version,
  };
}

/** What the audit trail keeps of a risk (history diffs compare these). */
export function auditRisk(r: Selectable<RisksTable>) {
  return {
    level: r.level,
    kind: r.kind,
    title: r.title,
    description: r.description,
    cause: r.cause,
    effect: r.effect,
    category: r.category,
    complianceReference: r.compliance_reference,
    ownerId: r.owner_id,
    inherent: r.inherent,
    residual: r.residual,
    costImpactCents: r.cost_impact_cents === null ? null : Number(r.cost_impact_cents),
    scheduleTaskId: r.schedule_task_id,
    scheduleMinutes: r.schedule_min_minutes === null ? null : [r.schedule_min_minutes, r.schedule_most_likely_minutes, r.schedule_max_minutes],
    proximity: r.proximity,
    triggers: r.triggers,
    responseStrategy: r.response_strategy,
    reviewDate: r.review_date,
    status: r.status,
    escalatedToRiskId: r.escalated_to_risk_id,
  };
}
