/**
 * Assignments of a project (a workspace tab): assign a person or a role placeholder to a task with units and
 * work, change units or work, remove, ask for a named person for a placeholder (a staffing request), and mark
 * tasks that levelling must never split.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, ok } from '../../api/client';
import type { Project } from '../../api/types';
import { Field, FormError } from '../../ui/form';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { useTasks } from '../task-queries';
import { hours, rk, usePeople, useRoles, type Assignment, type StaffingRequest } from './resources-api';
import './resources.css';

/** One editable assignment row. */
function AssignmentRow({ a, who, request, canEdit, onRequest }: { a: Assignment; who: string; request: StaffingRequest | undefined; canEdit: boolean; onRequest: (a: Assignment) => void }) {
  const client = useQueryClient();
  const toast = useToast();
  const [units, setUnits] = useState(a.unitsPercent);
  const [workH, setWorkH] = useState(hours(a.workMinutes));
  const dirty = units !== a.unitsPercent || workH !== hours(a.workMinutes);
  const save = useMutation({
    mutationFn: () => ok(api.PATCH('/api/v1/assignments/{id}', { params: { path: { id: a.id } }, headers: ifMatch(a.version), body: { unitsPercent: units, workMinutes: Math.round(Number(workH) * 60) } })),
    onSuccess: () => { toast('Assignment saved'); void client.invalidateQueries({ queryKey: rk.assignments(a.projectId) }); },
    onError: (e) => toast(e.message, 'error'),
  });
  const remove = useMutation({
    mutationFn: () => ok(api.DELETE('/api/v1/assignments/{id}', { params: { path: { id: a.id } }, headers: ifMatch(a.version) })),
    onSuccess: () => { toast('Assignment removed'); void client.invalidateQueries({ queryKey: ['project', a.projectId] }); },
    onError: (e) => toast(e.message, 'error'),
  });
  const open = request && (request.status === 'requested' || request.status === 'proposed');
  const step = useMutation({
    mutationFn: (status: 'filled' | 'cancelled') => ok(api.PATCH('/api/v1/staffing-requests/{id}', { params: { path: { id: request!.id } }, headers: ifMatch(request!.version), body: { status } })),
    onSuccess: (r) => { toast(r.status === 'filled' ? `${r.personName ?? 'The person'} now does this work` : 'Staffing request withdrawn'); void client.invalidateQueries({ queryKey: ['project', a.projectId] }); },
    onError: (e) => toast(e.message, 'error'),
  });
  return (
    <tr>
      <td>{who}</td>
      <td>{canEdit ? <input type="number" min={1} max={10000} aria-label={`Units of ${who}`} value={units} style={{ width: 80 }} onChange={(e) => setUnits(Math.max(1, Number(e.target.value)))} /> : `${a.unitsPercent}`} %</td>
      <td>{canEdit ? <input type="number" min={0} step="0.5" aria-label={`Work hours of ${who}`} value={workH} style={{ width: 90 }} onChange={(e) => setWorkH(e.target.value)} /> : hours(a.workMinutes)}</td>
      <td>
        {a.roleId === null ? '—' : request ? `${request.status}${request.personName ? `: ${request.personName}` : ''}` : 'placeholder'}
        {canEdit && a.roleId !== null && !open && <> <button type="button" className="btn btn-small" onClick={() => onRequest(a)}>Request staffing</button></>}
        {request?.status === 'proposed' && request.nextSteps.includes('filled') && <> <button type="button" className="btn btn-small btn-primary" disabled={step.isPending} onClick={() => step.mutate('filled')}>Accept {request.personName}</button></>}
        {open && request.nextSteps.includes('cancelled') && <> <button type="button" className="btn btn-small" disabled={step.isPending} onClick={() => step.mutate('cancelled')}>Withdraw</button></>}
      </td>
      <td>
        {canEdit && (
          <div className="row">
            {dirty && <button type="button" className="btn btn-small btn-primary" disabled={save.isPending} onClick={() => save.mutate()}>Save</button>}
            <button type="button" className="btn btn-small btn-danger" aria-label={`Remove ${who}`} disabled={remove.isPending} onClick={() => remove.mutate()}>Remove</button>
          </div>
        )}
      </td>
    </tr>
  );
}

/** The Assignments tab. */
export function AssignmentsTab({ project }: { project: Project }) {
  const client = useQueryClient();
  const toast = useToast();
  const tasks = useTasks(project.id);
  const people = usePeople();
  const roles = useRoles();
  const assignments = useQuery({ queryKey: rk.assignments(project.id), queryFn: async () => (await ok(api.GET('/api/v1/projects/{id}/assignments', { params: { path: { id: project.id } } }))).items });
  const staffing = useQuery({ queryKey: rk.projectStaffing(project.id), queryFn: async () => (await ok(api.GET('/api/v1/projects/{id}/staffing-requests', { params: { path: { id: project.id } } }))).items });
  const options = useQuery({ queryKey: rk.levelingOptions(project.id), queryFn: async () => (await ok(api.GET('/api/v1/projects/{id}/leveling-options', { params: { path: { id: project.id } } }))).items });
  const [taskId, setTaskId] = useState('');
  const [kind, setKind] = useState<'person' | 'role'>('person');
  const [whoId, setWhoId] = useState('');
  const [units, setUnits] = useState(100);
  const [workH, setWorkH] = useState('');
  const [requestFor, setRequestFor] = useState<Assignment | null>(null);
  const [note, setNote] = useState('');
  const detail = useMemo(() => (tasks.data ?? []).filter((t) => !t.isSummary), [tasks.data]);
  const names = useMemo(() => new Map([...(people.data ?? []).map((p) => [p.id, p.name] as const), ...(roles.data ?? []).map((r) => [`role:${r.id}`, r.name] as const)]), [people.data, roles.data]);
  const requestOf = useMemo(() => {
    const m = new Map<string, StaffingRequest>();
    for (const r of staffing.data ?? []) m.set(r.assignmentId, r); // the latest request per assignment wins
    return m;
  }, [staffing.data]);
  const optionOf = useMemo(() => new Map((options.data ?? []).map((o) => [o.taskId, o])), [options.data]);
  const invalidate = () => { void client.invalidateQueries({ queryKey: ['project', project.id] }); };
  const add = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/projects/{id}/assignments', { params: { path: { id: project.id } }, body: { taskId, ...(kind === 'person' ? { personId: whoId } : { roleId: whoId }), unitsPercent: units, ...(workH ? { workMinutes: Math.round(Number(workH) * 60) } : {}) } })),
    onSuccess: () => { toast('Assigned'); setWhoId(''); setWorkH(''); invalidate(); },
  });
  const request = useMutation({
    mutationFn: (a: Assignment) => ok(api.POST('/api/v1/projects/{id}/staffing-requests', { params: { path: { id: project.id } }, body: { assignmentId: a.id, ...(note.trim() ? { note: note.trim() } : {}) } })),
    onSuccess: () => { toast('Staffing requested'); setRequestFor(null); setNote(''); invalidate(); },
  });
  const split = useMutation({
    mutationFn: ({ id, canSplit }: { id: string; canSplit: boolean }) => ok(api.PUT('/api/v1/tasks/{id}/leveling-options', { params: { path: { id } }, headers: ifMatch(optionOf.get(id)?.version ?? 1), body: { canSplit } })),
    onSuccess: () => { toast('Levelling option saved'); void client.invalidateQueries({ queryKey: rk.levelingOptions(project.id) }); },
    onError: (e) => toast(e.message, 'error'),
  });
  if (tasks.isLoading || assignments.isLoading) return <Loading />;
  if (tasks.error || assignments.error) return <ErrorState error={tasks.error ?? assignments.error} />;
  const byTask = new Map<string, Assignment[]>();
  for (const a of assignments.data ?? []) byTask.set(a.taskId, [...(byTask.get(a.taskId) ?? []), a]);
  const canEdit = project.canEdit;
  return (
    <div>
      {canEdit && (
        <form className="filters" aria-label="Assign a person or a role" onSubmit={(e: FormEvent) => { e.preventDefault(); if (taskId && whoId) add.mutate(); }}>
          <Field label="Task" name="taskId" error={add.error}>
            <select value={taskId} onChange={(e) => setTaskId(e.target.value)}><option value="">Choose a task…</option>{detail.map((t) => <option key={t.id} value={t.id}>{t.wbs} {t.name}</option>)}</select>
          </Field>
          <Field label="Assign" name="kind">
            <select value={kind} onChange={(e) => { setKind(e.target.value as 'person' | 'role'); setWhoId(''); }}><option value="person">A person</option><option value="role">A role (placeholder)</option></select>
          </Field>
          <Field label={kind === 'person' ? 'Person' : 'Role'} name={kind === 'person' ? 'personId' : 'roleId'} error={add.error}>
            <select value={whoId} onChange={(e) => setWhoId(e.target.value)}>
              <option value="">Choose…</option>
              {kind === 'person' ? (people.data ?? []).filter((p) => p.active).map((p) => <option key={p.id} value={p.id}>{p.name}</option>) : (roles.data ?? []).map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
            </select>
          </Field>
          <Field label="Units %" name="unitsPercent" error={add.error}><input type="number" min={1} max={10000} value={units} onChange={(e) => setUnits(Number(e.target.value))} /></Field>
          <Field label="Work h (default: duration x units)" name="workMinutes" error={add.error}><input type="number" min={0} step="0.5" value={workH} onChange={(e) => setWorkH(e.target.value)} /></Field>
          <div className="field"><button type="submit" className="btn btn-primary" disabled={!taskId || !whoId || add.isPending}>Assign</button></div>
        </form>
      )}
      <FormError error={add.error} />
      {requestFor && (
        <form className="card" aria-label="Request staffing" style={{ marginBottom: 12 }} onSubmit={(e: FormEvent) => { e.preventDefault(); request.mutate(requestFor); }}>
          <p>Ask the resource managers for a named person for <strong>{names.get(`role:${requestFor.roleId}`)}</strong>.</p>
          <label className="field">Note<input value={note} onChange={(e) => setNote(e.target.value)} placeholder="Seniority, timing…" /></label>
          <FormError error={request.error} />
          <div className="row"><button type="submit" className="btn btn-primary" disabled={request.isPending}>Send request</button><button type="button" className="btn" onClick={() => setRequestFor(null)}>Cancel</button></div>
        </form>
      )}
      {!detail.length ? <Empty title="No tasks yet: add tasks first." /> : (
        <table className="simple-table" data-testid="assignments-table">
          <thead><tr><th>Task / who</th><th>Units</th><th>Work (h)</th><th>Staffing</th><th>Actions</th></tr></thead>
          {detail.filter((t) => byTask.has(t.id) || canEdit).map((t) => {
            const list = byTask.get(t.id) ?? [];
            const mayNotSplit = optionOf.get(t.id)?.canSplit === false;
            return (
              <tbody key={t.id}>
                <tr className="task-row">
                  <th scope="rowgroup" colSpan={4}>{t.wbs} {t.name} <span className="muted">{t.start?.slice(0, 10)} – {t.finish?.slice(0, 10)}{optionOf.get(t.id)?.split ? ' · split by levelling' : ''}</span></th>
                  <td>
                    <label className="muted"><input type="checkbox" disabled={!canEdit || split.isPending} checked={mayNotSplit} onChange={(e) => split.mutate({ id: t.id, canSplit: !e.target.checked })} /> never split</label>
                  </td>
                </tr>
                {list.map((a) => (
                  <AssignmentRow key={`${a.id}:${a.version}`} a={a} who={a.personId ? (names.get(a.personId) ?? 'Unknown person') : `${names.get(`role:${a.roleId}`) ?? 'Role'} (role)`} request={requestOf.get(a.id)} canEdit={canEdit} onRequest={setRequestFor} />
                ))}
              </tbody>
            );
          })}
        </table>
      )}
    </div>
  );
}
