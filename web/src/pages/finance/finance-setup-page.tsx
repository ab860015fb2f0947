/**
 * Finance setup (/finance/setup?view=): cost and bill rates (person, role, project, effective dates) and people's
 * billing role and line manager; the dated exchange-rate table; clients; and the finance settings (seller, payment,
 * VAT, numbering series, timesheet rules) with the period lock. Finance officers change them; the PMO and portfolio
 * managers read rates and exchange rates.
 */
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { useSession } from '../../api/session';
import { Field, FormError } from '../../ui/form';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { useProjects } from '../project-queries';
import { isFinanceRole, todayIso, usePeople } from './finance-api';
import { formatMoney, parseMoneyInput } from './finance-format';
import { ExchangeRates } from './finance-reports-page';
import { Clients, Settings } from './finance-setup-forms';
import './finance.css';

const VIEWS = [['rates', 'Rates'], ['exchange-rates', 'Exchange rates'], ['clients', 'Clients'], ['settings', 'Settings']] as const;

/** The finance setup page. */
export function FinanceSetupPage() {
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const officer = isFinanceRole(user?.orgRole);
  const reader = officer || ['pmo', 'portfolio_manager'].includes(user?.orgRole ?? '');
  const view = VIEWS.find(([v]) => v === params.get('view'))?.[0] ?? 'rates';
  if (!reader) return <div><h1>Finance setup</h1><Empty title="Finance setup is for finance, the PMO and portfolio managers." /></div>;
  return (
    <div style={{ overflow: 'auto' }}>
      <h1>Finance setup</h1>
      <div className="tabs" role="tablist" aria-label="Setup">
        {VIEWS.map(([v, label]) => <button key={v} type="button" role="tab" aria-selected={view === v} onClick={() => setParams({ view: v }, { replace: true })}>{label}</button>)}
      </div>
      <div role="tabpanel" aria-label={VIEWS.find(([v]) => v === view)![1]}>
        {view === 'rates' && <Rates canEdit={officer} />}
        {view === 'exchange-rates' && <ExchangeRates canEdit={officer} />}
        {view === 'clients' && <Clients canEdit={officer} />}
        {view === 'settings' && <Settings canEdit={officer} />}
      </div>
    </div>
  );
}

function useRoles() {
  return useQuery({ queryKey: ['finance-setup', 'roles'], queryFn: async () => (await ok(api.GET('/api/v1/roles'))).items });
}

function Rates({ canEdit }: { canEdit: boolean }) {
  const client = useQueryClient();
  const toast = useToast();
  const people = usePeople();
  const roles = useRoles();
  const projects = useProjects();
  const rates = useQuery({ queryKey: ['finance-setup', 'rates'], queryFn: async () => (await ok(api.GET('/api/v1/rates'))).items });
  const [form, setForm] = useState({ kind: 'cost' as 'cost' | 'bill', personId: '', roleId: '', projectId: '', effectiveFrom: todayIso(), effectiveTo: '', amount: '', currency: 'EUR' });
  const refresh = () => void client.invalidateQueries({ queryKey: ['finance-setup'] });
  const add = useMutation({
    mutationFn: () => {
      const amountMinorPerHour = parseMoneyInput(form.amount);
      if (amountMinorPerHour === null) throw new Error(`"${form.amount}" is not an amount per hour`);
      return ok(api.POST('/api/v1/rates', { body: {
        kind: form.kind, personId: form.personId || null, roleId: form.roleId || null, projectId: form.projectId || null,
        effectiveFrom: form.effectiveFrom, effectiveTo: form.effectiveTo || null, amountMinorPerHour, currency: form.currency,
      } }));
    },
    onSuccess: () => { toast('Rate added'); setForm((f) => ({ ...f, amount: '' })); refresh(); },
  });
  const remove = useMutation({
    mutationFn: (r: { id: string; version: number }) => ok(api.DELETE('/api/v1/rates/{id}', { params: { path: { id: r.id } }, headers: { 'if-match': `"${r.version}"` } })),
    onSuccess: () => { toast('Rate deleted'); refresh(); },
    onError: (err) => toast(err.message, 'error'),
  });
  const name = (list: { id: string; name: string }[] | undefined, id: string | null) => (id ? list?.find((x) => x.id === id)?.name ?? id.slice(0, 8) : 'any');
  const projectName = (id: string | null) => (id ? (projects.data ?? []).find((p) => p.id === id)?.code ?? id.slice(0, 8) : 'any');
  const submit = (e: FormEvent) => { e.preventDefault(); add.mutate(); };
  return (
    <section aria-label="Rates">
      <p className="muted">The most specific rate applies: person + project, role + project, project, person, role, then the default (no person, role or project); among equal ones the latest start. Approval prices time at the cost rate of its work date; invoices use the bill rate.</p>
      {canEdit && (
        <form onSubmit={submit} aria-label="Add a rate">
          <div className="row">
            <Field label="Kind" name="kind" error={add.error}><select value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as 'cost' | 'bill' })}><option value="cost">Cost</option><option value="bill">Bill</option></select></Field>
            <Field label="Person" name="personId" error={add.error}><select value={form.personId} onChange={(e) => setForm({ ...form, personId: e.target.value })}><option value="">Any</option>{(people.data ?? []).map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}</select></Field>
            <Field label="Role" name="roleId" error={add.error}><select value={form.roleId} onChange={(e) => setForm({ ...form, roleId: e.target.value })}><option value="">Any</option>{(roles.data ?? []).map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}</select></Field>
            <Field label="Project" name="projectId" error={add.error}><select value={form.projectId} onChange={(e) => setForm({ ...form, projectId: e.target.value })}><option value="">Any</option>{(projects.data ?? []).map((p) => <option key={p.id} value={p.id}>{p.code} · {p.name}</option>)}</select></Field>
          </div>
          <div className="row">
            <Field label="From" name="effectiveFrom" error={add.error}><input type="date" value={form.effectiveFrom} onChange={(e) => setForm({ ...form, effectiveFrom: e.target.value })} required /></Field>
            <Field label="Until (optional)" name="effectiveTo" error={add.error}><input type="date" value={form.effectiveTo} onChange={(e) => setForm({ ...form, effectiveTo: e.target.value })} /></Field>
            <Field label="Per hour" name="amountMinorPerHour" error={add.error}><input inputMode="decimal" value={form.amount} onChange={(e) => setForm({ ...form, amount: e.target.value })} required style={{ width: '8em' }} /></Field>
            <Field label="Currency" name="currency" error={add.error}><input value={form.currency} onChange={(e) => setForm({ ...form, currency: e.target.value.toUpperCase() })} pattern="[A-Z]{3}" maxLength={3} required style={{ width: '5em' }} /></Field>
            <button type="submit" className="btn btn-primary" disabled={add.isPending}>Add rate</button>
          </div>
          <FormError error={add.error} />
        </form>
      )}
      {rates.isLoading ? <Loading /> : rates.error ? <ErrorState error={rates.error} /> : (rates.data ?? []).length === 0 ? <Empty title="No rates yet." /> : (
        <table className="fin-table" aria-label="Rates">
          <thead><tr><th scope="col">Kind</th><th scope="col">Person</th><th scope="col">Role</th><th scope="col">Project</th><th scope="col">From</th><th scope="col">Until</th><th scope="col" className="num">Per hour</th>{canEdit && <th scope="col"><span className="sr-only">Delete</span></th>}</tr></thead>
          <tbody>{rates.data!.map((r) => (
            <tr key={r.id} data-testid="rate-row">
              <td>{r.kind}</td><td>{name(people.data, r.personId)}</td><td>{name(roles.data, r.roleId)}</td><td>{projectName(r.projectId)}</td>
              <td>{r.effectiveFrom}</td><td>{r.effectiveTo ?? '—'}</td><td className="num">{formatMoney(r.amountMinorPerHour, r.currency)}</td>
              {canEdit && <td><button type="button" className="btn btn-small btn-danger" onClick={() => remove.mutate(r)}>Delete</button></td>}
            </tr>
          ))}</tbody>
        </table>
      )}
      <PersonProfile canEdit={canEdit} />
    </section>
  );
}

/** A person's billing role (role rates match it) and line manager (who may approve their time). */
function PersonProfile({ canEdit }: { canEdit: boolean }) {
  const toast = useToast();
  const people = usePeople();
  const roles = useRoles();
  // Line managers are users; people with an account name them (the user list itself is for admins).
  const managers = (people.data ?? []).filter((p) => p.userId).map((p) => ({ id: p.userId!, name: p.name }));
  const [personId, setPersonId] = useState('');
  const profile = useQuery({ queryKey: ['finance-setup', 'profile', personId], enabled: personId !== '', queryFn: () => ok(api.GET('/api/v1/people/{id}/finance-profile', { params: { path: { id: personId } } })) });
  const [roleId, setRoleId] = useState<string | null>(null);
  const [managerId, setManagerId] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => ok(api.PUT('/api/v1/people/{id}/finance-profile', { params: { path: { id: personId } }, body: { roleId: (roleId ?? profile.data?.roleId) || null, lineManagerId: (managerId ?? profile.data?.lineManagerId) || null } })),
    onSuccess: () => { toast('Billing role and line manager saved'); void profile.refetch(); },
  });
  return (
    <section aria-labelledby="profile-h" style={{ marginTop: 16 }}>
      <h3 id="profile-h">Billing role and line manager</h3>
      <div className="row">
        <label className="row">Person <select value={personId} onChange={(e) => { setPersonId(e.target.value); setRoleId(null); setManagerId(null); }}><option value="">Choose…</option>{(people.data ?? []).map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}</select></label>
        {profile.data && (
          <>
            <label className="row">Billing role <select disabled={!canEdit} value={roleId ?? profile.data.roleId ?? ''} onChange={(e) => setRoleId(e.target.value)}><option value="">None</option>{(roles.data ?? []).map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}</select></label>
            <label className="row">Line manager <select disabled={!canEdit} value={managerId ?? profile.data.lineManagerId ?? ''} onChange={(e) => setManagerId(e.target.value)}><option value="">None</option>{managers.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}</select></label>
            {canEdit && <button type="button" className="btn btn-small btn-primary" disabled={save.isPending} onClick={() => save.mutate()}>Save</button>}
          </>
        )}
      </div>
      <FormError error={save.error} />
    </section>
  );
}

