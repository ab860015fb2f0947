import { describe, expect, it } from 'vitest';
import { buildKnapsackProgram, findViolations, evaluateSelection, type BinaryProgram } from './binary-program.js';
import { runSelectionHeuristic } from './selection-heuristic.js';
import { computeLagrangianBound, evaluateLagrangianBound } from './lagrangian-bound.js';
import { buildCoreProgram, expandCoreSolution } from './core-program.js';
import { improveByTargetedSwaps } from './targeted-swaps.js';
import { SelectionState } from './selection-state.js';
import { orderByUtility, repairInto, PlainRepair } from './selection-heuristic.js';
import { compileSelection, validateSelectionProblem, type SelectionProblem, type SelectionCandidate } from './selection-model.js';
import { findSelectionConflicts, findDependencyCycle } from './selection-checks.js';
import { explainExclusions } from './selection-explain.js';
import { compareScenarios } from './scenario-compare.js';
import { parseMknapText } from './mknap-format.js';
import { generateSyntheticPortfolio } from './synthetic-portfolio.js';
import { createSeededRng } from '../rng.js';

const cand = (id: string, over: Partial<SelectionCandidate> = {}): SelectionCandidate => ({
  id,
  score: 10,
  npvCents: 1000,
  capexCents: [100],
  opexCents: [0],
  demand: {},
  ...over,
});

const base = (candidates: SelectionCandidate[], over: Partial<SelectionProblem> = {}): SelectionProblem => ({
  periodLabels: ['2027-01', '2027-02', '2027-03'],
  budget: { capexCents: [150, 150, 150], opexCents: [100, 100, 100] },
  capacity: { dev: [10, 10, 10] },
  objective: { kind: 'score' },
  candidates,
  ...over,
});

/** Random small program with groups, dependencies and exclusions (for brute-force comparisons). */
function randomProgram(seed: number): BinaryProgram {
  const rng = createSeededRng(seed);
  const groups = 6 + Math.floor(rng() * 5);
  const rows = 2 + Math.floor(rng() * 3);
  const groupOf: number[] = [];
  const value: number[] = [];
  const colStart = [0];
  const rowIndex: number[] = [];
  const coef: number[] = [];
  for (let g = 0; g < groups; g++) {
    const options = 1 + Math.floor(rng() * 2);
    const v = 1 + Math.floor(rng() * 20);
    for (let o = 0; o < options; o++) {
      groupOf.push(g);
      value.push(v);
      for (let r = 0; r < rows; r++) {
        if (rng() < 0.7) {
          rowIndex.push(r);
          coef.push(1 + Math.floor(rng() * 10));
        }
      }
      colStart.push(rowIndex.length);
    }
  }
  const dependencies = rng() < 0.7 ? [1, 0] : [];
  const exclusions = rng() < 0.7 ? [2, 3] : [];
  return {
    numVars: value.length,
    numRows: rows,
    value: Float64Array.from(value),
    colStart: Int32Array.from(colStart),
    rowIndex: Int32Array.from(rowIndex),
    coef: Float64Array.from(coef),
    capacity: Float64Array.from({ length: rows }, () => 10 + Math.floor(rng() * 15)),
    numGroups: groups,
    groupOf: Int32Array.from(groupOf),
    mandatory: new Uint8Array(groups),
    dependencies: Int32Array.from(dependencies),
    exclusions: Int32Array.from(exclusions),
  };
}

function bruteForce(p: BinaryProgram): number {
  let best = -Infinity;
  const x = new Uint8Array(p.numVars);
  for (let mask = 0; mask < 1 << p.numVars; mask++) {
    for (let j = 0; j < p.numVars; j++) x[j] = (mask >> j) & 1;
    if (findViolations(p, x).length === 0) best = Math.max(best, evaluateSelection(p, x));
  }
  return best;
}

describe('selection heuristic and bounds on small programs (brute force oracle)', () => {
  it.each(Array.from({ length: 12 }, (_, i) => i + 1))('seed %i: heuristic feasible and <= optimum <= Lagrangian bound', (seed) => {
    const p = randomProgram(seed);
    const opt = bruteForce(p);
    const h = runSelectionHeuristic(p, { now: () => 0, deadline: 1, maxChildren: 300, seed });
    expect(findViolations(p, h.x)).toEqual([]);
    expect(h.value).toBeLessThanOrEqual(opt + 1e-9);
    expect(h.value).toBeGreaterThanOrEqual(opt * 0.8);
    let tick = 0;
    const lag = computeLagrangianBound(p, { now: () => tick++, deadline: 500 });
    expect(lag.bound).toBeGreaterThanOrEqual(opt - 1e-6);
    expect(evaluateLagrangianBound(p, new Float64Array(p.numRows))).toBeGreaterThanOrEqual(opt - 1e-6);
  });

  it.each([1, 2, 3, 4, 5, 6])('seed %i: targeted swaps keep the selection feasible and never lower its value', (seed) => {
    const p = randomProgram(seed);
    const order = orderByUtility(p);
    const state = new SelectionState(p);
    // Start from a deliberately poor selection: the lowest-utility variables first.
    repairInto(state, Int32Array.from(order).reverse(), null);
    const before = state.value;
    let tick = 0;
    const lag = computeLagrangianBound(p, { now: () => tick++, deadline: 200 });
    improveByTargetedSwaps(state, order, lag.prices, 100, 5);
    expect(findViolations(p, state.toVector())).toEqual([]);
    expect(state.value).toBeGreaterThanOrEqual(before);
    expect(state.value).toBeLessThanOrEqual(bruteForce(p) + 1e-9);
  });

  it('a core program around a feasible incumbent maps back to feasible solutions', () => {
    const p = randomProgram(3);
    const h = runSelectionHeuristic(p, { now: () => 0, deadline: 1, maxChildren: 50 });
    const core = buildCoreProgram(p, h.x, new Float64Array(p.numRows), 10);
    const coreX = new Uint8Array(core.core.numVars);
    core.coreVars.forEach((j, q) => (coreX[q] = h.x[j]!));
    expect(findViolations(core.core, coreX)).toEqual([]);
    const back = expandCoreSolution(p, core, coreX);
    expect(Array.from(back)).toEqual(Array.from(h.x));
    expect(findViolations(p, expandCoreSolution(p, core, new Uint8Array(core.core.numVars)))).toEqual([]);
  });

  it('builds a knapsack program and rejects bad data', () => {
    const p = buildKnapsackProgram({ values: [3, 4], weights: [[1, 2]], capacities: [2] });
    expect(p.colStart[2]).toBe(2);
    expect(() => buildKnapsackProgram({ values: [3], weights: [[-1]], capacities: [2] })).toThrow(/>= 0/);
    expect(() => buildKnapsackProgram({ values: [3], weights: [], capacities: [2] })).toThrow(/weight rows/);
  });
});

describe('compileSelection', () => {
  it('creates one variable per start in the window, places profiles at start + k and drops the overflow', () => {
    const p = base([cand('a', { capexCents: [100, 50], opexCents: [0, 20, 30], demand: { dev: [1, 2, 3] }, earliestStart: 0, latestStart: 1 })]);
    const c = compileSelection(p);
    expect(c.program.numVars).toBe(2);
    expect(Array.from(c.varStart)).toEqual([0, 1]);
    expect(c.program.numRows).toBe(9); // capex x3, opex x3, dev x3
    const col = (j: number): Record<string, number> => {
      const out: Record<string, number> = {};
      for (let k = c.program.colStart[j]!; k < c.program.colStart[j + 1]!; k++) {
        const r = c.rows[c.program.rowIndex[k]!]!;
        out[`${r.kind === 'budget' ? r.budget : r.roleId}@${r.period}`] = c.program.coef[k]!;
      }
      return out;
    };
    expect(col(0)).toEqual({ 'capex@0': 100, 'capex@1': 50, 'opex@1': 20, 'opex@2': 30, 'dev@0': 1, 'dev@1': 2, 'dev@2': 3 });
    // Start 1: the third period of the profile falls off the horizon.
    expect(col(1)).toEqual({ 'capex@1': 100, 'capex@2': 50, 'opex@2': 20, 'dev@1': 1, 'dev@2': 2 });
  });

  it('scales budgets (not capacities) by the budget factor and makes dependencies of mandatory projects mandatory', () => {
    const p = base([cand('a'), cand('b', { mandatory: true, dependsOn: ['a'] })]);
    const c = compileSelection(p, 0.5);
    expect(c.program.capacity[0]).toBe(75);
    expect(c.program.capacity[6]).toBe(10);
    expect(Array.from(c.program.mandatory)).toEqual([1, 1]);
  });

  it.each([
    { p: base([cand('a', { demand: { qa: [1] } })]), msg: /unknown role "qa"/ },
    { p: base([cand('a', { dependsOn: ['zz'] })]), msg: /unknown candidate "zz"/ },
    { p: base([cand('a'), cand('a')]), msg: /used twice/ },
    { p: base([cand('a')], { budget: { capexCents: [1, 2] } }), msg: /budget capexCents must hold 3/ },
    { p: base([cand('a', { earliestStart: 2, latestStart: 1 })]), msg: /earliestStart <= latestStart/ },
    { p: base([cand('a', { capexCents: [-5] })]), msg: /non-negative/ },
    { p: base([cand('a', { npvCents: 1.5 })]), msg: /npvCents must be an integer/ },
    { p: base([cand('a')], { periodLabels: [] }), msg: /at least one period/ },
  ])('rejects bad input: $msg', ({ p, msg }) => {
    expect(() => validateSelectionProblem(p)).toThrow(msg);
  });
});

describe('conflicts and explanations', () => {
  it('finds dependency cycles with their path', () => {
    const p = base([cand('a', { dependsOn: ['c'] }), cand('b', { dependsOn: ['a'] }), cand('c', { dependsOn: ['b'] }), cand('d')]);
    expect(findDependencyCycle(p)).toEqual(['a', 'c', 'b', 'a']);
    const conflicts = findSelectionConflicts(p, compileSelection(p));
    expect(conflicts[0]).toMatchObject({ kind: 'cyclic-dependency', message: 'cyclic dependency: a -> c -> b -> a' });
  });

  it.each([
    {
      why: 'mandatory projects over the capex budget of a period',
      p: base([cand('a', { mandatory: true }), cand('b', { mandatory: true })]),
      kind: 'mandatory-over-limit',
      msg: /capex budget in 2027-01: mandatory "a", "b" need at least 200, limit is 150/,
    },
    {
      why: 'mandatory projects excluding each other',
      p: base([cand('a', { mandatory: true, excludes: ['b'] }), cand('b', { mandatory: true })]),
      kind: 'mandatory-excluded',
      msg: /exclude each other/,
    },
    {
      why: 'mandatory projects excluding each other, listed on the later id only',
      p: base([cand('a', { mandatory: true }), cand('b', { mandatory: true, excludes: ['a'] })]),
      kind: 'mandatory-excluded',
      msg: /mandatory "b" \(marked mandatory\) and "a" \(marked mandatory\) exclude each other/,
    },
    {
      why: 'a mandatory project needing one that it excludes (through the closure)',
      p: base([cand('a', { mandatory: true, dependsOn: ['b'], excludes: ['b'] }), cand('b')]),
      kind: 'mandatory-excluded',
      msg: /"b" \(needed by mandatory "a"\)/,
    },
    {
      why: 'a mandatory project that starts after the horizon',
      p: base([cand('a', { mandatory: true, earliestStart: 5 })]),
      kind: 'mandatory-no-start',
      msg: /cannot start within the 3 planned periods/,
    },
  ])('reports $why', ({ p, kind, msg }) => {
    const conflicts = findSelectionConflicts(p, compileSelection(p));
    const c = conflicts.find((x) => x.kind === kind);
    expect(c?.message).toMatch(msg);
  });

  it('reports an exclusion listed on both sides once', () => {
    const p = base([cand('a', { mandatory: true, excludes: ['b'] }), cand('b', { mandatory: true, excludes: ['a'] })]);
    expect(findSelectionConflicts(p, compileSelection(p)).filter((x) => x.kind === 'mandatory-excluded')).toHaveLength(1);
  });

  it('explains exclusions: budget row and period, exclusion by a selected project, missing dependency', () => {
    const p = base([cand('a', { score: 10 }), cand('big', { capexCents: [120] }), cand('x', { excludes: ['a'], capexCents: [1] }), cand('needy', { dependsOn: ['big'], capexCents: [1] })]);
    const c = compileSelection(p);
    const x = new Uint8Array(c.program.numVars);
    x[0] = 1; // only "a" selected: 100 of 150 capex used in 2027-01
    const e = new Map(explainExclusions(p, c, x).map((r) => [r.candidateId, r.reasons]));
    expect(e.get('big')![0]).toMatchObject({ kind: 'limit', row: { kind: 'budget', budget: 'capex', period: 0 }, needed: 120, available: 50 });
    expect(e.get('big')![0]!.message).toBe('capex budget in 2027-01: needs 120, only 50 left (start 2027-01)');
    expect(e.get('x')![0]).toMatchObject({ kind: 'excluded-by', candidateId: 'a' });
    expect(e.get('needy')![0]).toMatchObject({ kind: 'needs', candidateId: 'big' });
    expect(e.has('a')).toBe(false);
  });
});

describe('scenario comparison', () => {
  it('reports value, money per period, role load, in/out and moved projects', () => {
    const p = base([
      cand('a', { capexCents: [100], demand: { dev: [5] } }),
      cand('b', { score: 7, npvCents: -50, capexCents: [0], opexCents: [10, 10], demand: { dev: [2, 2] }, latestStart: 1 }),
      cand('c'),
    ]);
    const r = compareScenarios(p, [{ candidateId: 'a', startPeriod: 0 }, { candidateId: 'b', startPeriod: 0 }], [{ candidateId: 'b', startPeriod: 1 }, { candidateId: 'c', startPeriod: 0 }]);
    expect(r.onlyInA).toEqual(['a']);
    expect(r.onlyInB).toEqual(['c']);
    expect(r.moved).toEqual([{ candidateId: 'b', startA: 0, startB: 1 }]);
    expect(r.a.totalScore).toBe(17);
    expect(r.a.totalNpvCents).toBe(950);
    expect(r.a.capexCents).toEqual([100, 0, 0]);
    expect(r.b.opexCents).toEqual([0, 10, 10]);
    expect(r.a.roles.dev!.load).toEqual([7, 2, 0]);
    expect(r.a.roles.dev!.utilization[0]).toBeCloseTo(0.7, 12);
    expect(r.opexDeltaCents).toEqual([-10, 0, 10]);
    expect(() => compareScenarios(p, [{ candidateId: 'zz', startPeriod: 0 }], [])).toThrow(/unknown candidate "zz"/);
  });
});

describe('mknap parsing and the synthetic generator', () => {
  it('parses OR-Library text and reports truncation', () => {
    const probs = parseMknapText('1\n3 2 7\n1 2 3\n1 1 1\n2 0 1\n2 3');
    expect(probs[0]).toEqual({ n: 3, m: 2, headerOptimum: 7, profits: [1, 2, 3], weights: [[1, 1, 1], [2, 0, 1]], capacities: [2, 3] });
    expect(() => parseMknapText('1\n3 2 7\n1 2')).toThrow(/ends early/);
    expect(() => parseMknapText('1\n3 x 7')).toThrow(/non-number/);
  });
  it('generates the same valid portfolio for the same seed', () => {
    const a = generateSyntheticPortfolio({ candidates: 200, periods: 12, roles: 4, seed: 3 });
    const b = generateSyntheticPortfolio({ candidates: 200, periods: 12, roles: 4, seed: 3 });
    expect(a).toEqual(b);
    expect(() => validateSelectionProblem(a)).not.toThrow();
    expect(findDependencyCycle(a)).toBeNull();
  });
});

describe('the plain-knapsack fast path', () => {
  const rng = createSeededRng(99);
  const n = 60;
  const m = 7;
  const weights = Array.from({ length: m }, () => Array.from({ length: n }, () => 1 + Math.floor(rng() * 100)));
  const program = buildKnapsackProgram({ values: Array.from({ length: n }, () => 1 + Math.floor(rng() * 200)), weights, capacities: weights.map((row) => Math.floor(0.4 * row.reduce((a, b) => a + b, 0))) });
  const prices = Array.from({ length: m }, () => rng());

  it('repairs exactly as the generic repair does, for any wish', () => {
    const order = orderByUtility(program, prices);
    const a = new SelectionState(program);
    const b = new SelectionState(program);
    const fast = new PlainRepair(program, order, prices);
    for (let k = 0; k < 50; k++) {
      const wish = Array.from({ length: n }, () => (rng() < 0.5 ? 1 : 0));
      repairInto(a, order, wish);
      fast.repair(b, wish);
      expect(Array.from(b.chosen)).toEqual(Array.from(a.chosen));
      expect(b.value).toBe(a.value);
      for (let i = 0; i < m; i++) expect(b.residual[i]).toBeCloseTo(a.residual[i]!, 9);
    }
  });

  it('gives the genetic algorithm the same children, so the same answer, as the generic path', () => {
    const opts = { now: () => 0, deadline: 1, seed: 5, rowPrices: prices, maxChildren: 3000 };
    const generic = runSelectionHeuristic(program, { ...opts, generic: true });
    const fast = runSelectionHeuristic(program, opts);
    expect(fast.value).toBe(generic.value);
    expect(Array.from(fast.x)).toEqual(Array.from(generic.x));
    expect(findViolations(program, fast.x)).toEqual([]);
  });
});
