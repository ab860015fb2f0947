import { describe, expect, it } from 'vitest';
import { pruneIntakeAnswers, validateIntakeAnswers, validateIntakeForm, type IntakeAnswers, type IntakeField } from '../index.js';

const form: IntakeField[] = [
  { key: 'sponsor', label: 'Sponsor', type: 'text', required: true },
  { key: 'why', label: 'Problem statement', type: 'long-text', required: false },
  { key: 'headcount', label: 'People affected', type: 'number', required: false, min: 0, max: 100000 },
  { key: 'go_live', label: 'Wanted by', type: 'date', required: false },
  { key: 'kind', label: 'Kind of demand', type: 'select', required: true, options: ['idea', 'regulatory', 'maintenance'] },
  { key: 'units', label: 'Business units', type: 'multi-select', required: false, options: ['sales', 'ops', 'finance'] },
  { key: 'gdpr', label: 'Personal data involved', type: 'checkbox', required: false },
  { key: 'doc', label: 'One-pager', type: 'url', required: false },
];

describe('validateIntakeForm', () => {
  it('accepts a well-formed form', () => expect(() => validateIntakeForm(form)).not.toThrow());
  it.each<[string, IntakeField[], RegExp]>([
    ['bad key', [{ key: 'Bad Key', label: 'X', type: 'text', required: false }], /must start with a letter/],
    ['duplicate key', [{ key: 'a', label: 'A', type: 'text', required: false }, { key: 'a', label: 'B', type: 'text', required: false }], /used twice/],
    ['no label', [{ key: 'a', label: ' ', type: 'text', required: false }], /needs a label/],
    ['unknown type', [{ key: 'a', label: 'A', type: 'colour' as never, required: false }], /unknown type/],
    ['select without options', [{ key: 'a', label: 'A', type: 'select', required: false, options: [] }], /at least one option/],
    ['duplicate option', [{ key: 'a', label: 'A', type: 'multi-select', required: false, options: ['x', 'x'] }], /listed twice/],
    ['options on text', [{ key: 'a', label: 'A', type: 'text', required: false, options: ['x'] }], /only select/],
    ['bounds on text', [{ key: 'a', label: 'A', type: 'text', required: false, min: 1 }], /only number/],
    ['min above max', [{ key: 'a', label: 'A', type: 'number', required: false, min: 5, max: 1 }], /min must not exceed max/],
  ])('refuses %s', (_n, f, msg) => expect(() => validateIntakeForm(f)).toThrow(msg));
});

describe('validateIntakeAnswers', () => {
  const ok: IntakeAnswers = { sponsor: '  Dana  ', kind: 'regulatory' };
  it.each<[string, IntakeAnswers, IntakeAnswers]>([
    ['required only, trimmed', ok, { sponsor: 'Dana', kind: 'regulatory' }],
    ['every type', { ...ok, why: 'x', headcount: 40, go_live: '2027-03-31', units: ['ops', 'ops', 'sales'], gdpr: true, doc: 'https://wiki.example.com/p' }, { sponsor: 'Dana', kind: 'regulatory', why: 'x', headcount: 40, go_live: '2027-03-31', units: ['ops', 'sales'], gdpr: true, doc: 'https://wiki.example.com/p' }],
    ['empty optional answers are dropped', { ...ok, why: '', units: [], headcount: null }, { sponsor: 'Dana', kind: 'regulatory' }],
    ['an unticked checkbox is kept', { ...ok, gdpr: false }, { sponsor: 'Dana', kind: 'regulatory', gdpr: false }],
  ])('%s', (_n, answers, out) => expect(validateIntakeAnswers(form, answers)).toEqual(out));

  it.each<[string, IntakeAnswers, RegExp]>([
    ['missing required', { kind: 'idea' }, /"Sponsor" is required/],
    ['blank required', { sponsor: '   ', kind: 'idea' }, /"Sponsor" is required/],
    ['unknown field', { ...ok, colour: 'red' }, /no field "colour"/],
    ['text as number', { ...ok, why: 5 }, /must be text/],
    ['number below min', { ...ok, headcount: -1 }, /at least 0/],
    ['number as text', { ...ok, headcount: '40' }, /must be a number/],
    ['impossible date', { ...ok, go_live: '2027-02-30' }, /real date/],
    ['choice not offered', { ...ok, kind: 'wish' }, /must be one of/],
    ['multi-select with a stranger', { ...ok, units: ['ops', 'hr'] }, /must be a list of/],
    ['checkbox as text', { ...ok, gdpr: 'yes' }, /true or false/],
    ['script link', { ...ok, doc: 'javascript:alert(1)' }, /http\(s\) link/],
  ])('refuses %s', (_n, answers, msg) => expect(() => validateIntakeAnswers(form, answers)).toThrow(msg));

  it('prunes stored answers of removed fields', () => {
    expect(pruneIntakeAnswers(form.slice(0, 1), { sponsor: 'Dana', old: 'x' })).toEqual({ sponsor: 'Dana' });
  });
});
