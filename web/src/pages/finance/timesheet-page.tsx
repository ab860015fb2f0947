/** Timesheet: a person's week as a grid (rows = project/task, columns = days), save, submit and recall. */
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, ok } from '../../api/client';
import { useSession } from '../../api/session';
import { useProjects } from '../project-queries';
import { qk } from '../../api/types';
import './finance.css';
import { FormError } from '../../ui/form';
import { ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { fk, todayIso, useMyPerson, type TimesheetWeek } from './finance-api';
import { addDays, buildGridRows, cellMinutes, formatHours, gridToEntries, mapEntryErrors, mondayOf, pickableTimesheetPeople, rowKey, weekDays, type GridRow, type WeekEntryOut } from './finance-format';
import { CorrectionsPanel } from './corrections-panel';

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The timesheet page (/timesheet?week=YYYY-MM-DD&person=ID). */
export function TimesheetPage() {
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const { me, people, isLoading, error } = useMyPerson();
  const weekStart = mondayOf(params.get('week') ?? todayIso());
  const pickable = pickableTimesheetPeople(user, people);
  const canPickPerson = pickable.length > 0;
  const personId = params.get('person') ?? me?.id ?? '';
  const setParam = (k: string, v: string) => { const next = new URLSearchParams(params); next.set(k, v); setParams(next, { replace: true }); };

  if (isLoading) return <Loading label="Loading timesheet…" />;
  if (error) return <ErrorState error={error} />;
  return (
    <div>
      <div className="row">
        <h1>Timesheet</h1>
        <span className="spacer" />
        {canPickPerson && (
          <label className="row">Person
            <select value={personId} onChange={(e) => setParam('person', e.target.value)}>
              <option value="">Choose a person…</option>
              {pickable.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
          </label>
        )}
      </div>
      <div className="row" role="group" aria-label="Week">
        <button type="button" className="btn btn-small" onClick={() => setParam('week', addDays(weekStart, -7))}>Previous week</button>
        <label className="row">Week of
          <input type="date" value={weekStart} onChange={(e) => e.target.value && setParam('week', mondayOf(e.target.value))} />
        </label>
        <button type="button" className="btn btn-small" onClick={() => setParam('week', addDays(weekStart, 7))}>Next week</button>
        <button type="button" className="btn btn-small" onClick={() => setParam('week', mondayOf(todayIso()))}>This week</button>
      </div>
      {personId ? <WeekGrid key={`${personId}:${weekStart}`} personId={personId} weekStart={weekStart} /> : (
        <p className="muted">No person record is linked to your user, so there is no timesheet to show.{canPickPerson ? ' Choose a person above.' : ' Ask an administrator to link one.'}</p>
      )}
    </div>
  );
}

function WeekGrid({ personId, weekStart }: { personId: string; weekStart: string }) {
  const client = useQueryClient();
  const toast = useToast();
  const days = useMemo(() => weekDays(weekStart), [weekStart]);
  const week = useQuery({
    queryKey: fk.week(personId, weekStart),
    queryFn: () => ok(api.GET('/api/v1/timesheets/{personId}/weeks/{weekStart}', { params: { path: { personId, weekStart } } })),
  });
  const [rows, setRows] = useState<GridRow[] | null>(null);
  const [dirty, setDirty] = useState(false);
  const [cellErrors, setCellErrors] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<string[]>([]);

  useEffect(() => {
    if (week.data && !dirty) setRows(buildGridRows(week.data.entries));
  }, [week.data, dirty]);

  const accept = (data: TimesheetWeek) => {
    client.setQueryData(fk.week(personId, weekStart), data);
    setRows(buildGridRows(data.entries));
    setDirty(false);
    setCellErrors({});
    setProblems([]);
  };
  const fail = (err: unknown, sent: WeekEntryOut[]) => {
    if (err instanceof ApiError && err.fieldErrors.length > 0) {
      const mapped = mapEntryErrors(err.fieldErrors, sent);
      setCellErrors(mapped.cells);
      setProblems(mapped.general);
    } else {
      setProblems([err instanceof Error ? err.message : String(err)]);
    }
  };

  const save = useMutation({
    mutationFn: async () => {
      const { entries, errors } = gridToEntries(rows ?? [], days);
      if (Object.keys(errors).length > 0) {
        setCellErrors(errors);
        setProblems(['Some cells are not a number of hours; fix the highlighted cells.']);
        throw new Error('Fix the highlighted cells first.');
      }
      try {
        return await ok(api.PUT('/api/v1/timesheets/{personId}/weeks/{weekStart}/entries', { params: { path: { personId, weekStart } }, body: { entries: entries.map((e) => e.entry) } }));
      } catch (err) {
        fail(err, entries);
        throw err;
      }
    },
    onSuccess: (data) => { accept(data); toast('Timesheet saved'); },
  });
  const submit = useMutation({
    mutationFn: async () => {
      if (dirty) await save.mutateAsync();
      return ok(api.POST('/api/v1/timesheets/{personId}/weeks/{weekStart}/submit', { params: { path: { personId, weekStart } } }));
    },
    onSuccess: (data) => { accept(data); toast('Week submitted for approval'); void client.invalidateQueries({ queryKey: fk.approvals }); },
  });
  const recall = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/timesheets/{personId}/weeks/{weekStart}/recall', { params: { path: { personId, weekStart } } })),
    onSuccess: (data) => { accept(data); toast('Week recalled'); },
  });

  if (week.isLoading || !rows) return <Loading label="Loading week…" />;
  if (week.error) return <ErrorState error={week.error} />;
  const w = week.data!;
  const canEdit = w.canEdit;
  const hasDraft = rows.some((r) => r.editable && days.some((d) => cellMinutes(r.cells[d]?.text) !== 0));
  const hasSubmitted = w.entries.some((e) => e.state === 'submitted');
  const dayTotal = (d: string) => rows.reduce((s, r) => s + cellMinutes(r.cells[d]?.text), 0);
  const rowTotal = (r: GridRow) => days.reduce((s, d) => s + cellMinutes(r.cells[d]?.text), 0);
  const grand = days.reduce((s, d) => s + dayTotal(d), 0);
  const busy = save.isPending || submit.isPending || recall.isPending;

  const edit = (row: GridRow, date: string, text: string) => {
    setRows((rs) => (rs ?? []).map((r) => (r.key === row.key ? { ...r, cells: { ...r.cells, [date]: { text, ids: r.cells[date]?.ids ?? [] } } } : r)));
    setDirty(true);
    setCellErrors((e) => { const { [`${row.key}@${date}`]: _drop, ...rest } = e; return rest; });
  };
  const addRow = (projectId: string, taskId: string | null, label: string) => {
    const key = rowKey(projectId, taskId, true);
    if (rows.some((r) => r.key === key)) { toast('That row is already in the grid'); return; }
    setRows([...rows, { key, projectId, taskId, label, editable: true, states: [], cells: {}, billable: true, comment: null, reasons: [] }]);
    setDirty(true);
  };
  const removeRow = (row: GridRow) => { setRows(rows.filter((r) => r.key !== row.key)); setDirty(true); };

  return (
    <div>
      <p className="muted">{w.personName} · {w.weekStart} to {w.weekEnd} · at most {formatHours(w.maxMinutesPerDay)} h a day{w.lockedUntil ? ` · locked until ${w.lockedUntil}` : ''}{canEdit ? '' : ' · read only'}</p>
      {problems.length > 0 && (
        <div className="form-error" role="alert" data-testid="timesheet-errors">
          <strong>The timesheet was not saved:</strong>
          <ul>{problems.map((p, i) => <li key={i}>{p}</li>)}</ul>
        </div>
      )}
      {w.violations.length > 0 && (
        <ul className="muted" aria-label="Timesheet warnings">
          {w.violations.map((v, i) => <li key={i}>{v.severity === 'error' ? 'Error' : 'Warning'}: {v.message}</li>)}
        </ul>
      )}
      <div style={{ overflowX: 'auto' }}>
        <table className="ts-grid" aria-label={`Timesheet for the week of ${w.weekStart}`}>
          <thead>
            <tr>
              <th scope="col">Project / task</th>
              {days.map((d, i) => <th scope="col" key={d}>{DAY_NAMES[i]} <span className="muted">{d.slice(5)}</span></th>)}
              <th scope="col">Total</th>
              <th scope="col"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && <tr><td colSpan={days.length + 3} className="muted">No time this week yet. Add a row below.</td></tr>}
            {rows.map((r) => (
              <tr key={r.key} data-testid="ts-row">
                <th scope="row" style={{ textAlign: 'left', fontWeight: 'normal' }}>
                  {r.label}
                  {!r.editable && <span className="muted"> ({r.states.join(', ')})</span>}
                  {r.states.includes('rejected') && r.reasons.length > 0 && <div className="field-error">Rejected: {r.reasons.join('; ')}</div>}
                  {r.editable && canEdit && (
                    <div><input className="ts-comment" placeholder="Comment" value={r.comment ?? ''} maxLength={2000} aria-label={`${r.label}, comment`}
                      onChange={(e) => { const comment = e.target.value; setRows((rs) => (rs ?? []).map((x) => (x.key === r.key ? { ...x, comment: comment === '' ? null : comment } : x))); setDirty(true); }} /></div>
                  )}
                  {!(r.editable && canEdit) && r.comment && <div className="muted">{r.comment}</div>}
                </th>
                {days.map((d, i) => {
                  const k = `${r.key}@${d}`;
                  const err = cellErrors[k];
                  const text = r.cells[d]?.text ?? '';
                  return (
                    <td key={d}>
                      {r.editable && canEdit ? (
                        <>
                          <input className="ts-cell" inputMode="decimal" size={4} value={text} aria-label={`${r.label}, ${DAY_NAMES[i]} ${d}, hours`}
                            aria-invalid={err ? true : undefined} aria-describedby={err ? `err-${k}` : undefined}
                            onChange={(e) => edit(r, d, e.target.value)}
                            onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); if (dirty && !busy) save.mutate(); } }} />
                          {err && <span id={`err-${k}`} className="field-error" style={{ display: 'block' }}>{err}</span>}
                        </>
                      ) : <span>{text}</span>}
                    </td>
                  );
                })}
                <td data-testid="row-total"><strong>{formatHours(rowTotal(r)) || '0'}</strong></td>
                <td>{r.editable && canEdit && <button type="button" className="btn btn-small" aria-label={`Remove row ${r.label}`} onClick={() => removeRow(r)}>Remove</button>}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" style={{ textAlign: 'left' }}>Day total</th>
              {days.map((d) => {
                const t = dayTotal(d);
                return <td key={d} className={t > w.maxMinutesPerDay ? 'field-error' : undefined}><strong>{formatHours(t) || '0'}</strong></td>;
              })}
              <td data-testid="week-total"><strong>{formatHours(grand) || '0'}</strong></td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
      {canEdit && <AddRow onAdd={addRow} />}
      <div className="row" style={{ marginTop: 12 }}>
        {canEdit && <button type="button" className="btn btn-primary" disabled={busy || !dirty} onClick={() => save.mutate()}>Save</button>}
        {canEdit && <button type="button" className="btn" disabled={busy || (!hasDraft && !dirty)} onClick={() => submit.mutate()}>Submit week</button>}
        {canEdit && hasSubmitted && <button type="button" className="btn" disabled={busy} onClick={() => recall.mutate()}>Recall</button>}
        {dirty && <span className="muted" role="status">Unsaved changes</span>}
      </div>
      {(submit.error ?? recall.error) && !(problems.length > 0) && <FormError error={submit.error ?? recall.error} />}
      {canEdit && <CorrectionsPanel entries={w.entries} lockedUntil={w.lockedUntil} />}
    </div>
  );
}

/** Quick entry: pick a project (and optionally a task) to add a row. */
function AddRow({ onAdd }: { onAdd: (projectId: string, taskId: string | null, label: string) => void }) {
  const projects = useProjects();
  const [projectId, setProjectId] = useState('');
  const [taskId, setTaskId] = useState('');
  const tasks = useQuery({
    queryKey: qk.tasks(projectId), enabled: projectId !== '',
    queryFn: async () => (await ok(api.GET('/api/v1/projects/{id}/tasks', { params: { path: { id: projectId } } }))).items,
  });
  const open = (projects.data ?? []).filter((p) => p.status !== 'completed' && p.status !== 'cancelled' && p.stage !== 'closed');
  const project = open.find((p) => p.id === projectId);
  const leafTasks = projectId ? (tasks.data ?? []).filter((t) => !t.isSummary) : [];
  return (
    <div className="row" role="group" aria-label="Add a row" style={{ marginTop: 8 }}>
      <label className="row">Project
        <select value={projectId} onChange={(e) => { setProjectId(e.target.value); setTaskId(''); }}>
          <option value="">Choose a project…</option>
          {open.map((p) => <option key={p.id} value={p.id}>{p.code} · {p.name}</option>)}
        </select>
      </label>
      <label className="row">Task
        <select value={taskId} onChange={(e) => setTaskId(e.target.value)} disabled={!projectId}>
          <option value="">(no task)</option>
          {leafTasks.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </select>
      </label>
      <button type="button" className="btn" disabled={!project} onClick={() => {
        if (!project) return;
        const task = leafTasks.find((t) => t.id === taskId);
        onAdd(project.id, task?.id ?? null, `${project.code} · ${project.name}${task ? ` / ${task.name}` : ''}`);
        setProjectId(''); setTaskId('');
      }}>Add row</button>
    </div>
  );
}
