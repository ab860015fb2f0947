/** Intake form admin: the extra fields of the proposal form (admins and the PMO edit; others see them). */
import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, ok } from '../../api/client';
import { useSession } from '../../api/session';
import { FormError } from '../../ui/form';
import { ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import type { IntakeField } from './intake-inputs';
import { sk } from './strategy-api';

const TYPES: [IntakeField['type'], string][] = [
  ['text', 'Short text'], ['long-text', 'Long text'], ['number', 'Number'], ['date', 'Date'], ['select', 'One choice'], ['multi-select', 'Several choices'], ['checkbox', 'Yes / no'], ['url', 'Link'],
];
const typeName = (t: string) => TYPES.find(([k]) => k === t)?.[1] ?? t;

/** Turns a label into a stable key suggestion: "Business unit" -> "business_unit". */
export function keyFromLabel(label: string): string {
  const k = label.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 64);
  return /^[a-z]/.test(k) ? k : `f_${k}`.slice(0, 64);
}

/** The page. */
export function IntakeFormPage() {
  const client = useQueryClient();
  const toast = useToast();
  const { user } = useSession();
  const canEdit = user?.orgRole === 'admin' || user?.orgRole === 'pmo';
  const form = useQuery({ queryKey: [...sk.proposals, 'intake-form'], queryFn: () => ok(api.GET('/api/v1/portfolio/intake-form')) });
  const [fields, setFields] = useState<IntakeField[] | null>(null);
  useEffect(() => { if (form.data && fields === null) setFields(form.data.fields); }, [form.data, fields]);
  const [draft, setDraft] = useState({ label: '', key: '', type: 'text' as IntakeField['type'], required: false, options: '' });
  const save = useMutation({
    mutationFn: () => ok(api.PUT('/api/v1/portfolio/intake-form', { body: { fields: fields ?? [] }, headers: ifMatch(form.data!.version) })),
    onSuccess: (f) => { toast('Intake form saved'); setFields(f.fields); client.setQueryData([...sk.proposals, 'intake-form'], f); },
  });
  if (form.isLoading || fields === null) return form.error ? <ErrorState error={form.error} /> : <Loading />;
  const add = (e: FormEvent) => {
    e.preventDefault();
    const choice = draft.type === 'select' || draft.type === 'multi-select';
    const f: IntakeField = { key: draft.key || keyFromLabel(draft.label), label: draft.label, type: draft.type, required: draft.required, ...(choice ? { options: draft.options.split(',').map((o) => o.trim()).filter(Boolean) } : {}) };
    setFields([...fields, f]);
    setDraft({ label: '', key: '', type: 'text', required: false, options: '' });
  };
  const move = (i: number, d: -1 | 1) => {
    const next = [...fields];
    const [x] = next.splice(i, 1);
    next.splice(i + d, 0, x!);
    setFields(next);
  };
  const dirty = JSON.stringify(fields) !== JSON.stringify(form.data?.fields ?? []);
  return (
    <div>
      <p className="muted">Every new proposal answers these fields besides name, business case and benefits. Keys are stable: answers are stored under them.</p>
      <table className="st-table" aria-label="Intake form fields">
        <thead><tr><th>Label</th><th>Key</th><th>Type</th><th>Required</th><th>Options</th>{canEdit && <th>Actions</th>}</tr></thead>
        <tbody>
          {fields.length === 0 && <tr><td colSpan={canEdit ? 6 : 5} className="muted">No extra fields yet.</td></tr>}
          {fields.map((f, i) => (
            <tr key={f.key}>
              <td>{f.label}</td><td><code>{f.key}</code></td><td>{typeName(f.type)}</td><td>{f.required ? 'yes' : 'no'}</td><td>{(f.options ?? []).join(', ')}</td>
              {canEdit && (
                <td>
                  <button type="button" className="btn btn-small" disabled={i === 0} aria-label={`Move ${f.label} up`} onClick={() => move(i, -1)}>↑</button>{' '}
                  <button type="button" className="btn btn-small" disabled={i === fields.length - 1} aria-label={`Move ${f.label} down`} onClick={() => move(i, 1)}>↓</button>{' '}
                  <button type="button" className="btn btn-small" aria-label={`Remove ${f.label}`} onClick={() => setFields(fields.filter((_, j) => j !== i))}>Remove</button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {canEdit && (
        <>
          <form className="st-form" onSubmit={add} aria-label="Add a field">
            <div className="field"><label htmlFor="if-label">Label</label><input id="if-label" required maxLength={200} value={draft.label} onChange={(e) => setDraft({ ...draft, label: e.target.value })} /></div>
            <div className="field"><label htmlFor="if-key">Key</label><input id="if-key" maxLength={64} placeholder={keyFromLabel(draft.label) || 'from the label'} value={draft.key} onChange={(e) => setDraft({ ...draft, key: e.target.value })} /></div>
            <div className="field"><label htmlFor="if-type">Type</label><select id="if-type" value={draft.type} onChange={(e) => setDraft({ ...draft, type: e.target.value as IntakeField['type'] })}>{TYPES.map(([k, n]) => <option key={k} value={k}>{n}</option>)}</select></div>
            {(draft.type === 'select' || draft.type === 'multi-select') && <div className="field"><label htmlFor="if-options">Options (comma-separated)</label><input id="if-options" required value={draft.options} onChange={(e) => setDraft({ ...draft, options: e.target.value })} /></div>}
            <div className="field"><label><input type="checkbox" checked={draft.required} onChange={(e) => setDraft({ ...draft, required: e.target.checked })} /> Required</label></div>
            <button type="submit" className="btn">Add field</button>
          </form>
          <div className="row">
            <button type="button" className="btn btn-primary" disabled={!dirty || save.isPending} onClick={() => save.mutate()}>Save form</button>
            {dirty && <span className="muted">Unsaved changes</span>}
          </div>
          <FormError error={save.error} />
        </>
      )}
    </div>
  );
}
