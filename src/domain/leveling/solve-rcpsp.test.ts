// eslint-disable-next-line no-restricted-imports
import { existsSync, readFileSync } from 'node:fs';
// eslint-disable-next-line no-restricted-imports
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { solveRcpsp } from './solve-rcpsp.js';
import { parsePattersonRcp, parsePsplibSm } from './psplib-parser.js';
import { LevelingError } from './leveling-error.js';
import type { RcpspInstance } from './rcpsp-types.js';
import { checkSchedule, readCheckerInstance } from '../../../bench/feasibility.js';

const psplib = resolve(process.cwd(), '../shared/data/psplib');
function shared(rel: string): string {
  const file = resolve(psplib, rel);
  if (!existsSync(file)) throw new Error(`shared data missing: ${file} (expected ../shared/data beside the checkout)`);
  return readFileSync(file, 'latin1');
}

describe('solveRcpsp on reference instances', () => {
  const cases = [
    { file: 'j30/j301_1.sm', optimum: 43 },
    { file: 'j30/j3010_2.sm', optimum: 56 },
    { file: 'patterson/pat1.rcp', optimum: 19 },
    { file: 'patterson/pat3.rcp', optimum: 20 },
  ];
  it.each(cases)('$file reaches the optimum $optimum with a feasible schedule', ({ file, optimum }) => {
    const text = shared(file);
    const inst = file.endsWith('.rcp') ? parsePattersonRcp(text) : parsePsplibSm(text);
    const sol = solveRcpsp(inst, { maxSchedules: 20_000, seed: 3 });
    expect(sol.makespan).toBe(optimum);
    const verdict = checkSchedule(readCheckerInstance(text), sol.startPeriods);
    expect(verdict.errors).toEqual([]);
    expect(verdict.makespan).toBe(sol.makespan);
    expect(sol.lowerBound).toBeLessThanOrEqual(optimum);
  });

  it('is deterministic for a seed and a schedule budget', () => {
    const inst = parsePsplibSm(shared('j120/j1201_1.sm'));
    const a = solveRcpsp(inst, { maxSchedules: 3000, seed: 9 });
    const b = solveRcpsp(inst, { maxSchedules: 3000, seed: 9 });
    expect(a.startPeriods).toEqual(b.startPeriods);
    expect(a.schedules).toBe(b.schedules);
    const verdict = checkSchedule(readCheckerInstance(shared('j120/j1201_1.sm')), a.startPeriods);
    expect(verdict.feasible).toBe(true);
  });

  it('stops at the time budget using the injected clock', () => {
    const inst = parsePsplibSm(shared('j120/j1201_1.sm'));
    let fake = 0;
    const sol = solveRcpsp(inst, { budgetMs: 50, now: () => (fake += 0.01) });
    expect(fake).toBeLessThan(60);
    expect(sol.makespan).toBeGreaterThanOrEqual(sol.lowerBound);
  });
});

describe('solveRcpsp errors', () => {
  const ok: RcpspInstance = { capacities: [2], jobs: [{ durationPeriods: 2, demands: [1], successors: [1] }, { durationPeriods: 1, demands: [2], successors: [] }] };
  const cases: { name: string; inst: unknown; opts?: object; code: string }[] = [
    { name: 'a job needing more than the capacity', inst: { ...ok, capacities: [1] }, code: 'DEMAND_EXCEEDS_CAPACITY' },
    { name: 'a precedence cycle', inst: { capacities: [2], jobs: [{ durationPeriods: 1, demands: [1], successors: [1] }, { durationPeriods: 1, demands: [1], successors: [0] }] }, code: 'PRECEDENCE_CYCLE' },
    { name: 'demands of the wrong length', inst: { capacities: [2, 2], jobs: [{ durationPeriods: 1, demands: [1], successors: [] }] }, code: 'INVALID_INSTANCE' },
    { name: 'missing jobs array', inst: { capacities: [1] }, code: 'INVALID_INSTANCE' },
    { name: 'a successor index out of range', inst: { capacities: [2], jobs: [{ durationPeriods: 1, demands: [1], successors: [4] }] }, code: 'INVALID_INSTANCE' },
    { name: 'a time budget without a clock', inst: ok, opts: { budgetMs: 10 }, code: 'INVALID_OPTIONS' },
  ];
  it.each(cases)('rejects $name', ({ inst, opts, code }) => {
    let caught: unknown;
    try {
      solveRcpsp(inst as RcpspInstance, opts);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(LevelingError);
    expect((caught as LevelingError).code).toBe(code);
  });

  it('solves an instance with no jobs', () => {
    expect(solveRcpsp({ capacities: [1], jobs: [] }).makespan).toBe(0);
  });
});
