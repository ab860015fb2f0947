import { describe, expect, it } from 'vitest';
import { computeScore, rescoreSheet, validateScoringModel, type ScoringModel } from './scoring-model.js';
import { computeAhpWeights, buildPairwiseMatrix, mostInconsistentJudgement } from './ahp.js';
import { computeConsensus } from './consensus.js';
import { PortfolioError } from '../portfolio-errors.js';

const levels = [
  { label: 'low', value: 1 },
  { label: 'medium', value: 3 },
  { label: 'high', value: 5 },
];
const model: ScoringModel = {
  id: 'm1',
  name: 'Standard',
  weightTotal: 100,
  formula: { kind: 'weighted-sum' },
  criteria: [
    { id: 'value', name: 'Value', weight: 50, scale: { kind: 'range', min: 0, max: 10 } },
    { id: 'fit', name: 'Strategic fit', weight: 30, scale: { kind: 'levels', levels } },
    { id: 'risk', name: 'Risk', weight: 20, scale: { kind: 'levels', levels }, direction: 'lower-better' },
  ],
};

describe('weighted-sum scoring', () => {
  it.each([
    { sheet: { value: 10, fit: 'high', risk: 'low' }, total: 100 },
    { sheet: { value: 0, fit: 'low', risk: 'high' }, total: 0 },
    { sheet: { value: 5, fit: 'medium', risk: 'medium' }, total: 50 },
    { sheet: { value: 8, fit: 5, risk: 'high' }, total: 40 + 30 + 0 },
  ])('scores $sheet as $total', ({ sheet, total }) => {
    expect(computeScore(model, sheet).total).toBeCloseTo(total, 9);
  });

  it('accepts weights summing to 1 when the model says so', () => {
    const m: ScoringModel = { ...model, weightTotal: 1, criteria: model.criteria.map((c) => ({ ...c, weight: c.weight / 100 })) };
    expect(computeScore(m, { value: 5, fit: 'medium', risk: 'medium' }).total).toBeCloseTo(50, 9);
  });

  it.each([
    { m: { ...model, criteria: model.criteria.map((c, i) => ({ ...c, weight: i === 0 ? 40 : c.weight })) }, code: 'INVALID_WEIGHTS', msg: /sum to 90, the model requires 100/ },
    { m: { ...model, weightTotal: 1 as const }, code: 'INVALID_WEIGHTS', msg: /requires 1/ },
    { m: { ...model, criteria: [{ ...model.criteria[1]!, weight: 100, scale: { kind: 'levels' as const, levels: [] } }] }, code: 'INVALID_SCALE', msg: /at least two levels/ },
    { m: { ...model, criteria: [{ ...model.criteria[0]!, weight: 100, scale: { kind: 'range' as const, min: 5, max: 5 } }] }, code: 'INVALID_SCALE', msg: /min < max/ },
    { m: { ...model, criteria: [] }, code: 'INVALID_MODEL', msg: /no criteria/ },
  ])('rejects $code: $msg', ({ m, code, msg }) => {
    expect(() => validateScoringModel(m as ScoringModel)).toThrow(msg);
    expect(() => validateScoringModel(m as ScoringModel)).toThrow(expect.objectContaining({ code }));
  });

  it.each([
    { sheet: { value: 11, fit: 'high', risk: 'low' }, msg: /outside 0..10/ },
    { sheet: { value: 1, fit: 'huge', risk: 'low' }, msg: /not one of its levels/ },
    { sheet: { value: 1, fit: 'high' }, msg: /no answer/ },
  ])('rejects bad answers: $msg', ({ sheet, msg }) => {
    expect(() => computeScore(model, sheet as Record<string, number | string>)).toThrow(msg);
  });
});

describe('rescoreSheet (a stored sheet under the model as it is now)', () => {
  const reweighted: ScoringModel = { ...model, criteria: model.criteria.map((c) => ({ ...c, weight: c.id === 'value' ? 80 : 10 })) };
  const added: ScoringModel = { ...model, criteria: [...model.criteria.map((c) => ({ ...c, weight: c.weight / 2 })), { id: 'urgency', name: 'Urgency', weight: 50, scale: { kind: 'range', min: 0, max: 1 } }] };
  const narrowed: ScoringModel = { ...model, criteria: model.criteria.map((c) => (c.id === 'value' ? { ...c, scale: { kind: 'range' as const, min: 0, max: 5 } } : c)) };
  const removed: ScoringModel = { ...model, criteria: [{ ...model.criteria[0]!, weight: 100 }] };
  it.each([
    { name: 'same model', m: model, sheet: { value: 5, fit: 'medium', risk: 'medium' }, total: 50 },
    { name: 'new weights', m: reweighted, sheet: { value: 10, fit: 'low', risk: 'high' }, total: 80 },
    { name: 'a criterion removed (its answer ignored)', m: removed, sheet: { value: 3, fit: 'high', risk: 'low' }, total: 30 },
    { name: 'a criterion added since', m: added, sheet: { value: 10, fit: 'high', risk: 'low' }, total: null },
    { name: 'an answer off the new scale', m: narrowed, sheet: { value: 8, fit: 'high', risk: 'low' }, total: null },
  ])('$name -> $total', ({ m, sheet, total }) => {
    const r = rescoreSheet(m, sheet);
    if (total === null) expect(r).toBeNull();
    else expect(r!.total).toBeCloseTo(total, 9);
  });
  it('still throws on an invalid model', () => {
    expect(() => rescoreSheet({ ...model, criteria: [] }, {})).toThrow(expect.objectContaining({ code: 'INVALID_MODEL' }));
  });
});

describe('WSJF and RICE templates', () => {
  const r = (id: string) => ({ id, name: id, weight: 0, scale: { kind: 'range' as const, min: 0, max: 1000 } });
  it('WSJF = (value + time criticality + risk reduction) / job size', () => {
    const m: ScoringModel = { id: 'w', name: 'WSJF', weightTotal: 1, formula: { kind: 'wsjf', businessValue: 'bv', timeCriticality: 'tc', riskReduction: 'rr', jobSize: 'js' }, criteria: ['bv', 'tc', 'rr', 'js'].map(r) };
    expect(computeScore(m, { bv: 8, tc: 5, rr: 3, js: 4 }).total).toBe(4);
    expect(() => computeScore(m, { bv: 8, tc: 5, rr: 3, js: 0 })).toThrow(/job size/);
  });
  it('RICE = reach x impact x confidence / effort', () => {
    const m: ScoringModel = { id: 'r', name: 'RICE', weightTotal: 1, formula: { kind: 'rice', reach: 'r', impact: 'i', confidence: 'c', effort: 'e' }, criteria: ['r', 'i', 'c', 'e'].map(r) };
    expect(computeScore(m, { r: 500, i: 2, c: 0.8, e: 4 }).total).toBe(200);
    expect(() => validateScoringModel({ ...m, formula: { kind: 'rice', reach: 'x', impact: 'i', confidence: 'c', effort: 'e' } })).toThrow(/unknown criterion "x"/);
  });
});

describe('AHP', () => {
  it('gives the principal eigenvector and CR of the classic 3x3 example', () => {
    const r = computeAhpWeights([
      [1, 3, 5],
      [1 / 3, 1, 3],
      [1 / 5, 1 / 3, 1],
    ]);
    expect(r.weights[0]).toBeCloseTo(0.637, 3);
    expect(r.weights[1]).toBeCloseTo(0.258, 3);
    expect(r.weights[2]).toBeCloseTo(0.105, 3);
    expect(r.lambdaMax).toBeCloseTo(3.0385, 3);
    expect(r.consistencyRatio).toBeCloseTo(0.033, 3);
    expect(r.consistent).toBe(true);
  });
  it('recovers exact weights with CR 0 from a consistent matrix', () => {
    const w = [0.5, 0.3, 0.15, 0.05];
    const r = computeAhpWeights(w.map((a) => w.map((b) => a / b)));
    r.weights.forEach((x, i) => expect(x).toBeCloseTo(w[i]!, 10));
    expect(r.consistencyRatio).toBeCloseTo(0, 10);
  });
  it('flags an inconsistent (cyclic) judgement set', () => {
    const r = computeAhpWeights(buildPairwiseMatrix(['a', 'b', 'c'], [
      { a: 'a', b: 'b', value: 9 },
      { a: 'b', b: 'c', value: 9 },
      { a: 'c', b: 'a', value: 9 },
    ]));
    expect(r.consistent).toBe(false);
    expect(r.consistencyRatio).toBeGreaterThan(1);
  });
  it.each([
    { m: [[1, 2], [2, 1]], msg: /reciprocal/ },
    { m: [[2]], msg: /diagonal/ },
    { m: [[1, 0], [0, 1]], msg: /positive/ },
    { m: [], msg: /1\.\.15 criteria/ },
  ])('rejects bad matrices: $msg', ({ m, msg }) => {
    expect(() => computeAhpWeights(m)).toThrow(msg);
  });
  it('reports a missing judgement', () => {
    expect(() => buildPairwiseMatrix(['a', 'b', 'c'], [{ a: 'a', b: 'b', value: 2 }])).toThrow(PortfolioError);
  });
});

describe('consensus', () => {
  it('averages scorers and flags criteria with a wide spread', () => {
    const c = computeConsensus(model, [
      { value: 10, fit: 'high', risk: 'low' },
      { value: 0, fit: 'high', risk: 'low' },
    ]);
    expect(c.scorers).toBe(2);
    expect(c.meanTotal).toBeCloseTo(75, 9);
    expect(c.stdDevTotal).toBeCloseTo(25, 9);
    const value = c.criteria.find((x) => x.criterionId === 'value')!;
    expect(value).toMatchObject({ mean: 5, min: 0, max: 10, spread: 1, disagreement: true });
    expect(c.criteria.find((x) => x.criterionId === 'fit')!.disagreement).toBe(false);
    expect(c.disagreement).toBe(true);
  });
  it('agrees when everyone gives the same answers', () => {
    const s = { value: 7, fit: 'medium', risk: 'medium' };
    expect(computeConsensus(model, [s, s, s]).disagreement).toBe(false);
    expect(() => computeConsensus(model, [])).toThrow(/at least one/);
  });
});

describe('mostInconsistentJudgement', () => {
  it('points at the judgement that contradicts the others and suggests a Saaty value', () => {
    // Weights 8 : 4 : 2 : 1 judged consistently, except "a vs d", typed the wrong way round (1/8 instead of 8).
    const w = [8, 4, 2, 1];
    const m = w.map((x, i) => w.map((y, j) => (i === 0 && j === 3 ? 1 / 8 : i === 3 && j === 0 ? 8 : x / y)));
    const r = computeAhpWeights(m);
    expect(r.consistent).toBe(false);
    const worst = mostInconsistentJudgement(m, r.weights)!;
    expect([worst.i, worst.j]).toEqual([0, 3]);
    expect(worst.value).toBeCloseTo(1 / 8, 12);
    // The other judgements say a = 2b = 4c = 8d, so 8 is what a vs d should be.
    expect(worst.suggested).toBe(8);
  });
  it('is null below three criteria', () => {
    expect(mostInconsistentJudgement([[1, 3], [1 / 3, 1]], [0.75, 0.25])).toBeNull();
  });
});
