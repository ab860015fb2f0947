import { describe, expect, it } from 'vitest';
import { createPrng } from '../random/index.js';
import { argsortInto, createRankScratch, midranksInto, spearmanCorrelation, spearmanOfColumn, spearmanWithRanks } from './ranking.js';
import { percentileOfSorted, probabilityAtOrBelow } from './summarize.js';

/** Reference midranks by a plain comparison sort. */
function naiveRanks(xs: number[]): number[] {
  const idx = xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b]);
  const ranks = new Array<number>(xs.length);
  let i = 0;
  while (i < idx.length) {
    let j = i + 1;
    while (j < idx.length && xs[idx[j]] === xs[idx[i]]) j++;
    for (let k = i; k < j; k++) ranks[idx[k]] = (i + j + 1) / 2;
    i = j;
  }
  return ranks;
}

describe('argsortInto + midranksInto', () => {
  const g = createPrng(4);
  const datasets: Array<[string, number[]]> = [
    ['uniform', Array.from({ length: 500 }, () => g.nextFloat())],
    ['integers with ties', Array.from({ length: 500 }, () => g.nextInt(7))],
    ['skewed with an outlier', [...Array.from({ length: 300 }, () => g.nextFloat()), 1e9]],
    ['constant', new Array(50).fill(3)],
    ['single', [42]],
    ['descending', Array.from({ length: 100 }, (_, i) => 100 - i)],
  ];
  it.each(datasets)('%s matches a comparison sort', (_name, xs) => {
    const n = xs.length;
    const order = new Int32Array(n);
    const ranks = new Float64Array(n);
    argsortInto(xs, n, order, new Int32Array(n + 1));
    for (let i = 1; i < n; i++) expect(xs[order[i]]).toBeGreaterThanOrEqual(xs[order[i - 1]]);
    midranksInto(xs, n, order, ranks);
    expect(Array.from(ranks)).toEqual(naiveRanks(xs));
  });
});

describe('spearmanWithRanks', () => {
  it('equals Pearson of midranks on data with ties', () => {
    const g = createPrng(11);
    const n = 400;
    const x = Array.from({ length: n }, () => g.nextInt(20));
    const y = x.map((v) => v + g.nextInt(15));
    const order = new Int32Array(n);
    const counts = new Int32Array(n + 1);
    const ry = new Float64Array(n);
    argsortInto(y, n, order, counts);
    midranksInto(y, n, order, ry);
    const ss = ry.reduce((a, b) => a + b * b, 0);
    argsortInto(x, n, order, counts);
    expect(spearmanWithRanks(x, n, order, ry, ss)).toBeCloseTo(spearmanCorrelation(x, y), 10);
    const constant = new Array(n).fill(1);
    argsortInto(constant, n, order, counts);
    expect(spearmanWithRanks(constant, n, order, ry, ss)).toBe(0);
  });
});

describe('spearmanCorrelation', () => {
  it.each([
    [[1, 2, 3, 4], [10, 20, 30, 40], 1],
    [[1, 2, 3, 4], [4, 3, 2, 1], -1],
    [[1, 2, 3, 4], [1, 8, 27, 64], 1],
    [[1, 1, 1, 1], [1, 2, 3, 4], 0],
  ])('%j vs %j = %s', (x, y, rho) => expect(spearmanCorrelation(x, y)).toBeCloseTo(rho, 12));
  it('matches the textbook example with ties', () => {
    // ranks x: 1, 2.5, 2.5, 4 ; y: 1, 2, 3, 4 -> pearson of ranks
    expect(spearmanCorrelation([1, 2, 2, 3], [1, 2, 3, 4])).toBeCloseTo(0.9486832980505138, 12);
  });
});

describe('percentiles (nearest rank) and probability', () => {
  const s = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  it.each([
    [10, 1],
    [50, 5],
    [80, 8],
    [85, 9],
    [90, 9],
    [100, 10],
    [0, 1],
  ])('P%s = %s', (p, v) => expect(percentileOfSorted(s, p)).toBe(v));
  it.each([
    [0.5, 0],
    [1, 0.1],
    [5.5, 0.5],
    [10, 1],
    [11, 1],
  ])('P(x <= %s) = %s', (t, pr) => expect(probabilityAtOrBelow(s, t)).toBe(pr));
});

describe('spearmanOfColumn (counting ranks for integer columns, argsort otherwise)', () => {
  const g = createPrng(21);
  const m = 2000;
  const other = Array.from({ length: m }, () => g.nextInt(50));
  const otherRanks = Float64Array.from(naiveRanks(other));
  const otherSumSq = otherRanks.reduce((s, r) => s + r * r, 0);
  const columns: Array<[string, number[]]> = [
    ['integers with many ties', other.map((v) => v + g.nextInt(20))],
    ['negative integers', other.map((v) => -3 * v + g.nextInt(40))],
    ['integers with a range above 4m (argsort)', other.map((v) => v * 10_000 + g.nextInt(3))],
    ['fractions (argsort)', other.map((v) => v + g.nextFloat())],
    ['anti-correlated', other.map((v) => 100 - v)],
  ];
  it.each(columns)('%s: equals Pearson of naive midranks', (_name, xs) => {
    const expected = pearsonOfRanks(naiveRanks(xs), Array.from(otherRanks));
    const got = spearmanOfColumn(Float64Array.from(xs), m, otherRanks, otherSumSq, createRankScratch(m));
    expect(got).toBeCloseTo(expected, 12);
  });
  it('a constant column has 0', () => {
    expect(spearmanOfColumn(new Float64Array(m).fill(4), m, otherRanks, otherSumSq, createRankScratch(m))).toBe(0);
  });
});

/** Pearson correlation of two plain arrays. */
function pearsonOfRanks(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, x) => s + x, 0) / n;
  const mb = b.reduce((s, x) => s + x, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}
