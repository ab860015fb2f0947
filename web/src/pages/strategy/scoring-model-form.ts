/**
 * The scoring model editor's draft (what the user types) and its translation to the API body (pure, unit-tested).
 * Weights that do not sum and level scales with fewer than two levels are left to the server, which answers 422
 * with the exact problem; the editor only refuses what it cannot turn into numbers.
 */
import type { ScoringModel } from './strategy-api';

export type FormulaKind = 'weighted-sum' | 'wsjf' | 'rice';

/** One criterion as typed. `id` is kept for existing criteria (score sheets refer to it) and derived for new ones. */
export interface CriterionDraft {
  /** Row identity in the editor (the formula parts point at it); the id for stored criteria. */
  key: string;
  id: string;
  name: string;
  weight: string;
  direction: 'higher-better' | 'lower-better';
  scaleKind: 'range' | 'levels';
  min: string;
  max: string;
  /** "low = 1, medium = 2, high = 3" */
  levels: string;
  objectiveId: string;
}

export interface ModelDraft {
  name: string;
  formula: FormulaKind;
  weightTotal: 1 | 100;
  /** WSJF / RICE: formula part -> criterion row key. */
  parts: Record<string, string>;
  criteria: CriterionDraft[];
}

/** The formula parts of each template, in the order of the formula, with their labels. */
export const FORMULA_PARTS: Record<'wsjf' | 'rice', [string, string][]> = {
  wsjf: [['businessValue', 'Business value'], ['timeCriticality', 'Time criticality'], ['riskReduction', 'Risk reduction / opportunity'], ['jobSize', 'Job size']],
  rice: [['reach', 'Reach'], ['impact', 'Impact'], ['confidence', 'Confidence'], ['effort', 'Effort']],
};

export const FORMULA_LABEL: Record<FormulaKind, string> = { 'weighted-sum': 'Weighted sum', wsjf: 'WSJF', rice: 'RICE' };

let rows = 0;
const blank = (over: Partial<CriterionDraft>): CriterionDraft => ({ key: over.id || `new-${++rows}`, id: '', name: '', weight: '0', direction: 'higher-better', scaleKind: 'range', min: '0', max: '10', levels: '', objectiveId: '', ...over });

/** Starting points: the usual PMO criteria for a weighted sum, and the WSJF and RICE templates. */
export function templateDraft(kind: FormulaKind): ModelDraft {
  if (kind === 'wsjf') {
    const fib = '1 = 1, 2 = 2, 3 = 3, 5 = 5, 8 = 8, 13 = 13, 20 = 20';
    const criteria = FORMULA_PARTS.wsjf.map(([id, name]) => blank({ id: id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), name, scaleKind: 'levels', levels: fib }));
    return { name: 'WSJF', formula: 'wsjf', weightTotal: 100, parts: Object.fromEntries(FORMULA_PARTS.wsjf.map(([p], i) => [p, criteria[i]!.key])), criteria };
  }
  if (kind === 'rice') {
    const criteria = [
      blank({ id: 'reach', name: 'Reach (people per quarter)', min: '0', max: '100000' }),
      blank({ id: 'impact', name: 'Impact', scaleKind: 'levels', levels: 'minimal = 0.25, low = 0.5, medium = 1, high = 2, massive = 3' }),
      blank({ id: 'confidence', name: 'Confidence', scaleKind: 'levels', levels: 'low = 0.5, medium = 0.8, high = 1' }),
      blank({ id: 'effort', name: 'Effort (person-months)', min: '0', max: '120' }),
    ];
    return { name: 'RICE', formula: 'rice', weightTotal: 100, parts: { reach: 'reach', impact: 'impact', confidence: 'confidence', effort: 'effort' }, criteria };
  }
  return {
    name: 'Strategic value',
    formula: 'weighted-sum',
    weightTotal: 100,
    parts: {},
    criteria: [
      blank({ id: 'value', name: 'Business value', weight: '30' }),
      blank({ id: 'fit', name: 'Strategic fit', weight: '25', scaleKind: 'levels', levels: 'none = 0, some = 1, strong = 2' }),
      blank({ id: 'risk', name: 'Delivery risk', weight: '20', direction: 'lower-better', scaleKind: 'levels', levels: 'low = 1, medium = 2, high = 3' }),
      blank({ id: 'urgency', name: 'Urgency', weight: '15' }),
      blank({ id: 'compliance', name: 'Compliance or mandatory', weight: '10', scaleKind: 'levels', levels: 'no = 0, yes = 1' }),
    ],
  };
}

/** The draft of a stored model (for editing). */
export function draftFromModel(m: ScoringModel): ModelDraft {
  const f = m.formula;
  const parts: Record<string, string> = f.kind === 'weighted-sum' ? {} : Object.fromEntries(Object.entries(f).filter(([k]) => k !== 'kind')) as Record<string, string>;
  return {
    name: m.name,
    formula: f.kind,
    weightTotal: m.weightTotal === 1 ? 1 : 100,
    parts,
    criteria: m.criteria.map((c) =>
      blank({
        id: c.id,
        name: c.name,
        weight: String(Number(c.weight.toFixed(6))),
        direction: c.direction ?? 'higher-better',
        scaleKind: c.scale.kind,
        ...(c.scale.kind === 'range' ? { min: String(c.scale.min), max: String(c.scale.max) } : { levels: c.scale.levels.map((l) => `${l.label} = ${l.value}`).join(', ') }),
        objectiveId: c.objectiveId ?? '',
      }),
    ),
  };
}

/** A new empty criterion row. */
export const newCriterion = (): CriterionDraft => blank({});

/** "low = 1, medium = 2" -> levels; an error names the first entry that is not "label = number". Empty text: no levels. */
export function parseLevels(text: string): { levels: { label: string; value: number }[]; error: string | null } {
  const levels: { label: string; value: number }[] = [];
  for (const part of text.split(/[,;\n]/).map((p) => p.trim()).filter(Boolean)) {
    const m = /^(.+?)\s*[=:]\s*(-?\d+(?:\.\d+)?)$/.exec(part);
    if (!m) return { levels: [], error: `"${part}" is not "label = number"` };
    levels.push({ label: m[1]!.trim(), value: Number(m[2]) });
  }
  return { levels, error: null };
}

/** A criterion id from its name, unique among `taken`: "Time criticality" -> "time-criticality". */
export function criterionIdFrom(name: string, taken: Set<string>): string {
  const base = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 56) || 'criterion';
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
  return id;
}

/** Sum of the typed weights (NaN when one is not a number). */
export const weightSum = (d: ModelDraft): number => d.criteria.reduce((s, c) => s + Number(c.weight), 0);

type Body = Omit<ScoringModel, 'id' | 'ahp' | 'createdAt' | 'updatedAt' | 'version' | 'weightTotal'> & { weightTotal: 1 | 100 };

/** The API body of a draft, or the first thing the editor cannot translate. */
export function modelBody(d: ModelDraft): { body: Body | null; error: string | null } {
  const taken = new Set(d.criteria.map((c) => c.id).filter(Boolean));
  const criteria: Body['criteria'] = [];
  for (const [i, c] of d.criteria.entries()) {
    const label = c.name.trim() || `criterion ${i + 1}`;
    if (!c.name.trim()) return { body: null, error: `Criterion ${i + 1} needs a name` };
    const id = c.id || criterionIdFrom(c.name, taken);
    taken.add(id);
    const weight = d.formula === 'weighted-sum' ? Number(c.weight) : 0;
    if (c.weight.trim() === '' || !Number.isFinite(weight) || weight < 0) return { body: null, error: `${label}: the weight must be a number of at least 0` };
    let scale: Body['criteria'][number]['scale'];
    if (c.scaleKind === 'range') {
      const min = Number(c.min);
      const max = Number(c.max);
      if (c.min.trim() === '' || c.max.trim() === '' || !Number.isFinite(min) || !Number.isFinite(max)) return { body: null, error: `${label}: the range needs numbers from and to` };
      scale = { kind: 'range', min, max };
    } else {
      const p = parseLevels(c.levels);
      if (p.error) return { body: null, error: `${label}: ${p.error}` };
      scale = { kind: 'levels', levels: p.levels };
    }
    criteria.push({ id, name: c.name.trim(), weight, scale, ...(c.direction === 'lower-better' ? { direction: 'lower-better' as const } : {}), ...(c.objectiveId ? { objectiveId: c.objectiveId } : {}) });
  }
  let formula: Body['formula'];
  if (d.formula === 'weighted-sum') formula = { kind: 'weighted-sum' };
  else {
    const resolve = (part: string) => criteria[d.criteria.findIndex((c) => c.key === d.parts[part])]?.id ?? '';
    const missing = FORMULA_PARTS[d.formula].find(([p]) => !resolve(p));
    if (missing) return { body: null, error: `${FORMULA_LABEL[d.formula]}: choose the criterion for ${missing[1].toLowerCase()}` };
    formula = d.formula === 'wsjf'
      ? { kind: 'wsjf', businessValue: resolve('businessValue'), timeCriticality: resolve('timeCriticality'), riskReduction: resolve('riskReduction'), jobSize: resolve('jobSize') }
      : { kind: 'rice', reach: resolve('reach'), impact: resolve('impact'), confidence: resolve('confidence'), effort: resolve('effort') };
  }
  return { body: { name: d.name.trim(), weightTotal: d.weightTotal, formula, criteria }, error: null };
}
