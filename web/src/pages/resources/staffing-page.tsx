/**
 * Staffing requests inbox: project managers see their requests and each one's history, accept a proposed person,
 * send a proposal back or withdraw a request; resource managers see every open request, the people ranked for it
 * (skills and free capacity, with the reasons) and propose, fill or reject. The buttons follow the request's
 * `nextSteps` (what the server lets this user do now).
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, ok } from '../../api/client';
import { useSession } from '../../api/session';
import { FormError } from '../../ui/form';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { hours, RESOURCE_MANAGERS, rk, type StaffingRequest, type StaffingStatus } from './resources-api';
import './resources.css';

const FILTERS: [string, string][] = [['open', 'Open'], ['requested', 'Requested'], ['proposed', 'Proposed'], ['filled', 'Filled'], ['rejected', 'Rejected'], ['cancelled', 'Withdrawn'], ['all', 'All']];
const STATUS_LABEL: Record<StaffingStatus, string> = { requested: 'Requested', proposed: 'Proposed', filled: 'Filled', rejected: 'Rejected', cancelled: 'Withdrawn' };
const DONE: Record<StaffingStatus, string> = { requested: 'Proposal sent back', proposed: 'Request proposed', filled: 'Request filled', rejected: 'Request rejected', cancelled: 'Request withdrawn' };

/** The inbox page. */
export function StaffingPage() {
  const { user } = useSession();
  const manager = user !== null && RESOURCE_MANAGERS.has(user.orgRole);
  const [filter, setFilter] = useState('open');
  const [selected, setSelected] = useState<string | null>(null);
  const list = useQuery({
    queryKey: rk.staffing(filter),
    queryFn: async () => {
      const status = filter === 'open' || filter === 'all' ? undefined : (filter as StaffingStatus);
      const items = (await ok(api.GET('/api/v1/staffing-requests', { params: { query: status ? { status } : {} } }))).items;
      return filter === 'open' ? items.filter((r) => r.status === 'requested' || r.status === 'proposed') : items;
    },
  });
  const current = list.data?.find((r) => r.id === selected) ?? null;
  return (
    <div>
      <div className="row"><h1>Staffing requests</h1></div>
      <p className="muted">{manager ? 'Requests for named people on role placeholders. Pick one to see the people who fit it best and propose, fill or reject.' : 'The staffing requests of your projects and what happened to them. Open one to accept the person proposed, send the proposal back or withdraw the request.'}</p>
      <div className="filters">
        <label className="field">Show
          <select value={filter} onChange={(e) => { setFilter(e.target.value); setSelected(null); }}>{FILTERS.map(([v, l]) => <option key={v} value={v}>{l}</option>)}</select>
        </label>
      </div>
      {list.isLoading ? <Loading /> : list.error ? <ErrorState error={list.error} /> : !list.data?.length ? <Empty title="No staffing requests here." /> : (
        <table className="simple-table" data-testid="staffing-list">
          <thead><tr><th>Project</th><th>Task</th><th>Role</th><th>When</th><th>Units</th><th>Status</th><th>Person</th><th>Asked by</th><th><span className="sr-only">Open</span></th></tr></thead>
          <tbody>
            {list.data.map((r) => (
              <tr key={r.id} aria-selected={r.id === selected}>
                <td>{r.projectName}</td><td>{r.taskName}</td><td>{r.roleName ?? '—'}</td><td>{r.taskStart?.slice(0, 10)} – {r.taskFinish?.slice(0, 10)}</td>
                <td>{r.unitsPercent} %</td><td>{STATUS_LABEL[r.status]}</td><td>{r.personName ?? '—'}</td><td>{r.requestedByName ?? '—'}</td>
                <td><button type="button" className="btn btn-small" aria-label={`Open the request for ${r.taskName}`} onClick={() => setSelected(r.id)}>Open</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {current && <RequestDetail request={current} manager={manager} />}
    </div>
  );
}

function RequestDetail({ request, manager }: { request: StaffingRequest; manager: boolean }) {
  const client = useQueryClient();
  const toast = useToast();
  const [note, setNote] = useState('');
  const open = request.status === 'requested' || request.status === 'proposed';
  const history = useQuery({
    queryKey: ['staffing-history', request.id, request.version],
    queryFn: async () => (await ok(api.GET('/api/v1/staffing-requests/{id}/history', { params: { path: { id: request.id } } }))).items,
  });
  const suggestions = useQuery({
    enabled: manager && open,
    queryKey: ['staffing-suggestions', request.assignmentId, request.version],
    queryFn: () => ok(api.GET('/api/v1/assignments/{id}/staffing-suggestions', { params: { path: { id: request.assignmentId }, query: { limit: 10 } } })),
  });
  const decide = useMutation({
    mutationFn: (body: { status: StaffingStatus; personId?: string }) =>
      ok(api.PATCH('/api/v1/staffing-requests/{id}', { params: { path: { id: request.id } }, headers: ifMatch(request.version), body: { ...body, ...(note.trim() ? { note: note.trim() } : {}) } })),
    onSuccess: (r) => {
      toast(`${DONE[r.status]}${r.personName ? `: ${r.personName}` : ''}`);
      setNote('');
      void client.invalidateQueries();
    },
  });
  return (
    <section aria-label="Staffing request" data-testid="staffing-detail" className="card" style={{ marginTop: 16 }}>
      <h2>{request.roleName ?? 'Role'} for {request.taskName} <span className="muted">({request.projectName})</span></h2>
      <p>{STATUS_LABEL[request.status]}{request.personName ? ` · ${request.personName}` : ''} · {request.unitsPercent} % · {hours(request.workMinutes)} h between {request.taskStart?.slice(0, 10)} and {request.taskFinish?.slice(0, 10)}</p>
      {request.note && <p><strong>Note:</strong> {request.note}</p>}
      <h3>History</h3>
      {history.isLoading ? <Loading /> : history.error ? <ErrorState error={history.error} /> : (
        <ol data-testid="staffing-history">
          {(history.data ?? []).map((h, i) => (
            <li key={i}>{h.at.slice(0, 16).replace('T', ' ')}: {h.action}{h.personName ? ` ${h.personName}` : ''} by {h.actorName ?? 'someone'}{h.note ? ` — “${h.note}”` : ''}</li>
          ))}
        </ol>
      )}
      {request.nextSteps.length > 0 && (
        <label className="field" style={{ maxWidth: 480 }}>Note (sent with your decision)<input value={note} onChange={(e) => setNote(e.target.value)} /></label>
      )}
      <FormError error={decide.error} />
      {!manager && request.nextSteps.length > 0 && (
        <div className="row" style={{ marginTop: 8 }} data-testid="staffing-project-actions">
          {request.status === 'proposed' && request.personName && request.nextSteps.includes('filled') && <button type="button" className="btn btn-primary" disabled={decide.isPending} onClick={() => decide.mutate({ status: 'filled' })}>Accept {request.personName}</button>}
          {request.nextSteps.includes('requested') && <button type="button" className="btn" disabled={decide.isPending} onClick={() => decide.mutate({ status: 'requested' })}>Send the proposal back</button>}
          {request.nextSteps.includes('cancelled') && <button type="button" className="btn btn-danger" disabled={decide.isPending} onClick={() => decide.mutate({ status: 'cancelled' })}>Withdraw the request</button>}
        </div>
      )}
      {manager && open && (
        <>
          <h3>Who fits</h3>
          {suggestions.isLoading ? <Loading label="Ranking people…" /> : suggestions.error ? <ErrorState error={suggestions.error} /> : (
            <>
              <p className="muted">
                Needs {suggestions.data!.requirements.length ? suggestions.data!.requirements.map((r) => `${r.name} ≥ ${r.minProficiency}`).join(', ') : 'no particular skills'}; {hours(suggestions.data!.neededMinutes)} h from {suggestions.data!.from} to {suggestions.data!.to}. Score = 50 × skill match + 40 × availability + 10 if the person holds the role.
              </p>
              <table className="simple-table" data-testid="staffing-suggestions">
                <thead><tr><th>Person</th><th>Score</th><th>Why</th><th>Free (h)</th><th>Actions</th></tr></thead>
                <tbody>
                  {suggestions.data!.suggestions.map((s) => (
                    <tr key={s.personId}>
                      <td>{s.name}</td>
                      <td>{s.score}</td>
                      <td style={{ whiteSpace: 'normal' }}><ul className="plain">{s.explanation.map((e, i) => <li key={i}>{e}</li>)}</ul></td>
                      <td>{hours(s.freeMinutes)}</td>
                      <td>
                        <div className="row">
                          <button type="button" className="btn btn-small" disabled={decide.isPending} aria-label={`Propose ${s.name}`} onClick={() => decide.mutate({ status: 'proposed', personId: s.personId })}>Propose</button>
                          <button type="button" className="btn btn-small btn-primary" disabled={decide.isPending} aria-label={`Fill with ${s.name}`} onClick={() => decide.mutate({ status: 'filled', personId: s.personId })}>Fill</button>
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          <div className="row" style={{ marginTop: 8 }}>
            {request.status === 'proposed' && request.personId && <button type="button" className="btn btn-primary" disabled={decide.isPending} onClick={() => decide.mutate({ status: 'filled' })}>Fill with {request.personName}</button>}
            <button type="button" className="btn btn-danger" disabled={decide.isPending} onClick={() => decide.mutate({ status: 'rejected' })}>Reject</button>
          </div>
        </>
      )}
    </section>
  );
}
