/**
 * A person's cost and bill rates with their effective dates, in the resource profile. The rates are the finance
 * module's (`/rates`, used to price time and invoices): finance officers (admin, finance) add and delete them
 * here; PMO and portfolio managers read them; others do not see the section.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, ok } from '../../api/client';
import { FormError } from '../../ui/form';
import { ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { isFinanceRole, todayIso } from '../finance/finance-api';
import { formatMoney } from '../finance/finance-format';
import { useProjects } from '../project-queries';
import { parseAmountMinor, ratesInEffect } from './rates-view';

/** Organisation roles that may read rates (as the finance policy). */
const RATE_READERS = new Set(['admin', 'finance', 'pmo', 'portfolio_manager']);

/** May this organisation role see rates at all? */
export function canReadRates(orgRole: string | undefined): boolean {
  return RATE_READERS.has(orgRole ?? '');
}

/** The rates section of a person's profile. */
export function PersonRates({ personId, personName, orgRole }: { personId: string; personName: string; orgRole: string | undefined }) {
  const client = useQueryClient();
  const toast = useToast();
  const projects = useProjects();
  const canEdit = isFinanceRole(orgRole);
  const key = ['rates', 'person', personId];
  const rates = useQuery({ queryKey: key, queryFn: async () => (await ok(api.GET('/api/v1/rates', { params: { query: { personId } } }))).items });
  const [kind, setKind] = useState<'cost' | 'bill'>('cost');
  const [from, setFrom] = useState(todayIso());
  const [to, setTo] = useState('');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('');
  const [amountError, setAmountError] = useState('');
  const done = (what: string) => { toast(what); void client.invalidateQueries({ queryKey: key }); };
  const add = useMutation({
    mutationFn: (amountMinorPerHour: number) => ok(api.POST('/api/v1/rates', { body: { kind, personId, effectiveFrom: from, effectiveTo: to || null, amountMinorPerHour, currency: (currency || rates.data?.at(-1)?.currency || 'EUR').toUpperCase() } })),
    onSuccess: () => { setAmount(''); done('Rate added'); },
  });
  const remove = useMutation({
    mutationFn: (r: { id: string; version: number }) => ok(api.DELETE('/api/v1/rates/{id}', { params: { path: { id: r.id } }, headers: ifMatch(r.version) })),
    onSuccess: () => done('Rate deleted'),
    onError: (e) => toast(e.message, 'error'),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const cents = parseAmountMinor(amount);
    setAmountError(cents === null ? 'Enter an amount per hour such as 85 or 85.50' : '');
    if (cents !== null) add.mutate(cents);
  };
  const projectName = (id: string | null) => (id === null ? 'All projects' : ((projects.data ?? []).find((p) => p.id === id)?.name ?? 'A project'));
  const inEffect = ratesInEffect(rates.data ?? [], todayIso());
  return (
    <section aria-label={`Rates of ${personName}`} data-testid="person-rates">
      <h3>Cost and bill rates</h3>
      <p className="muted">Kept by finance and used to price time and invoices: the most specific rate applies (a project's rate before the person's, the person's before their role's), and a rate starting later replaces an earlier one from its start.</p>
      {rates.isLoading ? <Loading /> : rates.error ? <ErrorState error={rates.error} /> : !rates.data?.length ? <p>No rates of {personName} yet: their role's rate applies.</p> : (
        <table className="simple-table">
          <thead><tr><th>Kind</th><th>Project</th><th>From</th><th>To</th><th>Per hour</th><th>Today</th>{canEdit && <th><span className="sr-only">Actions</span></th>}</tr></thead>
          <tbody>
            {rates.data.map((r) => (
              <tr key={r.id}>
                <td>{r.kind === 'cost' ? 'Cost' : 'Bill'}</td><td>{projectName(r.projectId)}</td><td>{r.effectiveFrom}</td><td>{r.effectiveTo ?? 'open'}</td>
                <td>{formatMoney(r.amountMinorPerHour, r.currency)}</td><td>{inEffect.has(r.id) ? 'in effect' : ''}</td>
                {canEdit && <td><button type="button" className="btn btn-small btn-danger" disabled={remove.isPending} aria-label={`Delete the ${r.kind} rate from ${r.effectiveFrom}`} onClick={() => remove.mutate(r)}>Delete</button></td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && (
        <form aria-label="Add a rate" className="filters" onSubmit={submit}>
          <label className="field">Kind<select value={kind} onChange={(e) => setKind(e.target.value as 'cost' | 'bill')}><option value="cost">Cost</option><option value="bill">Bill</option></select></label>
          <label className="field">From<input type="date" required value={from} onChange={(e) => setFrom(e.target.value)} /></label>
          <label className="field">To (optional)<input type="date" value={to} onChange={(e) => setTo(e.target.value)} /></label>
          <label className="field">Per hour<input inputMode="decimal" required value={amount} aria-invalid={amountError !== ''} onChange={(e) => setAmount(e.target.value)} /></label>
          <label className="field">Currency<input value={currency} placeholder={rates.data?.at(-1)?.currency ?? 'EUR'} maxLength={3} style={{ width: 70 }} onChange={(e) => setCurrency(e.target.value)} /></label>
          <button type="submit" className="btn btn-primary" disabled={add.isPending}>Add rate</button>
          {amountError && <p className="form-error" role="alert">{amountError}</p>}
          <FormError error={add.error} />
        </form>
      )}
    </section>
  );
}
