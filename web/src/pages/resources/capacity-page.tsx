/**
 * Capacity against demand: heatmap of people, roles, teams or skills x days, weeks or months, with
 * over-allocation and free capacity; click a cell for the assignments behind it. The what-if panel builds
 * hypothetical changes and compares them with the plan of record (nothing is saved).
 */
import { lazy, Suspense, useMemo, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { mondayOf } from './resource-load';
import { periodLabel } from './capacity-compare';
import { hours, type CapacityGrid, type Granularity, type GroupBy, type WhatIfChange } from './resources-api';
import { WhatIfPanel, WhatIfComparison } from './what-if-panel';
import './resources.css';

const CapacityHeatmap = lazy(() => import('./capacity-heatmap'));

const today = () => new Date().toISOString().slice(0, 10);
const PERIODS: Record<Granularity, number[]> = { day: [7, 14, 31, 62, 92], week: [4, 8, 12, 26, 52], month: [3, 6, 12, 24, 36] };
const DEFAULT_PERIODS: Record<Granularity, number> = { day: 14, week: 12, month: 6 };
const GROUPS: [GroupBy, string, string][] = [['person', 'People', 'people'], ['role', 'Roles', 'roles'], ['team', 'Teams', 'teams'], ['skill', 'Skills', 'skills']];
const UNIT: Record<Granularity, string> = { day: 'days', week: 'weeks', month: 'months' };

/** Sums of a grid's rows: over-allocated cells and hours, free hours. */
function summary(grid: CapacityGrid, ids: Set<string>) {
  let cells = 0;
  let over = 0;
  let free = 0;
  for (const r of grid.rows) {
    if (!ids.has(r.id)) continue;
    cells += r.overMinutes.filter((m) => m > 0).length;
    over += r.total.overMinutes;
    free += r.total.freeMinutes;
  }
  return { cells, over, free };
}

/** The capacity page. */
export function CapacityPage() {
  const [from, setFrom] = useState(() => mondayOf(today()));
  const [granularity, setGranularity] = useState<Granularity>('week');
  const [periods, setPeriods] = useState(12);
  const [groupBy, setGroupBy] = useState<GroupBy>('person');
  const [minProficiency, setMinProficiency] = useState(1);
  const [filter, setFilter] = useState('');
  const [cell, setCell] = useState<{ id: string; name: string; from: string; to: string; title: string } | null>(null);
  const [changes, setChanges] = useState<WhatIfChange[]>([]);
  const [view, setView] = useState<'plan' | 'what-if'>('plan');
  const query = { from, granularity, periods, groupBy, minProficiency };
  const grid = useQuery({
    queryKey: ['capacity', query],
    queryFn: () => ok(api.GET('/api/v1/capacity', { params: { query } })),
  });
  const whatIf = useMutation({ mutationFn: () => ok(api.POST('/api/v1/capacity/what-if', { body: { ...query, changes } })), onSuccess: () => setView('what-if') });
  const shown = view === 'what-if' && whatIf.data ? whatIf.data.whatIf : grid.data;
  const rows = useMemo(() => (shown?.rows ?? []).filter((r) => r.name.toLowerCase().includes(filter.toLowerCase())), [shown, filter]);
  const ids = useMemo(() => new Set(rows.map((r) => r.id)), [rows]);
  const totals = shown ? summary(shown, ids) : null;
  const labels = useMemo(() => (shown?.periods ?? []).map((p) => periodLabel(granularity, p.start)), [shown, granularity]);
  const titles = useMemo(() => (shown?.periods ?? []).map((p) => (granularity === 'day' ? p.start : `${p.start} to ${p.end}`)), [shown, granularity]);
  const drillable = cell !== null && !cell.id.startsWith('what-if-');
  const drill = useQuery({
    enabled: drillable,
    queryKey: ['capacity-assignments', groupBy, cell?.id, cell?.from, cell?.to, minProficiency],
    queryFn: () => ok(api.GET('/api/v1/capacity/assignments', {
      params: { query: { ...(groupBy === 'skill' ? { skillId: cell!.id, minProficiency } : { [`${groupBy}Id`]: cell!.id }), from: cell!.from, to: cell!.to } },
    })).then((r) => r.items),
  });
  const reset = () => { setCell(null); whatIf.reset(); setView('plan'); };
  const noun = GROUPS.find((g) => g[0] === groupBy)![2];
  return (
    <div>
      <div className="row"><h1>Capacity</h1></div>
      <div className="filters">
        <label className="field">From<input type="date" value={from} onChange={(e) => { if (e.target.value) { setFrom(granularity === 'week' ? mondayOf(e.target.value) : e.target.value); reset(); } }} /></label>
        <label className="field">Periods of
          <select value={granularity} onChange={(e) => { const g = e.target.value as Granularity; setGranularity(g); setPeriods(DEFAULT_PERIODS[g]); reset(); }}>
            <option value="day">Days</option><option value="week">Weeks</option><option value="month">Months</option>
          </select>
        </label>
        <label className="field">How many
          <select value={periods} onChange={(e) => { setPeriods(Number(e.target.value)); reset(); }}>{PERIODS[granularity].map((n) => <option key={n} value={n}>{n}</option>)}</select>
        </label>
        <label className="field">Rows
          <select value={groupBy} onChange={(e) => { setGroupBy(e.target.value as GroupBy); reset(); }}>{GROUPS.map(([g, label]) => <option key={g} value={g}>{label}</option>)}</select>
        </label>
        {groupBy === 'skill' && (
          <label className="field">Min. proficiency
            <select value={minProficiency} onChange={(e) => { setMinProficiency(Number(e.target.value)); reset(); }}>{[1, 2, 3, 4, 5].map((n) => <option key={n} value={n}>{n}</option>)}</select>
          </label>
        )}
        <label className="field">Filter<input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Name" /></label>
      </div>
      <WhatIfPanel changes={changes} onChange={(c) => { setChanges(c); whatIf.reset(); setView('plan'); }} onRun={() => whatIf.mutate()} running={whatIf.isPending} error={whatIf.error} />
      {whatIf.data && (
        <div className="row" role="radiogroup" aria-label="Grid shown" style={{ margin: '8px 0' }}>
          <label><input type="radio" name="view" checked={view === 'plan'} onChange={() => setView('plan')} /> Plan of record</label>
          <label><input type="radio" name="view" checked={view === 'what-if'} onChange={() => setView('what-if')} /> What-if</label>
        </div>
      )}
      {grid.isLoading ? <Loading /> : grid.error ? <ErrorState error={grid.error} /> : !rows.length ? <Empty title={`No ${noun} to show.`} /> : (
        <>
          <p className="muted" data-testid="capacity-summary">
            {view === 'what-if' ? 'What-if: ' : ''}{rows.length} {noun} x {shown!.periods.length} {UNIT[granularity]}; {totals!.cells} over-allocated cells ({hours(totals!.over)} h over, {hours(totals!.free)} h free). Click a cell to see its assignments.
          </p>
          <Suspense fallback={<Loading label="Loading chart…" />}>
            <CapacityHeatmap rows={rows} labels={labels} titles={titles} onCell={(y, x) => { const r = rows[y]!; const p = shown!.periods[x]!; setCell({ id: r.id, name: r.name, from: p.start, to: p.end, title: titles[x]! }); }} />
          </Suspense>
        </>
      )}
      {whatIf.data && <WhatIfComparison result={whatIf.data} />}
      {cell && (
        <section aria-label="Assignments of the selected cell" data-testid="capacity-drill">
          <h2>{cell.name}, {cell.title}</h2>
          {!drillable ? <p className="muted">A hypothetical person has no assignments.</p> : drill.isLoading ? <Loading /> : drill.error ? <ErrorState error={drill.error} /> : !drill.data?.length ? <Empty title="No assignments in this period." /> : (
            <table className="simple-table">
              <thead><tr><th>Project</th><th>Task</th><th>Who</th><th>Start</th><th>Finish</th><th>Units</th><th>Work (h)</th></tr></thead>
              <tbody>
                {drill.data.map((a) => (
                  <tr key={a.id}><td>{a.projectName}</td><td>{a.taskName}</td><td>{a.personName ?? `${a.roleName} (role)`}</td><td>{a.start?.slice(0, 10)}</td><td>{a.finish?.slice(0, 10)}</td><td>{a.unitsPercent} %</td><td>{hours(a.workMinutes)}</td></tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </div>
  );
}

