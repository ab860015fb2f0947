/** A project's compliance: the checklist items of its lifecycle up to its stage, their status, records and evidence. */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, ok } from '../../api/client';
import { Field, FormError } from '../../ui/form';
import { ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { useProject } from '../project-queries';
import { ProjectRiskNav } from './project-risk-nav';
import { riskKeys, useProjectCompliance, useRegisterReviews, type ProjectCompliance } from './risk-queries';

type Item = ProjectCompliance['items'][number];

/** How an item is satisfied, in words (exported for tests). */
export function describeRule(rule: Item['rule']): string {
  switch (rule.kind) {
    case 'attestation': return 'Attested with a date';
    case 'evidence': return `At least ${rule.minEvidence ?? 1} evidence link${(rule.minEvidence ?? 1) > 1 ? 's' : ''}`;
    case 'recency': return `Within ${rule.maxAgeDays} days${rule.fact ? ` (${factLabel(rule.fact)})` : ''}`;
    case 'fact': return factLabel(rule.fact);
  }
}

/** A fact's name in words. */
export function factLabel(fact: string): string {
  if (fact === 'riskRegister.lastReviewedOn') return 'latest risk register review';
  if (fact === 'riskRegister.lastChangedOn') return 'latest risk change';
  const gate = /^gate\.(.+)\.passedOn$/.exec(fact);
  return gate ? `passed the ${gate[1]} gate` : fact;
}

export const STATUS_TEXT: Record<Item['status'], string> = { met: 'Met', 'not-met': 'Not met', expired: 'Expired', 'not-applicable': 'Later stage' };
export const STATUS_CLASS: Record<Item['status'], string> = { met: 'rag rag-green', 'not-met': 'rag rag-red', expired: 'rag rag-amber', 'not-applicable': 'muted' };

function RecordForm({ projectId, item, onDone }: { projectId: string; item: Item; onDone: () => void }) {
  const [completedOn, setCompletedOn] = useState(item.record?.completedOn ?? new Date().toISOString().slice(0, 10));
  const [evidence, setEvidence] = useState((item.record?.evidenceUrls ?? []).join('\n'));
  const [note, setNote] = useState(item.record?.note ?? '');
  const client = useQueryClient();
  const toast = useToast();
  const save = useMutation({
    mutationFn: () =>
      ok(api.PUT('/api/v1/projects/{id}/compliance/{itemId}', {
        params: { path: { id: projectId, itemId: item.id } },
        headers: item.record ? ifMatch(item.record.version) : undefined,
        body: { completedOn: completedOn || null, evidenceUrls: evidence.split('\n').map((x) => x.trim()).filter(Boolean), note },
      })),
    onSuccess: () => { toast('Recorded'); void client.invalidateQueries({ queryKey: riskKeys.compliance(projectId) }); onDone(); },
  });
  return (
    <form aria-label={`Record ${item.title}`} className="row" style={{ alignItems: 'end' }} onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
      <Field label="Done on" name="completedOn" error={save.error}><input type="date" value={completedOn} onChange={(e) => setCompletedOn(e.target.value)} /></Field>
      <Field label="Evidence links (one per line)" name="evidenceUrls" error={save.error}><textarea rows={2} cols={40} value={evidence} onChange={(e) => setEvidence(e.target.value)} /></Field>
      <Field label="Note" name="note" error={save.error}><input value={note} onChange={(e) => setNote(e.target.value)} /></Field>
      <button type="submit" className="btn btn-primary" disabled={save.isPending}>Save</button>
      <button type="button" className="btn" onClick={onDone}>Cancel</button>
      <FormError error={save.error} />
    </form>
  );
}

function Reviews({ projectId, canReview }: { projectId: string; canReview: boolean }) {
  const reviews = useRegisterReviews(projectId);
  const client = useQueryClient();
  const toast = useToast();
  const review = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/projects/{id}/risk-register/reviews', { params: { path: { id: projectId } }, body: {} })),
    onSuccess: () => { toast('Risk register review recorded'); void client.invalidateQueries({ queryKey: riskKeys.all }); },
    onError: (e) => toast(e.message, 'error'),
  });
  const last = reviews.data?.[0];
  return (
    <div className="row">
      <span className="muted" data-testid="last-review">Risk register last reviewed: {last ? `${last.reviewedOn} by ${last.reviewedByName ?? 'someone'}` : 'never'}</span>
      {canReview && <button type="button" className="btn btn-small" onClick={() => review.mutate()} disabled={review.isPending}>Mark risk register reviewed today</button>}
    </div>
  );
}

/** Page for /risks/projects/:projectId/compliance. */
export function CompliancePage() {
  const { projectId = '' } = useParams();
  const project = useProject(projectId);
  const compliance = useProjectCompliance(projectId);
  const [recording, setRecording] = useState('');
  const c = compliance.data;
  const canReview = !!project.data && (project.data.canEdit || project.data.myRole === 'team_member');
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <nav aria-label="Breadcrumb" className="muted"><Link to="/risks">Risks</Link>{project.data ? <> / <Link to={`/projects/${projectId}`}>{project.data.name}</Link></> : null} / <Link to="/risks/compliance">Compliance matrix</Link></nav>
      <h1 style={{ margin: 0 }}>Compliance{project.data ? ` · ${project.data.name}` : ''}</h1>
      <ProjectRiskNav projectId={projectId} current="/compliance" />
      <Reviews projectId={projectId} canReview={canReview} />
      {compliance.isLoading ? <Loading label="Loading compliance…" /> : compliance.error ? <ErrorState error={compliance.error} /> : c && (
        <>
          <div className="cards">
            <div className="card"><div className="muted">Stage</div><div className="figure">{c.stageName}</div></div>
            <div className="card"><div className="muted">Compliant</div><div className={`figure ${c.compliant ? 'rag-green' : 'rag-red'}`} data-testid="compliance-state">{c.compliant ? 'Yes' : 'No'}</div></div>
            <div className="card"><div className="muted">Items met</div><div className="figure" data-testid="compliance-met">{c.metCount} / {c.applicableCount}</div></div>
          </div>
          <table data-testid="compliance-items" style={{ width: '100%', borderCollapse: 'collapse' }}>
            <thead><tr><th align="left">Item</th><th align="left">Stage</th><th align="left">Satisfied by</th><th align="left">Status</th><th align="left">Record</th><th /></tr></thead>
            <tbody>
              {c.items.map((i) => (
                <tr key={i.id}>
                  <td>{i.title}{!i.required && <span className="muted"> (optional)</span>}
                    {recording === i.id && <RecordForm projectId={projectId} item={i} onDone={() => setRecording('')} />}</td>
                  <td>{i.stageName}</td>
                  <td>{describeRule(i.rule)}</td>
                  <td><span className={STATUS_CLASS[i.status]}>{STATUS_TEXT[i.status]}</span>{i.ageDays !== null && <span className="muted"> ({i.ageDays} d ago)</span>}</td>
                  <td>{i.record ? <>{i.record.completedOn ?? ''} {i.record.evidenceUrls.map((u, k) => <a key={u} href={u} target="_blank" rel="noreferrer noopener" style={{ marginRight: 6 }}>evidence {k + 1}</a>)}{i.record.note && <div className="muted">{i.record.note}</div>}</> : '—'}</td>
                  <td>{c.canRecord && i.status !== 'not-applicable' && (i.rule.kind === 'attestation' || i.rule.kind === 'evidence' || (i.rule.kind === 'recency' && !i.rule.fact)) && recording !== i.id && (
                    <button type="button" className="btn btn-small" onClick={() => setRecording(i.id)} aria-label={`Record ${i.title}`}>Record</button>
                  )}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {c.items.length === 0 && <p className="muted">The project's lifecycle has no compliance checklist yet.</p>}
        </>
      )}
    </div>
  );
}
