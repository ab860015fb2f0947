/** Error thrown by finance rules on bad input or a missing rate; `code` is stable for API mapping. */
export class FinanceError extends Error {
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>>;
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'FinanceError';
    this.code = code;
    this.details = details;
  }
}
