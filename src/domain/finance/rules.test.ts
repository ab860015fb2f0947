import { describe, expect, it } from 'vitest';
import {
  buildBudgetActualForecast, buildTimeCorrection, canApproveTime, computeEffectiveBudget, computeFixedPriceMarginAtCompletion,
  computeForecast, computeMargin, isTimesheetValid, priceTime, resolveRate, spreadOverMonths, transitionBudgetVersion,
  transitionTimesheet, validateTimeEntries, type RateRow, type TimesheetPolicy, type TimesheetStatus,
} from './index.js';

const row = (id: string, over: Partial<RateRow>): RateRow => ({
  id, kind: 'cost', personId: null, roleId: null, projectId: null, effectiveFrom: '2026-01-01', effectiveTo: null,
  amountMinorPerHour: 5000, currency: 'EUR', ...over,
});

describe('resolveRate: the most specific applicable rate wins', () => {
  const rows: RateRow[] = [
    row('default', {}),
    row('role', { roleId: 'dev', amountMinorPerHour: 6000 }),
    row('person', { personId: 'ann', amountMinorPerHour: 7000 }),
    row('project', { projectId: 'p1', amountMinorPerHour: 7500 }),
    row('role-project', { roleId: 'dev', projectId: 'p1', amountMinorPerHour: 8000 }),
    row('person-project', { personId: 'ann', projectId: 'p1', amountMinorPerHour: 9000, effectiveTo: '2026-06-30' }),
    row('person-project-h2', { personId: 'ann', projectId: 'p1', amountMinorPerHour: 9500, effectiveFrom: '2026-07-01' }),
    row('bill', { kind: 'bill', amountMinorPerHour: 12000 }),
    row('person-2027', { personId: 'bob', amountMinorPerHour: 7100, effectiveFrom: '2027-01-01' }),
  ];
  const cases: Array<[string, { personId: string; roleId: string | null; projectId: string; date: string; kind?: 'cost' | 'bill' }, string]> = [
    ['person+project', { personId: 'ann', roleId: 'dev', projectId: 'p1', date: '2026-03-01' }, 'person-project'],
    ['person+project, later effective row', { personId: 'ann', roleId: 'dev', projectId: 'p1', date: '2026-07-01' }, 'person-project-h2'],
    ['role+project beats person', { personId: 'bob', roleId: 'dev', projectId: 'p1', date: '2026-03-01' }, 'role-project'],
    ['project beats person', { personId: 'bob', roleId: 'qa', projectId: 'p1', date: '2026-03-01' }, 'project'],
    ['person beats role', { personId: 'ann', roleId: 'dev', projectId: 'p2', date: '2026-03-01' }, 'person'],
    ['role beats default', { personId: 'bob', roleId: 'dev', projectId: 'p2', date: '2026-03-01' }, 'role'],
    ['default', { personId: 'bob', roleId: null, projectId: 'p2', date: '2026-03-01' }, 'default'],
    ['future-dated row is ignored', { personId: 'bob', roleId: null, projectId: 'p2', date: '2026-12-31' }, 'default'],
    ['future-dated row applies from its date', { personId: 'bob', roleId: null, projectId: 'p2', date: '2027-01-01' }, 'person-2027'],
    ['bill rates are separate', { personId: 'ann', roleId: 'dev', projectId: 'p1', date: '2026-03-01', kind: 'bill' }, 'bill'],
  ];
  it.each(cases)('%s', (_name, q, id) => expect(resolveRate(rows, { kind: 'cost', ...q }).row.id).toBe(id));

  it('missing rate for a date is a typed error', () => {
    expect(() => resolveRate(rows, { kind: 'cost', personId: 'ann', roleId: null, projectId: 'p9', date: '2025-12-31' }))
      .toThrow(expect.objectContaining({ code: 'FINANCE_RATE_MISSING' }));
  });
  it('two equally specific rows from the same day are ambiguous', () => {
    const dup = [row('a', { personId: 'x' }), row('b', { personId: 'x' })];
    expect(() => resolveRate(dup, { kind: 'cost', personId: 'x', roleId: null, projectId: 'p', date: '2026-02-01' }))
      .toThrow(expect.objectContaining({ code: 'FINANCE_RATE_AMBIGUOUS' }));
    // ...unless a more specific row decides it
    const decided = [...dup, row('c', { personId: 'x', projectId: 'p' })];
    expect(resolveRate(decided, { kind: 'cost', personId: 'x', roleId: null, projectId: 'p', date: '2026-02-01' }).row.id).toBe('c');
  });
  it('prices time with the winning rate', () => {
    expect(priceTime(rows, { kind: 'cost', personId: 'ann', roleId: 'dev', projectId: 'p1', date: '2026-03-01' }, 90))
      .toEqual({ amountMinor: 13500, currency: 'EUR', rateId: 'person-project' });
  });
});

describe('validateTimeEntries', () => {
  const policy: TimesheetPolicy = {
    maxMinutesPerDay: 600,
    nonWorkingDates: ['2026-12-25'],
    lockedPeriods: [{ from: '2026-10-01', to: '2026-10-31' }],
    projects: { open: { status: 'open', commentRequired: false }, strict: { status: 'open', commentRequired: true }, old: { status: 'closed', commentRequired: false } },
  };
  const e = (over: object) => ({ personId: 'ann', projectId: 'open', date: '2026-11-25', minutes: 60, ...over });
  const cases: Array<[string, object, string[]]> = [
    ['a valid entry', {}, []],
    ['negative hours', { minutes: -30 }, ['NEGATIVE_MINUTES']],
    ['more than 24 h', { minutes: 1441 }, ['MORE_THAN_24_HOURS', 'MORE_THAN_24_HOURS']],
    ['fractional minutes', { minutes: 1.5 }, ['INVALID_MINUTES']],
    ['comment required', { projectId: 'strict', comment: '  ' }, ['COMMENT_REQUIRED']],
    ['comment given', { projectId: 'strict', comment: 'API work' }, []],
    ['closed project', { projectId: 'old' }, ['PROJECT_CLOSED']],
    ['unknown project', { projectId: 'nope' }, ['UNKNOWN_PROJECT']],
    ['weekend', { date: '2026-11-28' }, ['NON_WORKING_DAY']],
    ['holiday', { date: '2026-12-25' }, ['NON_WORKING_DAY']],
    ['locked period', { date: '2026-10-15' }, ['LOCKED_PERIOD']],
    ['bad date', { date: '2026-02-30' }, ['INVALID_DATE']],
    ['reversal posted into an open period', { date: '2026-10-15', postingDate: '2026-11-25', minutes: -60, isReversal: true }, []],
  ];
  it.each(cases)('%s', (_n, over, codes) => {
    expect(validateTimeEntries([e(over)], policy).map((v) => v.code)).toEqual(codes);
  });
  it('daily maximum counts existing entries and is reported once per day', () => {
    const v = validateTimeEntries([e({ minutes: 240, id: 'a' }), e({ minutes: 240, id: 'b' })], policy, [e({ minutes: 180 })]);
    expect(v).toEqual([expect.objectContaining({ code: 'DAY_OVER_MAXIMUM', entryId: 'b', severity: 'error' })]);
  });
  it('non-working days can be downgraded to a warning', () => {
    const v = validateTimeEntries([e({ date: '2026-11-29' })], { ...policy, allowNonWorkingDays: true });
    expect(v.map((x) => x.severity)).toEqual(['warning']);
    expect(isTimesheetValid(v)).toBe(true);
  });
});

describe('timesheet state machine', () => {
  const draft: TimesheetStatus = { state: 'draft', decidedBy: null, rejectionReason: null };
  it('draft -> submitted -> rejected(reason) -> submitted -> approved -> locked', () => {
    let s = transitionTimesheet(draft, { type: 'submit' });
    s = transitionTimesheet(s, { type: 'reject', approverId: 'pm', reason: 'Missing Friday' });
    expect(s).toEqual({ state: 'rejected', decidedBy: 'pm', rejectionReason: 'Missing Friday' });
    s = transitionTimesheet(s, { type: 'submit' });
    s = transitionTimesheet(s, { type: 'approve', approverId: 'pm' });
    s = transitionTimesheet(s, { type: 'lock' });
    expect(s.state).toBe('locked');
  });
  const illegal: Array<[TimesheetStatus['state'], Parameters<typeof transitionTimesheet>[1]['type']]> = [
    ['draft', 'approve'], ['approved', 'submit'], ['approved', 'reject'], ['locked', 'submit'], ['submitted', 'lock'], ['draft', 'lock'],
  ];
  it.each(illegal)('%s cannot %s', (state, type) => {
    const action = type === 'reject' ? { type, approverId: 'x', reason: 'r' } : type === 'approve' ? { type, approverId: 'x' } : { type };
    expect(() => transitionTimesheet({ ...draft, state }, action as never)).toThrow(expect.objectContaining({ code: 'FINANCE_INVALID_TRANSITION' }));
  });
  it('rejection needs a reason', () => {
    expect(() => transitionTimesheet({ ...draft, state: 'submitted' }, { type: 'reject', approverId: 'pm', reason: ' ' }))
      .toThrow(expect.objectContaining({ code: 'FINANCE_REASON_REQUIRED' }));
  });
  it('approvers are the project or line manager, never oneself', () => {
    expect(canApproveTime({ approverId: 'pm', ownerId: 'ann', projectManagerIds: ['pm'], lineManagerId: 'lm' })).toBe(true);
    expect(canApproveTime({ approverId: 'lm', ownerId: 'ann', projectManagerIds: ['pm'], lineManagerId: 'lm' })).toBe(true);
    expect(canApproveTime({ approverId: 'ann', ownerId: 'ann', projectManagerIds: ['ann'], lineManagerId: null })).toBe(false);
    expect(canApproveTime({ approverId: 'eve', ownerId: 'ann', projectManagerIds: ['pm'], lineManagerId: 'lm' })).toBe(false);
  });
  it('a correction after approval is a reversal plus a replacement; the sum is the corrected value', () => {
    const original = { id: 't1', personId: 'ann', projectId: 'p1', taskId: null, date: '2026-10-15', minutes: 480, billable: true, comment: null };
    const c = buildTimeCorrection(original, { minutes: 420 }, '2026-11-25', 'typo');
    expect(c.reversal).toMatchObject({ minutes: -480, reversesEntryId: 't1', date: '2026-10-15', postingDate: '2026-11-25', isReversal: true });
    expect(c.replacement).toMatchObject({ minutes: 420, correctsEntryId: 't1' });
    expect(original.minutes + c.reversal.minutes + c.replacement!.minutes).toBe(420);
    expect(buildTimeCorrection(original, 'delete', '2026-11-25', 'wrong project').replacement).toBeNull();
    expect(() => buildTimeCorrection(original, { minutes: 0 }, '2026-11-25', 'x')).toThrow(expect.objectContaining({ code: 'FINANCE_INVALID_CORRECTION' }));
  });
});

describe('budgets', () => {
  const line = (month: string, amountMinor: number, category = 'labour') => ({ month, category, expenditure: 'opex' as const, amountMinor });
  it('effective budget = approved original + approved changes', () => {
    const b = computeEffectiveBudget([
      { id: 'v1', versionNo: 1, kind: 'original', status: 'approved', currency: 'EUR', lines: [line('2026-01', 1000), line('2026-02', 1000)] },
      { id: 'v2', versionNo: 2, kind: 'change', status: 'approved', currency: 'EUR', lines: [line('2026-02', -200), line('2026-03', 500)] },
      { id: 'v3', versionNo: 3, kind: 'change', status: 'submitted', currency: 'EUR', lines: [line('2026-03', 99999)] },
    ]);
    expect(b.map((l) => [l.month, l.amountMinor])).toEqual([['2026-01', 1000], ['2026-02', 800], ['2026-03', 500]]);
  });
  it('needs exactly one approved original and one currency', () => {
    expect(() => computeEffectiveBudget([])).toThrow(expect.objectContaining({ code: 'FINANCE_BUDGET_ORIGINAL' }));
    expect(() => computeEffectiveBudget([
      { id: 'v1', versionNo: 1, kind: 'original', status: 'approved', currency: 'EUR', lines: [] },
      { id: 'v2', versionNo: 2, kind: 'change', status: 'approved', currency: 'USD', lines: [] },
    ])).toThrow(expect.objectContaining({ code: 'FINANCE_CURRENCY_MISMATCH' }));
  });
  it('budget changes go through approval', () => {
    expect(transitionBudgetVersion('draft', 'submit')).toBe('submitted');
    expect(transitionBudgetVersion('submitted', 'approve')).toBe('approved');
    expect(() => transitionBudgetVersion('draft', 'approve')).toThrow(expect.objectContaining({ code: 'FINANCE_INVALID_TRANSITION' }));
  });
  it('budget vs actual vs forecast by month: actuals before the status month, forecast from it', () => {
    const rows = buildBudgetActualForecast({
      budget: [line('2026-01', 1000), line('2026-02', 1000), line('2026-03', 1000)],
      actuals: [{ month: '2026-01', amountMinor: 1100 }, { month: '2026-02', amountMinor: 400 }],
      forecast: [{ month: '2026-02', amountMinor: 950 }, { month: '2026-03', amountMinor: 1200 }],
      asOfMonth: '2026-02', fromMonth: '2026-01', toMonth: '2026-04',
    });
    expect(rows.map((r) => [r.month, r.outlookMinor, r.varianceMinor, r.cumulativeOutlookMinor])).toEqual([
      ['2026-01', 1100, -100, 1100], ['2026-02', 950, 50, 2050], ['2026-03', 1200, -200, 3250], ['2026-04', 0, 0, 3250],
    ]);
  });
});

describe('forecasts and margins', () => {
  const base = { bacMinor: 400000, evMinor: 250000, acMinor: 280000 };
  it.each([
    [{ method: 'remaining-plan' as const }, 150000, 430000],
    [{ method: 'remaining-plan' as const, remainingPlanMinor: 170000 }, 170000, 450000],
    [{ method: 'cpi' as const }, 168000, 448000], // fence example in cents: EAC 4480.00
    [{ method: 'manual' as const, manualEtcMinor: 100000 }, 100000, 380000],
  ])('%j', (m, etc, eac) => {
    const f = computeForecast({ ...base, ...m });
    expect([f.etcMinor, f.eacMinor, f.vacMinor]).toEqual([etc, eac, base.bacMinor - eac]);
  });
  it('CPI forecast without EV is null, manual without a value is an error', () => {
    expect(computeForecast({ method: 'cpi', bacMinor: 100, evMinor: 0, acMinor: 50 }).eacMinor).toBeNull();
    expect(() => computeForecast({ method: 'manual', bacMinor: 100, evMinor: 0, acMinor: 0 })).toThrow(expect.objectContaining({ code: 'FINANCE_FORECAST_INPUT' }));
  });
  it('spreads a forecast over months so the parts add up exactly', () => {
    const parts = spreadOverMonths(1000, [{ month: '2026-01', weight: 1 }, { month: '2026-02', weight: 1 }, { month: '2026-03', weight: 1 }]);
    expect(parts.map((p) => p.amountMinor)).toEqual([334, 333, 333]);
    expect(spreadOverMonths(-10, [{ month: 'a', weight: 3 }, { month: 'b', weight: 1 }]).map((p) => p.amountMinor)).toEqual([-8, -2]);
    expect(spreadOverMonths(5, [{ month: 'a', weight: 0 }, { month: 'b', weight: 0 }]).map((p) => p.amountMinor)).toEqual([3, 2]);
  });
  it('time and materials: billable time at bill rate plus marked-up expenses', () => {
    const m = computeMargin({
      model: 'time-and-materials',
      time: [
        { minutes: 600, billable: true, costRateMinorPerHour: 6000, billRateMinorPerHour: 10000 },
        { minutes: 60, billable: false, costRateMinorPerHour: 6000, billRateMinorPerHour: 10000 },
      ],
      expenses: [{ amountMinor: 10000, billable: true, markupPercent: 10 }, { amountMinor: 500, billable: false }],
    });
    expect(m).toEqual({ revenueMinor: 111000, costMinor: 76500, marginMinor: 34500, marginPercent: (34500 * 100) / 111000 });
  });
  it('fixed price: cost-to-cost percent complete, completed contract, and margin at completion', () => {
    expect(computeMargin({ model: 'fixed-price', contractPriceMinor: 1000000, actualCostMinor: 300000, eacMinor: 800000, recognition: 'percent-complete' }))
      .toMatchObject({ revenueMinor: 375000, marginMinor: 75000 });
    expect(computeMargin({ model: 'fixed-price', contractPriceMinor: 1000000, actualCostMinor: 900000, eacMinor: 800000, recognition: 'percent-complete' }).revenueMinor).toBe(1000000);
    expect(computeMargin({ model: 'fixed-price', contractPriceMinor: 1000000, actualCostMinor: 300000, eacMinor: 800000, recognition: 'completed-contract' }).revenueMinor).toBe(0);
    expect(computeFixedPriceMarginAtCompletion(1000000, 800000).marginPercent).toBe(20);
  });
  it('milestone billing recognises achieved milestones only; zero revenue gives a null percent', () => {
    expect(computeMargin({ model: 'milestone', milestones: [{ amountMinor: 5000, achieved: true }, { amountMinor: 7000, achieved: false }], actualCostMinor: 3000 }))
      .toEqual({ revenueMinor: 5000, costMinor: 3000, marginMinor: 2000, marginPercent: 40 });
    expect(computeMargin({ model: 'milestone', milestones: [], actualCostMinor: 10 }).marginPercent).toBeNull();
  });
});
