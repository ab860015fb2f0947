/**
 * Levelling periods on calendars: period k is the k-th day from `originDay` on which at least one of the given
 * calendars works (the tasks' calendars), so a portfolio on one calendar levels exactly on its working days,
 * holidays included. The grid extends lazily in both directions of lookup and never scans past the supported dates.
 */
import { LAST_DAY, type CalendarDays } from './calendar-days.js';

export class PeriodGrid {
  private days: number[] = [];
  private next: number;

  constructor(
    private readonly calendars: readonly CalendarDays[],
    readonly originDay: number,
  ) {
    this.next = originDay;
    // A grid whose calendars never work falls back to every day (so lookups terminate).
    this.allDays = calendars.every((c) => c.weekMinutes === 0);
  }

  private readonly allDays: boolean;

  private working(day: number): boolean {
    if (this.allDays) return true;
    for (const c of this.calendars) if (c.minutesOn(day) > 0) return true;
    return false;
  }

  private extendTo(period: number): void {
    // Bounded by the last supported day; past it (never in practice) days simply follow each other.
    while (this.days.length <= period && this.next <= LAST_DAY) {
      if (this.working(this.next)) this.days.push(this.next);
      this.next++;
    }
    while (this.days.length <= period) this.days.push((this.days.at(-1) ?? this.originDay - 1) + 1);
  }

  /** The day of period p (p >= 0). */
  dayOf(period: number): number {
    this.extendTo(period);
    return this.days[period]!;
  }

  /** The first period whose day is on or after `day` (0 for days before the origin). */
  periodOf(day: number): number {
    if (day <= this.originDay) return 0;
    while ((this.days.at(-1) ?? -Infinity) < day && this.next <= LAST_DAY) this.extendTo(this.days.length);
    let lo = 0;
    let hi = this.days.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.days[mid]! < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
