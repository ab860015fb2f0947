// Tests for the benchmark's independent checker (bench/feasibility.ts). They live here because vitest
// only collects src/** and test/**; the checker itself shares no code with the solver.
import { describe, expect, it } from 'vitest';
import { checkSchedule, criticalPathBound, readCheckerInstance, type CheckerInstance } from '../../../bench/feasibility.js';

// 4 jobs: 0 -> 1 -> 3, 0 -> 2 -> 3; one resource of capacity 2; jobs 1 and 2 need 1 and 2 units.
const inst: CheckerInstance = {
  durations: [0, 3, 2, 0],
  demands: [[0], [1], [2], [0]],
  capacities: [2],
  successors: [[1, 2], [3], [3], []],
};

describe('checkSchedule', () => {
  const cases: { name: string; starts: number[]; feasible: boolean; makespan: number; error?: RegExp }[] = [
    { name: 'a feasible sequential schedule', starts: [0, 0, 3, 5], feasible: true, makespan: 5 },
    { name: 'overlap that exceeds capacity', starts: [0, 0, 1, 3], feasible: false, makespan: 3, error: /resource 1 period 1: use 3 > capacity 2/ },
    { name: 'a successor starting before its predecessor finishes', starts: [0, 0, 3, 4], feasible: false, makespan: 5, error: /job 4 starts at 4 before predecessor 2 finishes at 3|job 4 starts at 4 before predecessor 3 finishes at 5/ },
    { name: 'a negative start', starts: [-1, 0, 3, 5], feasible: false, makespan: 5, error: /not a non-negative integer/ },
    { name: 'a fractional start', starts: [0, 0.5, 3.5, 5.5], feasible: false, makespan: 5.5, error: /not a non-negative integer/ },
  ];
  it.each(cases)('$name', ({ starts, feasible, makespan, error }) => {
    const v = checkSchedule(inst, starts);
    expect(v.feasible).toBe(feasible);
    expect(v.makespan).toBe(makespan);
    if (error) expect(v.errors.join('\n')).toMatch(error);
  });

  it('rejects a start vector of the wrong length', () => {
    expect(checkSchedule(inst, [0, 0]).feasible).toBe(false);
  });
});

describe('readCheckerInstance and criticalPathBound', () => {
  it('reads a Patterson file and computes the critical path', () => {
    const text = '4 1\n2\n0 0 2 2 3\n3 1 1 4\n2 2 1 4\n0 0 0\n';
    const ci = readCheckerInstance(text);
    expect(ci).toEqual(inst);
    expect(criticalPathBound(ci)).toBe(3);
  });

  it('reads the job data of a PSPLIB .sm layout', () => {
    const sm = [
      'jobs (incl. supersource/sink ):  3', '  - renewable                 :  1   R',
      'PRECEDENCE RELATIONS:', 'jobnr.    #modes  #successors   successors',
      '   1        1          1           2', '   2        1          1           3', '   3        1          0',
      '************', 'REQUESTS/DURATIONS:', 'jobnr. mode duration  R 1', '------',
      '  1      1     0       0', '  2      1     4       3', '  3      1     0       0', '************',
      'RESOURCEAVAILABILITIES:', '  R 1', '   5', '************',
    ].join('\n');
    const ci = readCheckerInstance(sm);
    expect(ci).toEqual({ durations: [0, 4, 0], demands: [[0], [3], [0]], capacities: [5], successors: [[1], [2], []] });
    expect(criticalPathBound(ci)).toBe(4);
  });
});
