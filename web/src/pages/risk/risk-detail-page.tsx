/** One risk: its assessment, mitigation actions (add, complete), escalation to a higher register, history. */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, ok } from '../../api/client';
import { useSession } from '../../api/session';
import { Dialog } from '../../ui/dialog';
import { Field, FormError } from '../../ui/form';
import { ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { AssessmentFields, AssessmentTable, assessmentBody, draftOf, sameAssessment, scalesOf } from './risk-assessment';
import { STRATEGIES } from './risk-form';
import { parseTags } from './risk-library-page';
import { formatCents, riskKeys, useProjectMembers, useProjectTasks, useRisk, useRiskActions, useRiskHistory, useRiskMatrix, type Risk, type RiskAction } from './risk-queries';

const PORTFOLIO_WIDE = new Set(['admin', 'pmo', 'portfolio_manager', 'finance']);

function ActionsPanel({ risk }: { risk: Risk }) {
  const actions = useRiskActions(risk.id);
  const client = useQueryClient();
  const toast = useToast();
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const [taskId, setTaskId] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const tasks = useProjectTasks(risk.projectId ?? '');
  const members = useProjectMembers(risk.projectId ?? '');
  const refresh = () => void client.invalidateQueries({ queryKey: riskKeys.all });
  const add = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/risks/{id}/actions', { params: { path: { id: risk.id } }, body: { title, dueDate: due || null, taskId: taskId || null, ownerId: ownerId || null } })),
    onSuccess: () => { toast('Action added'); setTitle(''); setDue(''); setTaskId(''); setOwnerId(''); refresh(); },
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
                <td>{a.title}{a.taskName && <div className="muted">Schedule task: {a.taskName}</div>}</td><td>{a.ownerName ?? '—'}</td>
                <td>{a.dueDate ?? '—'}{a.overdue && <span className="rag rag-red" style={{ marginLeft: 6 }}>Overdue</span>}</td>
                <td>{a.status}</td><td>{a.progressPercent}%</td>
                <td>{risk.canEdit && a.status === 'open' && !a.taskId && <button type="button" className="btn btn-small" onClick={() => done.mutate(a)}>Mark done</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {risk.canEdit && (
        <form aria-label="New action" className="row" style={{ alignItems: 'end', marginTop: 8 }} onSubmit={(e) => { e.preventDefault(); add.mutate(); }}>
          <Field label="Action" name="title" error={add.error}><input required value={title} onChange={(e) => setTitle(e.target.value)} /></Field>
          <Field label="Due date" name="dueDate" error={add.error}><input type="date" value={due} onChange={(e) => setDue(e.target.value)} /></Field>
          {risk.projectId && <Field label="Owner" name="ownerId" error={add.error}><select value={ownerId} onChange={(e) => setOwnerId(e.target.value)}><option value="">—</option>{(members.data ?? []).map((m) => <option key={m.userId} value={m.userId}>{m.displayName}</option>)}</select></Field>}
          {risk.projectId && <Field label="Schedule task" name="taskId" error={add.error}><select value={taskId} onChange={(e) => setTaskId(e.target.value)}><option value="">— (own due date)</option>{(tasks.data ?? []).filter((t) => !t.isSummary).map((t) => <option key={t.id} value={t.id}>{t.wbs} {t.name}</option>)}</select></Field>}
          <button type="submit" className="btn btn-primary" disabled={add.isPending}>Add action</button>
          <FormError error={add.error} />
        </form>
      )}
    </section>
  );
}

const HIGHER = { project: ['program', 'portfolio', 'enterprise'], program: ['portfolio', 'enterprise'], portfolio: ['enterprise'], enterprise: [] } as const;

function EscalatePanel({ risk }: { risk: Risk }) {
  const { user } = useSession();
  const wide = PORTFOLIO_WIDE.has(user?.orgRole ?? '');
  const levels = HIGHER[risk.level].filter((l) => l !== 'program' || risk.programId);
  const [level, setLevel] = useState<'program' | 'portfolio' | 'enterprise'>('enterprise');
  const [target, setTarget] = useState('');
  const scope = level === 'program' ? { programId: risk.programId ?? undefined } : level === 'portfolio' ? { portfolioId: risk.portfolioId ?? undefined } : {};
  const targets = useQuery({
    queryKey: ['risk', 'targets', level, risk.programId, risk.portfolioId],
    enabled: wide && levels.length > 0 && !risk.escalatedTo,
    queryFn: () => ok(api.GET('/api/v1/risks', { params: { query: { level, ...scope } } })).then((r) => r.items.filter((x) => x.status !== 'closed')),
  });
  const client = useQueryClient();
  const toast = useToast();
  const refresh = () => void client.invalidateQueries({ queryKey: riskKeys.all });
  const escalate = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/risks/{id}/escalate', { params: { path: { id: risk.id } }, body: target ? { targetRiskId: target } : { level } })),
    onSuccess: () => { toast('Risk escalated'); refresh(); },
  });
  const unlink = useMutation({
    mutationFn: () => ok(api.DELETE('/api/v1/risks/{id}/escalation', { params: { path: { id: risk.id } }, headers: ifMatch(risk.version) })),
    onSuccess: () => { toast('Escalation link removed'); refresh(); },
    onError: (e) => toast(e.message, 'error'),
  });
  if (risk.escalatedTo) {
    return (
      <section className="card row" aria-label="Escalation">
        <span><strong>Escalated to the {risk.escalatedTo.level} register:</strong> <Link to={`/risks/items/${risk.escalatedTo.id}`}>{risk.escalatedTo.title}</Link></span>
        <span className="muted">(its exposure is counted there while that risk is open)</span>
        {risk.canEdit && wide && <button type="button" className="btn btn-small" onClick={() => { if (confirm('Remove the escalation link? The higher-level risk stays.')) unlink.mutate(); }} disabled={unlink.isPending}>Remove escalation link</button>}
      </section>
    );
  }
  if (levels.length === 0 || !risk.canEdit || !wide) return null;
  return (
    <section className="card" aria-label="Escalation">
      <form aria-label="Escalate" className="row" style={{ alignItems: 'end' }} onSubmit={(e) => { e.preventDefault(); escalate.mutate(); }}>
        <Field label="Escalate to register" name="level" error={escalate.error}>
          <select value={level} onChange={(e) => { setLevel(e.target.value as typeof level); setTarget(''); }}>{levels.map((l) => <option key={l} value={l}>{l}</option>)}</select>
        </Field>
        <Field label={`Link to ${level} risk`} name="targetRiskId" error={escalate.error}>
          <select value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="">New {level} risk (copy of this one)</option>
            {(targets.data ?? []).map((t) => <option key={t.id} value={t.id}>{t.title}</option>)}
          </select>
        </Field>
        <button type="submit" className="btn" disabled={escalate.isPending}>Escalate</button>
        <FormError error={escalate.error} />
      </form>
    </section>
  );
}

/** Edits status, kind, response, inherent and residual assessments on every dimension, cost, proximity, review date and owner (If-Match). */
function EditPanel({ risk, onDone }: { risk: Risk; onDone: () => void }) {
  const matrix = useRiskMatrix();
  const members = useProjectMembers(risk.projectId ?? '');
  const [s, set] = useState({
    status: risk.status, kind: risk.kind, strategy: risk.responseStrategy ?? '', review: risk.reviewDate ?? '', owner: risk.ownerId ?? '',
    inherent: draftOf(risk.inherent), residual: draftOf(risk.residual ?? risk.inherent), cost: risk.costImpactCents === null ? '' : String(risk.costImpactCents / 100), proximity: risk.proximity ?? '',
  });
  const client = useQueryClient();
  const toast = useToast();
  const scales = matrix.data ? scalesOf(matrix.data.matrix) : null;
  const save = useMutation({
    mutationFn: () => {
      const cents = s.cost.trim() === '' ? null : Math.round(Number(s.cost) * 100);
      const lengths = { probabilityLevels: scales!.probability.length, impactLevels: scales!.impact.length };
      // Unchanged assessments are not sent, so the history shows only what was changed.
      const inherent = assessmentBody(s.inherent, lengths);
      const residual = assessmentBody(s.residual, lengths);
      return ok(api.PATCH('/api/v1/risks/{id}', {
        params: { path: { id: risk.id } }, headers: ifMatch(risk.version),
        body: {
          status: s.status, kind: s.kind, responseStrategy: (s.strategy || null) as Risk['responseStrategy'], reviewDate: s.review || null, ownerId: s.owner || null,
          ...(sameAssessment(inherent, risk.inherent) ? {} : { inherent }),
          ...(sameAssessment(residual, risk.residual ?? risk.inherent) ? {} : { residual }),
          costImpactCents: cents !== null && Number.isFinite(cents) ? cents : null,
          proximity: (s.proximity || null) as Risk['proximity'],
        },
      }));
    },
    onSuccess: () => { toast('Risk saved'); void client.invalidateQueries({ queryKey: riskKeys.all }); onDone(); },
  });
  if (matrix.isLoading) return <Loading />;
  if (!scales) return <ErrorState error={matrix.error} />;
  return (
    <form aria-label="Edit risk" onSubmit={(e) => { e.preventDefault(); save.mutate(); }} style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(190px, 1fr))', gap: 8, minWidth: 'min(720px, 80vw)' }}>
      <Field label="Status" name="status" error={save.error}><select value={s.status} onChange={(e) => set({ ...s, status: e.target.value as Risk['status'] })}>{['open', 'monitoring', 'occurred', 'closed'].map((x) => <option key={x} value={x}>{x}</option>)}</select></Field>
      <Field label="Kind" name="kind" error={save.error}><select value={s.kind} onChange={(e) => set({ ...s, kind: e.target.value as Risk['kind'], strategy: '' })}><option value="threat">Threat</option><option value="opportunity">Opportunity</option></select></Field>
      <Field label="Response" name="responseStrategy" error={save.error}><select value={s.strategy} onChange={(e) => set({ ...s, strategy: e.target.value })}><option value="">—</option>{STRATEGIES[s.kind].map((x) => <option key={x} value={x}>{x}</option>)}</select></Field>
      <AssessmentFields which="inherent" value={s.inherent} onChange={(v) => set({ ...s, inherent: v })} scales={scales} error={save.error} />
      <AssessmentFields which="residual" value={s.residual} onChange={(v) => set({ ...s, residual: v })} scales={scales} error={save.error} />
      <Field label="Cost if it occurs" name="costImpactCents" error={save.error}><input inputMode="decimal" value={s.cost} onChange={(e) => set({ ...s, cost: e.target.value })} /></Field>
      <Field label="Proximity" name="proximity" error={save.error}><select value={s.proximity} onChange={(e) => set({ ...s, proximity: e.target.value })}><option value="">—</option>{['imminent', 'near', 'medium', 'far'].map((x) => <option key={x} value={x}>{x}</option>)}</select></Field>
      <Field label="Review date" name="reviewDate" error={save.error}><input type="date" value={s.review} onChange={(e) => set({ ...s, review: e.target.value })} /></Field>
      {risk.projectId && <Field label="Owner" name="ownerId" error={save.error}><select value={s.owner} onChange={(e) => set({ ...s, owner: e.target.value })}><option value="">—</option>{(members.data ?? []).map((m) => <option key={m.userId} value={m.userId}>{m.displayName}</option>)}</select></Field>}
      <div className="row" style={{ gridColumn: '1 / -1' }}><button type="submit" className="btn btn-primary" disabled={save.isPending}>Save risk</button><button type="button" className="btn" onClick={onDone}>Cancel</button><FormError error={save.error} /></div>
    </form>
  );
}

/** Turns the risk (of a closed project, or closed itself) into a risk library template. */
function LessonForm({ risk, onDone }: { risk: Risk; onDone: () => void }) {
  const [type, setType] = useState('');
  const [tags, setTags] = useState('');
  const [responses, setResponses] = useState([{ strategy: risk.responseStrategy ?? STRATEGIES[risk.kind][0], description: '', effectiveness: 'proven' as 'proven' | 'partial' | 'failed' }]);
  const client = useQueryClient();
  const toast = useToast();
  const save = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/risks/{id}/lessons', { params: { path: { id: risk.id } }, body: { projectType: type, tags: parseTags(tags), responses: responses.filter((r) => r.description.trim()).map((r) => ({ ...r, strategy: r.strategy as 'mitigate', description: r.description.trim() })) } })),
    onSuccess: () => { toast('Lesson added to the risk library'); void client.invalidateQueries({ queryKey: riskKeys.library }); onDone(); },
  });
  return (
    <form aria-label="Capture lesson" onSubmit={(e) => { e.preventDefault(); save.mutate(); }} style={{ minWidth: 'min(640px, 80vw)' }}>
      <div className="row"><Field label="Project type" name="projectType" error={save.error}><input required value={type} onChange={(e) => setType(e.target.value)} placeholder="e.g. erp-rollout" /></Field>
        <Field label="Tags" name="tags" error={save.error}><input value={tags} onChange={(e) => setTags(e.target.value)} placeholder="comma-separated" /></Field></div>
      {responses.map((r, i) => (
        <div className="row" key={i}>
          <Field label={`Response ${i + 1} strategy`} name={`responses.${i}.strategy`} error={save.error}><select value={r.strategy} onChange={(e) => setResponses(responses.map((x, k) => (k === i ? { ...x, strategy: e.target.value as typeof x.strategy } : x)))}>{STRATEGIES[risk.kind].map((x) => <option key={x} value={x}>{x}</option>)}</select></Field>
          <Field label={`Response ${i + 1}`} name={`responses.${i}.description`} error={save.error}><input value={r.description} onChange={(e) => setResponses(responses.map((x, k) => (k === i ? { ...x, description: e.target.value } : x)))} /></Field>
          <Field label={`Response ${i + 1} worked`} name={`responses.${i}.effectiveness`}><select value={r.effectiveness} onChange={(e) => setResponses(responses.map((x, k) => (k === i ? { ...x, effectiveness: e.target.value as typeof x.effectiveness } : x)))}><option value="proven">Proven</option><option value="partial">Partly</option><option value="failed">Failed</option></select></Field>
        </div>
      ))}
      <div className="row"><button type="button" className="btn btn-small" onClick={() => setResponses([...responses, { strategy: STRATEGIES[risk.kind][0], description: '', effectiveness: 'proven' }])}>Another response</button>
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>Add to library</button><button type="button" className="btn" onClick={onDone}>Cancel</button><FormError error={save.error} /></div>
    </form>
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
  const matrix = useRiskMatrix();
  const { user } = useSession();
  const [dialog, setDialog] = useState<'' | 'edit' | 'lesson'>('');
  if (risk.isLoading) return <Loading label="Loading risk…" />;
  if (risk.error) return <ErrorState error={risk.error} />;
  const r = risk.data!;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <nav aria-label="Breadcrumb" className="muted"><Link to="/risks">Risks</Link>{r.projectId ? <> / <Link to={`/risks/projects/${r.projectId}`}>{r.projectName}</Link></> : ` / ${r.level} register`}</nav>
      <div className="row"><h1 style={{ margin: 0 }}>{r.title}</h1>{r.attention.flagged && <span className="rag rag-red" data-testid="attention-flag" title={r.attention.reasons.join(', ')}>Needs attention</span>}
        <span className="spacer" />
        {r.canEdit && <button type="button" className="btn" onClick={() => setDialog('edit')}>Edit risk</button>}
        {r.level === 'project' && ['admin', 'pmo', 'portfolio_manager'].includes(user?.orgRole ?? '') && <button type="button" className="btn" onClick={() => setDialog('lesson')}>Capture lesson</button>}
      </div>
      <div className="cards">
        <div className="card"><div className="muted">Level</div><div className="figure">{r.level}</div></div>
        <div className="card"><div className="muted">Inherent</div><div className="figure" data-testid="inherent-score">{r.inherentScore} <small>{r.inherentRating}</small></div></div>
        <div className="card"><div className="muted">Residual</div><div className="figure" data-testid="residual-score">{r.residualScore} <small>{r.residualRating}</small></div></div>
        <div className="card"><div className="muted">EMV</div><div className="figure">{formatCents(r.emvCents)}</div></div>
        {r.escalatedFromCount > 0 && <div className="card"><div className="muted">Linked risks</div><div className="figure">{r.escalatedFromCount}</div></div>}
        <div className="card"><div className="muted">Actions done</div><div className="figure" data-testid="action-progress">{r.actionProgress.count ? `${r.actionProgress.doneCount}/${r.actionProgress.count} · ${r.actionProgress.percent ?? 0}%` : '—'}</div></div>
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
      {matrix.data && <AssessmentTable inherent={r.inherent} residual={r.residual} scales={scalesOf(matrix.data.matrix)} />}
      <Dialog open={dialog === 'edit'} title="Edit risk" onClose={() => setDialog('')}>{dialog === 'edit' && <EditPanel risk={r} onDone={() => setDialog('')} />}</Dialog>
      <Dialog open={dialog === 'lesson'} title="Capture lesson for the risk library" onClose={() => setDialog('')}>{dialog === 'lesson' && <LessonForm risk={r} onDone={() => setDialog('')} />}</Dialog>
      <EscalatePanel risk={r} />
      <ActionsPanel risk={r} />
      <HistoryPanel id={r.id} />
    </div>
  );
}
