import { PortfolioError } from '../portfolio-errors.js';

/** Field types of the proposal intake form. */
export const INTAKE_FIELD_TYPES = ['text', 'long-text', 'number', 'date', 'select', 'multi-select', 'checkbox', 'url'] as const;
export type IntakeFieldType = (typeof INTAKE_FIELD_TYPES)[number];

/** One extra field an admin adds to the proposal form; `key` is stable (answers are stored under it). */
export interface IntakeField {
  key: string;
  label: string;
  type: IntakeFieldType;
  required: boolean;
  /** Choices of select and multi-select fields. */
  options?: string[];
  help?: string;
  /** Bounds of number fields. */
  min?: number;
  max?: number;
}

/** An answer as sent and stored: text, number, date text, choices, a checkbox, or null for "no answer". */
export type IntakeAnswer = string | number | boolean | string[] | null;
export type IntakeAnswers = Record<string, IntakeAnswer>;

const KEY = /^[a-z][a-z0-9_]{0,63}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const fail = (msg: string): never => {
  throw new PortfolioError('INVALID_INTAKE', msg);
};

/** Checks a form: unique stable keys, labels, options for choice fields (unique, non-empty), sane number bounds. */
export function validateIntakeForm(fields: IntakeField[]): void {
  const keys = new Set<string>();
  for (const f of fields) {
    if (typeof f.key !== 'string' || !KEY.test(f.key)) fail(`field key "${String(f.key)}" must start with a letter and use lower-case letters, digits and _`);
    if (keys.has(f.key)) fail(`field key "${f.key}" is used twice`);
    keys.add(f.key);
    if (typeof f.label !== 'string' || f.label.trim() === '') fail(`field "${f.key}" needs a label`);
    if (!(INTAKE_FIELD_TYPES as readonly string[]).includes(f.type)) fail(`field "${f.key}" has unknown type "${String(f.type)}"`);
    const choice = f.type === 'select' || f.type === 'multi-select';
    if (choice) {
      if (!Array.isArray(f.options) || f.options.length === 0) fail(`field "${f.key}" (${f.type}) needs at least one option`);
      const seen = new Set<string>();
      for (const o of f.options!) {
        if (typeof o !== 'string' || o.trim() === '') fail(`field "${f.key}": options must be non-empty text`);
        if (seen.has(o)) fail(`field "${f.key}": option "${o}" is listed twice`);
        seen.add(o);
      }
    } else if (f.options !== undefined && f.options.length > 0) {
      fail(`field "${f.key}": only select and multi-select fields have options`);
    }
    if ((f.min !== undefined || f.max !== undefined) && f.type !== 'number') fail(`field "${f.key}": only number fields have min and max`);
    if (f.min !== undefined && f.max !== undefined && !(f.min <= f.max)) fail(`field "${f.key}": min must not exceed max`);
  }
}

const isEmpty = (v: IntakeAnswer | undefined): boolean => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * Validates answers against the form and returns them normalised (text trimmed, empty answers dropped). Unknown keys,
 * wrong types, choices not among the options, numbers out of bounds, bad dates or non-http(s) links, and missing
 * required answers throw PortfolioError INVALID_INTAKE naming the field (by its label).
 */
export function validateIntakeAnswers(fields: IntakeField[], answers: IntakeAnswers): IntakeAnswers {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  for (const k of Object.keys(answers)) if (!byKey.has(k)) fail(`the intake form has no field "${k}"`);
  const out: IntakeAnswers = {};
  for (const f of fields) {
    const v = answers[f.key];
    if (isEmpty(v) || (f.type === 'checkbox' && v === false && f.required)) {
      if (f.required) fail(`"${f.label}" is required`);
      if (f.type === 'checkbox' && v === false) out[f.key] = false;
      continue;
    }
    const bad = (what: string): never => fail(`"${f.label}" ${what}`);
    switch (f.type) {
      case 'text':
      case 'long-text': {
        if (typeof v !== 'string') bad('must be text');
        const t = (v as string).trim();
        if (t.length > (f.type === 'text' ? 500 : 20_000)) bad('is too long');
        if (t === '') {
          if (f.required) bad('is required');
          continue;
        }
        out[f.key] = t;
        break;
      }
      case 'number':
        if (typeof v !== 'number' || !Number.isFinite(v)) bad('must be a number');
        if (f.min !== undefined && (v as number) < f.min) bad(`must be at least ${f.min}`);
        if (f.max !== undefined && (v as number) > f.max) bad(`must be at most ${f.max}`);
        out[f.key] = v;
        break;
      case 'date': {
        if (typeof v !== 'string' || !DATE.test(v)) bad('must be a date (YYYY-MM-DD)');
        const d = new Date(`${v as string}T00:00:00Z`);
        if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v) bad('must be a real date');
        out[f.key] = v;
        break;
      }
      case 'select':
        if (typeof v !== 'string' || !f.options!.includes(v)) bad(`must be one of ${f.options!.map((o) => `"${o}"`).join(', ')}`);
        out[f.key] = v;
        break;
      case 'multi-select': {
        if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || !f.options!.includes(x))) bad(`must be a list of ${f.options!.map((o) => `"${o}"`).join(', ')}`);
        out[f.key] = [...new Set(v as string[])];
        break;
      }
      case 'checkbox':
        if (typeof v !== 'boolean') bad('must be true or false');
        out[f.key] = v;
        break;
      case 'url':
        if (typeof v !== 'string' || !/^https?:\/\/[^\s]+$/i.test(v) || v.length > 2000) bad('must be an http(s) link');
        out[f.key] = v;
        break;
    }
  }
  return out;
}

/** Stored answers restricted to the form's current fields (answers to removed fields are not shown or checked). */
export function pruneIntakeAnswers(fields: IntakeField[], answers: IntakeAnswers): IntakeAnswers {
  const keys = new Set(fields.map((f) => f.key));
  return Object.fromEntries(Object.entries(answers).filter(([k]) => keys.has(k)));
}
