/** Error thrown by the earned-value functions on malformed input; `code` is stable for API mapping. */
export class EvmInputError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'EvmInputError';
    this.code = code;
  }
}

/** Throws EVM_INVALID_NUMBER unless `value` is a finite number (optionally >= 0). */
export function assertFiniteAmount(name: string, value: number, nonNegative = true): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new EvmInputError('EVM_INVALID_NUMBER', `${name} must be a finite number, got ${String(value)}`);
  }
  if (nonNegative && value < 0) {
    throw new EvmInputError('EVM_NEGATIVE_AMOUNT', `${name} must not be negative, got ${value}`);
  }
}
