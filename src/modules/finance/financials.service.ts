/**
 * Project financials: budget vs actual vs forecast by month and earned value (PV from task planned cost
 * accrued linearly over the task's planned dates, EV by each task's method, AC from approved time x cost
 * rate + approved expenses), and the portfolio roll-up of every project the actor may see.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../server/errors.js';
import { seesAllProjects, type Actor } from '../../server/policy.js';
import { buildBudgetActualForecast, computeForecast, monthRange, spreadOverMonths, toEpochDay, type BudgetVersion } from '../../domain/finance/index.js';
import { computeEarnedValue, computeEvmMetrics, computePlannedValueAt, type PlannedCostSegment } from '../../domain/evm/index.js';
import { domain, reportingCurrency, requireProjectFinance } from './finance-common.js';
import { effectiveBudget, loadBudgetVersions } from './budgets.service.js';

/** Budget/actual/forecast by month, EVM metrics, forecast and invoiced margin of one project as of a date. */
export async function getProjectFinancials(db: Kysely<DB>, actor: Actor, projectId: string, asOf: string) {
  await requireProjectFinance(db, actor, projectId, 'read', 'financials');
  return domain(async () => {
    const currency = await reportingCurrency(db);
    const asOfMonth = asOf.slice(0, 7);
    const project = await db.selectFrom('projects').select(['start_date', 'finish_date']).where('id', '=', projectId).executeTakeFirstOrThrow();
    const budget = effectiveBudget((await loadBudgetVersions(db, projectId)) as BudgetVersion[]);
    const summary = await db.selectFrom('project_cost_summary').selectAll().where('project_id', '=', projectId).orderBy('month').execute();
    const actuals = summary.map((s) => ({ month: s.month, amountMinor: Number(s.labour_cost_minor) + Number(s.expense_cost_minor) }));
    const acMinor = actuals.filter((a) => a.month <= asOfMonth).reduce((s, a) => s + a.amountMinor, 0);
    const tasks = await db.selectFrom('task_costs as c').innerJoin('tasks as t', 't.id', 'c.task_id')
      .select(['c.planned_cost_minor', 'c.ev_method', 't.start', 't.finish', 't.percent_complete']).where('c.project_id', '=', projectId).execute();
    const segments: PlannedCostSegment[] = [];
    let ev = 0;
    for (const t of tasks) {
      const amount = Number(t.planned_cost_minor);
      const start = t.start ? toEpochDay(t.start.slice(0, 10)) : toEpochDay(project.start_date ?? asOf);
      const end = t.finish ? toEpochDay(t.finish.slice(0, 10)) + 1 : start;
      segments.push({ startDay: start, endDay: Math.max(start, end), amount });
      ev += computeEarnedValue({ method: t.ev_method, budget: amount, percentComplete: Number(t.percent_complete) });
    }
    const bac = segments.reduce((s, x) => s + x.amount, 0);
    const pv = computePlannedValueAt(segments, toEpochDay(asOf) + 1);
    const evRounded = Math.round(ev);
    const evm = computeEvmMetrics({ bac, pv: Math.round(pv), ev: evRounded, ac: acMinor });
    const bacForForecast = bac > 0 ? bac : budget.reduce((s, l) => s + l.amountMinor, 0);
    const forecast = computeForecast({ method: evm.cpi === null ? 'remaining-plan' : 'cpi', bacMinor: bacForForecast, evMinor: Math.min(evRounded, bacForForecast), acMinor });
    const lastMonth = [project.finish_date?.slice(0, 7), ...budget.map((l) => l.month)].filter((m): m is string => !!m).sort().pop() ?? asOfMonth;
    const future = monthRange(asOfMonth, lastMonth < asOfMonth ? asOfMonth : lastMonth);
    const budgetByMonth = new Map<string, number>();
    for (const l of budget) budgetByMonth.set(l.month, (budgetByMonth.get(l.month) ?? 0) + l.amountMinor);
    const weights = future.map((month) => ({ month, weight: Math.max(0, budgetByMonth.get(month) ?? 0) }));
    const useWeights = weights.some((w) => w.weight > 0) ? weights : future.map((month) => ({ month, weight: 1 }));
    const spread = spreadOverMonths(Math.max(0, forecast.etcMinor ?? 0), useWeights);
    const currentActual = actuals.find((a) => a.month === asOfMonth)?.amountMinor ?? 0;
    const forecastRows = spread.map((f) => ({ month: f.month, amountMinor: f.month === asOfMonth ? f.amountMinor + currentActual : f.amountMinor }));
    const months = buildBudgetActualForecast({ budget, actuals, forecast: forecastRows, asOfMonth });
    const invoiced = await db.selectFrom('invoices').select(['kind', sql<string>`coalesce(sum(tax_exclusive_minor), 0)`.as('total')])
      .where('project_id', '=', projectId).where('state', 'in', ['issued', 'paid', 'void']).groupBy('kind').execute();
    const revenueMinor = invoiced.reduce((s, r) => s + (r.kind === 'invoice' ? 1 : -1) * Number(r.total), 0);
    const costMinor = actuals.reduce((s, a) => s + a.amountMinor, 0);
    return {
      projectId, asOf, currency,
      budgetTotalMinor: budget.reduce((s, l) => s + l.amountMinor, 0),
      months,
      evm,
      forecast,
      margin: { revenueMinor, costMinor, marginMinor: revenueMinor - costMinor, marginPercent: revenueMinor === 0 ? null : Math.round(((revenueMinor - costMinor) * 10000) / revenueMinor) / 100 },
      labour: { minutes: summary.reduce((s, r) => s + Number(r.labour_minutes), 0), billableMinutes: summary.reduce((s, r) => s + Number(r.billable_minutes), 0) },
    };
  });
}

interface RollupRow {
  project_id: string; code: string; name: string; portfolio_id: string; program_id: string | null;
  budget: string | null; actual: string | null; actual_to_date: string | null; bac: string | null; pv: string | null; ev: string | null;
}

/**
 * Budget, actual, forecast and EVM for every project the actor sees, summed per portfolio. One SQL statement
 * aggregates the approved budget lines, the cost summary rows (kept on approval) and the task planned cost
 * (PV accrued linearly to the end of `asOf`, EV by method); the domain computes indices and forecasts.
 */
export async function getPortfolioRollup(db: Kysely<DB>, actor: Actor, asOf: string) {
  if (!seesAllProjects(actor)) throw new AppError(403, 'forbidden', 'the portfolio roll-up is for portfolio-wide roles');
  const asOfMonth = asOf.slice(0, 7);
  const res = await sql<RollupRow>`
    with b as (
      select l.project_id, sum(l.amount_minor) as budget from budget_lines l join budget_versions v on v.id = l.budget_version_id
      where v.status = 'approved' group by l.project_id
    ), a as (
      select project_id, sum(labour_cost_minor + expense_cost_minor) as actual,
        sum(case when month <= ${asOfMonth} then labour_cost_minor + expense_cost_minor else 0 end) as actual_to_date
      from project_cost_summary group by project_id
    ), e as (
      select c.project_id, sum(c.planned_cost_minor) as bac,
        sum(case
          when t.start is null or t.finish is null then 0
          when ${asOf}::date >= t.finish::date then c.planned_cost_minor
          when ${asOf}::date < t.start::date then 0
          else c.planned_cost_minor * ((${asOf}::date - t.start::date) + 1)::numeric / ((t.finish::date - t.start::date) + 1) end) as pv,
        sum(case c.ev_method
          when 'zero-hundred' then case when t.percent_complete >= 100 then c.planned_cost_minor else 0 end
          when 'fifty-fifty' then case when t.percent_complete >= 100 then c.planned_cost_minor when t.percent_complete > 0 then c.planned_cost_minor / 2.0 else 0 end
          else c.planned_cost_minor * t.percent_complete / 100 end) as ev
      from task_costs c join tasks t on t.id = c.task_id group by c.project_id
    )
    select p.id as project_id, p.code, p.name, p.portfolio_id, p.program_id, b.budget, a.actual, a.actual_to_date, e.bac, e.pv, e.ev
    from projects p left join b on b.project_id = p.id left join a on a.project_id = p.id left join e on e.project_id = p.id
    order by p.code`.execute(db);
  const totals = new Map<string, { bac: number; pv: number; ev: number; ac: number; budget: number; actual: number }>();
  const projects = res.rows.map((r) => {
    const bac = Math.round(Number(r.bac ?? 0));
    const pv = Math.round(Number(r.pv ?? 0));
    const ev = Math.round(Number(r.ev ?? 0));
    const ac = Number(r.actual_to_date ?? 0);
    const budget = Number(r.budget ?? 0);
    const actual = Number(r.actual ?? 0);
    const m = computeEvmMetrics({ bac, pv, ev, ac });
    const bacF = bac > 0 ? bac : budget;
    const f = computeForecast({ method: m.cpi === null ? 'remaining-plan' : 'cpi', bacMinor: bacF, evMinor: Math.min(ev, bacF), acMinor: ac });
    const t = totals.get(r.portfolio_id) ?? { bac: 0, pv: 0, ev: 0, ac: 0, budget: 0, actual: 0 };
    t.bac += bac; t.pv += pv; t.ev += ev; t.ac += ac; t.budget += budget; t.actual += actual;
    totals.set(r.portfolio_id, t);
    return {
      projectId: r.project_id, code: r.code, name: r.name, portfolioId: r.portfolio_id, programId: r.program_id,
      budgetMinor: budget, actualMinor: actual, eacMinor: f.eacMinor, etcMinor: f.etcMinor,
      bac, pv, ev, ac, cpi: m.cpi, spi: m.spi, cv: m.cv, sv: m.sv, vac: m.vac,
    };
  });
  const portfolios = [...totals.entries()].map(([portfolioId, t]) => ({ portfolioId, budgetMinor: t.budget, actualMinor: t.actual, ...computeEvmMetrics({ bac: t.bac, pv: t.pv, ev: t.ev, ac: t.ac }) }));
  return { asOf, currency: await reportingCurrency(db), projects, portfolios };
}
