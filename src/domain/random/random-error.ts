/** Error thrown for invalid distribution parameters or seeds; `code` is stable for callers. */
export class RandomParameterError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'RandomParameterError';
    this.code = code;
  }
}
