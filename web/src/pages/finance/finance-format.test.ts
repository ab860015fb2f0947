import { describe, expect, it } from 'vitest';
import { addDays, buildGridRows, pickableTimesheetPeople, formatBytes, formatHours, formatMoney, gridToEntries, mapEntryErrors, minorToInput, mondayOf, monthEnds, parseHours, parseMoneyInput, sCurveDates, type GridEntry } from './finance-format';

const entry = (over: Partial<GridEntry>): GridEntry => ({
  id: 'e1', projectId: 'p1', projectName: 'Apollo', projectCode: 'APL', taskId: 't1', taskName: 'Build', date: '2026-11-23',
  minutes: 480, billable: true, comment: null, state: 'draft', reason: null, reversalOf: null, ...over,
});

describe('parseHours', () => {
  it.each([
    ['', 0], ['7.5', 450], ['7,5', 450], ['7:30', 450], ['0:05', 5], ['24', 1440], ['8', 480],
  ])('%s -> %i minutes', (text, minutes) => expect(parseHours(text)).toEqual({ minutes }));
  it.each(['abc', '-1', '25', '7:75', '1.234', '7.5h'])('refuses %s with a message', (text) => {
    const r = parseHours(text);
    expect('error' in r && r.error.length > 0).toBe(true);
  });
});

describe('weeks and months', () => {
  it.each([['2026-11-25', '2026-11-23'], ['2026-11-23', '2026-11-23'], ['2026-11-29', '2026-11-23'], ['2027-01-01', '2026-12-28']])('mondayOf(%s) = %s', (d, m) => expect(mondayOf(d)).toBe(m));
  it('adds days across a year end', () => expect(addDays('2026-12-30', 3)).toBe('2027-01-02'));
  it('lists month ends, thinned but keeping the last', () => {
    expect(monthEnds('2026-11-02', '2027-02-10')).toEqual(['2026-11-30', '2026-12-31', '2027-01-31', '2027-02-28']);
    const many = monthEnds('2020-01-01', '2026-12-31', 10);
    expect(many.length).toBeLessThanOrEqual(11);
    expect(many[many.length - 1]).toBe('2026-12-31');
  });
});

describe('formatting', () => {
  it('formats money from minor units', () => expect(formatMoney(358125, 'EUR')).toBe('€3,581.25'));
  it('shows a dash for a null amount', () => expect(formatMoney(null, 'EUR')).toBe('—'));
  it('formats hours', () => { expect(formatHours(450)).toBe('7.5'); expect(formatHours(0)).toBe(''); expect(formatHours(20)).toBe('0.33'); });
});

describe('timesheet grid', () => {
  it('groups entries by project/task and editability, adding a day\'s entries', () => {
    const rows = buildGridRows([
      entry({ id: 'a', minutes: 240 }), entry({ id: 'b', minutes: 60 }), entry({ id: 'c', date: '2026-11-24', minutes: 450 }),
      entry({ id: 'd', state: 'approved', minutes: 120 }),
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ editable: true, label: 'APL · Apollo / Build' });
    expect(rows[0]!.cells['2026-11-23']).toEqual({ text: '5', ids: ['a', 'b'] });
    expect(rows[1]).toMatchObject({ editable: false, states: ['approved'] });
  });

  it('turns editable cells into PUT entries, reusing ids, dropping empty cells and reporting bad cells', () => {
    const rows = buildGridRows([entry({ id: 'a' }), entry({ id: 'x', state: 'submitted', date: '2026-11-24' })]);
    rows[0]!.cells['2026-11-24'] = { text: '7:30', ids: [] };
    rows[0]!.cells['2026-11-25'] = { text: '', ids: [] };
    rows[0]!.cells['2026-11-26'] = { text: 'lots', ids: [] };
    const out = gridToEntries(rows, ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26']);
    expect(out.entries.map((e) => e.entry)).toEqual([
      { id: 'a', projectId: 'p1', taskId: 't1', date: '2026-11-23', minutes: 480, billable: true, comment: null },
      { projectId: 'p1', taskId: 't1', date: '2026-11-24', minutes: 450, billable: true, comment: null },
    ]);
    expect(Object.keys(out.errors)).toEqual([`${rows[0]!.key}@2026-11-26`]);
  });

  it('maps 422 errors entries.<i>.<CODE> back to the cell that was sent', () => {
    const rows = buildGridRows([entry({ id: 'a' })]);
    const { entries } = gridToEntries(rows, ['2026-11-23']);
    const mapped = mapEntryErrors([{ path: 'entries.0.DAY_OVER_MAXIMUM', message: 'too much' }, { path: 'body', message: 'other' }], entries);
    expect(mapped.cells).toEqual({ [`${rows[0]!.key}@2026-11-23`]: 'too much' });
    expect(mapped.general).toEqual(['too much', 'other']);
  });
});

describe('sCurveDates', () => {
  it('uses Sundays for a short elapsed span, then month ends to the finish', () => {
    expect(sCurveDates('2026-11-02', '2026-11-25', '2027-01-15')).toEqual(['2026-11-02', '2026-11-08', '2026-11-15', '2026-11-22', '2026-11-25', '2026-11-30', '2026-12-31', '2027-01-31']);
  });
  it('uses month ends for a long elapsed span and stays bounded', () => {
    const d = sCurveDates('2024-01-10', '2026-11-25', '2028-12-31');
    expect(d[0]).toBe('2024-01-10');
    expect(d).toContain('2026-11-25');
    expect(d.length).toBeLessThanOrEqual(28);
    expect([...d].sort()).toEqual(d);
  });
  it('handles a status date before the start', () => expect(sCurveDates('2026-11-25', '2026-11-25', '2026-11-25')).toEqual(['2026-11-25', '2026-11-30']));
});

describe('parseMoneyInput', () => {
  it.each([
    ['1250', 125_000], ['1,250.50', 125_050], ['1.250,50', 125_050], ['1250,5', 125_050], ['0.07', 7], [' 12 500 ', 1_250_000],
    ['', null], ['abc', null], ['1.234', null], ['-300', null], ['1e3', null],
  ])('%s -> %s', (text, want) => expect(parseMoneyInput(text)).toBe(want));
  it('allows negative amounts where deltas are expected', () => {
    expect(parseMoneyInput('-300.25', true)).toBe(-30_025);
  });
  it('round-trips with minorToInput', () => {
    for (const v of [0, 5, 125_050, -30_025]) expect(parseMoneyInput(minorToInput(v), true)).toBe(v);
  });
});

describe('formatBytes', () => {
  it.each([[512, '512 B'], [2048, '2 KB'], [1_572_864, '1.5 MB']])('%s -> %s', (n, want) => expect(formatBytes(n)).toBe(want));
});

describe('pickableTimesheetPeople', () => {
  const people = [
    { id: 'p1', name: 'Ann', userId: 'u1', lineManagerId: 'u9', active: true },
    { id: 'p2', name: 'Bo', userId: 'u2', lineManagerId: 'u1', active: true },
    { id: 'p3', name: 'Cy', userId: null, lineManagerId: 'u1', active: false },
    { id: 'p4', name: 'Di', userId: null, lineManagerId: null, active: true },
  ];
  it.each([
    ['finance sees every active person', { id: 'u5', orgRole: 'finance' }, ['p1', 'p2', 'p4']],
    ['the PMO reads every active person', { id: 'u6', orgRole: 'pmo' }, ['p1', 'p2', 'p4']],
    ['a line manager sees themself and their active people', { id: 'u1', orgRole: 'member' }, ['p1', 'p2']],
    ['a manager with no person record sees only their people', { id: 'u9', orgRole: 'portfolio_manager' }, ['p1']],
    ['a member who manages nobody gets no picker', { id: 'u2', orgRole: 'member' }, []],
  ])('%s', (_name, user, ids) => expect(pickableTimesheetPeople(user, people).map((p) => p.id)).toEqual(ids));
  it('offers nothing before the session is known', () => expect(pickableTimesheetPeople(null, people)).toEqual([]));
});
