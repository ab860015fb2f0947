/**
 * Load of levelling resources per period: capacity net of work booked outside the levelled projects, and the
 * before/after load histogram a levelling preview shows (per resource and bucket, with the periods over capacity).
 * Periods are the levelling periods (`PeriodGrid`); units are those of the engine (1 = a full-time person).
 */

/** Units booked on a resource from period `from` (inclusive) to `to` (exclusive). */
export interface PeriodBooking {
  from: number;
  to: number;
  units: number;
}

const hundredths = (v: number) => Math.round(v * 100) / 100;

/**
 * Adds bookings to a per-period load array (periods outside 0..length-1 are ignored). Returns the same array.
 * Used for the load of projects outside a levelling run, which the run must treat as already taken.
 */
export function addBookings(load: Float64Array, bookings: readonly PeriodBooking[]): Float64Array {
  for (const b of bookings) {
    const to = Math.min(load.length, b.to);
    for (let p = Math.max(0, b.from); p < to; p++) load[p]! += b.units;
  }
  return load;
}

/**
 * Capacity left per period once `taken` is booked: never below 0, rounded to hundredths of a person (the
 * engine's resolution), so a person fully booked elsewhere has 0 and the run has to wait.
 */
export function netCapacity(capacity: readonly number[], taken: Float64Array | null): number[] {
  if (!taken) return capacity.slice();
  return capacity.map((c, p) => Math.max(0, hundredths(c - (taken[p] ?? 0))));
}

/** A resource of the histogram: gross capacity per period (after `byPeriod`, `tail`) and load booked elsewhere. */
export interface LoadResource {
  byPeriod: readonly number[];
  tail: number;
  other: Float64Array | null;
}

/** What one task asks of one resource, placed before and after levelling (period ranges, finish exclusive). */
export interface LoadUsage {
  resource: number;
  units: number;
  before: readonly (readonly [number, number])[];
  after: readonly (readonly [number, number])[];
}

/** Per resource: sums per bucket and the count of periods over capacity before and after. */
export interface ResourceLoad {
  capacity: number[];
  other: number[];
  before: number[];
  after: number[];
  overPeriodsBefore: number;
  overPeriodsAfter: number;
}

/**
 * Sums capacity, load elsewhere, and the levelled tasks' load before and after per bucket, for periods
 * 0..periods-1 (`bucketOf[p]` = bucket of period p, -1 = not shown but still counted for over-allocation).
 * A period is over capacity when load elsewhere plus the task load exceeds the capacity by more than
 * a hundredth (the engine's rounding).
 */
export function levelingLoad(resources: readonly LoadResource[], usages: readonly LoadUsage[], periods: number, bucketOf: Int32Array, buckets: number): ResourceLoad[] {
  const before = resources.map(() => new Float64Array(periods));
  const after = resources.map(() => new Float64Array(periods));
  for (const u of usages) {
    for (const [from, to] of u.before) for (let p = Math.max(0, from); p < Math.min(periods, to); p++) before[u.resource]![p]! += u.units;
    for (const [from, to] of u.after) for (let p = Math.max(0, from); p < Math.min(periods, to); p++) after[u.resource]![p]! += u.units;
  }
  return resources.map((r, i) => {
    const out: ResourceLoad = { capacity: new Array<number>(buckets).fill(0), other: new Array<number>(buckets).fill(0), before: new Array<number>(buckets).fill(0), after: new Array<number>(buckets).fill(0), overPeriodsBefore: 0, overPeriodsAfter: 0 };
    for (let p = 0; p < periods; p++) {
      const cap = p < r.byPeriod.length ? r.byPeriod[p]! : r.tail;
      const other = r.other && p < r.other.length ? r.other[p]! : 0;
      const b = before[i]![p]!;
      const a = after[i]![p]!;
      if (b > 0 && other + b > cap + 0.005) out.overPeriodsBefore++;
      if (a > 0 && other + a > cap + 0.005) out.overPeriodsAfter++;
      const k = bucketOf[p]!;
      if (k < 0 || k >= buckets) continue;
      out.capacity[k]! += cap;
      out.other[k]! += other;
      out.before[k]! += b;
      out.after[k]! += a;
    }
    out.capacity = out.capacity.map(hundredths);
    out.other = out.other.map(hundredths);
    out.before = out.before.map(hundredths);
    out.after = out.after.map(hundredths);
    return out;
  });
}
