import { FinError } from './fin-errors.js';
import { assertFlows, yearFractions } from './present-value.js';

/**
 * Outcome of an IRR/XIRR search. `undefined` is a normal result (e.g. no sign change in the
 * flows), never an exception. When several rates zero the NPV, `roots` lists all found (ascending)
 * and `rate` is the one nearest the guess, as a spreadsheet started from that guess would return.
 */
export type RateResult =
  | { status: 'ok'; rate: number; roots: number[]; signChanges: number; multipleRoots: boolean }
  | { status: 'undefined'; reason: 'no-sign-change' | 'no-root-found'; roots: number[]; signChanges: number };

/** Options for irr/xirr. */
export interface RateOptions {
  /** Starting estimate used to pick among several roots (default 0.1, the spreadsheet default). */
  guess?: number;
}

/** Number of sign changes in the coefficients ordered by exponent (Descartes' bound on positive roots). */
export function countSignChanges(values: readonly number[]): number {
  let last = 0;
  let changes = 0;
  for (const v of values) {
    if (v === 0) continue;
    const s = Math.sign(v);
    if (last !== 0 && s !== last) changes++;
    last = s;
  }
  return changes;
}

/** Sign-preserving scaled value of f(x) = sum v_i x^t_i, evaluated in log space to avoid overflow. */
function scaledValue(v: Float64Array, t: Float64Array, lnX: number): number {
  let s = -Infinity;
  for (let i = 0; i < v.length; i++) s = Math.max(s, t[i]! * lnX);
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * Math.exp(t[i]! * lnX - s);
  return sum;
}

/**
 * All rates r > -1 where sum v_i (1+r)^(-t_i) = 0, found by scanning x = 1/(1+r) on a log grid
 * (r from about -0.999999 to 1e10) and bisecting every sign change. Touching (even) roots can be missed.
 */
export function findRateRoots(values: readonly number[], times: readonly number[], guess = 0.1): RateResult {
  // Merge equal exponents and order by exponent for Descartes' rule.
  const merged = new Map<number, number>();
  values.forEach((v, i) => merged.set(times[i]!, (merged.get(times[i]!) ?? 0) + v));
  const entries = [...merged.entries()].filter(([, v]) => v !== 0).sort((a, b) => a[0] - b[0]);
  const signChanges = countSignChanges(entries.map(([, v]) => v));
  if (signChanges === 0) return { status: 'undefined', reason: 'no-sign-change', roots: [], signChanges };
  const t = Float64Array.from(entries, ([k]) => k);
  const v = Float64Array.from(entries, ([, val]) => val);
  // Normalise magnitudes so tolerances do not depend on currency size.
  const scale = Math.max(...Array.from(v, Math.abs));
  for (let i = 0; i < v.length; i++) v[i]! /= scale;
  const lo = Math.log(1e-10);
  const hi = Math.log(1e6);
  const steps = 6000;
  const roots: number[] = [];
  let prevLn = lo;
  let prevF = scaledValue(v, t, lo);
  for (let k = 1; k <= steps; k++) {
    const ln = lo + ((hi - lo) * k) / steps;
    const f = scaledValue(v, t, ln);
    if (prevF === 0) {
      roots.push(Math.exp(-prevLn) - 1);
    } else if (f !== 0 && Math.sign(f) !== Math.sign(prevF)) {
      let a = prevLn;
      let b = ln;
      let fa = prevF;
      for (let it = 0; it < 200 && b - a > 1e-15; it++) {
        const mid = 0.5 * (a + b);
        const fm = scaledValue(v, t, mid);
        if (fm === 0) {
          a = b = mid;
          break;
        }
        if (Math.sign(fm) === Math.sign(fa)) {
          a = mid;
          fa = fm;
        } else b = mid;
      }
      roots.push(Math.exp(-0.5 * (a + b)) - 1);
    }
    prevLn = ln;
    prevF = f;
  }
  if (prevF === 0) roots.push(Math.exp(-prevLn) - 1);
  roots.sort((a, b) => a - b);
  const distinct = roots.filter((r, i) => i === 0 || Math.abs(r - roots[i - 1]!) > 1e-9 * Math.max(1, Math.abs(r)));
  if (distinct.length === 0) return { status: 'undefined', reason: 'no-root-found', roots: [], signChanges };
  let rate = distinct[0]!;
  for (const r of distinct) if (Math.abs(r - guess) < Math.abs(rate - guess)) rate = r;
  return { status: 'ok', rate, roots: distinct, signChanges, multipleRoots: distinct.length > 1 };
}

/**
 * Spreadsheet IRR over periodic flows (flows[0] at time 0): the periodic rate where the NPV of the
 * flows is zero. Returns status 'undefined' when there is no sign change or no root.
 */
export function irr(flows: readonly number[], options: RateOptions = {}): RateResult {
  assertFlows(flows);
  const guess = options.guess ?? 0.1;
  if (!(guess > -1) || !Number.isFinite(guess)) throw new FinError('INVALID_RATE', `guess must be > -1, got ${guess}`);
  return findRateRoots(flows, flows.map((_, i) => i), guess);
}

/** Spreadsheet XIRR over dated flows (day numbers; exponent = days since the first date / 365). */
export function xirr(flows: readonly number[], dayNumbers: readonly number[], options: RateOptions = {}): RateResult {
  const t = yearFractions(flows, dayNumbers);
  const guess = options.guess ?? 0.1;
  if (!(guess > -1) || !Number.isFinite(guess)) throw new FinError('INVALID_RATE', `guess must be > -1, got ${guess}`);
  return findRateRoots(flows, t, guess);
}
