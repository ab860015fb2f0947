/** The gates of one project or proposal: its lifecycle path, the open review (or a button to open one) and the history. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { FormError } from '../../ui/form';
import { ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { GateReviewPanel } from './gate-review-panel';
import { gk, type SubjectGates as Gates, type SubjectKind } from './gates-api';
import './gates.css';

const STATE_TEXT: Record<Gates['subject']['state'], string> = { active: 'active', on_hold: 'on hold', stopped: 'stopped at a gate' };

async function fetchGates(kind: SubjectKind, id: string): Promise<Gates> {
  return kind === 'project'
    ? ok(api.GET('/api/v1/projects/{id}/gates', { params: { path: { id } } }))
    : ok(api.GET('/api/v1/portfolio/proposals/{id}/gates', { params: { path: { id } } }));
}

/** Lifecycle path, open review and decision history of a subject. */
export function SubjectGates({ kind, id }: { kind: SubjectKind; id: string }) {
  const client = useQueryClient();
  const toast = useToast();
  const gates = useQuery({ queryKey: gk.subject(kind, id), queryFn: () => fetchGates(kind, id) });
  const openReview = useMutation({
    mutationFn: () =>
      kind === 'project'
        ? ok(api.POST('/api/v1/projects/{id}/gate-reviews', { params: { path: { id } } }))
        : ok(api.POST('/api/v1/portfolio/proposals/{id}/gate-reviews', { params: { path: { id } } })),
    onSuccess: (r) => { toast(`Review of "${r.gate.name}" opened`); void client.invalidateQueries({ queryKey: gk.all }); },
  });
  if (gates.isLoading) return <Loading label="Loading gates…" />;
  if (gates.error) return <ErrorState error={gates.error} />;
  const g = gates.data!;
  return (
    <div>
      <p>
        {g.lifecycle.name}: <strong data-testid="gate-stage">{g.subject.stageName}</strong>
        {g.subject.state !== 'active' && <strong className="gt-rejected"> ({STATE_TEXT[g.subject.state]})</strong>}
      </p>
      <ol className="gt-path" aria-label="Lifecycle stages">
        {g.lifecycle.stages.map((s) => <li key={s.key} aria-current={s.key === g.subject.stage ? 'step' : undefined}>{s.name}</li>)}
      </ol>
      {g.nextGate?.createsProject && <p className="muted" data-testid="gate-creates-project">A go decision on "{g.nextGate.name}" turns this proposal into a project (with a draft budget from its business case).</p>}
      {g.openReview ? (
        <GateReviewPanel review={g.openReview} stages={g.lifecycle.stages} />
      ) : g.nextGate ? (
        <div className="gt-form">
          <p className="muted">Next gate: <strong>{g.nextGate.name}</strong> into {g.nextGate.toName}.</p>
          {g.canOpen && <button type="button" className="btn btn-primary" disabled={openReview.isPending} onClick={() => openReview.mutate()}>Open gate review</button>}
          <FormError error={openReview.error} />
        </div>
      ) : (
        <p className="muted">{g.subject.stageName} is the last stage: there is no gate out of it.</p>
      )}
      <h2>Gate decisions</h2>
      {g.history.length === 0 ? <p className="muted">No gate decisions yet.</p> : (
        <table className="gt-table" aria-label="Gate decisions">
          <thead><tr><th>Gate</th><th>Decision</th><th>Stage after</th><th>By</th><th>When</th><th>Comment</th></tr></thead>
          <tbody>
            {g.history.map((h) => (
              <tr key={h.id}>
                <td>{h.gate.name}</td>
                <td className="gt-status">{h.decision?.decision}</td>
                <td>{g.lifecycle.stages.find((s) => s.key === h.decision?.stage)?.name ?? h.decision?.stage}</td>
                <td>{h.decision?.decidedBy}</td>
                <td>{h.decision ? new Date(h.decision.decidedAt).toLocaleString() : ''}</td>
                <td>{h.decision?.comment}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
