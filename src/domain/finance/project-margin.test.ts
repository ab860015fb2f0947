import { describe, expect, it } from 'vitest';
import { chooseForecast, computeProjectMargin, type ProjectMarginInput } from './index.js';

const base: ProjectMarginInput = {
  billing: 'time-and-materials', costMinor: 60_000, invoicedMinor: 50_000, unbilledMinor: 30_000, milestones: [],
  contractPriceMinor: null, eacMinor: null, recognition: 'percent-complete', complete: false,
};

describe('computeProjectMargin: revenue recognised by billing type', () => {
  const cases: Array<[string, Partial<ProjectMarginInput>, { revenue: number; margin: number; percent: number | null; basis: string; problems?: number }]> = [
    ['T&M: invoiced + unbilled work', {}, { revenue: 80_000, margin: 20_000, percent: 25, basis: 'invoiced + unbilled approved work' }],
    ['T&M: nothing billed yet', { invoicedMinor: 0, unbilledMinor: 0 }, { revenue: 0, margin: -60_000, percent: null, basis: 'invoiced + unbilled approved work' }],
    ['fixed price, cost-to-cost: 60k of 120k EAC earns half the 200k price', { billing: 'fixed-price', contractPriceMinor: 200_000, eacMinor: 120_000 },
      { revenue: 100_000, margin: 40_000, percent: 40, basis: 'contract price x actual cost / EAC' }],
    ['fixed price over budget: recognition capped at the price', { billing: 'fixed-price', contractPriceMinor: 50_000, eacMinor: 40_000 },
      { revenue: 50_000, margin: -10_000, percent: -20, basis: 'contract price x actual cost / EAC' }],
    ['fixed price, completed contract not complete: no revenue yet', { billing: 'fixed-price', contractPriceMinor: 200_000, recognition: 'completed-contract' },
      { revenue: 0, margin: -60_000, percent: null, basis: 'contract price at completion' }],
    ['fixed price, completed contract complete', { billing: 'fixed-price', contractPriceMinor: 200_000, recognition: 'completed-contract', complete: true },
      { revenue: 200_000, margin: 140_000, percent: 70, basis: 'contract price at completion' }],
    ['fixed price without a contract price: the invoiced amount, with a problem', { billing: 'fixed-price' }, { revenue: 50_000, margin: -10_000, percent: -20, basis: 'invoiced', problems: 1 }],
    ['fixed price without an EAC: the invoiced amount, with a problem', { billing: 'fixed-price', contractPriceMinor: 1, eacMinor: 0, costMinor: 0 }, { revenue: 50_000, margin: 50_000, percent: 100, basis: 'invoiced', problems: 1 }],
    ['milestones: only achieved ones count', { billing: 'milestone', milestones: [{ amountMinor: 40_000, achieved: true }, { amountMinor: 70_000, achieved: false }] },
      { revenue: 40_000, margin: -20_000, percent: -50, basis: 'achieved milestones' }],
    ['non-billable: cost only', { billing: 'non-billable', invoicedMinor: 0 }, { revenue: 0, margin: -60_000, percent: null, basis: 'not billable' }],
    ['margin percent rounded to 2 decimals', { invoicedMinor: 0, unbilledMinor: 90_000 }, { revenue: 90_000, margin: 30_000, percent: 33.33, basis: 'invoiced + unbilled approved work' }],
  ];
  for (const [name, patch, want] of cases) {
    it(name, () => {
      const r = computeProjectMargin({ ...base, ...patch });
      expect({ revenue: r.revenueMinor, margin: r.marginMinor, percent: r.marginPercent, basis: r.basis, problems: r.problems.length })
        .toEqual({ revenue: want.revenue, margin: want.margin, percent: want.percent, basis: want.basis, problems: want.problems ?? 0 });
      expect(r.costMinor).toBe(patch.costMinor ?? base.costMinor);
    });
  }
});

describe('chooseForecast: the ETC method a project asks for', () => {
  const f = { bacMinor: 1000, budgetMinor: 2000, evMinor: 400, acMinor: 500 };
  const cases: Array<[string, Parameters<typeof chooseForecast>[0], Partial<Parameters<typeof chooseForecast>[1]>, { method: string; etc: number | null; eac: number | null }]> = [
    ['auto with CPI defined: (BAC - EV) x AC / EV', 'auto', {}, { method: 'cpi', etc: 750, eac: 1250 }],
    ['auto without earned value: remaining plan', 'auto', { evMinor: 0 }, { method: 'remaining-plan', etc: 1000, eac: 1500 }],
    ['auto without cost: remaining plan', 'auto', { acMinor: 0 }, { method: 'remaining-plan', etc: 600, eac: 600 }],
    ['cpi asked but undefined: no forecast', 'cpi', { evMinor: 0 }, { method: 'cpi', etc: null, eac: null }],
    ['remaining plan', 'remaining-plan', {}, { method: 'remaining-plan', etc: 600, eac: 1100 }],
    ['manual ETC', 'manual', { manualEtcMinor: 42 }, { method: 'manual', etc: 42, eac: 542 }],
    ['nothing costed in the plan: the budget is the BAC', 'remaining-plan', { bacMinor: 0 }, { method: 'remaining-plan', etc: 1600, eac: 2100 }],
    ['EV above BAC is capped', 'remaining-plan', { evMinor: 5000 }, { method: 'remaining-plan', etc: 0, eac: 500 }],
  ];
  it.each(cases)('%s', (_n, setting, patch, want) => {
    const r = chooseForecast(setting, { ...f, ...patch });
    expect({ method: r.method, etc: r.etcMinor, eac: r.eacMinor }).toEqual(want);
    expect(r.setting).toBe(setting);
  });
  it('refuses the manual method without an ETC', () => {
    expect(() => chooseForecast('manual', f)).toThrow(/manualEtcMinor/);
  });
});
