import { describe, expect, it } from 'vitest';
import { addContribution, carriedFlags, emptyTotals, isZeroTotals, summarizeCells, type TotalsContribution } from './risk-totals.js';
import { rollUpRiskExposure } from './risk-exposure.js';
import { defaultRiskMatrix } from './risk-scale.js';
import { buildRisk } from './test-risks.js';

const open = { status: 'open' as const, programId: 'G1', portfolioId: 'F1' };

describe('carriedFlags', () => {
  it.each([
    ['no chain', open, [], { all: false, portfolio: false, program: false }],
    ['open enterprise risk above', open, [{ status: 'open', programId: null, portfolioId: null }], { all: true, portfolio: false, program: false }],
    ['open portfolio risk of the same portfolio', open, [{ status: 'monitoring', programId: null, portfolioId: 'F1' }], { all: true, portfolio: true, program: false }],
    ['open program risk of the same program', open, [{ status: 'occurred', programId: 'G1', portfolioId: 'F1' }], { all: true, portfolio: true, program: true }],
    ['program risk of another program in another portfolio', open, [{ status: 'open', programId: 'G2', portfolioId: 'F2' }], { all: true, portfolio: false, program: false }],
    ['closed risks above carry nothing', open, [{ status: 'closed', programId: 'G1', portfolioId: 'F1' }, { status: 'closed', programId: null, portfolioId: null }], { all: false, portfolio: false, program: false }],
    ['through a closed link to an open one', open, [{ status: 'closed', programId: 'G1', portfolioId: 'F1' }, { status: 'open', programId: null, portfolioId: 'F1' }], { all: true, portfolio: true, program: false }],
    ['a closed risk is never carried', { ...open, status: 'closed' as const }, [{ status: 'open', programId: 'G1', portfolioId: 'F1' }], { all: false, portfolio: false, program: false }],
    ['a risk without a program is not carried in a program view', { ...open, programId: null }, [{ status: 'open', programId: null, portfolioId: 'F1' }], { all: true, portfolio: true, program: false }],
  ] as const)('%s', (_n, risk, chain, want) => {
    expect(carriedFlags(risk, [...chain])).toEqual(want);
  });
});

describe('addContribution and summarizeCells', () => {
  const m = defaultRiskMatrix();
  const c = (over: Partial<TotalsContribution>): TotalsContribution => ({ status: 'open', kind: 'threat', level: 'project', probabilityLevel: 3, impactLevel: 4, emvCents: 1000, carried: { all: false, portfolio: false, program: false }, ...over });

  it('counts closed risks only in allCount and carried risks only where they are not carried', () => {
    const t = emptyTotals(25);
    addContribution(t, c({}), 5, 1);
    addContribution(t, c({ status: 'closed' }), 5, 1);
    addContribution(t, c({ kind: 'opportunity', emvCents: 300, probabilityLevel: 1, impactLevel: 1, carried: { all: true, portfolio: false, program: false } }), 5, 1);
    expect([t.allCount, t.openCount]).toEqual([3, 2]);
    expect([t.counted.all.count, t.counted.all.threatEmvCents, t.counted.all.opportunityEmvCents]).toEqual([1, 1000, 0]);
    expect([t.counted.portfolio.count, t.counted.portfolio.opportunityEmvCents, t.counted.portfolio.cells[0], t.counted.portfolio.cells[13]]).toEqual([2, 300, 1, 1]);
  });

  it('removing what was added leaves zero', () => {
    const t = emptyTotals(25);
    addContribution(t, c({}), 5, 1);
    expect(isZeroTotals(t)).toBe(false);
    addContribution(t, c({}), 5, -1);
    expect(isZeroTotals(t)).toBe(true);
  });

  it('cell counts give the same distribution as rollUpRiskExposure', () => {
    const risks = [
      buildRisk({ id: 'a', inherent: { probabilityLevel: 5, impacts: { cost: 5 } } }),
      buildRisk({ id: 'b', inherent: { probabilityLevel: 1, impacts: { cost: 2 } } }),
      buildRisk({ id: 'c', inherent: { probabilityLevel: 3, impacts: { cost: 3 } } }),
      buildRisk({ id: 'd', inherent: { probabilityLevel: 3, impacts: { schedule: 3 } } }),
    ];
    const cells = new Array(25).fill(0);
    for (const r of risks) cells[(r.inherent.probabilityLevel - 1) * 5 + (Math.max(...Object.values(r.inherent.impacts)) - 1)]++;
    const [g] = rollUpRiskExposure(m, risks, 'portfolio', { basis: 'inherent' });
    expect(summarizeCells(m, cells)).toEqual({ ratingCounts: g!.ratingCounts, maxScore: g!.maxScore, totalScore: g!.totalScore });
    expect(summarizeCells(m, new Array(25).fill(0))).toEqual({ ratingCounts: { low: 0, medium: 0, high: 0, critical: 0 }, maxScore: 0, totalScore: 0 });
  });
});
