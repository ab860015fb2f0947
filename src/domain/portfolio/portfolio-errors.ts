/** Stable error codes thrown by the portfolio domain. */
export type PortfolioErrorCode =
  | 'INVALID_WEIGHTS'
  | 'INVALID_SCALE'
  | 'INVALID_SCORE'
  | 'INVALID_MATRIX'
  | 'INVALID_OBJECTIVE_TREE'
  | 'INVALID_MODEL'
  | 'CYCLIC_DEPENDENCY'
  | 'UNKNOWN_REFERENCE'
  | 'INVALID_LIFECYCLE'
  | 'INVALID_DECISION'
  | 'INVALID_INTAKE';

/** Typed error for bad portfolio input; `code` is stable, the message names the problem. */
export class PortfolioError extends Error {
  constructor(
    readonly code: PortfolioErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'PortfolioError';
  }
}
