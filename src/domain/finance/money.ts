import { FinanceError } from './finance-error.js';

/**
 * Rounding used when an exact amount falls between two minor units.
 * - `half-up`: ties away from zero (commercial rounding; the default everywhere in pmo, and what EN 16931 invoices expect).
 * - `half-even`: ties to the even neighbour (banker's rounding; opt in for large aggregations).
 */
export type RoundingMode = 'half-up' | 'half-even';

/** The rounding mode used when a function is not told otherwise. */
export const DEFAULT_ROUNDING: RoundingMode = 'half-up';

/** An amount in integer minor units (cents) of an ISO 4217 currency. */
export interface Money {
  amountMinor: number;
  currency: string;
}

const EXPONENTS: Record<string, number> = {
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0,
  VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
};

/** Number of minor-unit digits of an ISO 4217 code (2 unless listed); throws on a malformed code. */
export function currencyExponent(currency: string): number {
  assertCurrencyCode(currency);
  return EXPONENTS[currency] ?? 2;
}

/** Throws FINANCE_INVALID_CURRENCY unless `currency` is three upper-case letters. */
export function assertCurrencyCode(currency: string): void {
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) {
    throw new FinanceError('FINANCE_INVALID_CURRENCY', `currency must be an ISO 4217 code like "EUR", got "${String(currency)}"`);
  }
}

/** Throws FINANCE_INVALID_AMOUNT unless `value` is a safe integer (minor units). */
export function assertMinorUnits(name: string, value: number): void {
  if (!Number.isSafeInteger(value)) {
    throw new FinanceError('FINANCE_INVALID_AMOUNT', `${name} must be an integer number of minor units, got ${String(value)}`);
  }
}

/** numerator / denominator rounded to an integer with `mode`; denominator must not be 0. */
export function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode = DEFAULT_ROUNDING): bigint {
  if (denominator === 0n) throw new FinanceError('FINANCE_DIVISION_BY_ZERO', 'division by zero');
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const q = numerator / denominator; // truncates toward zero
  const r = numerator - q * denominator;
  if (r === 0n) return q;
  const twiceAbsR = (r < 0n ? -r : r) * 2n;
  const away = numerator < 0n ? q - 1n : q + 1n;
  if (twiceAbsR > denominator) return away;
  if (twiceAbsR < denominator) return q;
  if (mode === 'half-up') return away;
  return q % 2n === 0n ? q : away;
}

/** a x b / c rounded, exact in between (bigint), returned as a safe integer number. */
export function multiplyDivide(a: number, b: number, c: number, mode: RoundingMode = DEFAULT_ROUNDING): number {
  assertMinorUnits('a', a);
  assertMinorUnits('b', b);
  assertMinorUnits('c', c);
  return toSafeNumber(divideRounded(BigInt(a) * BigInt(b), BigInt(c), mode));
}

/** Converts a bigint to a number, throwing FINANCE_OVERFLOW when it is outside the safe-integer range. */
export function toSafeNumber(v: bigint): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new FinanceError('FINANCE_OVERFLOW', `amount ${v} exceeds the safe integer range`);
  }
  return Number(v);
}

/** Sums minor-unit amounts, throwing on overflow instead of losing precision. */
export function sumMinor(values: readonly number[]): number {
  let total = 0n;
  for (const v of values) {
    assertMinorUnits('amount', v);
    total += BigInt(v);
  }
  return toSafeNumber(total);
}

/** A decimal string ("12.5", "-0.07") as an exact scaled integer: value = units / 10^scale. */
export interface ScaledDecimal {
  units: bigint;
  scale: number;
}

/** Parses a plain decimal string (no exponent, no thousands separator); throws FINANCE_INVALID_DECIMAL. */
export function parseDecimal(text: string): ScaledDecimal {
  if (typeof text !== 'string' || !/^-?\d+(\.\d+)?$/.test(text)) {
    throw new FinanceError('FINANCE_INVALID_DECIMAL', `"${String(text)}" is not a plain decimal number`);
  }
  const negative = text.startsWith('-');
  const [int, frac = ''] = (negative ? text.slice(1) : text).split('.');
  const units = BigInt(int + frac);
  return { units: negative ? -units : units, scale: frac.length };
}

/** Parses a decimal amount string ("1234.5") into minor units of `currency`, rounding extra digits with `mode`. */
export function parseAmountToMinor(text: string, currency: string, mode: RoundingMode = DEFAULT_ROUNDING): number {
  const { units, scale } = parseDecimal(text);
  const exp = currencyExponent(currency);
  if (scale <= exp) return toSafeNumber(units * 10n ** BigInt(exp - scale));
  return toSafeNumber(divideRounded(units, 10n ** BigInt(scale - exp), mode));
}

/** Formats minor units as a plain decimal string with the currency's digits ("-12.05"); no grouping, no symbol. */
export function formatMinor(amountMinor: number, currency: string): string {
  assertMinorUnits('amountMinor', amountMinor);
  const exp = currencyExponent(currency);
  return formatScaled(BigInt(amountMinor), exp);
}

/** Formats `units / 10^scale` as a plain decimal string with exactly `scale` decimals. */
export function formatScaled(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const body = scale === 0 ? digits : `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  return negative ? `-${body}` : body;
}

/** Cost of `minutes` at `rateMinorPerHour`, rounded once to minor units. */
export function computeTimeAmountMinor(minutes: number, rateMinorPerHour: number, mode: RoundingMode = DEFAULT_ROUNDING): number {
  return multiplyDivide(minutes, rateMinorPerHour, 60, mode);
}
