/**
 * Planned cost and earned value per task: each costed task's method (percent complete, physical percent complete,
 * weighted milestones, 0/100, 50/50) with its inputs, and its BAC, PV, EV, AC, CPI and SPI at the status date.
 * Editors change planned cost, method, physical progress and milestones (name, weight, done) and save all at once.
 */
import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { FormError } from '../../ui/form';
import { ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { useTasks } from '../task-queries';
import { EV_METHODS, fk, type EvMethod, type TaskEvmRow } from './finance-api';
import { formatMoney, formatRatio, minorToInput, parseMoneyInput } from './finance-format';

interface Draft { taskId: string; name: string; cost: string; method: EvMethod; physical: string; milestones: { name: string; weight: string; done: boolean }[] }

const toDraft = (r: TaskEvmRow): Draft => ({
  taskId: r.taskId, name: `${r.wbs} ${r.name}`, cost: minorToInput(r.plannedCostMinor), method: r.evMethod,
  physical: r.physicalPercentComplete === null ? '' : String(r.physicalPercentComplete),
  milestones: (r.milestones ?? []).map((m) => ({ name: m.name, weight: String(m.weight), done: m.done })),
});

/** The task cost and EV table of a project at a status date. */
export function TaskCostsPanel({ projectId, asOf, currency, canEdit }: { projectId: string; asOf: string; currency: string; canEdit: boolean }) {
  const client = useQueryClient();
  const toast = useToast();
  const costs = useQuery({ queryKey: fk.taskCosts(projectId, asOf), queryFn: () => ok(api.GET('/api/v1/projects/{id}/task-costs', { params: { path: { id: projectId }, query: { asOf } } })) });
  const tasks = useTasks(projectId);
  const [drafts, setDrafts] = useState<Draft[] | null>(null);
  const [localError, setLocalError] = useState('');
  const [adding, setAdding] = useState('');
  const save = useMutation({
    mutationFn: (items: { taskId: string; plannedCostMinor: number; evMethod: EvMethod; physicalPercentComplete: number | null; milestones: { name: string; weight: number; done: boolean }[] | null }[]) =>
      ok(api.PUT('/api/v1/projects/{id}/task-costs', { params: { path: { id: projectId } }, body: { items } })),
    onSuccess: () => { toast('Task costs saved'); setDrafts(null); void client.invalidateQueries({ queryKey: ['project', projectId] }); },
  });
  const rows = costs.data?.items ?? [];
  const costed = useMemo(() => new Set((drafts ?? rows.map(toDraft)).map((d) => d.taskId)), [drafts, rows]);
  if (costs.isLoading) return <Loading label="Loading task costs…" />;
  if (costs.error) return <ErrorState error={costs.error} />;
  const editing = drafts !== null;
  const set = (i: number, patch: Partial<Draft>) => setDrafts((ds) => ds!.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  const candidates = (tasks.data ?? []).filter((t) => !costed.has(t.id) && !t.isSummary);
  const submit = () => {
    const items = [];
    for (const d of drafts!) {
      const cost = parseMoneyInput(d.cost);
      if (cost === null) return setLocalError(`${d.name}: "${d.cost}" is not an amount`);
      const physical = d.physical.trim() === '' ? null : Number(d.physical.replace(',', '.'));
      if (physical !== null && !(physical >= 0 && physical <= 100)) return setLocalError(`${d.name}: physical % complete must be between 0 and 100`);
      const milestones = d.milestones.map((m) => ({ name: m.name.trim(), weight: Number(m.weight.replace(',', '.')), done: m.done }));
      if (milestones.some((m) => !m.name || !(m.weight >= 0))) return setLocalError(`${d.name}: every milestone needs a name and a weight of 0 or more`);
      items.push({ taskId: d.taskId, plannedCostMinor: cost, evMethod: d.method, physicalPercentComplete: physical, milestones: milestones.length ? milestones : null });
    }
    setLocalError('');
    save.mutate(items);
  };
  return (
    <section aria-labelledby="task-costs-h">
      <div className="row">
        <h3 id="task-costs-h" style={{ margin: 0 }}>Planned cost and earned value by task</h3>
        <span className="spacer" />
        {canEdit && !editing && <button type="button" className="btn btn-small" onClick={() => { save.reset(); setDrafts(rows.map(toDraft)); }}>Edit task costs</button>}
        {editing && <button type="button" className="btn btn-small" onClick={() => setDrafts(null)}>Cancel</button>}
        {editing && <button type="button" className="btn btn-small btn-primary" disabled={save.isPending} onClick={submit}>Save task costs</button>}
      </div>
      <p className="muted">PV spreads each task's planned cost over its baseline dates (its current dates before a baseline is saved). EV follows the task's method.</p>
      {localError && <div className="form-error" role="alert">{localError}</div>}
      <FormError error={save.error} />
      {!editing ? (
        rows.length === 0 ? <p className="muted">No task has a planned cost yet.</p> : (
          <table className="fin-table" aria-label="Earned value by task">
            <thead><tr><th scope="col">Task</th><th scope="col">Method</th><th scope="col">Progress</th><th scope="col" className="num">BAC</th><th scope="col" className="num">PV</th><th scope="col" className="num">EV</th><th scope="col" className="num">AC</th><th scope="col" className="num">CPI</th><th scope="col" className="num">SPI</th></tr></thead>
            <tbody>{rows.map((r) => (
              <tr key={r.taskId} data-testid="task-evm-row">
                <td>{r.wbs} {r.name}{r.baselined ? '' : <span className="muted"> (no baseline)</span>}</td>
                <td>{EV_METHODS.find((m) => m.value === r.evMethod)?.label}</td>
                <td>{progressText(r)}</td>
                <td className="num">{formatMoney(r.bac, currency)}</td><td className="num">{formatMoney(r.pv, currency)}</td><td className="num" data-testid="task-ev">{formatMoney(r.ev, currency)}</td>
                <td className="num">{formatMoney(r.ac, currency)}</td><td className="num">{formatRatio(r.cpi)}</td><td className="num">{formatRatio(r.spi)}</td>
              </tr>
            ))}</tbody>
          </table>
        )
      ) : (
        <>
          <table className="fin-table" aria-label="Edit task costs">
            <thead><tr><th scope="col">Task</th><th scope="col" className="num">Planned cost ({currency})</th><th scope="col">Method</th><th scope="col">Method inputs</th></tr></thead>
            <tbody>{drafts.map((d, i) => (
              <tr key={d.taskId}>
                <th scope="row">{d.name}</th>
                <td><input inputMode="decimal" aria-label={`${d.name} planned cost`} value={d.cost} onChange={(e) => set(i, { cost: e.target.value })} style={{ textAlign: 'right', width: '9em' }} /></td>
                <td><select aria-label={`${d.name} earned value method`} value={d.method} onChange={(e) => set(i, { method: e.target.value as EvMethod })}>{EV_METHODS.map((m) => <option key={m.value} value={m.value}>{m.label}</option>)}</select></td>
                <td>
                  {d.method === 'physical-percent-complete' && <label className="row">Physical % <input inputMode="decimal" aria-label={`${d.name} physical percent complete`} value={d.physical} onChange={(e) => set(i, { physical: e.target.value })} style={{ width: '5em' }} /></label>}
                  {d.method === 'weighted-milestones' && (
                    <div role="group" aria-label={`${d.name} milestones`}>
                      {d.milestones.map((m, k) => (
                        <div className="row" key={k}>
                          <input type="checkbox" aria-label={`${m.name || `Milestone ${k + 1}`} done`} checked={m.done} onChange={(e) => set(i, { milestones: d.milestones.map((x, j) => (j === k ? { ...x, done: e.target.checked } : x)) })} />
                          <input aria-label={`Milestone ${k + 1} name`} value={m.name} maxLength={100} onChange={(e) => set(i, { milestones: d.milestones.map((x, j) => (j === k ? { ...x, name: e.target.value } : x)) })} />
                          <input inputMode="decimal" aria-label={`Milestone ${k + 1} weight`} value={m.weight} style={{ width: '4em' }} onChange={(e) => set(i, { milestones: d.milestones.map((x, j) => (j === k ? { ...x, weight: e.target.value } : x)) })} />
                          <button type="button" className="btn btn-small" aria-label={`Remove milestone ${k + 1}`} onClick={() => set(i, { milestones: d.milestones.filter((_, j) => j !== k) })}>×</button>
                        </div>
                      ))}
                      <button type="button" className="btn btn-small" onClick={() => set(i, { milestones: [...d.milestones, { name: '', weight: '1', done: false }] })}>Add milestone</button>
                    </div>
                  )}
                  {(d.method === 'percent-complete' || d.method === 'zero-hundred' || d.method === 'fifty-fifty') && <span className="muted">from the task's % complete</span>}
                </td>
              </tr>
            ))}</tbody>
          </table>
          {candidates.length > 0 && (
            <div className="row" role="group" aria-label="Add a task">
              <label className="row">Add a task
                <select value={adding} onChange={(e) => setAdding(e.target.value)}>
                  <option value="">Choose a task…</option>
                  {candidates.map((t) => <option key={t.id} value={t.id}>{t.wbs} {t.name}</option>)}
                </select>
              </label>
              <button type="button" className="btn btn-small" disabled={!adding} onClick={() => {
                const t = candidates.find((x) => x.id === adding)!;
                setDrafts((ds) => [...ds!, { taskId: t.id, name: `${t.wbs} ${t.name}`, cost: '0.00', method: 'percent-complete', physical: '', milestones: [] }]);
                setAdding('');
              }}>Add</button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function progressText(r: TaskEvmRow): string {
  switch (r.evMethod) {
    case 'physical-percent-complete':
      return `${r.physicalPercentComplete ?? 0} % measured`;
    case 'weighted-milestones': {
      const ms = r.milestones ?? [];
      return `${ms.filter((m) => m.done).length} of ${ms.length} milestones`;
    }
    default:
      return `${r.percentComplete} % complete`;
  }
}
