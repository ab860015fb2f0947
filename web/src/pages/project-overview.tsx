/** Project overview tab: key figures, milestones and recent activity. */
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { qk, type Project } from '../api/types';
import { Empty, ErrorState, Loading } from '../ui/states';
import { useToast } from '../ui/toast';
import { EditableCell } from './editable-cell';
import { Progress, Rag } from './labels';
import { parsePriority, useSetProjectPriority } from './project-queries';
import { useTasks } from './task-queries';

/** The overview tab. */
export function ProjectOverview({ project: p }: { project: Project }) {
  const tasks = useTasks(p.id);
  const activity = useQuery({
    queryKey: qk.activity(p.id),
    queryFn: async () => (await ok(api.GET('/api/v1/projects/{id}/activity', { params: { path: { id: p.id }, query: { limit: 20 } } }))).items,
  });
  const milestones = (tasks.data ?? []).filter((t) => t.isMilestone);
  const toast = useToast();
  const setPriority = useSetProjectPriority(p);
  const savePriority = (text: string) => {
    const n = parsePriority(text);
    if (n === null) toast('A priority is a whole number from 0 to 1000', 'error');
    else setPriority.mutate(n, { onSuccess: () => toast(`Priority set to ${n}`), onError: (e) => toast(e.message, 'error') });
  };
  return (
    <div>
      <div className="cards">
        <div className="card"><div className="muted">Health</div><div className="figure"><Rag health={p.health} /></div></div>
        <div className="card"><div className="muted">Progress</div><div className="figure"><Progress percent={p.percentComplete} /></div></div>
        <div className="card"><div className="muted">Stage</div><div className="figure">{p.stageName}</div></div>
        <div className="card"><div className="muted">Dates</div><div>{p.startDate ?? '—'} → {p.finishDate ?? '—'}</div></div>
        <div className="card"><div className="muted">Manager</div><div>{p.managerName ?? '—'}</div></div>
        <div className="card" title="0-1000 (default 500). Levelling gives shared people to higher-priority projects first; set by the PMO and portfolio managers.">
          <div className="muted">Priority</div>
          <div className="figure" data-testid="project-priority"><EditableCell type="number" value={String(p.priority)} label="project priority (0-1000)" editable={p.canSetPriority} onSave={savePriority} /></div>
        </div>
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
