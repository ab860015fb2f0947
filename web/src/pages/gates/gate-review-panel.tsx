/** One gate review: readiness, criteria (tick, attach links), approvals by role (vote), and the decision form. */
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, ok } from '../../api/client';
import { FormError } from '../../ui/form';
import { useToast } from '../../ui/toast';
import { DECISION_TEXT, gk, recycleTargets, roleLabel, type Decision, type GateReview } from './gates-api';
import './gates.css';

const STATUS_TEXT: Record<string, string> = { met: 'Met', unmet: 'Not met', 'not-applicable': 'Not applicable', approved: 'Approved', rejected: 'Refused', pending: 'Pending' };

type Criterion = GateReview['criteria'][number];

/** The panel; `stages` is the subject's lifecycle (for recycle targets). */
export function GateReviewPanel({ review, stages }: { review: GateReview; stages: { key: string; name: string }[] }) {
  const client = useQueryClient();
  const toast = useToast();
  const done = (r: GateReview, message?: string) => {
    client.setQueryData(gk.review(r.id), r);
    void client.invalidateQueries({ queryKey: gk.all });
    if (message) toast(message);
  };
  const patch = useMutation({
    mutationFn: (body: { checks?: { criterionId: string; done: boolean }[]; documents?: { criterionId: string; title: string; url: string }[] }) =>
      ok(api.PATCH('/api/v1/gate-reviews/{id}', { params: { path: { id: review.id } }, body, headers: ifMatch(review.version) })),
    onSuccess: (r) => done(r),
  });
  const open = review.status === 'open';
  const allDocs = review.criteria.flatMap((c) => c.documents.map((d) => ({ criterionId: c.id, title: d.title, url: d.url })));
  return (
    <section aria-label={`Gate review: ${review.gate.name}`} data-testid="gate-review">
      <h2>{review.gate.name}: {review.gate.fromName} → {review.gate.toName}</h2>
      <p className="muted">Opened by {review.openedBy || 'someone'} on {new Date(review.openedAt).toLocaleDateString()}.</p>
      {open ? (
        <div className={review.ready ? 'gt-ready' : 'gt-notready'} data-testid="gate-readiness">
          {review.ready ? <strong>Ready for a go decision.</strong> : <><strong>Not ready for go:</strong><ul className="gt-votes">{review.missing.map((m) => <li key={m}>{m}</li>)}</ul></>}
        </div>
      ) : review.decision && (
        <p className="gt-ready" data-testid="gate-decision">
          <strong>Decided: {review.decision.decision}</strong> by {review.decision.decidedBy} on {new Date(review.decision.decidedAt).toLocaleString()} (now in {stages.find((s) => s.key === review.decision!.stage)?.name ?? review.decision.stage}){review.decision.comment ? ` — ${review.decision.comment}` : ''}
        </p>
      )}
      <h3>Criteria</h3>
      <table className="gt-table" aria-label="Gate criteria">
        <thead><tr><th>Criterion</th><th>Required</th><th>Status</th><th>Evidence</th></tr></thead>
        <tbody>
          {review.criteria.map((c) => (
            <tr key={c.id}>
              <td>{c.label}</td>
              <td>{c.required ? 'Required' : 'Optional'}</td>
              <td className={`gt-status gt-${c.status}`}>{STATUS_TEXT[c.status]}</td>
              <td><Evidence c={c} canEdit={review.canEdit && !patch.isPending} onTick={(v) => patch.mutate({ checks: [{ criterionId: c.id, done: v }] })} onDocuments={(docs) => patch.mutate({ documents: [...allDocs.filter((d) => d.criterionId !== c.id), ...docs] })} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <FormError error={patch.error} />
      <h3>Approvals</h3>
      <table className="gt-table" aria-label="Gate approvals">
        <thead><tr><th>Role</th><th>Status</th><th>Votes</th>{open && <th>Your vote</th>}</tr></thead>
        <tbody>
          {review.approvals.map((a) => (
            <tr key={a.role}>
              <td>{roleLabel(a.role)}</td>
              <td className={`gt-status gt-${a.status}`}>{STATUS_TEXT[a.status]}</td>
              <td>{a.votes.length === 0 ? <span className="muted">none yet</span> : <ul className="gt-votes">{a.votes.map((v) => <li key={v.approverId}>{v.approverName}: {v.verdict === 'approve' ? 'approved' : 'refused'}{v.comment ? ` — “${v.comment}”` : ''}</li>)}</ul>}</td>
              {open && <td>{a.canVote ? <VoteForm review={review} role={a.role} onDone={done} /> : <span className="muted">—</span>}</td>}
            </tr>
          ))}
          {review.approvals.length === 0 && <tr><td colSpan={open ? 4 : 3} className="muted">This gate needs no approvals.</td></tr>}
        </tbody>
      </table>
      {review.canDecide && <DecisionForm review={review} stages={stages} onDone={done} />}
    </section>
  );
}

function Evidence({ c, canEdit, onTick, onDocuments }: { c: Criterion; canEdit: boolean; onTick: (v: boolean) => void; onDocuments: (docs: { criterionId: string; title: string; url: string }[]) => void }) {
  const [title, setTitle] = useState('');
  const [url, setUrl] = useState('');
  if (c.kind === 'field') return <span className="muted">From the record ({c.field})</span>;
  if (c.kind === 'check') {
    return (
      <span>
        <label><input type="checkbox" checked={Boolean(c.done)} disabled={!canEdit} onChange={(e) => onTick(e.target.checked)} /> Done</label>
        {c.doneBy && <span className="muted"> ({c.done ? 'ticked' : 'unticked'} by {c.doneBy})</span>}
        {c.note && <span className="muted"> — {c.note}</span>}
      </span>
    );
  }
  const mine = c.documents.map((d) => ({ criterionId: c.id, title: d.title, url: d.url }));
  const add = (e: FormEvent) => {
    e.preventDefault();
    onDocuments([...mine, { criterionId: c.id, title, url }]);
    setTitle('');
    setUrl('');
  };
  return (
    <div>
      {c.documents.length > 0 && (
        <ul className="gt-votes">
          {c.documents.map((d) => (
            <li key={d.url}>
              <a href={d.url} target="_blank" rel="noopener noreferrer">{d.title}</a> <span className="muted">({d.addedBy})</span>{' '}
              {canEdit && <button type="button" className="btn btn-small" aria-label={`Remove ${d.title}`} onClick={() => onDocuments(mine.filter((x) => x.url !== d.url))}>Remove</button>}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <form className="gt-form" onSubmit={add} aria-label={`Attach a link for ${c.label}`}>
          <div className="field"><label htmlFor={`doc-title-${c.id}`}>Title</label><input id={`doc-title-${c.id}`} required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} /></div>
          <div className="field"><label htmlFor={`doc-url-${c.id}`}>Link (https://…)</label><input id={`doc-url-${c.id}`} type="url" required pattern="https?://.+" value={url} onChange={(e) => setUrl(e.target.value)} /></div>
          <button type="submit" className="btn btn-small">Attach</button>
        </form>
      )}
    </div>
  );
}

function VoteForm({ review, role, onDone }: { review: GateReview; role: string; onDone: (r: GateReview, msg?: string) => void }) {
  const [comment, setComment] = useState('');
  const vote = useMutation({
    mutationFn: (verdict: 'approve' | 'reject') => ok(api.POST('/api/v1/gate-reviews/{id}/approvals', { params: { path: { id: review.id } }, body: { role: role as 'pmo', verdict, comment } })),
    onSuccess: (r, verdict) => { setComment(''); onDone(r, verdict === 'approve' ? `Approved as ${roleLabel(role)}` : `Refused as ${roleLabel(role)}`); },
  });
  return (
    <div>
      <div className="field"><label htmlFor={`vote-${role}`}>Comment ({roleLabel(role)})</label><input id={`vote-${role}`} maxLength={4000} value={comment} onChange={(e) => setComment(e.target.value)} /></div>
      <div className="row">
        <button type="button" className="btn btn-small btn-primary" disabled={vote.isPending} onClick={() => vote.mutate('approve')}>Approve as {roleLabel(role)}</button>
        <button type="button" className="btn btn-small" disabled={vote.isPending} onClick={() => vote.mutate('reject')}>Refuse as {roleLabel(role)}</button>
      </div>
      <FormError error={vote.error} />
    </div>
  );
}

function DecisionForm({ review, stages, onDone }: { review: GateReview; stages: { key: string; name: string }[]; onDone: (r: GateReview, msg?: string) => void }) {
  const [decision, setDecision] = useState<Decision>(review.ready ? 'go' : 'hold');
  const [comment, setComment] = useState('');
  const targets = recycleTargets(stages, review.gate.from);
  const [recycleTo, setRecycleTo] = useState(review.gate.from);
  const decide = useMutation({
    mutationFn: () =>
      ok(api.POST('/api/v1/gate-reviews/{id}/decision', { params: { path: { id: review.id } }, headers: ifMatch(review.version), body: { decision, comment, ...(decision === 'recycle' ? { recycleTo } : {}) } })),
    onSuccess: (r) => onDone(r, `Decision recorded: ${decision}`),
  });
  return (
    <form className="gt-form" aria-label="Gate decision" onSubmit={(e) => { e.preventDefault(); decide.mutate(); }}>
      <div className="field">
        <label htmlFor="gate-decision">Decision</label>
        <select id="gate-decision" value={decision} onChange={(e) => setDecision(e.target.value as Decision)}>
          {(Object.keys(DECISION_TEXT) as Decision[]).map((d) => <option key={d} value={d} disabled={d === 'go' && !review.ready}>{DECISION_TEXT[d]}</option>)}
        </select>
      </div>
      {decision === 'recycle' && (
        <div className="field">
          <label htmlFor="gate-recycle">Rework from</label>
          <select id="gate-recycle" value={recycleTo} onChange={(e) => setRecycleTo(e.target.value)}>{targets.map((s) => <option key={s.key} value={s.key}>{s.name}</option>)}</select>
        </div>
      )}
      <div className="field">
        <label htmlFor="gate-comment">Comment{decision === 'go' ? ' (optional)' : ''}</label>
        <input id="gate-comment" size={40} maxLength={4000} required={decision !== 'go'} value={comment} onChange={(e) => setComment(e.target.value)} />
      </div>
      <button type="submit" className="btn btn-primary" disabled={decide.isPending}>Record decision</button>
      <FormError error={decide.error} />
    </form>
  );
}
