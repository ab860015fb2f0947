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
