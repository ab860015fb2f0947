/** A project's RAID log: issues, decisions, changes and assumptions with owners, due dates and links to risks and tasks. */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, ok } from '../../api/client';
import { Dialog } from '../../ui/dialog';
import { Field, FormError } from '../../ui/form';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { useProject } from '../project-queries';
import { ProjectRiskNav } from './project-risk-nav';
import { riskKeys, useProjectMembers, useProjectTasks, useProjectRisks, useRaid, type RaidEntry } from './risk-queries';

const TYPES = ['issue', 'decision', 'change', 'assumption'] as const;
const TYPE_LABEL: Record<(typeof TYPES)[number], string> = { issue: 'Issue', decision: 'Decision', change: 'Change', assumption: 'Assumption' };
const STATUS_LABEL = { open: 'Open', in_progress: 'In progress', closed: 'Closed' } as const;
const RESOLUTION_LABEL: Record<(typeof TYPES)[number], string> = { issue: 'Resolution', decision: 'Decision taken', change: 'Outcome', assumption: 'Validation' };

/** Form state of an entry. */
export interface RaidFormState {
  type: (typeof TYPES)[number];
  title: string;
  description: string;
  ownerId: string;
  dueDate: string;
  status: keyof typeof STATUS_LABEL;
  priority: 'low' | 'medium' | 'high';
  riskId: string;
  taskId: string;
  resolution: string;
  resolvedOn: string;
}

/** Request body from the form (blank selects and dates become null; exported for tests). */
export function buildRaidBody(s: RaidFormState) {
  return {
    title: s.title.trim(),
    description: s.description,
    ownerId: s.ownerId || null,
    dueDate: s.dueDate || null,
    status: s.status,
    priority: s.priority,
    riskId: s.riskId || null,
    taskId: s.taskId || null,
    resolution: s.resolution,
    resolvedOn: s.resolvedOn || null,
  };
}

const fromEntry = (e?: RaidEntry): RaidFormState => ({
  type: e?.type ?? 'issue', title: e?.title ?? '', description: e?.description ?? '', ownerId: e?.ownerId ?? '', dueDate: e?.dueDate ?? '', status: e?.status ?? 'open',
  priority: e?.priority ?? 'medium', riskId: e?.riskId ?? '', taskId: e?.taskId ?? '', resolution: e?.resolution ?? '', resolvedOn: e?.resolvedOn ?? '',
});

function RaidForm({ projectId, entry, onDone }: { projectId: string; entry?: RaidEntry; onDone: () => void }) {
  const [s, set] = useState<RaidFormState>(fromEntry(entry));
  const members = useProjectMembers(projectId);
  const risks = useProjectRisks(projectId);
  const tasks = useProjectTasks(projectId);
  const client = useQueryClient();
  const toast = useToast();
  const save = useMutation({
    mutationFn: () =>
      entry
        ? ok(api.PATCH('/api/v1/raid/{id}', { params: { path: { id: entry.id } }, headers: ifMatch(entry.version), body: buildRaidBody(s) }))
        : ok(api.POST('/api/v1/projects/{id}/raid', { params: { path: { id: projectId } }, body: { type: s.type, ...buildRaidBody(s) } })),
    onSuccess: () => { toast(entry ? 'Entry saved' : 'Entry added'); void client.invalidateQueries({ queryKey: riskKeys.raid(projectId) }); onDone(); },
  });
  const up = <K extends keyof RaidFormState>(k: K) => (v: RaidFormState[K]) => set({ ...s, [k]: v });
  return (
    <form aria-label={entry ? 'Edit RAID entry' : 'New RAID entry'} onSubmit={(e) => { e.preventDefault(); save.mutate(); }} style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', gap: 8, minWidth: 'min(720px, 80vw)' }}>
      <Field label="Type" name="type" error={save.error}><select value={s.type} disabled={!!entry} onChange={(e) => up('type')(e.target.value as RaidFormState['type'])}>{TYPES.map((t) => <option key={t} value={t}>{TYPE_LABEL[t]}</option>)}</select></Field>
      <Field label="Title" name="title" error={save.error}><input required value={s.title} onChange={(e) => up('title')(e.target.value)} /></Field>
      <Field label="Owner" name="ownerId" error={save.error}><select value={s.ownerId} onChange={(e) => up('ownerId')(e.target.value)}><option value="">—</option>{(members.data ?? []).map((m) => <option key={m.userId} value={m.userId}>{m.displayName}</option>)}</select></Field>
      <Field label="Due date" name="dueDate" error={save.error}><input type="date" value={s.dueDate} onChange={(e) => up('dueDate')(e.target.value)} /></Field>
      <Field label="Status" name="status" error={save.error}><select value={s.status} onChange={(e) => up('status')(e.target.value as RaidFormState['status'])}>{Object.entries(STATUS_LABEL).map(([k, l]) => <option key={k} value={k}>{l}</option>)}</select></Field>
      <Field label="Priority" name="priority" error={save.error}><select value={s.priority} onChange={(e) => up('priority')(e.target.value as RaidFormState['priority'])}><option value="low">Low</option><option value="medium">Medium</option><option value="high">High</option></select></Field>
      <Field label="Linked risk" name="riskId" error={save.error}><select value={s.riskId} onChange={(e) => up('riskId')(e.target.value)}><option value="">—</option>{(risks.data?.items ?? []).map((r) => <option key={r.id} value={r.id}>{r.title}</option>)}</select></Field>
      <Field label="Linked task" name="taskId" error={save.error}><select value={s.taskId} onChange={(e) => up('taskId')(e.target.value)}><option value="">—</option>{(tasks.data ?? []).map((t) => <option key={t.id} value={t.id}>{t.wbs} {t.name}</option>)}</select></Field>
      <div style={{ gridColumn: '1 / -1' }}><Field label="Description" name="description" error={save.error}><textarea rows={3} value={s.description} onChange={(e) => up('description')(e.target.value)} /></Field></div>
      <div style={{ gridColumn: '1 / span 2' }}><Field label={RESOLUTION_LABEL[s.type]} name="resolution" error={save.error}><input value={s.resolution} onChange={(e) => up('resolution')(e.target.value)} /></Field></div>
      <Field label="Resolved on" name="resolvedOn" error={save.error}><input type="date" value={s.resolvedOn} onChange={(e) => up('resolvedOn')(e.target.value)} /></Field>
      <div className="row" style={{ gridColumn: '1 / -1' }}>
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>{entry ? 'Save entry' : 'Add entry'}</button>
        <button type="button" className="btn" onClick={onDone}>Cancel</button>
        <FormError error={save.error} />
      </div>
    </form>
  );
}

/** Page for /risks/projects/:projectId/raid. */
export function RaidPage() {
  const { projectId = '' } = useParams();
  const project = useProject(projectId);
  const raid = useRaid(projectId);
  const client = useQueryClient();
  const toast = useToast();
  const [type, setType] = useState<'' | (typeof TYPES)[number]>('');
  const [showClosed, setShowClosed] = useState(false);
  const [editing, setEditing] = useState<RaidEntry | 'new' | null>(null);
  const remove = useMutation({
    mutationFn: (e: RaidEntry) => ok(api.DELETE('/api/v1/raid/{id}', { params: { path: { id: e.id } }, headers: ifMatch(e.version) })),
    onSuccess: () => { toast('Entry deleted'); void client.invalidateQueries({ queryKey: riskKeys.raid(projectId) }); },
    onError: (e) => toast(e.message, 'error'),
  });
  const canEdit = project.data?.canEdit || project.data?.myRole === 'team_member';
  const rows = (raid.data ?? []).filter((e) => (!type || e.type === type) && (showClosed || e.status !== 'closed'));
  const counts = Object.fromEntries(TYPES.map((t) => [t, (raid.data ?? []).filter((e) => e.type === t && e.status !== 'closed').length]));
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <nav aria-label="Breadcrumb" className="muted"><Link to="/risks">Risks</Link>{project.data ? <> / <Link to={`/projects/${projectId}`}>{project.data.name}</Link></> : null}</nav>
      <div className="row"><h1 style={{ margin: 0 }}>RAID log{project.data ? ` · ${project.data.name}` : ''}</h1><span className="spacer" />
        {canEdit && <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>New entry</button>}</div>
      <ProjectRiskNav projectId={projectId} current="/raid" />
      <p className="muted" style={{ margin: 0 }}>Risks are in the register; this log holds the project's issues, decisions, changes and assumptions.</p>
      <div className="cards">{TYPES.map((t) => <div className="card" key={t}><div className="muted">Open {TYPE_LABEL[t].toLowerCase()}s</div><div className="figure" data-testid={`raid-count-${t}`}>{counts[t]}</div></div>)}</div>
      <div className="filters" role="group" aria-label="RAID filters">
        <label>Type<select value={type} onChange={(e) => setType(e.target.value as typeof type)}><option value="">All</option>{TYPES.map((t) => <option key={t} value={t}>{TYPE_LABEL[t]}s</option>)}</select></label>
        <label style={{ flexDirection: 'row', alignItems: 'center', gap: 6 }}><input type="checkbox" checked={showClosed} onChange={(e) => setShowClosed(e.target.checked)} />Show closed</label>
      </div>
      {raid.isLoading ? <Loading label="Loading RAID log…" /> : raid.error ? <ErrorState error={raid.error} /> : rows.length === 0 ? <Empty title="Nothing in the log." /> : (
        <table data-testid="raid-log" style={{ width: '100%', borderCollapse: 'collapse' }}>
          <thead><tr><th align="left">Type</th><th align="left">Entry</th><th align="left">Owner</th><th align="left">Due</th><th align="left">Status</th><th align="left">Priority</th><th align="left">Risk</th><th align="left">Task</th><th /></tr></thead>
          <tbody>
            {rows.map((e) => (
              <tr key={e.id}>
                <td>{TYPE_LABEL[e.type]}</td>
                <td><strong>{e.title}</strong>{e.description && <div className="muted">{e.description}</div>}{e.resolution && <div><span className="muted">{RESOLUTION_LABEL[e.type]}:</span> {e.resolution}{e.resolvedOn ? ` (${e.resolvedOn})` : ''}</div>}</td>
                <td>{e.ownerName ?? '—'}</td>
                <td>{e.dueDate ?? '—'}{e.overdue && <span className="rag rag-red" style={{ marginLeft: 6 }}>Overdue</span>}</td>
                <td>{STATUS_LABEL[e.status]}</td>
                <td>{e.priority}</td>
                <td>{e.riskId ? <Link to={`/risks/items/${e.riskId}`}>{e.riskTitle ?? 'risk'}</Link> : '—'}</td>
                <td>{e.taskName ?? '—'}</td>
                <td>{canEdit && <div className="row"><button type="button" className="btn btn-small" onClick={() => setEditing(e)} aria-label={`Edit ${e.title}`}>Edit</button>
                  <button type="button" className="btn btn-small btn-danger" onClick={() => { if (confirm(`Delete "${e.title}"?`)) remove.mutate(e); }} aria-label={`Delete ${e.title}`}>Delete</button></div>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Dialog open={editing !== null} title={editing === 'new' ? 'New RAID entry' : 'Edit RAID entry'} onClose={() => setEditing(null)}>
        {editing !== null && <RaidForm projectId={projectId} entry={editing === 'new' ? undefined : editing} onDone={() => setEditing(null)} />}
      </Dialog>
    </div>
  );
}
