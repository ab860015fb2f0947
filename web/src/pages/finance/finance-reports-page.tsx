/**
 * Finance reports (/finance/reports?view=): margin by project and by client, unbilled work, timesheet compliance
 * (who is missing which days) and budgets of portfolios and programs against their projects. The exchange-rate table
 * (shown on the finance setup page) lives here too.
 */
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { useSession } from '../../api/session';
import { Field, FormError } from '../../ui/form';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { usePortfolios, usePrograms, useProjects } from '../project-queries';
import { fk, todayIso } from './finance-api';
import { addDays, formatHours, formatMoney, formatRatio } from './finance-format';
import './finance.css';

const VIEWS = [
  ['margins', 'Margins', ['admin', 'finance', 'pmo']],
  ['unbilled', 'Unbilled work', ['admin', 'finance']],
  ['compliance', 'Timesheet compliance', ['admin', 'finance', 'pmo']],
  ['budgets', 'Portfolio and program budgets', ['admin', 'finance', 'pmo', 'portfolio_manager']],
] as const;

/** The finance reports page. */
export function FinanceReportsPage() {
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const views = VIEWS.filter(([, , roles]) => (roles as readonly string[]).includes(user?.orgRole ?? ''));
  const view = views.find(([v]) => v === params.get('view'))?.[0] ?? views[0]?.[0];
  return (
    <div style={{ overflow: 'auto' }}>
      <h1>Finance reports</h1>
      {views.length === 0 ? <Empty title="Finance reports are for finance, the PMO and portfolio managers." /> : (
        <>
          <div className="tabs" role="tablist" aria-label="Reports">
            {views.map(([v, label]) => <button key={v} type="button" role="tab" aria-selected={view === v} onClick={() => setParams({ view: v }, { replace: true })}>{label}</button>)}
          </div>
          <div role="tabpanel" aria-label={views.find(([v]) => v === view)?.[1]}>
            {view === 'margins' && <Margins />}
            {view === 'unbilled' && <UnbilledWork />}
            {view === 'compliance' && <Compliance />}
            {view === 'budgets' && <Budgets />}
          </div>
        </>
      )}
    </div>
  );
}

function Margins() {
  const [asOf, setAsOf] = useState(todayIso());
  const [by, setBy] = useState<'project' | 'client'>('project');
  const report = useQuery({ queryKey: fk.report('margins', { asOf }), queryFn: () => ok(api.GET('/api/v1/reports/margins', { params: { query: { asOf } } })) });
  const r = report.data;
  const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)} %`);
  return (
    <section aria-label="Margins">
      <div className="row">
        <label className="row">As of <input type="date" value={asOf} onChange={(e) => e.target.value && setAsOf(e.target.value)} /></label>
        <label className="row">By <select aria-label="Group by" value={by} onChange={(e) => setBy(e.target.value as 'project' | 'client')}><option value="project">Project</option><option value="client">Client</option></select></label>
      </div>
      <p className="muted">Margin to date = revenue recognised by billing type - actual cost. Time and materials: invoiced + unbilled approved work at bill rates; fixed price: contract price x actual cost / EAC; milestones: achieved milestones. Amounts in {r?.currency ?? 'the reporting currency'}.</p>
      {report.isLoading ? <Loading /> : report.error ? <ErrorState error={report.error} /> : r && (
        <>
          <div className="cards" data-testid="margin-total">
            <div className="card"><div className="muted">Revenue</div><div className="figure">{formatMoney(r.total.revenueMinor, r.currency)}</div></div>
            <div className="card"><div className="muted">Cost</div><div className="figure">{formatMoney(r.total.costMinor, r.currency)}</div></div>
            <div className="card"><div className="muted">Margin</div><div className="figure">{formatMoney(r.total.marginMinor, r.currency)} ({pct(r.total.marginPercent)})</div></div>
          </div>
          {by === 'project' ? (
            <table className="fin-table" aria-label="Margin by project">
              <thead><tr><th scope="col">Project</th><th scope="col">Client</th><th scope="col">Billing</th><th scope="col" className="num">Invoiced</th><th scope="col" className="num">Unbilled</th><th scope="col" className="num">Revenue</th><th scope="col" className="num">Cost</th><th scope="col" className="num">Margin</th><th scope="col" className="num">%</th><th scope="col">Notes</th></tr></thead>
              <tbody>{r.projects.map((p) => (
                <tr key={p.projectId} data-testid="margin-row">
                  <td><Link to={`/projects/${p.projectId}/financials`}>{p.code} · {p.name}</Link></td><td>{p.clientName ?? '—'}</td><td>{p.billing}</td>
                  <td className="num">{formatMoney(p.invoicedMinor, r.currency)}</td><td className="num">{formatMoney(p.unbilledMinor, r.currency)}</td>
                  <td className="num">{formatMoney(p.revenueMinor, r.currency)}</td><td className="num">{formatMoney(p.costMinor, r.currency)}</td>
                  <td className="num">{formatMoney(p.marginMinor, r.currency)}</td><td className="num">{pct(p.marginPercent)}</td>
                  <td className="muted">{p.basis}{p.problems.length ? `; ${p.problems.map((x) => x.message).join('; ')}` : ''}</td>
                </tr>
              ))}</tbody>
            </table>
          ) : (
            <table className="fin-table" aria-label="Margin by client">
              <thead><tr><th scope="col">Client</th><th scope="col" className="num">Projects</th><th scope="col" className="num">Invoiced</th><th scope="col" className="num">Unbilled</th><th scope="col" className="num">Revenue</th><th scope="col" className="num">Cost</th><th scope="col" className="num">Margin</th><th scope="col" className="num">%</th></tr></thead>
              <tbody>{r.clients.map((c) => (
                <tr key={c.clientId ?? 'none'} data-testid="client-margin-row">
                  <td>{c.clientName}{c.problems ? <span className="muted"> ({c.problems} amounts could not be priced)</span> : ''}</td><td className="num">{c.projects}</td>
                  <td className="num">{formatMoney(c.invoicedMinor, r.currency)}</td><td className="num">{formatMoney(c.unbilledMinor, r.currency)}</td>
                  <td className="num">{formatMoney(c.revenueMinor, r.currency)}</td><td className="num">{formatMoney(c.costMinor, r.currency)}</td>
                  <td className="num">{formatMoney(c.marginMinor, r.currency)}</td><td className="num">{pct(c.marginPercent)}</td>
                </tr>
              ))}</tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

function UnbilledWork() {
  const list = useQuery({ queryKey: fk.report('unbilled', {}), queryFn: async () => (await ok(api.GET('/api/v1/reports/unbilled-work'))).items });
  if (list.isLoading) return <Loading />;
  if (list.error) return <ErrorState error={list.error} />;
  const items = list.data ?? [];
  return items.length === 0 ? <Empty title="Everything approved and billable is invoiced." /> : (
    <table className="fin-table" aria-label="Unbilled work by project">
      <thead><tr><th scope="col">Project</th><th scope="col" className="num">Time entries</th><th scope="col" className="num">Hours</th><th scope="col">Work dates</th><th scope="col" className="num">Expenses</th><th scope="col" className="num">Expense amount</th><th scope="col" className="num">Milestones</th><th scope="col" className="num">Milestone amount</th></tr></thead>
      <tbody>{items.map((u) => (
        <tr key={u.projectId} data-testid="unbilled-row">
          <td><Link to={`/invoices?projectId=${u.projectId}`}>{u.code} · {u.name}</Link></td><td className="num">{u.timeEntries}</td><td className="num">{formatHours(u.minutes) || '0'}</td>
          <td>{u.firstDate ? `${u.firstDate} – ${u.lastDate}` : '—'}</td><td className="num">{u.expenses}</td><td className="num">{(u.expenseAmountMinor / 100).toFixed(2)}</td>
          <td className="num">{u.milestones}</td><td className="num">{(u.milestoneAmountMinor / 100).toFixed(2)}</td>
        </tr>
      ))}</tbody>
    </table>
  );
}

function Compliance() {
  const projects = useProjects();
  const [to, setTo] = useState(todayIso());
  const [from, setFrom] = useState(addDays(todayIso(), -27));
  const [projectId, setProjectId] = useState('');
  const report = useQuery({
    queryKey: fk.report('compliance', { from, to, projectId }),
    queryFn: () => ok(api.GET('/api/v1/reports/timesheet-compliance', { params: { query: { from, to, ...(projectId ? { projectId } : {}) } } })),
  });
  return (
    <section aria-label="Timesheet compliance">
      <div className="row">
        <label className="row">From <input type="date" value={from} onChange={(e) => e.target.value && setFrom(e.target.value)} /></label>
        <label className="row">To <input type="date" value={to} onChange={(e) => e.target.value && setTo(e.target.value)} /></label>
        <label className="row">Project
          <select value={projectId} onChange={(e) => setProjectId(e.target.value)}>
            <option value="">Everyone</option>
            {(projects.data ?? []).map((p) => <option key={p.id} value={p.id}>{p.code} · {p.name}</option>)}
          </select>
        </label>
      </div>
      <p className="muted">Working days on which people logged less than their calendar expects (holidays, part-time hours and vacations taken into account). Rejected time does not count.</p>
      {report.isLoading ? <Loading /> : report.error ? <ErrorState error={report.error} /> : report.data!.people.length === 0 ? <Empty title={`All ${report.data!.checkedPeople} people logged their time.`} /> : (
        <table className="fin-table" aria-label="Missing time by person">
          <thead><tr><th scope="col">Person</th><th scope="col" className="num">Missing hours</th><th scope="col">Days (logged / expected hours)</th></tr></thead>
          <tbody>{report.data!.people.map((p) => (
            <tr key={p.personId} data-testid="compliance-row">
              <td>{p.personName}</td><td className="num">{formatHours(p.missingMinutes)}</td>
              <td>{p.days.map((d) => `${d.date} (${formatHours(d.loggedMinutes) || '0'}/${formatHours(d.expectedMinutes)})`).join(', ')}</td>
            </tr>
          ))}</tbody>
        </table>
      )}
    </section>
  );
}

interface GroupRow { portfolioId: string; programId?: string; ownBudgetMinor: number | null; budgetMinor: number; actualMinor: number; eacMinor: number; cpi: number | null; spi: number | null; projectsWithoutForecast: number }

function Budgets() {
  const [asOf] = useState(todayIso());
  const portfolios = usePortfolios();
  const programs = usePrograms();
  const rollup = useQuery({ queryKey: fk.report('rollup', { asOf }), queryFn: () => ok(api.GET('/api/v1/financials/rollup', { params: { query: { asOf } } })) });
  if (rollup.isLoading) return <Loading />;
  if (rollup.error) return <ErrorState error={rollup.error} />;
  const r = rollup.data!;
  const cur = r.currency;
  const pf = new Map((r.portfolios as GroupRow[]).map((x) => [x.portfolioId, x]));
  const pg = new Map((r.programs as GroupRow[]).map((x) => [x.programId!, x]));
  const row = (kind: 'portfolio' | 'program', id: string, name: string, g: GroupRow | undefined, indent = false) => (
    <tr key={`${kind}-${id}`} data-testid={`${kind}-budget-row`}>
      <td style={indent ? { paddingLeft: 24 } : undefined}><Link to={`/finance/budgets/${kind}/${id}`}>{name}</Link> <span className="muted">{kind}</span></td>
      <td className="num">{formatMoney(g?.ownBudgetMinor ?? null, cur)}</td><td className="num">{formatMoney(g?.budgetMinor ?? 0, cur)}</td>
      <td className="num">{formatMoney(g?.actualMinor ?? 0, cur)}</td><td className="num">{formatMoney(g?.eacMinor ?? 0, cur)}{g?.projectsWithoutForecast ? '*' : ''}</td>
      <td className="num">{formatRatio(g?.cpi)}</td><td className="num">{formatRatio(g?.spi)}</td>
    </tr>
  );
  return (
    <section aria-label="Portfolio and program budgets">
      <p className="muted">Each portfolio's and program's own approved budget beside what its projects budget, have cost and are forecast to cost (EAC), with CPI and SPI from the EVM snapshot of {r.asOf}. * some projects have no forecast yet.</p>
      <table className="fin-table" aria-label="Budgets of portfolios and programs">
        <thead><tr><th scope="col">Portfolio / program</th><th scope="col" className="num">Own budget</th><th scope="col" className="num">Projects' budgets</th><th scope="col" className="num">Actual</th><th scope="col" className="num">EAC</th><th scope="col" className="num">CPI</th><th scope="col" className="num">SPI</th></tr></thead>
        <tbody>
          {(portfolios.data ?? []).flatMap((p) => [
            row('portfolio', p.id, p.name, pf.get(p.id)),
            ...(programs.data ?? []).filter((x) => x.portfolioId === p.id).map((x) => row('program', x.id, x.name, pg.get(x.id), true)),
          ])}
        </tbody>
      </table>
    </section>
  );
}

/** The dated exchange-rate table and, for finance officers, a form to add a rate. */
export function ExchangeRates({ canEdit }: { canEdit: boolean }) {
  const client = useQueryClient();
  const toast = useToast();
  const list = useQuery({ queryKey: fk.exchangeRates, queryFn: async () => (await ok(api.GET('/api/v1/exchange-rates'))).items });
  const [from, setFrom] = useState('USD');
  const [to, setTo] = useState('EUR');
  const [date, setDate] = useState(todayIso());
  const [rate, setRate] = useState('');
  const save = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/exchange-rates', { body: { from, to, date, rate: rate.trim().replace(',', '.') } })),
    onSuccess: (r) => { toast(`1 ${r.from} = ${r.rate} ${r.to} on ${r.date}`); setRate(''); void client.invalidateQueries({ queryKey: ['finance-setup'] }); void client.invalidateQueries({ queryKey: ['reports'] }); },
  });
  const submit = (e: FormEvent) => { e.preventDefault(); save.mutate(); };
  return (
    <section aria-label="Exchange rates">
      <p className="muted">Amounts in other currencies (cost rates, expenses, imported cost lines, invoices) are converted into the reporting currency at the latest rate on or before their date (at most 7 days earlier); without one the conversion is refused or listed as a problem.</p>
      {canEdit && (
        <form className="row" onSubmit={submit} aria-label="Add an exchange rate">
          <Field label="From" name="from" error={save.error}><input value={from} onChange={(e) => setFrom(e.target.value.toUpperCase())} pattern="[A-Z]{3}" maxLength={3} required style={{ width: '5em' }} /></Field>
          <Field label="To" name="to" error={save.error}><input value={to} onChange={(e) => setTo(e.target.value.toUpperCase())} pattern="[A-Z]{3}" maxLength={3} required style={{ width: '5em' }} /></Field>
          <Field label="Date" name="date" error={save.error}><input type="date" value={date} onChange={(e) => setDate(e.target.value)} required /></Field>
          <Field label={`1 ${from} =`} name="rate" error={save.error}><input inputMode="decimal" value={rate} onChange={(e) => setRate(e.target.value)} required style={{ width: '8em' }} /></Field>
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>Save rate</button>
        </form>
      )}
      <FormError error={save.error} />
      {list.isLoading ? <Loading /> : list.error ? <ErrorState error={list.error} /> : (list.data ?? []).length === 0 ? <Empty title="No exchange rates yet." /> : (
        <table className="fin-table" aria-label="Exchange rates">
          <thead><tr><th scope="col">Date</th><th scope="col">From</th><th scope="col">To</th><th scope="col" className="num">Rate</th></tr></thead>
          <tbody>{list.data!.map((x) => <tr key={x.id}><td>{x.date}</td><td>{x.from}</td><td>{x.to}</td><td className="num">{x.rate}</td></tr>)}</tbody>
        </table>
      )}
    </section>
  );
}
