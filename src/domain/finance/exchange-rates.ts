import { FinanceError } from './finance-error.js';
import { assertIsoDate, toEpochDay } from './iso-date.js';
import {
  assertCurrencyCode, assertMinorUnits, currencyExponent, DEFAULT_ROUNDING, divideRounded, parseDecimal,
  toSafeNumber, type Money, type RoundingMode, type ScaledDecimal,
} from './money.js';

/** One row of the dated exchange-rate table: 1 unit of `from` = `rate` units of `to` on `date`. */
export interface ExchangeRate {
  date: string;
  from: string;
  to: string;
  /** Decimal string, e.g. "1.0834"; never a float. */
  rate: string;
}

/** Lookup options. */
export interface ExchangeRateOptions {
  /** Use the latest rate at most this many days before the date (weekends, holidays). Default 7; 0 = same day only. */
  maxAgeDays?: number;
}

/** A resolved rate: units of the target currency per unit of the source, as an exact fraction. */
export interface ResolvedRate {
  numerator: bigint;
  denominator: bigint;
  rateDate: string;
  inverted: boolean;
}

/** An indexed exchange-rate table; build it once with createExchangeRateTable and reuse it. */
export interface ExchangeRateTable {
  readonly byPair: ReadonlyMap<string, ReadonlyArray<{ day: number; date: string; rate: ScaledDecimal }>>;
  readonly maxAgeDays: number;
}

/** Validates and indexes rates by currency pair (sorted by date); duplicate pair+date rows are an error. */
export function createExchangeRateTable(rates: readonly ExchangeRate[], options: ExchangeRateOptions = {}): ExchangeRateTable {
  const maxAgeDays = options.maxAgeDays ?? 7;
  if (!Number.isInteger(maxAgeDays) || maxAgeDays < 0) {
    throw new FinanceError('FINANCE_INVALID_OPTION', `maxAgeDays must be a non-negative integer, got ${maxAgeDays}`);
  }
  const byPair = new Map<string, Array<{ day: number; date: string; rate: ScaledDecimal }>>();
  for (const r of rates) {
    assertCurrencyCode(r.from);
    assertCurrencyCode(r.to);
    assertIsoDate('exchange rate date', r.date);
    const rate = parseDecimal(r.rate);
    if (rate.units <= 0n) throw new FinanceError('FINANCE_INVALID_EXCHANGE_RATE', `exchange rate ${r.from}->${r.to} on ${r.date} must be positive`);
    const key = `${r.from}>${r.to}`;
    const list = byPair.get(key) ?? [];
    list.push({ day: toEpochDay(r.date), date: r.date, rate });
    byPair.set(key, list);
  }
  for (const [key, list] of byPair) {
    list.sort((a, b) => a.day - b.day);
    for (let i = 1; i < list.length; i++) {
      if (list[i].day === list[i - 1].day) {
        throw new FinanceError('FINANCE_DUPLICATE_EXCHANGE_RATE', `two exchange rates for ${key.replace('>', '->')} on ${list[i].date}`);
      }
    }
  }
  return { byPair, maxAgeDays };
}

/** Finds the rate from -> to for `date` (direct, else the inverse pair); throws FINANCE_EXCHANGE_RATE_MISSING. */
export function resolveExchangeRate(table: ExchangeRateTable, from: string, to: string, date: string): ResolvedRate {
  assertCurrencyCode(from);
  assertCurrencyCode(to);
  assertIsoDate('date', date);
  if (from === to) return { numerator: 1n, denominator: 1n, rateDate: date, inverted: false };
  const day = toEpochDay(date);
  const direct = latestWithin(table, `${from}>${to}`, day);
  if (direct) return { numerator: direct.rate.units, denominator: 10n ** BigInt(direct.rate.scale), rateDate: direct.date, inverted: false };
  const inverse = latestWithin(table, `${to}>${from}`, day);
  if (inverse) return { numerator: 10n ** BigInt(inverse.rate.scale), denominator: inverse.rate.units, rateDate: inverse.date, inverted: true };
  throw new FinanceError(
    'FINANCE_EXCHANGE_RATE_MISSING',
    `no exchange rate ${from}->${to} for ${date} (looked back ${table.maxAgeDays} days)`,
    { from, to, date },
  );
}

function latestWithin(table: ExchangeRateTable, key: string, day: number) {
  const list = table.byPair.get(key);
  if (!list) return undefined;
  let best: (typeof list)[number] | undefined;
  for (const r of list) {
    if (r.day > day) break;
    best = r;
  }
  return best && day - best.day <= table.maxAgeDays ? best : undefined;
}

/** Converts money to `to` at the rate for `date`, rounding once to the target's minor units. */
export function convertMoney(
  money: Money, to: string, date: string, table: ExchangeRateTable, mode: RoundingMode = DEFAULT_ROUNDING,
): Money {
  assertMinorUnits('amountMinor', money.amountMinor);
  const rate = resolveExchangeRate(table, money.currency, to, date);
  const ef = currencyExponent(money.currency);
  const et = currencyExponent(to);
  let num = BigInt(money.amountMinor) * rate.numerator;
  let den = rate.denominator;
  if (et >= ef) num *= 10n ** BigInt(et - ef);
  else den *= 10n ** BigInt(ef - et);
  return { amountMinor: toSafeNumber(divideRounded(num, den, mode)), currency: to };
}

/** Converts each amount (dated) to the reporting currency and sums; each conversion is rounded before summing. */
export function sumInReportingCurrency(
  items: ReadonlyArray<Money & { date: string }>, reportingCurrency: string, table: ExchangeRateTable,
  mode: RoundingMode = DEFAULT_ROUNDING,
): Money {
  let total = 0n;
  for (const it of items) total += BigInt(convertMoney(it, reportingCurrency, it.date, table, mode).amountMinor);
  return { amountMinor: toSafeNumber(total), currency: reportingCurrency };
}
