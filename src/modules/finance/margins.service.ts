/**
 * Margins to date (revenue - cost) by project and by client, in the reporting currency. Revenue is recognised by
 * billing type (src/domain/finance/project-margin.ts): time and materials from invoiced plus unbilled approved work
 * at bill rates, fixed price from the contract price by cost-to-cost percent complete (EAC from the EVM snapshot
 * and the project's forecast method), milestone billing from achieved milestones. Amounts that cannot be priced
 * (a missing bill rate or exchange rate) are left out and listed as problems, never silently dropped.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { authorize, type Actor } from '../../server/policy.js';
import {
  applyMarkup, chooseForecast, computeProjectMargin, computeTimeAmountMinor, convertMoney, FinanceError, resolveRate,
  type BillingType, type ExchangeRateTable, type ForecastSetting, type ProjectMargin,
} from '../../domain/finance/index.js';
import { domain, loadFxTable, loadPersonRoles, loadRateRows, reportingCurrency } from './finance-common.js';
import { refreshEvmSnapshots } from './financials-rollup.service.js';
import {
  selectBudgetTotals, selectCostToDate, selectInvoiced, selectMarginProjects, selectMilestonesAsOf, selectUnbilledExpenses, selectUnbilledTime, type MarginProjectRow,
} from './margins.repo.js';

/** A project's margin with the amounts behind it. */
export interface ProjectMarginView extends ProjectMargin {
  billing: BillingType;
  invoicedMinor: number;
  unbilledMinor: number;
}

const MAX_PROBLEMS = 20;

/** Converts into the reporting currency at a date, or records a problem and returns null. */
function toReporting(amountMinor: number, currency: string, date: string, reporting: string, fx: ExchangeRateTable, problems: string[]): number | null {
  if (currency === reporting) return amountMinor;
  try {
    return convertMoney({ amountMinor, currency }, reporting, date, fx).amountMinor;
  } catch (err) {
    if (!(err instanceof FinanceError)) throw err;
    if (problems.length < MAX_PROBLEMS) problems.push(`no ${currency}/${reporting} exchange rate for ${date}: ${amountMinor} ${currency} left out`);
    return null;
  }
}

/**
 * Margins of the given projects as of a date. `eacOverride` gives fixed-price projects their estimate at
 * completion (the project page passes the one it computed); otherwise it comes from the EVM snapshot at `asOf`.
 */
export async function computeMargins(db: Kysely<DB>, projects: readonly MarginProjectRow[], asOf: string, eacOverride?: ReadonlyMap<string, number | null>): Promise<Map<string, ProjectMarginView>> {
  const out = new Map<string, ProjectMarginView>();
  if (projects.length === 0) return out;
  const ids = projects.map((p) => p.id);
  // Unbilled work is revenue only for time and materials (fixed-price and milestone projects bill milestones).
  const tm = projects.filter((p) => (p.billing ?? 'time-and-materials') === 'time-and-materials').map((p) => p.id);
  const reporting = await reportingCurrency(db);
  const [invoiced, unbilledTime, unbilledExpenses, milestones, cost, fx] = await Promise.all([
    selectInvoiced(db, ids, asOf), tm.length ? selectUnbilledTime(db, tm, asOf) : [], tm.length ? selectUnbilledExpenses(db, tm, asOf) : [], selectMilestonesAsOf(db, ids, asOf),
    selectCostToDate(db, ids, asOf.slice(0, 7)), loadFxTable(db),
  ]);
  const personIds = [...new Set(unbilledTime.map((t) => t.personId))];
  const [rates, roles] = await Promise.all([loadRateRows(db, { personIds }), loadPersonRoles(db, personIds)]);
  const eac = new Map(eacOverride ?? []);
  const needEac = projects.filter((p) => p.billing === 'fixed-price' && !eac.has(p.id)).map((p) => p.id);
  if (needEac.length) for (const [id, v] of await snapshotEacs(db, projects.filter((p) => needEac.includes(p.id)), asOf, cost)) eac.set(id, v);

  const acc = new Map(ids.map((id) => [id, { invoiced: 0, unbilled: 0, milestones: [] as { amountMinor: number; achieved: boolean }[], problems: [] as string[] }]));
  for (const i of invoiced) {
    const a = acc.get(i.projectId)!;
    const v = toReporting(i.amountMinor, i.currency, i.date, reporting, fx, a.problems);
    if (v !== null) a.invoiced += i.sign * v;
  }
  for (const t of unbilledTime) {
    const a = acc.get(t.projectId)!;
    try {
      const { row } = resolveRate(rates, { kind: 'bill', personId: t.personId, roleId: roles.get(t.personId) ?? null, projectId: t.projectId, date: t.date });
      const v = toReporting(computeTimeAmountMinor(t.minutes, row.amountMinorPerHour), row.currency, t.date, reporting, fx, a.problems);
      if (v !== null) a.unbilled += v;
    } catch (err) {
      if (!(err instanceof FinanceError)) throw err;
      if (a.problems.length < MAX_PROBLEMS) a.problems.push(`no bill rate for a person on ${t.date}: ${t.minutes} unbilled minutes left out`);
    }
  }
  for (const x of unbilledExpenses) {
    const a = acc.get(x.projectId)!;
    const v = toReporting(applyMarkup(x.amountMinor, x.markupPercent), x.currency, x.date, reporting, fx, a.problems);
    if (v !== null) a.unbilled += v;
  }
  for (const m of milestones) {
    const a = acc.get(m.projectId)!;
    const v = m.achieved ? toReporting(m.amountMinor, m.currency, m.achievedOn!, reporting, fx, a.problems) : m.amountMinor;
    if (v !== null) a.milestones.push({ amountMinor: v, achieved: m.achieved });
  }
  await domain(async () => {
    for (const p of projects) {
      const a = acc.get(p.id)!;
      const billing = (p.billing ?? 'time-and-materials') as BillingType;
      const m = computeProjectMargin({
        billing, costMinor: cost.get(p.id) ?? 0, invoicedMinor: a.invoiced, unbilledMinor: a.unbilled, milestones: a.milestones,
        contractPriceMinor: p.contract_price_minor === null ? null : Number(p.contract_price_minor), eacMinor: eac.get(p.id) ?? null,
        recognition: (p.revenue_recognition ?? 'percent-complete') as 'percent-complete' | 'completed-contract', complete: p.stage === 'closed' || p.status === 'completed',
      });
      out.set(p.id, { ...m, problems: [...a.problems, ...m.problems], billing, invoicedMinor: a.invoiced, unbilledMinor: billing === 'time-and-materials' ? a.unbilled : 0 });
    }
  });
  return out;
}

/** EAC of fixed-price projects from their EVM snapshot at `asOf` (refreshed) and their forecast method. */
async function snapshotEacs(db: Kysely<DB>, projects: readonly MarginProjectRow[], asOf: string, cost: ReadonlyMap<string, number>): Promise<Map<string, number | null>> {
  const ids = projects.map((p) => p.id);
  await refreshEvmSnapshots(db, asOf, ids);
  const [snaps, budgets] = await Promise.all([
    db.selectFrom('evm_snapshots').select(['project_id', 'bac', 'ev']).where('as_of', '=', asOf).where('project_id', 'in', ids).execute(),
    selectBudgetTotals(db, ids),
  ]);
  const snap = new Map(snaps.map((s) => [s.project_id, s]));
  const out = new Map<string, number | null>();
  for (const p of projects) {
    const s = snap.get(p.id);
    try {
      const f = chooseForecast((p.forecast_method ?? 'auto') as ForecastSetting, {
        bacMinor: Number(s?.bac ?? 0), budgetMinor: budgets.get(p.id) ?? 0, evMinor: Number(s?.ev ?? 0), acMinor: cost.get(p.id) ?? 0,
        manualEtcMinor: p.manual_etc_minor === null ? null : Number(p.manual_etc_minor),
      });
      out.set(p.id, f.eacMinor);
    } catch (err) {
      if (!(err instanceof FinanceError)) throw err;
      out.set(p.id, null);
    }
  }
  return out;
}

/** The margin of one project (for its financials page), with its own EAC. */
export async function projectMargin(db: Kysely<DB>, projectId: string, asOf: string, eacMinor: number | null): Promise<ProjectMarginView> {
  const rows = await selectMarginProjects(db, { projectIds: [projectId] });
  return (await computeMargins(db, rows, asOf, new Map([[projectId, eacMinor]]))).get(projectId)!;
}

/**
 * The margin report: every project (or one client's, or one project) with revenue, cost, margin and how revenue was
 * recognised, and the same summed per client. Officers and the PMO.
 */
export async function marginReport(db: Kysely<DB>, actor: Actor, q: { asOf: string; clientId?: string | undefined; projectId?: string | undefined }) {
  authorize(actor, 'read', { kind: 'finance', area: 'reports', projectRole: null });
  const rows = await selectMarginProjects(db, { ...(q.projectId ? { projectIds: [q.projectId] } : {}), ...(q.clientId ? { clientId: q.clientId } : {}) });
  const margins = await computeMargins(db, rows, q.asOf);
  const projects = rows.map((p) => {
    const m = margins.get(p.id)!;
    return {
      projectId: p.id, code: p.code, name: p.name, clientId: p.client_id, clientName: p.client_name, billing: m.billing,
      revenueMinor: m.revenueMinor, costMinor: m.costMinor, marginMinor: m.marginMinor, marginPercent: m.marginPercent,
      invoicedMinor: m.invoicedMinor, unbilledMinor: m.unbilledMinor, basis: m.basis, problems: m.problems.map((message) => ({ message })),
    };
  });
  const byClient = new Map<string, { clientId: string | null; clientName: string; projects: number; revenueMinor: number; costMinor: number; invoicedMinor: number; unbilledMinor: number; problems: number }>();
  for (const p of projects) {
    const key = p.clientId ?? '';
    const c = byClient.get(key) ?? { clientId: p.clientId, clientName: p.clientName ?? 'No client', projects: 0, revenueMinor: 0, costMinor: 0, invoicedMinor: 0, unbilledMinor: 0, problems: 0 };
    c.projects++; c.revenueMinor += p.revenueMinor; c.costMinor += p.costMinor; c.invoicedMinor += p.invoicedMinor; c.unbilledMinor += p.unbilledMinor; c.problems += p.problems.length;
    byClient.set(key, c);
  }
  const withMargin = <T extends { revenueMinor: number; costMinor: number }>(x: T) => ({ ...x, marginMinor: x.revenueMinor - x.costMinor, marginPercent: x.revenueMinor === 0 ? null : Math.round(((x.revenueMinor - x.costMinor) * 10000) / x.revenueMinor) / 100 });
  const clients = [...byClient.values()].sort((a, b) => (a.clientId === null ? 1 : b.clientId === null ? -1 : a.clientName.localeCompare(b.clientName))).map(withMargin);
  const total = withMargin({ revenueMinor: projects.reduce((s, p) => s + p.revenueMinor, 0), costMinor: projects.reduce((s, p) => s + p.costMinor, 0) });
  return { asOf: q.asOf, currency: await reportingCurrency(db), projects, clients, total };
}
