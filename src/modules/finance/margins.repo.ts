/** SQL of margins: the facts revenue and cost are recognised from, for a set of projects as of a date. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** A project with its billing settings. */
export interface MarginProjectRow {
  id: string;
  code: string;
  name: string;
  portfolio_id: string;
  program_id: string | null;
  stage: string;
  status: string;
  client_id: string | null;
  client_name: string | null;
  billing: string | null;
  contract_price_minor: string | null;
  revenue_recognition: string | null;
  forecast_method: string | null;
  manual_etc_minor: string | null;
}

/** Projects (all, or the given ones, or a client's) with their finance settings and client, by code. */
export async function selectMarginProjects(db: Kysely<DB>, f: { projectIds?: string[]; clientId?: string }): Promise<MarginProjectRow[]> {
  const byIds = f.projectIds ? sql`and p.id = any(${f.projectIds}::uuid[])` : sql``;
  const byClient = f.clientId ? sql`and f.client_id = ${f.clientId}::uuid` : sql``;
  const r = await sql<MarginProjectRow>`
    select p.id, p.code, p.name, p.portfolio_id, p.program_id, p.stage, p.status, f.client_id, c.name as client_name, f.billing,
      f.contract_price_minor::text, f.revenue_recognition, f.forecast_method, f.manual_etc_minor::text
    from projects p left join project_finance f on f.project_id = p.id left join clients c on c.id = f.client_id
    where true ${byIds} ${byClient}
    order by p.code, p.id`.execute(db);
  return r.rows;
}

/** Issued invoices and credit notes (tax-exclusive totals in their currency) up to a date. */
export async function selectInvoiced(db: Kysely<DB>, ids: string[], asOf: string) {
  const r = await sql<{ project_id: string; kind: 'invoice' | 'credit-note'; currency: string; issue_date: string; amount: string }>`
    select project_id, kind, currency, issue_date::text, tax_exclusive_minor as amount from invoices
    where project_id = any(${ids}::uuid[]) and state <> 'draft' and issue_date <= ${asOf}::date`.execute(db);
  return r.rows.map((x) => ({ projectId: x.project_id, sign: x.kind === 'invoice' ? 1 : -1, currency: x.currency.trim(), date: x.issue_date, amountMinor: Number(x.amount) }));
}

/**
 * Approved billable time not on an unreleased invoice and not reversed, up to a date, summed per project, person
 * and work date (the unit a bill rate applies to).
 */
export async function selectUnbilledTime(db: Kysely<DB>, ids: string[], asOf: string) {
  const r = await sql<{ project_id: string; person_id: string; d: string; minutes: string }>`
    select e.project_id, e.person_id, e.work_date::text as d, sum(e.minutes) as minutes from time_entries e
    where e.project_id = any(${ids}::uuid[]) and e.state in ('approved', 'locked') and e.billable and e.reversal_of is null and e.work_date <= ${asOf}::date
      and not exists (select 1 from billed_items b where b.source_kind = 'time' and b.source_id = e.id and b.released_at is null)
      and not exists (select 1 from time_entries x where x.reversal_of = e.id and x.state in ('approved', 'locked'))
    group by e.project_id, e.person_id, e.work_date`.execute(db);
  return r.rows.map((x) => ({ projectId: x.project_id, personId: x.person_id, date: x.d, minutes: Number(x.minutes) }));
}

/** Approved billable expenses not on an unreleased invoice, up to a date. */
export async function selectUnbilledExpenses(db: Kysely<DB>, ids: string[], asOf: string) {
  const r = await sql<{ project_id: string; d: string; amount: string; currency: string; markup: string }>`
    select x.project_id, x.expense_date::text as d, x.amount_minor as amount, x.currency, x.markup_percent::text as markup from expenses x
    where x.project_id = any(${ids}::uuid[]) and x.state = 'approved' and x.billable and x.expense_date <= ${asOf}::date
      and not exists (select 1 from billed_items b where b.source_kind = 'expense' and b.source_id = x.id and b.released_at is null)`.execute(db);
  return r.rows.map((x) => ({ projectId: x.project_id, date: x.d, amountMinor: Number(x.amount), currency: x.currency.trim(), markupPercent: Number(x.markup) }));
}

/** Billing milestones with whether they were achieved by a date. */
export async function selectMilestonesAsOf(db: Kysely<DB>, ids: string[], asOf: string) {
  const r = await sql<{ project_id: string; amount: string; currency: string; achieved_on: string | null }>`
    select project_id, amount_minor as amount, currency, achieved_on::text from billing_milestones where project_id = any(${ids}::uuid[])`.execute(db);
  return r.rows.map((x) => ({ projectId: x.project_id, amountMinor: Number(x.amount), currency: x.currency.trim(), achievedOn: x.achieved_on, achieved: x.achieved_on !== null && x.achieved_on <= asOf }));
}

/** Actual cost (labour and expenses, reporting currency) per project for the months up to `asOfMonth`. */
export async function selectCostToDate(db: Kysely<DB>, ids: string[], asOfMonth: string): Promise<Map<string, number>> {
  const r = await sql<{ project_id: string; cost: string }>`
    select project_id, sum(labour_cost_minor + expense_cost_minor) as cost from project_cost_summary
    where project_id = any(${ids}::uuid[]) and month <= ${asOfMonth} group by project_id`.execute(db);
  return new Map(r.rows.map((x) => [x.project_id, Number(x.cost)]));
}

/** Effective budget total per project (approved versions of projects with an approved original). */
export async function selectBudgetTotals(db: Kysely<DB>, ids: string[]): Promise<Map<string, number>> {
  const r = await sql<{ project_id: string; total: string }>`
    select v.project_id, sum(l.amount_minor) as total from budget_lines l join budget_versions v on v.id = l.budget_version_id
    where v.project_id = any(${ids}::uuid[]) and v.status = 'approved'
      and exists (select 1 from budget_versions o where o.project_id = v.project_id and o.kind = 'original' and o.status = 'approved')
    group by v.project_id`.execute(db);
  return new Map(r.rows.map((x) => [x.project_id, Number(x.total)]));
}
