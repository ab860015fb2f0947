/** Finance reports: timesheet compliance (who is missing which days) and unbilled work per project. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../server/errors.js';
import type { Actor } from '../../server/policy.js';
import { findTimesheetGaps } from '../../domain/finance/index.js';
import { domain, readFinanceSettings } from './finance-common.js';

const REPORT_ROLES = new Set(['admin', 'finance', 'pmo']);

function requireReports(actor: Actor) {
  if (!REPORT_ROLES.has(actor.orgRole)) throw new AppError(403, 'forbidden', 'finance reports are for admins, finance and the PMO');
}

/**
 * Working days in [from, to] where an active person (optionally: a member of `projectId`) logged less than
 * `expectedMinutesPerDay` (draft, submitted, approved and locked time counts; rejected does not).
 */
export async function timesheetCompliance(db: Kysely<DB>, actor: Actor, q: { from: string; to: string; projectId?: string; expectedMinutesPerDay: number }) {
  requireReports(actor);
  return domain(async () => {
    const settings = await readFinanceSettings(db);
    let pq = db.selectFrom('people').select(['id', 'name']).where('active', '=', true);
    if (q.projectId) {
      const pid = q.projectId;
      pq = pq.where('user_id', 'in', (eb) => eb.selectFrom('project_members').select('user_id').where('project_id', '=', pid));
    }
    const people = await pq.orderBy('name').orderBy('id').limit(10_000).execute();
    if (people.length === 0) return { from: q.from, to: q.to, people: [] };
    const entries = await sql<{ person_id: string; d: string; minutes: string }>`
      select person_id, work_date::text as d, sum(minutes) as minutes from time_entries
      where work_date between ${q.from}::date and ${q.to}::date and state <> 'rejected' and person_id = any(${people.map((p) => p.id)}::uuid[])
      group by person_id, work_date`.execute(db);
    const gaps = findTimesheetGaps({
      people: people.map((p) => ({ personId: p.id, expectedMinutesPerDay: q.expectedMinutesPerDay })),
      entries: entries.rows.map((e) => ({ personId: e.person_id, date: e.d, minutes: Number(e.minutes) })),
      from: q.from, to: q.to, workingWeekdays: settings.working_weekdays.map(Number),
    });
    const byPerson = new Map<string, { date: string; loggedMinutes: number; expectedMinutes: number }[]>();
    for (const g of gaps) byPerson.set(g.personId, [...(byPerson.get(g.personId) ?? []), { date: g.date, loggedMinutes: g.loggedMinutes, expectedMinutes: g.expectedMinutes }]);
    return {
      from: q.from, to: q.to,
      people: people.filter((p) => byPerson.has(p.id)).map((p) => ({ personId: p.id, personName: p.name, days: byPerson.get(p.id)! })),
    };
  });
}

/** Approved billable time and expenses not on any (unreleased) invoice, per project. */
export async function unbilledWork(db: Kysely<DB>, actor: Actor, q: { projectId?: string }) {
  if (!['admin', 'finance'].includes(actor.orgRole)) throw new AppError(403, 'forbidden', 'the unbilled work report is for finance officers');
  const only = q.projectId ? sql`and p.id = ${q.projectId}::uuid` : sql``;
  const rows = await sql<{ project_id: string; code: string; name: string; entries: string; minutes: string; first_date: string | null; last_date: string | null; expense_count: string; expense_minor: string }>`
    with t as (
      select e.project_id, count(*) as entries, sum(e.minutes) as minutes, min(e.work_date)::text as first_date, max(e.work_date)::text as last_date
      from time_entries e
      where e.state in ('approved', 'locked') and e.billable and e.reversal_of is null
        and not exists (select 1 from billed_items b where b.source_kind = 'time' and b.source_id = e.id and b.released_at is null)
        and not exists (select 1 from time_entries r where r.reversal_of = e.id and r.state in ('approved', 'locked'))
      group by e.project_id
    ), x as (
      select x.project_id, count(*) as expense_count, sum(x.amount_minor) as expense_minor from expenses x
      where x.state = 'approved' and x.billable
        and not exists (select 1 from billed_items b where b.source_kind = 'expense' and b.source_id = x.id and b.released_at is null)
      group by x.project_id
    )
    select p.id as project_id, p.code, p.name, coalesce(t.entries, 0) as entries, coalesce(t.minutes, 0) as minutes, t.first_date, t.last_date,
      coalesce(x.expense_count, 0) as expense_count, coalesce(x.expense_minor, 0) as expense_minor
    from projects p left join t on t.project_id = p.id left join x on x.project_id = p.id
    where (t.project_id is not null or x.project_id is not null) ${only}
    order by p.code`.execute(db);
  return {
    items: rows.rows.map((r) => ({
      projectId: r.project_id, code: r.code, name: r.name, timeEntries: Number(r.entries), minutes: Number(r.minutes), firstDate: r.first_date, lastDate: r.last_date,
      expenses: Number(r.expense_count), expenseAmountMinor: Number(r.expense_minor),
    })),
  };
}
