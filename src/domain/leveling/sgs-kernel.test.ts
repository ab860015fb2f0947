import { describe, expect, it } from 'vitest';
import { compileProblem, type ProblemSpec } from './scheduling-problem.js';
import { ScheduleWorkspace } from './sgs-kernel.js';
import { runParallelSgs } from './parallel-sgs.js';
import { LevelingError } from './leveling-error.js';

/** Small helper: jobs with durations, arcs [from, to, delta], demands [job, res, qty], capacities. */
function problem(d: number[], arcs: [number, number, number][], dem: [number, number, number][], cap: number[], extra: Partial<ProblemSpec> = {}) {
  return compileProblem({
    durations: d,
    arcFrom: arcs.map((a) => a[0]), arcTo: arcs.map((a) => a[1]), arcDelta: arcs.map((a) => a[2]),
    resourceCount: cap.length, tailCapacity: cap,
    demandJob: dem.map((x) => x[0]), demandResource: dem.map((x) => x[1]), demandQty: dem.map((x) => x[2]),
    ...extra,
  });
}

describe('serial SGS', () => {
  const cases: { name: string; p: ReturnType<typeof problem>; list: number[]; starts: number[]; makespan: number }[] = [
    { name: 'two jobs share a unit resource: second waits', p: problem([3, 2], [], [[0, 0, 1], [1, 0, 1]], [1]), list: [0, 1], starts: [0, 3], makespan: 5 },
    { name: 'list order decides who goes first', p: problem([3, 2], [], [[0, 0, 1], [1, 0, 1]], [1]), list: [1, 0], starts: [2, 0], makespan: 5 },
    { name: 'capacity 2 lets both run together', p: problem([3, 2], [], [[0, 0, 1], [1, 0, 1]], [2]), list: [0, 1], starts: [0, 0], makespan: 3 },
    { name: 'finish-to-start link with lag 2', p: problem([3, 2], [[0, 1, 5]], [], [1]), list: [0, 1], starts: [0, 5], makespan: 7 },
    { name: 'start-to-start lead (negative delta)', p: problem([3, 2, 1], [[0, 1, 1], [1, 2, -1]], [], [1]), list: [0, 1, 2], starts: [0, 1, 0], makespan: 3 },
    { name: 'fills a gap earlier in time', p: problem([2, 4, 1], [[0, 1, 2]], [[0, 0, 1], [1, 0, 2], [2, 0, 1]], [2]), list: [0, 1, 2], starts: [0, 2, 0], makespan: 6 },
    { name: 'zero-duration job ignores resources', p: problem([0, 2], [[0, 1, 0]], [[1, 0, 1]], [1]), list: [0, 1], starts: [0, 0], makespan: 2 },
    { name: 'release date delays a job', p: problem([2], [], [[0, 0, 1]], [1], { releases: [4] }), list: [0], starts: [4], makespan: 6 },
    { name: 'vacation in the profile pushes the job past it', p: problem([3], [], [[0, 0, 1]], [1], { profileLength: 5, profile: [1, 1, 0, 0, 1] }), list: [0], starts: [4], makespan: 7 },
  ];
  it.each(cases)('$name', ({ p, list, starts, makespan }) => {
    const ws = new ScheduleWorkspace(p);
    const s = new Int32Array(p.n);
    expect(ws.serial(list, s)).toBe(makespan);
    expect(Array.from(s)).toEqual(starts);
  });

  it('reports a job that can never fit (demand above the capacity after the profile)', () => {
    const p = problem([3], [], [[0, 0, 2]], [1], { profileLength: 2, profile: [2, 2] });
    const ws = new ScheduleWorkspace(p);
    expect(ws.serial([0], new Int32Array(1))).toBe(-1);
  });

  it('grows the capacity buffer when a schedule runs past it', () => {
    const n = 50;
    const p = problem(new Array(n).fill(10), [], Array.from({ length: n }, (_, j) => [j, 0, 1] as [number, number, number]), [1]);
    const ws = new ScheduleWorkspace(p, 8);
    const s = new Int32Array(n);
    expect(ws.serial(Array.from({ length: n }, (_, j) => j), s)).toBe(500);
    expect(ws.horizonPeriods).toBeGreaterThanOrEqual(500);
  });
});

describe('backward SGS and justification', () => {
  it('right-justifies against the deadline', () => {
    const p = problem([2, 1], [[0, 1, 2]], [[0, 0, 1], [1, 0, 1]], [1]);
    const ws = new ScheduleWorkspace(p);
    const s = new Int32Array(2);
    expect(ws.backward([1, 0], 6, s)).toBe(true);
    expect(Array.from(s)).toEqual([3, 5]);
  });

  it('fails instead of placing a job before its release', () => {
    const p = problem([3], [], [[0, 0, 1]], [1], { releases: [4] });
    const ws = new ScheduleWorkspace(p);
    expect(ws.backward([0], 5, new Int32Array(1))).toBe(false);
  });

  it('double justification shortens a poor list and never lengthens it', () => {
    // Job 0 (long, alone on resource 1) then a chain 1->2 on resource 0: bad order puts the chain late.
    const p = problem([1, 4, 4, 4], [[0, 3, 1]], [[0, 0, 1], [1, 0, 1], [2, 0, 1], [3, 1, 1]], [1, 1]);
    const ws = new ScheduleWorkspace(p);
    const list = Int32Array.from([0, 1, 2, 3]);
    const s = new Int32Array(4);
    const plain = ws.serial(list, s);
    const justified = ws.decodeWithJustification(list, s);
    expect(justified).toBeLessThanOrEqual(plain);
    expect(justified).toBe(9);
  });
});

describe('parallel SGS', () => {
  it('starts the highest-priority eligible job that fits at each decision time', () => {
    const p = problem([2, 3, 1], [], [[0, 0, 1], [1, 0, 1], [2, 0, 1]], [1]);
    const s = new Int32Array(3);
    expect(runParallelSgs(p, [2, 0, 1], s)).toBe(6);
    expect(Array.from(s)).toEqual([4, 0, 3]);
  });

  it('reports a job that never fits', () => {
    const p = problem([2], [], [[0, 0, 3]], [1], { profileLength: 1, profile: [3] });
    expect(runParallelSgs(p, [0], new Int32Array(1))).toBe(-1);
  });
});

describe('compileProblem rejects bad input', () => {
  const bad: { name: string; spec: () => unknown; code: string }[] = [
    { name: 'negative duration', spec: () => problem([-1], [], [], [1]), code: 'INVALID_INSTANCE' },
    { name: 'fractional duration', spec: () => problem([1.5], [], [], [1]), code: 'INVALID_INSTANCE' },
    { name: 'arc to a missing job', spec: () => problem([1], [[0, 3, 1]], [], [1]), code: 'INVALID_INSTANCE' },
    { name: 'self loop', spec: () => problem([1], [[0, 0, 1]], [], [1]), code: 'PRECEDENCE_CYCLE' },
    { name: 'cycle', spec: () => problem([1, 1, 1], [[0, 1, 1], [1, 2, 1], [2, 0, 1]], [], [1]), code: 'PRECEDENCE_CYCLE' },
    { name: 'demand on a missing resource', spec: () => problem([1], [], [[0, 2, 1]], [1]), code: 'INVALID_INSTANCE' },
    { name: 'negative capacity', spec: () => problem([1], [], [], [-1]), code: 'INVALID_INSTANCE' },
    { name: 'profile too short', spec: () => problem([1], [], [], [1], { profileLength: 3, profile: [1] }), code: 'INVALID_INSTANCE' },
  ];
  it.each(bad)('$name', ({ spec, code }) => {
    let caught: unknown;
    try {
      spec();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(LevelingError);
    expect((caught as LevelingError).code).toBe(code);
  });
});
