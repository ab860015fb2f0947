/**
 * Project financials: budget vs actual vs forecast by month and earned value (PV from task planned cost
 * accrued linearly over the task's planned dates, EV by each task's method, AC from approved time x cost
 * rate + approved expenses). The portfolio roll-up is in financials-rollup.service.ts.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../server/policy.js';
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
