import { RiskValidationError } from './risk-error.js';
import { representativeProbability, type RiskMatrix } from './risk-scale.js';
import { IMPACT_DIMENSIONS, type RiskAssessment, type RiskEntry } from './risk-types.js';

/** Score of one assessment on a matrix. */
export interface AssessmentScore {
  probabilityLevel: number;
  /** Highest impact level over the assessed dimensions. */
  impactLevel: number;
  /** probabilityLevel x impactLevel. */
  score: number;
  rating: string;
}

/** Scores of a register entry. */
export interface RiskScores {
  inherent: AssessmentScore;
  /** Falls back to inherent when the entry has no residual assessment. */
  residual: AssessmentScore;
  /** Expected monetary value of the residual position, whole cents (>= 0). */
  emvCents: number;
}

/** Rating band for a score (the last band whose minScore <= score). */
export function ratingForScore(matrix: RiskMatrix, score: number): string {
  let rating = matrix.bands[0].rating;
  for (const b of matrix.bands) if (score >= b.minScore) rating = b.rating;
  return rating;
}

/** Checks levels and probability of an assessment against the matrix. */
export function validateAssessment(matrix: RiskMatrix, a: RiskAssessment, path = 'assessment'): void {
  const pl = a?.probabilityLevel;
  if (!Number.isInteger(pl) || pl < 1 || pl > matrix.probabilityLevels.length) {
    throw new RiskValidationError('RISK_LEVEL_OUT_OF_SCALE', `probabilityLevel must be an integer in 1..${matrix.probabilityLevels.length}, got ${String(pl)}`, `${path}.probabilityLevel`);
  }
  if (a.probability !== undefined && (typeof a.probability !== 'number' || !(a.probability >= 0 && a.probability <= 1))) {
    throw new RiskValidationError('RISK_PROBABILITY_OUT_OF_RANGE', `probability must be in [0, 1], got ${String(a.probability)}`, `${path}.probability`);
  }
  const impacts = a.impacts ?? {};
  let count = 0;
  for (const [dim, level] of Object.entries(impacts)) {
    if (!IMPACT_DIMENSIONS.includes(dim as never)) throw new RiskValidationError('RISK_INVALID_FIELD', `unknown impact dimension "${dim}"`, `${path}.impacts.${dim}`);
    if (level === undefined) continue;
    if (!Number.isInteger(level) || level < 1 || level > matrix.impactLevels.length) {
      throw new RiskValidationError('RISK_LEVEL_OUT_OF_SCALE', `impact level must be an integer in 1..${matrix.impactLevels.length}, got ${String(level)}`, `${path}.impacts.${dim}`);
    }
    count++;
  }
  if (count === 0) throw new RiskValidationError('RISK_IMPACT_MISSING', 'at least one impact dimension must be assessed', `${path}.impacts`);
}

/** Scores an assessment: probability level x highest impact level, with its rating band. */
export function scoreAssessment(matrix: RiskMatrix, a: RiskAssessment): AssessmentScore {
  validateAssessment(matrix, a);
  let impactLevel = 0;
  for (const level of Object.values(a.impacts)) if (level !== undefined && level > impactLevel) impactLevel = level;
  const score = a.probabilityLevel * impactLevel;
  return { probabilityLevel: a.probabilityLevel, impactLevel, score, rating: ratingForScore(matrix, score) };
}

/** Expected monetary value in whole cents: probability x cost impact (explicit probability wins over the level's). */
export function expectedMonetaryValueCents(matrix: RiskMatrix, a: RiskAssessment, costImpactCents: number | null | undefined): number {
  if (costImpactCents === undefined || costImpactCents === null) return 0;
  if (!Number.isSafeInteger(costImpactCents) || costImpactCents < 0) {
    throw new RiskValidationError('RISK_INVALID_AMOUNT', `costImpactCents must be a non-negative integer, got ${String(costImpactCents)}`, 'costImpactCents');
  }
  const p = a.probability ?? representativeProbability(matrix, a.probabilityLevel);
  return Math.round(p * costImpactCents);
}

/** Inherent and residual scores and residual EMV of a register entry. */
export function scoreRisk(matrix: RiskMatrix, risk: RiskEntry): RiskScores {
  const inherent = scoreAssessment(matrix, risk.inherent);
  const residualAssessment = risk.residual ?? risk.inherent;
  const residual = risk.residual ? scoreAssessment(matrix, risk.residual) : inherent;
  return { inherent, residual, emvCents: expectedMonetaryValueCents(matrix, residualAssessment, risk.costImpactCents) };
}
