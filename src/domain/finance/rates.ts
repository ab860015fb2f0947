import { FinanceError } from './finance-error.js';
import { assertIsoDate } from './iso-date.js';
import { assertCurrencyCode, assertMinorUnits, computeTimeAmountMinor, DEFAULT_ROUNDING, type Money, type RoundingMode } from './money.js';

/** Cost rates price time for actuals; bill rates price time for invoices and revenue. */
export type RateKind = 'cost' | 'bill';

/**
 * One rate-card row. Null dimensions are wildcards; `effectiveTo` is inclusive and null means open-ended.
 * Specificity (higher wins): project 4 + person 2 + role 1, so person+project > role+project > project
 * > person > role > default. Among rows of equal specificity the latest `effectiveFrom` wins.
 */
export interface RateRow {
  id: string;
  kind: RateKind;
  personId: string | null;
  roleId: string | null;
  projectId: string | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  amountMinorPerHour: number;
  currency: string;
}

/** What a time entry knows when its rate is looked up. */
export interface RateQuery {
  kind: RateKind;
  personId: string;
  roleId: string | null;
  projectId: string;
  date: string;
}

/** The winning row and why. */
export interface ResolvedRateRow {
  row: RateRow;
  specificity: number;
}

/** Specificity score of a row: project 4 + person 2 + role 1. */
export function rateSpecificity(row: Pick<RateRow, 'personId' | 'roleId' | 'projectId'>): number {
  return (row.projectId ? 4 : 0) + (row.personId ? 2 : 0) + (row.roleId ? 1 : 0);
}

/** Throws FinanceError when a rate row is malformed (bad dates, negative amount, bad currency). */
export function validateRateRow(row: RateRow): void {
  assertIsoDate(`rate ${row.id} effectiveFrom`, row.effectiveFrom);
  if (row.effectiveTo !== null) {
    assertIsoDate(`rate ${row.id} effectiveTo`, row.effectiveTo);
    if (row.effectiveTo < row.effectiveFrom) {
      throw new FinanceError('FINANCE_INVALID_RATE', `rate ${row.id} ends (${row.effectiveTo}) before it starts (${row.effectiveFrom})`);
    }
  }
  assertMinorUnits(`rate ${row.id} amountMinorPerHour`, row.amountMinorPerHour);
  if (row.amountMinorPerHour < 0) throw new FinanceError('FINANCE_INVALID_RATE', `rate ${row.id} is negative`);
  assertCurrencyCode(row.currency);
  if (row.kind !== 'cost' && row.kind !== 'bill') throw new FinanceError('FINANCE_INVALID_RATE', `rate ${row.id} has unknown kind "${String(row.kind)}"`);
}

/**
 * The most specific applicable rate for a person, role, project and date.
 * Throws FINANCE_RATE_MISSING when none applies and FINANCE_RATE_AMBIGUOUS when two equally specific
 * rows start on the same day (a data error the rate-card editor must prevent).
 */
export function resolveRate(rows: readonly RateRow[], q: RateQuery): ResolvedRateRow {
  assertIsoDate('date', q.date);
  const applicable: RateRow[] = [];
  for (const row of rows) {
    if (row.kind !== q.kind) continue;
    if (row.personId !== null && row.personId !== q.personId) continue;
    if (row.roleId !== null && row.roleId !== q.roleId) continue;
    if (row.projectId !== null && row.projectId !== q.projectId) continue;
    if (row.effectiveFrom > q.date || (row.effectiveTo !== null && row.effectiveTo < q.date)) continue;
    validateRateRow(row);
    applicable.push(row);
  }
  applicable.sort((a, b) => rateSpecificity(b) - rateSpecificity(a) || (a.effectiveFrom < b.effectiveFrom ? 1 : a.effectiveFrom > b.effectiveFrom ? -1 : 0));
  const best = applicable[0] ?? null;
  const bestScore = best ? rateSpecificity(best) : -1;
  const runnerUp = applicable[1];
  if (best && runnerUp && rateSpecificity(runnerUp) === bestScore && runnerUp.effectiveFrom === best.effectiveFrom) {
    throw new FinanceError('FINANCE_RATE_AMBIGUOUS', `rates ${best.id} and ${runnerUp.id} both apply to ${q.personId} on ${q.date} with equal specificity`, { rateIds: [best.id, runnerUp.id] });
  }
  if (best === null) {
    throw new FinanceError(
      'FINANCE_RATE_MISSING',
      `no ${q.kind} rate for person ${q.personId} (role ${q.roleId ?? 'none'}) on project ${q.projectId} on ${q.date}`,
      { ...q },
    );
  }
  return { row: best, specificity: bestScore };
}

/** Prices `minutes` of a person's time with the winning rate: amount rounded once (half-up unless told). */
export function priceTime(rows: readonly RateRow[], q: RateQuery, minutes: number, mode: RoundingMode = DEFAULT_ROUNDING): Money & { rateId: string } {
  if (!Number.isInteger(minutes)) throw new FinanceError('FINANCE_INVALID_MINUTES', `minutes must be an integer, got ${String(minutes)}`);
  const { row } = resolveRate(rows, q);
  return { amountMinor: computeTimeAmountMinor(minutes, row.amountMinorPerHour, mode), currency: row.currency, rateId: row.id };
}
