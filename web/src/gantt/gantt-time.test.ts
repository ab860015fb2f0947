import { describe, expect, it } from 'vitest';
import { formatScheduleTime, headerTicks, MIN_PER_DAY, parseScheduleMinutes, workingDaysBetween } from './gantt-time';

describe('parseScheduleMinutes / formatScheduleTime', () => {
  it.each([
    ['2026-12-01T08:00:00', '2026-12-01T08:00:00'],
    ['2026-12-01', '2026-12-01T00:00:00'],
    ['2024-02-29T23:59:00', '2024-02-29T23:59:00'],
    ['1999-12-31T00:30:00', '1999-12-31T00:30:00'],
  ])('round-trips %s', (input, out) => {
    expect(formatScheduleTime(parseScheduleMinutes(input))).toBe(out);
  });
  it.each([null, undefined, '', '2026-13-01', '2026-01-00', 'garbage-in', '2026-01-01T25:00:00'])('rejects %s as NaN', (bad) => {
    expect(Number.isNaN(parseScheduleMinutes(bad))).toBe(true);
  });
  it('counts whole days between dates', () => {
    expect(parseScheduleMinutes('2026-03-01') - parseScheduleMinutes('2026-02-01')).toBe(28 * MIN_PER_DAY);
  });
});

describe('headerTicks', () => {
  const from = parseScheduleMinutes('2026-01-01'), to = parseScheduleMinutes('2026-12-31');
  it('weeks start on Mondays and months on the 1st', () => {
    const { major, minor } = headerTicks('weeks', from, to);
    expect(major[0]!.label).toBe('Jan 2026');
    expect(major).toHaveLength(12);
    for (const t of minor) expect(new Date(t.atMin * 60000).getUTCDay()).toBe(1);
  });
  it('quarters zoom gives years and four quarters', () => {
    const { major, minor } = headerTicks('quarters', from, to);
    expect(major.map((t) => t.label)).toEqual(['2026']);
    expect(minor.map((t) => t.label)).toEqual(['Q1', 'Q2', 'Q3', 'Q4']);
  });
  it('is bounded for absurd ranges', () => {
    expect(headerTicks('days', 0, 1e9).minor.length).toBeLessThanOrEqual(2000);
  });
});

describe('workingDaysBetween', () => {
  const m = parseScheduleMinutes;
  it.each([
    ['2026-12-01T08:00', '2026-12-01T17:00', 0], // same day
    ['2026-12-01T08:00', '2026-12-02T08:00', 1], // Tue -> Wed
    ['2026-12-04T08:00', '2026-12-07T08:00', 1], // Fri -> Mon skips the weekend
    ['2026-12-04T08:00', '2026-12-06T08:00', 0], // Fri -> Sun
    ['2026-12-07T08:00', '2026-12-04T08:00', -1], // back over the weekend
    ['2026-12-01T08:00', '2026-12-15T08:00', 10],
  ])('%s -> %s is %i working days', (a, b, n) => {
    expect(workingDaysBetween(m(a), m(b))).toBe(n);
  });
});
