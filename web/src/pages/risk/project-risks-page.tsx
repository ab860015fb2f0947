/** A project's risk register: heat map, the list of risks, and a form to record one. */
import { lazy, Suspense, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { DataTable, type Column } from '../../ui/data-table';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { useProject } from '../project-queries';
import { RiskForm, type RiskFormValues } from './risk-form';
import { formatCents, riskKeys, useProjectRisks, type Risk } from './risk-queries';

const RiskHeatMap = lazy(() => import('./risk-heatmap'));

const columns: Column<Risk>[] = [
  { key: 'title', header: 'Risk', width: 'minmax(200px, 2fr)', render: (r) => <Link to={`/risks/items/${r.id}`}>{r.title}</Link>, sortValue: (r) => r.title, filterText: (r) => `${r.title} ${r.category}` },
  { key: 'category', header: 'Category', width: '120px', render: (r) => r.category, sortValue: (r) => r.category },
  { key: 'inherent', header: 'Inherent', width: '90px', render: (r) => `${r.inherentScore} ${r.inherentRating}`, sortValue: (r) => r.inherentScore },
  { key: 'residual', header: 'Residual', width: '90px', render: (r) => `${r.residualScore} ${r.residualRating}`, sortValue: (r) => r.residualScore },
  { key: 'emv', header: 'EMV', width: '100px', render: (r) => formatCents(r.emvCents), sortValue: (r) => r.emvCents },
  { key: 'status', header: 'Status', width: '100px', render: (r) => r.status, sortValue: (r) => r.status },
  { key: 'attention', header: 'Attention', width: '110px', render: (r) => (r.attention.flagged ? <span className="rag rag-red" title={r.attention.reasons.join(', ')}>Needs attention</span> : '—'), sortValue: (r) => (r.attention.flagged ? 0 : 1) },
  { key: 'escalated', header: 'Escalated to', width: '160px', render: (r) => (r.escalatedTo ? `${r.escalatedTo.level}: ${r.escalatedTo.title}` : '—'), sortValue: (r) => r.escalatedTo?.title ?? '' },
];

/** Page for /risks/projects/:projectId. */
export function ProjectRisksPage() {
  const { projectId = '' } = useParams();
  const project = useProject(projectId);
  const risks = useProjectRisks(projectId);
  const client = useQueryClient();
  const toast = useToast();
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);
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
        <Link className="btn" to={`/risks/projects/${projectId}/monte-carlo`}>Monte Carlo analysis</Link>
        <button type="button" className="btn btn-primary" onClick={() => setAdding(!adding)} aria-expanded={adding}>New risk</button>
      </div>
      {adding && <div className="card"><RiskForm onSubmit={(b) => create.mutate(b)} error={create.error} pending={create.isPending} /></div>}
      {risks.isLoading ? <Loading label="Loading risks…" /> : risks.error ? <ErrorState error={risks.error} /> : (
        <>
          <div className="cards">
            <div className="card"><div className="muted">Risks</div><div className="figure" data-testid="risk-count">{risks.data!.items.length}</div></div>
            <div className="card"><div className="muted">Need attention</div><div className="figure rag-red">{risks.data!.items.filter((r) => r.attention.flagged).length}</div></div>
            <div className="card"><div className="muted">Threat EMV</div><div className="figure">{formatCents(risks.data!.items.filter((r) => r.kind === 'threat' && r.status !== 'closed').reduce((s, r) => s + r.emvCents, 0))}</div></div>
          </div>
          <Suspense fallback={<div style={{ height: 280 }} />}><RiskHeatMap map={risks.data!.heatMap} label="Project risk heat map (residual)" /></Suspense>
          <DataTable label="Risks" rows={risks.data!.items} columns={columns} rowKey={(r) => r.id} height={400}
            onActivate={(r) => navigate(`/risks/items/${r.id}`)} initialSort={{ key: 'residual', dir: 'desc' }}
            empty={<Empty title="No risks recorded yet." />} />
        </>
      )}
    </div>
  );
}
