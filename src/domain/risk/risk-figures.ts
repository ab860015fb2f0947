import { expectedMonetaryValueCents, scoreAssessment } from './risk-score.js';
import type { RiskMatrix } from './risk-scale.js';
import type { RiskEntry } from './risk-types.js';

/** Position of one assessment on the matrix, as roll-ups aggregate it. */
export interface AssessmentFigures {
  probabilityLevel: number;
  impactLevel: number;
  score: number;
  rating: string;
  /** Expected monetary value of this assessment, whole cents (0 without a cost impact). */
  emvCents: number;
}

/** The figures of a register entry on both bases (residual falls back to inherent). */
export interface RiskFigures {
  inherent: AssessmentFigures;
  residual: AssessmentFigures;
}

function figuresOf(matrix: RiskMatrix, a: RiskEntry['inherent'], costImpactCents: number | null | undefined): AssessmentFigures {
  const s = scoreAssessment(matrix, a);
  return { probabilityLevel: s.probabilityLevel, impactLevel: s.impactLevel, score: s.score, rating: s.rating, emvCents: expectedMonetaryValueCents(matrix, a, costImpactCents) };
}

/**
 * Heat-map cell, score, rating and EMV of an entry on the inherent and the residual basis: exactly what
 * binRiskHeatMap, rollUpRiskExposure and selectTopRisks compute per risk. Stored with the risk (and
 * recomputed when the matrix changes) so a portfolio view can aggregate them without rescoring.
 */
export function riskFigures(matrix: RiskMatrix, risk: RiskEntry): RiskFigures {
  const inherent = figuresOf(matrix, risk.inherent, risk.costImpactCents);
  const residual = risk.residual ? figuresOf(matrix, risk.residual, risk.costImpactCents) : inherent;
  return { inherent, residual };
}
