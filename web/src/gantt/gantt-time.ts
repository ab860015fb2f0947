/** Integer time for the Gantt: minutes since 1970-01-01T00:00 of the project's wall clock (no zones). */

export const MIN_PER_DAY = 1440;

/** Parses `YYYY-MM-DDTHH:mm:ss` (or `YYYY-MM-DD`) to wall-clock minutes; NaN when malformed. */
export function parseScheduleMinutes(s: string | null | undefined): number {
  if (!s || s.length < 10) return NaN;
  const y = +s.slice(0, 4), mo = +s.slice(5, 7), d = +s.slice(8, 10);
  const h = s.length >= 16 ? +s.slice(11, 13) : 0, mi = s.length >= 16 ? +s.slice(14, 16) : 0;
  if (!(y > 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h >= 0 && h < 24 && mi >= 0 && mi < 60)) return NaN;
  return Date.UTC(y, mo - 1, d, h, mi) / 60000;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Formats wall-clock minutes as `YYYY-MM-DDTHH:mm:ss`. */
export function formatScheduleTime(minutes: number): string {
  const d = new Date(minutes * 60000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00`;
}

/** Formats wall-clock minutes as `YYYY-MM-DD`. */
export function formatDate(minutes: number): string {
  return formatScheduleTime(minutes).slice(0, 10);
}

/** The browser's local wall clock now, in the same minute scale (for the today line). */
export function nowWallMinutes(now: Date = new Date()): number {
  return Date.UTC(now.getFullYear(), now.getMonth(), now.getDate(), now.getHours(), now.getMinutes()) / 60000;
}

/** Start of the day containing `minutes`. */
export function floorDay(minutes: number): number {
  return Math.floor(minutes / MIN_PER_DAY) * MIN_PER_DAY;
}

export type Zoom = 'days' | 'weeks' | 'months' | 'quarters';
export const ZOOMS: Zoom[] = ['days', 'weeks', 'months', 'quarters'];
/** Pixels per day at each zoom level. */
export const PX_PER_DAY: Record<Zoom, number> = { days: 36, weeks: 10, months: 3, quarters: 1.1 };

/** One tick of the time header. */
export interface Tick { atMin: number; label: string }

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function startOfUnit(min: number, unit: 'day' | 'week' | 'month' | 'quarter' | 'year'): number {
  const d = new Date(floorDay(min) * 60000);
  const y = d.getUTCFullYear(), m = d.getUTCMonth();
  switch (unit) {
    case 'day': return floorDay(min);
    case 'week': return floorDay(min) - ((d.getUTCDay() + 6) % 7) * MIN_PER_DAY; // Monday
    case 'month': return Date.UTC(y, m, 1) / 60000;
    case 'quarter': return Date.UTC(y, m - (m % 3), 1) / 60000;
    case 'year': return Date.UTC(y, 0, 1) / 60000;
  }
}

function nextUnit(min: number, unit: 'day' | 'week' | 'month' | 'quarter' | 'year'): number {
  const d = new Date(min * 60000);
  const y = d.getUTCFullYear(), m = d.getUTCMonth();
  switch (unit) {
    case 'day': return min + MIN_PER_DAY;
    case 'week': return min + 7 * MIN_PER_DAY;
    case 'month': return Date.UTC(y, m + 1, 1) / 60000;
    case 'quarter': return Date.UTC(y, m + 3, 1) / 60000;
    case 'year': return Date.UTC(y + 1, 0, 1) / 60000;
  }
}

function label(min: number, unit: 'day' | 'week' | 'month' | 'quarter' | 'year'): string {
  const d = new Date(min * 60000);
  const y = d.getUTCFullYear(), m = d.getUTCMonth();
  switch (unit) {
    case 'day': return String(d.getUTCDate());
    case 'week': return `${d.getUTCDate()} ${MONTHS[m]}`;
    case 'month': return MONTHS[m]!;
    case 'quarter': return `Q${Math.floor(m / 3) + 1}`;
    case 'year': return String(y);
  }
}

const UNITS: Record<Zoom, ['day' | 'week' | 'month' | 'quarter' | 'year', 'day' | 'week' | 'month' | 'quarter' | 'year']> = {
  days: ['month', 'day'], weeks: ['month', 'week'], months: ['year', 'month'], quarters: ['year', 'quarter'],
};

/** Header ticks (major and minor rows) covering [fromMin, toMin]; bounded to 2,000 ticks per row. */
export function headerTicks(zoom: Zoom, fromMin: number, toMin: number): { major: Tick[]; minor: Tick[] } {
  const [majorUnit, minorUnit] = UNITS[zoom];
  const make = (unit: typeof majorUnit) => {
    const out: Tick[] = [];
    for (let t = startOfUnit(fromMin, unit); t <= toMin && out.length < 2000; t = nextUnit(t, unit)) {
      out.push({ atMin: t, label: unit === 'month' && majorUnit === 'month' ? `${label(t, 'month')} ${new Date(t * 60000).getUTCFullYear()}` : label(t, unit) });
    }
    return out;
  };
  return { major: make(majorUnit), minor: make(minorUnit) };
}

/** Minutes of work in a standard working day (08:00-12:00, 13:00-17:00), the server's default calendar. */
export const WORK_DAY_MINUTES = 480;

/**
 * Signed count of Monday-Friday days after `fromMin`'s day up to and including `toMin`'s day; used to turn a
 * drag of the finish into a change of working duration (the server recomputes the finish on its calendar).
 */
export function workingDaysBetween(fromMin: number, toMin: number): number {
  const a = Math.floor(fromMin / MIN_PER_DAY), b = Math.floor(toMin / MIN_PER_DAY);
  if (a === b) return 0;
  const sign = b > a ? 1 : -1;
  const lo = Math.min(a, b), hi = Math.max(a, b);
  let n = 0;
  for (let d = lo + 1; d <= hi && d - lo < 100_000; d++) {
    const dow = (d + 4) % 7; // day 0 (1970-01-01) was a Thursday; 0 = Sunday
    if (dow !== 0 && dow !== 6) n++;
  }
  return sign * n;
}
