/**
 * Budget of a project, program or portfolio: the effective budget (approved original + approved changes) by month,
 * category and capex/opex, its versions with their approval state, a line editor for drafts, and the decisions
 * (submit; approve or reject by someone other than the submitter; revise a rejected version).
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { useSession } from '../../api/session';
import { Dialog } from '../../ui/dialog';
import { FormError } from '../../ui/form';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { labelOf } from '../labels';
import { fk, type Budget, type BudgetScope, type BudgetVersion } from './finance-api';
import { formatMoney, minorToInput, parseMoneyInput } from './finance-format';
import './finance.css';

const CATEGORIES = ['labour', 'external', 'material', 'travel', 'other'];
const DECIDERS = ['admin', 'finance', 'pmo', 'portfolio_manager'];

async function fetchBudget(scope: BudgetScope, id: string): Promise<Budget> {
  const path = { params: { path: { id } } };
  if (scope === 'program') return ok(api.GET('/api/v1/programs/{id}/budget', path));
  if (scope === 'portfolio') return ok(api.GET('/api/v1/portfolios/{id}/budget', path));
  return ok(api.GET('/api/v1/projects/{id}/budget', path));
}

interface LineDraft { month: string; category: string; expenditure: 'capex' | 'opex'; amount: string }

/** The budget of one owner; `canEdit` says whether the user may draft and submit versions. */
export function BudgetPanel({ scope, id, canEdit }: { scope: BudgetScope; id: string; canEdit: boolean }) {
  const { user } = useSession();
  const client = useQueryClient();
  const toast = useToast();
  const budget = useQuery({ queryKey: fk.budget(scope, id), queryFn: () => fetchBudget(scope, id) });
  const [editing, setEditing] = useState<{ version: BudgetVersion | null; kind: 'original' | 'change' } | null>(null);
  const refresh = () => { void client.invalidateQueries({ queryKey: fk.budget(scope, id) }); void client.invalidateQueries({ queryKey: ['project', id] }); void client.invalidateQueries({ queryKey: ['reports'] }); };
  const transition = useMutation({
    mutationFn: ({ v, action }: { v: BudgetVersion; action: 'submit' | 'approve' | 'reject' | 'revise' }) =>
      ok(api.POST('/api/v1/budget-versions/{id}/transitions', { params: { path: { id: v.id } }, body: { action, version: v.version } })),
    onSuccess: (v, { action }) => { toast(`Version ${v.versionNo} ${action === 'submit' ? 'submitted' : action === 'approve' ? 'approved' : action === 'reject' ? 'rejected' : 'back to draft'}`); refresh(); },
    onError: (err) => toast(err.message, 'error'),
  });
  if (budget.isLoading) return <Loading label="Loading budget…" />;
  if (budget.error) return <ErrorState error={budget.error} />;
  const b = budget.data!;
  const currency = b.currency;
  const hasOriginal = b.versions.some((v) => v.kind === 'original' && v.status !== 'rejected');
  const approvedOriginal = b.versions.some((v) => v.kind === 'original' && v.status === 'approved');
  const canDecide = DECIDERS.includes(user?.orgRole ?? '');
  const total = (v: BudgetVersion) => v.lines.reduce((s, l) => s + l.amountMinor, 0);
  return (
    <section aria-labelledby={`budget-${id}`}>
      <div className="row">
        <h3 id={`budget-${id}`} style={{ margin: 0 }}>Budget</h3>
        <span className="muted" data-testid="budget-total">In force: {formatMoney(b.totalMinor, currency)}</span>
        <span className="spacer" />
        {canEdit && !hasOriginal && <button type="button" className="btn btn-primary btn-small" onClick={() => setEditing({ version: null, kind: 'original' })}>New original budget</button>}
        {canEdit && approvedOriginal && <button type="button" className="btn btn-small" onClick={() => setEditing({ version: null, kind: 'change' })}>Request a budget change</button>}
      </div>
      {b.effective.length === 0 ? <Empty title="No approved budget yet." /> : (
        <table className="fin-table" aria-label="Budget in force by month, category and capex/opex">
          <thead><tr><th scope="col">Month</th><th scope="col">Category</th><th scope="col">Capex/opex</th><th scope="col" className="num">Amount</th></tr></thead>
          <tbody>{b.effective.map((l) => <tr key={`${l.month}-${l.category}-${l.expenditure}`}><td>{l.month}</td><td>{l.category}</td><td>{l.expenditure}</td><td className="num">{formatMoney(l.amountMinor, currency)}</td></tr>)}</tbody>
        </table>
      )}
      {b.months && b.projects && (
        <>
          <h4>Against its {b.projects.count} projects</h4>
          <p className="muted">Own budget {formatMoney(b.totalMinor, currency)}; the projects' budgets add up to {formatMoney(b.projects.budgetMinor, currency)} and have cost {formatMoney(b.projects.actualMinor, currency)} so far.</p>
          <table className="fin-table" aria-label="Own budget, project budgets and actual cost by month">
            <thead><tr><th scope="col">Month</th><th scope="col" className="num">Own budget</th><th scope="col" className="num">Projects' budgets</th><th scope="col" className="num">Actual cost</th><th scope="col" className="num">Own budget left</th></tr></thead>
            <tbody>{b.months.map((m) => <tr key={m.month}><td>{m.month}</td><td className="num">{formatMoney(m.budgetMinor, currency)}</td><td className="num">{formatMoney(m.projectsBudgetMinor, currency)}</td><td className="num">{formatMoney(m.actualMinor, currency)}</td><td className="num">{formatMoney(m.budgetMinor - m.actualMinor, currency)}</td></tr>)}</tbody>
          </table>
        </>
      )}
      <h4>Versions</h4>
      {b.versions.length === 0 ? <p className="muted">No versions yet.</p> : (
        <table className="fin-table" aria-label="Budget versions">
          <thead><tr><th scope="col">#</th><th scope="col">Kind</th><th scope="col">State</th><th scope="col">Note</th><th scope="col" className="num">Lines</th><th scope="col" className="num">Total</th><th scope="col">Actions</th></tr></thead>
          <tbody>
            {b.versions.map((v) => {
              const mine = v.submittedBy === user?.id;
              return (
                <tr key={v.id} data-testid="budget-version">
                  <td>{v.versionNo}</td><td>{v.kind === 'original' ? 'Original' : 'Change'}</td><td>{labelOf(v.status)}</td><td>{v.note}</td>
                  <td className="num">{v.lines.length}</td><td className="num">{formatMoney(total(v), currency)}</td>
                  <td className="row">
                    {canEdit && v.status === 'draft' && <button type="button" className="btn btn-small" onClick={() => setEditing({ version: v, kind: v.kind })}>Edit</button>}
                    {canEdit && v.status === 'draft' && <button type="button" className="btn btn-small btn-primary" disabled={transition.isPending} onClick={() => transition.mutate({ v, action: 'submit' })}>Submit</button>}
                    {canDecide && v.status === 'submitted' && !mine && <button type="button" className="btn btn-small btn-primary" disabled={transition.isPending} onClick={() => transition.mutate({ v, action: 'approve' })}>Approve version {v.versionNo}</button>}
                    {canDecide && v.status === 'submitted' && !mine && <button type="button" className="btn btn-small btn-danger" disabled={transition.isPending} onClick={() => transition.mutate({ v, action: 'reject' })}>Reject</button>}
                    {v.status === 'submitted' && mine && <span className="muted">awaiting someone else's decision</span>}
                    {canEdit && v.status === 'rejected' && <button type="button" className="btn btn-small" onClick={() => transition.mutate({ v, action: 'revise' })}>Revise</button>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {editing && <VersionDialog scope={scope} id={id} currency={currency} editing={editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); refresh(); }} />}
    </section>
  );
}

/** Creates a version, or edits a draft's note and lines. A change version holds deltas, so its amounts may be negative. */
function VersionDialog({ scope, id, currency, editing, onClose, onSaved }: { scope: BudgetScope; id: string; currency: string; editing: { version: BudgetVersion | null; kind: 'original' | 'change' }; onClose: () => void; onSaved: () => void }) {
  const toast = useToast();
  const v = editing.version;
  const thisMonth = new Date().toISOString().slice(0, 7);
  const [note, setNote] = useState(v?.note ?? '');
  const [lines, setLines] = useState<LineDraft[]>(v ? v.lines.map((l) => ({ month: l.month, category: l.category, expenditure: l.expenditure as 'capex' | 'opex', amount: minorToInput(l.amountMinor) })) : [{ month: thisMonth, category: 'labour', expenditure: 'opex', amount: '' }]);
  const [localError, setLocalError] = useState('');
  const change = editing.kind === 'change';
  const save = useMutation({
    mutationFn: async (body: { note: string; lines: { month: string; category: string; expenditure: 'capex' | 'opex'; amountMinor: number }[] }) => {
      if (v) return ok(api.PATCH('/api/v1/budget-versions/{id}', { params: { path: { id: v.id } }, body: { ...body, version: v.version } }));
      const req = { params: { path: { id } }, body: { kind: editing.kind, ...body } };
      if (scope === 'program') return ok(api.POST('/api/v1/programs/{id}/budget-versions', req));
      if (scope === 'portfolio') return ok(api.POST('/api/v1/portfolios/{id}/budget-versions', req));
      return ok(api.POST('/api/v1/projects/{id}/budget-versions', req));
    },
    onSuccess: (r) => { toast(`Budget version ${r.versionNo} saved as a draft`); onSaved(); },
  });
  const set = (i: number, patch: Partial<LineDraft>) => setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const out = [];
    for (const [i, l] of lines.entries()) {
      const minor = parseMoneyInput(l.amount, change);
      if (minor === null) return setLocalError(`Line ${i + 1}: "${l.amount}" is not an amount${change ? '' : ' (an original budget has no negative lines)'}`);
      if (!/^\d{4}-\d{2}$/.test(l.month)) return setLocalError(`Line ${i + 1}: choose a month`);
      out.push({ month: l.month, category: l.category.trim() || 'other', expenditure: l.expenditure, amountMinor: minor });
    }
    setLocalError('');
    save.mutate({ note, lines: out });
  };
  const sum = lines.reduce((s, l) => s + (parseMoneyInput(l.amount, change) ?? 0), 0);
  return (
    <Dialog open title={v ? `Edit budget version ${v.versionNo}` : change ? 'Request a budget change' : 'New original budget'} onClose={onClose}>
      <form onSubmit={submit}>
        {change && <p className="muted">A change holds differences to the budget in force: positive adds, negative takes away. It applies once approved.</p>}
        <label className="field">Note<input value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} /></label>
        <datalist id="budget-categories">{CATEGORIES.map((c) => <option key={c} value={c} />)}</datalist>
        <table className="fin-table" aria-label="Budget lines">
          <thead><tr><th scope="col">Month</th><th scope="col">Category</th><th scope="col">Capex/opex</th><th scope="col" className="num">Amount ({currency})</th><th scope="col"><span className="sr-only">Remove</span></th></tr></thead>
          <tbody>
            {lines.map((l, i) => (
              <tr key={i}>
                <td><input type="month" aria-label={`Line ${i + 1} month`} value={l.month} onChange={(e) => set(i, { month: e.target.value })} required /></td>
                <td><input list="budget-categories" aria-label={`Line ${i + 1} category`} value={l.category} onChange={(e) => set(i, { category: e.target.value })} maxLength={50} required /></td>
                <td><select aria-label={`Line ${i + 1} capex or opex`} value={l.expenditure} onChange={(e) => set(i, { expenditure: e.target.value as 'capex' | 'opex' })}><option value="opex">opex</option><option value="capex">capex</option></select></td>
                <td><input inputMode="decimal" aria-label={`Line ${i + 1} amount`} value={l.amount} onChange={(e) => set(i, { amount: e.target.value })} style={{ textAlign: 'right', width: '9em' }} required /></td>
                <td><button type="button" className="btn btn-small" aria-label={`Remove line ${i + 1}`} onClick={() => setLines((ls) => ls.filter((_, j) => j !== i))}>×</button></td>
              </tr>
            ))}
          </tbody>
          <tfoot><tr><th scope="row" colSpan={3} className="num">Total</th><td className="num">{formatMoney(sum, currency)}</td><td /></tr></tfoot>
        </table>
        <button type="button" className="btn btn-small" onClick={() => setLines((ls) => [...ls, { month: ls.at(-1)?.month ?? thisMonth, category: 'labour', expenditure: 'opex', amount: '' }])}>Add a line</button>
        {localError && <div className="form-error" role="alert">{localError}</div>}
        <FormError error={save.error} />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>Save draft</button>
        </div>
      </form>
    </Dialog>
  );
}
