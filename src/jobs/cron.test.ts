import { describe, expect, it } from 'vitest';
import { latestDueSlot, validateCronSchedule, type CronEvery } from './cron.js';

const at = (iso: string) => Date.parse(iso);

describe('latestDueSlot', () => {
  const cases: [string, CronEvery, number, string, string, string][] = [
    // every, atMinutes, now -> key, date, dueAt
    ['daily before the hour: yesterday', 'day', 60, '2026-12-07T00:59:59Z', '2026-12-06', '2026-12-06T01:00:00.000Z'],
    ['daily at the minute: today', 'day', 60, '2026-12-07T01:00:00Z', '2026-12-07', '2026-12-07T01:00:00.000Z'],
    ['daily at midnight', 'day', 0, '2026-12-07T00:00:00Z', '2026-12-07', '2026-12-07T00:00:00.000Z'],
    ['daily over a year end', 'day', 90, '2027-01-01T00:30:00Z', '2026-12-31', '2026-12-31T01:30:00.000Z'],
    ['daily on a leap day', 'day', 0, '2028-02-29T12:00:00Z', '2028-02-29', '2028-02-29T00:00:00.000Z'],
    ['hourly', 'hour', 15, '2026-12-07T13:20:00Z', '2026-12-07T13', '2026-12-07T13:15:00.000Z'],
    ['hourly before the minute', 'hour', 15, '2026-12-07T13:14:00Z', '2026-12-07T12', '2026-12-07T12:15:00.000Z'],
    ['weekly on Monday 06:00', 'week', 360, '2026-12-09T10:00:00Z', '2026-W50', '2026-12-07T06:00:00.000Z'],
    ['weekly before Monday 06:00: last week', 'week', 360, '2026-12-07T05:00:00Z', '2026-W49', '2026-11-30T06:00:00.000Z'],
    ['ISO week 53 of 2026', 'week', 0, '2026-12-31T00:00:00Z', '2026-W53', '2026-12-28T00:00:00.000Z'],
    ['ISO week 1 of 2027 starts on 4 January', 'week', 0, '2027-01-04T00:00:00Z', '2027-W01', '2027-01-04T00:00:00.000Z'],
    ['ISO week 1 of 2025 starts in 2024', 'week', 0, '2024-12-31T00:00:00Z', '2025-W01', '2024-12-30T00:00:00.000Z'],
    ['before the epoch', 'day', 0, '1969-07-20T20:17:00Z', '1969-07-20', '1969-07-20T00:00:00.000Z'],
  ];
  it.each(cases)('%s', (_name, every, atMinutes, now, key, dueAt) => {
    const slot = latestDueSlot({ every, atMinutes }, at(now));
    expect(slot.key).toBe(key);
    expect(new Date(slot.dueAtMs).toISOString()).toBe(dueAt);
    expect(slot.dueAtMs).toBeLessThanOrEqual(at(now));
    expect(slot.date).toBe(dueAt.slice(0, 10));
  });

  it('gives the same slot to every instant of a period and the next one after it', () => {
    const s = { every: 'day' as const, atMinutes: 60 };
    const keys = new Set<string>();
    for (let t = at('2026-12-07T01:00:00Z'); t < at('2026-12-08T01:00:00Z'); t += 7 * 60_000) keys.add(latestDueSlot(s, t).key);
    expect([...keys]).toEqual(['2026-12-07']);
    expect(latestDueSlot(s, at('2026-12-08T01:00:00Z')).key).toBe('2026-12-08');
  });
});

describe('validateCronSchedule', () => {
  it.each([
    ['hour', 60], ['day', 1440], ['week', 10080], ['day', -1], ['day', 1.5],
  ] as [CronEvery, number][])('refuses %s at %s minutes', (every, atMinutes) => {
    expect(() => validateCronSchedule({ type: 't', every, atMinutes })).toThrow(/atMinutes/);
  });
  it('accepts the last minute of a period', () => {
    expect(() => validateCronSchedule({ type: 't', every: 'week', atMinutes: 10079 })).not.toThrow();
  });
});
