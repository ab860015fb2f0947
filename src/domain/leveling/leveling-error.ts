/** Stable error codes raised by the levelling engine. */
export type LevelingErrorCode =
  | 'INVALID_INSTANCE'
  | 'PRECEDENCE_CYCLE'
  | 'DEMAND_EXCEEDS_CAPACITY'
  | 'PARSE_ERROR'
  | 'INVALID_OPTIONS'
  | 'UNKNOWN_REFERENCE';

/** Error thrown for bad input to the levelling engine; `code` is stable, `message` names the problem. */
export class LevelingError extends Error {
  readonly code: LevelingErrorCode;
  constructor(code: LevelingErrorCode, message: string) {
    super(message);
    this.name = 'LevelingError';
    this.code = code;
  }
}
