import { EvmInputError, assertFiniteAmount } from './evm-error.js';

/**
 * One piece of a baseline's time-phased cost: `amount` accrues linearly over [startDay, endDay)
 * (integer day offsets from the project start; day 1 of a plan is [0, 1)). A zero-length segment
 * (startDay === endDay) is a lump sum that is fully planned at startDay.
 */
export interface PlannedCostSegment {
  startDay: number;
  endDay: number;
  amount: number;
}

/** Validates a segment list; throws EvmInputError on reversed or non-integer days or bad amounts. */
export function validateSegments(segments: readonly PlannedCostSegment[]): void {
  segments.forEach((s, i) => {
    if (!Number.isInteger(s.startDay) || !Number.isInteger(s.endDay)) {
      throw new EvmInputError('EVM_INVALID_DAY', `segment ${i}: startDay and endDay must be integers`);
    }
    if (s.endDay < s.startDay) {
      throw new EvmInputError('EVM_REVERSED_SEGMENT', `segment ${i}: endDay ${s.endDay} is before startDay ${s.startDay}`);
    }
    assertFiniteAmount(`segment ${i} amount`, s.amount);
  });
}

/** Planned value at time `asOfDay` (a day offset; "end of day 3" of a plan is 3). */
export function computePlannedValueAt(segments: readonly PlannedCostSegment[], asOfDay: number): number {
  validateSegments(segments);
  let pv = 0;
  for (const s of segments) pv += accrued(s, asOfDay);
  return pv;
}

/** Budget at completion: the sum of all segment amounts. */
export function computeBudgetAtCompletion(segments: readonly PlannedCostSegment[]): number {
  validateSegments(segments);
  let bac = 0;
  for (const s of segments) bac += s.amount;
  return bac;
}

/**
 * Cumulative planned value at each of `periodEnds` (ascending day offsets), as a Float64Array.
 * Runs in O(segments x periods); used for S-curves and earned schedule.
 */
export function computePlannedValueSeries(
  segments: readonly PlannedCostSegment[],
  periodEnds: readonly number[],
): Float64Array {
  validateSegments(segments);
  for (let i = 1; i < periodEnds.length; i++) {
    if (!(periodEnds[i] > periodEnds[i - 1])) {
      throw new EvmInputError('EVM_UNSORTED_PERIODS', 'periodEnds must be strictly ascending');
    }
  }
  const out = new Float64Array(periodEnds.length);
  for (const s of segments) {
    for (let p = 0; p < periodEnds.length; p++) out[p] += accrued(s, periodEnds[p]);
  }
  return out;
}

function accrued(s: PlannedCostSegment, t: number): number {
  if (t <= s.startDay) return s.endDay === s.startDay && t === s.startDay ? s.amount : 0;
  if (t >= s.endDay) return s.amount;
  return (s.amount * (t - s.startDay)) / (s.endDay - s.startDay);
}
