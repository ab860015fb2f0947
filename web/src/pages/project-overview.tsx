/** Project overview tab: key figures, milestones and recent activity. */
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { qk, type Project } from '../api/types';
import { Empty, ErrorState, Loading } from '../ui/states';
import { Progress, Rag } from './labels';
import { useTasks } from './task-queries';

/** The overview tab. */
export function ProjectOverview({ project: p }: { project: Project }) {
  const tasks = useTasks(p.id);
  const activity = useQuery({
    queryKey: qk.activity(p.id),
    queryFn: async () => (await ok(api.GET('/api/v1/projects/{id}/activity', { params: { path: { id: p.id }, query: { limit: 20 } } }))).items,
  });
  const milestones = (tasks.data ?? []).filter((t) => t.isMilestone);
  return (
    <div>
      <div className="cards">
        <div className="card"><div className="muted">Health</div><div className="figure"><Rag health={p.health} /></div></div>
        <div className="card"><div className="muted">Progress</div><div className="figure"><Progress percent={p.percentComplete} /></div></div>
        <div className="card"><div className="muted">Stage</div><div className="figure">{p.stageName}</div></div>
        <div className="card"><div className="muted">Dates</div><div>{p.startDate ?? '—'} → {p.finishDate ?? '—'}</div></div>
        <div className="card"><div className="muted">Manager</div><div>{p.managerName ?? '—'}</div></div>
        <div className="card"><div className="muted">Tasks</div><div className="figure" data-testid="task-count">{tasks.data?.length ?? p.taskCount}</div></div>
      </div>
      {p.description && <p>{p.description}</p>}
      <h2>Milestones</h2>
      {tasks.isLoading ? <Loading /> : milestones.length === 0 ? <Empty title="No milestones." /> : (
        <ul>{milestones.map((m) => <li key={m.id}><strong>{m.name}</strong> <span className="muted">{m.start?.slice(0, 10) ?? 'unscheduled'}</span></li>)}</ul>
      )}
      <h2>Recent activity</h2>
      {activity.isLoading ? <Loading /> : activity.error ? <ErrorState error={activity.error} /> : (activity.data ?? []).length === 0 ? <Empty title="No activity yet." /> : (
        <ul data-testid="activity">
          {(activity.data ?? []).map((a) => (
            <li key={a.id}><span className="muted">{new Date(a.at).toLocaleString()}</span> {a.actorName ?? 'system'} {a.action.replace(/[._]/g, ' ')} {a.entityType}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
