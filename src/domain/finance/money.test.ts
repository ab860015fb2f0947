import { describe, expect, it } from 'vitest';
import {
  computeTimeAmountMinor, convertMoney, createExchangeRateTable, divideRounded, formatMinor, isoWeekday,
  parseAmountToMinor, sumInReportingCurrency, sumMinor, toEpochDay, FinanceError,
} from './index.js';

describe('divideRounded', () => {
  const cases: Array<[bigint, bigint, 'half-up' | 'half-even', bigint]> = [
    [5n, 2n, 'half-up', 3n], [5n, 2n, 'half-even', 2n], [7n, 2n, 'half-even', 4n],
    [-5n, 2n, 'half-up', -3n], [-5n, 2n, 'half-even', -2n], [-7n, 2n, 'half-even', -4n],
    [10n, 3n, 'half-up', 3n], [11n, 3n, 'half-up', 4n], [-11n, 3n, 'half-up', -4n],
    [5n, -2n, 'half-up', -3n], [0n, 7n, 'half-even', 0n], [6n, 3n, 'half-up', 2n],
  ];
  it.each(cases)('%s / %s (%s) = %s', (n, d, mode, q) => expect(divideRounded(n, d, mode)).toBe(q));
  it('rejects division by zero', () => expect(() => divideRounded(1n, 0n)).toThrow(FinanceError));
});

describe('money parsing, formatting and time pricing', () => {
  it.each([
    ['12.345', 'EUR', 1235], ['12.345', 'JPY', 12], ['-0.005', 'EUR', -1], ['1', 'KWD', 1000], ['0.0049', 'EUR', 0],
  ])('parseAmountToMinor(%s, %s) = %d', (t, c, v) => expect(parseAmountToMinor(t, c)).toBe(v));
  it.each(['1e3', '12,5', '', ' 1', '.5', 'abc'])('rejects "%s"', (t) => {
    expect(() => parseAmountToMinor(t, 'EUR')).toThrow(expect.objectContaining({ code: 'FINANCE_INVALID_DECIMAL' }));
  });
  it('formats with the currency digits', () => {
    expect(formatMinor(-1205, 'EUR')).toBe('-12.05');
    expect(formatMinor(5, 'EUR')).toBe('0.05');
    expect(formatMinor(1500, 'JPY')).toBe('1500');
    expect(formatMinor(1, 'BHD')).toBe('0.001');
  });
  it('prices minutes at an hourly rate, rounding once', () => {
    expect(computeTimeAmountMinor(450, 9550)).toBe(71625); // 7.5 h x 95.50
    expect(computeTimeAmountMinor(1, 100)).toBe(2); // 1.666.. -> 2
    expect(computeTimeAmountMinor(3, 10, 'half-even')).toBe(0); // 0.5 -> 0
    expect(computeTimeAmountMinor(3, 10, 'half-up')).toBe(1);
  });
  it('throws on overflow instead of losing precision', () => {
    expect(() => sumMinor([Number.MAX_SAFE_INTEGER, 1])).toThrow(expect.objectContaining({ code: 'FINANCE_OVERFLOW' }));
    expect(() => sumMinor([0.5])).toThrow(expect.objectContaining({ code: 'FINANCE_INVALID_AMOUNT' }));
  });
});

describe('iso dates', () => {
  it('knows weekdays and epoch days', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(toEpochDay('2000-03-01')).toBe(11017);
    expect(isoWeekday('2026-11-25')).toBe(3); // a Wednesday
    expect(isoWeekday('2024-02-29')).toBe(4);
  });
  it.each(['2026-02-29', '2026-13-01', '2026-1-1', '20260101'])('rejects %s', (d) => {
    expect(() => toEpochDay(d)).toThrow(expect.objectContaining({ code: 'FINANCE_INVALID_DATE' }));
  });
});

describe('exchange rates', () => {
  const table = createExchangeRateTable([
    { date: '2026-01-02', from: 'USD', to: 'EUR', rate: '0.9' },
    { date: '2026-01-05', from: 'USD', to: 'EUR', rate: '0.92' },
    { date: '2026-01-05', from: 'EUR', to: 'JPY', rate: '160.5' },
  ]);
  it('uses the latest rate on or before the date, within the look-back window', () => {
    expect(convertMoney({ amountMinor: 10000, currency: 'USD' }, 'EUR', '2026-01-04', table)).toEqual({ amountMinor: 9000, currency: 'EUR' });
    expect(convertMoney({ amountMinor: 10000, currency: 'USD' }, 'EUR', '2026-01-05', table).amountMinor).toBe(9200);
  });
  it('uses the inverse pair and converts between minor-unit exponents', () => {
    expect(convertMoney({ amountMinor: 100, currency: 'EUR' }, 'JPY', '2026-01-05', table)).toEqual({ amountMinor: 161, currency: 'JPY' });
    expect(convertMoney({ amountMinor: 16050, currency: 'JPY' }, 'EUR', '2026-01-06', table)).toEqual({ amountMinor: 10000, currency: 'EUR' });
  });
  it('missing or stale rate is a typed error naming the pair and date', () => {
    const run = (date: string) => () => convertMoney({ amountMinor: 1, currency: 'USD' }, 'EUR', date, table);
    expect(run('2026-01-01')).toThrow(expect.objectContaining({ code: 'FINANCE_EXCHANGE_RATE_MISSING', details: { from: 'USD', to: 'EUR', date: '2026-01-01' } }));
    expect(run('2026-01-13')).toThrow(expect.objectContaining({ code: 'FINANCE_EXCHANGE_RATE_MISSING' }));
    expect(() => convertMoney({ amountMinor: 1, currency: 'GBP' }, 'EUR', '2026-01-05', table)).toThrow(/GBP->EUR/);
  });
  it('same currency needs no rate; sums in the reporting currency', () => {
    expect(convertMoney({ amountMinor: 7, currency: 'EUR' }, 'EUR', '1999-01-01', table).amountMinor).toBe(7);
    const s = sumInReportingCurrency([
      { amountMinor: 100, currency: 'EUR', date: '2026-01-05' },
      { amountMinor: 1000, currency: 'USD', date: '2026-01-05' },
    ], 'EUR', table);
    expect(s).toEqual({ amountMinor: 1020, currency: 'EUR' });
  });
  it('rejects duplicate, zero and float-looking rates', () => {
    expect(() => createExchangeRateTable([
      { date: '2026-01-02', from: 'USD', to: 'EUR', rate: '0.9' }, { date: '2026-01-02', from: 'USD', to: 'EUR', rate: '0.91' },
    ])).toThrow(expect.objectContaining({ code: 'FINANCE_DUPLICATE_EXCHANGE_RATE' }));
    expect(() => createExchangeRateTable([{ date: '2026-01-02', from: 'USD', to: 'EUR', rate: '0' }])).toThrow(FinanceError);
    expect(() => createExchangeRateTable([{ date: '2026-01-02', from: 'USD', to: 'EUR', rate: '9e-1' }])).toThrow(FinanceError);
    expect(() => createExchangeRateTable([{ date: '2026-01-02', from: 'usd', to: 'EUR', rate: '1' }])).toThrow(expect.objectContaining({ code: 'FINANCE_INVALID_CURRENCY' }));
  });
});
