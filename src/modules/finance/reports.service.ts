/** Finance reports: timesheet compliance (who is missing which days) and unbilled work per project; margins are in margins.service.ts. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../server/errors.js';
import { authorize, type Actor } from '../../server/policy.js';
import { findTimesheetGaps } from '../../domain/finance/index.js';
import { capacityFactor, dateOfDay, dayOfDate } from '../../domain/resources/index.js';
import { CalendarSet } from '../resources/calendar-store.js';
import { domain, readFinanceSettings } from './finance-common.js';
import { selectCompliancePeople, selectLoggedMinutes, selectVacations } from './reports.repo.js';

/** Hours per week of a person without a capacity row (as in the capacity grid). */
const DEFAULT_MINUTES_PER_WEEK = 2400;

/**
 * Who is missing which days: working days in [from, to] where an active person with a user account (optionally: a
 * member of `projectId`) logged less than expected (draft, submitted, approved and locked time counts; rejected does
 * not). Expected per day comes from the person's calendar (holidays, working days), their hours per week and
 * part-time percentage, and nothing while on vacation; `expectedMinutesPerDay` applies one figure to everyone
 * instead (on the finance settings' working weekdays). Officers and the PMO.
 */
export async function timesheetCompliance(db: Kysely<DB>, actor: Actor, q: { from: string; to: string; projectId?: string | undefined; expectedMinutesPerDay?: number | undefined }) {
  authorize(actor, 'read', { kind: 'finance', area: 'reports', projectRole: null });
  if (q.to < q.from) throw new AppError(422, 'finance_invalid_range', 'to is before from');
  if (dayOfDate(q.to) - dayOfDate(q.from) > 366) throw new AppError(422, 'finance_range_too_long', 'compliance range is limited to 366 days');
  return domain(async () => {
    const settings = await readFinanceSettings(db);
    const people = await selectCompliancePeople(db, q.projectId);
    if (people.length === 0) return { from: q.from, to: q.to, checkedPeople: 0, people: [] };
    const ids = people.map((p) => p.id);
    const [entries, vacations, calendars] = await Promise.all([
      selectLoggedMinutes(db, ids, q.from, q.to),
      q.expectedMinutesPerDay ? [] : selectVacations(db, ids, q.from, q.to),
      q.expectedMinutesPerDay ? null : CalendarSet.load(db),
    ]);
    const first = dayOfDate(q.from);
    const last = dayOfDate(q.to);
    const expectedOf = (p: (typeof people)[number]): ReadonlyMap<string, number> | undefined => {
      if (!calendars) return undefined;
      const cal = calendars.list[calendars.person(p.calendar_uid)]!;
      const factor = capacityFactor(p.minutes_per_week ?? DEFAULT_MINUTES_PER_WEEK, p.part_time_percent ?? 100, cal.weekMinutes);
      const off = vacations.filter((v) => v.person_id === p.id).map((v) => [dayOfDate(v.from_date), dayOfDate(v.to_date)] as const);
      const m = new Map<string, number>();
      for (let d = first; d <= last; d++) {
        if (off.some(([a, z]) => d >= a && d <= z)) continue;
        const minutes = Math.round(cal.minutesOn(d) * factor);
        if (minutes > 0) m.set(dateOfDay(d), minutes);
      }
      return m;
    };
    const gaps = findTimesheetGaps({
      people: people.map((p) => {
        const byDate = expectedOf(p);
        return { personId: p.id, expectedMinutesPerDay: q.expectedMinutesPerDay ?? 0, ...(byDate ? { expectedByDate: byDate } : {}) };
      }),
      entries: entries.map((e) => ({ personId: e.person_id, date: e.d, minutes: Number(e.minutes) })),
      from: q.from, to: q.to, workingWeekdays: settings.working_weekdays.map(Number),
    });
    const byPerson = new Map<string, { date: string; loggedMinutes: number; expectedMinutes: number }[]>();
    for (const g of gaps) byPerson.set(g.personId, [...(byPerson.get(g.personId) ?? []), { date: g.date, loggedMinutes: g.loggedMinutes, expectedMinutes: g.expectedMinutes }]);
    return {
      from: q.from, to: q.to, checkedPeople: people.length,
      people: people.filter((p) => byPerson.has(p.id)).map((p) => {
        const days = byPerson.get(p.id)!;
        return { personId: p.id, personName: p.name, missingMinutes: days.reduce((s, d) => s + d.expectedMinutes - d.loggedMinutes, 0), days };
      }),
    };
  });
}

/**
 * Approved billable time (time-and-materials projects only), approved billable expenses and achieved billing
 * milestones not on any (unreleased) invoice, per project.
 */
export async function unbilledWork(db: Kysely<DB>, actor: Actor, q: { projectId?: string | undefined }) {
  if (!['admin', 'finance'].includes(actor.orgRole)) throw new AppError(403, 'forbidden', 'the unbilled work report is for finance officers');
  const only = q.projectId ? sql`and p.id = ${q.projectId}::uuid` : sql``;
  const rows = await sql<{ project_id: string; code: string; name: string; entries: string; minutes: string; first_date: string | null; last_date: string | null; expense_count: string; expense_minor: string; milestone_count: string; milestone_minor: string }>`
    with t as (
      select e.project_id, count(*) as entries, sum(e.minutes) as minutes, min(e.work_date)::text as first_date, max(e.work_date)::text as last_date
      from time_entries e
      where e.state in ('approved', 'locked') and e.billable and e.reversal_of is null
        and not exists (select 1 from project_finance f where f.project_id = e.project_id and f.billing <> 'time-and-materials')
        and not exists (select 1 from billed_items b where b.source_kind = 'time' and b.source_id = e.id and b.released_at is null)
        and not exists (select 1 from time_entries r where r.reversal_of = e.id and r.state in ('approved', 'locked'))
      group by e.project_id
    ), x as (
      select x.project_id, count(*) as expense_count, sum(x.amount_minor) as expense_minor from expenses x
      where x.state = 'approved' and x.billable
        and not exists (select 1 from billed_items b where b.source_kind = 'expense' and b.source_id = x.id and b.released_at is null)
      group by x.project_id
    ), m as (
      select m.project_id, count(*) as milestone_count, sum(m.amount_minor) as milestone_minor from billing_milestones m
      where m.status <> 'planned'
        and not exists (select 1 from billed_items b where b.source_kind = 'milestone' and b.source_id = m.id and b.released_at is null)
      group by m.project_id
    )
    select p.id as project_id, p.code, p.name, coalesce(t.entries, 0) as entries, coalesce(t.minutes, 0) as minutes, t.first_date, t.last_date,
      coalesce(x.expense_count, 0) as expense_count, coalesce(x.expense_minor, 0) as expense_minor,
      coalesce(m.milestone_count, 0) as milestone_count, coalesce(m.milestone_minor, 0) as milestone_minor
    from projects p left join t on t.project_id = p.id left join x on x.project_id = p.id left join m on m.project_id = p.id
    where (t.project_id is not null or x.project_id is not null or m.project_id is not null) ${only}
    order by p.code`.execute(db);
  return {
    items: rows.rows.map((r) => ({
      projectId: r.project_id, code: r.code, name: r.name, timeEntries: Number(r.entries), minutes: Number(r.minutes), firstDate: r.first_date, lastDate: r.last_date,
      expenses: Number(r.expense_count), expenseAmountMinor: Number(r.expense_minor), milestones: Number(r.milestone_count), milestoneAmountMinor: Number(r.milestone_minor),
    })),
  };
}
