/**
 * Expenses of a project: record one (with a receipt file), see each one's state and receipts, add or remove receipts
 * while it awaits its decision, approve or reject (approvers, never their own), and import actual cost lines from a
 * CSV file (finance officers).
 */
import { useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { useSession } from '../../api/session';
import type { Project } from '../../api/types';
import { Dialog } from '../../ui/dialog';
import { Field, FormError } from '../../ui/form';
import { ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { labelOf } from '../labels';
import { fk, isFinanceRole, todayIso, uploadReceipt, type Expense } from './finance-api';
import { formatBytes, formatMoney, parseMoneyInput } from './finance-format';

const CATEGORIES = ['travel', 'meals', 'lodging', 'material', 'external', 'other'];
export const RECEIPT_ACCEPT = 'application/pdf,image/png,image/jpeg,image/webp,image/gif,image/heic,.pdf,.png,.jpg,.jpeg,.webp,.gif,.heic';

/** Links to an expense's receipts (open in a new tab; the server sends them sandboxed). */
export function ReceiptLinks({ expense, onRemove }: { expense: Pick<Expense, 'receipts'>; onRemove?: ((id: string) => void) | undefined }) {
  if (expense.receipts.length === 0) return <span className="muted">none</span>;
  return (
    <ul style={{ margin: 0, paddingLeft: 16 }}>
      {expense.receipts.map((r) => (
        <li key={r.id}>
          <a href={`/api/v1/receipts/${r.id}`} target="_blank" rel="noreferrer">{r.fileName}</a> <span className="muted">({formatBytes(r.sizeBytes)})</span>
          {onRemove && <button type="button" className="btn btn-small" aria-label={`Remove receipt ${r.fileName}`} onClick={() => onRemove(r.id)}>×</button>}
        </li>
      ))}
    </ul>
  );
}

/** The expenses section of a project's financials. */
export function ExpensesPanel({ project, currency }: { project: Project; currency: string }) {
  const { user } = useSession();
  const client = useQueryClient();
  const toast = useToast();
  const list = useQuery({ queryKey: fk.expenses(project.id), queryFn: async () => (await ok(api.GET('/api/v1/projects/{id}/expenses', { params: { path: { id: project.id } } }))).items });
  const [recording, setRecording] = useState(false);
  const [importing, setImporting] = useState(false);
  const [rejecting, setRejecting] = useState<Expense | null>(null);
  const refresh = () => { void client.invalidateQueries({ queryKey: ['project', project.id] }); void client.invalidateQueries({ queryKey: ['approvals'] }); };
  const officer = isFinanceRole(user?.orgRole);
  const canRecord = project.myRole === 'project_manager' || project.myRole === 'team_member' || ['admin', 'finance', 'pmo', 'portfolio_manager'].includes(user?.orgRole ?? '');
  const canDecide = officer || project.myRole === 'project_manager';
  const decide = useMutation({
    mutationFn: ({ ids, decision, reason }: { ids: string[]; decision: 'approve' | 'reject'; reason?: string }) =>
      ok(api.POST('/api/v1/projects/{id}/expenses/decide', { params: { path: { id: project.id } }, body: { ids, decision, ...(reason ? { reason } : {}) } })),
    onSuccess: (r) => { toast(`Expense ${r.state}`); setRejecting(null); refresh(); },
    onError: (err) => toast(err.message, 'error'),
  });
  const removeReceipt = useMutation({
    mutationFn: (id: string) => ok(api.DELETE('/api/v1/receipts/{id}', { params: { path: { id } } })),
    onSuccess: () => { toast('Receipt removed'); refresh(); },
    onError: (err) => toast(err.message, 'error'),
  });
  const addReceipt = useMutation({
    mutationFn: ({ expenseId, file }: { expenseId: string; file: File }) => uploadReceipt(expenseId, file),
    onSuccess: () => { toast('Receipt added'); refresh(); },
    onError: (err) => toast(err.message, 'error'),
  });
  if (list.isLoading) return <Loading label="Loading expenses…" />;
  if (list.error) return <ErrorState error={list.error} />;
  const items = list.data ?? [];
  const mayChangeReceipts = (x: Expense) => x.state === 'submitted' && (x.createdBy === user?.id || officer || project.myRole === 'project_manager');
  return (
    <section aria-labelledby="expenses-h">
      <div className="row">
        <h3 id="expenses-h" style={{ margin: 0 }}>Expenses and cost lines</h3>
        <span className="spacer" />
        {canRecord && <button type="button" className="btn btn-small btn-primary" onClick={() => setRecording(true)}>Record an expense</button>}
        {officer && <button type="button" className="btn btn-small" onClick={() => setImporting(true)}>Import cost lines (CSV)</button>}
      </div>
      {items.length === 0 ? <p className="muted">No expenses yet.</p> : (
        <table className="fin-table" aria-label="Expenses">
          <thead><tr><th scope="col">Date</th><th scope="col">Category</th><th scope="col">Description</th><th scope="col" className="num">Amount</th><th scope="col">Billable</th><th scope="col">State</th><th scope="col">Receipts</th><th scope="col">Actions</th></tr></thead>
          <tbody>{items.map((x) => (
            <tr key={x.id} data-testid="expense-row">
              <td>{x.date}</td><td>{x.category}</td><td>{x.description}{x.imported && <span className="muted"> (imported)</span>}</td>
              <td className="num">{formatMoney(x.amountMinor, x.currency)}</td><td>{x.billable ? `yes${x.markupPercent !== '0' ? ` (+${x.markupPercent} %)` : ''}` : 'no'}</td>
              <td>{labelOf(x.state)}{x.reason && <div className="muted">{x.reason}</div>}</td>
              <td><ReceiptLinks expense={x} onRemove={mayChangeReceipts(x) ? (id) => removeReceipt.mutate(id) : undefined} /></td>
              <td className="row">
                {mayChangeReceipts(x) && <ReceiptPicker label={`Add a receipt to ${x.description || x.category} of ${x.date}`} onPick={(file) => addReceipt.mutate({ expenseId: x.id, file })} />}
                {canDecide && x.state === 'submitted' && x.createdBy !== user?.id && <button type="button" className="btn btn-small btn-primary" onClick={() => decide.mutate({ ids: [x.id], decision: 'approve' })}>Approve</button>}
                {canDecide && x.state === 'submitted' && x.createdBy !== user?.id && <button type="button" className="btn btn-small btn-danger" onClick={() => { decide.reset(); setRejecting(x); }}>Reject…</button>}
              </td>
            </tr>
          ))}</tbody>
        </table>
      )}
      <p className="muted">Actual cost counts approved expenses and imported cost lines, converted into {currency} at their date.</p>
      {recording && <RecordExpenseDialog projectId={project.id} currency={currency} onClose={() => setRecording(false)} onDone={() => { setRecording(false); refresh(); }} />}
      {importing && <ImportDialog projectId={project.id} onClose={() => setImporting(false)} onDone={() => { setImporting(false); refresh(); }} />}
      {rejecting && <RejectDialog title={`Reject the expense of ${rejecting.date}`} error={decide.error} pending={decide.isPending} onClose={() => setRejecting(null)} onReject={(reason) => decide.mutate({ ids: [rejecting.id], decision: 'reject', reason })} />}
    </section>
  );
}

/** A button that opens the file chooser for one receipt. */
function ReceiptPicker({ label, onPick }: { label: string; onPick: (file: File) => void }) {
  const ref = useRef<HTMLInputElement>(null);
  return (
    <>
      <input ref={ref} type="file" accept={RECEIPT_ACCEPT} className="sr-only" tabIndex={-1} aria-label={label} onChange={(e) => { const f = e.target.files?.[0]; if (f) onPick(f); e.target.value = ''; }} />
      <button type="button" className="btn btn-small" onClick={() => ref.current?.click()}>Add receipt</button>
    </>
  );
}

/** Asks for a rejection reason. */
export function RejectDialog({ title, error, pending, onClose, onReject }: { title: string; error: unknown; pending: boolean; onClose: () => void; onReject: (reason: string) => void }) {
  const [reason, setReason] = useState('');
  return (
    <Dialog open title={title} onClose={onClose}>
      <form onSubmit={(e) => { e.preventDefault(); onReject(reason); }}>
        <Field label="Reason" name="reason" error={error}><textarea value={reason} onChange={(e) => setReason(e.target.value)} required rows={3} /></Field>
        <FormError error={error} />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn-danger" disabled={pending || reason.trim() === ''}>Reject</button>
        </div>
      </form>
    </Dialog>
  );
}

/** Records an expense, then uploads its receipt; if the upload fails the expense stays and the receipt can be added again. */
function RecordExpenseDialog({ projectId, currency, onClose, onDone }: { projectId: string; currency: string; onClose: () => void; onDone: () => void }) {
  const toast = useToast();
  const [date, setDate] = useState(todayIso());
  const [category, setCategory] = useState('travel');
  const [description, setDescription] = useState('');
  const [amount, setAmount] = useState('');
  const [cur, setCur] = useState(currency);
  const [billable, setBillable] = useState(false);
  const [markup, setMarkup] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [localError, setLocalError] = useState('');
  const save = useMutation({
    mutationFn: async () => {
      const amountMinor = parseMoneyInput(amount);
      if (amountMinor === null || amountMinor <= 0) throw new Error(`"${amount}" is not a positive amount`);
      const x = await ok(api.POST('/api/v1/projects/{id}/expenses', { params: { path: { id: projectId } }, body: { date, category, description, amountMinor, currency: cur, billable, ...(billable && markup.trim() ? { markupPercent: markup.trim() } : {}) } }));
      if (file) {
        try {
          await uploadReceipt(x.id, file);
        } catch (err) {
          throw new Error(`The expense was recorded, but its receipt was refused: ${err instanceof Error ? err.message : String(err)} Add it again from the list.`);
        }
      }
      return x;
    },
    onSuccess: () => { toast('Expense recorded and submitted for approval'); onDone(); },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (file && file.size > 10 * 1024 * 1024) return setLocalError('A receipt is at most 10 MB');
    setLocalError('');
    save.mutate();
  };
  return (
    <Dialog open title="Record an expense" onClose={onClose}>
      <form onSubmit={submit}>
        <div className="row">
          <Field label="Date" name="date" error={save.error}><input type="date" value={date} onChange={(e) => setDate(e.target.value)} required /></Field>
          <Field label="Category" name="category" error={save.error}>
            <select value={category} onChange={(e) => setCategory(e.target.value)}>{CATEGORIES.map((c) => <option key={c} value={c}>{labelOf(c)}</option>)}</select>
          </Field>
        </div>
        <Field label="Description" name="description" error={save.error}><input value={description} onChange={(e) => setDescription(e.target.value)} maxLength={2000} /></Field>
        <div className="row">
          <Field label="Amount" name="amountMinor" error={save.error}><input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required style={{ textAlign: 'right' }} /></Field>
          <Field label="Currency" name="currency" error={save.error}><input value={cur} onChange={(e) => setCur(e.target.value.toUpperCase())} pattern="[A-Z]{3}" maxLength={3} required style={{ width: '5em' }} /></Field>
        </div>
        <label className="row"><input type="checkbox" checked={billable} onChange={(e) => setBillable(e.target.checked)} /> Billable to the client</label>
        {billable && <Field label="Markup %" name="markupPercent" error={save.error}><input inputMode="decimal" value={markup} onChange={(e) => setMarkup(e.target.value)} style={{ width: '6em' }} /></Field>}
        <Field label="Receipt (PDF or photo, up to 10 MB)" name="file" error={save.error}>
          <input type="file" accept={RECEIPT_ACCEPT} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </Field>
        {localError && <div className="form-error" role="alert">{localError}</div>}
        <FormError error={save.error} />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>Record expense</button>
        </div>
      </form>
    </Dialog>
  );
}

/** Imports actual cost lines from a CSV file (all or nothing; the API lists every bad line). */
function ImportDialog({ projectId, onClose, onDone }: { projectId: string; onClose: () => void; onDone: () => void }) {
  const toast = useToast();
  const [csv, setCsv] = useState('');
  const run = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/projects/{id}/cost-lines/import', { params: { path: { id: projectId } }, body: { csv } })),
    onSuccess: (r) => { toast(`${r.imported} cost lines imported (${formatMoney(r.totalMinor, r.currency)})`); onDone(); },
  });
  return (
    <Dialog open title="Import cost lines" onClose={onClose}>
      <form onSubmit={(e) => { e.preventDefault(); run.mutate(); }}>
        <p className="muted">Columns <code>id,project_id,date,category,amount,currency</code> (any order). Lines of other projects, bad dates or amounts, or a currency without an exchange rate for its date refuse the whole file; a line id imported before is refused too.</p>
        <Field label="CSV file" name="file" error={run.error}><input type="file" accept=".csv,text/csv" onChange={async (e) => setCsv((await e.target.files?.[0]?.text()) ?? '')} /></Field>
        <Field label="or paste the CSV" name="csv" error={run.error}><textarea value={csv} onChange={(e) => setCsv(e.target.value)} rows={6} /></Field>
        <FormError error={run.error} />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn-primary" disabled={run.isPending || csv.trim() === ''}>Import</button>
        </div>
      </form>
    </Dialog>
  );
}
