import { describe, expect, it } from 'vitest';
import {
  computeEarnedSchedule, computeEarnedValue, computeEvmMetrics, computePlannedValueAt,
  computePlannedValueSeries, computeTcpiToEac, type EvmMetrics, type PlannedCostSegment,
} from './index.js';
import { readSharedJson } from '../../../test/fixtures/finance/shared-data.js';

// Reproduces every worked example in ../shared/data/evm/evm_examples.json.

interface ExampleFile {
  examples: Array<Record<string, unknown> & { id: string }>;
  rejected_sources: Array<{ source_url: string; claim: string }>;
}

const data = readSharedJson<ExampleFile>('evm/evm_examples.json');
const byId = new Map(data.examples.map((e) => [e.id, e]));

/** Maps a key of the examples file to our metric. */
function pick(m: EvmMetrics, key: string): number | null {
  const table: Record<string, number | null> = {
    PV: m.pv, EV: m.ev, AC: m.ac, BAC: m.bac, CV: m.cv, SV: m.sv, CPI: m.cpi, SPI: m.spi,
    EAC: m.eacCpi, EAC_BAC_over_CPI: m.eacCpi, ETC: m.etc, VAC: m.vac,
    TCPI_to_BAC: m.tcpiToBac, TCPI_to_EAC: m.tcpiToEac,
  };
  if (!(key in table)) throw new Error(`examples file uses key "${key}" that the test does not map`);
  return table[key];
}

/** Half a unit of the last decimal the source printed (JSON drops trailing zeros, which only tightens it). */
function printedTolerance(value: number): number {
  const s = String(value);
  const decimals = s.includes('.') ? s.split('.')[1].length : 0;
  return 0.5 * 10 ** -decimals + 1e-9;
}

function expectClose(actual: number | null, expected: number, tolerance: number, label: string): void {
  expect(actual, label).not.toBeNull();
  expect(Math.abs((actual as number) - expected), `${label}: got ${actual}, expected ${expected}`).toBeLessThanOrEqual(tolerance);
}

const handled = new Set<string>();

describe('EVM worked examples (shared/data/evm)', () => {
  it('covers every example in the file', () => {
    const expectedIds = ['fence-four-sides', 'website-redesign-coda', 'two-task-all-or-nothing', 'chairs', 'building-bac-5m'];
    expect(data.examples.map((e) => e.id).sort()).toEqual([...expectedIds].sort());
  });

  describe('examples with inputs: exact and published values', () => {
    for (const ex of data.examples.filter((e) => e.inputs)) {
      handled.add(ex.id);
      const inputs = ex.inputs as Record<string, number>;
      const base = { bac: inputs.BAC ?? 0, pv: inputs.PV ?? 0, ev: inputs.EV, ac: inputs.AC };
      const m = computeEvmMetrics(base);
      const exact = (ex.expected_exact_formula ?? null) as Record<string, number> | null;
      const published = (ex.expected_as_published ?? null) as Record<string, number> | null;
      if (exact) {
        it(`${ex.id}: exact formula values`, () => {
          for (const [k, v] of Object.entries(exact)) expectClose(pick(m, k), v, printedTolerance(v), `${ex.id} ${k}`);
        });
      }
      if (published) {
        it(`${ex.id}: published values`, () => {
          for (const [k, v] of Object.entries(published)) {
            // EAC/ETC/VAC: sources round CPI before dividing; the file allows ~0.1% (we use 0.1% of BAC).
            const money = ['EAC', 'ETC', 'VAC'].includes(k);
            const tol = money ? Math.max(printedTolerance(v), 0.001 * base.bac) : printedTolerance(v);
            expectClose(pick(m, k), v, tol, `${ex.id} published ${k}`);
          }
        });
      }
    }
  });

  it('fence-four-sides: PV, EV, AC computed from the task table reproduce the inputs', () => {
    const ex = byId.get('fence-four-sides')!;
    const tasks = ex.tasks as Array<{ budget: number; planned_days: number[]; pct_complete: number; actual_cost: number }>;
    // Day d of the plan is the interval [d-1, d); the status date "end of day 3" is offset 3.
    const segments: PlannedCostSegment[] = tasks.flatMap((t) =>
      t.planned_days.map((d) => ({ startDay: d - 1, endDay: d, amount: t.budget / t.planned_days.length })));
    const pv = computePlannedValueAt(segments, 3);
    const ev = tasks.reduce((s, t) => s + computeEarnedValue({ method: 'percent-complete', budget: t.budget, percentComplete: t.pct_complete }), 0);
    const ac = tasks.reduce((s, t) => s + t.actual_cost, 0);
    expect({ pv, ev, ac }).toEqual({ pv: 3000, ev: 2500, ac: 2800 });
    // Earned schedule (derived here, not in the source): PV by day 1000, 2000, 3000, 4000; EV 2500 -> ES 2.5 days.
    const series = computePlannedValueSeries(segments, [1, 2, 3, 4]);
    expect([...series]).toEqual([1000, 2000, 3000, 4000]);
    const es = computeEarnedSchedule(series, ev, 3);
    expect(es.es).toBeCloseTo(2.5, 12);
    expect(es.svT).toBeCloseTo(-0.5, 12);
    expect(es.spiT).toBeCloseTo(2.5 / 3, 12);
    expect(es.ieacT).toBeCloseTo(4 / (2.5 / 3), 9);
  });

  it('fence-four-sides: published EAC/ETC/VAC follow exactly from CPI rounded to 3 decimals', () => {
    const published = byId.get('fence-four-sides')!.expected_as_published as Record<string, number>;
    const cpiRounded = Math.round((2500 / 2800) * 1000) / 1000;
    expect(cpiRounded).toBe(published.CPI);
    const eac = 4000 / cpiRounded;
    expect(Math.round(eac)).toBe(published.EAC);
    expect(Math.round(eac - 2800)).toBe(published.ETC);
    expect(Math.round(4000 - eac)).toBe(published.VAC);
  });

  it('two-task-all-or-nothing: 0/100 rule gives the published SV and CV for both periods', () => {
    const ex = byId.get('two-task-all-or-nothing')!;
    handled.add(ex.id);
    const periods = ex.periods as Array<{ period: number; cumulative_inputs: Record<string, number | string>; expected_as_published: Record<string, number> }>;
    // Period 1: task A (20,000) complete, task B (30,000) started but unfinished -> earns 0 under 0/100.
    const evP1 = computeEarnedValue({ method: 'zero-hundred', budget: 20000, percentComplete: 100 })
      + computeEarnedValue({ method: 'zero-hundred', budget: 30000, percentComplete: 60 });
    expect(evP1).toBe(periods[0].cumulative_inputs.EV);
    const m1 = computeEvmMetrics({ bac: 50000, pv: Number(periods[0].cumulative_inputs.PV), ev: evP1, ac: Number(periods[0].cumulative_inputs.AC) });
    expect({ SV: m1.sv, CV: m1.cv }).toEqual(periods[0].expected_as_published);
    // Period 2: both complete; AC is not stated, the file notes CV = -10,000 implies cumulative AC 60,000.
    const evP2 = computeEarnedValue({ method: 'zero-hundred', budget: 20000, percentComplete: 100 })
      + computeEarnedValue({ method: 'zero-hundred', budget: 30000, percentComplete: 100 });
    expect(evP2).toBe(periods[1].cumulative_inputs.EV);
    expect(typeof periods[1].cumulative_inputs.AC).toBe('string');
    const m2 = computeEvmMetrics({ bac: 50000, pv: Number(periods[1].cumulative_inputs.PV), ev: evP2, ac: 60000 });
    expect({ SV: m2.sv, CV: m2.cv }).toEqual(periods[1].expected_as_published);
  });

  it('building-bac-5m: second fragment in the notes (BAC 10M, EV 3M, AC 3.5M) gives TCPI 1.077 and CPI 0.857', () => {
    const m = computeEvmMetrics({ bac: 10_000_000, pv: 0, ev: 3_000_000, ac: 3_500_000 });
    expect(Math.round(m.tcpiToBac! * 1000) / 1000).toBe(1.077);
    expect(Math.round(m.cpi! * 1000) / 1000).toBe(0.857);
  });

  it('rejected source: the page arithmetic (TCPI 0.75) is not reproduced; its own formula gives 1.00 and 1.20', () => {
    expect(data.rejected_sources).toHaveLength(1);
    expect(computeTcpiToEac(100000, 40000, 50000, 110000)).toBeCloseTo(1.0, 12);
    expect(computeEvmMetrics({ bac: 100000, pv: 0, ev: 40000, ac: 50000 }).tcpiToBac).toBeCloseTo(1.2, 12);
  });

  it('handled every example id', () => {
    for (const e of data.examples) expect(handled.has(e.id), `example ${e.id} not tested`).toBe(true);
  });
});
