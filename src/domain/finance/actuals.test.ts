import { describe, expect, it } from 'vitest';
import {
  computeActualCosts, createExchangeRateTable, findTimesheetGaps, fromEpochDay, parseCostLinesCsv, parseCsv, toEpochDay,
  type RateRow,
} from './index.js';

const rates: RateRow[] = [
  { id: 'ann', kind: 'cost', personId: 'ann', roleId: null, projectId: null, effectiveFrom: '2026-01-01', effectiveTo: null, amountMinorPerHour: 6000, currency: 'EUR' },
  { id: 'bob', kind: 'cost', personId: 'bob', roleId: null, projectId: null, effectiveFrom: '2026-01-01', effectiveTo: null, amountMinorPerHour: 8000, currency: 'USD' },
];
const fx = createExchangeRateTable([{ date: '2026-10-30', from: 'USD', to: 'EUR', rate: '0.9' }, { date: '2026-11-02', from: 'USD', to: 'EUR', rate: '0.8' }]);

describe('computeActualCosts', () => {
  it('prices approved time at cost rates, converts to the reporting currency and sums per project, month, category', () => {
    const { rows, problems } = computeActualCosts({
      time: [
        { id: 't1', personId: 'ann', roleId: null, projectId: 'p1', date: '2026-10-30', minutes: 480 },
        { id: 't2', personId: 'bob', roleId: null, projectId: 'p1', date: '2026-11-02', minutes: 60 },
        // Correction of t1 posted in November: cancels October's labour in November.
        { id: 't1-rev', personId: 'ann', roleId: null, projectId: 'p1', date: '2026-10-30', postingDate: '2026-11-03', minutes: -480 },
      ],
      costs: [{ id: 'c1', projectId: 'p1', date: '2026-11-02', category: 'external', amountMinor: 10000, currency: 'USD' }],
      rates, fx, reportingCurrency: 'EUR',
    });
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { projectId: 'p1', month: '2026-10', category: 'labour', amountMinor: 48000 },
      { projectId: 'p1', month: '2026-11', category: 'external', amountMinor: 8000 },
      { projectId: 'p1', month: '2026-11', category: 'labour', amountMinor: 6400 - 48000 },
    ]);
  });
  it('a missing rate throws by default and is collected on request', () => {
    const input = {
      time: [{ id: 't9', personId: 'eve', roleId: null, projectId: 'p1', date: '2026-11-02', minutes: 60 }],
      costs: [{ id: 'c9', projectId: 'p1', date: '2026-01-02', category: 'material', amountMinor: 100, currency: 'USD' }],
      rates, fx, reportingCurrency: 'EUR',
    };
    expect(() => computeActualCosts(input)).toThrow(expect.objectContaining({ code: 'FINANCE_RATE_MISSING' }));
    const r = computeActualCosts({ ...input, onMissing: 'collect' });
    expect(r.rows).toEqual([]);
    expect(r.problems.map((p) => [p.sourceId, p.code])).toEqual([['t9', 'FINANCE_RATE_MISSING'], ['c9', 'FINANCE_EXCHANGE_RATE_MISSING']]);
  });
});

describe('cost line CSV import', () => {
  it('parses quotes, CRLF and a BOM', () => {
    expect(parseCsv('\uFEFFa,"b,1","say ""x"""\r\n1,2,3\n')).toEqual([['a', 'b,1', 'say "x"'], ['1', '2', '3']]);
    expect(() => parseCsv('a,"b')).toThrow(expect.objectContaining({ code: 'FINANCE_CSV_MALFORMED' }));
  });
  it('returns good rows and per-line errors', () => {
    const csv = [
      'date,id,project_id,category,amount,currency,note',
      '2026-11-02,c1,p1,external,1234.50,EUR,ok',
      '2026-11-31,c2,p1,external,1,EUR,bad date',
      '2026-11-02,c3,p1,external,1e3,EUR,bad amount',
      '2026-11-02,c1,p1,external,1,EUR,duplicate',
      '2026-11-02,c4,p1,material,99,JPY,',
    ].join('\n');
    const { rows, errors } = parseCostLinesCsv(csv);
    expect(rows).toEqual([
      { id: 'c1', projectId: 'p1', date: '2026-11-02', category: 'external', amountMinor: 123450, currency: 'EUR' },
      { id: 'c4', projectId: 'p1', date: '2026-11-02', category: 'material', amountMinor: 99, currency: 'JPY' },
    ]);
    expect(errors.map((e) => e.line)).toEqual([3, 4, 5]);
    expect(errors[2].message).toMatch(/twice/);
  });
  it('rejects a file without the required header', () => {
    expect(() => parseCostLinesCsv('id,amount\n1,2')).toThrow(expect.objectContaining({ code: 'FINANCE_CSV_HEADER' }));
    expect(() => parseCostLinesCsv('')).toThrow(expect.objectContaining({ code: 'FINANCE_CSV_HEADER' }));
  });
});

describe('timesheet compliance', () => {
  it('lists working days below the expected hours, skipping weekends and holidays', () => {
    const gaps = findTimesheetGaps({
      people: [{ personId: 'ann', expectedMinutesPerDay: 480, holidays: ['2026-11-20'] }, { personId: 'bob', expectedMinutesPerDay: 240 }],
      entries: [
        { personId: 'ann', date: '2026-11-16', minutes: 480 }, { personId: 'ann', date: '2026-11-17', minutes: 240 },
        { personId: 'ann', date: '2026-11-18', minutes: 480 }, { personId: 'ann', date: '2026-11-19', minutes: 480 },
        { personId: 'bob', date: '2026-11-16', minutes: 240 },
      ],
      from: '2026-11-16', to: '2026-11-22',
    });
    expect(gaps.map((g) => `${g.personId} ${g.date} ${g.loggedMinutes}`)).toEqual([
      'ann 2026-11-17 240', 'bob 2026-11-17 0', 'bob 2026-11-18 0', 'bob 2026-11-19 0', 'bob 2026-11-20 0',
    ]);
  });
  it('expects what each person\'s calendar says when given per date (part-timers, vacations, weekend shifts)', () => {
    const gaps = findTimesheetGaps({
      people: [
        // Works Mon-Wed 6 h; on vacation Wednesday (absent from the map).
        { personId: 'pat', expectedMinutesPerDay: 480, expectedByDate: new Map([['2026-11-16', 360], ['2026-11-17', 360]]) },
        // Works the Saturday; the weekday rule does not apply to a calendar.
        { personId: 'sam', expectedMinutesPerDay: 480, expectedByDate: new Map([['2026-11-21', 480], ['2026-11-20', 0]]) },
      ],
      entries: [{ personId: 'pat', date: '2026-11-16', minutes: 360 }, { personId: 'pat', date: '2026-11-17', minutes: 300 }, { personId: 'pat', date: '2026-11-18', minutes: 0 }],
      from: '2026-11-16', to: '2026-11-22',
    });
    expect(gaps.map((g) => `${g.personId} ${g.date} ${g.loggedMinutes}/${g.expectedMinutes}`)).toEqual(['pat 2026-11-17 300/360', 'sam 2026-11-21 0/480']);
  });
  it('round-trips epoch days and bounds the range', () => {
    for (const d of ['1970-01-01', '2000-02-29', '2026-12-31', '1969-12-31']) expect(fromEpochDay(toEpochDay(d))).toBe(d);
    expect(() => findTimesheetGaps({ people: [], entries: [], from: '2026-01-01', to: '2028-01-01' })).toThrow(expect.objectContaining({ code: 'FINANCE_RANGE_TOO_LONG' }));
  });
});
