import { describe, expect, it } from 'vitest';
import { addBookings, levelingLoad, netCapacity, type LoadResource, type LoadUsage, type PeriodBooking } from './leveling-load.js';

describe('capacity net of load elsewhere', () => {
  it.each<[string, number[], PeriodBooking[], number[]]>([
    ['nothing booked elsewhere', [1, 1, 1], [], [1, 1, 1]],
    ['half booked for two periods', [1, 1, 1], [{ from: 1, to: 3, units: 0.5 }], [1, 0.5, 0.5]],
    ['two bookings overlap', [1, 1, 1], [{ from: 0, to: 2, units: 0.5 }, { from: 1, to: 3, units: 0.25 }], [0.5, 0.25, 0.75]],
    ['overbooked elsewhere: nothing left, never negative', [1, 0.5, 1], [{ from: 0, to: 3, units: 0.8 }], [0.2, 0, 0.2]],
    ['bookings outside the profile are ignored', [1, 1], [{ from: -3, to: 0, units: 1 }, { from: 2, to: 9, units: 1 }], [1, 1]],
    ['a third of a person rounds to hundredths', [1], [{ from: 0, to: 1, units: 1 / 3 }], [0.67]],
  ])('%s', (_n, capacity, bookings, expected) => {
    expect(netCapacity(capacity, addBookings(new Float64Array(capacity.length), bookings))).toEqual(expected);
  });

  it('copies the capacity when nothing is booked', () => {
    const cap = [1, 0];
    const out = netCapacity(cap, null);
    expect(out).toEqual(cap);
    expect(out).not.toBe(cap);
  });
});

describe('levelling load histogram', () => {
  const ann: LoadResource = { byPeriod: [1, 1, 0, 1], tail: 1, other: null };
  const busy: LoadResource = { byPeriod: [], tail: 1, other: new Float64Array([0.5, 0.5, 0, 0, 0, 0]) };
  // Periods 0..5 in two buckets of three.
  const bucketOf = new Int32Array([0, 0, 0, 1, 1, 1]);
  it.each<[string, LoadResource[], LoadUsage[], unknown]>([
    [
      'two tasks on one person: overloaded before, sequential after (period 2 is a holiday)',
      [ann],
      [
        { resource: 0, units: 1, before: [[0, 2]], after: [[0, 2]] },
        { resource: 0, units: 1, before: [[0, 2]], after: [[3, 5]] },
      ],
      [{ capacity: [2, 3], other: [0, 0], before: [4, 0], after: [2, 2], overPeriodsBefore: 2, overPeriodsAfter: 0 }],
    ],
    [
      'load elsewhere counts toward over-allocation, but alone it is not this run\'s',
      [busy],
      [{ resource: 0, units: 1, before: [[1, 2]], after: [[2, 3]] }],
      [{ capacity: [3, 3], other: [1, 0], before: [1, 0], after: [1, 0], overPeriodsBefore: 1, overPeriodsAfter: 0 }],
    ],
    [
      'a split task counts each piece; periods past the buckets still count as over',
      [ann],
      [
        { resource: 0, units: 0.5, before: [[0, 1]], after: [[0, 1], [3, 4]] },
        { resource: 0, units: 1, before: [[5, 6]], after: [[5, 6]] },
        { resource: 0, units: 1, before: [[5, 6]], after: [[5, 6]] },
      ],
      [{ capacity: [2, 3], other: [0, 0], before: [0.5, 2], after: [0.5, 2.5], overPeriodsBefore: 1, overPeriodsAfter: 1 }],
    ],
  ])('%s', (_n, resources, usages, expected) => {
    expect(levelingLoad(resources, usages, 6, bucketOf, 2)).toEqual(expected);
  });

  it('leaves periods with bucket -1 out of the sums', () => {
    const [r] = levelingLoad([ann], [{ resource: 0, units: 1, before: [[0, 4]], after: [[0, 4]] }], 4, new Int32Array([-1, 0, 0, 0]), 1);
    expect(r!.before).toEqual([3]);
    expect(r!.capacity).toEqual([2]);
  });
});
