import { describe, expect, it } from 'vitest';
import { formatLocalDateTime as fmt, parseLocalDateTime as at, standardCalendar } from '../calendar/index.js';
import {
  ScheduleError, captureBaseline, computeVariances, createScheduleSession, scheduleProject, type ScheduleInput, type ScheduleLink, type ScheduleTask,
} from './index.js';

const DAY = 480;
const task = (id: number, days: number, extra: Partial<ScheduleTask> = {}): ScheduleTask => ({ id, parentId: null, durationMinutes: days * DAY, ...extra });
const link = (p: number, s: number, type: ScheduleLink['type'] = 'FS', lag = 0, lagUnit: ScheduleLink['lagUnit'] = 'working'): ScheduleLink => ({ predecessorId: p, successorId: s, type, lag, lagUnit });
// 2014-10-17 is a Friday.
const input = (tasks: ScheduleTask[], links: ScheduleLink[] = []): ScheduleInput => ({
  projectStart: at('2014-10-17T08:00'), projectCalendarId: 1, calendars: [standardCalendar()], tasks, links,
});
const dates = (inp: ScheduleInput) => Object.fromEntries(scheduleProject(inp).tasks.map((t) => [t.id, `${fmt(t.start)} ${fmt(t.finish)}`]));

describe('links (MS Project placement rules)', () => {
  it.each<[string, ScheduleLink, string]>([
    ['FS: finish 17:00 -> successor starts 08:00 next working day', link(1, 2), '2014-10-20T08:00:00 2014-10-20T17:00:00'],
    ['FS +1d', link(1, 2, 'FS', DAY), '2014-10-21T08:00:00 2014-10-21T17:00:00'],
    ['FS -1d cannot start before the project start', link(1, 2, 'FS', -DAY), '2014-10-17T08:00:00 2014-10-17T17:00:00'],
    ['FS +1w', link(1, 2, 'FS', 5 * DAY), '2014-10-27T08:00:00 2014-10-27T17:00:00'],
    ['SS +2d', link(1, 2, 'SS', 2 * DAY), '2014-10-21T08:00:00 2014-10-21T17:00:00'],
    ['FF +2d', link(1, 2, 'FF', 2 * DAY), '2014-10-21T08:00:00 2014-10-21T17:00:00'],
    ['SF +2d: finish lands on the driving instant', link(1, 2, 'SF', 2 * DAY), '2014-10-20T08:00:00 2014-10-20T17:00:00'],
    ['SF 0: the project start still bounds the start', link(1, 2, 'SF', 0), '2014-10-17T08:00:00 2014-10-17T17:00:00'],
    ['FS +24h elapsed from Friday 17:00 lands Saturday -> Monday 08:00', link(1, 2, 'FS', 1440, 'elapsed'), '2014-10-20T08:00:00 2014-10-20T17:00:00'],
    ['FS +50% of a 1-day predecessor', link(1, 2, 'FS', 50, 'percent'), '2014-10-20T13:00:00 2014-10-21T12:00:00'],
  ])('%s', (_n, l, expected) => {
    expect(dates(input([task(1, 1), task(2, 1)], [l]))[2]).toBe(expected);
  });

  it('places a milestone after a finish at 17:00, not 08:00 next day', () => {
    expect(dates(input([task(1, 1), task(2, 0, { isMilestone: true })], [link(1, 2)]))[2]).toBe('2014-10-17T17:00:00 2014-10-17T17:00:00');
  });

  it('SF finish-driven task keeps 08:00 finish (MS Project legacy-sample task 21)', () => {
    const inp = input([task(20, 1, { constraintType: 'SNET', constraintDate: at('2014-10-20T08:00') }), task(21, 1)], [link(20, 21, 'SF')]);
    expect(dates(inp)[21]).toBe('2014-10-17T08:00:00 2014-10-20T08:00:00');
  });
});

describe('constraints', () => {
  it.each<[string, Partial<ScheduleTask>, string]>([
    ['SNET on a Saturday starts Monday 08:00', { constraintType: 'SNET', constraintDate: at('2014-10-25T08:00') }, '2014-10-27T08:00:00 2014-10-27T17:00:00'],
    ['SNET earlier than the project start is honoured', { constraintType: 'SNET', constraintDate: at('2014-10-13T08:00') }, '2014-10-13T08:00:00 2014-10-13T17:00:00'],
    ['MSO', { constraintType: 'MSO', constraintDate: at('2014-10-22T08:00') }, '2014-10-22T08:00:00 2014-10-22T17:00:00'],
    ['MFO', { constraintType: 'MFO', constraintDate: at('2014-10-22T17:00') }, '2014-10-22T08:00:00 2014-10-22T17:00:00'],
    ['FNET', { constraintType: 'FNET', constraintDate: at('2014-10-23T17:00') }, '2014-10-23T08:00:00 2014-10-23T17:00:00'],
  ])('%s', (_n, c, expected) => {
    expect(dates(input([task(1, 1, c)]))[1]).toBe(expected);
    expect(scheduleProject({ ...input([task(1, 1, c)]), honorConstraints: false }).warnings).toEqual([]);
  });

  it('a link pushing past SNLT/MSO is a warning; the constraint wins', () => {
    const r = scheduleProject(input([task(1, 3), task(2, 1, { constraintType: 'SNLT', constraintDate: at('2014-10-20T08:00') })], [link(1, 2)]));
    expect(fmt(r.tasks[1].start)).toBe('2014-10-20T08:00:00');
    expect(r.warnings.map((w) => [w.code, w.taskId])).toEqual([['CONSTRAINT_CONFLICT', 2]]);
    expect(r.tasks[0].totalSlackMinutes).toBeLessThan(0);
  });

  it('with honorConstraints false the links win over SNLT and MSO, still with a warning', () => {
    const inp = { ...input([task(1, 3), task(2, 1, { constraintType: 'SNLT', constraintDate: at('2014-10-20T08:00') }), task(3, 1, { constraintType: 'MSO', constraintDate: at('2014-10-17T08:00') })], [link(1, 2), link(1, 3)]), honorConstraints: false };
    const r = scheduleProject(inp);
    expect(fmt(r.tasks[1].start)).toBe('2014-10-22T08:00:00');
    expect(fmt(r.tasks[2].start)).toBe('2014-10-22T08:00:00');
    expect(r.warnings.map((w) => w.taskId).sort()).toEqual([2, 3]);
  });

  it('ALAP never delays an ASAP successor that has slack of its own', () => {
    // 1 (1d, ALAP) -> 2 (1d); 3 (4d) sets the project finish: 2 keeps its early start, so 1 stays on day 1.
    const r = scheduleProject(input([task(1, 1, { constraintType: 'ALAP' }), task(2, 1), task(3, 4)], [link(1, 2)]));
    expect(fmt(r.tasks[0].finish)).toBe('2014-10-17T17:00:00');
    expect(fmt(r.tasks[1].start)).toBe('2014-10-20T08:00:00');
  });

  it('ALAP chains move together to the project finish', () => {
    const r = scheduleProject(input([task(1, 1, { constraintType: 'ALAP' }), task(2, 1, { constraintType: 'ALAP' }), task(3, 4)], [link(1, 2)]));
    expect(fmt(r.tasks[1].finish)).toBe('2014-10-22T17:00:00');
    expect(fmt(r.tasks[0].finish)).toBe('2014-10-21T17:00:00');
  });

  it('ALAP moves a task to its late dates', () => {
    const r = scheduleProject(input([task(1, 3), task(2, 1, { constraintType: 'ALAP' })]));
    expect(fmt(r.tasks[1].start)).toBe('2014-10-21T08:00:00');
    expect(fmt(r.tasks[1].finish)).toBe('2014-10-21T17:00:00');
  });

  it('a deadline limits the late finish and is reported when missed', () => {
    const r = scheduleProject(input([task(1, 2, { deadline: at('2014-10-17T17:00') })]));
    expect(r.warnings.map((w) => w.code)).toEqual(['DEADLINE_MISSED']);
    expect(r.tasks[0].totalSlackMinutes).toBe(-DAY);
    expect(r.tasks[0].critical).toBe(true);
  });
});

describe('schedule from the project finish', () => {
  it('places ALAP tasks against the fixed finish and starts the project at the earliest late start', () => {
    const inp = { ...input([task(1, 2, { constraintType: 'ALAP' }), task(2, 1, { constraintType: 'ALAP' }), task(3, 1, { constraintType: 'ALAP' })], [link(1, 2)]), projectFinish: at('2014-10-31T17:00') };
    const r = scheduleProject(inp);
    expect(Object.fromEntries(r.tasks.map((t) => [t.id, `${fmt(t.start)} ${fmt(t.finish)}`]))).toEqual({
      1: '2014-10-29T08:00:00 2014-10-30T17:00:00',
      2: '2014-10-31T08:00:00 2014-10-31T17:00:00',
      3: '2014-10-31T08:00:00 2014-10-31T17:00:00',
    });
    expect(fmt(r.projectStart)).toBe('2014-10-29T08:00:00');
    expect(fmt(r.projectFinish)).toBe('2014-10-31T17:00:00');
  });
});

describe('critical path and slack', () => {
  it('computes early/late dates, total and free slack', () => {
    // 1 (2d) -> 3 (1d); 2 (1d) -> 3: task 2 has 1 day of slack.
    const r = scheduleProject(input([task(1, 2), task(2, 1), task(3, 1)], [link(1, 3), link(2, 3)]));
    const [t1, t2, t3] = r.tasks;
    expect([t1.critical, t2.critical, t3.critical]).toEqual([true, false, true]);
    expect(t2.totalSlackMinutes).toBe(DAY);
    expect(t2.freeSlackMinutes).toBe(DAY);
    expect(fmt(t2.lateStart)).toBe('2014-10-20T08:00:00');
    expect(fmt(r.projectFinish)).toBe('2014-10-21T17:00:00');
  });
});

describe('longest path', () => {
  it('follows driving links back from the project finish, ignoring slack from late constraints', () => {
    // 1 (2d) -> 3 (1d) drives the finish; 2 (1d) -> 3 has slack; 4 has a deadline before its finish (negative slack).
    const r = scheduleProject(input([task(1, 2), task(2, 1), task(3, 1), task(4, 1, { deadline: at('2014-10-16T17:00') })], [link(1, 3), link(2, 3)]));
    expect(r.tasks.map((t) => t.onLongestPath)).toEqual([true, false, true, false]);
    expect(r.tasks[3].critical).toBe(true);
  });
});

describe('summary tasks', () => {
  const tree = (): ScheduleTask[] => [
    task(1, 0, { name: 'Phase' }),
    task(2, 1, { parentId: 1, workMinutes: 480, costCents: 1000, percentComplete: 100 }),
    task(3, 2, { parentId: 1, workMinutes: 960, costCents: 500 }),
    task(4, 1),
  ];
  it('rolls up dates, work, cost and percent complete', () => {
    const r = scheduleProject(input(tree(), [link(2, 3)]));
    const phase = r.tasks[0];
    expect(phase.isSummary).toBe(true);
    expect(`${fmt(phase.start)} ${fmt(phase.finish)}`).toBe('2014-10-17T08:00:00 2014-10-21T17:00:00');
    expect([phase.workMinutes, phase.costCents, phase.percentComplete, phase.durationMinutes]).toEqual([1440, 1500, 33, 3 * DAY]);
  });
  it('a link to a summary delays all its children; a link from it follows its last child', () => {
    const d = dates(input([...tree(), task(5, 1)], [link(4, 1), link(2, 3), link(1, 5)]));
    expect(d[2]).toBe('2014-10-20T08:00:00 2014-10-20T17:00:00');
    expect(d[3]).toBe('2014-10-21T08:00:00 2014-10-22T17:00:00');
    expect(d[5]).toBe('2014-10-23T08:00:00 2014-10-23T17:00:00');
  });
});

describe('progress', () => {
  it('keeps actual dates and schedules the rest from the actual start', () => {
    const r = scheduleProject(input([
      task(1, 2, { actualStart: at('2014-10-15T08:00'), actualFinish: at('2014-10-16T17:00'), percentComplete: 100 }),
      task(2, 2, { actualStart: at('2014-10-16T08:00'), percentComplete: 50 }),
      task(3, 1),
    ], [link(1, 2), link(2, 3)]));
    expect(fmt(r.tasks[0].finish)).toBe('2014-10-16T17:00:00');
    expect(`${fmt(r.tasks[1].start)} ${fmt(r.tasks[1].finish)}`).toBe('2014-10-16T08:00:00 2014-10-17T17:00:00');
    expect(fmt(r.tasks[2].start)).toBe('2014-10-20T08:00:00');
    expect(r.tasks[0].critical).toBe(false);
  });
});

describe('bad input', () => {
  it('names the tasks of a cycle', () => {
    const inp = input([task(1, 1, { name: 'A' }), task(2, 1, { name: 'B' }), task(3, 1, { name: 'C' }), task(4, 1)], [link(4, 1), link(1, 2), link(2, 3), link(3, 1)]);
    expect(() => scheduleProject(inp)).toThrow(/cycle between tasks .*"A".*"B".*"C"/);
    try {
      scheduleProject(inp);
    } catch (e) {
      expect((e as ScheduleError).code).toBe('CYCLE');
      expect([...(e as ScheduleError).taskIds].sort()).toEqual([1, 1, 2, 3]);
    }
  });
  it.each<[string, ScheduleInput, string]>([
    ['link to a missing task', input([task(1, 1)], [link(1, 9)]), 'UNKNOWN_TASK'],
    ['negative duration', input([task(1, -1)]), 'NEGATIVE_DURATION'],
    ['unknown lag unit', input([task(1, 1), task(2, 1)], [{ ...link(1, 2), lagUnit: 'fortnights' as never }]), 'INVALID_LAG'],
    ['duplicate id', input([task(1, 1), task(1, 1)]), 'DUPLICATE_TASK'],
    ['self link', input([task(1, 1)], [link(1, 1)]), 'CYCLE'],
    ['summary linked to its own child', input([task(1, 0), task(2, 1, { parentId: 1 })], [link(1, 2)]), 'CYCLE'],
    ['project start not a number', { ...input([task(1, 1)]), projectStart: NaN }, 'INVALID_DATE'],
    ['constraint date out of range', input([task(1, 1, { constraintType: 'SNET', constraintDate: 1e12 })]), 'INVALID_DATE'],
  ])('%s -> %s', (_n, inp, code) => {
    expect(() => scheduleProject(inp)).toThrow(ScheduleError);
    try {
      scheduleProject(inp);
    } catch (e) {
      expect((e as ScheduleError).code).toBe(code);
    }
  });
});

describe('incremental rescheduling', () => {
  function randomInput(seed: number, n: number): ScheduleInput {
    let s = seed;
    const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
    const tasks = Array.from({ length: n }, (_, i) => task(i + 1, Math.floor(r() * 4), r() < 0.1 ? { constraintType: 'SNET', constraintDate: at('2014-10-22T08:00') } : {}));
    const types: ScheduleLink['type'][] = ['FS', 'SS', 'FF', 'SF'];
    const links: ScheduleLink[] = [];
    for (let i = 1; i < n; i++) for (let k = 0; k < 2; k++) {
      const p = Math.floor(r() * i);
      if (!links.some((l) => l.predecessorId === p + 1 && l.successorId === i + 1)) links.push(link(p + 1, i + 1, types[Math.floor(r() * 4)], Math.floor(r() * 3 - 1) * 240));
    }
    return input(tasks, links);
  }
  it.each([1, 2, 3, 4, 5])('matches a full reschedule after duration changes (seed %i)', (seed) => {
    const inp = randomInput(seed, 300);
    const session = createScheduleSession(inp);
    let s = seed * 7;
    for (let k = 0; k < 20; k++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      const id = 1 + (s % 300);
      session.updateDuration(id, (s >>> 8) % 5 * 240);
    }
    const fresh = scheduleProject(JSON.parse(JSON.stringify(inp)) as ScheduleInput);
    expect(session.result()).toEqual(fresh);
  });
});

describe('offset fast path', () => {
  it.each([11, 12, 13])('gives the same schedule as the general path (seed %i)', (seed) => {
    let s = seed;
    const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
    const tasks = Array.from({ length: 400 }, (_, i) => task(i + 1, Math.floor(r() * 3), r() < 0.1 ? { constraintType: 'SNET', constraintDate: at('2014-10-22T10:30') } : r() < 0.05 ? { deadline: at('2014-11-03T12:00') } : {}));
    const links: ScheduleLink[] = [];
    for (let i = 1; i < 400; i++) for (let k = 0; k < 2; k++) {
      const p = Math.floor(r() * i);
      if (!links.some((l) => l.predecessorId === p + 1 && l.successorId === i + 1)) links.push(link(p + 1, i + 1, r() < 0.7 ? 'FS' : r() < 0.5 ? 'SS' : 'FF', Math.floor(r() * 5 - 2) * 120));
    }
    const fast = createScheduleSession(input(tasks, links));
    const slow = createScheduleSession(input(tasks, links));
    expect(fast.net.fastF.some((x) => x === 1)).toBe(true);
    slow.net.fastF.fill(0);
    slow.net.fastB.fill(0);
    slow.rescheduleAll();
    expect(fast.result()).toEqual(slow.result());
  });
});

describe('baseline variances', () => {
  it('subtracts baseline from current, in working minutes when a counter is given', () => {
    const cur = { start: 1000, finish: 3000, durationMinutes: 960, workMinutes: 960, costCents: 12000 };
    const base = { start: 1000, finish: 2000, durationMinutes: 480, workMinutes: null, costCents: 10000 };
    expect(computeVariances(cur, base)).toEqual({ startVarianceMinutes: 0, finishVarianceMinutes: 1000, durationVarianceMinutes: 480, workVarianceMinutes: null, costVarianceCents: 2000 });
    expect(computeVariances(cur, base, (a, b) => (b - a) / 2).finishVarianceMinutes).toBe(500);
  });
  it('captures baselines 0-10 from a schedule and reports the slip after a change', () => {
    const inp = input([task(1, 1), task(2, 1)], [link(1, 2)]);
    const session = createScheduleSession(inp);
    const base = captureBaseline(session.result().tasks, 3);
    expect(base[1]).toMatchObject({ taskId: 2, number: 3, start: at('2014-10-20T08:00') });
    session.updateDuration(1, 2 * DAY);
    const now = session.result().tasks[1];
    expect(computeVariances(now, base[1], (a, b) => session.net.tables[0].workingBetween(a, b))).toMatchObject({ startVarianceMinutes: DAY, finishVarianceMinutes: DAY });
    expect(() => captureBaseline([], 11)).toThrow(RangeError);
  });
});
