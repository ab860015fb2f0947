import { describe, expect, it } from 'vitest';
import { addMonths, budgetLinesFromBusinessCase, entersProjectStage, previousDay, projectCreationStage, projectDatesFromBusinessCase, STANDARD_LIFECYCLE, validateLifecycle, type LifecycleDefinition } from '../index.js';
import { PortfolioError } from '../portfolio-errors.js';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return e instanceof PortfolioError ? `${e.code}: ${e.message}` : String(e);
  }
  return undefined;
};

const three = (projectStage?: string | null): LifecycleDefinition => ({
  stages: [{ key: 'intake', name: 'Intake' }, { key: 'go', name: 'Go' }, { key: 'run', name: 'Run' }],
  gates: [
    { key: 'g1', name: 'G1', from: 'intake', to: 'go', criteria: [], approvals: [] },
    { key: 'g2', name: 'G2', from: 'go', to: 'run', criteria: [], approvals: [] },
  ],
  ...(projectStage !== undefined ? { projectStage } : {}),
});

describe('projectCreationStage', () => {
  it.each([
    { why: 'standard lifecycle: the investment decision into "approved"', def: STANDARD_LIFECYCLE, stage: 'approved' },
    { why: 'no "approved" stage: "planning"', def: { ...three(), stages: [{ key: 'idea', name: 'I' }, { key: 'planning', name: 'P' }, { key: 'run', name: 'R' }] }, stage: 'planning' },
    { why: 'neither: never automatically', def: three(), stage: null },
    { why: 'explicit stage', def: three('run'), stage: 'run' },
    { why: 'explicit null: never automatically', def: { ...STANDARD_LIFECYCLE, projectStage: null }, stage: null },
  ])('$why', ({ def, stage }) => {
    expect(projectCreationStage(def)).toBe(stage);
  });

  it.each([
    { from: 'intake', to: 'go', enters: true },
    { from: 'intake', to: 'run', enters: true },
    { from: 'go', to: 'run', enters: false },
    { from: 'intake', to: 'intake', enters: false },
  ])('entersProjectStage "go": $from -> $to is $enters', ({ from, to, enters }) => {
    expect(entersProjectStage(three('go'), from, to)).toBe(enters);
  });

  it('is never entered when the lifecycle turns it off', () => {
    expect(entersProjectStage(three(null), 'intake', 'run')).toBe(false);
  });

  it.each([
    ['an unknown stage', 'nowhere', /unknown stage "nowhere"/],
    ['the first stage', 'intake', /first stage "intake"/],
  ])('validateLifecycle refuses a project stage that is %s', (_w, stage, msg) => {
    expect(codeOf(() => validateLifecycle(three(stage)))).toMatch(/^INVALID_LIFECYCLE/);
    expect(codeOf(() => validateLifecycle(three(stage)))).toMatch(msg);
  });

  it('validateLifecycle accepts a later stage or null', () => {
    expect(() => validateLifecycle(three('run'))).not.toThrow();
    expect(() => validateLifecycle(three(null))).not.toThrow();
  });
});

describe('calendar helpers', () => {
  it.each([
    ['2027-01-31', 1, '2027-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2027-11-15', 3, '2028-02-15'],
    ['2027-03-01', -3, '2026-12-01'],
  ])('addMonths(%s, %i) = %s', (iso, n, out) => {
    expect(addMonths(iso, n)).toBe(out);
  });

  it.each([
    ['2027-03-01', '2027-02-28'],
    ['2024-03-01', '2024-02-29'],
    ['2027-01-01', '2026-12-31'],
    ['2027-05-10', '2027-05-09'],
  ])('previousDay(%s) = %s', (iso, out) => {
    expect(previousDay(iso)).toBe(out);
  });

  it('refuses dates that do not exist', () => {
    expect(codeOf(() => addMonths('2027-02-29', 1))).toMatch(/^INVALID_MODEL.*not a calendar date/);
  });
});

describe('projectDatesFromBusinessCase', () => {
  it.each([
    { why: 'monthly: ends with the last month of work', plan: { periodsPerYear: 12, capexCents: [100, 0, 0], opexCents: [0, 5, 5, 5, 5], demand: { dev: [2, 2, 2, 1, 0, 0] } }, finish: '2027-06-30' },
    { why: 'monthly: capex later than the work', plan: { periodsPerYear: 12, capexCents: [0, 0, 0, 0, 0, 900], opexCents: [], demand: { dev: [1] } }, finish: '2027-08-31' },
    { why: 'quarterly: the end of the third quarter (March to November)', plan: { periodsPerYear: 4, capexCents: [10, 0, 10], opexCents: [], demand: {} }, finish: '2027-11-30' },
    { why: 'yearly', plan: { periodsPerYear: 1, capexCents: [10, 10], opexCents: [], demand: {} }, finish: '2029-02-28' },
    { why: 'only running costs: no finish', plan: { periodsPerYear: 12, capexCents: [0], opexCents: [5, 5], demand: { dev: [0, 0] } }, finish: null },
  ])('$why', ({ plan, finish }) => {
    expect(projectDatesFromBusinessCase({ startDate: '2027-03-01', ...plan, demand: plan.demand as Record<string, number[]> })).toEqual({ startDate: '2027-03-01', finishDate: finish });
  });

  it('counts periods from a start in the middle of a month', () => {
    expect(projectDatesFromBusinessCase({ startDate: '2027-01-31', periodsPerYear: 12, capexCents: [1], opexCents: [], demand: {} }).finishDate).toBe('2027-02-27');
  });
});

describe('budgetLinesFromBusinessCase', () => {
  it('puts monthly amounts in their months, capex before opex, zero months left out', () => {
    expect(budgetLinesFromBusinessCase({ startDate: '2027-11-01', periodsPerYear: 12, capexCents: [1000, 0, 500], opexCents: [0, 20, 20] }, 'other')).toEqual([
      { month: '2027-11', category: 'other', expenditure: 'capex', amountMinor: 1000 },
      { month: '2027-12', category: 'other', expenditure: 'opex', amountMinor: 20 },
      { month: '2028-01', category: 'other', expenditure: 'capex', amountMinor: 500 },
      { month: '2028-01', category: 'other', expenditure: 'opex', amountMinor: 20 },
    ]);
  });

  it('spreads a quarter over its three months in whole cents, the remainder first, the total exact', () => {
    const lines = budgetLinesFromBusinessCase({ startDate: '2027-02-15', periodsPerYear: 4, capexCents: [100, 3], opexCents: [] }, 'other');
    expect(lines.map((l) => [l.month, l.amountMinor])).toEqual([['2027-02', 34], ['2027-03', 33], ['2027-04', 33], ['2027-05', 1], ['2027-06', 1], ['2027-07', 1]]);
  });

  it('spreads a year over twelve months; a tiny amount lands on the first months only', () => {
    const lines = budgetLinesFromBusinessCase({ startDate: '2027-01-01', periodsPerYear: 1, capexCents: [5], opexCents: [1200] }, 'other');
    expect(lines.filter((l) => l.expenditure === 'capex').map((l) => l.month)).toEqual(['2027-01', '2027-02', '2027-03', '2027-04', '2027-05']);
    expect(lines.filter((l) => l.expenditure === 'opex')).toHaveLength(12);
    expect(lines.reduce((s, l) => s + l.amountMinor, 0)).toBe(1205);
  });

  it.each([
    ['a negative amount', { capexCents: [-1], opexCents: [] }, /non-negative whole number/],
    ['a fraction of a cent', { capexCents: [], opexCents: [1.5] }, /non-negative whole number/],
  ])('refuses %s', (_w, amounts, msg) => {
    expect(codeOf(() => budgetLinesFromBusinessCase({ startDate: '2027-01-01', periodsPerYear: 12, ...amounts }, 'other'))).toMatch(msg);
  });
});
