import type { RiskBasis } from './risk-heatmap.js';
import type { RiskMatrix } from './risk-scale.js';
import { expectedMonetaryValueCents, scoreAssessment } from './risk-score.js';
import type { RiskEntry } from './risk-types.js';

/** Grouping key of an exposure roll-up. */
export type ExposureGroupBy = 'project' | 'program' | 'portfolio' | 'category' | 'level';

/** Exposure of one group. */
export interface ExposureGroup {
  /** Group key; null collects risks without one (e.g. enterprise risks when grouping by project). */
  key: string | null;
  riskCount: number;
  threatCount: number;
  opportunityCount: number;
  /** Sum of threat EMVs, whole cents. */
  threatEmvCents: number;
  /** Sum of opportunity EMVs, whole cents. */
  opportunityEmvCents: number;
  /** threatEmvCents - opportunityEmvCents. */
  netExposureCents: number;
  /** Count of risks per rating band (score distribution). */
  ratingCounts: Record<string, number>;
  maxScore: number;
  totalScore: number;
}

/** Options of roll-ups and top-N lists. */
export interface ExposureOptions {
  basis?: RiskBasis;
  includeClosed?: boolean;
}

/** Key of a risk for a grouping. */
function keyOf(risk: RiskEntry, by: ExposureGroupBy): string | null {
  switch (by) {
    case 'project':
      return risk.projectId ?? null;
    case 'program':
      return risk.programId ?? null;
    case 'portfolio':
      return risk.portfolioId ?? null;
    case 'category':
      return risk.category;
    case 'level':
      return risk.level;
  }
}

/** Assessment a basis selects. */
function assessmentOf(risk: RiskEntry, basis: RiskBasis) {
  return basis === 'residual' ? (risk.residual ?? risk.inherent) : risk.inherent;
}

/**
 * Rolls exposure up by project, program, portfolio, category or level: counts, EMV of threats and
 * opportunities, net exposure and score distribution. Groups sorted by net exposure, then key.
 */
export function rollUpRiskExposure(matrix: RiskMatrix, risks: RiskEntry[], by: ExposureGroupBy, options: ExposureOptions = {}): ExposureGroup[] {
  const basis = options.basis ?? 'residual';
  const groups = new Map<string | null, ExposureGroup>();
  for (const r of risks) {
    if (!options.includeClosed && r.status === 'closed') continue;
    const key = keyOf(r, by);
    let g = groups.get(key);
    if (!g) {
      g = { key, riskCount: 0, threatCount: 0, opportunityCount: 0, threatEmvCents: 0, opportunityEmvCents: 0, netExposureCents: 0, ratingCounts: Object.fromEntries(matrix.bands.map((b) => [b.rating, 0])), maxScore: 0, totalScore: 0 };
      groups.set(key, g);
    }
    const a = assessmentOf(r, basis);
    const s = scoreAssessment(matrix, a);
    const emv = expectedMonetaryValueCents(matrix, a, r.costImpactCents);
    g.riskCount++;
    if (r.kind === 'threat') {
      g.threatCount++;
      g.threatEmvCents += emv;
    } else {
      g.opportunityCount++;
      g.opportunityEmvCents += emv;
    }
    g.netExposureCents = g.threatEmvCents - g.opportunityEmvCents;
    g.ratingCounts[s.rating]++;
    g.totalScore += s.score;
    if (s.score > g.maxScore) g.maxScore = s.score;
  }
  return [...groups.values()].sort((a, b) => b.netExposureCents - a.netExposureCents || compareKeys(a.key, b.key));
}

/** Null keys last, others by code-unit order (stable across locales). */
function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** A ranked risk. */
export interface RankedRisk {
  risk: RiskEntry;
  score: number;
  rating: string;
  emvCents: number;
}

/** Top-N open risks by score (then EMV) or by EMV (then score); ties broken by id for a stable order. */
export function selectTopRisks(matrix: RiskMatrix, risks: RiskEntry[], n: number, by: 'score' | 'emv' = 'score', options: ExposureOptions = {}): RankedRisk[] {
  const basis = options.basis ?? 'residual';
  const ranked = risks
    .filter((r) => options.includeClosed || r.status !== 'closed')
    .map((risk) => {
      const a = assessmentOf(risk, basis);
      const s = scoreAssessment(matrix, a);
      return { risk, score: s.score, rating: s.rating, emvCents: expectedMonetaryValueCents(matrix, a, risk.costImpactCents) };
    });
  ranked.sort((a, b) => {
    const primary = by === 'score' ? b.score - a.score || b.emvCents - a.emvCents : b.emvCents - a.emvCents || b.score - a.score;
    return primary || compareKeys(a.risk.id, b.risk.id);
  });
  return ranked.slice(0, Math.max(0, Math.floor(n)));
}
