/** Risk register domain: scales, scoring, EMV, heat maps, roll-ups, responses, attention, escalation, compliance. */
export { RiskValidationError, type RiskErrorCode } from './risk-error.js';
export { toEpochDay, daysBetween } from './risk-dates.js';
export {
  RISK_LEVELS,
  IMPACT_DIMENSIONS,
  RISK_STATUSES,
  type RiskLevel,
  type RiskKind,
  type ImpactDimension,
  type RiskStatus,
  type ResponseStrategy,
  type RiskProximity,
  type RiskAssessment,
  type RiskEntry,
  type RiskAction,
} from './risk-types.js';
export {
  defaultRiskMatrix,
  validateRiskMatrix,
  representativeProbability,
  probabilityLevelFor,
  impactLevelFor,
  type ProbabilityLevel,
  type ImpactLevel,
  type RatingBand,
  type RiskMatrix,
} from './risk-scale.js';
export {
  ratingForScore,
  validateAssessment,
  scoreAssessment,
  expectedMonetaryValueCents,
  scoreRisk,
  type AssessmentScore,
  type RiskScores,
} from './risk-score.js';
export { RESPONSE_STRATEGIES, isStrategyAllowed } from './risk-response.js';
export { validateRiskEntry } from './risk-validate.js';
export { binRiskHeatMap, type HeatMap, type HeatMapCell, type RiskBasis } from './risk-heatmap.js';
export {
  rollUpRiskExposure,
  selectTopRisks,
  type ExposureGroup,
  type ExposureGroupBy,
  type ExposureOptions,
  type RankedRisk,
} from './risk-exposure.js';
export { exposureCarrier, selectCountedRisks, type EscalationLink } from './risk-carried.js';
export { riskFigures, type AssessmentFigures, type RiskFigures } from './risk-figures.js';
export {
  VIEW_KINDS,
  carriedFlags,
  emptyTotals,
  addContribution,
  isZeroTotals,
  summarizeCells,
  type ViewKind,
  type CarriedFlags,
  type ChainLink,
  type CountedTotals,
  type ExposureTotals,
  type TotalsContribution,
} from './risk-totals.js';
export { evaluateRiskAttention, type AttentionReason, type RiskAttention } from './risk-attention.js';
export { escalationTargets, findEscalationCycles, validateEscalation, type EscalationNode } from './risk-escalation.js';
export {
  validateComplianceChecklist,
  evaluateCompliance,
  buildComplianceMatrix,
  type ComplianceRule,
  type ComplianceItem,
  type ComplianceChecklist,
  type ComplianceRecord,
  type ComplianceSubject,
  type ComplianceStatus,
  type ComplianceItemResult,
  type ComplianceEvaluation,
} from './compliance.js';
export { diffRiskEntries, type RiskFieldChange } from './risk-history.js';
export {
  createRiskTemplate,
  suggestRiskTemplates,
  mergeIntoTemplate,
  type RiskTemplate,
  type TemplateResponse,
  type TemplateSource,
  type TemplateQuery,
  type TemplateSuggestion,
} from './risk-library.js';
