/**
 * Approvals inbox: submitted time on projects the user may approve (bulk approve, or reject with a reason), and
 * submitted expenses with their receipts (approve or reject one by one). Nobody decides on their own.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { Dialog } from '../../ui/dialog';
import { Field, FormError } from '../../ui/form';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { fk, useMyPerson, type PendingExpense } from './finance-api';
import { formatHours, formatMoney } from './finance-format';
import { ReceiptLinks, RejectDialog } from './expenses-panel';
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
      <ExpenseApprovals />
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

/** Submitted expenses awaiting the user's decision, with their receipts. */
function ExpenseApprovals() {
  const client = useQueryClient();
  const toast = useToast();
  const inbox = useQuery({ queryKey: fk.expenseApprovals, queryFn: async () => (await ok(api.GET('/api/v1/approvals/expenses', { params: { query: { limit: 500 } } }))).items });
  const [rejecting, setRejecting] = useState<PendingExpense | null>(null);
  const decide = useMutation({
    mutationFn: ({ x, decision, reason }: { x: PendingExpense; decision: 'approve' | 'reject'; reason?: string }) =>
      ok(api.POST('/api/v1/projects/{id}/expenses/decide', { params: { path: { id: x.projectId } }, body: { ids: [x.id], decision, ...(reason ? { reason } : {}) } })),
    onSuccess: (r) => {
      toast(`Expense ${r.state}`);
      setRejecting(null);
      void client.invalidateQueries({ queryKey: ['approvals'] });
      void client.invalidateQueries({ queryKey: ['project'] });
    },
    onError: (err) => toast(err.message, 'error'),
  });
  const items = inbox.data ?? [];
  return (
    <section aria-labelledby="expense-approvals-h" style={{ marginTop: 24 }}>
      <h2 id="expense-approvals-h">Expenses</h2>
      {inbox.isLoading ? <Loading /> : inbox.error ? <ErrorState error={inbox.error} /> : items.length === 0 ? <p className="muted">No expenses are waiting for your approval.</p> : (
        <table className="fin-table" aria-label="Expenses awaiting approval">
          <thead><tr><th scope="col">Date</th><th scope="col">Project</th><th scope="col">Person</th><th scope="col">Category</th><th scope="col">Description</th><th scope="col" className="num">Amount</th><th scope="col">Billable</th><th scope="col">Receipts</th><th scope="col">Decision</th></tr></thead>
          <tbody>{items.map((x) => (
            <tr key={x.id} data-testid="expense-approval-row">
              <td>{x.date}</td><td>{x.projectCode} · {x.projectName}</td><td>{x.personName ?? '—'}</td><td>{x.category}</td><td>{x.description}</td>
              <td className="num">{formatMoney(x.amountMinor, x.currency)}</td><td>{x.billable ? 'yes' : 'no'}</td>
              <td><ReceiptLinks expense={x} /></td>
              <td className="row">
                <button type="button" className="btn btn-small btn-primary" disabled={decide.isPending} onClick={() => decide.mutate({ x, decision: 'approve' })}>Approve</button>
                <button type="button" className="btn btn-small btn-danger" onClick={() => { decide.reset(); setRejecting(x); }}>Reject…</button>
              </td>
            </tr>
          ))}</tbody>
        </table>
      )}
      {rejecting && <RejectDialog title={`Reject the expense of ${rejecting.date}`} error={decide.error} pending={decide.isPending} onClose={() => setRejecting(null)} onReject={(reason) => decide.mutate({ x: rejecting, decision: 'reject', reason })} />}
    </section>
  );
}
