import { describe, expect, it } from 'vitest';
import { buildRiskBody } from './risk-form';
import { heatMapTotal } from './risk-heatmap';

const base = { title: ' Vendor late ', category: 'supply', kind: 'threat' as const, compliance: '', p: 4, is: 3, ic: 2, rp: 2, ris: 1, ric: 1, cost: '', strategy: 'mitigate', review: '' };

describe('risk form body', () => {
  it('trims text, maps levels to the assessment and leaves blanks null', () => {
    expect(buildRiskBody(base)).toEqual({
      title: 'Vendor late', category: 'supply', kind: 'threat', complianceReference: null,
      inherent: { probabilityLevel: 4, impacts: { schedule: 3, cost: 2 } },
      residual: { probabilityLevel: 2, impacts: { schedule: 1, cost: 1 } },
      costImpactCents: null, responseStrategy: 'mitigate', reviewDate: null,
    });
  });
  it('turns a currency amount into whole cents and ignores a non-number', () => {
    expect(buildRiskBody({ ...base, cost: '1234.565' }).costImpactCents).toBe(123457);
    expect(buildRiskBody({ ...base, cost: 'abc' }).costImpactCents).toBeNull();
    expect(buildRiskBody({ ...base, strategy: '' }).responseStrategy).toBeNull();
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
