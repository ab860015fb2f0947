/** Error thrown by invoice functions on bad input (double billing, mixed currencies, missing data). */
export class InvoiceError extends Error {
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>>;
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'InvoiceError';
    this.code = code;
    this.details = details;
  }
}
