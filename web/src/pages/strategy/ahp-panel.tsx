/** AHP: compare the model's criteria in pairs, see the weights and the consistency ratio, apply them to the model. */
import { useMemo, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, ok } from '../../api/client';
import { FormError } from '../../ui/form';
import { useToast } from '../../ui/toast';
import { sk, type ScoringModel } from './strategy-api';

const SCALE = [9, 8, 7, 6, 5, 4, 3, 2, 1, 1 / 2, 1 / 3, 1 / 4, 1 / 5, 1 / 6, 1 / 7, 1 / 8, 1 / 9];
const keyOf = (v: number) => (v >= 1 ? String(Math.round(v)) : `1/${Math.round(1 / v)}`);
const fromKey = (k: string) => (k.startsWith('1/') ? 1 / Number(k.slice(2)) : Number(k));

/** Every pair of criteria once, in model order. */
export function criterionPairs<T>(items: T[]): [T, T][] {
  const out: [T, T][] = [];
  for (let i = 0; i < items.length; i++) for (let j = i + 1; j < items.length; j++) out.push([items[i]!, items[j]!]);
  return out;
}

/** The AHP panel of a weighted-sum model. */
export function AhpPanel({ model }: { model: ScoringModel }) {
  const client = useQueryClient();
  const toast = useToast();
  const pairs = useMemo(() => criterionPairs(model.criteria), [model.criteria]);
  const initial = useMemo(() => {
    const m: Record<string, string> = {};
    for (const [a, b] of pairs) {
      const j = model.ahp?.judgements.find((x) => (x.a === a.id && x.b === b.id) || (x.a === b.id && x.b === a.id));
      m[`${a.id}|${b.id}`] = j ? keyOf(j.a === a.id ? j.value : 1 / j.value) : '1';
    }
    return m;
  }, [pairs, model.ahp]);
  const [values, setValues] = useState(initial);
  const judgements = pairs.map(([a, b]) => ({ a: a.id, b: b.id, value: fromKey(values[`${a.id}|${b.id}`] ?? '1') }));
  const compute = useMutation({ mutationFn: () => ok(api.POST('/api/v1/portfolio/ahp', { body: { criteria: model.criteria.map((c) => c.id), judgements } })) });
  const apply = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/portfolio/scoring-models/{id}/ahp', { params: { path: { id: model.id } }, body: { judgements }, headers: ifMatch(model.version) })),
    onSuccess: () => { toast('Weights set from the pairwise comparison'); void client.invalidateQueries({ queryKey: sk.models }); },
  });
  const name = (id: string) => model.criteria.find((c) => c.id === id)?.name ?? id;
  const r = compute.data;
  return (
    <section className="st-section" aria-label="Weights by pairwise comparison (AHP)">
      <h2>Weights by pairwise comparison (AHP)</h2>
      {model.ahp && <p className="muted">The current weights come from a pairwise comparison (consistency ratio {model.ahp.consistencyRatio.toFixed(3)}).</p>}
      <table className="st-table" aria-label="Pairwise comparisons">
        <thead><tr><th>Compare</th><th>Judgement</th></tr></thead>
        <tbody>
          {pairs.map(([a, b]) => (
            <tr key={`${a.id}|${b.id}`}>
              <td><label htmlFor={`ahp-${a.id}-${b.id}`}>{a.name} vs {b.name}</label></td>
              <td>
                <select id={`ahp-${a.id}-${b.id}`} value={values[`${a.id}|${b.id}`]} onChange={(e) => { setValues({ ...values, [`${a.id}|${b.id}`]: e.target.value }); compute.reset(); }}>
                  {SCALE.map((v) => <option key={keyOf(v)} value={keyOf(v)}>{v === 1 ? 'Equally important' : v > 1 ? `${a.name} ${Math.round(v)}× as important` : `${b.name} ${Math.round(1 / v)}× as important`}</option>)}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row">
        <button type="button" className="btn" disabled={compute.isPending} onClick={() => compute.mutate()}>Compute weights</button>
        <button type="button" className="btn btn-primary" disabled={apply.isPending || !r?.consistent} onClick={() => apply.mutate()}>Apply these weights to the model</button>
      </div>
      <FormError error={compute.error ?? apply.error} />
      {r && (
        <div data-testid="ahp-result">
          <table className="st-table" aria-label="AHP weights">
            <thead><tr><th>Criterion</th><th className="num">Weight</th></tr></thead>
            <tbody>{r.weights.map((w) => <tr key={w.criterionId}><td>{name(w.criterionId)}</td><td className="num">{(w.weight * 100).toFixed(1)} %</td></tr>)}</tbody>
          </table>
          <p className={r.consistent ? 'st-okflag' : 'st-flag'}>
            Consistency ratio {r.consistencyRatio.toFixed(3)}: {r.consistent ? 'consistent enough (at most 0.1).' : 'too inconsistent (above 0.1); revise the judgements before applying.'}
            {r.revise && ` Start with ${name(r.revise.a)} vs ${name(r.revise.b)}: the other judgements imply about ${r.revise.suggested >= 1 ? `${name(r.revise.a)} ${Math.round(r.revise.suggested)}×` : `${name(r.revise.b)} ${Math.round(1 / r.revise.suggested)}×`}.`}
          </p>
        </div>
      )}
    </section>
  );
}
