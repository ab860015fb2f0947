/** Portfolio risk dashboard: heat map, top risks, exposure roll-up, and the way into each project register. */
import { lazy, Suspense, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../../api/session';
import { ErrorState, Loading } from '../../ui/states';
import { usePortfolios, useProjects } from '../project-queries';
import { formatCents, useExposureTrend, useRiskDashboard } from './risk-queries';

const RiskHeatMap = lazy(() => import('./risk-heatmap'));
const RiskTrend = lazy(() => import('./risk-trend'));

function TrendPanel({ portfolioId }: { portfolioId: string }) {
  const trend = useExposureTrend(portfolioId);
  return (
    <section aria-labelledby="trend-h">
      <h2 id="trend-h">Exposure trend</h2>
      {trend.isLoading ? <Loading label="Loading trend…" /> : trend.error ? <ErrorState error={trend.error} /> : <Suspense fallback={<div style={{ height: 260 }} />}><RiskTrend trend={trend.data!} /></Suspense>}
    </section>
  );
}
const PORTFOLIO_WIDE = new Set(['admin', 'pmo', 'portfolio_manager', 'finance']);
const GROUPS = ['project', 'program', 'portfolio', 'category', 'level'] as const;

function Dashboard({ portfolioId, groupBy }: { portfolioId: string; groupBy: (typeof GROUPS)[number] }) {
  const dash = useRiskDashboard(portfolioId, groupBy);
  if (dash.isLoading) return <Loading label="Loading risk dashboard…" />;
  if (dash.error) return <ErrorState error={dash.error} />;
  const d = dash.data!;
  return (
    <>
      <div className="cards">
        <div className="card"><div className="muted">Risks</div><div className="figure" data-testid="dashboard-risk-count">{d.riskCount}</div></div>
        <div className="card"><div className="muted">Open</div><div className="figure">{d.openCount}</div></div>
        <div className="card"><div className="muted">Net exposure</div><div className="figure" data-testid="net-exposure">{formatCents(d.netExposureCents)}</div></div>
        <div className="card"><div className="muted">Threat / opportunity EMV</div><div className="figure">{formatCents(d.threatEmvCents)} / {formatCents(d.opportunityEmvCents)}</div></div>
      </div>
      {d.carriedCount > 0 && <p className="muted" data-testid="carried-note">{d.carriedCount} escalated risk{d.carriedCount > 1 ? 's are' : ' is'} counted once, in the higher-level risk {d.carriedCount > 1 ? 'they are' : 'it is'} linked to.</p>}
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(320px, 520px) 1fr', gap: 16, alignItems: 'start' }}>
        <Suspense fallback={<div style={{ height: 280 }} />}><RiskHeatMap map={d.heatMap} label={`Portfolio risk heat map (${d.basis})`} /></Suspense>
        <section aria-labelledby="top-h">
          <h2 id="top-h" style={{ marginTop: 0 }}>Top risks</h2>
          <table data-testid="top-risks" style={{ width: '100%', borderCollapse: 'collapse' }}>
            <thead><tr><th align="left">Risk</th><th align="left">Level</th><th align="left">Project</th><th align="right">Score</th><th align="right">EMV</th></tr></thead>
            <tbody>
              {d.topRisks.map((t) => (
                <tr key={t.id}>
                  <td><Link to={`/risks/items/${t.id}`}>{t.title}</Link>{t.escalatedFromCount > 0 ? <span className="muted"> ({t.escalatedFromCount} linked)</span> : null}</td>
                  <td>{t.level}</td><td>{t.projectName ?? '—'}</td><td align="right">{t.score} {t.rating}</td><td align="right">{formatCents(t.emvCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <TrendPanel portfolioId={portfolioId} />
      <section aria-labelledby="exp-h">
        <h2 id="exp-h">Exposure by {groupBy}{d.groupCount > d.exposure.length ? ` (largest ${d.exposure.length} of ${d.groupCount})` : ''}</h2>
        <table style={{ width: '100%', borderCollapse: 'collapse' }}>
          <thead><tr><th align="left">{groupBy}</th><th align="right">Risks</th><th align="right">Threat EMV</th><th align="right">Opportunity EMV</th><th align="right">Net</th><th align="right">Max score</th></tr></thead>
          <tbody>
            {d.exposure.map((g) => (
              <tr key={g.key ?? '(none)'}>
                <td>{g.name ?? g.key ?? '(none)'}</td><td align="right">{g.riskCount}</td><td align="right">{formatCents(g.threatEmvCents)}</td>
                <td align="right">{formatCents(g.opportunityEmvCents)}</td><td align="right">{formatCents(g.netExposureCents)}</td><td align="right">{g.maxScore}</td><td>{Object.entries(g.ratingCounts).filter(([, n]) => n > 0).map(([r, n]) => `${r} ${n}`).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

/** Page for /risks. */
export function PortfolioRiskPage() {
  const { user } = useSession();
  const projects = useProjects();
  const portfolios = usePortfolios();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [project, setProject] = useState('');
  const portfolioId = params.get('portfolioId') ?? '';
  const groupBy = (GROUPS as readonly string[]).includes(params.get('groupBy') ?? '') ? (params.get('groupBy') as (typeof GROUPS)[number]) : 'project';
  const setParam = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v); else next.delete(k);
    setParams(next, { replace: true });
  };
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <div className="row"><h1 style={{ margin: 0 }}>Risks</h1><span className="spacer" />
        <Link className="btn btn-small" to="/risks/library">Risk library</Link>
        {PORTFOLIO_WIDE.has(user?.orgRole ?? '') && <Link className="btn btn-small" to="/risks/compliance">Compliance matrix</Link>}
        {['admin', 'pmo'].includes(user?.orgRole ?? '') && <Link className="btn btn-small" to="/risks/settings">Scales and checklists</Link>}
      </div>
      <form className="filters" aria-label="Open a project risk register" onSubmit={(e) => { e.preventDefault(); if (project) navigate(`/risks/projects/${project}`); }}>
        <label>Project register<select value={project} onChange={(e) => setProject(e.target.value)}>
          <option value="">Choose a project…</option>{(projects.data ?? []).map((p) => <option key={p.id} value={p.id}>{p.code} · {p.name}</option>)}</select></label>
        <button type="submit" className="btn" disabled={!project}>Open register</button>
      </form>
      {PORTFOLIO_WIDE.has(user?.orgRole ?? '') ? (
        <>
          <div className="filters" role="group" aria-label="Dashboard filters">
            <label>Portfolio<select value={portfolioId} onChange={(e) => setParam('portfolioId', e.target.value)}>
              <option value="">All</option>{(portfolios.data ?? []).map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}</select></label>
            <label>Exposure by<select value={groupBy} onChange={(e) => setParam('groupBy', e.target.value)}>
              {GROUPS.map((g) => <option key={g} value={g}>{g}</option>)}</select></label>
          </div>
          <Dashboard portfolioId={portfolioId} groupBy={groupBy} />
        </>
      ) : <p className="muted">The portfolio risk dashboard is for portfolio-wide roles; open one of your project registers above.</p>}
    </div>
  );
}
