/**
 * Project financials: budget vs actual vs forecast by month and earned value (PV from each task's planned cost
 * accrued linearly over its planned dates, baseline 0 when saved; EV by each task's method; AC from approved time x
 * cost rate + approved expenses and imported cost lines), earned schedule, the forecast by the project's method and
 * the margin to date by billing type. The portfolio roll-up is in financials-rollup.service.ts.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../server/policy.js';
import { buildBudgetActualForecast, chooseForecast, monthRange, spreadOverMonths, toEpochDay, fromEpochDay, type BudgetVersion, type ForecastSetting } from '../../domain/finance/index.js';
import { computeEvmMetrics, computeProjectEvmPlan } from '../../domain/evm/index.js';
import { domain, reportingCurrency, requireProjectFinance } from './finance-common.js';
import { effectiveBudget, loadBudgetVersions } from './budgets.service.js';
import { selectTaskEvRows } from './task-costs.repo.js';
import { toPlannedTasks } from './task-costs.service.js';
import { projectMargin } from './margins.service.js';

/** Budget/actual/forecast by month, EVM metrics, earned schedule, forecast and margin of one project as of a date. */
export async function getProjectFinancials(db: Kysely<DB>, actor: Actor, projectId: string, asOf: string) {
  await requireProjectFinance(db, actor, projectId, 'read', 'financials');
  return domain(async () => {
    const currency = await reportingCurrency(db);
    const asOfMonth = asOf.slice(0, 7);
    const project = await db.selectFrom('projects as p').leftJoin('project_finance as f', 'f.project_id', 'p.id')
      .select(['p.start_date', 'p.finish_date', 'f.forecast_method', 'f.manual_etc_minor']).where('p.id', '=', projectId).executeTakeFirstOrThrow();
    const budget = effectiveBudget((await loadBudgetVersions(db, projectId)) as BudgetVersion[]);
    const budgetTotal = budget.reduce((s, l) => s + l.amountMinor, 0);
    const summary = await db.selectFrom('project_cost_summary').selectAll().where('project_id', '=', projectId).orderBy('month').execute();
    const actuals = summary.map((s) => ({ month: s.month, amountMinor: Number(s.labour_cost_minor) + Number(s.expense_cost_minor) }));
    const acMinor = actuals.filter((a) => a.month <= asOfMonth).reduce((s, a) => s + a.amountMinor, 0);
    const plan = computeProjectEvmPlan(toPlannedTasks(await selectTaskEvRows(db, projectId), project.start_date ?? asOf), toEpochDay(asOf));
    const ev = Math.round(plan.ev);
    const forecast = chooseForecast((project.forecast_method ?? 'auto') as ForecastSetting, {
      bacMinor: plan.bac, budgetMinor: budgetTotal, evMinor: ev, acMinor, manualEtcMinor: project.manual_etc_minor === null || project.manual_etc_minor === undefined ? null : Number(project.manual_etc_minor),
    });
    const evm = computeEvmMetrics({ bac: plan.bac, pv: Math.round(plan.pv), ev, ac: acMinor }, forecast.etcMinor === null ? {} : { etcBottomUp: forecast.etcMinor });
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
    const margin = await projectMargin(db, projectId, asOf, forecast.eacMinor);
    const s = plan.schedule;
    return {
      projectId, asOf, currency,
      budgetTotalMinor: budgetTotal,
      months,
      evm,
      schedule: s && {
        es: round(s.es, 2), at: s.at, svT: round(s.svT, 2), spiT: s.spiT === null ? null : round(s.spiT, 4), ieacT: s.ieacT === null ? null : round(s.ieacT, 1),
        startDate: fromEpochDay(s.startDay), esDate: fromEpochDay(s.startDay + Math.max(0, Math.ceil(s.es) - 1)), plannedDurationDays: s.plannedDurationDays,
      },
      forecast: { method: forecast.method, setting: forecast.setting, etcMinor: forecast.etcMinor, eacMinor: forecast.eacMinor, vacMinor: forecast.vacMinor },
      margin: {
        billing: margin.billing, revenueMinor: margin.revenueMinor, costMinor: margin.costMinor, marginMinor: margin.marginMinor, marginPercent: margin.marginPercent,
        invoicedMinor: margin.invoicedMinor, unbilledMinor: margin.unbilledMinor, basis: margin.basis, problems: margin.problems.map((message) => ({ message })),
      },
      labour: { minutes: summary.reduce((t, r) => t + Number(r.labour_minutes), 0), billableMinutes: summary.reduce((t, r) => t + Number(r.billable_minutes), 0) },
    };
  });
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
