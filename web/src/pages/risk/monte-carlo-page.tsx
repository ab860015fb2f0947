/** Monte Carlo schedule and cost analysis of a project: P50/P80 finish dates and costs, histogram, S-curves, tornado. */
import { lazy, Suspense, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { Field, FormError } from '../../ui/form';
import { useProject } from '../project-queries';
import { ProjectRiskNav } from './project-risk-nav';
import { formatCents } from './risk-queries';

const RiskHistogram = lazy(() => import('./risk-histogram'));
const MonteCarloCharts = lazy(() => import('./risk-mc-charts'));

/** Page for /risks/projects/:projectId/monte-carlo. */
export function MonteCarloPage() {
  const { projectId = '' } = useParams();
  const project = useProject(projectId);
  const [iterations, setIterations] = useState('5000');
  const [seed, setSeed] = useState('1');
  const [target, setTarget] = useState('');
  const [budget, setBudget] = useState('');
  const budgetCents = budget.trim() === '' ? undefined : Math.round(Number(budget) * 100);
  const run = useMutation({
    mutationFn: () => ok(api.GET('/api/v1/projects/{id}/monte-carlo', { params: { path: { id: projectId }, query: { iterations: Number(iterations), seed, ...(target ? { targetDate: target } : {}), ...(budgetCents !== undefined && Number.isFinite(budgetCents) ? { budgetCents } : {}) } } })),
  });
  const r = run.data;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <nav aria-label="Breadcrumb" className="muted"><Link to="/risks">Risks</Link> / <Link to={`/risks/projects/${projectId}`}>{project.data?.name ?? 'Project'}</Link></nav>
      <h1 style={{ margin: 0 }}>Monte Carlo schedule analysis</h1>
      <ProjectRiskNav projectId={projectId} current="/monte-carlo" />
      <p className="muted">Durations vary between the stored three-point estimates (or 0.8× and 1.5× the planned duration); task costs follow their durations; open risks with a schedule or cost impact occur at their probability.</p>
      <form aria-label="Simulation settings" className="row" style={{ alignItems: 'end' }} onSubmit={(e) => { e.preventDefault(); run.mutate(); }}>
        <Field label="Iterations" name="iterations" error={run.error}><input inputMode="numeric" value={iterations} onChange={(e) => setIterations(e.target.value)} /></Field>
        <Field label="Seed" name="seed" error={run.error}><input value={seed} onChange={(e) => setSeed(e.target.value)} /></Field>
        <Field label="Target date" name="targetDate" error={run.error}><input type="date" value={target} onChange={(e) => setTarget(e.target.value)} /></Field>
        <Field label="Budget" name="budgetCents" error={run.error}><input inputMode="decimal" value={budget} onChange={(e) => setBudget(e.target.value)} /></Field>
        <button type="submit" className="btn btn-primary" disabled={run.isPending}>{run.isPending ? 'Running…' : 'Run simulation'}</button>
      </form>
      <FormError error={run.error} />
      {r && (
        <>
          <div className="cards" data-testid="mc-results">
            <div className="card"><div className="muted">Planned (most likely)</div><div className="figure">{r.deterministicFinishDate}</div></div>
            <div className="card"><div className="muted">P50 finish</div><div className="figure" data-testid="mc-p50">{r.p50}</div></div>
            <div className="card"><div className="muted">P80 finish</div><div className="figure" data-testid="mc-p80">{r.p80}</div></div>
            <div className="card"><div className="muted">P90 finish</div><div className="figure">{r.p90}</div></div>
            {r.probabilityOfMeetingTarget !== null && <div className="card"><div className="muted">Chance of meeting target</div><div className="figure">{Math.round(r.probabilityOfMeetingTarget * 100)}%</div></div>}
          </div>
          <div className="cards" data-testid="mc-cost">
            <div className="card"><div className="muted">Planned cost</div><div className="figure">{formatCents(r.cost.deterministicCents)}</div></div>
            <div className="card"><div className="muted">P50 cost</div><div className="figure" data-testid="mc-cost-p50">{formatCents(r.cost.p50Cents)}</div></div>
            <div className="card"><div className="muted">P80 cost</div><div className="figure">{formatCents(r.cost.p80Cents)}</div></div>
            <div className="card"><div className="muted">P90 cost</div><div className="figure">{formatCents(r.cost.p90Cents)}</div></div>
            {r.cost.probabilityOfMeetingBudget !== null && <div className="card"><div className="muted">Chance of meeting budget</div><div className="figure">{Math.round(r.cost.probabilityOfMeetingBudget * 100)}%</div></div>}
          </div>
          <p className="muted">{r.iterations} iterations, seed “{r.seed}”, {r.taskCount} tasks ({r.estimatedTaskCount} with stored estimates), {r.riskEventCount} risk events, start {r.startDate}.</p>
          <Suspense fallback={<div style={{ height: 300 }} />}><RiskHistogram result={r} /></Suspense>
          <Suspense fallback={<div style={{ height: 300 }} />}><MonteCarloCharts result={r} /></Suspense>
          <section aria-labelledby="tornado-h">
            <h2 id="tornado-h">Schedule drivers</h2>
            <p className="muted">Sensitivity is the rank correlation of a task's simulated duration with the finish; criticality is the share of iterations in which the task was critical.</p>
            <table style={{ borderCollapse: 'collapse' }}>
              <thead><tr><th align="left">Task</th><th align="right">Sensitivity</th><th align="right">Criticality</th></tr></thead>
              <tbody>{r.tornado.map((t) => <tr key={t.taskId}><td>{t.taskName}</td><td align="right">{t.sensitivity.toFixed(2)}</td><td align="right">{Math.round(t.criticalityIndex * 100)}%</td></tr>)}</tbody>
            </table>
          </section>
        </>
      )}
    </div>
  );
}
