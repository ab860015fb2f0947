/**
 * Levelling preview: choose projects (the order you pick them is their priority) and whether tasks may be split,
 * run a preview, compare task dates (table and before/after Gantt) and the load per week before/after, then
 * apply in one transaction.
 */
import { lazy, Suspense, useMemo, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { useToast } from '../../ui/toast';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { useProjects } from '../project-queries';
import { addDays, loadPerWeek, mondayOf, workingDays, type LoadItem } from './resource-load';
import { LevelingGantt } from './leveling-gantt';
import './resources.css';

const LoadHistogram = lazy(() => import('./load-histogram'));

type Strategy = 'priority' | 'optimize';

/** Tasks and assignments of the chosen projects, as load items keyed by task. */
async function fetchLoad(projectIds: string[]): Promise<{ taskId: string; start: string; finish: string; workMinutes: number }[]> {
  const out: { taskId: string; start: string; finish: string; workMinutes: number }[] = [];
  for (const id of projectIds) {
    const [tasks, assignments] = await Promise.all([
      ok(api.GET('/api/v1/projects/{id}/tasks', { params: { path: { id } } })),
      ok(api.GET('/api/v1/projects/{id}/assignments', { params: { path: { id } } })),
    ]);
    const byId = new Map(tasks.items.map((t) => [t.id, t]));
    for (const a of assignments.items) {
      const t = byId.get(a.taskId);
      if (t?.start && t.finish) out.push({ taskId: t.id, start: t.start, finish: t.finish, workMinutes: a.workMinutes });
    }
  }
  return out;
}

/** The levelling page. */
export function LevelingPage() {
  const projects = useProjects();
  const client = useQueryClient();
  const toast = useToast();
  const [chosen, setChosen] = useState<string[]>([]);
  const [filter, setFilter] = useState('');
  const [strategy, setStrategy] = useState<Strategy>('priority');
  const [allowSplits, setAllowSplits] = useState(false);
  const names = useMemo(() => new Map((projects.data ?? []).map((p) => [p.id, p.name])), [projects.data]);
  const visible = useMemo(() => (projects.data ?? []).filter((p) => p.name.toLowerCase().includes(filter.toLowerCase())).slice(0, 200), [projects.data, filter]);

  const preview = useMutation({
    mutationFn: async () => {
      const result = await ok(api.POST('/api/v1/leveling/preview', { body: { projectIds: chosen, strategy, allowSplits } }));
      const load = await fetchLoad(chosen);
      return { result, load };
    },
    onError: (e) => toast(e.message, 'error'),
  });
  const apply = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/leveling/apply', { body: { projectIds: chosen, strategy, allowSplits, previewToken: preview.data!.result.previewToken } })),
    onSuccess: (r) => {
      toast(`Levelling applied: ${r.applied} tasks moved`);
      void client.invalidateQueries();
      preview.reset();
    },
    onError: (e) => toast(e.message, 'error'),
  });

  const histogram = useMemo(() => {
    if (!preview.data) return null;
    const { load, result } = preview.data;
    if (!load.length) return null;
    const moved = new Map(result.changes.map((c) => [c.taskId, c]));
    // A split task's work is spread over its pieces, in proportion to their working days.
    const after: LoadItem[] = load.flatMap((l) => {
      const c = moved.get(l.taskId);
      if (!c) return [l];
      if (!c.pieces) return [{ ...l, start: c.newStart, finish: c.newFinish }];
      const days = c.pieces.map((p) => Math.max(1, workingDays(p.start, p.finish).length));
      const total = days.reduce((a, b) => a + b, 0);
      return c.pieces.map((p, i) => ({ ...l, start: p.start, finish: p.finish, workMinutes: (l.workMinutes * days[i]!) / total }));
    });
    const first = mondayOf(load.reduce((m, l) => (l.start < m ? l.start : m), load[0]!.start));
    const last = [...load, ...after].reduce((m, l) => (l.finish > m ? l.finish : m), load[0]!.finish);
    const n = Math.min(104, Math.max(1, Math.ceil((new Date(`${last.slice(0, 10)}T00:00:00Z`).getTime() - new Date(`${first}T00:00:00Z`).getTime()) / (7 * 86_400_000)) + 1));
    const weeks = Array.from({ length: n }, (_, i) => addDays(first, 7 * i));
    return { weeks, before: loadPerWeek(load, first, n), after: loadPerWeek(after, first, n) };
  }, [preview.data]);

  const toggle = (id: string) => {
    setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));
    preview.reset();
  };
  const result = preview.data?.result;
  return (
    <div>
      <div className="row"><h1>Resource levelling</h1></div>
      <p className="muted">Pick projects in priority order (the first gets people first). The preview changes nothing; apply writes every new date in one transaction.</p>
      {projects.isLoading ? <Loading /> : projects.error ? <ErrorState error={projects.error} /> : (
        <div className="filters">
          <fieldset style={{ maxHeight: 220, overflow: 'auto', minWidth: 320 }}>
            <legend>Projects</legend>
            <input type="search" aria-label="Filter projects" placeholder="Filter" value={filter} onChange={(e) => setFilter(e.target.value)} />
            {visible.map((p) => (
              <label key={p.id} style={{ display: 'block' }}>
                <input type="checkbox" checked={chosen.includes(p.id)} onChange={() => toggle(p.id)} /> {p.name}
                {chosen.includes(p.id) && <span className="muted"> (priority {chosen.indexOf(p.id) + 1})</span>}
              </label>
            ))}
          </fieldset>
          <label className="field">Strategy
            <select value={strategy} onChange={(e) => { setStrategy(e.target.value as Strategy); preview.reset(); }}>
              <option value="priority">Priority order</option>
              <option value="optimize">Shortest portfolio (optimise)</option>
            </select>
          </label>
          <label className="field" style={{ flexDirection: 'row', alignItems: 'center', gap: 6 }}>
            <input type="checkbox" checked={allowSplits} onChange={(e) => { setAllowSplits(e.target.checked); preview.reset(); }} /> Allow splitting tasks
          </label>
          <button type="button" className="btn btn-primary" disabled={!chosen.length || preview.isPending} onClick={() => preview.mutate()}>Preview</button>
        </div>
      )}
      {preview.isPending && <Loading label="Levelling…" />}
      {result && (
        <section aria-label="Levelling preview" data-testid="leveling-preview">
          <p data-testid="leveling-stats">
            {result.changes.length} tasks move{result.stats.splitTasks ? ` (${result.stats.splitTasks} split)` : ''}; {result.stats.tasks} tasks, {result.stats.resources} resources; portfolio length {result.stats.unleveledMakespanDays} to {result.stats.makespanDays} working days from {result.origin}.
          </p>
          {result.conflicts.length > 0 && (
            <div className="form-error" role="alert"><strong>Conflicts</strong><ul>{result.conflicts.map((c, i) => <li key={i}>{c.message}</li>)}</ul></div>
          )}
          {result.changes.length > 0 && <LevelingGantt changes={result.changes.map((c) => ({ ...c, projectName: names.get(c.projectId) ?? '' }))} />}
          {histogram && <Suspense fallback={<Loading label="Loading chart…" />}><LoadHistogram {...histogram} /></Suspense>}
          {result.changes.length === 0 ? <Empty title="Nothing to move: every resource is within capacity." /> : (
            <table className="simple-table" data-testid="leveling-changes">
              <thead><tr><th>Project</th><th>Task</th><th>Start before</th><th>Finish before</th><th>Start after</th><th>Finish after</th><th>Delay (days)</th><th>Pieces</th></tr></thead>
              <tbody>
                {result.changes.map((c) => (
                  <tr key={c.taskId}><td>{names.get(c.projectId) ?? c.projectId}</td><td>{c.name}</td><td>{c.oldStart.slice(0, 10)}</td><td>{c.oldFinish.slice(0, 10)}</td><td>{c.newStart.slice(0, 10)}</td><td>{c.newFinish.slice(0, 10)}</td><td>{c.delayDays}</td><td>{c.pieces ? c.pieces.map((p) => `${p.start.slice(5, 10)}–${p.finish.slice(5, 10)}`).join(', ') : 'whole'}</td></tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="row" style={{ marginTop: 12 }}>
            <button type="button" className="btn btn-primary" disabled={!result.changes.length || apply.isPending} onClick={() => apply.mutate()}>Apply levelling</button>
          </div>
        </section>
      )}
    </div>
  );
}
