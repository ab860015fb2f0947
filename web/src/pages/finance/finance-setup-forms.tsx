/** Finance setup forms: invoice parties (seller, clients), the client list (add, edit) and the finance settings with the period lock. */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import type { components, paths } from '../../api/schema';
import { Field, FormError } from '../../ui/form';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { fk } from './finance-api';

type SettingsBody = NonNullable<paths['/api/v1/finance/settings']['patch']['requestBody']>['content']['application/json'];
type Party = NonNullable<SettingsBody['seller']>;
type ClientView = components['schemas']['Client'];

const emptyParty = (): Party => ({ name: '', vatId: null, legalRegistrationId: null, address: { street: '', city: '', postalCode: '', countryCode: 'NL' }, contact: null });

/** Name, VAT id, registration and address of an invoice party (seller or client). */
function PartyFields({ party, onChange, error, disabled }: { party: Party; onChange: (p: Party) => void; error: unknown; disabled: boolean }) {
  const a = party.address;
  return (
    <fieldset disabled={disabled}>
      <div className="row">
        <Field label="Name" name="name" error={error}><input value={party.name} onChange={(e) => onChange({ ...party, name: e.target.value })} required maxLength={200} /></Field>
        <Field label="VAT id" name="vatId" error={error}><input value={party.vatId ?? ''} onChange={(e) => onChange({ ...party, vatId: e.target.value.toUpperCase() || null })} placeholder="NL123456789B01" /></Field>
        <Field label="Company registration" name="legalRegistrationId" error={error}><input value={party.legalRegistrationId ?? ''} onChange={(e) => onChange({ ...party, legalRegistrationId: e.target.value || null })} /></Field>
      </div>
      <div className="row">
        <Field label="Street" name="street" error={error}><input value={a.street} onChange={(e) => onChange({ ...party, address: { ...a, street: e.target.value } })} required /></Field>
        <Field label="Postal code" name="postalCode" error={error}><input value={a.postalCode} onChange={(e) => onChange({ ...party, address: { ...a, postalCode: e.target.value } })} required style={{ width: '8em' }} /></Field>
        <Field label="City" name="city" error={error}><input value={a.city} onChange={(e) => onChange({ ...party, address: { ...a, city: e.target.value } })} required /></Field>
        <Field label="Country" name="countryCode" error={error}><input value={a.countryCode} onChange={(e) => onChange({ ...party, address: { ...a, countryCode: e.target.value.toUpperCase() } })} pattern="[A-Z]{2}" maxLength={2} required style={{ width: '4em' }} /></Field>
      </div>
    </fieldset>
  );
}

/** Clients (invoice buyers): the list and, for finance officers, forms to add one and to edit one. */
export function Clients({ canEdit }: { canEdit: boolean }) {
  const client = useQueryClient();
  const toast = useToast();
  const list = useQuery({ queryKey: fk.clients, queryFn: async () => (await ok(api.GET('/api/v1/clients'))).items });
  const [party, setParty] = useState<Party>(emptyParty());
  const [currency, setCurrency] = useState('EUR');
  const [editing, setEditing] = useState<ClientView | null>(null);
  const add = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/clients', { body: { party, currency } })),
    onSuccess: (c) => { toast(`Client ${c.name} added`); setParty(emptyParty()); void client.invalidateQueries({ queryKey: fk.clients }); },
  });
  return (
    <section aria-label="Clients">
      {canEdit && editing && <EditClient key={editing.id} current={editing} onDone={() => setEditing(null)} />}
      {canEdit && !editing && (
        <form onSubmit={(e) => { e.preventDefault(); add.mutate(); }} aria-label="Add a client">
          <PartyFields party={party} onChange={setParty} error={add.error} disabled={false} />
          <div className="row">
            <Field label="Invoice currency" name="currency" error={add.error}><input value={currency} onChange={(e) => setCurrency(e.target.value.toUpperCase())} pattern="[A-Z]{3}" maxLength={3} required style={{ width: '5em' }} /></Field>
            <button type="submit" className="btn btn-primary" disabled={add.isPending}>Add client</button>
          </div>
          <FormError error={add.error} />
        </form>
      )}
      {list.isLoading ? <Loading /> : list.error ? <ErrorState error={list.error} /> : (list.data ?? []).length === 0 ? <Empty title="No clients yet." /> : (
        <table className="fin-table" aria-label="Clients">
          <thead><tr><th scope="col">Name</th><th scope="col">VAT id</th><th scope="col">Address</th><th scope="col">Currency</th>{canEdit && <th scope="col"><span className="sr-only">Edit</span></th>}</tr></thead>
          <tbody>{list.data!.map((c) => {
            const p = c.party;
            return (
              <tr key={c.id} data-testid="client-row">
                <td>{c.name}</td><td>{p.vatId ?? '—'}</td><td>{`${p.address.street}, ${p.address.postalCode} ${p.address.city}, ${p.address.countryCode}`}</td><td>{c.currency}</td>
                {canEdit && <td><button type="button" className="btn btn-small" aria-label={`Edit ${c.name}`} onClick={() => setEditing(c)}>Edit</button></td>}
              </tr>
            );
          })}</tbody>
        </table>
      )}
    </section>
  );
}

/**
 * Edits one client at the version it was read (a change by someone else in between answers 409 and is shown).
 * Invoices already drafted or issued keep the buyer they were made with; new invoices use the changed client.
 */
function EditClient({ current, onDone }: { current: ClientView; onDone: () => void }) {
  const client = useQueryClient();
  const toast = useToast();
  const [party, setParty] = useState<Party>(current.party);
  const [currency, setCurrency] = useState(current.currency);
  const save = useMutation({
    mutationFn: () => ok(api.PATCH('/api/v1/clients/{id}', { params: { path: { id: current.id } }, body: { party, currency }, headers: { 'if-match': `"${current.version}"` } })),
    onSuccess: (c) => { toast(`Client ${c.name} saved`); void client.invalidateQueries({ queryKey: fk.clients }); onDone(); },
  });
  return (
    <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }} aria-label={`Edit client ${current.name}`}>
      <h3>Edit client {current.name}</h3>
      <p className="muted">Invoices already drafted or issued keep the client details they were made with.</p>
      <PartyFields party={party} onChange={setParty} error={save.error} disabled={save.isPending} />
      <div className="row">
        <Field label="Invoice currency" name="currency" error={save.error}><input value={currency} onChange={(e) => setCurrency(e.target.value.toUpperCase())} pattern="[A-Z]{3}" maxLength={3} required style={{ width: '5em' }} /></Field>
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>Save client</button>
        <button type="button" className="btn" onClick={onDone}>Cancel</button>
      </div>
      <FormError error={save.error} />
    </form>
  );
}

interface SettingsView { version: number; lockedUntil: string | null; maxMinutesPerDay: number; workingWeekdays?: number[]; allowNonWorkingDays?: boolean; seller?: Party | null; payment?: SettingsBody['payment'] | null; vatCategory?: string; vatRatePercent?: string; vatExemptionReason?: string | null; invoiceSeries: string; creditNoteSeries: string; paymentDays?: number }
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Seller, payment, VAT, numbering series and timesheet rules, and the period lock. */
export function Settings({ canEdit }: { canEdit: boolean }) {
  const client = useQueryClient();
  const toast = useToast();
  const settings = useQuery({ queryKey: ['finance-setup', 'settings'], queryFn: async () => (await ok(api.GET('/api/v1/finance/settings'))) as SettingsView });
  const [form, setForm] = useState<SettingsView | null>(null);
  const [until, setUntil] = useState('');
  const save = useMutation({
    mutationFn: (f: SettingsView) => ok(api.PATCH('/api/v1/finance/settings', { body: {
      maxMinutesPerDay: f.maxMinutesPerDay, workingWeekdays: f.workingWeekdays ?? [1, 2, 3, 4, 5], allowNonWorkingDays: f.allowNonWorkingDays ?? true,
      ...(f.seller && f.seller.name ? { seller: f.seller } : {}), ...(f.payment ? { payment: f.payment } : {}),
      vatCategory: (f.vatCategory ?? 'S') as SettingsBody['vatCategory'], vatRatePercent: f.vatRatePercent ?? '21', vatExemptionReason: f.vatExemptionReason || null,
      invoiceSeries: f.invoiceSeries, creditNoteSeries: f.creditNoteSeries, paymentDays: f.paymentDays ?? 30, version: f.version,
    } })),
    onSuccess: () => { toast('Finance settings saved'); setForm(null); void client.invalidateQueries({ queryKey: ['finance-setup'] }); },
  });
  const lock = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/timesheets/lock', { body: { until } })),
    onSuccess: (r) => { toast(`Period locked until ${r.lockedUntil}: ${r.lockedEntries} approved entries locked`); void client.invalidateQueries({ queryKey: ['finance-setup'] }); void client.invalidateQueries({ queryKey: ['timesheet'] }); },
  });
  if (settings.isLoading) return <Loading />;
  if (settings.error) return <ErrorState error={settings.error} />;
  const s = settings.data!;
  const f = form ?? s;
  const set = (patch: Partial<SettingsView>) => setForm({ ...f, ...patch });
  const editing = form !== null;
  const weekdays = f.workingWeekdays ?? [1, 2, 3, 4, 5];
  return (
    <section aria-label="Settings">
      <form onSubmit={(e) => { e.preventDefault(); if (form) save.mutate(form); }} aria-label="Finance settings">
        <h3>Seller (your company, on every invoice)</h3>
        <PartyFields party={f.seller ?? emptyParty()} onChange={(seller) => set({ seller })} error={save.error} disabled={!canEdit} />
        <h3>Payment and VAT</h3>
        <fieldset disabled={!canEdit}>
          <div className="row">
            <Field label="IBAN" name="accountId" error={save.error}><input value={f.payment?.accountId ?? ''} onChange={(e) => set({ payment: { meansCode: '58', ...f.payment, accountId: e.target.value.toUpperCase().replace(/\s/g, '') || null } })} /></Field>
            <Field label="BIC" name="bic" error={save.error}><input value={f.payment?.bic ?? ''} onChange={(e) => set({ payment: { meansCode: '58', ...f.payment, bic: e.target.value.toUpperCase() || null } })} /></Field>
            <Field label="Payment days" name="paymentDays" error={save.error}><input type="number" min={0} max={365} value={f.paymentDays ?? 30} onChange={(e) => set({ paymentDays: Number(e.target.value) })} style={{ width: '6em' }} /></Field>
          </div>
          <div className="row">
            <Field label="VAT category" name="vatCategory" error={save.error}>
              <select value={f.vatCategory ?? 'S'} onChange={(e) => set({ vatCategory: e.target.value })}><option value="S">Standard rate</option><option value="Z">Zero rated</option><option value="E">Exempt</option><option value="AE">Reverse charge</option></select>
            </Field>
            <Field label="VAT %" name="vatRatePercent" error={save.error}><input value={f.vatRatePercent ?? '21'} onChange={(e) => set({ vatRatePercent: e.target.value })} style={{ width: '5em' }} /></Field>
            <Field label="Exemption reason" name="vatExemptionReason" error={save.error}><input value={f.vatExemptionReason ?? ''} onChange={(e) => set({ vatExemptionReason: e.target.value })} /></Field>
            <Field label="Invoice series" name="invoiceSeries" error={save.error}><input value={f.invoiceSeries} onChange={(e) => set({ invoiceSeries: e.target.value.toUpperCase() })} style={{ width: '6em' }} /></Field>
            <Field label="Credit note series" name="creditNoteSeries" error={save.error}><input value={f.creditNoteSeries} onChange={(e) => set({ creditNoteSeries: e.target.value.toUpperCase() })} style={{ width: '6em' }} /></Field>
          </div>
        </fieldset>
        <h3>Timesheet rules</h3>
        <fieldset disabled={!canEdit}>
          <div className="row">
            <Field label="Most hours a day" name="maxMinutesPerDay" error={save.error}><input type="number" min={1} max={24} step={0.5} value={f.maxMinutesPerDay / 60} onChange={(e) => set({ maxMinutesPerDay: Math.round(Number(e.target.value) * 60) })} style={{ width: '6em' }} /></Field>
            <div role="group" aria-label="Working days" className="row">
              {WEEKDAYS.map((d, i) => (
                <label key={d} className="row"><input type="checkbox" checked={weekdays.includes(i + 1)} onChange={(e) => set({ workingWeekdays: e.target.checked ? [...weekdays, i + 1].sort() : weekdays.filter((x) => x !== i + 1) })} />{d}</label>
              ))}
            </div>
            <label className="row"><input type="checkbox" checked={f.allowNonWorkingDays ?? true} onChange={(e) => set({ allowNonWorkingDays: e.target.checked })} /> Allow time on non-working days (with a warning)</label>
          </div>
        </fieldset>
        <FormError error={save.error} />
        {canEdit && <div className="row"><button type="submit" className="btn btn-primary" disabled={!editing || save.isPending}>Save settings</button>{editing && <button type="button" className="btn" onClick={() => setForm(null)}>Discard changes</button>}</div>}
      </form>
      <h3>Period lock</h3>
      <p className="muted">{s.lockedUntil ? `Time is locked up to ${s.lockedUntil}: approved entries posted until then are locked and nothing is saved there.` : 'No period is locked yet.'} Corrections of locked time are posted in the open period.</p>
      {canEdit && (
        <form className="row" onSubmit={(e) => { e.preventDefault(); lock.mutate(); }} aria-label="Lock a period">
          <Field label="Lock up to" name="until" error={lock.error}><input type="date" value={until} min={s.lockedUntil ?? undefined} onChange={(e) => setUntil(e.target.value)} required /></Field>
          <button type="submit" className="btn btn-danger" disabled={lock.isPending || !until}>Lock period</button>
        </form>
      )}
      <FormError error={lock.error} />
    </section>
  );
}
