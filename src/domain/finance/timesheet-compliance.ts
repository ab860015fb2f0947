import { FinanceError } from './finance-error.js';
import { assertIsoDate, isoWeekday, toEpochDay } from './iso-date.js';

/** A person's missing or short days in a range. */
export interface ComplianceGap {
  personId: string;
  date: string;
  loggedMinutes: number;
  expectedMinutes: number;
}

/**
 * Timesheet compliance: for each person and each working day in [from, to] (at most 366 days), the days
 * whose logged minutes are below the expected minutes. Non-working weekdays and holidays are skipped. A person
 * with `expectedByDate` (from their calendar, part-time factor and vacations) is expected exactly that on each
 * date, and nothing on dates missing from it or at 0; the weekday and holiday rules then do not apply.
 */
export function findTimesheetGaps(args: {
  people: ReadonlyArray<{ personId: string; expectedMinutesPerDay: number; holidays?: readonly string[]; expectedByDate?: ReadonlyMap<string, number> }>;
  entries: ReadonlyArray<{ personId: string; date: string; minutes: number }>;
  from: string;
  to: string;
  workingWeekdays?: readonly number[];
}): ComplianceGap[] {
  assertIsoDate('from', args.from);
  assertIsoDate('to', args.to);
  const start = toEpochDay(args.from);
  const end = toEpochDay(args.to);
  if (end < start) throw new FinanceError('FINANCE_INVALID_RANGE', 'to is before from');
  if (end - start > 366) throw new FinanceError('FINANCE_RANGE_TOO_LONG', 'compliance range is limited to 366 days');
  const working = new Set(args.workingWeekdays ?? [1, 2, 3, 4, 5]);
  const logged = new Map<string, number>();
  for (const e of args.entries) {
    if (e.date < args.from || e.date > args.to) continue;
    const k = `${e.personId}|${e.date}`;
    logged.set(k, (logged.get(k) ?? 0) + e.minutes);
  }
  const days: string[] = [];
  for (let d = start; d <= end; d++) days.push(fromEpochDay(d));
  const gaps: ComplianceGap[] = [];
  for (const p of args.people) {
    const holidays = new Set(p.holidays ?? []);
    for (const date of days) {
      let expected: number;
      if (p.expectedByDate) expected = p.expectedByDate.get(date) ?? 0;
      else expected = !working.has(isoWeekday(date)) || holidays.has(date) ? 0 : p.expectedMinutesPerDay;
      if (expected <= 0) continue;
      const minutes = logged.get(`${p.personId}|${date}`) ?? 0;
      if (minutes < expected) gaps.push({ personId: p.personId, date, loggedMinutes: minutes, expectedMinutes: expected });
    }
  }
  return gaps;
}

/** ISO date of a day number since 1970-01-01 (inverse of toEpochDay; Hinnant's civil_from_days). */
export function fromEpochDay(day: number): string {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
