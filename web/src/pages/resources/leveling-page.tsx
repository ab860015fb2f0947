/**
 * Levelling preview: choose projects (ranked by their stored priorities; moving one up or down makes the order shown
 * override them for this run) and whether tasks may be split,
 * run a preview, compare task dates (table and before/after Gantt) and each person's or role pool's load per week
 * before/after against capacity (other projects' load included), then
 * apply in one transaction.
 */
import { lazy, Suspense, useMemo, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { useToast } from '../../ui/toast';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { usePortfolios, useProjects } from '../project-queries';
import { addAll, byPriority, levelingOverloadSummary, levelingResourceLabel, moveItem } from './resource-load';
import { LevelingGantt } from './leveling-gantt';
import './resources.css';

const LoadHistogram = lazy(() => import('./load-histogram'));

type Strategy = 'priority' | 'optimize';

/** The levelling page. */
export function LevelingPage() {
  const projects = useProjects();
  const portfolios = usePortfolios();
  const [portfolioId, setPortfolioId] = useState('');
  const client = useQueryClient();
  const toast = useToast();
  const [chosen, setChosen] = useState<string[]>([]);
  // Moving a project up or down overrides the stored priorities with the order shown (projectOrder 'given').
  const [override, setOverride] = useState(false);
  const [filter, setFilter] = useState('');
  const [strategy, setStrategy] = useState<Strategy>('priority');
  const [allowSplits, setAllowSplits] = useState(false);
  const [resourceKey, setResourceKey] = useState('');
  const names = useMemo(() => new Map((projects.data ?? []).map((p) => [p.id, p.name])), [projects.data]);
  const priorities = useMemo(() => new Map((projects.data ?? []).map((p) => [p.id, p.priority])), [projects.data]);
  const priorityOf = (id: string) => priorities.get(id) ?? 500;
  const projectOrder = override ? ('given' as const) : ('priority' as const);
  const matching = useMemo(() => (projects.data ?? []).filter((p) => (!portfolioId || p.portfolioId === portfolioId) && p.name.toLowerCase().includes(filter.toLowerCase())), [projects.data, filter, portfolioId]);
  const visible = matching.slice(0, 200);

  const preview = useMutation({
    mutationFn: async () => ({ result: await ok(api.POST('/api/v1/leveling/preview', { body: { projectIds: chosen, projectOrder, strategy, allowSplits } })) }),
    onSuccess: () => setResourceKey(''),
    onError: (e) => toast(e.message, 'error'),
  });
  const apply = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/leveling/apply', { body: { projectIds: chosen, projectOrder, strategy, allowSplits, previewToken: preview.data!.result.previewToken } })),
    onSuccess: (r) => {
      toast(`Levelling applied: ${r.applied} tasks moved`);
      void client.invalidateQueries();
      preview.reset();
    },
    onError: (e) => toast(e.message, 'error'),
  });

  // The histogram shows one person or role pool at a time: the most over-allocated unless one is picked.
  const loadRows = preview.data?.result.load.resources ?? [];
  const keyOf = (r: { kind: string; id: string }) => `${r.kind}:${r.id}`;
  const shown = loadRows.find((r) => keyOf(r) === resourceKey) ?? loadRows[0];

  // Without an override the list stays in stored-priority order as projects are added.
  const choose = (next: (c: string[]) => string[], keepOrder = override) => {
    setChosen((c) => (keepOrder ? next(c) : byPriority(next(c), priorityOf)));
    preview.reset();
  };
  const move = (i: number, delta: number) => {
    setOverride(true);
    choose((c) => moveItem(c, i, delta), true);
  };
  const useStored = () => {
    setOverride(false);
    choose((c) => c, false);
  };
  const toggle = (id: string) => choose((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));
  const result = preview.data?.result;
  return (
    <div>
      <div className="row"><h1>Resource levelling</h1></div>
      <p className="muted">Pick projects (a whole portfolio at once if you like). They rank by their priority (0-1000, set on each project's overview): a higher priority gets people first, and projects of equal priority are levelled together; inside a project, higher task priorities go first and tasks at 1000 never move. Moving a project up or down makes your order override the priorities for this run. Work people already have in other projects is taken as booked; deadlines and “no later than” constraints go first and are reported when they cannot be met. The preview changes nothing; apply writes every new date in one transaction.</p>
      {projects.isLoading ? <Loading /> : projects.error ? <ErrorState error={projects.error} /> : (
        <div className="filters">
          <fieldset style={{ maxHeight: 260, overflow: 'auto', minWidth: 320 }}>
            <legend>Projects</legend>
            <div className="row">
              <select aria-label="Portfolio" value={portfolioId} onChange={(e) => setPortfolioId(e.target.value)}>
                <option value="">All portfolios</option>
                {(portfolios.data ?? []).map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
              </select>
              <input type="search" aria-label="Filter projects" placeholder="Filter" value={filter} onChange={(e) => setFilter(e.target.value)} />
            </div>
            <div className="row">
              <button type="button" className="btn btn-small" disabled={!matching.length} onClick={() => choose((c) => addAll(c, matching.map((p) => p.id)))}>Add all {matching.length} shown</button>
              <button type="button" className="btn btn-small" disabled={!chosen.length} onClick={() => { setOverride(false); choose(() => [], false); }}>Clear</button>
            </div>
            {visible.map((p) => (
              <label key={p.id} style={{ display: 'block' }}>
                <input type="checkbox" checked={chosen.includes(p.id)} onChange={() => toggle(p.id)} /> {p.name}
                <span className="muted"> (priority {p.priority})</span>
              </label>
            ))}
            {matching.length > visible.length && <p className="muted">{matching.length - visible.length} more: filter to see them (“Add all” takes them too).</p>}
          </fieldset>
          {chosen.length > 0 && (
            <fieldset style={{ maxHeight: 260, overflow: 'auto', minWidth: 280 }}>
              <legend>Priority order ({chosen.length})</legend>
              <p className="muted" data-testid="leveling-order-source">
                {override ? 'Your order overrides the stored priorities. ' : 'By stored priority; equal priorities are levelled together.'}
                {override && <button type="button" className="btn btn-small" onClick={useStored}>Use stored priorities</button>}
              </p>
              <ol className="plain" aria-label="Priority order">
                {chosen.map((id, i) => (
                  <li key={id} className="row" style={{ gap: 4 }}>
                    <span style={{ minWidth: 24 }}>{i + 1}.</span>
                    <span style={{ flex: 1 }}>{names.get(id) ?? id} <span className="muted">· priority {priorityOf(id)}</span></span>
                    <button type="button" className="btn btn-small" aria-label={`Move ${names.get(id) ?? id} up`} disabled={i === 0} onClick={() => move(i, -1)}>↑</button>
                    <button type="button" className="btn btn-small" aria-label={`Move ${names.get(id) ?? id} down`} disabled={i === chosen.length - 1} onClick={() => move(i, 1)}>↓</button>
                  </li>
                ))}
              </ol>
            </fieldset>
          )}
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
            <div className="form-error" role="alert"><strong>Conflicts levelling cannot resolve</strong><ul>{result.conflicts.map((c, i) => <li key={i}>{names.get(c.projectId ?? '') ? `${names.get(c.projectId ?? '')}: ` : ''}{c.message}</li>)}</ul></div>
          )}
          {result.changes.length > 0 && <LevelingGantt changes={result.changes.map((c) => ({ ...c, projectName: names.get(c.projectId) ?? '' }))} />}
          {shown && (
            <section aria-label="Load before and after" className="leveling-load">
              <p data-testid="leveling-overload">{levelingOverloadSummary(loadRows)}</p>
              {result.load.otherProjectsHidden && <p className="muted">Work in projects you may not see is counted but not shown: the capacity line is what it leaves.</p>}
              <label className="field" style={{ maxWidth: 420 }}>Resource
                <select value={keyOf(shown)} onChange={(e) => setResourceKey(e.target.value)}>
                  {loadRows.map((r) => <option key={keyOf(r)} value={keyOf(r)}>{levelingResourceLabel(r)}</option>)}
                </select>
              </label>
              <Suspense fallback={<Loading label="Loading chart…" />}>
                <LoadHistogram name={shown.name} weeks={result.load.weeks} capacity={shown.capacityDays} other={shown.otherProjectsDays} before={shown.beforeDays} after={shown.afterDays} />
              </Suspense>
            </section>
          )}
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
