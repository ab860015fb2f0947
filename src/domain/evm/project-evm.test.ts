import { describe, expect, it } from 'vitest';
import { computeProjectEvmPlan, EvmInputError, type PlannedTask } from './index.js';

const task = (id: string, budget: number, startDay: number, endDay: number, progress: PlannedTask['progress']): PlannedTask => ({ id, budget, startDay, endDay, progress });

describe('computeProjectEvmPlan: PV, EV by method and earned schedule in days', () => {
  const ten = task('a', 1000, 100, 110, { method: 'percent-complete', percentComplete: 30 });
  const cases: Array<[string, PlannedTask[], number, { pv: number; ev: number; es?: number; at?: number; spiT?: number | null; ieacT?: number | null; schedule?: null }]> = [
    ['half way through a 10-day task, 30 % done: ES 3 of AT 5', [ten], 104, { pv: 500, ev: 300, es: 3, at: 5, spiT: 0.6, ieacT: 10 / 0.6 }],
    ['before the plan starts: no earned schedule', [ten], 99, { pv: 0, ev: 300, schedule: null }],
    ['after the plan: ES capped at the planned duration when all is earned', [task('a', 1000, 100, 110, { method: 'zero-hundred', percentComplete: 100 })], 119, { pv: 1000, ev: 1000, es: 10, at: 20, spiT: 0.5 }],
    ['two tasks in sequence: ES falls in the second one', [task('a', 1000, 0, 10, { method: 'percent-complete', percentComplete: 100 }), task('b', 500, 10, 15, { method: 'fifty-fifty', percentComplete: 10 })], 14,
      { pv: 1500, ev: 1250, es: 12.5, at: 15, spiT: 12.5 / 15 }],
    ['a lump sum is planned in full on its day', [task('m', 200, 50, 50, { method: 'zero-hundred', percentComplete: 0 })], 50, { pv: 200, ev: 0, es: 0, at: 1, spiT: 0 }],
    ['weighted milestones: 3 of 4 weight done', [task('w', 800, 0, 8, { method: 'weighted-milestones', milestones: [{ weight: 1, done: true }, { weight: 2, done: true }, { weight: 1, done: false }] })], 3,
      { pv: 400, ev: 600, es: 6, at: 4, spiT: 1.5 }],
    ['physical percent complete ignores the reported percent', [task('p', 1000, 0, 10, { method: 'physical-percent-complete', percentComplete: 90, physicalPercentComplete: 20 })], 9,
      { pv: 1000, ev: 200, es: 2, at: 10, spiT: 0.2 }],
  ];
  for (const [name, tasks, asOf, want] of cases) {
    it(name, () => {
      const r = computeProjectEvmPlan(tasks, asOf);
      expect(r.pv).toBeCloseTo(want.pv, 9);
      expect(r.ev).toBeCloseTo(want.ev, 9);
      expect(r.bac).toBe(tasks.reduce((s, t) => s + t.budget, 0));
      if (want.schedule === null) return expect(r.schedule).toBeNull();
      expect(r.schedule!.es).toBeCloseTo(want.es!, 9);
      expect(r.schedule!.at).toBe(want.at);
      if (want.spiT !== undefined) expect(r.schedule!.spiT).toBeCloseTo(want.spiT!, 9);
      if (want.ieacT !== undefined) expect(r.schedule!.ieacT).toBeCloseTo(want.ieacT!, 9);
    });
  }

  it('per task figures sum to the project', () => {
    const r = computeProjectEvmPlan([ten, task('b', 300, 105, 108, { method: 'fifty-fifty', percentComplete: 1 })], 106);
    expect(r.tasks.map((t) => t.id)).toEqual(['a', 'b']);
    expect(r.tasks.reduce((s, t) => s + t.pv, 0)).toBeCloseTo(r.pv, 9);
    expect(r.tasks[1]).toMatchObject({ bac: 300, pv: 200, ev: 150 });
  });

  it.each([
    ['reversed days', task('x', 1, 5, 4, { method: 'percent-complete', percentComplete: 0 }), 'EVM_REVERSED_SEGMENT'],
    ['missing physical progress', task('x', 1, 0, 4, { method: 'physical-percent-complete' }), 'EVM_MISSING_PROGRESS'],
    ['milestone weights summing to 0', task('x', 1, 0, 4, { method: 'weighted-milestones', milestones: [{ weight: 0, done: true }] }), 'EVM_INVALID_WEIGHT'],
  ])('refuses %s with a typed error', (_n, t, code) => {
    expect(() => computeProjectEvmPlan([t], 3)).toThrow(EvmInputError);
    try { computeProjectEvmPlan([t], 3); } catch (e) { expect((e as EvmInputError).code).toBe(code); }
  });
});
