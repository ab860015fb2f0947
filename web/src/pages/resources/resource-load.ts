/** Pure helpers for the resources pages: weeks, working days and load per week (tested in resource-load.test.ts). */

const DAY_MS = 86_400_000;

/** Monday (YYYY-MM-DD) of the week containing the date. */
export function mondayOf(date: string): string {
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  const dow = d.getUTCDay();
  return new Date(d.getTime() - ((dow + 6) % 7) * DAY_MS).toISOString().slice(0, 10);
}

/** Adds days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** Working days (Mon-Fri) between two dates, inclusive, as YYYY-MM-DD. */
export function workingDays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = new Date(`${from.slice(0, 10)}T00:00:00Z`).getTime(), end = new Date(`${to.slice(0, 10)}T00:00:00Z`).getTime(); t <= end && out.length < 5000; t += DAY_MS) {
    const dow = new Date(t).getUTCDay();
    if (dow !== 0 && dow !== 6) out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

export interface LoadItem {
  start: string;
  finish: string;
  workMinutes: number;
}

/** Work per week (hours), spread evenly over each item's working days; weeks start at `fromMonday`. */
export function loadPerWeek(items: LoadItem[], fromMonday: string, weeks: number): number[] {
  const hours = new Array<number>(weeks).fill(0);
  const start = new Date(`${fromMonday}T00:00:00Z`).getTime();
  for (const it of items) {
    const days = workingDays(it.start, it.finish);
    if (!days.length || it.workMinutes <= 0) continue;
    const perDay = it.workMinutes / 60 / days.length;
    for (const d of days) {
      const w = Math.floor((new Date(`${d}T00:00:00Z`).getTime() - start) / (7 * DAY_MS));
      if (w >= 0 && w < weeks) hours[w]! += perDay;
    }
  }
  return hours.map((h) => Math.round(h * 10) / 10);
}

/** Colour band of a utilisation (demand / capacity): under, ok, full, over. */
export function utilisationBand(u: number | null): 'none' | 'low' | 'ok' | 'over' {
  if (u === null) return 'none';
  if (u > 1.0001) return 'over';
  if (u >= 0.7) return 'ok';
  return 'low';
}
