/** The proposals' own optimiser constraints: mandatory, start window, dependencies and exclusions (edited per row). */
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, ok } from '../../api/client';
import { FormError } from '../../ui/form';
import { useToast } from '../../ui/toast';
import { sk, type Proposal } from './strategy-api';

const GRAIN: Record<number, string> = { 1: 'year', 4: 'quarter', 12: 'month' };

function Row({ p, all, canEdit }: { p: Proposal; all: Proposal[]; canEdit: boolean }) {
  const client = useQueryClient();
  const toast = useToast();
  const initial = { mandatory: p.mandatory, earliest: String(p.earliestStart), latest: String(p.latestStart), dependsOn: p.dependsOn, excludes: p.excludes };
  const [f, setF] = useState(initial);
  const dirty = JSON.stringify(f) !== JSON.stringify(initial);
  const save = useMutation({
    mutationFn: () =>
      ok(api.PATCH('/api/v1/portfolio/proposals/{id}', {
        params: { path: { id: p.id } },
        body: { mandatory: f.mandatory, earliestStart: Math.max(0, Math.floor(Number(f.earliest) || 0)), latestStart: Math.max(0, Math.floor(Number(f.latest) || 0)), dependsOn: f.dependsOn, excludes: f.excludes },
        headers: ifMatch(p.version),
      })),
    onSuccess: () => { toast(`Constraints of "${p.name}" saved`); void client.invalidateQueries({ queryKey: sk.proposals }); },
  });
  const others = all.filter((x) => x.id !== p.id);
  const names = (ids: string[]) => ids.map((id) => all.find((x) => x.id === id)?.name ?? id).join(', ') || '—';
  const unit = GRAIN[p.periodsPerYear] ?? 'period';
  if (!canEdit) {
    return (
      <tr>
        <td>{p.name}</td><td>{p.mandatory ? 'yes' : ''}</td><td>{unit} {p.earliestStart + 1} – {p.latestStart + 1}</td><td>{names(p.dependsOn)}</td><td>{names(p.excludes)}</td>
      </tr>
    );
  }
  const multi = (key: 'dependsOn' | 'excludes') => (
    <select multiple aria-label={`${key === 'dependsOn' ? 'Depends on' : 'Excludes'} (${p.name})`} size={Math.min(4, Math.max(2, others.length))} value={f[key]} onChange={(e) => setF({ ...f, [key]: [...e.target.selectedOptions].map((o) => o.value) })}>
      {others.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
    </select>
  );
  return (
    <tr>
      <td>{p.name}</td>
      <td><input type="checkbox" aria-label={`Mandatory (${p.name})`} checked={f.mandatory} onChange={(e) => setF({ ...f, mandatory: e.target.checked })} /></td>
      <td>
        <span className="row">
          <input aria-label={`Earliest start ${unit} (${p.name})`} type="number" min={0} max={239} size={3} value={f.earliest} onChange={(e) => setF({ ...f, earliest: e.target.value })} />
          –
          <input aria-label={`Latest start ${unit} (${p.name})`} type="number" min={0} max={239} size={3} value={f.latest} onChange={(e) => setF({ ...f, latest: e.target.value })} />
          <span className="muted">{unit}s from the first period (0 = first)</span>
        </span>
      </td>
      <td>{multi('dependsOn')}</td>
      <td>{multi('excludes')}</td>
      <td>
        <button type="button" className="btn btn-small" disabled={!dirty || save.isPending} onClick={() => save.mutate()} aria-label={`Save constraints of ${p.name}`}>Save</button>
        <FormError error={save.error} />
      </td>
    </tr>
  );
}

/** The constraints table. */
export function ProposalConstraints({ proposals, canEdit }: { proposals: Proposal[]; canEdit: boolean }) {
  if (proposals.length === 0) return null;
  return (
    <section className="st-section" aria-label="Proposal constraints">
      <h2>Constraints of the proposals</h2>
      <p className="muted">Mandatory proposals are always selected (with what they depend on); a start window lets the optimiser shift a proposal to fit the budgets; "depends on" needs the other selected too; "excludes" never both.</p>
      <div style={{ overflowX: 'auto' }}>
        <table className="st-table" aria-label="Constraints of the proposals">
          <thead><tr><th>Proposal</th><th>Mandatory</th><th>Start window</th><th>Depends on</th><th>Excludes</th>{canEdit && <th>Save</th>}</tr></thead>
          <tbody>{proposals.map((p) => <Row key={`${p.id}:${p.version}`} p={p} all={proposals} canEdit={canEdit} />)}</tbody>
        </table>
      </div>
    </section>
  );
}
