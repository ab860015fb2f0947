/**
 * Working days (Monday to Friday) as integers, for capacity spreading and levelling periods. Day numbers
 * count from 1900-01-01, a Monday, so every date the API accepts has a non-negative day number.
 */
const EPOCH_MS = Date.UTC(1900, 0, 1);
const DAY_MS = 86_400_000;

/** Days since 1900-01-01 of a 'YYYY-MM-DD' (or 'YYYY-MM-DD HH:mm:ss') text. */
export function dayNumber(date: string): number {
  return Math.round((Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) - EPOCH_MS) / DAY_MS);
}

/** 'YYYY-MM-DD' of a day number. */
export function dateOfDay(day: number): string {
  return new Date(EPOCH_MS + day * DAY_MS).toISOString().slice(0, 10);
}

/** Working days strictly before `day` since the epoch: a weekend day maps to the following Monday's index. */
export function workdayIndex(day: number): number {
  return 5 * Math.floor(day / 7) + Math.min(day % 7, 5);
}

/** The day number of the working day with index `index` (inverse of workdayIndex on working days). */
export function dayOfWorkdayIndex(index: number): number {
  return 7 * Math.floor(index / 5) + (index % 5);
}

/** Monday of the week that contains the date. */
export function mondayOf(date: string): string {
  const d = dayNumber(date);
  return dateOfDay(d - (d % 7));
}
