/**
 * Billing of a project: its finance settings (client, billing type, contract price and revenue recognition,
 * forecast method) and its billing milestones (planned -> achieved -> accepted; billed once, then frozen until a
 * credit note releases them).
 */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import type { Project } from '../../api/types';
import type { paths } from '../../api/schema';
import { Dialog } from '../../ui/dialog';
import { Field, FormError } from '../../ui/form';
import { ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { labelOf } from '../labels';
import { fk, todayIso, type Milestone, type ProjectFinance } from './finance-api';
import { formatMoney, minorToInput, parseMoneyInput } from './finance-format';

type FinanceSettingsBody = NonNullable<paths['/api/v1/projects/{id}/finance-settings']['put']['requestBody']>['content']['application/json'];

const BILLING = [['time-and-materials', 'Time and materials'], ['fixed-price', 'Fixed price'], ['milestone', 'Milestones'], ['non-billable', 'Non-billable']] as const;
const FORECAST = [['auto', 'Automatic (CPI when known, else remaining plan)'], ['cpi', 'CPI-based'], ['remaining-plan', 'Remaining plan'], ['manual', 'Manual estimate to complete']] as const;

/** Finance settings and billing milestones of a project. */
export function BillingPanel({ project, currency }: { project: Project; currency: string }) {
  return (
    <>
      <FinanceSettings project={project} currency={currency} />
      <Milestones project={project} />
    </>
  );
}

function FinanceSettings({ project, currency }: { project: Project; currency: string }) {
  const client = useQueryClient();
  const toast = useToast();
  const settings = useQuery({ queryKey: fk.projectFinance(project.id), queryFn: () => ok(api.GET('/api/v1/projects/{id}/finance-settings', { params: { path: { id: project.id } } })) });
  const clients = useQuery({ queryKey: fk.clients, queryFn: async () => (await ok(api.GET('/api/v1/clients'))).items });
  const [form, setForm] = useState<(Omit<ProjectFinance, 'manualEtcMinor' | 'contractPriceMinor'> & { manualEtc: string; contractPrice: string }) | null>(null);
  const save = useMutation({
    mutationFn: (body: FinanceSettingsBody) =>
      ok(api.PUT('/api/v1/projects/{id}/finance-settings', { params: { path: { id: project.id } }, body })),
    onSuccess: () => { toast('Finance settings saved'); setForm(null); void client.invalidateQueries({ queryKey: ['project', project.id] }); void client.invalidateQueries({ queryKey: ['reports'] }); },
  });
  if (settings.isLoading) return <Loading label="Loading finance settings…" />;
  if (settings.error) return <ErrorState error={settings.error} />;
  const s = settings.data!;
  const clientName = (clients.data ?? []).find((c) => c.id === s.clientId)?.name ?? '—';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const f = form!;
    const contract = f.contractPrice.trim() === '' ? null : parseMoneyInput(f.contractPrice);
    const etc = f.manualEtc.trim() === '' ? null : parseMoneyInput(f.manualEtc);
    if (f.contractPrice.trim() !== '' && contract === null) return toast(`"${f.contractPrice}" is not an amount`, 'error');
    if (f.manualEtc.trim() !== '' && etc === null) return toast(`"${f.manualEtc}" is not an amount`, 'error');
    save.mutate({ clientId: f.clientId, commentRequired: f.commentRequired, billing: f.billing, forecastMethod: f.forecastMethod, manualEtcMinor: etc, contractPriceMinor: contract, revenueRecognition: f.revenueRecognition });
  };
  return (
    <section aria-labelledby="fin-settings-h">
      <div className="row">
        <h3 id="fin-settings-h" style={{ margin: 0 }}>Billing and forecast settings</h3>
        <span className="spacer" />
        {project.canEdit && !form && <button type="button" className="btn btn-small" onClick={() => { save.reset(); setForm({ ...s, manualEtc: s.manualEtcMinor === null ? '' : minorToInput(s.manualEtcMinor), contractPrice: s.contractPriceMinor === null ? '' : minorToInput(s.contractPriceMinor) }); }}>Edit settings</button>}
      </div>
      {!form ? (
        <dl className="cards" style={{ margin: '8px 0' }}>
          <div className="card"><dt className="muted">Client</dt><dd style={{ margin: 0 }}>{clientName}</dd></div>
          <div className="card"><dt className="muted">Billing</dt><dd style={{ margin: 0 }} data-testid="billing-type">{BILLING.find(([v]) => v === s.billing)?.[1]}</dd></div>
          {s.billing === 'fixed-price' && <div className="card"><dt className="muted">Contract price</dt><dd style={{ margin: 0 }}>{formatMoney(s.contractPriceMinor, currency)} ({s.revenueRecognition === 'percent-complete' ? 'revenue by cost-to-cost % complete' : 'revenue at completion'})</dd></div>}
          <div className="card"><dt className="muted">Forecast method</dt><dd style={{ margin: 0 }}>{FORECAST.find(([v]) => v === s.forecastMethod)?.[1]}{s.forecastMethod === 'manual' ? `: ETC ${formatMoney(s.manualEtcMinor, currency)}` : ''}</dd></div>
          <div className="card"><dt className="muted">Timesheet comments</dt><dd style={{ margin: 0 }}>{s.commentRequired ? 'required' : 'optional'}</dd></div>
        </dl>
      ) : (
        <form onSubmit={submit} aria-label="Billing and forecast settings">
          <div className="row">
            <Field label="Client" name="clientId" error={save.error}>
              <select value={form.clientId ?? ''} onChange={(e) => setForm({ ...form, clientId: e.target.value || null })}>
                <option value="">No client</option>
                {(clients.data ?? []).map((c) => <option key={c.id} value={c.id}>{c.name} ({c.currency})</option>)}
              </select>
            </Field>
            <Field label="Billing" name="billing" error={save.error}>
              <select value={form.billing} onChange={(e) => setForm({ ...form, billing: e.target.value as ProjectFinance['billing'] })}>{BILLING.map(([v, l]) => <option key={v} value={v}>{l}</option>)}</select>
            </Field>
            {form.billing === 'fixed-price' && (
              <>
                <Field label={`Contract price (${currency})`} name="contractPriceMinor" error={save.error}><input inputMode="decimal" value={form.contractPrice} onChange={(e) => setForm({ ...form, contractPrice: e.target.value })} /></Field>
                <Field label="Revenue recognition" name="revenueRecognition" error={save.error}>
                  <select value={form.revenueRecognition} onChange={(e) => setForm({ ...form, revenueRecognition: e.target.value as ProjectFinance['revenueRecognition'] })}>
                    <option value="percent-complete">Cost-to-cost % complete</option><option value="completed-contract">At completion</option>
                  </select>
                </Field>
              </>
            )}
          </div>
          <div className="row">
            <Field label="Forecast method" name="forecastMethod" error={save.error}>
              <select value={form.forecastMethod} onChange={(e) => setForm({ ...form, forecastMethod: e.target.value as ProjectFinance['forecastMethod'] })}>{FORECAST.map(([v, l]) => <option key={v} value={v}>{l}</option>)}</select>
            </Field>
            {form.forecastMethod === 'manual' && <Field label={`Estimate to complete (${currency})`} name="manualEtcMinor" error={save.error}><input inputMode="decimal" value={form.manualEtc} onChange={(e) => setForm({ ...form, manualEtc: e.target.value })} required /></Field>}
            <label className="row"><input type="checkbox" checked={form.commentRequired} onChange={(e) => setForm({ ...form, commentRequired: e.target.checked })} /> Timesheet comments required</label>
          </div>
          <FormError error={save.error} />
          <div className="row"><button type="button" className="btn" onClick={() => setForm(null)}>Cancel</button><button type="submit" className="btn btn-primary" disabled={save.isPending}>Save settings</button></div>
        </form>
      )}
    </section>
  );
}

function Milestones({ project }: { project: Project }) {
  const client = useQueryClient();
  const toast = useToast();
  const list = useQuery({ queryKey: fk.milestones(project.id), queryFn: async () => (await ok(api.GET('/api/v1/projects/{id}/billing-milestones', { params: { path: { id: project.id } } }))).items });
  const [adding, setAdding] = useState(false);
  const [achieving, setAchieving] = useState<Milestone | null>(null);
  const refresh = () => { void client.invalidateQueries({ queryKey: ['project', project.id] }); void client.invalidateQueries({ queryKey: ['invoices'] }); void client.invalidateQueries({ queryKey: ['reports'] }); };
  const patch = useMutation({
    mutationFn: ({ m, body }: { m: Milestone; body: { status: 'planned' | 'achieved' | 'accepted'; achievedOn?: string } }) =>
      ok(api.PATCH('/api/v1/billing-milestones/{id}', { params: { path: { id: m.id } }, body: { ...body, version: m.version } })),
    onSuccess: (m) => { toast(`${m.name}: ${labelOf(m.status).toLowerCase()}`); setAchieving(null); refresh(); },
    onError: (err) => toast(err.message, 'error'),
  });
  const remove = useMutation({
    mutationFn: (m: Milestone) => ok(api.DELETE('/api/v1/billing-milestones/{id}', { params: { path: { id: m.id } }, headers: { 'if-match': `"${m.version}"` } })),
    onSuccess: () => { toast('Milestone deleted'); refresh(); },
    onError: (err) => toast(err.message, 'error'),
  });
  if (list.isLoading) return <Loading label="Loading milestones…" />;
  if (list.error) return <ErrorState error={list.error} />;
  const items = list.data ?? [];
  return (
    <section aria-labelledby="milestones-h">
      <div className="row">
        <h3 id="milestones-h" style={{ margin: 0 }}>Billing milestones</h3>
        <span className="spacer" />
        {project.canEdit && <button type="button" className="btn btn-small btn-primary" onClick={() => setAdding(true)}>Add milestone</button>}
      </div>
      <p className="muted">Fixed-price and milestone billing: an achieved or accepted milestone can be invoiced (Invoices, Draft invoice) once.</p>
      {items.length === 0 ? <p className="muted">No billing milestones.</p> : (
        <table className="fin-table" aria-label="Billing milestones">
          <thead><tr><th scope="col">Milestone</th><th scope="col">Due</th><th scope="col" className="num">Amount</th><th scope="col">State</th><th scope="col">Invoice</th><th scope="col">Actions</th></tr></thead>
          <tbody>{items.map((m) => (
            <tr key={m.id} data-testid="milestone-row">
              <td>{m.name}</td><td>{m.dueDate ?? '—'}</td><td className="num">{formatMoney(m.amountMinor, m.currency)}</td>
              <td>{labelOf(m.status)}{m.achievedOn ? ` on ${m.achievedOn}` : ''}</td>
              <td>{m.invoiceId ? <Link to={`/invoices/${m.invoiceId}`}>Invoiced</Link> : <span className="muted">not billed</span>}</td>
              <td className="row">
                {project.canEdit && !m.invoiceId && m.status === 'planned' && <button type="button" className="btn btn-small" onClick={() => { patch.reset(); setAchieving(m); }}>Mark achieved…</button>}
                {project.canEdit && !m.invoiceId && m.status === 'achieved' && <button type="button" className="btn btn-small" onClick={() => patch.mutate({ m, body: { status: 'accepted' } })}>Client accepted</button>}
                {project.canEdit && !m.invoiceId && m.status !== 'planned' && <button type="button" className="btn btn-small" onClick={() => patch.mutate({ m, body: { status: 'planned' } })}>Back to planned</button>}
                {project.canEdit && !m.invoiceId && m.status === 'planned' && <button type="button" className="btn btn-small btn-danger" onClick={() => remove.mutate(m)}>Delete</button>}
              </td>
            </tr>
          ))}</tbody>
        </table>
      )}
      {adding && <AddMilestoneDialog projectId={project.id} onClose={() => setAdding(false)} onDone={() => { setAdding(false); refresh(); }} />}
      {achieving && (
        <AchieveDialog milestone={achieving} error={patch.error} pending={patch.isPending} onClose={() => setAchieving(null)} onSave={(date) => patch.mutate({ m: achieving, body: { status: 'achieved', achievedOn: date } })} />
      )}
    </section>
  );
}

function AchieveDialog({ milestone, error, pending, onClose, onSave }: { milestone: Milestone; error: unknown; pending: boolean; onClose: () => void; onSave: (date: string) => void }) {
  const [date, setDate] = useState(todayIso());
  return (
    <Dialog open title={`${milestone.name} achieved`} onClose={onClose}>
      <form onSubmit={(e) => { e.preventDefault(); onSave(date); }}>
        <Field label="Achieved on" name="achievedOn" error={error}><input type="date" value={date} onChange={(e) => setDate(e.target.value)} required /></Field>
        <FormError error={error} />
        <div className="dialog-actions"><button type="button" className="btn" onClick={onClose}>Cancel</button><button type="submit" className="btn btn-primary" disabled={pending}>Mark achieved</button></div>
      </form>
    </Dialog>
  );
}

function AddMilestoneDialog({ projectId, onClose, onDone }: { projectId: string; onClose: () => void; onDone: () => void }) {
  const toast = useToast();
  const [name, setName] = useState('');
  const [amount, setAmount] = useState('');
  const [due, setDue] = useState('');
  const save = useMutation({
    mutationFn: () => {
      const amountMinor = parseMoneyInput(amount);
      if (amountMinor === null || amountMinor <= 0) throw new Error(`"${amount}" is not a positive amount`);
      return ok(api.POST('/api/v1/projects/{id}/billing-milestones', { params: { path: { id: projectId } }, body: { name, amountMinor, ...(due ? { dueDate: due } : {}) } }));
    },
    onSuccess: (m) => { toast(`Milestone ${m.name} added (${formatMoney(m.amountMinor, m.currency)})`); onDone(); },
  });
  return (
    <Dialog open title="Add a billing milestone" onClose={onClose}>
      <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
        <Field label="Name" name="name" error={save.error}><input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} /></Field>
        <div className="row">
          <Field label="Amount (client currency)" name="amountMinor" error={save.error}><input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required /></Field>
          <Field label="Due date" name="dueDate" error={save.error}><input type="date" value={due} onChange={(e) => setDue(e.target.value)} /></Field>
        </div>
        <FormError error={save.error} />
        <div className="dialog-actions"><button type="button" className="btn" onClick={onClose}>Cancel</button><button type="submit" className="btn btn-primary" disabled={save.isPending}>Add milestone</button></div>
      </form>
    </Dialog>
  );
}
