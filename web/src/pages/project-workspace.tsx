/** Project workspace: header plus tabs (overview, tasks, Gantt, members); the Gantt is code-split. */
import { lazy, Suspense } from 'react';
import { Link, Navigate, Route, Routes, useLocation, useParams } from 'react-router';
import { ErrorState, Loading } from '../ui/states';
import { labelOf, Rag } from './labels';
import { useProject } from './project-queries';
import { ProjectOverview } from './project-overview';
import { TaskTable } from './task-table';
import { MembersPanel } from './members-panel';

const GanttView = lazy(() => import('../gantt/gantt-view'));
const FinancialsTab = lazy(() => import('./finance/financials-tab').then((m) => ({ default: m.FinancialsTab })));
const AssignmentsTab = lazy(() => import('./resources/assignments-tab').then((m) => ({ default: m.AssignmentsTab })));
const SubjectGates = lazy(() => import('./gates/subject-gates').then((m) => ({ default: m.SubjectGates })));
const TABS = [['overview', 'Overview'], ['tasks', 'Tasks'], ['gantt', 'Gantt'], ['assignments', 'Assignments'], ['members', 'Members'], ['financials', 'Financials'], ['gates', 'Gates']] as const;

/** The workspace page for /projects/:projectId/*. */
export function ProjectWorkspace() {
  const { projectId = '' } = useParams();
  const location = useLocation();
  const project = useProject(projectId);
  if (project.isLoading) return <Loading label="Loading project…" />;
  if (project.error) return <ErrorState error={project.error} />;
  const p = project.data!;
  const current = location.pathname.split('/')[3] ?? 'overview';
  return (
    <div style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
      <nav aria-label="Breadcrumb" className="muted"><Link to="/portfolio">Portfolio</Link> / {p.portfolioName}{p.programName ? ` / ${p.programName}` : ''}</nav>
      <div className="row">
        <h1 style={{ margin: '4px 0' }}>{p.code} · {p.name}</h1>
        <Rag health={p.health} />
        <span className="muted">{p.stageName} · {labelOf(p.status)}{p.myRole ? ` · you: ${labelOf(p.myRole)}` : ''}{p.canEdit ? '' : ' · read only'}</span>
        <Link className="btn btn-small" to={`/risks/projects/${p.id}`}>Risk register</Link>
      </div>
      <div className="tabs" role="tablist" aria-label="Project views">
        {TABS.map(([key, label]) => (
          <Link key={key} role="tab" aria-selected={current === key} to={`/projects/${p.id}/${key}`}>{label}</Link>
        ))}
      </div>
      <div role="tabpanel" aria-label={TABS.find(([k]) => k === current)?.[1] ?? 'Overview'} style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
        <Routes>
          <Route index element={<Navigate to="overview" replace />} />
          <Route path="overview" element={<ProjectOverview project={p} />} />
          <Route path="tasks" element={<TaskTable project={p} />} />
          <Route path="gantt" element={<Suspense fallback={<Loading label="Loading Gantt…" />}><GanttView project={p} /></Suspense>} />
          <Route path="assignments" element={<Suspense fallback={<Loading label="Loading assignments…" />}><AssignmentsTab project={p} /></Suspense>} />
          <Route path="members" element={<MembersPanel project={p} />} />
          <Route path="financials" element={<Suspense fallback={<Loading label="Loading financials…" />}><FinancialsTab project={p} /></Suspense>} />
          <Route path="gates" element={<Suspense fallback={<Loading label="Loading gates…" />}><SubjectGates kind="project" id={p.id} /></Suspense>} />
        </Routes>
      </div>
    </div>
  );
}
