/** Strategic objectives: the tree with rolled-up progress, key results (update the actual), links from projects and proposals, alignment. */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, ok } from '../../api/client';
import { useSession } from '../../api/session';
import type { paths } from '../../api/schema';
import { FormError } from '../../ui/form';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { Progress } from '../labels';
import { sk } from './strategy-api';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Objectives = JsonOf<paths['/api/v1/portfolio/objectives']['get']['responses'][200]>;
type Objective = Objectives['items'][number];
type KeyResult = Objective['keyResults'][number];

const objectivesKey = ['portfolio', 'objectives'] as const;
const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));

function useRefresh() {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: objectivesKey });
}

/** The page. */
export function ObjectivesPage() {
  const { user } = useSession();
  const canEdit = Boolean(user && ['admin', 'pmo', 'portfolio_manager'].includes(user.orgRole));
  const data = useQuery({ queryKey: objectivesKey, queryFn: () => ok(api.GET('/api/v1/portfolio/objectives')) });
  if (data.isLoading) return <Loading />;
  if (data.error) return <ErrorState error={data.error} />;
  const { items, alignment } = data.data!;
  return (
    <div>
      {items.length === 0 ? <Empty title="No strategic objectives yet." /> : (
        <table className="st-table" aria-label="Strategic objectives">
          <thead><tr><th>Objective</th><th>Owner</th><th className="num">Share of strategy</th><th>Progress</th><th>Key results</th><th>Linked work</th></tr></thead>
          <tbody>
            {items.map((o) => (
              <tr key={o.id}>
                <td className={o.depth ? `st-indent-${Math.min(3, o.depth)}` : undefined}>
                  <strong>{o.name}</strong>{o.description && <div className="muted">{o.description}</div>}
                  {canEdit && <DeleteButton label={`Delete objective ${o.name}`} done={`Objective "${o.name}" deleted`} run={() => ok(api.DELETE('/api/v1/portfolio/objectives/{id}', { params: { path: { id: o.id } }, headers: ifMatch(o.version) }))} />}
                </td>
                <td>{o.ownerName ?? '—'}</td>
                <td className="num">{pct(o.globalWeight)}</td>
                <td><Progress percent={o.progress * 100} /></td>
                <td>
                  {o.keyResults.length === 0 ? <span className="muted">none</span> : (
                    <ul className="st-reasons">{o.keyResults.map((k) => <KeyResultItem key={k.id} kr={k} canEdit={canEdit} />)}</ul>
                  )}
                  {canEdit && <AddKeyResult objective={o} />}
                </td>
                <td>{o.links.length === 0 ? <span className="muted">none</span> : <ul className="st-reasons">{o.links.map((l) => <LinkItem key={l.id} link={l} canEdit={canEdit} />)}</ul>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && <AddObjective items={items} />}
      {canEdit && items.length > 0 && <AddLink items={items} />}
      <h2>Strategic alignment</h2>
      {alignment.length === 0 ? <p className="muted">Link projects and proposals to objectives to see how well they align.</p> : (
        <table className="st-table" aria-label="Strategic alignment">
          <thead><tr><th>Project or proposal</th><th>Kind</th><th className="num">Alignment</th></tr></thead>
          <tbody>{alignment.map((a) => <tr key={`${a.kind}:${a.id}`}><td>{a.name}</td><td>{a.kind}</td><td className="num">{pct(a.alignment)}</td></tr>)}</tbody>
        </table>
      )}
      <p className="muted">Progress: a key result counts (actual − start) / (target − start), capped to 0–100 %; an objective is the weighted mean of its key results and sub-objectives. Alignment: the share of the strategy a project or proposal contributes to, split by its contribution weights; a proposal that became a project counts once, as the project.</p>
    </div>
  );
}

function KeyResultItem({ kr, canEdit }: { kr: KeyResult; canEdit: boolean }) {
  const refresh = useRefresh();
  const toast = useToast();
  const [actual, setActual] = useState(String(kr.actual));
  const save = useMutation({
    mutationFn: () => ok(api.PATCH('/api/v1/portfolio/key-results/{id}', { params: { path: { id: kr.id } }, body: { actual: Number(actual) }, headers: ifMatch(kr.version) })),
    onSuccess: () => { toast(`"${kr.name}" updated`); refresh(); },
  });
  return (
    <li>
      {kr.name}: {num(kr.actual)} of {num(kr.target)} {kr.unit} (from {num(kr.start)}; {pct(kr.progress)}){kr.dueDate ? `, due ${kr.dueDate}` : ''}
      {canEdit && (
        <form className="st-form" onSubmit={(e) => { e.preventDefault(); save.mutate(); }} aria-label={`Update ${kr.name}`}>
          <div className="field"><label htmlFor={`kr-${kr.id}`}>Actual ({kr.name})</label><input id={`kr-${kr.id}`} type="number" step="any" size={8} value={actual} onChange={(e) => setActual(e.target.value)} /></div>
          <button type="submit" className="btn btn-small" disabled={save.isPending}>Save</button>
          <DeleteButton label={`Delete key result ${kr.name}`} done={`Key result "${kr.name}" deleted`} run={() => ok(api.DELETE('/api/v1/portfolio/key-results/{id}', { params: { path: { id: kr.id } }, headers: ifMatch(kr.version) }))} />
          <FormError error={save.error} />
        </form>
      )}
    </li>
  );
}

/** A small Delete button; a refusal (e.g. an objective with sub-objectives, 409) shows as a toast. */
function DeleteButton({ label, done, run }: { label: string; done: string; run: () => Promise<unknown> }) {
  const refresh = useRefresh();
  const toast = useToast();
  const remove = useMutation({ mutationFn: run, onSuccess: () => { toast(done); refresh(); }, onError: (e) => toast(e.message, 'error') });
  return <button type="button" className="btn btn-small" aria-label={label} disabled={remove.isPending} onClick={() => remove.mutate()}>Delete</button>;
}

function LinkItem({ link, canEdit }: { link: Objective['links'][number]; canEdit: boolean }) {
  const refresh = useRefresh();
  const remove = useMutation({ mutationFn: () => ok(api.DELETE('/api/v1/portfolio/objective-links/{id}', { params: { path: { id: link.id } } })), onSuccess: refresh });
  return (
    <li>
      {link.name} <span className="muted">({link.kind}, contribution {num(link.contributionWeight)}{link.becameProjectId ? '; now a project, counted as the project' : ''})</span>{' '}
      {canEdit && <button type="button" className="btn btn-small" aria-label={`Unlink ${link.kind} ${link.name}`} disabled={remove.isPending} onClick={() => remove.mutate()}>Unlink</button>}
    </li>
  );
}

function AddKeyResult({ objective }: { objective: Objective }) {
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [f, setF] = useState({ name: '', unit: '', start: '0', target: '', actual: '', dueDate: '' });
  const add = useMutation({
    mutationFn: () =>
      ok(api.POST('/api/v1/portfolio/objectives/{id}/key-results', {
        params: { path: { id: objective.id } },
        body: { name: f.name, unit: f.unit, start: Number(f.start) || 0, target: Number(f.target), ...(f.actual !== '' ? { actual: Number(f.actual) } : {}), ...(f.dueDate ? { dueDate: f.dueDate } : {}) },
      })),
    onSuccess: () => { setOpen(false); setF({ name: '', unit: '', start: '0', target: '', actual: '', dueDate: '' }); refresh(); },
  });
  if (!open) return <button type="button" className="btn btn-small" onClick={() => setOpen(true)} aria-label={`Add key result to ${objective.name}`}>Add key result</button>;
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const id = (k: string) => `kr-new-${objective.id}-${k}`;
  return (
    <form className="st-form" aria-label={`New key result for ${objective.name}`} onSubmit={(e: FormEvent) => { e.preventDefault(); add.mutate(); }}>
      <div className="field"><label htmlFor={id('name')}>Key result</label><input id={id('name')} required maxLength={200} value={f.name} onChange={set('name')} /></div>
      <div className="field"><label htmlFor={id('unit')}>Unit</label><input id={id('unit')} size={6} maxLength={40} value={f.unit} onChange={set('unit')} /></div>
      <div className="field"><label htmlFor={id('start')}>Start</label><input id={id('start')} type="number" step="any" size={6} value={f.start} onChange={set('start')} /></div>
      <div className="field"><label htmlFor={id('target')}>Target</label><input id={id('target')} type="number" step="any" size={6} required value={f.target} onChange={set('target')} /></div>
      <div className="field"><label htmlFor={id('actual')}>Actual</label><input id={id('actual')} type="number" step="any" size={6} value={f.actual} onChange={set('actual')} /></div>
      <div className="field"><label htmlFor={id('due')}>Due</label><input id={id('due')} type="date" value={f.dueDate} onChange={set('dueDate')} /></div>
      <button type="submit" className="btn btn-small" disabled={add.isPending}>Add</button>
      <button type="button" className="btn btn-small" onClick={() => setOpen(false)}>Cancel</button>
      <FormError error={add.error} />
    </form>
  );
}

function AddObjective({ items }: { items: Objective[] }) {
  const refresh = useRefresh();
  const toast = useToast();
  const [f, setF] = useState({ name: '', parentId: '', weight: '1' });
  const add = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/portfolio/objectives', { body: { name: f.name, parentId: f.parentId || null, weight: Number(f.weight) || 0 } })),
    onSuccess: (o) => { toast(`Objective "${o.name}" added`); setF({ name: '', parentId: '', weight: '1' }); refresh(); },
  });
  return (
    <form className="st-form st-section" aria-label="Add an objective" onSubmit={(e) => { e.preventDefault(); add.mutate(); }}>
      <div className="field"><label htmlFor="obj-name">New objective</label><input id="obj-name" required maxLength={200} value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} /></div>
      <div className="field">
        <label htmlFor="obj-parent">Under</label>
        <select id="obj-parent" value={f.parentId} onChange={(e) => setF({ ...f, parentId: e.target.value })}>
          <option value="">(top level)</option>
          {items.map((o) => <option key={o.id} value={o.id}>{'– '.repeat(o.depth)}{o.name}</option>)}
        </select>
      </div>
      <div className="field"><label htmlFor="obj-weight">Weight among its siblings</label><input id="obj-weight" type="number" min={0} step="any" value={f.weight} onChange={(e) => setF({ ...f, weight: e.target.value })} /></div>
      <button type="submit" className="btn" disabled={add.isPending}>Add objective</button>
      <FormError error={add.error} />
    </form>
  );
}

function AddLink({ items }: { items: Objective[] }) {
  const refresh = useRefresh();
  const toast = useToast();
  const proposals = useQuery({ queryKey: sk.proposals, queryFn: async () => (await ok(api.GET('/api/v1/portfolio/proposals'))).items });
  const projects = useQuery({ queryKey: ['projects', 'all-for-links'], queryFn: async () => (await ok(api.GET('/api/v1/projects', { params: { query: { limit: 500 } } }))).items });
  const [f, setF] = useState({ objectiveId: items[0]?.id ?? '', target: '', weight: '1' });
  const link = useMutation({
    mutationFn: () => {
      const [kind, id] = f.target.split(':') as ['project' | 'proposal', string];
      return ok(api.POST('/api/v1/portfolio/objectives/{id}/links', { params: { path: { id: f.objectiveId } }, body: { ...(kind === 'project' ? { projectId: id } : { proposalId: id }), contributionWeight: Number(f.weight) || 0 } }));
    },
    onSuccess: () => { toast('Linked'); setF({ ...f, target: '' }); refresh(); },
  });
  return (
    <form className="st-form" aria-label="Link work to an objective" onSubmit={(e) => { e.preventDefault(); link.mutate(); }}>
      <div className="field">
        <label htmlFor="link-objective">Objective</label>
        <select id="link-objective" value={f.objectiveId} onChange={(e) => setF({ ...f, objectiveId: e.target.value })}>{items.map((o) => <option key={o.id} value={o.id}>{'– '.repeat(o.depth)}{o.name}</option>)}</select>
      </div>
      <div className="field">
        <label htmlFor="link-target">Proposal or project</label>
        <select id="link-target" required value={f.target} onChange={(e) => setF({ ...f, target: e.target.value })}>
          <option value="">Choose…</option>
          <optgroup label="Proposals">{(proposals.data ?? []).filter((p) => !p.projectId).map((p) => <option key={p.id} value={`proposal:${p.id}`}>{p.name}</option>)}</optgroup>
          <optgroup label="Projects">{(projects.data ?? []).map((p) => <option key={p.id} value={`project:${p.id}`}>{p.code} · {p.name}</option>)}</optgroup>
        </select>
      </div>
      <div className="field"><label htmlFor="link-weight">Contribution weight</label><input id="link-weight" type="number" min={0} step="any" value={f.weight} onChange={(e) => setF({ ...f, weight: e.target.value })} /></div>
      <button type="submit" className="btn" disabled={link.isPending}>Link</button>
      <FormError error={link.error} />
    </form>
  );
}
