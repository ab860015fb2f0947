/** A project's risk register: heat map, the list of risks, and a form to record one. */
import { lazy, Suspense, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { DataTable, type Column } from '../../ui/data-table';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { useProject } from '../project-queries';
import { Field, FormError } from '../../ui/form';
import { ProjectRiskNav } from './project-risk-nav';
import { scalesOf } from './risk-assessment';
import { RiskForm, type RiskFormValues } from './risk-form';
import { parseTags } from './risk-library-page';
import { formatCents, riskKeys, useProjectRisks, useRiskMatrix, useSuggestions, type Risk } from './risk-queries';

const RiskHeatMap = lazy(() => import('./risk-heatmap'));

const columns: Column<Risk>[] = [
  { key: 'title', header: 'Risk', width: 'minmax(200px, 2fr)', render: (r) => <Link to={`/risks/items/${r.id}`}>{r.title}</Link>, sortValue: (r) => r.title, filterText: (r) => `${r.title} ${r.category}` },
  { key: 'category', header: 'Category', width: '120px', render: (r) => r.category, sortValue: (r) => r.category },
  { key: 'inherent', header: 'Inherent', width: '90px', render: (r) => `${r.inherentScore} ${r.inherentRating}`, sortValue: (r) => r.inherentScore },
  { key: 'residual', header: 'Residual', width: '90px', render: (r) => `${r.residualScore} ${r.residualRating}`, sortValue: (r) => r.residualScore },
  { key: 'emv', header: 'EMV', width: '100px', render: (r) => formatCents(r.emvCents), sortValue: (r) => r.emvCents },
  { key: 'status', header: 'Status', width: '100px', render: (r) => r.status, sortValue: (r) => r.status },
  { key: 'attention', header: 'Attention', width: '110px', render: (r) => (r.attention.flagged ? <span className="rag rag-red" title={r.attention.reasons.join(', ')}>Needs attention</span> : '—'), sortValue: (r) => (r.attention.flagged ? 0 : 1) },
  { key: 'actions', header: 'Actions', width: '90px', render: (r) => (r.actionProgress.count ? `${r.actionProgress.doneCount}/${r.actionProgress.count} · ${r.actionProgress.percent ?? 0}%` : '—'), sortValue: (r) => r.actionProgress.percent ?? -1 },
  { key: 'escalated', header: 'Escalated to', width: '160px', render: (r) => (r.escalatedTo ? `${r.escalatedTo.level}: ${r.escalatedTo.title}` : '—'), sortValue: (r) => r.escalatedTo?.title ?? '' },
];

/** The project's type and tags, and the library templates suggested for them. */
function SuggestionsPanel({ projectId, canEdit }: { projectId: string; canEdit: boolean }) {
  const suggestions = useSuggestions(projectId);
  const client = useQueryClient();
  const toast = useToast();
  const navigate = useNavigate();
  const profile = suggestions.data?.profile;
  const [type, setType] = useState<string | null>(null);
  const [tags, setTags] = useState<string | null>(null);
  const saveProfile = useMutation({
    mutationFn: () => ok(api.PUT('/api/v1/projects/{id}/risk-profile', { params: { path: { id: projectId } }, body: { projectType: (type ?? profile?.projectType ?? '').trim(), tags: parseTags(tags ?? profile?.tags.join(', ') ?? ''), version: profile?.version ?? 0 } })),
    onSuccess: () => { toast('Project type saved'); setType(null); setTags(null); void client.invalidateQueries({ queryKey: riskKeys.suggestions(projectId) }); },
  });
  const apply = useMutation({
    mutationFn: (templateId: string) => ok(api.POST('/api/v1/projects/{id}/risks/from-template', { params: { path: { id: projectId } }, body: { templateId } })),
    onSuccess: (r) => { toast('Risk added from the library'); void client.invalidateQueries({ queryKey: riskKeys.all }); navigate(`/risks/items/${r.id}`); },
    onError: (e) => toast(e.message, 'error'),
  });
  if (suggestions.isLoading || !profile) return null;
  return (
    <section className="card" aria-labelledby="sugg-h">
      <h2 id="sugg-h" style={{ marginTop: 0, fontSize: 16 }}>Suggested from the risk library</h2>
      {canEdit ? (
        <form aria-label="Project type for suggestions" className="row" style={{ alignItems: 'end' }} onSubmit={(e) => { e.preventDefault(); saveProfile.mutate(); }}>
          <Field label="Project type" name="projectType" error={saveProfile.error}><input required value={type ?? profile.projectType ?? ''} onChange={(e) => setType(e.target.value)} placeholder="e.g. erp-rollout" /></Field>
          <Field label="Tags" name="tags" error={saveProfile.error}><input value={tags ?? profile.tags.join(', ')} onChange={(e) => setTags(e.target.value)} placeholder="comma-separated" /></Field>
          <button type="submit" className="btn" disabled={saveProfile.isPending}>Save</button>
          <FormError error={saveProfile.error} />
        </form>
      ) : <p className="muted">Project type: {profile.projectType ?? 'not set'}</p>}
      {!profile.projectType ? <p className="muted">Set the project type to see risks that projects of the same type met.</p> : suggestions.data!.items.length === 0 ? <p className="muted">No further suggestions for {profile.projectType} projects.</p> : (
        <ul data-testid="risk-suggestions" style={{ margin: 0 }}>
          {suggestions.data!.items.map((s) => (
            <li key={s.template.id}><strong>{s.template.title}</strong> <span className="muted">({s.reasons.join('; ')})</span>{' '}
              {canEdit && <button type="button" className="btn btn-small" onClick={() => apply.mutate(s.template.id)} disabled={apply.isPending} aria-label={`Add ${s.template.title} to the register`}>Add to register</button>}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Page for /risks/projects/:projectId. */
export function ProjectRisksPage() {
  const { projectId = '' } = useParams();
  const project = useProject(projectId);
  const risks = useProjectRisks(projectId);
  const client = useQueryClient();
  const toast = useToast();
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);
  const matrix = useRiskMatrix();
  const scales = matrix.data ? scalesOf(matrix.data.matrix) : undefined;
  const create = useMutation({
    mutationFn: (body: RiskFormValues) => ok(api.POST('/api/v1/projects/{id}/risks', { params: { path: { id: projectId } }, body })),
    onSuccess: (r) => { toast('Risk recorded'); setAdding(false); void client.invalidateQueries({ queryKey: riskKeys.all }); navigate(`/risks/items/${r.id}`); },
  });
  if (project.error) return <ErrorState error={project.error} />;
  const p = project.data;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12, minHeight: 0, flex: 1 }}>
      <nav aria-label="Breadcrumb" className="muted"><Link to="/risks">Risks</Link>{p ? <> / <Link to={`/projects/${p.id}`}>{p.name}</Link></> : null}</nav>
      <div className="row">
        <h1 style={{ margin: 0 }}>Risk register{p ? ` · ${p.name}` : ''}</h1><span className="spacer" />
        <button type="button" className="btn btn-primary" onClick={() => setAdding(!adding)} aria-expanded={adding}>New risk</button>
      </div>
      <ProjectRiskNav projectId={projectId} current="" />
      {adding && <div className="card"><RiskForm onSubmit={(b) => create.mutate(b)} error={create.error} pending={create.isPending} scales={scales} /></div>}
      {risks.isLoading ? <Loading label="Loading risks…" /> : risks.error ? <ErrorState error={risks.error} /> : (
        <>
          <div className="cards">
            <div className="card"><div className="muted">Risks</div><div className="figure" data-testid="risk-count">{risks.data!.items.length}</div></div>
            <div className="card"><div className="muted">Need attention</div><div className="figure rag-red">{risks.data!.items.filter((r) => r.attention.flagged).length}</div></div>
            <div className="card"><div className="muted">Threat EMV</div><div className="figure">{formatCents(risks.data!.items.filter((r) => r.kind === 'threat' && r.status !== 'closed').reduce((s, r) => s + r.emvCents, 0))}</div></div>
          </div>
          <Suspense fallback={<div style={{ height: 280 }} />}><RiskHeatMap map={risks.data!.heatMap} label="Project risk heat map (residual)" /></Suspense>
          {/* Not squeezed by an open "New risk" form: the page scrolls instead. */}
          <div style={{ flexShrink: 0 }}>
            <DataTable label="Risks" rows={risks.data!.items} columns={columns} rowKey={(r) => r.id} height={400}
              onActivate={(r) => navigate(`/risks/items/${r.id}`)} initialSort={{ key: 'residual', dir: 'desc' }}
              empty={<Empty title="No risks recorded yet." />} />
          </div>
          <SuggestionsPanel projectId={projectId} canEdit={!!p && (p.canEdit || p.myRole === 'team_member')} />
        </>
      )}
    </div>
  );
}
