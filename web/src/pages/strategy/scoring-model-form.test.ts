import { describe, expect, it } from 'vitest';
import { criterionIdFrom, draftFromModel, modelBody, parseLevels, templateDraft, weightSum, type ModelDraft } from './scoring-model-form';
import type { ScoringModel } from './strategy-api';

describe('parseLevels', () => {
  it.each<[string, { label: string; value: number }[], RegExp | null]>([
    ['low = 1, medium = 2, high = 3', [{ label: 'low', value: 1 }, { label: 'medium', value: 2 }, { label: 'high', value: 3 }], null],
    ['none: 0; strong: 2.5', [{ label: 'none', value: 0 }, { label: 'strong', value: 2.5 }], null],
    ['very low = -1', [{ label: 'very low', value: -1 }], null],
    ['', [], null],
    ['low, high = 3', [], /"low" is not "label = number"/],
  ])('%j', (text, levels, error) => {
    const r = parseLevels(text);
    expect(r.levels).toEqual(levels);
    if (error) expect(r.error).toMatch(error);
    else expect(r.error).toBeNull();
  });
});

describe('criterionIdFrom', () => {
  it.each<[string, string[], string]>([
    ['Time criticality', [], 'time-criticality'],
    ['Time criticality', ['time-criticality'], 'time-criticality-2'],
    ['Ürgency!', [], 'urgency'],
    ['***', [], 'criterion'],
  ])('%s (taken %j) -> %s', (name, taken, id) => expect(criterionIdFrom(name, new Set(taken))).toBe(id));
});

describe('modelBody', () => {
  it('turns the weighted-sum template into a valid body whose weights sum to 100', () => {
    const d = templateDraft('weighted-sum');
    expect(weightSum(d)).toBe(100);
    const { body, error } = modelBody(d);
    expect(error).toBeNull();
    expect(body!.criteria.map((c) => [c.id, c.weight])).toEqual([['value', 30], ['fit', 25], ['risk', 20], ['urgency', 15], ['compliance', 10]]);
    expect(body!.criteria[2]).toMatchObject({ direction: 'lower-better', scale: { kind: 'levels', levels: [{ label: 'low', value: 1 }, { label: 'medium', value: 2 }, { label: 'high', value: 3 }] } });
  });

  it('maps the WSJF and RICE parts to criterion ids, new rows getting ids from their names', () => {
    const w = modelBody(templateDraft('wsjf')).body!;
    expect(w.formula).toEqual({ kind: 'wsjf', businessValue: 'business-value', timeCriticality: 'time-criticality', riskReduction: 'risk-reduction', jobSize: 'job-size' });
    expect(w.criteria.every((c) => c.weight === 0)).toBe(true);
    const r = templateDraft('rice');
    const renamed: ModelDraft = { ...r, criteria: r.criteria.map((c) => (c.id === 'effort' ? { ...c, id: '', name: 'Person months' } : c)) };
    const body = modelBody(renamed).body!;
    expect(body.formula).toMatchObject({ kind: 'rice', effort: 'person-months' });
    expect(body.criteria.map((c) => c.id)).toContain('person-months');
    expect(modelBody({ ...r, parts: { ...r.parts, impact: '' } }).error).toMatch(/choose the criterion for impact/);
  });

  it.each<[string, (d: ModelDraft) => ModelDraft, RegExp]>([
    ['a nameless criterion', (d) => ({ ...d, criteria: [{ ...d.criteria[0]!, name: ' ' }] }), /Criterion 1 needs a name/],
    ['a weight that is not a number', (d) => ({ ...d, criteria: [{ ...d.criteria[0]!, weight: 'lots' }] }), /Business value: the weight must be a number/],
    ['a range without numbers', (d) => ({ ...d, criteria: [{ ...d.criteria[0]!, max: '' }] }), /needs numbers from and to/],
    ['levels that do not parse', (d) => ({ ...d, criteria: [{ ...d.criteria[1]!, levels: 'good, bad' }] }), /Strategic fit: "good" is not/],
  ])('refuses %s', (_n, f, msg) => expect(modelBody(f(templateDraft('weighted-sum'))).error).toMatch(msg));

  it('leaves weights that do not sum to the server (which names the sum)', () => {
    const d = templateDraft('weighted-sum');
    const { body, error } = modelBody({ ...d, criteria: d.criteria.slice(1) });
    expect(error).toBeNull();
    expect(body!.criteria.reduce((s, c) => s + c.weight, 0)).toBe(70);
  });

  it('round-trips a stored model through the draft', () => {
    const m = { id: 'x', name: 'Stored', weightTotal: 1, formula: { kind: 'weighted-sum' }, ahp: null, createdAt: '', updatedAt: '', version: 3, criteria: [
      { id: 'v', name: 'Value', weight: 0.6, scale: { kind: 'range', min: 1, max: 5 } },
      { id: 'r', name: 'Risk', weight: 0.4, direction: 'lower-better', scale: { kind: 'levels', levels: [{ label: 'low', value: 1 }, { label: 'high', value: 3 }] }, objectiveId: 'o1' },
    ] } as ScoringModel;
    const { body } = modelBody(draftFromModel(m));
    expect(body).toEqual({ name: 'Stored', weightTotal: 1, formula: { kind: 'weighted-sum' }, criteria: m.criteria });
  });
});
