import { toEpochDay } from './risk-dates.js';
import { RiskValidationError } from './risk-error.js';
import { isStrategyAllowed } from './risk-response.js';
import type { RiskMatrix } from './risk-scale.js';
import { expectedMonetaryValueCents, validateAssessment } from './risk-score.js';
import { RISK_LEVELS, RISK_STATUSES, type RiskEntry } from './risk-types.js';

const SCOPE_FIELD = { project: 'projectId', program: 'programId', portfolio: 'portfolioId' } as const;
const PROXIMITIES = ['imminent', 'near', 'medium', 'far'];

/** Validates a register entry against the matrix; throws RiskValidationError naming the field. */
export function validateRiskEntry(matrix: RiskMatrix, risk: RiskEntry): void {
  if (typeof risk?.title !== 'string' || risk.title.trim() === '') throw new RiskValidationError('RISK_INVALID_FIELD', 'title is required', 'title');
  if (!RISK_LEVELS.includes(risk.level)) throw new RiskValidationError('RISK_INVALID_FIELD', `level must be one of ${RISK_LEVELS.join(', ')}`, 'level');
  if (risk.level !== 'enterprise') {
    const field = SCOPE_FIELD[risk.level];
    if (!risk[field]) throw new RiskValidationError('RISK_INVALID_FIELD', `a ${risk.level} risk needs ${field}`, field);
  }
  if (risk.kind !== 'threat' && risk.kind !== 'opportunity') throw new RiskValidationError('RISK_INVALID_FIELD', 'kind must be threat or opportunity', 'kind');
  if (typeof risk.category !== 'string' || risk.category.trim() === '') throw new RiskValidationError('RISK_INVALID_FIELD', 'category is required', 'category');
  if (risk.category === 'compliance' && !risk.complianceReference) {
    throw new RiskValidationError('RISK_INVALID_FIELD', 'a compliance risk must name the regulation or policy it concerns', 'complianceReference');
  }
  if (!RISK_STATUSES.includes(risk.status)) throw new RiskValidationError('RISK_INVALID_FIELD', `status must be one of ${RISK_STATUSES.join(', ')}`, 'status');
  validateAssessment(matrix, risk.inherent, 'inherent');
  if (risk.residual) validateAssessment(matrix, risk.residual, 'residual');
  if (risk.responseStrategy && !isStrategyAllowed(risk.kind, risk.responseStrategy)) {
    throw new RiskValidationError('RISK_STRATEGY_NOT_ALLOWED', `strategy "${risk.responseStrategy}" does not apply to a ${risk.kind}`, 'responseStrategy');
  }
  if (risk.proximity && !PROXIMITIES.includes(risk.proximity)) throw new RiskValidationError('RISK_INVALID_FIELD', `proximity must be one of ${PROXIMITIES.join(', ')}`, 'proximity');
  if (risk.reviewDate) toEpochDay(risk.reviewDate, 'reviewDate');
  if (risk.triggers !== undefined && (!Array.isArray(risk.triggers) || risk.triggers.some((t) => typeof t !== 'string'))) {
    throw new RiskValidationError('RISK_INVALID_FIELD', 'triggers must be a list of strings', 'triggers');
  }
  expectedMonetaryValueCents(matrix, risk.inherent, risk.costImpactCents);
  if (risk.escalatedToRiskId === risk.id) throw new RiskValidationError('RISK_ESCALATION_CYCLE', 'a risk cannot be escalated to itself', 'escalatedToRiskId');
}
