/** Stable error codes raised by MSPDI import/export. */
export type MspdiErrorCode = 'MALFORMED_XML' | 'DOCTYPE_FORBIDDEN' | 'TOO_LARGE' | 'NOT_MSPDI' | 'INVALID_VALUE';

/** Error thrown for an MSPDI file that cannot be read; nothing is imported when it is thrown. */
export class MspdiError extends Error {
  constructor(
    readonly code: MspdiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MspdiError';
  }
}
