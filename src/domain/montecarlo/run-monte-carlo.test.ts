import { describe, expect, it } from 'vitest';
import { pertMean, pertVariance, triangularCdf, triangularMean, triangularVariance } from '../random/index.js';
import { combineMonteCarloChunks, mapFinishToDates, prepareMonteCarlo, runMonteCarlo, simulateMonteCarloChunk } from './run-monte-carlo.js';
import { MonteCarloInputError } from './montecarlo-error.js';
import type { McNetwork, McTask } from './montecarlo-types.js';

const N = 100_000;
const SEED = 20260101;

/** Mean and unbiased variance of the finish samples. */
function finishMoments(net: McNetwork, iterations = N, seed: number | string = SEED) {
  const r = runMonteCarlo(net, { iterations, seed, sensitivity: false });
  const xs = r.finish.sortedSamples;
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
  return { r, mean, variance };
}

const tri = (id: string, min: number, ml: number, max: number): McTask => ({ id, duration: { min, mostLikely: ml, max }, distribution: 'triangular' });
const pert = (id: string, min: number, ml: number, max: number): McTask => ({ id, duration: { min, mostLikely: ml, max }, distribution: 'pert' });
const fixed = (id: string, d: number): McTask => ({ id, duration: { min: d, mostLikely: d, max: d }, distribution: 'fixed' });

/** |observed - expected| within k standard errors of a mean of N draws with variance v. */
function expectMean(observed: number, expected: number, variance: number, n = N, k = 5) {
  expect(Math.abs(observed - expected)).toBeLessThanOrEqual(k * Math.sqrt(variance / n));
}

describe('statistics against closed forms (fixed seed)', () => {
  it.each([
    ['triangular', tri('A', 2, 5, 14), triangularMean(2, 5, 14), triangularVariance(2, 5, 14)],
    ['triangular right-skewed at min', tri('A', 10, 10, 30), triangularMean(10, 10, 30), triangularVariance(10, 10, 30)],
    ['PERT', pert('A', 2, 5, 14), pertMean(2, 5, 14), pertVariance(2, 5, 14)],
    ['PERT symmetric', pert('A', 0, 50, 100), 50, pertVariance(0, 50, 100)],
  ])('single %s task: mean and variance', (_name, task, mean, variance) => {
    const m = finishMoments({ tasks: [task] });
    expectMean(m.mean, mean, variance);
    expect(Math.abs(m.variance - variance)).toBeLessThanOrEqual(0.03 * variance);
  });

  it('chain of independent tasks: means and variances add', () => {
    const tasks = [tri('A', 1, 3, 8), pert('B', 2, 4, 10), tri('C', 0, 1, 2), pert('D', 5, 5, 9), tri('E', 3, 6, 6)];
    const links = tasks.slice(1).map((t, i) => ({ predecessorId: tasks[i].id, successorId: t.id }));
    const mean = triangularMean(1, 3, 8) + pertMean(2, 4, 10) + triangularMean(0, 1, 2) + pertMean(5, 5, 9) + triangularMean(3, 6, 6);
    const variance = triangularVariance(1, 3, 8) + pertVariance(2, 4, 10) + triangularVariance(0, 1, 2) + pertVariance(5, 5, 9) + triangularVariance(3, 6, 6);
    const m = finishMoments({ tasks, links });
    expectMean(m.mean, mean, variance);
    expect(Math.abs(m.variance - variance)).toBeLessThanOrEqual(0.03 * variance);
    for (const t of m.r.tasks) expect(t.criticalityIndex).toBe(1);
  });

  it('parallel tasks: finish is the max, matching numerical integration of 1 - F1 F2', () => {
    const [a, b] = [[2, 6, 12], [4, 5, 9]] as const;
    const steps = 20000;
    const h = 12 / steps;
    let emax = 0;
    let emax2 = 0;
    let pAlonger = 0;
    for (let i = 0; i < steps; i++) {
      const t = (i + 0.5) * h;
      const fa = triangularCdf(t, ...a);
      const fb = triangularCdf(t, ...b);
      emax += (1 - fa * fb) * h;
      emax2 += 2 * t * (1 - fa * fb) * h;
      // P(A > B) = integral of f_B(t) (1 - F_A(t)) dt, f_B by central difference.
      const fbDensity = (triangularCdf(t + h / 2, ...b) - triangularCdf(t - h / 2, ...b)) / h;
      pAlonger += fbDensity * (1 - fa) * h;
    }
    const variance = emax2 - emax * emax;
    const m = finishMoments({ tasks: [tri('A', ...a), tri('B', ...b)] });
    expectMean(m.mean, emax, variance);
    expect(Math.abs(m.variance - variance)).toBeLessThanOrEqual(0.03 * variance);
    const crit = Object.fromEntries(m.r.tasks.map((t) => [t.id, t.criticalityIndex]));
    expect(Math.abs(crit.A - pAlonger)).toBeLessThan(0.01);
    expect(Math.abs(crit.B - (1 - pAlonger))).toBeLessThan(0.01);
  });

  it('a risk event occurs with its probability and adds its mean impact', () => {
    const p = 0.3;
    const net: McNetwork = {
      tasks: [fixed('A', 10)],
      riskEvents: [{ id: 'R1', probability: p, impacts: [{ kind: 'duration', taskId: 'A', units: { min: 2, mostLikely: 4, max: 12 } }] }],
    };
    const m = finishMoments(net);
    const rate = m.r.riskEvents[0].occurrenceRate;
    expect(Math.abs(rate - p)).toBeLessThanOrEqual(5 * Math.sqrt((p * (1 - p)) / N));
    const im = triangularMean(2, 4, 12);
    const variance = p * (triangularVariance(2, 4, 12) + im * im) - (p * im) ** 2;
    expectMean(m.mean, 10 + p * im, variance);
  });

  it.each([[0], [1]])('a risk event with probability %s never / always occurs', (p) => {
    const r = runMonteCarlo(
      { tasks: [fixed('A', 10)], riskEvents: [{ id: 'R', probability: p, impacts: [{ kind: 'duration', taskId: 'A', units: 5 }] }] },
      { iterations: 1000, seed: 1 },
    );
    expect(r.riskEvents[0].occurrenceRate).toBe(p);
    expect(r.finish.min).toBe(10 + 5 * p);
    expect(r.finish.max).toBe(10 + 5 * p);
  });
});

describe('determinism', () => {
  const net: McNetwork = {
    tasks: [tri('A', 1, 2, 6), pert('B', 2, 3, 9), tri('C', 1, 1, 4), pert('D', 0, 2, 3)],
    links: [
      { predecessorId: 'A', successorId: 'B' },
      { predecessorId: 'A', successorId: 'C', type: 'SS', lag: 1 },
      { predecessorId: 'C', successorId: 'D', type: 'FF' },
    ],
    costLines: [{ id: 'L', amountCents: { min: 1000, mostLikely: 2000, max: 5000 }, distribution: 'pert', taskId: 'B', centsPerUnit: 150 }],
    riskEvents: [{ id: 'R', probability: 0.4, impacts: [{ kind: 'duration', taskId: 'C', units: { min: 1, mostLikely: 2, max: 5 } }, { kind: 'cost', costLineId: 'L', amountCents: 700 }] }],
    correlationGroups: [{ taskIds: ['A', 'B'], coefficient: 0.5 }],
  };

  it('same seed gives identical results', () => {
    const a = runMonteCarlo(net, { iterations: 5000, seed: 77 });
    const b = runMonteCarlo(net, { iterations: 5000, seed: 77 });
    expect(b.finish.sortedSamples).toEqual(a.finish.sortedSamples);
    expect(b.cost.sortedSamples).toEqual(a.cost.sortedSamples);
    expect(b.tasks).toEqual(a.tasks);
    expect(b.riskEvents).toEqual(a.riskEvents);
  });

  it('chunks simulated in any order (or on a cloned plan, as a worker would) combine to the same result', () => {
    const options = { iterations: 3500, seed: 77 };
    const whole = runMonteCarlo(net, options);
    const plan = prepareMonteCarlo(net, options);
    expect(plan.chunks.map((c) => c.count)).toEqual([1000, 1000, 1000, 500]);
    const cloned = structuredClone(plan);
    const parts = [...plan.chunks].reverse().map((c) => simulateMonteCarloChunk(c.index % 2 ? cloned : plan, c.index));
    const combined = combineMonteCarloChunks(plan, parts);
    expect(combined.finish.sortedSamples).toEqual(whole.finish.sortedSamples);
    expect(combined.cost.sortedSamples).toEqual(whole.cost.sortedSamples);
    expect(combined.tasks).toEqual(whole.tasks);
    expect(() => combineMonteCarloChunks(plan, parts.slice(1))).toThrow(MonteCarloInputError);
  });

  it('a different seed gives different samples', () => {
    const a = runMonteCarlo(net, { iterations: 2000, seed: 77 });
    const b = runMonteCarlo(net, { iterations: 2000, seed: 78 });
    expect(b.finish.sortedSamples).not.toEqual(a.finish.sortedSamples);
  });

  it('pins a small run so kernel changes that alter results are noticed', () => {
    const r = runMonteCarlo(net, { iterations: 1000, seed: 'pin' });
    expect([r.finish.p10, r.finish.p50, r.finish.p90, r.cost.p50]).toMatchInlineSnapshot(`
      [
        4.731139396768285,
        6.679775898444012,
        9.478935398500276,
        3086,
      ]
    `);
  });
});

describe('network semantics with fixed durations', () => {
  it.each([
    ['FS', 0, 15, ['A', 'B']],
    ['FS', 3, 18, ['A', 'B']],
    ['FS', -2, 13, ['A', 'B']],
    ['SS', 2, 10, ['A']],
    ['SS', 6, 11, ['A', 'B']],
    ['FF', 1, 11, ['A', 'B']],
    ['SF', 12, 12, ['A', 'B']],
    ['SF', 0, 10, ['A']],
  ] as const)('A(10) -%s lag %s-> B(5): finish %s, critical %j', (type, lag, finish, critical) => {
    const r = runMonteCarlo(
      { tasks: [fixed('A', 10), fixed('B', 5)], links: [{ predecessorId: 'A', successorId: 'B', type, lag }] },
      { iterations: 10, seed: 1 },
    );
    expect(r.finish.p50).toBe(finish);
    expect(r.deterministicFinish).toBe(finish);
    const crit = r.tasks.filter((t) => t.criticalityIndex === 1).map((t) => t.id);
    expect(crit).toEqual(critical);
  });

  it('marks only the longest path critical and keeps input order in task results', () => {
    const r = runMonteCarlo(
      {
        tasks: [fixed('End', 0), fixed('Short', 2), fixed('Long', 7), fixed('Start', 1)],
        links: [
          { predecessorId: 'Start', successorId: 'Short' },
          { predecessorId: 'Start', successorId: 'Long' },
          { predecessorId: 'Short', successorId: 'End' },
          { predecessorId: 'Long', successorId: 'End' },
        ],
      },
      { iterations: 5, seed: 1 },
    );
    expect(r.tasks.map((t) => [t.id, t.criticalityIndex])).toEqual([['End', 1], ['Short', 0], ['Long', 1], ['Start', 1]]);
    expect(r.finish.p90).toBe(8);
  });

  it('rounds durations with integerDurations', () => {
    const r = runMonteCarlo({ tasks: [tri('A', 0, 100, 1000)] }, { iterations: 2000, seed: 3, integerDurations: true });
    for (const x of r.finish.sortedSamples) expect(Number.isInteger(x)).toBe(true);
  });

  it('clamps a negative risk impact (opportunity) at zero duration', () => {
    const r = runMonteCarlo(
      { tasks: [fixed('A', 3)], riskEvents: [{ id: 'O', probability: 1, impacts: [{ kind: 'duration', taskId: 'A', units: -10 }] }] },
      { iterations: 10, seed: 1 },
    );
    expect(r.finish.max).toBe(0);
  });
});

describe('cost', () => {
  it('sums fixed amounts, duration-driven cost and risk cost, in whole cents', () => {
    const net: McNetwork = {
      tasks: [tri('A', 10, 20, 60)],
      costLines: [
        { id: 'fixed', amountCents: { min: 100_000, mostLikely: 150_000, max: 300_000 }, distribution: 'pert' },
        { id: 'labour', taskId: 'A', centsPerUnit: 1000 },
      ],
      riskEvents: [{ id: 'R', probability: 0.25, impacts: [{ kind: 'cost', costLineId: 'fixed', amountCents: 40_000 }] }],
    };
    const r = runMonteCarlo(net, { iterations: N, seed: 5, targetCostCents: 250_000 });
    const mean = pertMean(100_000, 150_000, 300_000) + 1000 * triangularMean(10, 20, 60) + 0.25 * 40_000;
    const variance = pertVariance(100_000, 150_000, 300_000) + 1e6 * triangularVariance(10, 20, 60) + 40_000 ** 2 * 0.25 * 0.75;
    expectMean(r.cost.mean, mean, variance, N, 6);
    expect(Number.isInteger(r.cost.p80)).toBe(true);
    expect(r.deterministicCostCents).toBe(150_000 + 20_000);
    expect(r.cost.probabilityOfMeetingTarget).toBeGreaterThan(0);
    expect(r.cost.probabilityOfMeetingTarget).toBeLessThan(1);
  });
});

describe('correlation (Iman-Conover)', () => {
  const a = [0, 10, 30] as const;
  const v = triangularVariance(...a);
  it.each([
    [0.8, 0.7, 0.85],
    [0, -0.05, 0.05],
    [-0.5, -0.55, -0.4],
  ])('coefficient %s on a chain of two tasks gives variance 2v(1 + r) with r in [%s, %s]', (c, lo, hi) => {
    const net: McNetwork = {
      tasks: [tri('A', ...a), tri('B', ...a)],
      links: [{ predecessorId: 'A', successorId: 'B' }],
      correlationGroups: [{ taskIds: ['A', 'B'], coefficient: c }],
    };
    const m = finishMoments(net, 50_000);
    const r = m.variance / (2 * v) - 1;
    expect(r).toBeGreaterThanOrEqual(lo);
    expect(r).toBeLessThanOrEqual(hi);
    // Marginals are preserved: the mean is unchanged.
    expectMean(m.mean, 2 * triangularMean(...a), 4 * v, 50_000);
  });

  it('handles fewer iterations than correlated tasks (no refinement possible) without failing', () => {
    const tasks = ['A', 'B', 'C', 'D', 'E'].map((id) => tri(id, 1, 2, 5));
    const r = runMonteCarlo({ tasks, correlationGroups: [{ taskIds: tasks.map((t) => t.id), coefficient: 0.3 }] }, { iterations: 3, seed: 1 });
    expect(r.finish.sortedSamples).toHaveLength(3);
    for (const x of r.finish.sortedSamples) expect(x >= 1 && x <= 5).toBe(true);
  });

  it('accepts an explicit matrix and perfect correlation', () => {
    const net: McNetwork = {
      tasks: [tri('A', ...a), tri('B', ...a)],
      links: [{ predecessorId: 'A', successorId: 'B' }],
      correlationGroups: [{ taskIds: ['A', 'B'], matrix: [[1, 1], [1, 1]] }],
    };
    const m = finishMoments(net, 20_000);
    expect(m.variance / (4 * v)).toBeGreaterThan(0.97);
  });
});

describe('sensitivity, histogram and S-curve', () => {
  it('ranks the widest task on the critical chain first; an off-path task has ~0', () => {
    const net: McNetwork = {
      tasks: [tri('Wide', 0, 10, 40), tri('Narrow', 9, 10, 11), tri('Side', 0, 1, 2)],
      links: [{ predecessorId: 'Wide', successorId: 'Narrow' }],
    };
    const r = runMonteCarlo(net, { iterations: 20_000, seed: 9 });
    const s = Object.fromEntries(r.tasks.map((t) => [t.id, t.sensitivity]));
    expect(s.Wide).toBeGreaterThan(0.95);
    expect(s.Narrow).toBeGreaterThan(0);
    expect(s.Narrow).toBeLessThan(0.2);
    expect(Math.abs(s.Side)).toBeLessThan(0.03);
    expect(r.tornado[0].taskId).toBe('Wide');
    expect(r.sensitivityIterations).toBe(20_000);
  });

  it('keeps durations aligned with their iteration when a chunk is sampled in several blocks (1,500 tasks)', () => {
    // 1,500 tasks make blocks of 666 iterations: each 1,000-iteration chunk is sampled in two blocks.
    const tasks = Array.from({ length: 1500 }, (_, i) => (i === 700 ? tri(`T${i}`, 0, 500, 3000) : tri(`T${i}`, 9, 10, 11)));
    const links = tasks.slice(1).map((t, i) => ({ predecessorId: tasks[i].id, successorId: t.id }));
    const r = runMonteCarlo({ tasks, links }, { iterations: 2500, seed: 12, integerDurations: true });
    const wide = r.tasks[700];
    expect(wide.criticalityIndex).toBe(1);
    expect(wide.sensitivity).toBeGreaterThan(0.95);
    expect(r.tornado[0].taskId).toBe('T700');
    const mean = 1499 * 10 + triangularMean(0, 500, 3000);
    expectMean(r.finish.mean, mean, 1499 * triangularVariance(9, 10, 11) + triangularVariance(0, 500, 3000) + 1499 / 12, 2500, 6);
  });

  it('bounds sensitivity memory by maxSensitivityCells', () => {
    const r = runMonteCarlo({ tasks: [tri('A', 0, 1, 2), tri('B', 0, 1, 2)] }, { iterations: 1000, seed: 1, maxSensitivityCells: 600 });
    expect(r.sensitivityIterations).toBe(300);
  });

  it('histogram counts every iteration and the S-curve is monotone from min to max', () => {
    const r = runMonteCarlo({ tasks: [pert('A', 1, 2, 9)] }, { iterations: 3000, seed: 2, histogramBins: 25, targetFinish: 3 });
    expect(r.finish.histogram).toHaveLength(25);
    expect(r.finish.histogram.reduce((s, b) => s + b.count, 0)).toBe(3000);
    expect(r.finish.sCurve[0].value).toBe(r.finish.min);
    expect(r.finish.sCurve[100].value).toBe(r.finish.max);
    for (let i = 1; i < 101; i++) expect(r.finish.sCurve[i].value).toBeGreaterThanOrEqual(r.finish.sCurve[i - 1].value);
    expect(r.finish.p10).toBeLessThanOrEqual(r.finish.p50);
    expect(r.finish.p80).toBeLessThanOrEqual(r.finish.p90);
    expect(r.finish.probabilityOfMeetingTarget).toBeGreaterThan(0.3);
    expect(r.finish.probabilityOfMeetingTarget).toBeLessThan(0.7);
  });

  it('maps percentiles to dates through a calendar callback', () => {
    const r = runMonteCarlo({ tasks: [fixed('A', 960)] }, { iterations: 10, seed: 1, percentiles: [50, 80] });
    expect(mapFinishToDates(r, (offset) => `day+${offset / 480}`)).toEqual([
      { p: 50, offset: 960, date: 'day+2' },
      { p: 80, offset: 960, date: 'day+2' },
    ]);
  });
});
