/**
 * A person's vacations and other non-project time (whole days, inclusive) in the resource profile: the days their
 * capacity is 0 in the capacity grid, staffing suggestions and levelling. Resource managers add and remove them.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, ok } from '../../api/client';
import { FormError } from '../../ui/form';
import { useToast } from '../../ui/toast';

export interface NonProjectTimeItem {
  id: string;
  from: string;
  to: string;
  reason: string;
  version: number;
}

const REASONS = ['vacation', 'public duty', 'training', 'sick leave', 'parental leave', 'internal work'];

/** The non-project time section of a person's profile. */
export function NonProjectTime({ personId, personName, items, canEdit }: { personId: string; personName: string; items: NonProjectTimeItem[]; canEdit: boolean }) {
  const client = useQueryClient();
  const toast = useToast();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('vacation');
  const refresh = (what: string) => { toast(what); void client.invalidateQueries({ queryKey: ['profile', personId] }); void client.invalidateQueries({ queryKey: ['capacity'] }); };
  const add = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/people/{id}/non-project-time', { params: { path: { id: personId } }, body: { from, to: to || from, reason } })),
    onSuccess: () => { setFrom(''); setTo(''); refresh('Non-project time added'); },
  });
  const remove = useMutation({
    mutationFn: (n: NonProjectTimeItem) => ok(api.DELETE('/api/v1/non-project-time/{id}', { params: { path: { id: n.id } }, headers: ifMatch(n.version) })),
    onSuccess: () => refresh('Non-project time removed'),
    onError: (e) => toast(e.message, 'error'),
  });
  const sorted = [...items].sort((a, b) => a.from.localeCompare(b.from));
  return (
    <section aria-label={`Non-project time of ${personName}`} data-testid="non-project-time">
      <h3>Vacations and other non-project time</h3>
      {!sorted.length ? <p className="muted">None: {personName} is available on every working day of their calendar.</p> : (
        <table className="simple-table">
          <thead><tr><th>From</th><th>To</th><th>Reason</th>{canEdit && <th><span className="sr-only">Actions</span></th>}</tr></thead>
          <tbody>
            {sorted.map((n) => (
              <tr key={n.id}>
                <td>{n.from}</td><td>{n.to}</td><td>{n.reason}</td>
                {canEdit && <td><button type="button" className="btn btn-small btn-danger" disabled={remove.isPending} aria-label={`Remove ${n.reason} ${n.from} to ${n.to}`} onClick={() => remove.mutate(n)}>Remove</button></td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && (
        <form aria-label="Add non-project time" className="filters" onSubmit={(e: FormEvent) => { e.preventDefault(); add.mutate(); }}>
          <label className="field">First day<input type="date" required value={from} onChange={(e) => setFrom(e.target.value)} /></label>
          <label className="field">Last day<input type="date" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} /></label>
          <label className="field">Reason<select value={reason} onChange={(e) => setReason(e.target.value)}>{REASONS.map((r) => <option key={r} value={r}>{r}</option>)}</select></label>
          <button type="submit" className="btn btn-primary" disabled={add.isPending}>Add</button>
          <FormError error={add.error} />
        </form>
      )}
    </section>
  );
}
