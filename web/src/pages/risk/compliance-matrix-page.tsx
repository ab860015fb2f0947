/** The portfolio compliance matrix: per lifecycle, a row per project and a cell per checklist item. */
import { Link, useSearchParams } from 'react-router';
import { ErrorState, Loading } from '../../ui/states';
import { usePortfolios } from '../project-queries';
import { STATUS_CLASS, STATUS_TEXT } from './compliance-page';
import { useComplianceMatrix } from './risk-queries';

const GLYPH = { met: '✓', 'not-met': '✗', expired: '!', 'not-applicable': '·' } as const;

/** Page for /risks/compliance. */
export function ComplianceMatrixPage() {
  const [params, setParams] = useSearchParams();
  const portfolioId = params.get('portfolioId') ?? '';
  const portfolios = usePortfolios();
  const matrix = useComplianceMatrix(portfolioId);
  const m = matrix.data;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <nav aria-label="Breadcrumb" className="muted"><Link to="/risks">Risks</Link></nav>
      <h1 style={{ margin: 0 }}>Compliance matrix</h1>
      <div className="filters" role="group" aria-label="Matrix filters">
        <label>Portfolio<select value={portfolioId} onChange={(e) => setParams(e.target.value ? { portfolioId: e.target.value } : {}, { replace: true })}>
          <option value="">All</option>{(portfolios.data ?? []).map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}</select></label>
        <Link to="/risks/settings" className="btn btn-small">Checklists</Link>
      </div>
      {matrix.isLoading ? <Loading label="Loading compliance matrix…" /> : matrix.error ? <ErrorState error={matrix.error} /> : m && (
        <>
          <p data-testid="compliance-summary">{m.compliantCount} of {m.projectCount} active projects are compliant as of {m.asOf}.</p>
          {m.lifecycles.map((lc) => (
            <section key={lc.lifecycleId} aria-label={`Compliance matrix: ${lc.lifecycleName}`} style={{ overflowX: 'auto' }}>
              <h2>{lc.lifecycleName}</h2>
              <table data-testid="compliance-matrix" style={{ borderCollapse: 'collapse' }}>
                <thead><tr><th align="left">Project</th><th align="left">Stage</th>{lc.items.map((i) => <th key={i.id} scope="col" title={i.title} style={{ maxWidth: 120, fontSize: 12 }}>{i.title}</th>)}<th align="right">Met</th></tr></thead>
                <tbody>
                  {lc.rows.map((r) => (
                    <tr key={r.projectId}>
                      <th scope="row" align="left"><Link to={`/risks/projects/${r.projectId}/compliance`}>{r.projectCode} · {r.projectName}</Link>{r.compliant ? '' : <span className="rag rag-red" style={{ marginLeft: 6 }}><span className="sr-only">not compliant</span></span>}</th>
                      <td>{r.stageName}</td>
                      {r.cells.map((cell, k) => <td key={lc.items[k]!.id} align="center" className={STATUS_CLASS[cell]} title={`${lc.items[k]!.title}: ${STATUS_TEXT[cell]}`}><span aria-hidden="true">{GLYPH[cell]}</span><span className="sr-only">{STATUS_TEXT[cell]}</span></td>)}
                      <td align="right">{r.percent}%</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
        </>
      )}
    </div>
  );
}
