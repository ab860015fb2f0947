import { describe, expect, it } from 'vitest';
import { RiskValidationError } from './risk-error.js';
import { isStrategyAllowed, RESPONSE_STRATEGIES } from './risk-response.js';
import { defaultRiskMatrix } from './risk-scale.js';
import { expectedMonetaryValueCents, ratingForScore, scoreAssessment, scoreRisk } from './risk-score.js';
import { validateRiskEntry } from './risk-validate.js';
import type { RiskEntry } from './risk-types.js';
import { buildRisk } from './test-risks.js';

const m = defaultRiskMatrix();

/** Error code thrown by fn, or null. */
function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(RiskValidationError);
    return (err as RiskValidationError).code;
  }
}

describe('scoring', () => {
  it.each([
    [1, 1, 'low'],
    [2, 2, 'low'],
    [1, 5, 'medium'],
    [3, 3, 'medium'],
    [2, 5, 'high'],
    [4, 4, 'high'],
    [3, 5, 'high'],
    [5, 4, 'critical'],
    [5, 5, 'critical'],
  ])('probability %s x impact %s -> %s', (p, i, rating) => {
    const s = scoreAssessment(m, { probabilityLevel: p, impacts: { quality: i } });
    expect(s.score).toBe(p * i);
    expect(s.rating).toBe(rating);
  });

  it('uses the highest impact over dimensions', () => {
    expect(scoreAssessment(m, { probabilityLevel: 2, impacts: { schedule: 1, cost: 4, reputation: 3 } })).toEqual({ probabilityLevel: 2, impactLevel: 4, score: 8, rating: 'medium' });
  });

  it.each([[1, 'low'], [4, 'low'], [5, 'medium'], [16, 'high'], [17, 'critical']])('rating of score %s is %s', (score, rating) => {
    expect(ratingForScore(m, score)).toBe(rating);
  });

  it('inherent and residual scores; residual falls back to inherent', () => {
    const r = buildRisk({ residual: { probabilityLevel: 1, impacts: { schedule: 2 } }, costImpactCents: 1_000_000 });
    const s = scoreRisk(m, r);
    expect(s.inherent.score).toBe(12);
    expect(s.residual.score).toBe(2);
    expect(s.emvCents).toBe(50_000); // residual level 1 -> 0.05
    const noResidual = scoreRisk(m, buildRisk({ costImpactCents: 1_000_000 }));
    expect(noResidual.residual).toEqual(noResidual.inherent);
    expect(noResidual.emvCents).toBe(400_000);
  });

  it.each([
    [{ probabilityLevel: 3, impacts: { cost: 1 } }, 250_000, 100_000],
    [{ probabilityLevel: 3, probability: 0.25, impacts: { cost: 1 } }, 250_000, 62_500],
    [{ probabilityLevel: 3, probability: 0, impacts: { cost: 1 } }, 250_000, 0],
    [{ probabilityLevel: 5, probability: 1, impacts: { cost: 1 } }, 333, 333],
    [{ probabilityLevel: 2, impacts: { cost: 1 } }, null, 0],
  ])('EMV of %j with impact %s cents = %s', (a, cents, emv) => expect(expectedMonetaryValueCents(m, a, cents)).toBe(emv));

  it.each([
    [{ probabilityLevel: 0, impacts: { cost: 1 } }, 'RISK_LEVEL_OUT_OF_SCALE'],
    [{ probabilityLevel: 6, impacts: { cost: 1 } }, 'RISK_LEVEL_OUT_OF_SCALE'],
    [{ probabilityLevel: 2, impacts: { cost: 6 } }, 'RISK_LEVEL_OUT_OF_SCALE'],
    [{ probabilityLevel: 2, impacts: {} }, 'RISK_IMPACT_MISSING'],
    [{ probabilityLevel: 2, probability: 1.01, impacts: { cost: 1 } }, 'RISK_PROBABILITY_OUT_OF_RANGE'],
    [{ probabilityLevel: 2, probability: -0.5, impacts: { cost: 1 } }, 'RISK_PROBABILITY_OUT_OF_RANGE'],
    [{ probabilityLevel: 2, impacts: { safety: 1 } }, 'RISK_INVALID_FIELD'],
  ])('rejects assessment %j', (a, code) => expect(codeOf(() => scoreAssessment(m, a as never))).toBe(code));

  it('rejects fractional or negative cost impacts', () => {
    expect(codeOf(() => expectedMonetaryValueCents(m, { probabilityLevel: 1, impacts: { cost: 1 } }, 10.5))).toBe('RISK_INVALID_AMOUNT');
    expect(codeOf(() => expectedMonetaryValueCents(m, { probabilityLevel: 1, impacts: { cost: 1 } }, -1))).toBe('RISK_INVALID_AMOUNT');
  });
});

describe('response strategies', () => {
  it.each([
    ['threat', 'avoid', true],
    ['threat', 'mitigate', true],
    ['threat', 'transfer', true],
    ['threat', 'accept', true],
    ['threat', 'escalate', true],
    ['threat', 'exploit', false],
    ['threat', 'enhance', false],
    ['threat', 'share', false],
    ['opportunity', 'exploit', true],
    ['opportunity', 'enhance', true],
    ['opportunity', 'share', true],
    ['opportunity', 'accept', true],
    ['opportunity', 'escalate', true],
    ['opportunity', 'avoid', false],
    ['opportunity', 'mitigate', false],
    ['opportunity', 'transfer', false],
  ] as const)('%s / %s -> %s', (kind, s, ok) => expect(isStrategyAllowed(kind, s)).toBe(ok));
  it('lists five strategies per kind', () => {
    expect(RESPONSE_STRATEGIES.threat).toHaveLength(5);
    expect(RESPONSE_STRATEGIES.opportunity).toHaveLength(5);
  });
});

describe('validateRiskEntry', () => {
  it('accepts a complete risk', () => {
    expect(codeOf(() => validateRiskEntry(m, buildRisk({ responseStrategy: 'mitigate', reviewDate: '2026-12-01', triggers: ['PO not signed'], costImpactCents: 5000 })))).toBeNull();
  });
  it('accepts an enterprise risk without scope ids', () => {
    expect(codeOf(() => validateRiskEntry(m, buildRisk({ level: 'enterprise', projectId: null, programId: null, portfolioId: null })))).toBeNull();
  });
  const bad: Array<[string, Partial<RiskEntry>, string]> = [
    ['empty title', { title: '' }, 'RISK_INVALID_FIELD'],
    ['project risk without project', { projectId: null }, 'RISK_INVALID_FIELD'],
    ['program risk without program', { level: 'program', programId: undefined }, 'RISK_INVALID_FIELD'],
    ['unknown level', { level: 'team' as never }, 'RISK_INVALID_FIELD'],
    ['unknown status', { status: 'draft' as never }, 'RISK_INVALID_FIELD'],
    ['compliance without reference', { category: 'compliance' }, 'RISK_INVALID_FIELD'],
    ['threat with exploit', { responseStrategy: 'exploit' }, 'RISK_STRATEGY_NOT_ALLOWED'],
    ['opportunity with avoid', { kind: 'opportunity', responseStrategy: 'avoid' }, 'RISK_STRATEGY_NOT_ALLOWED'],
    ['bad residual', { residual: { probabilityLevel: 9, impacts: { cost: 1 } } }, 'RISK_LEVEL_OUT_OF_SCALE'],
    ['bad review date', { reviewDate: '2026-02-30' }, 'RISK_INVALID_DATE'],
    ['fractional cents', { costImpactCents: 1.5 }, 'RISK_INVALID_AMOUNT'],
    ['escalated to itself', { escalatedToRiskId: 'R1' }, 'RISK_ESCALATION_CYCLE'],
  ];
  it.each(bad)('rejects %s', (_name, o, code) => expect(codeOf(() => validateRiskEntry(m, buildRisk(o)))).toBe(code));
  it('accepts a compliance risk naming its regulation', () => {
    expect(codeOf(() => validateRiskEntry(m, buildRisk({ category: 'compliance', complianceReference: 'GDPR art. 35' })))).toBeNull();
  });
});
