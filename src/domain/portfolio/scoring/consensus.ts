import { PortfolioError } from '../portfolio-errors.js';
import { computeScore, normalizeAnswer, resolveAnswer, type ScoreSheet, type ScoringModel } from './scoring-model.js';

/** Agreement between scorers on one criterion (values on the criterion's scale). */
export interface CriterionConsensus {
  criterionId: string;
  mean: number;
  /** Population standard deviation of the answers. */
  stdDev: number;
  min: number;
  max: number;
  /** (max - min) as a share of the scale width, 0..1. */
  spread: number;
  disagreement: boolean;
}

/** Consensus of several scorers: mean total, its spread, per-criterion agreement, and a flag. */
export interface Consensus {
  scorers: number;
  meanTotal: number;
  stdDevTotal: number;
  minTotal: number;
  maxTotal: number;
  criteria: CriterionConsensus[];
  disagreement: boolean;
}

/** Scores each sheet and summarises agreement; a criterion disagrees when its spread exceeds `spreadThreshold` (default 0.4 of the scale). */
export function computeConsensus(model: ScoringModel, sheets: ScoreSheet[], spreadThreshold = 0.4): Consensus {
  if (sheets.length === 0) throw new PortfolioError('INVALID_SCORE', 'consensus needs at least one score sheet');
  const totals = sheets.map((s) => computeScore(model, s).total);
  const stats = (xs: number[]): { mean: number; sd: number; min: number; max: number } => {
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    return { mean, sd, min: Math.min(...xs), max: Math.max(...xs) };
  };
  const criteria = model.criteria.map((c) => {
    const raw = sheets.map((s) => resolveAnswer(c, s[c.id]));
    const st = stats(raw);
    const norm = raw.map((v) => normalizeAnswer(c, v));
    const spread = Math.max(...norm) - Math.min(...norm);
    return { criterionId: c.id, mean: st.mean, stdDev: st.sd, min: st.min, max: st.max, spread, disagreement: spread > spreadThreshold };
  });
  const t = stats(totals);
  return {
    scorers: sheets.length,
    meanTotal: t.mean,
    stdDevTotal: t.sd,
    minTotal: t.min,
    maxTotal: t.max,
    criteria,
    disagreement: criteria.some((c) => c.disagreement),
  };
}
