import { describe, expect, it } from 'vitest';
import { addDays, loadPerWeek, mondayOf, utilisationBand, workingDays } from './resource-load';

describe('resource load helpers', () => {
  it.each([
    ['2026-02-02', '2026-02-02'],
    ['2026-02-04', '2026-02-02'],
    ['2026-02-08', '2026-02-02'],
    ['2026-02-09', '2026-02-09'],
  ])('mondayOf(%s) = %s', (d, m) => expect(mondayOf(d)).toBe(m));

  it('counts working days inclusively and skips weekends', () => {
    expect(workingDays('2026-02-06', '2026-02-09')).toEqual(['2026-02-06', '2026-02-09']);
    expect(workingDays('2026-02-07', '2026-02-08')).toEqual([]);
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
  });

  it('spreads work over working days into weeks and ignores what falls outside', () => {
    // 10 working days, 80 h: 40 h in each of the two weeks; a third week is empty; a task before the range is ignored.
    const items = [
      { start: '2026-02-02T08:00:00', finish: '2026-02-13T17:00:00', workMinutes: 4800 },
      { start: '2026-01-05T08:00:00', finish: '2026-01-09T17:00:00', workMinutes: 2400 },
      { start: '2026-02-07T08:00:00', finish: '2026-02-08T17:00:00', workMinutes: 600 },
    ];
    expect(loadPerWeek(items, '2026-02-02', 3)).toEqual([40, 40, 0]);
  });

  it.each([
    [null, 'none'],
    [0.2, 'low'],
    [0.9, 'ok'],
    [1, 'ok'],
    [1.2, 'over'],
  ] as const)('utilisationBand(%s) = %s', (u, band) => expect(utilisationBand(u)).toBe(band));
});
