import { describe, expect, it } from 'vitest';
import { assessmentBody, draftOf, newDraft, previewScore, sameAssessment } from './risk-assessment';
import { buildRiskBody } from './risk-form';
import { heatMapTotal } from './risk-heatmap';

const base = { title: ' Vendor late ', category: 'supply', kind: 'threat' as const, compliance: '', inherent: newDraft(4, { schedule: 3, cost: 2 }), residual: newDraft(2, { schedule: 1, cost: 1 }), cost: '', strategy: 'mitigate', review: '' };
const FIVE = { probabilityLevels: 5, impactLevels: 5 };
const BANDS = [{ rating: 'low', minScore: 1 }, { rating: 'medium', minScore: 5 }, { rating: 'high', minScore: 10 }, { rating: 'critical', minScore: 17 }];

describe('risk form body', () => {
  it('trims text, maps levels to the assessment, leaves unassessed dimensions out and blanks null', () => {
    expect(buildRiskBody(base, FIVE)).toEqual({
      title: 'Vendor late', category: 'supply', kind: 'threat', complianceReference: null,
      inherent: { probabilityLevel: 4, impacts: { schedule: 3, cost: 2 } },
      residual: { probabilityLevel: 2, impacts: { schedule: 1, cost: 1 } },
      costImpactCents: null, responseStrategy: 'mitigate', reviewDate: null,
    });
  });
  it('sends every assessed dimension, capped to the configured scales', () => {
    const body = buildRiskBody({ ...base, inherent: newDraft(5, { schedule: 0, cost: 0, scope: 2, quality: 5, reputation: 4 }), residual: newDraft(1, { reputation: 1 }) }, { probabilityLevels: 4, impactLevels: 4 });
    expect(body.inherent).toEqual({ probabilityLevel: 4, impacts: { scope: 2, quality: 4, reputation: 4 } });
    expect(body.residual).toEqual({ probabilityLevel: 1, impacts: { reputation: 1 } });
  });
  it('turns a currency amount into whole cents and ignores a non-number', () => {
    expect(buildRiskBody({ ...base, cost: '1234.565' }, FIVE).costImpactCents).toBe(123457);
    expect(buildRiskBody({ ...base, cost: 'abc' }, FIVE).costImpactCents).toBeNull();
    expect(buildRiskBody({ ...base, strategy: '' }, FIVE).responseStrategy).toBeNull();
  });
});

describe('assessment on every dimension', () => {
  it.each([
    // probability, impacts, score, rating, worst
    [3, { schedule: 2, cost: 2 }, 6, 'medium', ['schedule', 'cost']],
    [4, { schedule: 1, reputation: 5 }, 20, 'critical', ['reputation']],
    [2, { quality: 4, scope: 4, cost: 1 }, 8, 'medium', ['scope', 'quality']],
    [1, { reputation: 1 }, 1, 'low', ['reputation']],
    [5, { scope: 2 }, 10, 'high', ['scope']],
  ] as const)('probability %i with %o scores %i (%s), set by the worst dimension', (p, impacts, score, rating, worst) => {
    expect(previewScore({ probabilityLevel: p, impacts }, BANDS)).toEqual({ impactLevel: score / p, score, rating, worst });
  });
  it('has no score without an assessed dimension (the API refuses it)', () => {
    expect(previewScore({ probabilityLevel: 3, impacts: {} }, BANDS)).toBeNull();
  });
  it('keeps a stored explicit probability while its level is unchanged, and compares assessments by what they say', () => {
    const stored = { probabilityLevel: 3, probability: 0.45, impacts: { reputation: 4 } };
    const d = draftOf(stored);
    expect(d.impacts).toEqual({ schedule: 0, cost: 0, scope: 0, quality: 0, reputation: 4 });
    expect(assessmentBody(d, FIVE)).toEqual(stored);
    expect(sameAssessment(assessmentBody(d, FIVE), stored)).toBe(true);
    const moved = assessmentBody({ ...d, probabilityLevel: 4 }, FIVE);
    expect(moved).toEqual({ probabilityLevel: 4, impacts: { reputation: 4 } });
    expect(sameAssessment(moved, stored)).toBe(false);
    expect(sameAssessment(assessmentBody({ ...d, impacts: { ...d.impacts, cost: 1 } }, FIVE), stored)).toBe(false);
  });
});

describe('heat map total', () => {
  it('sums cell counts', () => {
    expect(heatMapTotal({ cells: [{ count: 2 }, { count: 0 }, { count: 3 }] as never })).toBe(5);
  });
});

import { buildRaidBody } from './raid-page';
import { describeRule, factLabel } from './compliance-page';
import { parseTags } from './risk-library-page';
import { tornadoRows } from './risk-mc-charts';
import { renumber, ruleOfKind } from './risk-settings-page';

describe('RAID form body', () => {
  it('trims the title and turns blank links and dates into null', () => {
    const body = buildRaidBody({ type: 'decision', title: '  Use vendor B ', description: '', ownerId: '', dueDate: '', status: 'open', priority: 'high', riskId: '', taskId: 't1', resolution: '', resolvedOn: '' });
    expect(body).toEqual({ title: 'Use vendor B', description: '', ownerId: null, dueDate: null, status: 'open', priority: 'high', riskId: null, taskId: 't1', resolution: '', resolvedOn: null });
  });
});

describe('compliance wording', () => {
  it.each([
    [{ kind: 'attestation' as const }, 'Attested with a date'],
    [{ kind: 'evidence' as const, minEvidence: 2 }, 'At least 2 evidence links'],
    [{ kind: 'evidence' as const }, 'At least 1 evidence link'],
    [{ kind: 'recency' as const, maxAgeDays: 30, fact: 'riskRegister.lastReviewedOn' }, 'Within 30 days (latest risk register review)'],
    [{ kind: 'fact' as const, fact: 'gate.investment-decision.passedOn' }, 'passed the investment-decision gate'],
  ])('%j', (rule, text) => {
    expect(describeRule(rule)).toBe(text);
  });
  it('leaves unknown facts as they are', () => {
    expect(factLabel('something.else')).toBe('something.else');
  });
});

describe('library, tornado and settings helpers', () => {
  it('parses tags: trimmed, lower case, unique, no blanks', () => {
    expect(parseTags(' SAP, data ,,sap, Data ')).toEqual(['sap', 'data']);
  });
  it('orders the tornado by absolute sensitivity', () => {
    const rows = tornadoRows({ tornado: [{ taskId: 'a', taskName: 'A', sensitivity: 0.2, criticalityIndex: 0.1 }, { taskId: 'b', taskName: 'B', sensitivity: -0.7, criticalityIndex: 0.9 }, { taskId: 'c', taskName: 'C', sensitivity: 0.5, criticalityIndex: 0.5 }] });
    expect(rows.map((r) => r.name)).toEqual(['B', 'C', 'A']);
  });
  it('renumbers levels after a removal and gives each rule kind its parameters', () => {
    expect(renumber([{ level: 1, label: 'a' }, { level: 3, label: 'c' }])).toEqual([{ level: 1, label: 'a' }, { level: 2, label: 'c' }]);
    expect(ruleOfKind('recency')).toEqual({ kind: 'recency', maxAgeDays: 30, fact: 'riskRegister.lastReviewedOn' });
    expect(ruleOfKind('evidence', { kind: 'evidence', minEvidence: 3 })).toEqual({ kind: 'evidence', minEvidence: 3 });
  });
});
