import { describe, expect, it } from 'vitest';
import { exposureCarrier, selectCountedRisks, type EscalationLink } from './risk-carried.js';
import { riskFigures } from './risk-figures.js';
import { rollUpRiskExposure, selectTopRisks } from './risk-exposure.js';
import { binRiskHeatMap } from './risk-heatmap.js';
import { defaultRiskMatrix } from './risk-scale.js';
import { buildRisk } from './test-risks.js';

// p1 -> g (program) -> f (portfolio) -> e (enterprise); p2 -> e directly; x is closed and p3 is linked to it.
const links: EscalationLink[] = [
  { id: 'p1', status: 'open', escalatedToRiskId: 'g' },
  { id: 'g', status: 'open', escalatedToRiskId: 'f' },
  { id: 'f', status: 'monitoring', escalatedToRiskId: 'e' },
  { id: 'e', status: 'open' },
  { id: 'p2', status: 'open', escalatedToRiskId: 'e' },
  { id: 'x', status: 'closed' },
  { id: 'p3', status: 'occurred', escalatedToRiskId: 'x' },
  { id: 'p4', status: 'closed', escalatedToRiskId: 'e' },
];
const byId = new Map(links.map((l) => [l.id, l]));

describe('exposureCarrier', () => {
  it.each([
    ['whole enterprise: the nearest open ancestor carries', 'p1', ['p1', 'g', 'f', 'e', 'p2'], 'g'],
    ['the program risk is outside the view: the next one up carries', 'p1', ['p1', 'f', 'e'], 'f'],
    ['only the enterprise risk above is in the view', 'p1', ['p1', 'e'], 'e'],
    ['no ancestor in the view: the risk carries itself', 'p1', ['p1', 'p2'], null],
    ['the top of a chain is never carried', 'e', ['p1', 'e'], null],
    ['a closed ancestor carries nothing', 'p3', ['p3', 'x'], null],
    ['a risk without a link', 'x', ['x'], null],
  ])('%s', (_name, id, view, expected) => {
    const inView = new Set(view);
    expect(exposureCarrier(byId.get(id)!, (k) => byId.get(k), (k) => inView.has(k))).toBe(expected);
  });

  it('stops on a corrupt cycle and on a dangling link', () => {
    const cyc = new Map<string, EscalationLink>([['a', { id: 'a', status: 'open', escalatedToRiskId: 'b' }], ['b', { id: 'b', status: 'closed', escalatedToRiskId: 'a' }]]);
    expect(exposureCarrier(cyc.get('a')!, (k) => cyc.get(k), () => true)).toBeNull();
    expect(exposureCarrier({ id: 'z', status: 'open', escalatedToRiskId: 'gone' }, () => undefined, () => true)).toBeNull();
  });
});

describe('selectCountedRisks', () => {
  it.each([
    ['whole enterprise', ['p1', 'g', 'f', 'e', 'p2', 'x', 'p3', 'p4'], ['e', 'p3']],
    ['a portfolio view without the enterprise risk', ['p1', 'g', 'f', 'p2'], ['f', 'p2']],
    ['a project view', ['p1'], ['p1']],
  ])('%s', (_name, view, expected) => {
    expect(selectCountedRisks(view.map((id) => byId.get(id)!), links).map((r) => r.id)).toEqual(expected);
  });

  it('removes the double count from the roll-up, heat map and top list', () => {
    const m = defaultRiskMatrix();
    const project = buildRisk({ id: 'p', costImpactCents: 1_000_000, inherent: { probabilityLevel: 4, impacts: { cost: 4 } }, escalatedToRiskId: 'ent' });
    const ent = buildRisk({ id: 'ent', level: 'enterprise', projectId: null, programId: null, portfolioId: null, costImpactCents: 1_000_000, inherent: { probabilityLevel: 4, impacts: { cost: 4 } } });
    const other = buildRisk({ id: 'o', costImpactCents: 500_000, inherent: { probabilityLevel: 1, impacts: { cost: 2 } } });
    const all = [project, ent, other];
    const counted = selectCountedRisks(all, all);
    expect(counted.map((r) => r.id)).toEqual(['ent', 'o']);
    const [total] = rollUpRiskExposure(m, all, 'level').filter((g) => g.key === 'project');
    expect(total!.threatEmvCents).toBe(625_000); // the double count the dashboard used to show
    const byLevel = rollUpRiskExposure(m, counted, 'level');
    expect(byLevel.map((g) => [g.key, g.threatEmvCents])).toEqual([['enterprise', 600_000], ['project', 25_000]]);
    expect(binRiskHeatMap(m, counted, 'inherent').cells.reduce((s, c) => s + c.count, 0)).toBe(2);
    expect(selectTopRisks(m, counted, 5).map((t) => t.risk.id)).toEqual(['ent', 'o']);
  });
});

describe('riskFigures', () => {
  const m = defaultRiskMatrix();
  it.each([
    ['residual falls back to inherent', buildRisk({ inherent: { probabilityLevel: 3, impacts: { schedule: 4, cost: 2 } }, costImpactCents: 1_000 }), { inherent: [3, 4, 12, 'high', 400], residual: [3, 4, 12, 'high', 400] }],
    ['explicit probability for EMV', buildRisk({ inherent: { probabilityLevel: 5, probability: 0.9, impacts: { cost: 5 } }, residual: { probabilityLevel: 1, impacts: { quality: 2 } }, costImpactCents: 1_000 }), { inherent: [5, 5, 25, 'critical', 900], residual: [1, 2, 2, 'low', 50] }],
    ['no cost impact: EMV 0', buildRisk({ inherent: { probabilityLevel: 2, impacts: { reputation: 3 } } }), { inherent: [2, 3, 6, 'medium', 0], residual: [2, 3, 6, 'medium', 0] }],
  ])('%s', (_name, risk, want) => {
    const f = riskFigures(m, risk);
    const flat = (a: typeof f.inherent) => [a.probabilityLevel, a.impactLevel, a.score, a.rating, a.emvCents];
    expect({ inherent: flat(f.inherent), residual: flat(f.residual) }).toEqual(want);
  });
});
