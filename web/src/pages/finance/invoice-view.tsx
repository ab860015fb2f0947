/** One invoice or credit note: header, lines, totals, VAT breakdown; Issue / Mark paid / Void; PDF, UBL and CSV downloads. */
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, ok } from '../../api/client';
import { useSession } from '../../api/session';
import { Dialog } from '../../ui/dialog';
import { Field, FormError } from '../../ui/form';
import { ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { labelOf } from '../labels';
import { fk, isFinanceRole, todayIso, type Invoice } from './finance-api';
import { formatMoney } from './finance-format';
import './finance.css';

type Action = 'issue' | 'pay' | 'void' | 'delete';

/** The invoice page (/invoices/:invoiceId). */
export function InvoiceView() {
  const { invoiceId = '' } = useParams();
  const { user } = useSession();
  const client = useQueryClient();
  const toast = useToast();
  const navigate = useNavigate();
  const inv = useQuery({ queryKey: fk.invoice(invoiceId), queryFn: () => ok(api.GET('/api/v1/invoices/{id}', { params: { path: { id: invoiceId } } })) });
  const [action, setAction] = useState<Action | null>(null);
  const [date, setDate] = useState(todayIso());
  const [reason, setReason] = useState('');
  const run = useMutation({
    mutationFn: async (a: Action): Promise<Invoice | null> => {
      const i = inv.data!;
      const path = { id: i.id };
      if (a === 'issue') return ok(api.POST('/api/v1/invoices/{id}/issue', { params: { path }, body: { issueDate: date, version: i.version } }));
      if (a === 'pay') return ok(api.POST('/api/v1/invoices/{id}/pay', { params: { path }, body: { paidOn: date, version: i.version } }));
      if (a === 'void') return (await ok(api.POST('/api/v1/invoices/{id}/void', { params: { path }, body: { reason, issueDate: date, version: i.version } }))).invoice;
      await ok(api.DELETE('/api/v1/invoices/{id}', { params: { path }, headers: ifMatch(i.version) }));
      return null;
    },
    onSuccess: (res, a) => {
      setAction(null);
      void client.invalidateQueries({ queryKey: ['invoices'] });
      if (res) client.setQueryData(fk.invoice(res.id), res);
      toast(a === 'issue' ? `Invoice issued as ${res?.number ?? ''}` : a === 'pay' ? 'Marked paid' : a === 'void' ? 'Invoice voided with a credit note' : 'Draft deleted');
      if (a === 'delete') navigate('/invoices');
    },
  });
  if (inv.isLoading) return <Loading label="Loading invoice…" />;
  if (inv.error) return <ErrorState error={inv.error} />;
  const i = inv.data!;
  const cur = i.currency;
  const canWrite = isFinanceRole(user?.orgRole);
  const title = i.kind === 'credit-note' ? 'Credit note' : 'Invoice';
  const open = (a: Action) => { run.reset(); setDate(todayIso()); setReason(''); setAction(a); };
  const base = `/api/v1/invoices/${i.id}`;
  return (
    <div style={{ overflow: 'auto' }}>
      <nav aria-label="Breadcrumb" className="muted"><Link to="/invoices">Invoices</Link> / {i.number ?? 'draft'}</nav>
      <div className="row">
        <h1 style={{ margin: '4px 0' }}>{title} {i.number ?? '(draft)'}</h1>
        <span className="badge" data-testid="invoice-state">{labelOf(i.state)}</span>
        <span className="spacer" />
        {canWrite && i.state === 'draft' && <button type="button" className="btn btn-primary" onClick={() => open('issue')}>Issue</button>}
        {canWrite && i.state === 'draft' && <button type="button" className="btn btn-danger" onClick={() => open('delete')}>Delete draft</button>}
        {canWrite && i.kind === 'invoice' && i.state === 'issued' && <button type="button" className="btn btn-primary" onClick={() => open('pay')}>Mark paid</button>}
        {canWrite && i.kind === 'invoice' && (i.state === 'issued' || i.state === 'paid') && <button type="button" className="btn btn-danger" onClick={() => open('void')}>Void</button>}
      </div>
      <div className="row" role="group" aria-label="Downloads">
        <a className="btn btn-small" href={`${base}/pdf`} download data-testid="download-pdf">Download PDF</a>
        {i.state !== 'draft' && <a className="btn btn-small" href={`${base}/ubl`} download data-testid="download-ubl">Download UBL XML</a>}
        <a className="btn btn-small" href={`${base}/csv`} download>Download lines (CSV)</a>
      </div>
      <dl className="cards" style={{ marginTop: 12 }}>
        <div className="card"><dt className="muted">Client</dt><dd style={{ margin: 0 }}>{i.buyerName}</dd></div>
        <div className="card"><dt className="muted">Period</dt><dd style={{ margin: 0 }}>{i.periodStart ?? '—'} – {i.periodEnd ?? '—'}</dd></div>
        <div className="card"><dt className="muted">Issued</dt><dd style={{ margin: 0 }}>{i.issueDate ?? 'not yet'}</dd></div>
        <div className="card"><dt className="muted">Due</dt><dd style={{ margin: 0 }}>{i.dueDate ?? '—'}</dd></div>
        {i.paidOn && <div className="card"><dt className="muted">Paid on</dt><dd style={{ margin: 0 }}>{i.paidOn}</dd></div>}
        {i.creditNoteId && <div className="card"><dt className="muted">Credit note</dt><dd style={{ margin: 0 }}><Link to={`/invoices/${i.creditNoteId}`}>Open credit note</Link></dd></div>}
        {i.creditsInvoiceId && <div className="card"><dt className="muted">Credits</dt><dd style={{ margin: 0 }}><Link to={`/invoices/${i.creditsInvoiceId}`}>Open the invoice</Link></dd></div>}
      </dl>
      <h2>Lines</h2>
      <table className="fin-table" aria-label="Invoice lines" data-testid="invoice-lines">
        <thead><tr><th scope="col">#</th><th scope="col">Item</th><th scope="col" className="num">Quantity</th><th scope="col">Unit</th><th scope="col" className="num">Unit price</th><th scope="col">VAT</th><th scope="col" className="num">Net amount</th></tr></thead>
        <tbody>
          {i.lines.map((l) => (
            <tr key={l.lineId}>
              <td>{l.lineId}</td><td>{l.itemName}{l.description && <div className="muted">{l.description}</div>}</td>
              <td className="num">{l.quantity}</td><td>{l.unitCode === 'HUR' ? 'hours' : l.unitCode}</td>
              <td className="num">{formatMoney(l.unitPriceMinor, cur)}</td><td>{l.vatCategory} {l.vatRatePercent} %</td>
              <td className="num">{formatMoney(l.netAmountMinor, cur)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr><th scope="row" colSpan={6} className="num">Net total</th><td className="num">{formatMoney(i.totals.taxExclusiveMinor, cur)}</td></tr>
          {i.totals.vatBreakdown.map((v) => (
            <tr key={`${v.category}-${v.ratePercent}`}><th scope="row" colSpan={6} className="num">VAT {v.category} {v.ratePercent} % on {formatMoney(v.taxableMinor, cur)}{v.exemptionReason ? ` (${v.exemptionReason})` : ''}</th><td className="num">{formatMoney(v.taxMinor, cur)}</td></tr>
          ))}
          <tr><th scope="row" colSpan={6} className="num">Total incl. VAT</th><td className="num">{formatMoney(i.totals.taxInclusiveMinor, cur)}</td></tr>
          <tr><th scope="row" colSpan={6} className="num">Amount due</th><td className="num" data-testid="amount-due"><strong>{formatMoney(i.totals.payableMinor, cur)}</strong></td></tr>
        </tfoot>
      </table>
      <Dialog open={action !== null} title={action === 'issue' ? 'Issue invoice' : action === 'pay' ? 'Mark paid' : action === 'void' ? 'Void invoice' : 'Delete draft'} onClose={() => setAction(null)}>
        <form onSubmit={(e) => { e.preventDefault(); if (action) run.mutate(action); }}>
          {action === 'issue' && <p>Issuing assigns the next invoice number; the invoice can then only be voided with a credit note.</p>}
          {action === 'delete' && <p>The draft is deleted and its work becomes billable again.</p>}
          {action === 'void' && <p>A full credit note is issued and the billed work becomes billable again.</p>}
          {action !== 'delete' && (
            <Field label={action === 'pay' ? 'Paid on' : 'Issue date'} name={action === 'pay' ? 'paidOn' : 'issueDate'} error={run.error}>
              <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
            </Field>
          )}
          {action === 'void' && (
            <Field label="Reason" name="reason" error={run.error}><input value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={500} /></Field>
          )}
          <FormError error={run.error} />
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={() => setAction(null)}>Cancel</button>
            <button type="submit" className={`btn ${action === 'void' || action === 'delete' ? 'btn-danger' : 'btn-primary'}`} disabled={run.isPending}>
              {action === 'issue' ? 'Issue' : action === 'pay' ? 'Mark paid' : action === 'void' ? 'Void' : 'Delete'}
            </button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
