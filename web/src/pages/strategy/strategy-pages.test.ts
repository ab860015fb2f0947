import { describe, expect, it } from 'vitest';
import { parseRow, periodLabels, resizeRow, roleLimits } from './optimizer-periods';
import { intakeAnswers, formatIntakeAnswer, type IntakeField } from './intake-inputs';
import { proposalBody } from './new-proposal-dialog';
import { recycleTargets, roleLabel } from '../gates/gates-api';
import { keyFromLabel } from './intake-form-page';

describe('periodLabels', () => {
  it.each<[string, number, 4 | 12, string[]]>([
    ['2027-11', 3, 12, ['2027-11', '2027-12', '2028-01']],
    ['2027-05', 3, 4, ['2027-Q2', '2027-Q3', '2027-Q4']],
    ['2027-12', 2, 4, ['2027-Q4', '2028-Q1']],
    ['nonsense', 3, 12, []],
  ])('%s x %i (%i a year)', (first, n, g, out) => expect(periodLabels(first, n, g)).toEqual(out));
});

describe('parseRow', () => {
  const labels = ['2027-01', '2027-02'];
  it.each<[string[], 'money' | 'amount', number[] | null, RegExp | null]>([
    [['', ' '], 'money', null, null],
    [['1,000', '2.5'], 'money', [100_000, 250], null],
    [['3', '0'], 'amount', [3, 0], null],
    [['3', ''], 'amount', null, /2027-02: empty/],
    [['x', '1'], 'money', null, /2027-01: "x" is not/],
    [['-1', '1'], 'amount', null, /not a non-negative number/],
  ])('%j as %s', (row, kind, values, error) => {
    const r = parseRow(row, labels, kind);
    expect(r.values).toEqual(values);
    if (error) expect(r.error).toMatch(error);
    else expect(r.error).toBeNull();
  });
  it('resizes a typed row', () => expect(resizeRow(['1'], 3)).toEqual(['1', '', '']));
});

describe('proposalBody', () => {
  it('turns benefit lines by category with probability into yearly profiles', () => {
    const b = proposalBody({ name: 'X', description: '', cost: '1000', opex: '100', opexYears: '2', rate: '10', mandatory: false }, [
      { category: 'savings', perYear: '500', years: '2', probability: '80' },
      { category: ' ', perYear: '50', years: '1', probability: '100' },
      { category: 'revenue', perYear: '', years: '3', probability: '100' },
    ]);
    expect(b).toMatchObject({ capexCents: [100_000], opexCents: [0, 10_000, 10_000], annualDiscountRate: 0.1, periodsPerYear: 1 });
    expect(b.benefits).toEqual([
      { category: 'savings', amountsCents: [0, 50_000, 50_000], probability: 0.8 },
      { category: 'benefit', amountsCents: [0, 5_000], probability: 1 },
    ]);
  });
});

describe('intake answers', () => {
  const fields = [
    { key: 'n', label: 'N', type: 'number', required: false },
    { key: 't', label: 'T', type: 'text', required: true },
    { key: 'm', label: 'M', type: 'multi-select', required: false, options: ['a', 'b'] },
    { key: 'c', label: 'C', type: 'checkbox', required: false },
  ] as IntakeField[];
  it('parses numbers, leaves empty answers out (the server checks the required ones)', () => {
    expect(intakeAnswers(fields, { n: '42', t: '', m: [], c: false })).toEqual({ n: 42, c: false });
    expect(intakeAnswers(fields, { n: 'abc' })).toEqual({ n: 'abc' });
  });
  it('formats answers', () => expect([formatIntakeAnswer(true), formatIntakeAnswer(['a', 'b']), formatIntakeAnswer(null)]).toEqual(['yes', 'a, b', '—']));
});

describe('gate helpers', () => {
  const stages = ['idea', 'proposal', 'approved'].map((k) => ({ key: k, name: k }));
  it('recycles to the current stage or an earlier one, latest first', () => expect(recycleTargets(stages, 'proposal').map((s) => s.key)).toEqual(['proposal', 'idea']));
  it('labels roles', () => expect([roleLabel('pmo'), roleLabel('project_manager')]).toEqual(['PMO', 'Project manager']));
});

describe('keyFromLabel (intake field keys)', () => {
  it.each<[string, string]>([
    ['Business unit', 'business_unit'],
    ['Überblick Äpfel', 'uberblick_apfel'],
    ['2027 target', 'f_2027_target'],
  ])('%s -> %s', (label, key) => expect(keyFromLabel(label)).toBe(key));
});

describe('roleLimits', () => {
  const labels = ['2027-01', '2027-02'];
  it('sends a role that uses available capacity by its resources role, the others as typed rows', () => {
    expect(roleLimits(['analyst', 'developer', 'tester'], { analyst: ['3', '4'], developer: ['9', '9'], tester: ['', ''] }, { developer: 'role-dev', tester: '' }, labels)).toEqual({
      capacity: { analyst: [3, 4] },
      availableCapacity: { developer: 'role-dev' },
      error: null,
    });
  });

  it('names a typed row it cannot read, ignoring the typed row of a role that uses available capacity', () => {
    expect(roleLimits(['analyst'], { analyst: ['3', 'x'] }, {}, labels).error).toMatch(/Capacity of analyst 2027-02: "x"/);
    expect(roleLimits(['analyst'], { analyst: ['3', 'x'] }, { analyst: 'role-ba' }, labels).error).toBeNull();
  });
});
