import { describe, expect, it } from 'vitest';
import { MAX_MONTE_CARLO_ITERATIONS, runMonteCarlo } from './run-monte-carlo.js';
import { MonteCarloInputError } from './montecarlo-error.js';
import type { McNetwork, McTask } from './montecarlo-types.js';

const tri = (id: string, min: number, ml: number, max: number): McTask => ({ id, duration: { min, mostLikely: ml, max }, distribution: 'triangular' });
const fixed = (id: string, d: number): McTask => ({ id, duration: { min: d, mostLikely: d, max: d }, distribution: 'fixed' });

describe('bad input gives MonteCarloInputError with a stable code', () => {
  const ok: McNetwork = { tasks: [tri('A', 1, 2, 3), tri('B', 1, 2, 3)], links: [{ predecessorId: 'A', successorId: 'B' }] };
  const cases: Array<[string, McNetwork, Partial<Parameters<typeof runMonteCarlo>[1]>, string]> = [
    ['no tasks', { tasks: [] }, {}, 'MC_EMPTY_NETWORK'],
    ['duplicate id', { tasks: [tri('A', 1, 2, 3), tri('A', 1, 2, 3)] }, {}, 'MC_DUPLICATE_ID'],
    ['min > mostLikely', { tasks: [tri('A', 5, 2, 9)] }, {}, 'MC_INVALID_ESTIMATE'],
    ['mostLikely > max', { tasks: [tri('A', 1, 9, 3)] }, {}, 'MC_INVALID_ESTIMATE'],
    ['negative duration', { tasks: [tri('A', -1, 2, 3)] }, {}, 'MC_INVALID_ESTIMATE'],
    ['NaN estimate', { tasks: [tri('A', 1, Number.NaN, 3)] }, {}, 'MC_INVALID_ESTIMATE'],
    ['unknown distribution', { tasks: [{ id: 'A', duration: { min: 1, mostLikely: 2, max: 3 }, distribution: 'lognormal' as never }] }, {}, 'MC_INVALID_DISTRIBUTION'],
    ['unknown predecessor', { ...ok, links: [{ predecessorId: 'X', successorId: 'B' }] }, {}, 'MC_UNKNOWN_TASK'],
    ['self link', { ...ok, links: [{ predecessorId: 'A', successorId: 'A' }] }, {}, 'MC_SELF_LINK'],
    ['bad link type', { ...ok, links: [{ predecessorId: 'A', successorId: 'B', type: 'XX' as never }] }, {}, 'MC_INVALID_LINK'],
    ['cycle', { ...ok, links: [{ predecessorId: 'A', successorId: 'B' }, { predecessorId: 'B', successorId: 'A' }] }, {}, 'MC_CYCLE'],
    ['probability > 1', { ...ok, riskEvents: [{ id: 'R', probability: 1.2, impacts: [] }] }, {}, 'MC_INVALID_PROBABILITY'],
    ['probability < 0', { ...ok, riskEvents: [{ id: 'R', probability: -0.1, impacts: [] }] }, {}, 'MC_INVALID_PROBABILITY'],
    ['impact on unknown task', { ...ok, riskEvents: [{ id: 'R', probability: 0.5, impacts: [{ kind: 'duration', taskId: 'Z', units: 1 }] }] }, {}, 'MC_UNKNOWN_TASK'],
    ['impact on unknown cost line', { ...ok, riskEvents: [{ id: 'R', probability: 0.5, impacts: [{ kind: 'cost', costLineId: 'Z', amountCents: 1 }] }] }, {}, 'MC_UNKNOWN_COST_LINE'],
    ['bad impact estimate', { ...ok, riskEvents: [{ id: 'R', probability: 0.5, impacts: [{ kind: 'duration', taskId: 'A', units: { min: 3, mostLikely: 1, max: 2 } }] }] }, {}, 'MC_INVALID_ESTIMATE'],
    ['bad impact kind', { ...ok, riskEvents: [{ id: 'R', probability: 0.5, impacts: [{ kind: 'scope' } as never] }] }, {}, 'MC_INVALID_IMPACT'],
    ['rate without task', { ...ok, costLines: [{ id: 'L', centsPerUnit: 5 }] }, {}, 'MC_INVALID_COST_LINE'],
    ['correlation out of range', { ...ok, correlationGroups: [{ taskIds: ['A', 'B'], coefficient: 1.5 }] }, {}, 'MC_INVALID_CORRELATION'],
    ['correlation group of one', { ...ok, correlationGroups: [{ taskIds: ['A'], coefficient: 0.5 }] }, {}, 'MC_INVALID_CORRELATION'],
    ['task in two groups', { tasks: [tri('A', 1, 2, 3), tri('B', 1, 2, 3), tri('C', 1, 2, 3)], correlationGroups: [{ taskIds: ['A', 'B'], coefficient: 0.5 }, { taskIds: ['B', 'C'], coefficient: 0.5 }] }, {}, 'MC_INVALID_CORRELATION'],
    ['not positive semi-definite', { tasks: [tri('A', 1, 2, 3), tri('B', 1, 2, 3), tri('C', 1, 2, 3)], correlationGroups: [{ taskIds: ['A', 'B', 'C'], coefficient: -0.9 }] }, {}, 'MC_INVALID_CORRELATION'],
    ['asymmetric matrix', { ...ok, correlationGroups: [{ taskIds: ['A', 'B'], matrix: [[1, 0.2], [0.3, 1]] }] }, {}, 'MC_INVALID_CORRELATION'],
    ['null task entry', { tasks: [null as never] }, {}, 'MC_EMPTY_NETWORK'],
    ['links not an array', { ...ok, links: 'A->B' as never }, {}, 'MC_INVALID_LINK'],
    ['null risk event', { ...ok, riskEvents: [null as never] }, {}, 'MC_INVALID_IMPACT'],
    ['null impact', { ...ok, riskEvents: [{ id: 'R', probability: 0.5, impacts: [null as never] }] }, {}, 'MC_INVALID_IMPACT'],
    ['missing duration', { tasks: [{ id: 'A' } as never] }, {}, 'MC_INVALID_ESTIMATE'],
    ['zero iterations', ok, { iterations: 0 }, 'MC_INVALID_ITERATIONS'],
    ['fractional iterations', ok, { iterations: 10.5 }, 'MC_INVALID_ITERATIONS'],
    ['too many iterations', ok, { iterations: MAX_MONTE_CARLO_ITERATIONS + 1 }, 'MC_ITERATIONS_LIMIT'],
    ['bad seed', ok, { seed: -3 }, 'MC_INVALID_SEED'],
    ['bad percentile', ok, { percentiles: [0] }, 'MC_INVALID_OPTION'],
    ['bad bins', ok, { histogramBins: 0 }, 'MC_INVALID_OPTION'],
  ];
  it.each(cases)('%s', (_name, net, opts, code) => {
    let caught: unknown;
    try {
      runMonteCarlo(net, { iterations: 10, seed: 1, ...opts });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(MonteCarloInputError);
    expect((caught as MonteCarloInputError).code).toBe(code);
  });

  it('names the tasks of a cycle', () => {
    const net: McNetwork = {
      tasks: [tri('S', 1, 2, 3), tri('A', 1, 2, 3), tri('B', 1, 2, 3), tri('C', 1, 2, 3)],
      links: [
        { predecessorId: 'S', successorId: 'A' },
        { predecessorId: 'A', successorId: 'B' },
        { predecessorId: 'B', successorId: 'C' },
        { predecessorId: 'C', successorId: 'A' },
      ],
    };
    expect(() => runMonteCarlo(net, { iterations: 1, seed: 1 })).toThrow(/cycle: (A -> B -> C -> A|B -> C -> A -> B|C -> A -> B -> C)/);
  });

  it('refuses a run whose iterations x (tasks + links) exceed the work limit, before simulating', () => {
    const tasks = Array.from({ length: 25_000 }, (_, i) => fixed(`T${i}`, 1));
    let caught: unknown;
    try {
      runMonteCarlo({ tasks }, { iterations: MAX_MONTE_CARLO_ITERATIONS, seed: 1 });
    } catch (err) {
      caught = err;
    }
    expect((caught as MonteCarloInputError).code).toBe('MC_ITERATIONS_LIMIT');
  });

  it('accepts the iteration limit itself (validation only; tiny network)', () => {
    expect(() => runMonteCarlo({ tasks: [fixed('A', 1)] }, { iterations: MAX_MONTE_CARLO_ITERATIONS, seed: 1, sensitivity: false })).not.toThrow();
  });
});
