/**
 * Precomputed working-time table for one calendar: per day the cumulative working minutes before it and its
 * working intervals, in typed arrays. Instant <-> working-minute offset conversions are a binary search plus a
 * scan of the (few) intervals of one day. The table grows on demand and refuses to grow past a horizon, so a
 * calendar without working time raises NO_WORKING_TIME instead of looping.
 */
import { CalendarError } from './calendar-errors.js';
import type { DayResolver } from './day-pattern.js';
import { MINUTES_PER_DAY } from './date-minutes.js';

const INITIAL_DAYS = 4 * 366;
/** The table never spans more than this many days (about 400 years). */
const MAX_SPAN_DAYS = 146_097;

/** Instant <-> working-minute conversions for one calendar (instants are epoch minutes). */
export class WorkingTimeTable {
  private baseDay: number;
  private dayCount = 0;
  /** cum[i] = working minutes between the anchor and the start of day baseDay+i (negative before the anchor). */
  private cum = new Float64Array(0);
  /** Intervals of day i are ivFrom/ivTo[ivIndex[i] .. ivIndex[i+1]) in minutes of day. */
  private ivIndex = new Int32Array(0);
  private ivFrom = new Int16Array(0);
  private ivTo = new Int16Array(0);
  /** Scratch results of bracket(). */
  private bLo = 0;
  private bHi = 0;

  constructor(
    private readonly resolve: DayResolver,
    anchorDay: number,
    readonly calendarName = 'calendar',
  ) {
    this.baseDay = anchorDay - 366;
    this.rebuild(this.baseDay, INITIAL_DAYS, 366);
  }

  /** Working minutes per day summed over the current table (used for diagnostics and tests). */
  get spanDays(): number {
    return this.dayCount;
  }

  private rebuild(firstDay: number, count: number, anchorIndex: number): void {
    if (count > MAX_SPAN_DAYS) {
      throw new CalendarError('NO_WORKING_TIME', `${this.calendarName} has no working time within ${MAX_SPAN_DAYS} days of the schedule`);
    }
    const cum = new Float64Array(count + 1);
    const ivIndex = new Int32Array(count + 1);
    const from: number[] = [];
    const to: number[] = [];
    let total = 0;
    for (let i = 0; i < count; i++) {
      ivIndex[i] = from.length;
      cum[i] = total;
      for (const iv of this.resolve(firstDay + i)) {
        from.push(iv.fromMinute);
        to.push(iv.toMinute);
        total += iv.toMinute - iv.fromMinute;
      }
    }
    ivIndex[count] = from.length;
    cum[count] = total;
    // Re-anchor: keep offsets stable for the anchor day so callers' offsets survive growth.
    const shift = this.dayCount > 0 ? this.cumAtDayOld(firstDay + anchorIndex) - cum[anchorIndex] : -cum[anchorIndex];
    for (let i = 0; i <= count; i++) cum[i] += shift;
    this.baseDay = firstDay;
    this.dayCount = count;
    this.cum = cum;
    this.ivIndex = ivIndex;
    this.ivFrom = Int16Array.from(from);
    this.ivTo = Int16Array.from(to);
    if (total === 0 && count >= MAX_SPAN_DAYS / 4) {
      throw new CalendarError('NO_WORKING_TIME', `${this.calendarName} has no working time`);
    }
  }

  private cumAtDayOld(day: number): number {
    return this.cum[day - this.baseDay];
  }

  private growToDay(day: number): void {
    while (day < this.baseDay || day >= this.baseDay + this.dayCount) {
      const grow = this.dayCount;
      if (day < this.baseDay) this.rebuild(this.baseDay - grow, this.dayCount + grow, grow);
      else this.rebuild(this.baseDay, this.dayCount + grow, 0);
    }
  }

  /** Working minutes from the anchor to instant t (negative before it). */
  workBefore(t: number): number {
    const day = Math.floor(t / MINUTES_PER_DAY);
    let i = day - this.baseDay;
    if (i < 0 || i >= this.dayCount) {
      this.growToDay(day);
      i = day - this.baseDay;
    }
    const m = t - day * MINUTES_PER_DAY;
    let w = this.cum[i];
    for (let k = this.ivIndex[i], end = this.ivIndex[i + 1]; k < end; k++) {
      const f = this.ivFrom[k];
      if (m <= f) break;
      const e = this.ivTo[k];
      w += (m < e ? m : e) - f;
    }
    return w;
  }

  private ensureOffset(w: number): void {
    while (w <= this.cum[0]) this.rebuild(this.baseDay - this.dayCount, this.dayCount * 2, this.dayCount);
    while (w >= this.cum[this.dayCount]) this.rebuild(this.baseDay, this.dayCount * 2, 0);
  }

  /**
   * A small [lo, hi] window of day indices holding the first day whose cumulative minutes pass w (cum >= w, or
   * cum > w when strict), found by guessing from the average working minutes per day and widening exponentially;
   * the binary search then runs on a handful of days instead of the whole table.
   */
  private bracket(w: number, strict: boolean): void {
    const cum = this.cum;
    const n = this.dayCount;
    const c0 = cum[0];
    const avg = (cum[n] - c0) / n;
    let g = avg > 0 ? Math.floor((w - c0) / avg) : 0;
    if (g < 0) g = 0;
    else if (g > n) g = n;
    let step = 8;
    if (strict ? cum[g] > w : cum[g] >= w) {
      let lo = g - step;
      while (lo > 0 && (strict ? cum[lo] > w : cum[lo] >= w)) {
        step *= 2;
        lo = g - step;
      }
      this.bLo = lo < 0 ? 0 : lo;
      this.bHi = g;
      return;
    }
    let hi = g + step;
    while (hi < n && !(strict ? cum[hi] > w : cum[hi] >= w)) {
      step *= 2;
      hi = g + step;
    }
    this.bLo = g;
    this.bHi = hi > n ? n : hi;
  }

  /** Earliest instant with workBefore(t) = w: a finish lands at the end of working time (17:00, not 08:00 next day). */
  instantAtWorkEnd(w: number): number {
    this.ensureOffset(w);
    const cum = this.cum;
    this.bracket(w, false); // first index with cum >= w lies in [bLo, bHi]
    let lo = this.bLo;
    let hi = this.bHi;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid] < w) lo = mid + 1;
      else hi = mid;
    }
    const i = lo - 1;
    let r = w - cum[i];
    for (let k = this.ivIndex[i], end = this.ivIndex[i + 1]; k < end; k++) {
      const len = this.ivTo[k] - this.ivFrom[k];
      if (r <= len) return (this.baseDay + i) * MINUTES_PER_DAY + this.ivFrom[k] + r;
      r -= len;
    }
    throw new CalendarError('NO_WORKING_TIME', `${this.calendarName}: inconsistent working-time table`);
  }

  /** Latest instant with workBefore(t) = w: a start lands at the beginning of working time (08:00 next day). */
  instantAtWorkStart(w: number): number {
    this.ensureOffset(w + 1);
    const cum = this.cum;
    this.bracket(w, true); // first index with cum > w lies in [bLo, bHi]
    let lo = this.bLo;
    let hi = this.bHi;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid] <= w) lo = mid + 1;
      else hi = mid;
    }
    const i = lo - 1;
    let r = w - cum[i];
    for (let k = this.ivIndex[i], end = this.ivIndex[i + 1]; k < end; k++) {
      const len = this.ivTo[k] - this.ivFrom[k];
      if (r < len) return (this.baseDay + i) * MINUTES_PER_DAY + this.ivFrom[k] + r;
      r -= len;
    }
    throw new CalendarError('NO_WORKING_TIME', `${this.calendarName}: inconsistent working-time table`);
  }

  /** Moves t forward to the next instant where work can start (t itself when inside working time). */
  snapForward(t: number): number {
    return this.instantAtWorkStart(this.workBefore(t));
  }

  /** Moves t back to the previous instant where work can finish (t itself when inside working time). */
  snapBackward(t: number): number {
    return this.instantAtWorkEnd(this.workBefore(t));
  }

  /** Adds working minutes to t: positive lands on an end of work, negative on a start of work, zero returns t. */
  addWorking(t: number, minutes: number): number {
    if (minutes === 0) return t;
    const w = this.workBefore(t) + minutes;
    return minutes > 0 ? this.instantAtWorkEnd(w) : this.instantAtWorkStart(w);
  }

  /** Working minutes in [a, b) (negative when b < a). */
  workingBetween(a: number, b: number): number {
    return this.workBefore(b) - this.workBefore(a);
  }

  /** True when minute [t, t+1) is working time. */
  isWorking(t: number): boolean {
    return this.workBefore(t + 1) > this.workBefore(t);
  }
}
