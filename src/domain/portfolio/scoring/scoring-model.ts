import { PortfolioError } from '../portfolio-errors.js';

/** A criterion scale: a numeric range or labelled levels (each level a label and a numeric value). */
export type Scale =
  | { kind: 'range'; min: number; max: number }
  | { kind: 'levels'; levels: { label: string; value: number }[] };

/** One scoring criterion; weight is ignored by the WSJF and RICE templates. */
export interface Criterion {
  id: string;
  name: string;
  weight: number;
  scale: Scale;
  /** 'lower-better' inverts the normalised value (e.g. risk, cost); default 'higher-better'. */
  direction?: 'higher-better' | 'lower-better';
  /** Strategic objective this criterion measures fit with, if any. */
  objectiveId?: string;
}

/** Formula templates. WSJF = (value + time criticality + risk reduction) / job size; RICE = reach x impact x confidence / effort. */
export type ScoringFormula =
  | { kind: 'weighted-sum' }
  | { kind: 'wsjf'; businessValue: string; timeCriticality: string; riskReduction: string; jobSize: string }
  | { kind: 'rice'; reach: string; impact: string; confidence: string; effort: string };

/** A scoring model; for weighted sums the weights must add up to `weightTotal` (1 or 100). */
export interface ScoringModel {
  id: string;
  name: string;
  weightTotal: 1 | 100;
  formula: ScoringFormula;
  criteria: Criterion[];
}

/** Raw answers of one scorer: a number (range scales, or a level's value) or a level label. */
export type ScoreSheet = Record<string, number | string>;

/** Computed score: total and each criterion's normalised (0..1) and weighted contribution. */
export interface ScoreResult {
  total: number;
  criteria: { criterionId: string; raw: number; normalized: number; contribution: number }[];
}

const WEIGHT_TOLERANCE = 1e-6;

function scaleBounds(s: Scale): [number, number] {
  if (s.kind === 'range') return [s.min, s.max];
  const values = s.levels.map((l) => l.value);
  return [Math.min(...values), Math.max(...values)];
}

/** Throws PortfolioError (INVALID_SCALE / INVALID_WEIGHTS / INVALID_MODEL) naming the first problem. */
export function validateScoringModel(model: ScoringModel): void {
  if (model.weightTotal !== 1 && model.weightTotal !== 100) throw new PortfolioError('INVALID_WEIGHTS', `weightTotal must be 1 or 100, got ${String(model.weightTotal)}`);
  if (!Array.isArray(model.criteria) || model.criteria.length === 0) throw new PortfolioError('INVALID_MODEL', `scoring model "${model.name}" has no criteria`);
  const ids = new Set<string>();
  for (const c of model.criteria) {
    if (ids.has(c.id)) throw new PortfolioError('INVALID_MODEL', `criterion id "${c.id}" is used twice`);
    ids.add(c.id);
    const s = c.scale;
    if (s.kind === 'range') {
      if (!Number.isFinite(s.min) || !Number.isFinite(s.max) || !(s.max > s.min)) throw new PortfolioError('INVALID_SCALE', `criterion "${c.name}": range needs finite min < max`);
    } else if (s.kind === 'levels') {
      if (!Array.isArray(s.levels) || s.levels.length < 2) throw new PortfolioError('INVALID_SCALE', `criterion "${c.name}": a level scale needs at least two levels`);
      const labels = new Set<string>();
      for (const l of s.levels) {
        if (!l.label || labels.has(l.label)) throw new PortfolioError('INVALID_SCALE', `criterion "${c.name}": level labels must be non-empty and unique ("${l.label}")`);
        if (!Number.isFinite(l.value)) throw new PortfolioError('INVALID_SCALE', `criterion "${c.name}": level "${l.label}" needs a finite value`);
        labels.add(l.label);
      }
      const [lo, hi] = scaleBounds(s);
      if (!(hi > lo)) throw new PortfolioError('INVALID_SCALE', `criterion "${c.name}": levels must not all have the same value`);
    } else {
      throw new PortfolioError('INVALID_SCALE', `criterion "${c.name}": unknown scale kind`);
    }
  }
  const f = model.formula;
  if (f.kind === 'weighted-sum') {
    let sum = 0;
    for (const c of model.criteria) {
      if (!Number.isFinite(c.weight) || c.weight < 0) throw new PortfolioError('INVALID_WEIGHTS', `criterion "${c.name}": weight must be a number >= 0`);
      sum += c.weight;
    }
    if (Math.abs(sum - model.weightTotal) > WEIGHT_TOLERANCE * model.weightTotal) {
      throw new PortfolioError('INVALID_WEIGHTS', `weights sum to ${sum}, the model requires ${model.weightTotal}`);
    }
  } else {
    const roles = f.kind === 'wsjf' ? [f.businessValue, f.timeCriticality, f.riskReduction, f.jobSize] : [f.reach, f.impact, f.confidence, f.effort];
    for (const r of roles) if (!ids.has(r)) throw new PortfolioError('INVALID_MODEL', `${f.kind.toUpperCase()} formula refers to unknown criterion "${r}"`);
  }
}

/** Numeric value of an answer on a criterion's scale; throws INVALID_SCORE when out of scale. */
export function resolveAnswer(c: Criterion, answer: number | string | undefined): number {
  if (answer === undefined) throw new PortfolioError('INVALID_SCORE', `criterion "${c.name}" has no answer`);
  const s = c.scale;
  if (s.kind === 'levels') {
    const level = s.levels.find((l) => l.label === answer || l.value === answer);
    if (!level) throw new PortfolioError('INVALID_SCORE', `criterion "${c.name}": "${String(answer)}" is not one of its levels`);
    return level.value;
  }
  if (typeof answer !== 'number' || !Number.isFinite(answer) || answer < s.min || answer > s.max) {
    throw new PortfolioError('INVALID_SCORE', `criterion "${c.name}": ${String(answer)} is outside ${s.min}..${s.max}`);
  }
  return answer;
}

/** Position of a value on the criterion's scale, 0..1, inverted for lower-better criteria. */
export function normalizeAnswer(c: Criterion, value: number): number {
  const [lo, hi] = scaleBounds(c.scale);
  const x = (value - lo) / (hi - lo);
  return c.direction === 'lower-better' ? 1 - x : x;
}

/**
 * Scores one sheet. Weighted sum: 100 x sum(weight x normalised) / weightTotal (0..100).
 * WSJF and RICE use the raw scale values in their formulas (a zero job size or effort is an error).
 */
export function computeScore(model: ScoringModel, sheet: ScoreSheet): ScoreResult {
  validateScoringModel(model);
  const byId = new Map(model.criteria.map((c) => [c.id, c]));
  const criteria = model.criteria.map((c) => {
    const raw = resolveAnswer(c, sheet[c.id]);
    const normalized = normalizeAnswer(c, raw);
    return { criterionId: c.id, raw, normalized, contribution: model.formula.kind === 'weighted-sum' ? (100 * c.weight * normalized) / model.weightTotal : 0 };
  });
  const raw = (id: string): number => criteria.find((x) => x.criterionId === id)!.raw;
  const f = model.formula;
  let total: number;
  if (f.kind === 'weighted-sum') total = criteria.reduce((s, x) => s + x.contribution, 0);
  else if (f.kind === 'wsjf') {
    const size = raw(f.jobSize);
    if (!(size > 0)) throw new PortfolioError('INVALID_SCORE', `WSJF job size ("${byId.get(f.jobSize)!.name}") must be > 0`);
    total = (raw(f.businessValue) + raw(f.timeCriticality) + raw(f.riskReduction)) / size;
  } else {
    const effort = raw(f.effort);
    if (!(effort > 0)) throw new PortfolioError('INVALID_SCORE', `RICE effort ("${byId.get(f.effort)!.name}") must be > 0`);
    total = (raw(f.reach) * raw(f.impact) * raw(f.confidence)) / effort;
  }
  return { total, criteria };
}

/**
 * Scores a stored sheet under the model as it is now: weights, scales and formula may have changed since the sheet
 * was saved (AHP, an edited criterion), so totals are never read back from storage. Answers to criteria the model
 * no longer has are ignored. Returns null when the sheet no longer fits the model (a criterion added since, an
 * answer off the new scale, a zero WSJF job size): the scorer has to score again. The model must be valid.
 */
export function rescoreSheet(model: ScoringModel, sheet: ScoreSheet): ScoreResult | null {
  try {
    return computeScore(model, sheet);
  } catch (e) {
    if (e instanceof PortfolioError && e.code === 'INVALID_SCORE') return null;
    throw e;
  }
}
