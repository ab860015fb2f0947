/** Invoices: list with filters, and drafting an invoice for a project and period. */
import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { useSession } from '../../api/session';
import { DataTable, type Column } from '../../ui/data-table';
import { Dialog } from '../../ui/dialog';
import { Field, FormError } from '../../ui/form';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { useProjects } from '../project-queries';
import { fk, isFinanceRole, todayIso, type Invoice, type InvoiceState } from './finance-api';
import { addDays, formatMoney } from './finance-format';
import { labelOf } from '../labels';

const STATES: InvoiceState[] = ['draft', 'issued', 'paid', 'void'];

/** The invoices page (/invoices?state=&projectId=&kind=). */
export function InvoicesPage() {
  const { user } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const projects = useProjects();
  const state = (params.get('state') ?? '') as InvoiceState | '';
  const projectId = params.get('projectId') ?? '';
  const kind = (params.get('kind') ?? '') as 'invoice' | 'credit-note' | '';
  const filters = { state, projectId, kind };
  const list = useQuery({
    queryKey: fk.invoices(filters),
    queryFn: async () => (await ok(api.GET('/api/v1/invoices', { params: { query: { limit: 500, ...(state ? { state } : {}), ...(projectId ? { projectId } : {}), ...(kind ? { kind } : {}) } } }))).items,
  });
  const [drafting, setDrafting] = useState(false);
  const setFilter = (k: string, v: string) => { const n = new URLSearchParams(params); if (v) n.set(k, v); else n.delete(k); setParams(n, { replace: true }); };
  const projectName = (id: string | null) => { const p = (projects.data ?? []).find((x) => x.id === id); return p ? `${p.code} · ${p.name}` : '—'; };
  const columns: Column<Invoice>[] = [
    { key: 'number', header: 'Number', width: '150px', render: (i) => i.number ?? <span className="muted">draft</span>, sortValue: (i) => i.number ?? '', filterText: (i) => i.number ?? 'draft' },
    { key: 'kind', header: 'Kind', width: '110px', render: (i) => labelOf(i.kind) },
    { key: 'state', header: 'State', width: '90px', render: (i) => labelOf(i.state), sortValue: (i) => i.state },
    { key: 'project', header: 'Project', render: (i) => projectName(i.projectId), filterText: (i) => projectName(i.projectId) },
    { key: 'buyer', header: 'Client', render: (i) => i.buyerName, sortValue: (i) => i.buyerName, filterText: (i) => i.buyerName },
    { key: 'period', header: 'Period', width: '200px', render: (i) => (i.periodStart ? `${i.periodStart} – ${i.periodEnd ?? ''}` : '—') },
    { key: 'issued', header: 'Issued', width: '110px', render: (i) => i.issueDate ?? '—', sortValue: (i) => i.issueDate ?? '' },
    { key: 'total', header: 'Total', width: '130px', render: (i) => formatMoney(i.totals.payableMinor, i.currency), sortValue: (i) => i.totals.payableMinor },
  ];
  return (
    <div>
      <div className="row"><h1>Invoices</h1><span className="spacer" />
        {isFinanceRole(user?.orgRole) && <button type="button" className="btn btn-primary" onClick={() => setDrafting(true)}>Draft invoice</button>}
        <a className="btn" href={`/api/v1/invoices/export.csv?from=${todayIso().slice(0, 4)}-01-01&to=${todayIso()}`} download>Export CSV (this year)</a>
      </div>
      <div className="row" role="group" aria-label="Filters">
        <label className="row">State
          <select value={state} onChange={(e) => setFilter('state', e.target.value)}>
            <option value="">Any</option>
            {STATES.map((s) => <option key={s} value={s}>{labelOf(s)}</option>)}
          </select>
        </label>
        <label className="row">Kind
          <select value={kind} onChange={(e) => setFilter('kind', e.target.value)}>
            <option value="">Any</option><option value="invoice">Invoice</option><option value="credit-note">Credit note</option>
          </select>
        </label>
        <label className="row">Project
          <select value={projectId} onChange={(e) => setFilter('projectId', e.target.value)}>
            <option value="">Any</option>
            {(projects.data ?? []).map((p) => <option key={p.id} value={p.id}>{p.code} · {p.name}</option>)}
          </select>
        </label>
      </div>
      {list.isLoading ? <Loading /> : list.error ? <ErrorState error={list.error} /> : (
        <DataTable label="Invoices" rows={list.data ?? []} columns={columns} rowKey={(i) => i.id} height={480}
          onActivate={(i) => navigate(`/invoices/${i.id}`)} initialSort={{ key: 'issued', dir: 'desc' }}
          empty={<Empty title="No invoices match." />} />
      )}
      <DraftDialog open={drafting} onClose={() => setDrafting(false)} onDrafted={(inv) => navigate(`/invoices/${inv.id}`)} />
    </div>
  );
}

/**
 * Dialog: draft an invoice from the unbilled approved billable work of a project in a period (time and materials),
 * and/or from its achieved billing milestones (fixed price and milestone billing).
 */
function DraftDialog({ open, onClose, onDrafted }: { open: boolean; onClose: () => void; onDrafted: (inv: Invoice) => void }) {
  const client = useQueryClient();
  const toast = useToast();
  const projects = useProjects();
  const today = todayIso();
  const [projectId, setProjectId] = useState('');
  const [from, setFrom] = useState(`${today.slice(0, 7)}-01`);
  const [to, setTo] = useState(today);
  const [groupBy, setGroupBy] = useState<'person' | 'task' | 'entry'>('person');
  const [withPeriod, setWithPeriod] = useState(true);
  const [milestoneIds, setMilestoneIds] = useState<string[]>([]);
  const unbilled = useQuery({
    queryKey: ['invoices', 'unbilled', projectId], enabled: projectId !== '',
    queryFn: async () => (await ok(api.GET('/api/v1/reports/unbilled-work', { params: { query: { projectId } } }))).items,
  });
  const milestones = useQuery({
    queryKey: fk.milestones(projectId), enabled: projectId !== '',
    queryFn: async () => (await ok(api.GET('/api/v1/projects/{id}/billing-milestones', { params: { path: { id: projectId } } }))).items,
  });
  const billable = (milestones.data ?? []).filter((m) => m.status !== 'planned' && !m.invoiceId);
  const draft = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/invoices', { body: { projectId, groupBy, ...(withPeriod ? { from, to } : {}), ...(milestoneIds.length ? { milestoneIds } : {}) } })),
    onSuccess: (inv) => { toast('Draft invoice created'); void client.invalidateQueries({ queryKey: ['invoices'] }); onClose(); onDrafted(inv); },
  });
  const u = unbilled.data?.[0];
  const submit = (e: FormEvent) => { e.preventDefault(); draft.mutate(); };
  return (
    <Dialog open={open} title="Draft invoice" onClose={onClose}>
      <form onSubmit={submit}>
        <Field label="Project" name="projectId" error={draft.error}>
          <select value={projectId} onChange={(e) => { setProjectId(e.target.value); setMilestoneIds([]); }} required>
            <option value="">Choose a project…</option>
            {(projects.data ?? []).map((p) => <option key={p.id} value={p.id}>{p.code} · {p.name}</option>)}
          </select>
        </Field>
        {u && u.firstDate && (
          <p className="muted" data-testid="unbilled">
            Unbilled: {u.timeEntries} time entries ({Math.round(u.minutes / 6) / 10} h) from {u.firstDate} to {u.lastDate}, {u.expenses} expenses.{' '}
            <button type="button" className="btn btn-small" onClick={() => { setFrom(u.firstDate!); setTo(u.lastDate!); }}>Use this period</button>
          </p>
        )}
        {projectId && u && !u.firstDate && <p className="muted">No unbilled approved time on this project.</p>}
        <label className="row"><input type="checkbox" checked={withPeriod} onChange={(e) => setWithPeriod(e.target.checked)} /> Bill approved time and expenses of a period</label>
        {withPeriod && (
          <div className="row">
            <Field label="From" name="from" error={draft.error}><input type="date" value={from} onChange={(e) => setFrom(e.target.value)} required /></Field>
            <Field label="To" name="to" error={draft.error}><input type="date" value={to} min={from} max={addDays(from, 3660)} onChange={(e) => setTo(e.target.value)} required /></Field>
          </div>
        )}
        {billable.length > 0 && (
          <fieldset>
            <legend>Achieved milestones to bill</legend>
            {billable.map((m) => (
              <label key={m.id} className="row">
                <input type="checkbox" checked={milestoneIds.includes(m.id)} onChange={(e) => setMilestoneIds((ids) => (e.target.checked ? [...ids, m.id] : ids.filter((x) => x !== m.id)))} />
                {m.name} ({formatMoney(m.amountMinor, m.currency)}, {m.status} {m.achievedOn})
              </label>
            ))}
          </fieldset>
        )}
        <Field label="One line per" name="groupBy" error={draft.error}>
          <select value={groupBy} onChange={(e) => setGroupBy(e.target.value as 'person' | 'task' | 'entry')}>
            <option value="person">Person</option><option value="task">Task</option><option value="entry">Time entry</option>
          </select>
        </Field>
        <FormError error={draft.error} />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn-primary" disabled={draft.isPending || !projectId || (!withPeriod && milestoneIds.length === 0)}>Create draft</button>
        </div>
      </form>
    </Dialog>
  );
}
