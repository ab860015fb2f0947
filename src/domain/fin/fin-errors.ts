/** Stable codes for bad financial input. */
export type FinErrorCode = 'INVALID_RATE' | 'INVALID_FLOWS' | 'INVALID_DATES' | 'INVALID_CASE';

/** Typed error for bad financial input (never thrown for "no IRR exists": that is a result). */
export class FinError extends Error {
  constructor(
    readonly code: FinErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FinError';
  }
}
