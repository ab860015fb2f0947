/**
 * The business case editor's draft: time-phased capex and opex, benefit lines by category with their probability,
 * and role demand, one cell per period from the proposal's start (period 0 = now). Pure, unit-tested.
 */
import { parseMoney, type Proposal } from './strategy-api';

export type PeriodsPerYear = 1 | 4 | 12;

export interface CaseDraft {
  /** First day of period 0 (YYYY-MM-DD), '' when not set: the project's start when the proposal becomes one. */
  startDate: string;
  periodsPerYear: PeriodsPerYear;
  /** Discount rate, % a year. */
  rate: string;
  periods: number;
  capex: string[];
  opex: string[];
  benefits: { category: string; probability: string; amounts: string[] }[];
  demand: { role: string; amounts: string[] }[];
}

export const MAX_PERIODS = 240;

const money = (cents: number) => (cents === 0 ? '' : String(cents / 100));
const pad = (row: string[], n: number) => Array.from({ length: n }, (_, i) => row[i] ?? '');

/** Column header of period `i`: Y0, Y1.. (yearly), Q0.. (quarterly), M0.. (monthly); 0 is the start. */
export const periodHeader = (perYear: PeriodsPerYear, i: number): string => `${perYear === 1 ? 'Y' : perYear === 4 ? 'Q' : 'M'}${i}`;

/** The draft of a stored proposal; every row is as long as the longest one (at least one period). */
export function draftFromProposal(p: Pick<Proposal, 'periodsPerYear' | 'annualDiscountRate' | 'capexCents' | 'opexCents' | 'benefits' | 'demand'> & { startDate?: string | null }): CaseDraft {
  const lengths = [p.capexCents.length, p.opexCents.length, ...p.benefits.map((b) => b.amountsCents.length), ...Object.values(p.demand).map((d) => d.length)];
  const n = Math.max(1, ...lengths);
  const perYear = (p.periodsPerYear === 4 || p.periodsPerYear === 12 ? p.periodsPerYear : 1) as PeriodsPerYear;
  return {
    startDate: p.startDate ?? '',
    periodsPerYear: perYear,
    rate: String(Number((p.annualDiscountRate * 100).toFixed(6))),
    periods: n,
    capex: pad(p.capexCents.map(money), n),
    opex: pad(p.opexCents.map(money), n),
    benefits: p.benefits.map((b) => ({ category: b.category, probability: String(Number((b.probability * 100).toFixed(4))), amounts: pad(b.amountsCents.map(money), n) })),
    demand: Object.entries(p.demand).map(([role, xs]) => ({ role, amounts: pad(xs.map((v) => (v === 0 ? '' : String(v))), n) })),
  };
}

/** The draft with `n` periods (cells beyond are dropped, new ones empty). */
export function resizeDraft(d: CaseDraft, n: number): CaseDraft {
  const k = Math.max(1, Math.min(MAX_PERIODS, Math.floor(n) || 1));
  return { ...d, periods: k, capex: pad(d.capex, k), opex: pad(d.opex, k), benefits: d.benefits.map((b) => ({ ...b, amounts: pad(b.amounts, k) })), demand: d.demand.map((r) => ({ ...r, amounts: pad(r.amounts, k) })) };
}

const trimZeros = (xs: number[]) => {
  let n = xs.length;
  while (n > 0 && xs[n - 1] === 0) n--;
  return xs.slice(0, n);
};

export interface CaseBody {
  startDate: string | null;
  periodsPerYear: PeriodsPerYear;
  annualDiscountRate: number;
  capexCents: number[];
  opexCents: number[];
  benefits: { category: string; amountsCents: number[]; probability: number }[];
  demand: Record<string, number[]>;
}

/** The API fields of a draft (empty cells are 0, trailing zeros dropped), or the first cell it cannot read. */
export function caseBody(d: CaseDraft): { body: CaseBody | null; error: string | null } {
  const rate = Number(d.rate);
  if (d.rate.trim() === '' || !Number.isFinite(rate)) return { body: null, error: 'The discount rate must be a number (% a year)' };
  const start = d.startDate.trim();
  if (start !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(start)) return { body: null, error: `The start "${start}" is not a date (YYYY-MM-DD)` };
  const moneyRow = (row: string[], what: string): number[] | string => {
    const out: number[] = [];
    for (const [i, c] of row.entries()) {
      const v = c.trim() === '' ? 0 : parseMoney(c);
      if (v === null) return `${what}, ${periodHeader(d.periodsPerYear, i)}: "${c}" is not an amount of at least 0`;
      out.push(v);
    }
    return trimZeros(out);
  };
  const capex = moneyRow(d.capex, 'Capex');
  if (typeof capex === 'string') return { body: null, error: capex };
  const opex = moneyRow(d.opex, 'Opex');
  if (typeof opex === 'string') return { body: null, error: opex };
  const benefits: CaseBody['benefits'] = [];
  for (const [i, b] of d.benefits.entries()) {
    const label = `Benefit line ${i + 1}`;
    if (!b.category.trim()) return { body: null, error: `${label} needs a category` };
    const p = Number(b.probability);
    if (b.probability.trim() === '' || !Number.isFinite(p) || p < 0 || p > 100) return { body: null, error: `${label}: the probability must be 0 to 100 %` };
    const amounts = moneyRow(b.amounts, label);
    if (typeof amounts === 'string') return { body: null, error: amounts };
    benefits.push({ category: b.category.trim(), amountsCents: amounts, probability: p / 100 });
  }
  const demand: Record<string, number[]> = {};
  for (const r of d.demand) {
    const role = r.role.trim();
    if (!role) return { body: null, error: 'A demand row needs a role' };
    if (role in demand) return { body: null, error: `The role "${role}" has two demand rows` };
    const out: number[] = [];
    for (const [i, c] of r.amounts.entries()) {
      const v = c.trim() === '' ? 0 : Number(c);
      if (!Number.isFinite(v) || v < 0) return { body: null, error: `Demand of ${role}, ${periodHeader(d.periodsPerYear, i)}: "${c}" is not a number of at least 0` };
      out.push(v);
    }
    demand[role] = trimZeros(out);
  }
  return { body: { startDate: start === '' ? null : start, periodsPerYear: d.periodsPerYear, annualDiscountRate: rate / 100, capexCents: capex, opexCents: opex, benefits, demand }, error: null };
}
