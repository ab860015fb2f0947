import { MonteCarloInputError } from './montecarlo-error.js';

/** Returns the list (default empty), throwing unless it is an array of objects. */
export function listOf<T>(value: T[] | undefined, what: string, code: 'MC_INVALID_LINK' | 'MC_INVALID_COST_LINE' | 'MC_INVALID_IMPACT' | 'MC_INVALID_CORRELATION' | 'MC_EMPTY_NETWORK'): T[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new MonteCarloInputError(code, `${what} must be an array`, what);
  value.forEach((v, i) => {
    if (typeof v !== 'object' || v === null) throw new MonteCarloInputError(code, `${what}[${i}] must be an object`, `${what}[${i}]`);
  });
  return value;
}
