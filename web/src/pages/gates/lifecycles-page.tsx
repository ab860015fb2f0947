/**
 * Lifecycles (/strategy/lifecycles): every lifecycle's stages and gates (criteria, approving roles), and for admins
 * and the PMO an editor: stages in order, the gate out of each with its checklist items, required fields and
 * documents and the roles that approve; make a lifecycle the default; delete an unused one. The server validates
 * (422 invalid_lifecycle naming the problem, 409 when a removed stage is in use).
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, ok } from '../../api/client';
import { useSession } from '../../api/session';
import { FormError } from '../../ui/form';
import { ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { gk, roleLabel, type Lifecycle } from './gates-api';
import { addStage, APPROVER_ROLES, definitionOf, draftFromLifecycle, GATE_FIELDS, keyFromName, moveStage, newLifecycleDraft, removeStage, type CriterionDraft, type GateDraft, type StageDraft } from './lifecycle-form';
import './gates.css';

const KIND_TEXT: Record<CriterionDraft['kind'], string> = { check: 'Checklist item', field: 'Required field', document: 'Document link' };
const fieldText = (f: string) => GATE_FIELDS.find(([k]) => k === f)?.[1] ?? f;

/** The gate of one stage in the editor. */
function GateEditor({ stage, later, onChange }: { stage: StageDraft; later: StageDraft[]; onChange: (g: GateDraft) => void }) {
  const g = stage.gate;
  const who = stage.name || stage.key;
  const setC = (i: number, patch: Partial<CriterionDraft>) => onChange({ ...g, criteria: g.criteria.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  return (
    <fieldset className="st-fieldset">
      <legend>Gate out of {who}</legend>
      <div className="st-form">
        <div className="field"><label htmlFor={`lc-gate-${stage.key}`}>Gate name</label><input id={`lc-gate-${stage.key}`} maxLength={200} placeholder={`${who} gate`} value={g.name} onChange={(e) => onChange({ ...g, name: e.target.value })} /></div>
        <div className="field">
          <label htmlFor={`lc-to-${stage.key}`}>Enters</label>
          <select id={`lc-to-${stage.key}`} value={g.to} onChange={(e) => onChange({ ...g, to: e.target.value })}>{later.map((s) => <option key={s.key} value={s.key}>{s.name || s.key}</option>)}</select>
        </div>
        <fieldset className="row" aria-label={`Approvals at the gate out of ${who}`}>
          <span className="muted">Approved by:</span>
          {APPROVER_ROLES.map((r) => (
            <label key={r}>
              <input type="checkbox" checked={g.approvals.includes(r)} onChange={(e) => onChange({ ...g, approvals: e.target.checked ? APPROVER_ROLES.filter((x) => x === r || g.approvals.includes(x)) : g.approvals.filter((x) => x !== r) })} /> {roleLabel(r)}
            </label>
          ))}
        </fieldset>
      </div>
      {g.criteria.length > 0 && (
        <table className="st-table" aria-label={`Criteria of the gate out of ${who}`}>
          <thead><tr><th>Kind</th><th>Label</th><th>Field</th><th>Required</th><th><span className="sr-only">Remove</span></th></tr></thead>
          <tbody>
            {g.criteria.map((c, i) => (
              <tr key={i}>
                <td>
                  <select aria-label={`Kind of criterion ${i + 1} (${who})`} value={c.kind} onChange={(e) => setC(i, { kind: e.target.value as CriterionDraft['kind'] })}>
                    {(Object.keys(KIND_TEXT) as CriterionDraft['kind'][]).map((k) => <option key={k} value={k}>{KIND_TEXT[k]}</option>)}
                  </select>
                </td>
                <td><input aria-label={`Label of criterion ${i + 1} (${who})`} size={32} maxLength={200} value={c.label} onChange={(e) => setC(i, { label: e.target.value })} /></td>
                <td>
                  {c.kind === 'field' ? (
                    <select aria-label={`Field of criterion ${i + 1} (${who})`} value={c.field} onChange={(e) => setC(i, { field: e.target.value as CriterionDraft['field'] })}>
                      {GATE_FIELDS.map(([k, t]) => <option key={k} value={k}>{t}</option>)}
                    </select>
                  ) : <span className="muted">—</span>}
                </td>
                <td><input type="checkbox" aria-label={`Criterion ${i + 1} required (${who})`} checked={c.required} onChange={(e) => setC(i, { required: e.target.checked })} /></td>
                <td><button type="button" className="btn btn-small" aria-label={`Remove criterion ${i + 1} (${who})`} onClick={() => onChange({ ...g, criteria: g.criteria.filter((_, j) => j !== i) })}>Remove</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" className="btn btn-small" onClick={() => onChange({ ...g, criteria: [...g.criteria, { id: '', kind: 'check', label: '', field: 'description', required: true }] })}>Add criterion to the gate out of {who}</button>
    </fieldset>
  );
}

/** The editor of one lifecycle (new when `lifecycle` is null). */
function LifecycleEditor({ lifecycle, onDone }: { lifecycle: Lifecycle | null; onDone: () => void }) {
  const client = useQueryClient();
  const toast = useToast();
  const [name, setName] = useState(lifecycle?.name ?? '');
  const [key, setKey] = useState('');
  const [description, setDescription] = useState(lifecycle?.description ?? '');
  const [stages, setStages] = useState<StageDraft[]>(() => (lifecycle ? draftFromLifecycle(lifecycle) : newLifecycleDraft()));
  const [newStage, setNewStage] = useState('');
  // '' = not automatically; a new lifecycle starts with the server's default rule ("approved").
  const [projectStage, setProjectStage] = useState<string>(lifecycle ? (lifecycle.projectStage ?? '') : 'approved');
  const [localError, setLocalError] = useState<string | null>(null);
  // A removed (or now first) stage cannot be the project stage: the select then shows "not automatically".
  const chosenProjectStage = stages.some((s, i) => i > 0 && s.key === projectStage) ? projectStage : '';
  const save = useMutation({
    mutationFn: (definition: NonNullable<ReturnType<typeof definitionOf>['definition']>) =>
      lifecycle
        ? ok(api.PATCH('/api/v1/lifecycles/{id}', { params: { path: { id: lifecycle.id } }, body: { name, description, definition }, headers: ifMatch(lifecycle.version) }))
        : ok(api.POST('/api/v1/lifecycles', { body: { key: key || keyFromName(name, new Set(), 'lifecycle'), name, description, definition } })),
    onSuccess: (l) => { toast(`Lifecycle "${l.name}" saved`); void client.invalidateQueries({ queryKey: gk.all }); onDone(); },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = definitionOf(stages, chosenProjectStage === '' ? null : chosenProjectStage);
    setLocalError(r.error);
    if (r.definition) save.mutate(r.definition);
  };
  const title = lifecycle ? `Edit ${lifecycle.name}` : 'New lifecycle';
  return (
    <form onSubmit={submit} aria-label={title} className="st-section">
      <h2>{title}</h2>
      <div className="st-form">
        <div className="field"><label htmlFor="lc-name">Lifecycle name</label><input id="lc-name" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} /></div>
        {!lifecycle && <div className="field"><label htmlFor="lc-key">Key</label><input id="lc-key" maxLength={64} placeholder={keyFromName(name, new Set(), 'lifecycle')} value={key} onChange={(e) => setKey(e.target.value)} /></div>}
        <div className="field"><label htmlFor="lc-desc">Description</label><input id="lc-desc" size={40} value={description} onChange={(e) => setDescription(e.target.value)} /></div>
      </div>
      <table className="st-table" aria-label="Stages">
        <thead><tr><th>#</th><th>Stage</th><th>Key</th><th>Actions</th></tr></thead>
        <tbody>
          {stages.map((s, i) => (
            <tr key={s.key}>
              <td>{i + 1}</td>
              <td><input aria-label={`Name of stage ${i + 1}`} required maxLength={200} value={s.name} onChange={(e) => setStages(stages.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} /></td>
              <td><code>{s.key}</code>{s.stored ? <span className="muted"> (kept: records and other areas refer to it)</span> : null}</td>
              <td className="row">
                {!s.stored && <button type="button" className="btn btn-small" disabled={i === 0} aria-label={`Move ${s.name || s.key} up`} onClick={() => setStages(moveStage(stages, i, -1))}>↑</button>}
                {!s.stored && <button type="button" className="btn btn-small" disabled={i === stages.length - 1} aria-label={`Move ${s.name || s.key} down`} onClick={() => setStages(moveStage(stages, i, 1))}>↓</button>}
                <button type="button" className="btn btn-small" disabled={stages.length <= 2} aria-label={`Remove stage ${s.name || s.key}`} onClick={() => setStages(removeStage(stages, i))}>Remove</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="st-form">
        <div className="field"><label htmlFor="lc-new-stage">New stage</label><input id="lc-new-stage" maxLength={200} value={newStage} onChange={(e) => setNewStage(e.target.value)} /></div>
        <button type="button" className="btn btn-small" disabled={!newStage.trim()} onClick={() => { setStages(addStage(stages, newStage.trim())); setNewStage(''); }}>Add stage</button>
      </div>
      <div className="st-form">
        <div className="field">
          <label htmlFor="lc-project-stage">Proposals become projects on entering</label>
          <select id="lc-project-stage" value={chosenProjectStage} onChange={(e) => setProjectStage(e.target.value)}>
            <option value="">Not automatically (only "Create project")</option>
            {stages.slice(1).map((s) => <option key={s.key} value={s.key}>{s.name || s.key}</option>)}
          </select>
        </div>
      </div>
      {stages.slice(0, -1).map((s, i) => (
        <GateEditor key={s.key} stage={s} later={stages.slice(i + 1)} onChange={(gate) => setStages(stages.map((x, j) => (j === i ? { ...x, gate } : x)))} />
      ))}
      {localError && <p className="form-error" role="alert">{localError}</p>}
      <FormError error={save.error} />
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>Save lifecycle</button>
        <button type="button" className="btn" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}

/** One lifecycle, read-only, with its actions. */
function LifecycleView({ l, canEdit, onEdit }: { l: Lifecycle; canEdit: boolean; onEdit: () => void }) {
  const client = useQueryClient();
  const toast = useToast();
  const makeDefault = useMutation({
    mutationFn: () => ok(api.PATCH('/api/v1/lifecycles/{id}', { params: { path: { id: l.id } }, body: { isDefault: true }, headers: ifMatch(l.version) })),
    onSuccess: () => { toast(`"${l.name}" is now the default lifecycle`); void client.invalidateQueries({ queryKey: gk.all }); },
    onError: (e) => toast(e.message, 'error'),
  });
  const remove = useMutation({
    mutationFn: () => ok(api.DELETE('/api/v1/lifecycles/{id}', { params: { path: { id: l.id } }, headers: ifMatch(l.version) })),
    onSuccess: () => { toast(`Lifecycle "${l.name}" deleted`); void client.invalidateQueries({ queryKey: gk.all }); },
    onError: (e) => toast(e.message, 'error'),
  });
  const name = (k: string) => l.stages.find((s) => s.key === k)?.name ?? k;
  const used = l.projectCount + l.proposalCount;
  return (
    <section className="st-section" aria-label={`Lifecycle ${l.name}`}>
      <h2>{l.name}{l.isDefault ? <span className="muted"> (default)</span> : null}</h2>
      {l.description && <p>{l.description}</p>}
      <p className="muted">{l.stages.map((s) => s.name).join(' → ')} · used by {l.projectCount} project{l.projectCount === 1 ? '' : 's'} and {l.proposalCount} proposal{l.proposalCount === 1 ? '' : 's'} · proposals become projects {l.projectStage ? `on entering ${name(l.projectStage)}` : 'only by "Create project"'}</p>
      <table className="st-table" aria-label={`Gates of ${l.name}`}>
        <thead><tr><th>Gate</th><th>From → to</th><th>Criteria</th><th>Approved by</th></tr></thead>
        <tbody>
          {l.gates.map((g) => (
            <tr key={g.key}>
              <td>{g.name}</td>
              <td>{name(g.from)} → {name(g.to)}</td>
              <td>{g.criteria.length === 0 ? <span className="muted">none</span> : <ul className="st-reasons">{g.criteria.map((c) => <li key={c.id}>{c.label} <span className="muted">({KIND_TEXT[c.kind].toLowerCase()}{c.kind === 'field' ? `: ${fieldText(c.field)}` : ''}{c.required ? '' : ', optional'})</span></li>)}</ul>}</td>
              <td>{g.approvals.map(roleLabel).join(', ') || <span className="muted">nobody</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {canEdit && (
        <div className="row">
          <button type="button" className="btn btn-small" onClick={onEdit} aria-label={`Edit ${l.name}`}>Edit</button>
          {!l.isDefault && <button type="button" className="btn btn-small" disabled={makeDefault.isPending} onClick={() => makeDefault.mutate()} aria-label={`Make default: ${l.name}`}>Make default</button>}
          {!l.isDefault && used === 0 && <button type="button" className="btn btn-small" disabled={remove.isPending} onClick={() => remove.mutate()} aria-label={`Delete ${l.name}`}>Delete</button>}
        </div>
      )}
    </section>
  );
}

/** The lifecycles page. */
export function LifecyclesPage() {
  const { user } = useSession();
  const canEdit = user?.orgRole === 'admin' || user?.orgRole === 'pmo';
  const lifecycles = useQuery({ queryKey: gk.lifecycles, queryFn: async () => (await ok(api.GET('/api/v1/lifecycles'))).items });
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  if (lifecycles.isLoading) return <Loading />;
  if (lifecycles.error) return <ErrorState error={lifecycles.error} />;
  return (
    <div>
      <p className="muted">Projects and proposals move from stage to stage only through a gate decision. New projects and proposals follow the default lifecycle.</p>
      {(lifecycles.data ?? []).map((l) =>
        editing === l.id ? <LifecycleEditor key={`${l.id}:${l.version}`} lifecycle={l} onDone={() => setEditing(null)} /> : <LifecycleView key={l.id} l={l} canEdit={canEdit && editing === null} onEdit={() => setEditing(l.id)} />,
      )}
      {canEdit && editing === null && <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>New lifecycle</button>}
      {editing === 'new' && <LifecycleEditor lifecycle={null} onDone={() => setEditing(null)} />}
    </div>
  );
}
