/** MSPDI value codecs: ISO durations, format codes, booleans, numbers. */
import { formatLocalDateTime, parseLocalDateTime } from '../calendar/index.js';
import { MspdiError } from './mspdi-errors.js';

/** Parses an ISO-8601 duration as MSPDI writes it ("PT8H0M0S", "P1DT2H", "-PT4H") to minutes (days = 24 h). */
export function parseDurationMinutes(text: string): number {
  const m = /^(-)?P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text.trim());
  if (!m) throw new MspdiError('INVALID_VALUE', `invalid duration "${text}"`);
  const n = (s: string | undefined): number => (s ? Number(s) : 0);
  const minutes = n(m[2]) * 525600 + n(m[3]) * 43200 + n(m[4]) * 1440 + n(m[5]) * 60 + n(m[6]) + n(m[7]) / 60;
  return (m[1] ? -1 : 1) * Math.round(minutes * 1000) / 1000;
}

/** Formats minutes as "PT#H#M#S". */
export function formatDuration(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  const abs = Math.abs(minutes);
  const totalMs = Math.round(abs * 60_000);
  const h = Math.floor(totalMs / 3_600_000);
  const mm = Math.floor((totalMs - h * 3_600_000) / 60_000);
  const s = (totalMs - h * 3_600_000 - mm * 60_000) / 1000;
  return `${sign}PT${h}H${mm}M${s}S`;
}

const ELAPSED_FORMATS = new Set([4, 6, 8, 10, 12, 20, 36, 38, 40, 42, 44, 52]);
const PERCENT_FORMATS = new Set([19, 20, 51, 52]);
const KNOWN_FORMATS = new Set([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 19, 20, 21, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 51, 52, 53]);

/** True when an MSPDI duration/lag format code is elapsed time (em, eh, ed, ew, emo, e%). */
export function isElapsedFormat(code: number): boolean {
  return ELAPSED_FORMATS.has(code);
}

/** True when an MSPDI lag format code is a percentage of the predecessor's duration. */
export function isPercentFormat(code: number): boolean {
  return PERCENT_FORMATS.has(code);
}

/** True for the format codes MSPDI defines. */
export function isKnownFormat(code: number): boolean {
  return KNOWN_FORMATS.has(code);
}

/** MSPDI dateTime text to epoch minutes (null for empty). */
export function parseDate(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  try {
    return parseLocalDateTime(text);
  } catch (e) {
    throw new MspdiError('INVALID_VALUE', (e as Error).message);
  }
}

/** Epoch minutes to MSPDI dateTime text. */
export function formatDate(minutes: number): string {
  return formatLocalDateTime(minutes);
}

/** Number or null for empty; throws INVALID_VALUE on garbage. */
export function parseNumber(text: string | undefined, what = 'number'): number | null {
  if (text === undefined || text.trim() === '') return null;
  const v = Number(text);
  if (!Number.isFinite(v)) throw new MspdiError('INVALID_VALUE', `invalid ${what} "${text}"`);
  return v;
}

/** MSPDI boolean ("1"/"0"/"true"/"false") or null. */
export function parseBool(text: string | undefined): boolean | null {
  if (text === undefined || text.trim() === '') return null;
  const t = text.trim().toLowerCase();
  return t === '1' || t === 'true';
}
