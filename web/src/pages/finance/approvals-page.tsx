/** Approvals inbox: submitted time on projects the user may approve; bulk approve, or reject with a reason. */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { Dialog } from '../../ui/dialog';
import { Field, FormError } from '../../ui/form';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { fk, useMyPerson } from './finance-api';
import { formatHours } from './finance-format';
import './finance.css';

/** The approvals page (/approvals). */
export function ApprovalsPage() {
  const client = useQueryClient();
  const toast = useToast();
  const { me } = useMyPerson();
  const inbox = useQuery({ queryKey: fk.approvals, queryFn: async () => (await ok(api.GET('/api/v1/approvals/time', { params: { query: { limit: 5000 } } }))).items });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [projectFilter, setProjectFilter] = useState('');
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const all = inbox.data ?? [];
  // One's own time is never approved by oneself: the server refuses it, so it is listed apart.
  const own = all.filter((e) => me && e.personId === me.id);
  const items = all.filter((e) => !(me && e.personId === me.id) && (!projectFilter || e.projectId === projectFilter));
  const projects = [...new Map(all.map((e) => [e.projectId, `${e.projectCode ?? ''} · ${e.projectName ?? ''}`])).entries()];
  const chosen = items.filter((e) => selected.has(e.id)).map((e) => e.id);
  const done = (msg: string) => {
    toast(msg);
    setSelected(new Set());
    void client.invalidateQueries({ queryKey: fk.approvals });
    void client.invalidateQueries({ queryKey: ['timesheet'] });
    void client.invalidateQueries({ queryKey: ['project'] });
  };
  const approve = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/time-entries/approve', { body: { ids: chosen } })),
    onSuccess: (r) => done(`${r.approved} entries approved`),
    onError: (err) => toast(err.message, 'error'),
  });
  const reject = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/time-entries/reject', { body: { ids: chosen, reason } })),
    onSuccess: (r) => { setRejecting(false); setReason(''); done(`${r.rejected} entries rejected`); },
  });
  const toggle = (id: string) => setSelected((s) => { const n = new Set(s); if (n.has(id)) n.delete(id); else n.add(id); return n; });
  const allChosen = items.length > 0 && chosen.length === items.length;
  const totalMinutes = items.filter((e) => selected.has(e.id)).reduce((s, e) => s + e.minutes, 0);

  return (
    <div>
      <div className="row"><h1>Approvals</h1><span className="spacer" />
        <label className="row">Project
          <select value={projectFilter} onChange={(e) => { setProjectFilter(e.target.value); setSelected(new Set()); }}>
            <option value="">All projects</option>
            {projects.map(([id, label]) => <option key={id} value={id}>{label}</option>)}
          </select>
        </label>
      </div>
      <p className="muted">Submitted time on the projects you approve. Select entries, then approve them, or reject them with a reason.</p>
      {inbox.isLoading ? <Loading /> : inbox.error ? <ErrorState error={inbox.error} /> : items.length === 0 ? <Empty title="Nothing is waiting for your approval." /> : (
        <>
          <div className="row" role="toolbar" aria-label="Decision">
            <button type="button" className="btn btn-primary" disabled={chosen.length === 0 || approve.isPending} onClick={() => approve.mutate()}>Approve selected ({chosen.length})</button>
            <button type="button" className="btn btn-danger" disabled={chosen.length === 0} onClick={() => { reject.reset(); setRejecting(true); }}>Reject selected…</button>
            <span className="muted" role="status">{chosen.length > 0 ? `${formatHours(totalMinutes)} h selected` : ''}</span>
          </div>
          <table className="fin-table" aria-label="Time awaiting approval">
            <thead>
              <tr>
                <th scope="col"><input type="checkbox" aria-label="Select all entries" checked={allChosen} onChange={() => setSelected(allChosen ? new Set() : new Set(items.map((e) => e.id)))} /></th>
                <th scope="col">Person</th><th scope="col">Date</th><th scope="col">Project</th><th scope="col">Task</th>
                <th scope="col" className="num">Hours</th><th scope="col">Billable</th><th scope="col">Comment</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id} data-testid="approval-row">
                  <td><input type="checkbox" checked={selected.has(e.id)} onChange={() => toggle(e.id)} aria-label={`Select ${e.personName ?? ''} ${e.date} ${e.projectCode ?? ''} ${formatHours(e.minutes)} h`} /></td>
                  <td>{e.personName}</td><td>{e.date}</td><td>{e.projectCode} · {e.projectName}</td><td>{e.taskName ?? '—'}</td>
                  <td className="num">{formatHours(e.minutes)}</td><td>{e.billable ? 'yes' : 'no'}</td><td>{e.comment ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {own.length > 0 && <p className="muted">{own.length} of your own entries are waiting for someone else's approval.</p>}
      <Dialog open={rejecting} title={`Reject ${chosen.length} entries`} onClose={() => setRejecting(false)}>
        <form onSubmit={(ev) => { ev.preventDefault(); reject.mutate(); }}>
          <Field label="Reason" name="reason" error={reject.error}>
            <textarea value={reason} onChange={(e) => setReason(e.target.value)} required rows={3} />
          </Field>
          <FormError error={reject.error} />
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={() => setRejecting(false)}>Cancel</button>
            <button type="submit" className="btn btn-danger" disabled={reject.isPending || reason.trim() === ''}>Reject</button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
