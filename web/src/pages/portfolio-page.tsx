/** Portfolio overview: every visible project, filters, a chart, drill-down, and "New project". */
import { lazy, Suspense, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { HEALTHS, STAGES, type Project } from '../api/types';
import { DataTable, type Column } from '../ui/data-table';
import { Empty, ErrorState, Loading } from '../ui/states';
import { labelOf, Progress, Rag } from './labels';
import { usePortfolios, usePrograms, useProjects } from './project-queries';
import { NewProjectDialog } from './new-project-dialog';
import { ImportProjectDialog } from './import-project-dialog';

const PortfolioChart = lazy(() => import('./portfolio-chart'));
const HEALTH_ORDER = { red: 0, amber: 1, green: 2 } as const;
const FILTERS = ['portfolioId', 'programId', 'stage', 'managerId', 'health'] as const;

/** Applies the overview filters (pure; exported for tests). */
export function filterProjects(projects: Project[], f: Partial<Record<(typeof FILTERS)[number], string>>): Project[] {
  return projects.filter((p) =>
    (!f.portfolioId || p.portfolioId === f.portfolioId) &&
    (!f.programId || p.programId === f.programId) &&
    (!f.stage || p.stage === f.stage) &&
    (!f.managerId || p.managerId === f.managerId) &&
    (!f.health || p.health === f.health));
}

const columns: Column<Project>[] = [
  { key: 'code', header: 'Code', width: '90px', render: (p) => p.code, sortValue: (p) => p.code, filterText: (p) => p.code },
  { key: 'name', header: 'Project', width: 'minmax(180px, 2fr)', render: (p) => <a href={`/projects/${p.id}`} onClick={(e) => e.preventDefault()} tabIndex={-1}>{p.name}</a>, sortValue: (p) => p.name, filterText: (p) => p.name },
  { key: 'portfolio', header: 'Portfolio', width: '1fr', render: (p) => p.programName ? `${p.portfolioName} / ${p.programName}` : p.portfolioName, sortValue: (p) => p.portfolioName, filterText: (p) => `${p.portfolioName} ${p.programName ?? ''}` },
  { key: 'stage', header: 'Stage', width: '100px', render: (p) => p.stageName, sortValue: (p) => STAGES.indexOf(p.stage) },
  { key: 'status', header: 'Status', width: '100px', render: (p) => labelOf(p.status), sortValue: (p) => p.status },
  { key: 'health', header: 'Health', width: '90px', render: (p) => <Rag health={p.health} />, sortValue: (p) => HEALTH_ORDER[p.health] },
  { key: 'progress', header: 'Progress', width: '140px', render: (p) => <Progress percent={p.percentComplete} />, sortValue: (p) => p.percentComplete },
  { key: 'start', header: 'Start', width: '100px', render: (p) => p.startDate ?? '—', sortValue: (p) => p.startDate },
  { key: 'finish', header: 'Finish', width: '100px', render: (p) => p.finishDate ?? '—', sortValue: (p) => p.finishDate },
  { key: 'manager', header: 'Manager', width: '140px', render: (p) => p.managerName ?? '—', sortValue: (p) => p.managerName, filterText: (p) => p.managerName ?? '' },
];

/** The overview page. */
export function PortfolioPage() {
  const projects = useProjects();
  const portfolios = usePortfolios();
  const programs = usePrograms();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const f = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''])) as Record<(typeof FILTERS)[number], string>;
  const all = useMemo(() => projects.data ?? [], [projects.data]);
  const filterKey = FILTERS.map((k) => f[k]).join('|');
  const rows = useMemo(() => filterProjects(all, f), [all, filterKey]);
  const managers = useMemo(() => {
    const m = new Map<string, string>();
    for (const p of all) if (p.managerId) m.set(p.managerId, p.managerName ?? p.managerId);
    return [...m].sort((a, b) => a[1].localeCompare(b[1]));
  }, [all]);
  const setFilter = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v); else next.delete(k);
    if (k === 'portfolioId') next.delete('programId');
    setParams(next, { replace: true });
  };
  const counts = { red: 0, amber: 0, green: 0 };
  for (const p of rows) counts[p.health]++;

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12, minHeight: 0, flex: 1 }}>
      <div className="row"><h1 style={{ margin: 0 }}>Portfolio overview</h1><span className="spacer" />
        <button type="button" className="btn" onClick={() => setImporting(true)}>Import MS Project</button>
        <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>New project</button>
      </div>
      <div className="cards">
        <div className="card"><div className="muted">Projects</div><div className="figure" data-testid="project-count">{rows.length}</div></div>
        <div className="card"><div className="muted">Red</div><div className="figure rag-red">{counts.red}</div></div>
        <div className="card"><div className="muted">Amber</div><div className="figure rag-amber">{counts.amber}</div></div>
        <div className="card"><div className="muted">Green</div><div className="figure rag-green">{counts.green}</div></div>
      </div>
      <div className="filters" role="group" aria-label="Filters">
        <label>Portfolio<select value={f.portfolioId} onChange={(e) => setFilter('portfolioId', e.target.value)}>
          <option value="">All</option>{(portfolios.data ?? []).map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}</select></label>
        <label>Program<select value={f.programId} onChange={(e) => setFilter('programId', e.target.value)}>
          <option value="">All</option>{(programs.data ?? []).filter((p) => !f.portfolioId || p.portfolioId === f.portfolioId).map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}</select></label>
        <label>Stage<select value={f.stage} onChange={(e) => setFilter('stage', e.target.value)}>
          <option value="">All</option>{STAGES.map((s) => <option key={s} value={s}>{labelOf(s)}</option>)}</select></label>
        <label>Manager<select value={f.managerId} onChange={(e) => setFilter('managerId', e.target.value)}>
          <option value="">All</option>{managers.map(([id, name]) => <option key={id} value={id}>{name}</option>)}</select></label>
        <label>Health<select value={f.health} onChange={(e) => setFilter('health', e.target.value)}>
          <option value="">All</option>{HEALTHS.map((h) => <option key={h} value={h}>{labelOf(h)}</option>)}</select></label>
      </div>
      {all.length > 0 && <Suspense fallback={<div style={{ height: 220 }} />}><PortfolioChart projects={rows} /></Suspense>}
      {projects.isLoading ? <Loading label="Loading projects…" /> : projects.error ? <ErrorState error={projects.error} /> : (
        <DataTable label="Projects" rows={rows} columns={columns} rowKey={(p) => p.id} height={520}
          onActivate={(p) => navigate(`/projects/${p.id}`)} initialSort={{ key: 'code', dir: 'asc' }}
          empty={<Empty title="No projects match."><button type="button" className="btn" onClick={() => setCreating(true)}>Create a project</button></Empty>} />
      )}
      <NewProjectDialog open={creating} onClose={() => setCreating(false)} onCreated={(p) => navigate(`/projects/${p.id}`)} />
      <ImportProjectDialog open={importing} onClose={() => setImporting(false)} onImported={(id) => navigate(`/projects/${id}/gantt`)} />
    </div>
  );
}
