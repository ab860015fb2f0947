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
import { computeForecast } from '../../domain/finance/index.js';
import { buildSCurveSeries, computeEvmMetrics } from '../../domain/evm/index.js';
import { reportingCurrency, requireProjectFinance } from './finance-common.js';

/**
 * Recomputes the EVM snapshot (BAC, PV to the end of `asOf`, EV by method) of every project (or the given ones)
 * from task planned cost and progress; one statement, upserted.
 */
export async function refreshEvmSnapshots(db: Kysely<DB>, asOf: string, projectIds?: string[]): Promise<number> {
  const only = projectIds && projectIds.length > 0 ? sql`and c.project_id = any(${projectIds}::uuid[])` : sql``;
  const res = await sql`
    insert into evm_snapshots as s (project_id, as_of, bac, pv, ev, computed_at)
    select c.project_id, ${asOf}::date, sum(c.planned_cost_minor),
      round(sum(case
        when t.start is null or t.finish is null then 0
        when ${asOf}::date >= t.finish::date then c.planned_cost_minor::float8
        when ${asOf}::date < t.start::date then 0
        else c.planned_cost_minor::float8 * ((${asOf}::date - t.start::date) + 1) / ((t.finish::date - t.start::date) + 1) end)),
      round(sum(case c.ev_method
        when 'zero-hundred' then case when t.percent_complete >= 100 then c.planned_cost_minor::float8 else 0 end
        when 'fifty-fifty' then case when t.percent_complete >= 100 then c.planned_cost_minor::float8 when t.percent_complete > 0 then c.planned_cost_minor / 2.0 else 0 end
        else c.planned_cost_minor::float8 * t.percent_complete::float8 / 100 end)),
      now()
    from task_costs c join tasks t on t.id = c.task_id
    where true ${only}
    group by c.project_id
    on conflict (as_of, project_id) do update set bac = excluded.bac, pv = excluded.pv, ev = excluded.ev, computed_at = excluded.computed_at`.execute(db);
  return Number(res.numAffectedRows ?? 0);
}

interface RollupRow {
  project_id: string; code: string; name: string; portfolio_id: string; program_id: string | null;
  budget: string | null; actual: string | null; actual_to_date: string | null; bac: string | null; pv: string | null; ev: string | null;
}

/** Budget, actual, forecast and EVM of every project and per portfolio (portfolio-wide roles only). */
export async function getPortfolioRollup(db: Kysely<DB>, actor: Actor, asOf: string, opts: { refresh?: boolean; maxAgeSeconds?: number } = {}) {
  if (!seesAllProjects(actor)) throw new AppError(403, 'forbidden', 'the portfolio roll-up is for portfolio-wide roles');
  const asOfMonth = asOf.slice(0, 7);
  const maxAge = opts.maxAgeSeconds ?? 300;
  const snap = await sql<{ at: Date | null }>`select min(computed_at) as at from evm_snapshots where as_of = ${asOf}::date`.execute(db);
  const at = snap.rows[0]?.at ?? null;
  if (opts.refresh || !at || Date.now() - new Date(at).getTime() > maxAge * 1000) await refreshEvmSnapshots(db, asOf);
  const res = await sql<RollupRow>`
    with b as (
      select l.project_id, sum(l.amount_minor) as budget from budget_lines l join budget_versions v on v.id = l.budget_version_id
      where v.status = 'approved' group by l.project_id
    ), a as (
      select project_id, sum(labour_cost_minor + expense_cost_minor) as actual,
        sum(case when month <= ${asOfMonth} then labour_cost_minor + expense_cost_minor else 0 end) as actual_to_date
      from project_cost_summary group by project_id
    )
    select p.id as project_id, p.code, p.name, p.portfolio_id, p.program_id, b.budget, a.actual, a.actual_to_date, e.bac, e.pv, e.ev
    from projects p left join b on b.project_id = p.id left join a on a.project_id = p.id
      left join evm_snapshots e on e.project_id = p.id and e.as_of = ${asOf}::date
    order by p.code`.execute(db);
  const totals = new Map<string, { bac: number; pv: number; ev: number; ac: number; budget: number; actual: number }>();
  const projects = res.rows.map((r) => {
    const bac = Number(r.bac ?? 0);
    const pv = Number(r.pv ?? 0);
    const ev = Number(r.ev ?? 0);
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
  const fresh = await sql<{ at: Date | null }>`select min(computed_at) as at from evm_snapshots where as_of = ${asOf}::date`.execute(db);
  return { asOf, currency: await reportingCurrency(db), evmSnapshotAt: fresh.rows[0]?.at ? new Date(fresh.rows[0].at).toISOString() : null, projects, portfolios };
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
