/**
 * Project tab "Financials": an overview (budget vs actual vs forecast by month, EVM figures with earned schedule,
 * margin and the EVM S-curve) and views for the budget, earned value by task, expenses and billing.
 */
import { lazy, Suspense, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSession } from '../../api/session';
import { useToast } from '../../ui/toast';
import { api, ok } from '../../api/client';
import type { Project } from '../../api/types';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { fk, isFinanceRole, todayIso, type EvmFigures, type Financials, type ForecastFigures } from './finance-api';
import { BudgetPanel } from './budget-panel';
import { TaskCostsPanel } from './task-costs-panel';
import { ExpensesPanel } from './expenses-panel';
import { BillingPanel } from './billing-panel';
import { formatHours, formatMoney, formatRatio, sCurveDates } from './finance-format';
import type { SCurvePoint } from './finance-charts';
import './finance.css';

const BudgetChart = lazy(() => import('./finance-charts').then((m) => ({ default: m.BudgetChart })));
const SCurveChart = lazy(() => import('./finance-charts').then((m) => ({ default: m.SCurveChart })));

function fetchFinancials(projectId: string, asOf: string): Promise<Financials> {
  return ok(api.GET('/api/v1/projects/{id}/financials', { params: { path: { id: projectId }, query: { asOf } } }));
}

const VIEWS = [['overview', 'Overview'], ['budget', 'Budget'], ['earned-value', 'Earned value by task'], ['expenses', 'Expenses'], ['billing', 'Billing']] as const;
type View = (typeof VIEWS)[number][0];

/** The financials tab of a project (?view= picks the sub-view, kept in the URL). */
export function FinancialsTab({ project }: { project: Project }) {
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const view = (VIEWS.some(([v]) => v === params.get('view')) ? params.get('view') : 'overview') as View;
  const [asOf, setAsOf] = useState(todayIso());
  const fin = useQuery({ queryKey: fk.financials(project.id, asOf), queryFn: () => fetchFinancials(project.id, asOf) });
  const currency = fin.data?.currency ?? 'EUR';
  const budgetEditor = project.canEdit || ['admin', 'finance', 'pmo', 'portfolio_manager'].includes(user?.orgRole ?? '') || isFinanceRole(user?.orgRole);
  return (
    <div style={{ overflow: 'auto' }}>
      <div className="row">
        <div className="tabs" role="tablist" aria-label="Financial views" style={{ marginBottom: 0 }}>
          {VIEWS.map(([v, label]) => (
            <button key={v} type="button" role="tab" aria-selected={view === v} onClick={() => { const n = new URLSearchParams(params); if (v === 'overview') n.delete('view'); else n.set('view', v); setParams(n, { replace: true }); }}>{label}</button>
          ))}
        </div>
        <span className="spacer" />
        {(view === 'overview' || view === 'earned-value') && <label className="row">Status date <input type="date" value={asOf} onChange={(e) => e.target.value && setAsOf(e.target.value)} /></label>}
      </div>
      <div role="tabpanel" aria-label={VIEWS.find(([v]) => v === view)![1]} style={{ marginTop: 12 }}>
        {view === 'overview' && (fin.isLoading ? <Loading label="Loading financials…" /> : fin.error ? <ErrorState error={fin.error} /> : <Overview project={project} f={fin.data!} asOf={asOf} />)}
        {view === 'budget' && <BudgetPanel scope="project" id={project.id} canEdit={budgetEditor} />}
        {view === 'earned-value' && <TaskCostsPanel projectId={project.id} asOf={asOf} currency={currency} canEdit={budgetEditor} />}
        {view === 'expenses' && <ExpensesPanel project={project} currency={currency} />}
        {view === 'billing' && <BillingPanel project={project} currency={currency} />}
      </div>
    </div>
  );
}

const METHOD_LABELS: Record<string, string> = { cpi: 'CPI-based', 'remaining-plan': 'remaining plan', manual: 'manual estimate', auto: 'automatic' };
/** "CPI-based (automatic)" */
function labelOfForecast(fc: ForecastFigures): string {
  return `${METHOD_LABELS[fc.method] ?? fc.method}${fc.setting === 'auto' ? ' (automatic)' : ''}`;
}

/** Budget, actual, forecast, margin, EVM figures and charts at the status date. */
function Overview({ project, f, asOf }: { project: Project; f: Financials; asOf: string }) {
  const evm = f.evm as EvmFigures;
  const fc = f.forecast as ForecastFigures;
  const cur = f.currency;
  const actualTotal = f.months.reduce((s, m) => s + m.actualMinor, 0);
  const figures: [string, string, string?][] = [
    ['Budget', formatMoney(f.budgetTotalMinor, cur)],
    ['Actual cost to date', formatMoney(actualTotal, cur), 'actual'],
    ['Forecast (EAC)', formatMoney(fc.eacMinor, cur)],
    ['Labour', `${formatHours(f.labour.minutes) || '0'} h (${formatHours(f.labour.billableMinutes) || '0'} h billable)`],
    ['Margin to date', `${formatMoney(f.margin.marginMinor, cur)}${f.margin.marginPercent === null ? '' : ` (${f.margin.marginPercent.toFixed(1)} %)`}`, 'margin'],
  ];
  const sched = f.schedule;
  const evmFigures: [string, string, string][] = [
    ['CPI', formatRatio(evm.cpi), 'Cost performance index = EV / AC'],
    ['SPI', formatRatio(evm.spi), 'Schedule performance index = EV / PV'],
    ['EAC', formatMoney(evm.eacCpi, cur), 'Estimate at completion = BAC / CPI'],
    ['VAC', formatMoney(evm.vac, cur), 'Variance at completion = BAC - EAC'],
    ['BAC', formatMoney(evm.bac, cur), 'Budget at completion (planned cost of the tasks)'],
    ['PV', formatMoney(evm.pv, cur), 'Planned value to date'],
    ['EV', formatMoney(evm.ev, cur), 'Earned value to date'],
    ['AC', formatMoney(evm.ac, cur), 'Actual cost to date'],
    ['CV', formatMoney(evm.cv, cur), 'Cost variance = EV - AC'],
    ['SV', formatMoney(evm.sv, cur), 'Schedule variance = EV - PV'],
    ['SPI(t)', formatRatio(sched?.spiT), 'Earned-schedule SPI = ES / AT (time-based; stays meaningful late in the project)'],
    ['SV(t)', sched ? `${sched.svT.toFixed(1)} d` : '—', 'Schedule variance in days = ES - AT'],
    ['IEAC(t)', sched?.ieacT == null ? '—' : `${Math.round(sched.ieacT)} d`, 'Independent estimate of the duration = planned duration / SPI(t)'],
    ['TCPI', formatRatio(evm.tcpiToBac), 'To-complete performance index to reach BAC = (BAC - EV) / (BAC - AC)'],
    ['EAC (CPI x SPI)', formatMoney(evm.eacCpiSpi, cur), 'EAC = AC + (BAC - EV) / (CPI x SPI)'],
    ['EAC (AC + ETC)', formatMoney(evm.eacBottomUp, cur), 'EAC = AC + ETC of the forecast method'],
  ];
  return (
    <div>
      <p className="muted">Amounts in {cur}. Forecast method: {labelOfForecast(fc)}. Margin: {f.margin.basis}{f.margin.billing === 'time-and-materials' ? ` (${formatMoney(f.margin.invoicedMinor, cur)} invoiced, ${formatMoney(f.margin.unbilledMinor, cur)} unbilled)` : ''}.</p>
      {f.margin.problems.length > 0 && <div className="form-error" role="status">{f.margin.problems.map((p) => p.message).join('; ')}</div>}
      <h2>Budget, actual and forecast</h2>
      <div className="cards" data-testid="finance-figures">
        {figures.map(([label, value, id]) => <div className="card" key={label} data-testid={id ? `fig-${id}` : undefined}><div className="muted">{label}</div><div className="figure">{value}</div></div>)}
      </div>
      <div className="fin-grid2" style={{ marginTop: 12 }}>
        <section aria-labelledby="budget-h">
          <h3 id="budget-h">By month</h3>
          {f.months.length === 0 ? <Empty title="No budget or cost yet." /> : <Suspense fallback={<Loading label="Loading chart…" />}><BudgetChart data={f} /></Suspense>}
        </section>
        <section aria-labelledby="evm-h">
          <h3 id="evm-h">Earned value</h3>
          {sched && <p className="muted" data-testid="earned-schedule">Earned schedule: {sched.es.toFixed(1)} of {sched.at} days elapsed since {sched.startDate} (work planned up to {sched.esDate} is done).</p>}
          <dl className="cards" data-testid="evm-figures" style={{ margin: 0 }}>
            {evmFigures.map(([k, v, title]) => (
              <div className="card" key={k} data-testid={`evm-${k.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/-$/, '')}`}><dt className="muted"><abbr title={title}>{k}</abbr></dt><dd className="figure" style={{ margin: 0 }}>{v}</dd></div>
            ))}
          </dl>
        </section>
      </div>
      <section aria-labelledby="scurve-h">
        <h3 id="scurve-h">EVM S-curve</h3>
        <SCurve project={project} asOf={asOf} bac={evm.bac} currency={cur} />
      </section>
      {f.months.length > 0 && (
        <details>
          <summary>Monthly figures as a table</summary>
          <table className="fin-table" aria-label="Budget, actual and forecast by month">
            <thead><tr><th scope="col">Month</th><th scope="col" className="num">Budget</th><th scope="col" className="num">Actual</th><th scope="col" className="num">Forecast</th><th scope="col" className="num">Variance</th></tr></thead>
            <tbody>{f.months.map((m) => (
              <tr key={m.month}><td>{m.month}</td><td className="num">{formatMoney(m.budgetMinor, cur)}</td><td className="num">{formatMoney(m.actualMinor, cur)}</td><td className="num">{formatMoney(m.forecastMinor, cur)}</td><td className="num">{formatMoney(m.varianceMinor, cur)}</td></tr>
            ))}</tbody>
          </table>
        </details>
      )}
    </div>
  );
}

/**
 * The S-curve: from the stored EVM snapshots when there are at least two; otherwise computed from
 * /financials at each month end of the project (PV for the whole plan, EV and AC up to the status date).
 */
function SCurve({ project, asOf, bac, currency }: { project: Project; asOf: string; bac: number; currency: string }) {
  const { user } = useSession();
  const toast = useToast();
  const client = useQueryClient();
  const canSnapshot = ['admin', 'finance', 'pmo', 'portfolio_manager'].includes(user?.orgRole ?? '');
  const snapshot = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/financials/evm-snapshots', { body: { asOf } })),
    onSuccess: () => { toast(`EVM snapshot recorded at ${asOf}`); void client.invalidateQueries({ queryKey: fk.sCurve(project.id) }); },
    onError: (err) => toast(err.message, 'error'),
  });
  const snaps = useQuery({ queryKey: fk.sCurve(project.id), queryFn: () => ok(api.GET('/api/v1/projects/{id}/evm/s-curve', { params: { path: { id: project.id } } })) });
  const useSnapshots = (snaps.data?.dates.length ?? 0) >= 2;
  const start = project.startDate ?? asOf;
  const finish = project.finishDate && project.finishDate > asOf ? project.finishDate : asOf;
  const dates = useMemo(() => sCurveDates(start < asOf ? start : asOf, asOf, finish), [start, finish, asOf]);
  const computed = useQueries({
    queries: (snaps.isSuccess && !useSnapshots ? dates : []).map((d) => ({ queryKey: fk.financials(project.id, d), queryFn: () => fetchFinancials(project.id, d) })),
  });
  if (snaps.isLoading) return <Loading label="Loading S-curve…" />;
  if (snaps.error) return <ErrorState error={snaps.error} />;
  let points: SCurvePoint[];
  let source: string;
  if (useSnapshots) {
    const s = snaps.data!;
    points = s.dates.map((d, i) => ({ date: d, pv: s.pv[i] ?? 0, ev: s.ev[i] ?? null, ac: s.ac[i] ?? null }));
    source = `From ${s.dates.length} EVM snapshots.`;
  } else {
    if (computed.some((q) => q.isLoading)) return <Loading label="Computing S-curve…" />;
    const failed = computed.find((q) => q.error);
    if (failed) return <ErrorState error={failed.error} />;
    points = computed.map((q, i) => {
      const e = q.data!.evm as EvmFigures;
      const d = dates[i]!;
      // EV comes from the tasks' current percent complete, so it is only shown at the status date.
      return { date: d, pv: e.pv, ev: d === asOf ? e.ev : d === start ? 0 : null, ac: d === start ? 0 : d <= asOf ? e.ac : null };
    });
    source = 'Computed from the plan (PV) and booked cost (AC, by month); EV at the status date. Record EVM snapshots for the earned value history.';
  }
  if (points.length === 0) return <Empty title="No earned value data yet." />;
  return (
    <>
      <div className="row">
        <p className="muted">{source}</p>
        {canSnapshot && <button type="button" className="btn btn-small" disabled={snapshot.isPending} onClick={() => snapshot.mutate()}>Record EVM snapshot at {asOf}</button>}
      </div>
      <Suspense fallback={<Loading label="Loading chart…" />}><SCurveChart points={points} bac={bac} currency={currency} /></Suspense>
    </>
  );
}
