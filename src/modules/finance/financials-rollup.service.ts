/**
 * Portfolio roll-up of budget, actual, forecast and EVM for every project. Measured design (see
 * docs/performance-finance.md): actual cost comes from the monthly cost summary kept on approval; BAC, PV and EV
 * come from per-project EVM snapshots at the status date (`evm_snapshots`), refreshed from the task plan when
 * missing or older than `maxAgeSeconds` (one aggregate over every task), or on demand. S-curves read the same snapshots.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../server/errors.js';
import { authorize, seesAllProjects, type Actor } from '../../server/policy.js';
import { chooseForecast, type ForecastSetting } from '../../domain/finance/index.js';
import { buildSCurveSeries, computeEvmMetrics } from '../../domain/evm/index.js';
import { reportingCurrency, requireProjectFinance } from './finance-common.js';

/**
 * Recomputes the EVM snapshot (BAC, PV to the end of `asOf`, EV by method) of every project (or the given ones)
 * from task planned cost and progress; one statement, upserted.
 */
export async function refreshEvmSnapshots(db: Kysely<DB>, asOf: string, projectIds?: string[]): Promise<number> {
  const only = projectIds && projectIds.length > 0 ? sql`and c.project_id = any(${projectIds}::uuid[])` : sql``;
  // Planned dates are baseline 0's when the task has one (PV comes from the baseline), else the current schedule.
  const res = await sql`
    with x as (
      select c.project_id, c.planned_cost_minor::float8 as amt, c.ev_method, t.percent_complete::float8 as pct,
        c.physical_percent_complete::float8 as phys, c.milestone_weight_done::float8 as wdone, c.milestone_weight_total::float8 as wtotal,
        case when b.start is not null and b.finish is not null then b.start::date else t.start::date end as ps,
        case when b.start is not null and b.finish is not null then b.finish::date else t.finish::date end as pf
      from task_costs c join tasks t on t.id = c.task_id left join task_baselines b on b.task_id = c.task_id and b.number = 0
      where true ${only}
    )
    insert into evm_snapshots as s (project_id, as_of, bac, pv, ev, computed_at)
    select project_id, ${asOf}::date, sum(amt),
      round(sum(case
        when ps is null or pf is null then 0
        when ${asOf}::date >= pf then amt
        when ${asOf}::date < ps then 0
        else amt * ((${asOf}::date - ps) + 1) / ((pf - ps) + 1) end)),
      round(sum(case ev_method
        when 'zero-hundred' then case when pct >= 100 then amt else 0 end
        when 'fifty-fifty' then case when pct >= 100 then amt when pct > 0 then amt / 2.0 else 0 end
        when 'physical-percent-complete' then amt * coalesce(phys, 0) / 100
        when 'weighted-milestones' then case when wtotal > 0 then amt * wdone / wtotal else 0 end
        else amt * pct / 100 end)),
      now()
    from x
    group by project_id
    on conflict (as_of, project_id) do update set bac = excluded.bac, pv = excluded.pv, ev = excluded.ev, computed_at = excluded.computed_at`.execute(db);
  return Number(res.numAffectedRows ?? 0);
}

interface RollupRow {
  project_id: string; code: string; name: string; portfolio_id: string; program_id: string | null;
  budget: string | null; actual: string | null; actual_to_date: string | null; bac: string | null; pv: string | null; ev: string | null;
  forecast_method: string | null; manual_etc_minor: string | null;
}

type Sums = { bac: number; pv: number; ev: number; ac: number; budget: number; actual: number; eac: number; eacMissing: number };
const emptySums = (): Sums => ({ bac: 0, pv: 0, ev: 0, ac: 0, budget: 0, actual: 0, eac: 0, eacMissing: 0 });

/**
 * Budget, actual, forecast and EVM of every project, and summed per program and per portfolio (indices recomputed
 * from the sums, never averaged), with the programs' and portfolios' own approved budgets beside what their projects
 * add up to (portfolio-wide roles only). Each project's forecast follows its method (auto, CPI, remaining plan, manual).
 */
export async function getPortfolioRollup(db: Kysely<DB>, actor: Actor, asOf: string, opts: { refresh?: boolean; maxAgeSeconds?: number } = {}) {
  if (!seesAllProjects(actor)) throw new AppError(403, 'forbidden', 'the portfolio roll-up is for portfolio-wide roles');
  const asOfMonth = asOf.slice(0, 7);
  const maxAge = opts.maxAgeSeconds ?? 300;
  const snap = await sql<{ at: Date | null }>`select min(computed_at) as at from evm_snapshots where as_of = ${asOf}::date`.execute(db);
  const at = snap.rows[0]?.at ?? null;
  if (opts.refresh || !at || Date.now() - new Date(at).getTime() > maxAge * 1000) await refreshEvmSnapshots(db, asOf);
  const [res, own] = await Promise.all([
    sql<RollupRow>`
    with b as (
      select l.project_id, sum(l.amount_minor) as budget from budget_lines l join budget_versions v on v.id = l.budget_version_id
      where v.status = 'approved' and v.project_id is not null group by l.project_id
    ), a as (
      select project_id, sum(labour_cost_minor + expense_cost_minor) as actual,
        sum(case when month <= ${asOfMonth} then labour_cost_minor + expense_cost_minor else 0 end) as actual_to_date
      from project_cost_summary group by project_id
    )
    select p.id as project_id, p.code, p.name, p.portfolio_id, p.program_id, b.budget, a.actual, a.actual_to_date, e.bac, e.pv, e.ev,
      f.forecast_method, f.manual_etc_minor::text
    from projects p left join b on b.project_id = p.id left join a on a.project_id = p.id
      left join evm_snapshots e on e.project_id = p.id and e.as_of = ${asOf}::date
      left join project_finance f on f.project_id = p.id
    order by p.code`.execute(db),
    sql<{ program_id: string | null; portfolio_id: string | null; budget: string }>`
    select v.program_id, v.portfolio_id, sum(l.amount_minor) as budget from budget_lines l join budget_versions v on v.id = l.budget_version_id
    where v.status = 'approved' and v.project_id is null group by v.program_id, v.portfolio_id`.execute(db),
  ]);
  const byPortfolio = new Map<string, Sums>();
  const byProgram = new Map<string, Sums & { portfolioId: string }>();
  const add = (t: Sums, x: Sums) => {
    t.bac += x.bac; t.pv += x.pv; t.ev += x.ev; t.ac += x.ac; t.budget += x.budget; t.actual += x.actual; t.eac += x.eac; t.eacMissing += x.eacMissing;
  };
  const projects = res.rows.map((r) => {
    const bac = Number(r.bac ?? 0);
    const pv = Number(r.pv ?? 0);
    const ev = Number(r.ev ?? 0);
    const ac = Number(r.actual_to_date ?? 0);
    const budget = Number(r.budget ?? 0);
    const actual = Number(r.actual ?? 0);
    const m = computeEvmMetrics({ bac, pv, ev, ac });
    const f = chooseForecast((r.forecast_method ?? 'auto') as ForecastSetting, { bacMinor: bac, budgetMinor: budget, evMinor: ev, acMinor: ac, manualEtcMinor: r.manual_etc_minor === null ? null : Number(r.manual_etc_minor) });
    const sums: Sums = { bac, pv, ev, ac, budget, actual, eac: f.eacMinor ?? 0, eacMissing: f.eacMinor === null ? 1 : 0 };
    const pf = byPortfolio.get(r.portfolio_id) ?? emptySums();
    add(pf, sums);
    byPortfolio.set(r.portfolio_id, pf);
    if (r.program_id) {
      const pg = byProgram.get(r.program_id) ?? { ...emptySums(), portfolioId: r.portfolio_id };
      add(pg, sums);
      byProgram.set(r.program_id, pg);
    }
    return {
      projectId: r.project_id, code: r.code, name: r.name, portfolioId: r.portfolio_id, programId: r.program_id,
      budgetMinor: budget, actualMinor: actual, eacMinor: f.eacMinor, etcMinor: f.etcMinor, forecastMethod: f.method,
      bac, pv, ev, ac, cpi: m.cpi, spi: m.spi, cv: m.cv, sv: m.sv, vac: m.vac,
    };
  });
  const ownBudget = (key: 'program_id' | 'portfolio_id', id: string) => {
    const row = own.rows.find((o) => o[key] === id);
    return row ? Number(row.budget) : null;
  };
  const group = (t: Sums) => ({
    budgetMinor: t.budget, actualMinor: t.actual, eacMinor: t.eac, projectsWithoutForecast: t.eacMissing,
    ...computeEvmMetrics({ bac: t.bac, pv: t.pv, ev: t.ev, ac: t.ac }),
  });
  const portfolios = [...byPortfolio.entries()].map(([portfolioId, t]) => ({ portfolioId, ownBudgetMinor: ownBudget('portfolio_id', portfolioId), ...group(t) }));
  const programs = [...byProgram.entries()].map(([programId, t]) => ({ programId, portfolioId: t.portfolioId, ownBudgetMinor: ownBudget('program_id', programId), ...group(t) }));
  const fresh = await sql<{ at: Date | null }>`select min(computed_at) as at from evm_snapshots where as_of = ${asOf}::date`.execute(db);
  return { asOf, currency: await reportingCurrency(db), evmSnapshotAt: fresh.rows[0]?.at ? new Date(fresh.rows[0].at).toISOString() : null, projects, programs, portfolios };
}

/** Takes the EVM snapshot of every project at a status date (for a scheduled job or the PMO; officers and portfolio editors). */
export async function takeEvmSnapshots(db: Kysely<DB>, actor: Actor, asOf: string) {
  authorize(actor, 'update', { kind: 'finance', area: 'budget-approval', projectRole: null });
  const projects = await refreshEvmSnapshots(db, asOf);
  return { asOf, projects };
}

/** S-curve of a project from its snapshots plus the actual cost to date of each snapshot month. */
export async function getSCurve(db: Kysely<DB>, actor: Actor, projectId: string) {
  await requireProjectFinance(db, actor, projectId, 'read', 'financials');
  const snaps = await db.selectFrom('evm_snapshots').selectAll().where('project_id', '=', projectId).orderBy('as_of').execute();
  const summary = await db.selectFrom('project_cost_summary').select(['month', 'labour_cost_minor', 'expense_cost_minor']).where('project_id', '=', projectId).orderBy('month').execute();
  const acAt = (date: string) => summary.filter((s) => s.month <= date.slice(0, 7)).reduce((t, s) => t + Number(s.labour_cost_minor) + Number(s.expense_cost_minor), 0);
  return buildSCurveSeries(snaps.map((s) => ({ asOf: s.as_of, bac: Number(s.bac), pv: Number(s.pv), ev: Number(s.ev), ac: acAt(s.as_of) })));
}
