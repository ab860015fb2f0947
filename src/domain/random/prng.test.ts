import { describe, expect, it } from 'vitest';
import { Prng, createPrng, normalizeSeed } from './prng.js';
import { RandomParameterError } from './random-error.js';

describe('Prng (xoshiro128**)', () => {
  it('matches the reference C implementation from state {1,2,3,4}', () => {
    const g = Prng.fromState([1, 2, 3, 4]);
    const first = Array.from({ length: 6 }, () => g.nextUint32());
    expect(first).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
    for (let i = 0; i < 994; i++) g.nextUint32();
    expect(g.nextUint32()).toBe(136054147);
  });

  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = createPrng(42);
    const b = createPrng(42);
    const c = createPrng(43);
    const sa = Array.from({ length: 8 }, () => a.nextUint32());
    expect(Array.from({ length: 8 }, () => b.nextUint32())).toEqual(sa);
    expect(Array.from({ length: 8 }, () => c.nextUint32())).not.toEqual(sa);
  });

  it('pins the seeded sequence so a platform or refactor change is caught', () => {
    const g = createPrng(12345);
    const got = Array.from({ length: 3 }, () => g.nextUint32());
    expect(got).toMatchInlineSnapshot(`
      [
        518667457,
        440444462,
        4232892992,
      ]
    `);
  });

  it('sub-streams are repeatable, distinct, and stream 0 is the plain seed', () => {
    const first = (g: Prng) => Array.from({ length: 4 }, () => g.nextUint32());
    expect(first(createPrng(5, 3))).toEqual(first(createPrng(5, 3)));
    expect(first(createPrng(5, 3))).not.toEqual(first(createPrng(5, 4)));
    expect(first(createPrng(5, 0))).toEqual(first(createPrng(5)));
    expect(() => createPrng(5, -1)).toThrow(RandomParameterError);
  });

  it('accepts string seeds deterministically', () => {
    expect(createPrng('run-1').nextUint32()).toBe(createPrng('run-1').nextUint32());
    expect(createPrng('run-1').nextUint32()).not.toBe(createPrng('run-2').nextUint32());
  });

  it.each([[-1], [1.5], [Number.NaN], [2 ** 53]])('rejects seed %s with a typed error', (seed) => {
    expect(() => normalizeSeed(seed)).toThrow(RandomParameterError);
  });

  it('uses the high bits of large seeds', () => {
    expect(createPrng(2 ** 32 + 7).nextUint32()).not.toBe(createPrng(7).nextUint32());
  });

  it('nextFloat stays in [0,1) and nextOpenFloat in (0,1)', () => {
    const g = Prng.fromState([0, 0, 0, 1]);
    for (let i = 0; i < 10000; i++) {
      const f = g.nextFloat();
      const o = g.nextOpenFloat();
      expect(f >= 0 && f < 1).toBe(true);
      expect(o > 0 && o < 1).toBe(true);
    }
  });

  it('nextInt is within bounds and roughly uniform', () => {
    const g = createPrng(7);
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60000; i++) counts[g.nextInt(6)]++;
    for (const c of counts) expect(Math.abs(c - 10000)).toBeLessThan(500);
    expect(() => g.nextInt(0)).toThrow(RandomParameterError);
  });

  it.each([[1], [7], [1000]])('fillUint32 writes the same %s draws as nextUint32 and leaves the same state', (count) => {
    const a = createPrng('bulk', 3);
    const b = createPrng('bulk', 3);
    const out = new Int32Array(count + 2).fill(-1);
    a.fillUint32(out, count);
    expect(Array.from(out.subarray(0, count), (x) => x >>> 0)).toEqual(Array.from({ length: count }, () => b.nextUint32()));
    expect(Array.from(out.subarray(count))).toEqual([-1, -1]);
    expect(a.getState()).toEqual(b.getState());
  });

  it('rejects an all-zero state', () => {
    expect(() => Prng.fromState([0, 0, 0, 0])).toThrow(RandomParameterError);
  });

  it('normal deviates have mean 0 and variance 1', () => {
    const g = createPrng(99);
    const n = 200000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = g.nextNormal();
      s += x;
      s2 += x * x;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.01);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.015);
  });

  it.each([
    ['nextNormal', (g: Prng) => g.nextNormal()],
    ['nextNormalPolar', (g: Prng) => g.nextNormalPolar()],
  ])('%s matches standard normal tail probabilities', (_name, draw) => {
    const g = createPrng(2718);
    const n = 1_000_000;
    const thresholds = [-3.5, -2, -1, 0, 0.5, 1.5, 3];
    // Phi(t) for the thresholds above.
    const expected = [0.00023262907903552504, 0.022750131948179195, 0.15865525393145707, 0.5, 0.6914624612740131, 0.9331927987311419, 0.9986501019683699];
    const counts = new Array(thresholds.length).fill(0);
    for (let i = 0; i < n; i++) {
      const x = draw(g);
      for (let k = 0; k < thresholds.length; k++) if (x < thresholds[k]) counts[k]++;
    }
    counts.forEach((c, k) => {
      const p = expected[k];
      expect(Math.abs(c / n - p)).toBeLessThanOrEqual(5 * Math.sqrt((p * (1 - p)) / n));
    });
  });
});
