/** Capacity against demand: heatmap of people (or roles) x weeks; click a cell for the assignments behind it. */
import { lazy, Suspense, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { addDays, mondayOf, utilisationBand } from './resource-load';
import './resources.css';

const CapacityHeatmap = lazy(() => import('./capacity-heatmap'));

const today = () => new Date().toISOString().slice(0, 10);
const hours = (m: number) => (m / 60).toFixed(1);

/** The capacity page. */
export function CapacityPage() {
  const [from, setFrom] = useState(() => mondayOf(today()));
  const [weeks, setWeeks] = useState(12);
  const [groupBy, setGroupBy] = useState<'person' | 'role'>('person');
  const [filter, setFilter] = useState('');
  const [cell, setCell] = useState<{ id: string; name: string; week: string } | null>(null);
  const grid = useQuery({
    queryKey: ['capacity', from, weeks, groupBy],
    queryFn: () => ok(api.GET('/api/v1/capacity', { params: { query: { from, weeks, groupBy } } })),
  });
  const rows = useMemo(() => (grid.data?.rows ?? []).filter((r) => r.name.toLowerCase().includes(filter.toLowerCase())), [grid.data, filter]);
  const over = rows.reduce((s, r) => s + r.utilisation.filter((u) => utilisationBand(u) === 'over').length, 0);
  const drill = useQuery({
    enabled: cell !== null && groupBy === 'person',
    queryKey: ['capacity-assignments', cell?.id, cell?.week],
    queryFn: () => ok(api.GET('/api/v1/capacity/assignments', { params: { query: { personId: cell!.id, from: cell!.week, to: addDays(cell!.week, 6) } } })).then((r) => r.items),
  });
  return (
    <div>
      <div className="row"><h1>Capacity</h1></div>
      <div className="filters">
        <label className="field">From (week of)<input type="date" value={from} onChange={(e) => e.target.value && setFrom(mondayOf(e.target.value))} /></label>
        <label className="field">Weeks
          <select value={weeks} onChange={(e) => setWeeks(Number(e.target.value))}>{[4, 8, 12, 26, 52].map((w) => <option key={w} value={w}>{w}</option>)}</select>
        </label>
        <label className="field">Rows
          <select value={groupBy} onChange={(e) => { setGroupBy(e.target.value as 'person' | 'role'); setCell(null); }}><option value="person">People</option><option value="role">Roles</option></select>
        </label>
        <label className="field">Filter<input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Name" /></label>
      </div>
      {grid.isLoading ? <Loading /> : grid.error ? <ErrorState error={grid.error} /> : !rows.length ? <Empty title="No people or roles to show." /> : (
        <>
          <p className="muted" data-testid="capacity-summary">{rows.length} {groupBy === 'person' ? 'people' : 'roles'} x {grid.data!.weeks.length} weeks; {over} over-allocated cells. Click a cell to see its assignments.</p>
          <Suspense fallback={<Loading label="Loading chart…" />}>
            <CapacityHeatmap rows={rows} weeks={grid.data!.weeks} onCell={(y, x) => setCell({ id: rows[y]!.id, name: rows[y]!.name, week: grid.data!.weeks[x]! })} />
          </Suspense>
        </>
      )}
      {cell && (
        <section aria-label="Assignments of the selected cell" data-testid="capacity-drill">
          <h2>{cell.name}, week of {cell.week}</h2>
          {groupBy === 'role' ? <p className="muted">Drill-down lists the assignments of a person; switch rows to People.</p> : drill.isLoading ? <Loading /> : drill.error ? <ErrorState error={drill.error} /> : !drill.data?.length ? <Empty title="No assignments in this week." /> : (
            <table className="simple-table">
              <thead><tr><th>Project</th><th>Task</th><th>Start</th><th>Finish</th><th>Units</th><th>Work (h)</th></tr></thead>
              <tbody>
                {drill.data.map((a) => (
                  <tr key={a.id}><td>{a.projectName}</td><td>{a.taskName}</td><td>{a.start?.slice(0, 10)}</td><td>{a.finish?.slice(0, 10)}</td><td>{a.unitsPercent} %</td><td>{hours(a.workMinutes)}</td></tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </div>
  );
}
