/** Risk settings: the probability x impact scales and rating bands (admins), and compliance checklists per lifecycle stage (admins and the PMO). */
import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { useSession } from '../../api/session';
import { FormError } from '../../ui/form';
import { ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { riskKeys, useChecklists, useRiskMatrix, type Checklist, type RiskMatrix } from './risk-queries';

/** Renumbers levels 1..n after rows were added or removed (exported for tests). */
export function renumber<T extends { level: number }>(levels: T[]): T[] {
  return levels.map((l, i) => ({ ...l, level: i + 1 }));
}

const num = (v: string): number => (v.trim() === '' ? Number.NaN : Number(v));
const optNum = (v: string): number | null => (v.trim() === '' ? null : Number(v));

function MatrixEditor({ initial, version, canSave }: { initial: RiskMatrix; version: number; canSave: boolean }) {
  const [m, setM] = useState<RiskMatrix>(initial);
  const client = useQueryClient();
  const toast = useToast();
  const save = useMutation({
    mutationFn: () => ok(api.PATCH('/api/v1/risk-matrix', { body: { matrix: m as never, version } })),
    onSuccess: () => { toast('Scales saved; every risk was rescored'); void client.invalidateQueries({ queryKey: riskKeys.all }); },
  });
  const setP = (i: number, patch: Partial<RiskMatrix['probabilityLevels'][number]>) => setM({ ...m, probabilityLevels: m.probabilityLevels.map((l, k) => (k === i ? { ...l, ...patch } : l)) });
  const setI = (i: number, patch: Partial<RiskMatrix['impactLevels'][number]>) => setM({ ...m, impactLevels: m.impactLevels.map((l, k) => (k === i ? { ...l, ...patch } : l)) });
  const setB = (i: number, patch: Partial<RiskMatrix['bands'][number]>) => setM({ ...m, bands: m.bands.map((b, k) => (k === i ? { ...b, ...patch } : b)) });
  return (
    <form aria-label="Risk scales" onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
      <fieldset disabled={!canSave} style={{ border: 'none', padding: 0 }}>
        <h3>Probability levels</h3>
        <table><thead><tr><th>Level</th><th>Label</th><th>From</th><th>To</th><th>Used for EMV</th><th /></tr></thead><tbody>
          {m.probabilityLevels.map((l, i) => (
            <tr key={i}><td>{l.level}</td>
              <td><input aria-label={`Probability level ${l.level} label`} value={l.label} onChange={(e) => setP(i, { label: e.target.value })} /></td>
              <td><input aria-label={`Probability level ${l.level} from`} inputMode="decimal" size={5} value={String(l.minProbability)} onChange={(e) => setP(i, { minProbability: num(e.target.value) })} /></td>
              <td><input aria-label={`Probability level ${l.level} to`} inputMode="decimal" size={5} value={String(l.maxProbability)} onChange={(e) => setP(i, { maxProbability: num(e.target.value) })} /></td>
              <td><input aria-label={`Probability level ${l.level} for EMV`} inputMode="decimal" size={5} value={l.probability === undefined ? '' : String(l.probability)} onChange={(e) => setP(i, { probability: e.target.value.trim() === '' ? undefined : num(e.target.value) })} /></td>
              <td><button type="button" className="btn btn-small" onClick={() => setM({ ...m, probabilityLevels: renumber(m.probabilityLevels.filter((_, k) => k !== i)) })} aria-label={`Remove probability level ${l.level}`}>Remove</button></td></tr>
          ))}
        </tbody></table>
        <button type="button" className="btn btn-small" onClick={() => setM({ ...m, probabilityLevels: renumber([...m.probabilityLevels, { level: 0, label: 'New level', minProbability: 1, maxProbability: 1 }]) })}>Add probability level</button>
        <h3>Impact levels</h3>
        <table><thead><tr><th>Level</th><th>Label</th><th>Schedule up to (days)</th><th>Cost up to</th><th /></tr></thead><tbody>
          {m.impactLevels.map((l, i) => (
            <tr key={i}><td>{l.level}</td>
              <td><input aria-label={`Impact level ${l.level} label`} value={l.label} onChange={(e) => setI(i, { label: e.target.value })} /></td>
              <td><input aria-label={`Impact level ${l.level} schedule days`} inputMode="decimal" size={6} value={l.scheduleDaysUpTo == null ? '' : String(l.scheduleDaysUpTo)} onChange={(e) => setI(i, { scheduleDaysUpTo: optNum(e.target.value) })} /></td>
              <td><input aria-label={`Impact level ${l.level} cost`} inputMode="decimal" size={10} value={l.costCentsUpTo == null ? '' : String(l.costCentsUpTo / 100)} onChange={(e) => { const v = optNum(e.target.value); setI(i, { costCentsUpTo: v === null ? null : Math.round(v * 100) }); }} /></td>
              <td><button type="button" className="btn btn-small" onClick={() => setM({ ...m, impactLevels: renumber(m.impactLevels.filter((_, k) => k !== i)) })} aria-label={`Remove impact level ${l.level}`}>Remove</button></td></tr>
          ))}
        </tbody></table>
        <button type="button" className="btn btn-small" onClick={() => setM({ ...m, impactLevels: renumber([...m.impactLevels, { level: 0, label: 'New level' }]) })}>Add impact level</button>
        <h3>Rating bands <span className="muted">(score = probability level × highest impact level)</span></h3>
        <table><thead><tr><th>Rating</th><th>From score</th><th /></tr></thead><tbody>
          {m.bands.map((b, i) => (
            <tr key={i}>
              <td><input aria-label={`Band ${i + 1} rating`} value={b.rating} onChange={(e) => setB(i, { rating: e.target.value })} /></td>
              <td><input aria-label={`Band ${i + 1} from score`} inputMode="numeric" size={4} value={String(b.minScore)} onChange={(e) => setB(i, { minScore: num(e.target.value) })} /></td>
              <td><button type="button" className="btn btn-small" onClick={() => setM({ ...m, bands: m.bands.filter((_, k) => k !== i) })} aria-label={`Remove band ${i + 1}`}>Remove</button></td></tr>
          ))}
        </tbody></table>
        <button type="button" className="btn btn-small" onClick={() => setM({ ...m, bands: [...m.bands, { rating: 'new', minScore: m.probabilityLevels.length * m.impactLevels.length }] })}>Add band</button>
        <div className="row" style={{ marginTop: 12 }}>
          {canSave && <button type="submit" className="btn btn-primary" disabled={save.isPending}>Save scales</button>}
          <FormError error={save.error} />
        </div>
      </fieldset>
      {!canSave && <p className="muted">Only administrators change the scales.</p>}
    </form>
  );
}

type Item = Checklist['items'][number];
const FACTS = ['riskRegister.lastReviewedOn', 'riskRegister.lastChangedOn'];

/** A rule of the given kind with sensible parameters (exported for tests). */
export function ruleOfKind(kind: Item['rule']['kind'], current?: Item['rule']): Item['rule'] {
  if (current?.kind === kind) return current;
  switch (kind) {
    case 'attestation': return { kind };
    case 'evidence': return { kind, minEvidence: 1 };
    case 'recency': return { kind, maxAgeDays: 30, fact: 'riskRegister.lastReviewedOn' };
    case 'fact': return { kind, fact: 'riskRegister.lastReviewedOn' };
  }
}

function ChecklistEditor({ checklist }: { checklist: Checklist }) {
  const [items, setItems] = useState<Item[]>(checklist.items);
  const client = useQueryClient();
  const toast = useToast();
  const save = useMutation({
    mutationFn: () => ok(api.PUT('/api/v1/compliance/checklists/{lifecycleId}', { params: { path: { lifecycleId: checklist.lifecycleId } }, body: { items, version: checklist.version } })),
    onSuccess: () => { toast('Checklist saved'); void client.invalidateQueries({ queryKey: riskKeys.all }); },
  });
  const setItem = (i: number, patch: Partial<Item>) => setItems(items.map((x, k) => (k === i ? { ...x, ...patch } : x)));
  const gateFacts = checklist.gates.map((g) => g.key);
  return (
    <form aria-label={`Checklist of ${checklist.lifecycleName}`} onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
      {checklist.version === 0 && <p className="muted">Not saved yet{checklist.items.length ? ': this is the example checklist' : ''}.</p>}
      <table><thead><tr><th>Key</th><th>Stage</th><th>Item</th><th>Satisfied by</th><th>Parameter</th><th>Required</th><th /></tr></thead><tbody>
        {items.map((it, i) => (
          <tr key={i}>
            <td><input aria-label={`Item ${i + 1} key`} size={12} value={it.id} onChange={(e) => setItem(i, { id: e.target.value })} /></td>
            <td><select aria-label={`Item ${i + 1} stage`} value={it.stage} onChange={(e) => setItem(i, { stage: e.target.value })}>{checklist.stages.map((s) => <option key={s.key} value={s.key}>{s.name}</option>)}</select></td>
            <td><input aria-label={`Item ${i + 1} title`} size={30} value={it.title} onChange={(e) => setItem(i, { title: e.target.value })} /></td>
            <td><select aria-label={`Item ${i + 1} rule`} value={it.rule.kind} onChange={(e) => setItem(i, { rule: ruleOfKind(e.target.value as Item['rule']['kind'], it.rule) })}>
              <option value="attestation">Attestation</option><option value="evidence">Evidence links</option><option value="recency">Recent date</option><option value="fact">Fact from the project</option></select></td>
            <td>
              {it.rule.kind === 'evidence' && <input aria-label={`Item ${i + 1} links needed`} inputMode="numeric" size={3} value={String(it.rule.minEvidence ?? 1)} onChange={(e) => setItem(i, { rule: { kind: 'evidence', minEvidence: Number(e.target.value) } })} />}
              {it.rule.kind === 'recency' && <><input aria-label={`Item ${i + 1} days`} inputMode="numeric" size={4} value={String(it.rule.maxAgeDays)} onChange={(e) => setItem(i, { rule: { ...it.rule, kind: 'recency', maxAgeDays: Number(e.target.value) } as Item['rule'] })} /> days of{' '}
                <select aria-label={`Item ${i + 1} date`} value={it.rule.fact ?? ''} onChange={(e) => setItem(i, { rule: { kind: 'recency', maxAgeDays: (it.rule as { maxAgeDays: number }).maxAgeDays, ...(e.target.value ? { fact: e.target.value } : {}) } as Item['rule'] })}>
                  <option value="">the recorded date</option>{FACTS.map((f) => <option key={f} value={f}>{f}</option>)}</select></>}
              {it.rule.kind === 'fact' && <select aria-label={`Item ${i + 1} fact`} value={it.rule.fact} onChange={(e) => setItem(i, { rule: { kind: 'fact', fact: e.target.value } })}>
                {[...new Set([...FACTS, ...gateFacts.map((g) => `gate.${g}.passedOn`), it.rule.fact])].map((f) => <option key={f} value={f}>{f}</option>)}
              </select>}
            </td>
            <td><input type="checkbox" aria-label={`Item ${i + 1} required`} checked={it.required} onChange={(e) => setItem(i, { required: e.target.checked })} /></td>
            <td><button type="button" className="btn btn-small" onClick={() => setItems(items.filter((_, k) => k !== i))} aria-label={`Remove item ${i + 1}`}>Remove</button></td>
          </tr>
        ))}
      </tbody></table>
      <div className="row" style={{ marginTop: 8 }}>
        <button type="button" className="btn btn-small" onClick={() => setItems([...items, { id: `item-${items.length + 1}`, stage: checklist.stages[0]!.key, title: 'New item', rule: { kind: 'attestation' }, required: true }])}>Add item</button>
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>Save checklist</button>
        <FormError error={save.error} />
      </div>
    </form>
  );
}

/** Page for /risks/settings. */
export function RiskSettingsPage() {
  const { user } = useSession();
  const matrix = useRiskMatrix();
  const checklists = useChecklists();
  const [lifecycleId, setLifecycleId] = useState('');
  const canChecklists = ['admin', 'pmo'].includes(user?.orgRole ?? '');
  const current = (checklists.data ?? []).find((c) => c.lifecycleId === lifecycleId) ?? checklists.data?.[0];
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <nav aria-label="Breadcrumb" className="muted"><Link to="/risks">Risks</Link></nav>
      <h1 style={{ margin: 0 }}>Scales and checklists</h1>
      <section className="card" aria-labelledby="scales-h">
        <h2 id="scales-h" style={{ marginTop: 0 }}>Probability and impact scales</h2>
        {matrix.isLoading ? <Loading /> : matrix.error ? <ErrorState error={matrix.error} /> : <MatrixEditor key={matrix.data!.version} initial={matrix.data!.matrix} version={matrix.data!.version} canSave={user?.orgRole === 'admin'} />}
      </section>
      <section className="card" aria-labelledby="checklists-h">
        <h2 id="checklists-h" style={{ marginTop: 0 }}>Compliance checklists per lifecycle stage</h2>
        {checklists.isLoading ? <Loading /> : checklists.error ? <ErrorState error={checklists.error} /> : current && (
          <>
            <div className="filters"><label>Lifecycle<select value={current.lifecycleId} onChange={(e) => setLifecycleId(e.target.value)}>{checklists.data!.map((c) => <option key={c.lifecycleId} value={c.lifecycleId}>{c.lifecycleName}</option>)}</select></label></div>
            {canChecklists ? <ChecklistEditor key={`${current.lifecycleId}-${current.version}`} checklist={current} /> : (
              <ul>{current.items.map((i) => <li key={i.id}>{i.title} <span className="muted">({current.stages.find((s) => s.key === i.stage)?.name ?? i.stage})</span></li>)}</ul>
            )}
          </>
        )}
      </section>
    </div>
  );
}
