import { RiskValidationError } from './risk-error.js';

/** A probability level with its probability range and the value used for EMV. */
export interface ProbabilityLevel {
  level: number;
  label: string;
  minProbability: number;
  maxProbability: number;
  /** Representative probability (EMV when a risk gives none); defaults to the midpoint. */
  probability?: number;
}

/** An impact level; optional quantitative upper bounds help map estimates to levels. */
export interface ImpactLevel {
  level: number;
  label: string;
  /** Upper bound of schedule impact in working days for this level (last level: none). */
  scheduleDaysUpTo?: number | null;
  /** Upper bound of cost impact in cents for this level (last level: none). */
  costCentsUpTo?: number | null;
}

/** A rating band: scores >= minScore (up to the next band) get this rating. */
export interface RatingBand {
  rating: string;
  minScore: number;
}

/** A probability x impact matrix: scales plus rating bands over score = probability level x impact level. */
export interface RiskMatrix {
  probabilityLevels: ProbabilityLevel[];
  impactLevels: ImpactLevel[];
  /** Ascending by minScore; the first must start at 1. */
  bands: RatingBand[];
}

/** The default 5 x 5 matrix (low 1-4, medium 5-9, high 10-16, critical 17-25). */
export function defaultRiskMatrix(): RiskMatrix {
  return {
    probabilityLevels: [
      { level: 1, label: 'Rare', minProbability: 0, maxProbability: 0.1, probability: 0.05 },
      { level: 2, label: 'Unlikely', minProbability: 0.1, maxProbability: 0.3, probability: 0.2 },
      { level: 3, label: 'Possible', minProbability: 0.3, maxProbability: 0.5, probability: 0.4 },
      { level: 4, label: 'Likely', minProbability: 0.5, maxProbability: 0.7, probability: 0.6 },
      { level: 5, label: 'Almost certain', minProbability: 0.7, maxProbability: 1, probability: 0.85 },
    ],
    impactLevels: [
      { level: 1, label: 'Negligible', scheduleDaysUpTo: 1, costCentsUpTo: 100_000 },
      { level: 2, label: 'Minor', scheduleDaysUpTo: 5, costCentsUpTo: 1_000_000 },
      { level: 3, label: 'Moderate', scheduleDaysUpTo: 20, costCentsUpTo: 5_000_000 },
      { level: 4, label: 'Major', scheduleDaysUpTo: 60, costCentsUpTo: 25_000_000 },
      { level: 5, label: 'Severe', scheduleDaysUpTo: null, costCentsUpTo: null },
    ],
    bands: [
      { rating: 'low', minScore: 1 },
      { rating: 'medium', minScore: 5 },
      { rating: 'high', minScore: 10 },
      { rating: 'critical', minScore: 17 },
    ],
  };
}

/** Checks that levels are 1..n in order with non-empty labels. */
function checkLevels(levels: Array<{ level: number; label: string }> | undefined, path: string): void {
  if (!Array.isArray(levels) || levels.length === 0) throw new RiskValidationError('RISK_SCALE_EMPTY', 'scale needs at least one level', path);
  levels.forEach((l, i) => {
    if (l?.level !== i + 1) throw new RiskValidationError('RISK_SCALE_LEVELS', `levels must be numbered 1..${levels.length} in order, found ${String(l?.level)} at position ${i}`, `${path}[${i}].level`);
    if (typeof l.label !== 'string' || l.label.trim() === '') throw new RiskValidationError('RISK_SCALE_LEVELS', 'level label must be non-empty', `${path}[${i}].label`);
  });
}

/** Validates a matrix; throws RiskValidationError (scales without levels, probabilities outside [0, 1], ...). */
export function validateRiskMatrix(matrix: RiskMatrix): void {
  checkLevels(matrix?.probabilityLevels, 'probabilityLevels');
  checkLevels(matrix.impactLevels, 'impactLevels');
  let prevMax = 0;
  matrix.probabilityLevels.forEach((l, i) => {
    const path = `probabilityLevels[${i}]`;
    for (const [k, v] of [['minProbability', l.minProbability], ['maxProbability', l.maxProbability], ['probability', l.probability]] as const) {
      if (v === undefined && k === 'probability') continue;
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new RiskValidationError('RISK_PROBABILITY_OUT_OF_RANGE', `${k} must be in [0, 1], got ${String(v)}`, `${path}.${k}`);
    }
    if (l.minProbability > l.maxProbability) throw new RiskValidationError('RISK_SCALE_NOT_ASCENDING', 'minProbability must not exceed maxProbability', path);
    if (l.minProbability < prevMax) throw new RiskValidationError('RISK_SCALE_NOT_ASCENDING', 'probability ranges must ascend without overlap', path);
    if (l.probability !== undefined && (l.probability < l.minProbability || l.probability > l.maxProbability)) {
      throw new RiskValidationError('RISK_PROBABILITY_OUT_OF_RANGE', 'representative probability must lie within its range', `${path}.probability`);
    }
    prevMax = l.maxProbability;
  });
  for (const key of ['scheduleDaysUpTo', 'costCentsUpTo'] as const) {
    let prev = -Infinity;
    matrix.impactLevels.forEach((l, i) => {
      const v = l[key];
      if (v === undefined || v === null) return;
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v <= prev) {
        throw new RiskValidationError('RISK_SCALE_NOT_ASCENDING', `${key} must be non-negative and ascending`, `impactLevels[${i}].${key}`);
      }
      prev = v;
    });
  }
  const bands = matrix.bands;
  const maxScore = matrix.probabilityLevels.length * matrix.impactLevels.length;
  if (!Array.isArray(bands) || bands.length === 0) throw new RiskValidationError('RISK_BANDS_INVALID', 'at least one rating band is required', 'bands');
  bands.forEach((b, i) => {
    if (typeof b.rating !== 'string' || b.rating === '') throw new RiskValidationError('RISK_BANDS_INVALID', 'band rating must be non-empty', `bands[${i}].rating`);
    if (!Number.isInteger(b.minScore) || b.minScore < 1 || b.minScore > maxScore) throw new RiskValidationError('RISK_BANDS_INVALID', `minScore must be an integer in 1..${maxScore}`, `bands[${i}].minScore`);
    if (i === 0 && b.minScore !== 1) throw new RiskValidationError('RISK_BANDS_INVALID', 'the first band must start at score 1', 'bands[0].minScore');
    if (i > 0 && b.minScore <= bands[i - 1].minScore) throw new RiskValidationError('RISK_BANDS_INVALID', 'bands must ascend by minScore', `bands[${i}].minScore`);
  });
}

/** Representative probability of a level (its `probability`, else the range midpoint). */
export function representativeProbability(matrix: RiskMatrix, level: number): number {
  const l = matrix.probabilityLevels[level - 1];
  if (!l) throw new RiskValidationError('RISK_LEVEL_OUT_OF_SCALE', `probability level ${level} is not on the scale (1..${matrix.probabilityLevels.length})`);
  return l.probability ?? (l.minProbability + l.maxProbability) / 2;
}

/** Probability level whose range contains p (boundaries belong to the higher level, 1.0 to the last). */
export function probabilityLevelFor(matrix: RiskMatrix, p: number): number {
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw new RiskValidationError('RISK_PROBABILITY_OUT_OF_RANGE', `probability must be in [0, 1], got ${String(p)}`);
  const levels = matrix.probabilityLevels;
  for (let i = levels.length - 1; i >= 0; i--) if (p >= levels[i].minProbability) return levels[i].level;
  return 1;
}

/** Impact level for a quantitative impact on a dimension with thresholds (schedule days or cost cents). */
export function impactLevelFor(matrix: RiskMatrix, dimension: 'schedule' | 'cost', amount: number): number {
  const key = dimension === 'schedule' ? 'scheduleDaysUpTo' : 'costCentsUpTo';
  for (const l of matrix.impactLevels) {
    const upTo = l[key];
    if (upTo === undefined || upTo === null || amount <= upTo) return l.level;
  }
  return matrix.impactLevels.length;
}
