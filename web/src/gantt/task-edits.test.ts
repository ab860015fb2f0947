import { describe, expect, it } from 'vitest';
import { durationForRange, patchForDates } from './task-edits';
import { MIN_PER_DAY, parseScheduleMinutes as m } from './gantt-time';

const task = { start: '2026-12-01T08:00:00', finish: '2026-12-07T17:00:00', durationMinutes: 5 * 480, isMilestone: false };

describe('patchForDates', () => {
  it('a move sends only the new start', () => {
    expect(patchForDates(task, m(task.start) + 2 * MIN_PER_DAY, m(task.finish) + 2 * MIN_PER_DAY)).toEqual({ start: '2026-12-03T08:00:00' });
  });
  it('a longer finish adds working days, skipping weekends', () => {
    // Mon 7 Dec -> Tue 8 Dec: one more working day.
    expect(patchForDates(task, m(task.start), m(task.finish) + MIN_PER_DAY)).toEqual({ durationMinutes: 6 * 480 });
    // Mon 7 Dec -> Sun 6 Dec: one working day less.
    expect(patchForDates(task, m(task.start), m(task.finish) - MIN_PER_DAY)).toEqual({ durationMinutes: 4 * 480 });
  });
  it('never shrinks below one working day', () => {
    expect(patchForDates(task, m(task.start), m(task.finish) - 20 * MIN_PER_DAY)).toEqual({ durationMinutes: 480 });
  });
  it('a milestone only moves', () => {
    const ms = { ...task, finish: task.start, durationMinutes: 0, isMilestone: true };
    expect(patchForDates(ms, m(ms.start) + MIN_PER_DAY, m(ms.start) + 3 * MIN_PER_DAY)).toEqual({ start: '2026-12-02T08:00:00' });
  });
  it('an unscheduled task gets a start', () => {
    expect(patchForDates({ ...task, start: null, finish: null }, m('2026-12-10T08:00'), m('2026-12-10T08:00'))).toEqual({ start: '2026-12-10T08:00:00' });
  });
});

describe('durationForRange', () => {
  it.each([
    ['2026-12-01T08:00', '2026-12-01', 480],
    ['2026-12-01T08:00', '2026-12-04', 4 * 480],
    ['2026-12-04T08:00', '2026-12-07', 2 * 480],
    ['2026-12-04T08:00', '2026-12-01', 480],
  ])('%s to %s is %i minutes', (s, f, d) => {
    expect(durationForRange(m(s), m(f))).toBe(d);
  });
});
