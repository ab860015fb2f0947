/** Period buckets of the capacity grid: days, Monday-based weeks or calendar months, as day-number boundaries. */
import { civilFromDays, daysFromCivil, weekdayOfDay } from '../calendar/index.js';

export type Granularity = 'day' | 'week' | 'month';

/** Most buckets one grid may have, per granularity (a year of days, two years of weeks, three of months). */
export const MAX_BUCKETS: Record<Granularity, number> = { day: 366, week: 104, month: 36 };

/** Monday on or before the day. */
export function mondayOnOrBefore(day: number): number {
  return day - ((weekdayOfDay(day) + 6) % 7);
}

/** First day of the bucket containing `day`. */
export function bucketStart(granularity: Granularity, day: number): number {
  if (granularity === 'day') return day;
  if (granularity === 'week') return mondayOnOrBefore(day);
  const { year, month } = civilFromDays(day);
  return daysFromCivil(year, month, 1);
}

/**
 * `count` buckets starting with the one that contains `fromDay`: boundaries[k] is the first day of bucket k and
 * boundaries[count] the day after the last (so bucket k is [boundaries[k], boundaries[k+1])).
 */
export function buildBuckets(granularity: Granularity, fromDay: number, count: number): Int32Array {
  const b = new Int32Array(count + 1);
  let d = bucketStart(granularity, fromDay);
  for (let k = 0; k <= count; k++) {
    b[k] = d;
    if (granularity === 'day') d += 1;
    else if (granularity === 'week') d += 7;
    else {
      const { year, month } = civilFromDays(d);
      d = month === 12 ? daysFromCivil(year + 1, 1, 1) : daysFromCivil(year, month + 1, 1);
    }
  }
  return b;
}
