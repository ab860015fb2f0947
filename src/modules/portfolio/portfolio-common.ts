/** Shared pieces of the portfolio strategy services: domain errors to 4xx, JSON column values. */
import { FinError } from '../../domain/fin/index.js';
import { PortfolioError } from '../../domain/portfolio/index.js';
import { AppError } from '../../server/errors.js';

/** Runs domain code and turns its typed errors (PortfolioError, FinError) into 422 with the domain code in snake case. */
export function withDomainErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw toAppError(err);
  }
}

/** The client error for a domain error; other errors pass through unchanged. */
export function toAppError(err: unknown): unknown {
  if (err instanceof PortfolioError || err instanceof FinError) return new AppError(422, String(err.code).toLowerCase(), err.message);
  return err;
}

/** A JSON column value as stored (drivers hand back parsed JSON; a string is parsed). */
export function fromJson<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

/** A value for a JSON column. */
export const toJson = (v: unknown): string => JSON.stringify(v);
