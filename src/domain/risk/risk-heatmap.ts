import type { RiskMatrix } from './risk-scale.js';
import { ratingForScore, scoreAssessment } from './risk-score.js';
import type { RiskEntry } from './risk-types.js';

/** Which assessment a view uses. */
export type RiskBasis = 'inherent' | 'residual';

/** One heat-map cell. */
export interface HeatMapCell {
  probabilityLevel: number;
  impactLevel: number;
  score: number;
  rating: string;
  count: number;
  riskIds: string[];
}

/** A full probability x impact grid (every cell present, so empty cells can be drawn). */
export interface HeatMap {
  probabilityLevels: number;
  impactLevels: number;
  /** Row-major: probability level 1..P, then impact level 1..I. */
  cells: HeatMapCell[];
}

/** Bins risks into the matrix grid by inherent or residual assessment; closed risks are left out unless asked. */
export function binRiskHeatMap(matrix: RiskMatrix, risks: RiskEntry[], basis: RiskBasis = 'residual', includeClosed = false): HeatMap {
  const P = matrix.probabilityLevels.length;
  const I = matrix.impactLevels.length;
  const cells: HeatMapCell[] = [];
  for (let p = 1; p <= P; p++) {
    for (let i = 1; i <= I; i++) cells.push({ probabilityLevel: p, impactLevel: i, score: p * i, rating: ratingForScore(matrix, p * i), count: 0, riskIds: [] });
  }
  for (const r of risks) {
    if (!includeClosed && r.status === 'closed') continue;
    const s = scoreAssessment(matrix, basis === 'residual' ? (r.residual ?? r.inherent) : r.inherent);
    const cell = cells[(s.probabilityLevel - 1) * I + (s.impactLevel - 1)];
    cell.count++;
    cell.riskIds.push(r.id);
  }
  return { probabilityLevels: P, impactLevels: I, cells };
}
