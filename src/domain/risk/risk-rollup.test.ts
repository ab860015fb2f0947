import { describe, expect, it } from 'vitest';
import { rollUpRiskExposure, selectTopRisks } from './risk-exposure.js';
import { binRiskHeatMap } from './risk-heatmap.js';
import { defaultRiskMatrix } from './risk-scale.js';
import { buildRisk } from './test-risks.js';

const m = defaultRiskMatrix();
const risks = [
  buildRisk({ id: 'a', inherent: { probabilityLevel: 5, impacts: { cost: 5 } }, residual: { probabilityLevel: 2, impacts: { cost: 3 } }, costImpactCents: 1_000_000 }),
  buildRisk({ id: 'b', projectId: 'P2', inherent: { probabilityLevel: 3, probability: 0.5, impacts: { schedule: 4 } }, costImpactCents: 200_000, category: 'technical' }),
  buildRisk({ id: 'c', projectId: 'P2', kind: 'opportunity', inherent: { probabilityLevel: 4, impacts: { cost: 2 } }, costImpactCents: 100_000 }),
  buildRisk({ id: 'd', status: 'closed', inherent: { probabilityLevel: 5, impacts: { cost: 5 } }, costImpactCents: 9_999_999 }),
  buildRisk({ id: 'e', level: 'enterprise', projectId: null, programId: null, portfolioId: null, category: 'compliance', complianceReference: 'SOX', inherent: { probabilityLevel: 1, impacts: { reputation: 5 } } }),
];

describe('binRiskHeatMap', () => {
  it('has every cell and bins open risks by residual assessment', () => {
    const h = binRiskHeatMap(m, risks);
    expect(h.cells).toHaveLength(25);
    const at = (p: number, i: number) => h.cells[(p - 1) * 5 + (i - 1)];
    expect(at(2, 3).riskIds).toEqual(['a']);
    expect(at(3, 4).riskIds).toEqual(['b']);
    expect(at(4, 2).riskIds).toEqual(['c']);
    expect(at(1, 5).riskIds).toEqual(['e']);
    expect(at(5, 5).count).toBe(0); // d is closed
    expect(at(5, 5).rating).toBe('critical');
    expect(h.cells.reduce((s, c) => s + c.count, 0)).toBe(4);
  });
  it('inherent basis and closed risks on request', () => {
    const h = binRiskHeatMap(m, risks, 'inherent', true);
    expect(h.cells[24].riskIds).toEqual(['a', 'd']);
  });
});

describe('heat map on a custom 3 x 4 matrix', () => {
  it('sizes the grid from the scales and rates cells by the bands', () => {
    const custom = {
      probabilityLevels: [
        { level: 1, label: 'Low', minProbability: 0, maxProbability: 0.33 },
        { level: 2, label: 'Medium', minProbability: 0.33, maxProbability: 0.66 },
        { level: 3, label: 'High', minProbability: 0.66, maxProbability: 1 },
      ],
      impactLevels: [1, 2, 3, 4].map((level) => ({ level, label: `I${level}` })),
      bands: [{ rating: 'green', minScore: 1 }, { rating: 'amber', minScore: 4 }, { rating: 'red', minScore: 9 }],
    };
    const h = binRiskHeatMap(custom, [buildRisk({ inherent: { probabilityLevel: 3, impacts: { scope: 4 } } })]);
    expect(h.cells).toHaveLength(12);
    expect(h.cells[11]).toMatchObject({ probabilityLevel: 3, impactLevel: 4, score: 12, rating: 'red', count: 1 });
    expect(h.cells[0].rating).toBe('green');
    expect(h.cells[5]).toMatchObject({ probabilityLevel: 2, impactLevel: 2, rating: 'amber' });
  });
});

describe('rollUpRiskExposure', () => {
  it('by project: EMV of threats and opportunities, net exposure, rating counts', () => {
    const g = rollUpRiskExposure(m, risks, 'project');
    expect(g.map((x) => x.key)).toEqual(['P1', 'P2', null]);
    const p1 = g[0];
    expect(p1.riskCount).toBe(1);
    expect(p1.threatEmvCents).toBe(200_000); // residual level 2 -> 0.2
    const p2 = g[1];
    expect(p2).toMatchObject({ riskCount: 2, threatCount: 1, opportunityCount: 1, threatEmvCents: 100_000, opportunityEmvCents: 60_000, netExposureCents: 40_000, maxScore: 12, totalScore: 20 });
    expect(p2.ratingCounts).toEqual({ low: 0, medium: 1, high: 1, critical: 0 });
    expect(g[2]).toMatchObject({ key: null, riskCount: 1, netExposureCents: 0 });
  });
  it('by category, inherent basis, including closed', () => {
    const g = rollUpRiskExposure(m, risks, 'category', { basis: 'inherent', includeClosed: true });
    const commercial = g.find((x) => x.key === 'commercial')!;
    expect(commercial.riskCount).toBe(3);
    expect(commercial.threatEmvCents).toBe(850_000 + Math.round(0.85 * 9_999_999));
  });
  it.each([['program', ['G1', null]], ['portfolio', ['F1', null]], ['level', ['project', 'enterprise']]] as const)('by %s', (by, keys) => {
    expect(rollUpRiskExposure(m, risks, by).map((x) => x.key)).toEqual(keys);
  });
  it('empty input gives no groups', () => expect(rollUpRiskExposure(m, [], 'project')).toEqual([]));
});

describe('selectTopRisks', () => {
  it('by residual score, closed excluded, stable tie-break by id', () => {
    expect(selectTopRisks(m, risks, 10).map((r) => [r.risk.id, r.score])).toEqual([['b', 12], ['c', 8], ['a', 6], ['e', 5]]);
  });
  it('by EMV and limited to n', () => {
    expect(selectTopRisks(m, risks, 2, 'emv').map((r) => r.risk.id)).toEqual(['a', 'b']);
  });
  it('by inherent score', () => {
    expect(selectTopRisks(m, risks, 1, 'score', { basis: 'inherent' })[0].risk.id).toBe('a');
  });
  it('n = 0 gives nothing', () => expect(selectTopRisks(m, risks, 0)).toEqual([]));
});
