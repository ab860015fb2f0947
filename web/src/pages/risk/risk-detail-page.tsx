/** One risk: its assessment, mitigation actions (add, complete), escalation to a higher register, history. */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, ok } from '../../api/client';
import { useSession } from '../../api/session';
import { Field, FormError } from '../../ui/form';
import { ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { formatCents, riskKeys, useEnterpriseRisks, useRisk, useRiskActions, useRiskHistory, type Risk, type RiskAction } from './risk-queries';

const PORTFOLIO_WIDE = new Set(['admin', 'pmo', 'portfolio_manager', 'finance']);

function ActionsPanel({ risk }: { risk: Risk }) {
  const actions = useRiskActions(risk.id);
  const client = useQueryClient();
  const toast = useToast();
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const refresh = () => void client.invalidateQueries({ queryKey: riskKeys.all });
  const add = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/risks/{id}/actions', { params: { path: { id: risk.id } }, body: { title, dueDate: due || null } })),
    onSuccess: () => { toast('Action added'); setTitle(''); setDue(''); refresh(); },
  });
  const done = useMutation({
    mutationFn: (a: RiskAction) => ok(api.PATCH('/api/v1/risk-actions/{id}', { params: { path: { id: a.id } }, headers: ifMatch(a.version), body: { status: 'done' } })),
    onSuccess: () => { toast('Action completed'); refresh(); },
    onError: (e) => toast(e.message, 'error'),
  });
  return (
    <section aria-labelledby="actions-h" className="card">
      <h2 id="actions-h" style={{ marginTop: 0 }}>Mitigation actions</h2>
      {actions.isLoading ? <Loading /> : actions.error ? <ErrorState error={actions.error} /> : (
        <table data-testid="risk-actions" style={{ width: '100%', borderCollapse: 'collapse' }}>
          <thead><tr><th align="left">Action</th><th align="left">Owner</th><th align="left">Due</th><th align="left">Status</th><th align="left">Progress</th><th /></tr></thead>
          <tbody>
            {actions.data!.length === 0 && <tr><td colSpan={6} className="muted">No actions yet.</td></tr>}
            {actions.data!.map((a) => (
              <tr key={a.id}>
                <td>{a.title}</td><td>{a.ownerName ?? '—'}</td>
                <td>{a.dueDate ?? '—'}{a.overdue && <span className="rag rag-red" style={{ marginLeft: 6 }}>Overdue</span>}</td>
                <td>{a.status}</td><td>{a.progressPercent}%</td>
                <td>{risk.canEdit && a.status === 'open' && <button type="button" className="btn btn-small" onClick={() => done.mutate(a)}>Mark done</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {risk.canEdit && (
        <form aria-label="New action" className="row" style={{ alignItems: 'end', marginTop: 8 }} onSubmit={(e) => { e.preventDefault(); add.mutate(); }}>
          <Field label="Action" name="title" error={add.error}><input required value={title} onChange={(e) => setTitle(e.target.value)} /></Field>
          <Field label="Due date" name="dueDate" error={add.error}><input type="date" value={due} onChange={(e) => setDue(e.target.value)} /></Field>
          <button type="submit" className="btn btn-primary" disabled={add.isPending}>Add action</button>
          <FormError error={add.error} />
        </form>
      )}
    </section>
  );
}

function EscalatePanel({ risk }: { risk: Risk }) {
  const { user } = useSession();
  const wide = PORTFOLIO_WIDE.has(user?.orgRole ?? '');
  const targets = useEnterpriseRisks(wide && risk.level !== 'enterprise');
  const client = useQueryClient();
  const toast = useToast();
  const [target, setTarget] = useState('');
  const escalate = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/risks/{id}/escalate', { params: { path: { id: risk.id } }, body: target ? { targetRiskId: target } : { level: 'enterprise' } })),
    onSuccess: () => { toast('Risk escalated'); void client.invalidateQueries({ queryKey: riskKeys.all }); },
  });
  if (risk.escalatedTo) {
    return <section className="card" aria-label="Escalation"><strong>Escalated to the {risk.escalatedTo.level} register:</strong> <Link to={`/risks/items/${risk.escalatedTo.id}`}>{risk.escalatedTo.title}</Link></section>;
  }
  if (risk.level === 'enterprise' || !risk.canEdit) return null;
  return (
    <section className="card" aria-label="Escalation">
      <form className="row" style={{ alignItems: 'end' }} onSubmit={(e) => { e.preventDefault(); escalate.mutate(); }}>
        <Field label="Escalate to enterprise risk" name="targetRiskId" error={escalate.error}>
          <select value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="">New enterprise risk (copy of this one)</option>
            {(targets.data ?? []).map((t) => <option key={t.id} value={t.id}>{t.title}</option>)}
          </select>
        </Field>
        <button type="submit" className="btn" disabled={escalate.isPending}>Escalate</button>
        <FormError error={escalate.error} />
      </form>
    </section>
  );
}

function HistoryPanel({ id }: { id: string }) {
  const history = useRiskHistory(id);
  if (history.isLoading) return <Loading />;
  if (history.error) return <ErrorState error={history.error} />;
  return (
    <section className="card" aria-labelledby="history-h">
      <h2 id="history-h" style={{ marginTop: 0 }}>History</h2>
      <ul>
        {history.data!.map((h) => (
          <li key={h.id}>{h.at.slice(0, 16).replace('T', ' ')} · {h.actorName ?? 'system'} · {h.action}{h.changes.length && h.action !== 'created' ? `: ${h.changes.map((c) => c.field).join(', ')}` : ''}</li>
        ))}
      </ul>
    </section>
  );
}

/** Page for /risks/items/:riskId. */
export function RiskDetailPage() {
  const { riskId = '' } = useParams();
  const risk = useRisk(riskId);
  if (risk.isLoading) return <Loading label="Loading risk…" />;
  if (risk.error) return <ErrorState error={risk.error} />;
  const r = risk.data!;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <nav aria-label="Breadcrumb" className="muted"><Link to="/risks">Risks</Link>{r.projectId ? <> / <Link to={`/risks/projects/${r.projectId}`}>{r.projectName}</Link></> : ` / ${r.level} register`}</nav>
      <div className="row"><h1 style={{ margin: 0 }}>{r.title}</h1>{r.attention.flagged && <span className="rag rag-red" data-testid="attention-flag">Needs attention</span>}</div>
      <div className="cards">
        <div className="card"><div className="muted">Level</div><div className="figure">{r.level}</div></div>
        <div className="card"><div className="muted">Inherent</div><div className="figure">{r.inherentScore} <small>{r.inherentRating}</small></div></div>
        <div className="card"><div className="muted">Residual</div><div className="figure" data-testid="residual-score">{r.residualScore} <small>{r.residualRating}</small></div></div>
        <div className="card"><div className="muted">EMV</div><div className="figure">{formatCents(r.emvCents)}</div></div>
        {r.escalatedFromCount > 0 && <div className="card"><div className="muted">Linked risks</div><div className="figure">{r.escalatedFromCount}</div></div>}
      </div>
      <dl className="card" style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '4px 12px', margin: 0 }}>
        <dt>Category</dt><dd>{r.category}{r.complianceReference ? ` (${r.complianceReference})` : ''}</dd>
        <dt>Kind</dt><dd>{r.kind}</dd>
        <dt>Status</dt><dd>{r.status}</dd>
        <dt>Cause</dt><dd>{r.cause || '—'}</dd>
        <dt>Effect</dt><dd>{r.effect || '—'}</dd>
        <dt>Response</dt><dd>{r.responseStrategy ?? '—'}</dd>
        <dt>Proximity</dt><dd>{r.proximity ?? '—'}</dd>
        <dt>Review date</dt><dd>{r.reviewDate ?? '—'}</dd>
        <dt>Owner</dt><dd>{r.ownerName ?? '—'}</dd>
        <dt>Triggers</dt><dd>{r.triggers.join('; ') || '—'}</dd>
      </dl>
      <EscalatePanel risk={r} />
      <ActionsPanel risk={r} />
      <HistoryPanel id={r.id} />
    </div>
  );
}
