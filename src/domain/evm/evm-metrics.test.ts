import { describe, expect, it } from 'vitest';
import {
  buildSCurveSeries, computeEarnedSchedule, computeEarnedValue, computeEvmMetrics, computePlannedValueAt,
  EvmInputError, rollupEvm, rollupEvmHierarchy, type TaskProgress,
} from './index.js';

describe('computeEvmMetrics: zero denominators give null, never Infinity or NaN', () => {
  const cases: Array<[string, { bac: number; pv: number; ev: number; ac: number }, Partial<Record<string, number | null>>]> = [
    ['nothing planned, spent or earned yet', { bac: 1000, pv: 0, ev: 0, ac: 0 },
      { cpi: null, spi: null, eacCpi: null, etc: null, vac: null, eacCpiSpi: null, tcpiToBac: 1, tcpiToEac: null, cv: 0, sv: 0 }],
    ['AC 0 but work earned', { bac: 1000, pv: 100, ev: 100, ac: 0 }, { cpi: null, spi: 1, eacCpi: null }],
    ['EV 0 with costs: CPI 0, EAC undefined', { bac: 1000, pv: 100, ev: 0, ac: 50 }, { cpi: 0, spi: 0, eacCpi: null, eacCpiSpi: null }],
    ['AC equals BAC: TCPI to BAC undefined', { bac: 1000, pv: 1000, ev: 800, ac: 1000 }, { tcpiToBac: null, cpi: 0.8 }],
    ['BAC 0: percent complete undefined', { bac: 0, pv: 0, ev: 0, ac: 0 }, { percentComplete: null }],
    ['on plan', { bac: 1000, pv: 500, ev: 500, ac: 500 }, { cpi: 1, spi: 1, eacCpi: 1000, etc: 500, vac: 0, eacCpiSpi: 1000, eacAtypical: 1000, tcpiToBac: 1, tcpiToEac: 1 }],
  ];
  for (const [name, base, expected] of cases) {
    it(name, () => {
      const m = computeEvmMetrics(base) as unknown as Record<string, number | null>;
      for (const [k, v] of Object.entries(expected)) expect(m[k], k).toBe(v);
      for (const v of Object.values(m)) if (v !== null) expect(Number.isFinite(v)).toBe(true);
    });
  }

  it('EAC = AC + (BAC - EV)/(CPI x SPI) and AC + ETC(bottom-up)', () => {
    const m = computeEvmMetrics({ bac: 1000, pv: 500, ev: 400, ac: 500 }, { etcBottomUp: 700 });
    // CPI 0.8, SPI 0.8 -> 500 + 600/0.64 = 1437.5
    expect(m.eacCpiSpi).toBeCloseTo(1437.5, 9);
    expect(m.eacBottomUp).toBe(1200);
    expect(m.eacAtypical).toBe(1100);
  });

  it.each([[Number.NaN], [Number.POSITIVE_INFINITY], [-1]])('rejects ac=%s with a typed error', (ac) => {
    expect(() => computeEvmMetrics({ bac: 1, pv: 1, ev: 1, ac })).toThrow(EvmInputError);
  });
});

describe('computeEarnedValue by method', () => {
  const budget = 1000;
  const cases: Array<[TaskProgress, number]> = [
    [{ method: 'percent-complete', budget, percentComplete: 0 }, 0],
    [{ method: 'percent-complete', budget, percentComplete: 37.5 }, 375],
    [{ method: 'percent-complete', budget, percentComplete: 100 }, 1000],
    [{ method: 'physical-percent-complete', budget, physicalPercentComplete: 20, percentComplete: 90 }, 200],
    [{ method: 'zero-hundred', budget, percentComplete: 99.9 }, 0],
    [{ method: 'zero-hundred', budget, percentComplete: 100 }, 1000],
    [{ method: 'fifty-fifty', budget, percentComplete: 0 }, 0],
    [{ method: 'fifty-fifty', budget, percentComplete: 0, started: true }, 500],
    [{ method: 'fifty-fifty', budget, percentComplete: 1 }, 500],
    [{ method: 'fifty-fifty', budget, percentComplete: 100 }, 1000],
    [{ method: 'weighted-milestones', budget, milestones: [{ weight: 1, done: true }, { weight: 3, done: false }] }, 250],
    [{ method: 'weighted-milestones', budget, milestones: [{ weight: 0, done: false }, { weight: 2, done: true }] }, 1000],
  ];
  it.each(cases)('%j -> %d', (task, ev) => expect(computeEarnedValue(task)).toBeCloseTo(ev, 9));

  const bad: Array<[TaskProgress, string]> = [
    [{ method: 'percent-complete', budget }, 'EVM_MISSING_PROGRESS'],
    [{ method: 'percent-complete', budget, percentComplete: 101 }, 'EVM_PERCENT_OUT_OF_RANGE'],
    [{ method: 'percent-complete', budget, percentComplete: -1 }, 'EVM_PERCENT_OUT_OF_RANGE'],
    [{ method: 'weighted-milestones', budget, milestones: [] }, 'EVM_MISSING_PROGRESS'],
    [{ method: 'weighted-milestones', budget, milestones: [{ weight: 0, done: true }] }, 'EVM_INVALID_WEIGHT'],
    [{ method: 'nonsense' as never, budget }, 'EVM_UNKNOWN_METHOD'],
    [{ method: 'zero-hundred', budget: -5, percentComplete: 0 }, 'EVM_NEGATIVE_AMOUNT'],
  ];
  it.each(bad)('%j -> %s', (task, code) => {
    expect(() => computeEarnedValue(task)).toThrow(expect.objectContaining({ code }));
  });
});

describe('planned value and earned schedule', () => {
  it('accrues linearly within a segment and treats a zero-length segment as a lump sum', () => {
    const segs = [{ startDay: 0, endDay: 10, amount: 1000 }, { startDay: 5, endDay: 5, amount: 50 }];
    expect(computePlannedValueAt(segs, 0)).toBe(0);
    expect(computePlannedValueAt(segs, 4)).toBe(400);
    expect(computePlannedValueAt(segs, 5)).toBe(550);
    expect(computePlannedValueAt(segs, 99)).toBe(1050);
  });
  it('rejects a reversed segment', () => {
    expect(() => computePlannedValueAt([{ startDay: 3, endDay: 1, amount: 1 }], 2)).toThrow(expect.objectContaining({ code: 'EVM_REVERSED_SEGMENT' }));
  });
  it('ES caps at the planned duration when EV reaches BAC, and AT 0 gives SPI(t) null', () => {
    const pv = [100, 200, 300];
    expect(computeEarnedSchedule(pv, 300, 4).es).toBe(3);
    expect(computeEarnedSchedule(pv, 300, 4).spiT).toBe(0.75);
    expect(computeEarnedSchedule(pv, 0, 0).spiT).toBeNull();
    expect(computeEarnedSchedule(pv, 150, 2).es).toBe(1.5);
  });
  it('rejects a decreasing PV series', () => {
    expect(() => computeEarnedSchedule([100, 50], 10, 1)).toThrow(expect.objectContaining({ code: 'EVM_NON_CUMULATIVE' }));
  });
});

describe('roll-up', () => {
  it('sums base quantities and recomputes indices instead of averaging them', () => {
    const a = { bac: 100, pv: 100, ev: 100, ac: 50 }; // CPI 2
    const b = { bac: 900, pv: 900, ev: 450, ac: 900 }; // CPI 0.5
    const r = rollupEvm([a, b]);
    expect(r.cpi).toBeCloseTo(550 / 950, 12); // not (2 + 0.5) / 2
    expect(rollupEvm([]).cpi).toBeNull();
  });
  it('rolls tasks to project, program and portfolio', () => {
    const r = rollupEvmHierarchy([
      { projectId: 'p1', programId: 'g1', portfolioId: 'f1', bac: 10, pv: 5, ev: 4, ac: 2 },
      { projectId: 'p1', programId: 'g1', portfolioId: 'f1', bac: 10, pv: 5, ev: 6, ac: 8 },
      { projectId: 'p2', programId: null, portfolioId: 'f1', bac: 20, pv: 10, ev: 10, ac: 10 },
    ]);
    expect(r.projects.get('p1')).toMatchObject({ bac: 20, pv: 10, ev: 10, ac: 10, cpi: 1 });
    expect(r.programs.get('g1')?.bac).toBe(20);
    expect(r.programs.size).toBe(1);
    expect(r.portfolios.get('f1')).toMatchObject({ bac: 40, ev: 20, ac: 20, spi: 1 });
    expect(r.total.bac).toBe(40);
  });
});

describe('buildSCurveSeries', () => {
  it('sorts snapshots, keeps the last of a date and carries BAC forward', () => {
    const s = buildSCurveSeries([
      { asOf: '2026-03-31', pv: 300, ev: 250, ac: 0 },
      { asOf: '2026-01-31', pv: 100, ev: 100, ac: 80, bac: 1000 },
      { asOf: '2026-02-28', pv: 200, ev: 150, ac: 150 },
      { asOf: '2026-02-28', pv: 200, ev: 180, ac: 160 },
    ]);
    expect(s.dates).toEqual(['2026-01-31', '2026-02-28', '2026-03-31']);
    expect(s.ev).toEqual([100, 180, 250]);
    expect(s.cpi).toEqual([1.25, 180 / 160, null]);
    expect(s.bac).toEqual([1000, 1000, 1000]);
  });
  it('rejects a malformed date', () => {
    expect(() => buildSCurveSeries([{ asOf: '31/01/2026', pv: 0, ev: 0, ac: 0 }])).toThrow(EvmInputError);
  });
});

describe('computeTaskEvmBase', () => {
  it('derives BAC and PV from the baseline and EV from the method', async () => {
    const { computeTaskEvmBase } = await import('./index.js');
    const base = computeTaskEvmBase({
      baselineSegments: [{ startDay: 0, endDay: 4, amount: 400 }, { startDay: 4, endDay: 8, amount: 800 }],
      progress: { method: 'fifty-fifty', percentComplete: 10 },
      ac: 300,
    }, 6);
    expect(base).toEqual({ bac: 1200, pv: 800, ev: 600, ac: 300 });
  });
});

describe('typed-array roll-up', () => {
  it('matches the object roll-up and rejects bad rows', async () => {
    const { sumEvmColumnsByProject, sumEvmSumsByGroup, rollupEvmHierarchy: rollup } = await import('./index.js');
    const cols = {
      projectIndex: Int32Array.from([0, 0, 1, 2]),
      bac: Float64Array.from([10, 10, 20, 5]), pv: Float64Array.from([5, 5, 10, 5]),
      ev: Float64Array.from([4, 6, 10, 1]), ac: Float64Array.from([2, 8, 10, 1]),
    };
    const projects = sumEvmColumnsByProject(cols, 3);
    expect([...projects.ev]).toEqual([10, 10, 1]);
    const programs = sumEvmSumsByGroup(projects, Int32Array.from([0, -1, 0]), 1);
    expect([...programs.bac]).toEqual([25]);
    const objects = rollup([
      { projectId: 'a', programId: 'g', bac: 10, pv: 5, ev: 4, ac: 2 }, { projectId: 'a', programId: 'g', bac: 10, pv: 5, ev: 6, ac: 8 },
      { projectId: 'b', bac: 20, pv: 10, ev: 10, ac: 10 }, { projectId: 'c', programId: 'g', bac: 5, pv: 5, ev: 1, ac: 1 },
    ]);
    expect(objects.programs.get('g')?.bac).toBe(programs.bac[0]);
    expect(() => sumEvmColumnsByProject({ ...cols, projectIndex: Int32Array.from([0, 0, 1, 3]) }, 3)).toThrow(expect.objectContaining({ code: 'EVM_INVALID_INDEX' }));
    expect(() => sumEvmColumnsByProject({ ...cols, ac: Float64Array.from([2, NaN, 10, 1]) }, 3)).toThrow(expect.objectContaining({ code: 'EVM_INVALID_NUMBER' }));
  });
  it('a project split across programs is an error', () => {
    expect(() => rollupEvmHierarchy([
      { projectId: 'a', programId: 'g1', bac: 1, pv: 1, ev: 1, ac: 1 }, { projectId: 'a', programId: 'g2', bac: 1, pv: 1, ev: 1, ac: 1 },
    ])).toThrow(expect.objectContaining({ code: 'EVM_INCONSISTENT_HIERARCHY' }));
  });
});
