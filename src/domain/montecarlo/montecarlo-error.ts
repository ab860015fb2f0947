/** Stable error codes for invalid Monte Carlo input. */
export type MonteCarloErrorCode =
  | 'MC_EMPTY_NETWORK'
  | 'MC_DUPLICATE_ID'
  | 'MC_INVALID_ESTIMATE'
  | 'MC_INVALID_DISTRIBUTION'
  | 'MC_UNKNOWN_TASK'
  | 'MC_UNKNOWN_COST_LINE'
  | 'MC_SELF_LINK'
  | 'MC_INVALID_LINK'
  | 'MC_CYCLE'
  | 'MC_INVALID_PROBABILITY'
  | 'MC_INVALID_IMPACT'
  | 'MC_INVALID_COST_LINE'
  | 'MC_INVALID_CORRELATION'
  | 'MC_INVALID_ITERATIONS'
  | 'MC_ITERATIONS_LIMIT'
  | 'MC_INVALID_SEED'
  | 'MC_INVALID_OPTION';

/** Thrown before any simulation work when the network or options are invalid; `path` names the field. */
export class MonteCarloInputError extends Error {
  readonly code: MonteCarloErrorCode;
  readonly path: string | undefined;
  constructor(code: MonteCarloErrorCode, message: string, path?: string) {
    super(path ? `${path}: ${message}` : message);
    this.name = 'MonteCarloInputError';
    this.code = code;
    this.path = path;
  }
}
