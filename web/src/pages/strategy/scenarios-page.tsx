/** Scenarios: the saved selections, a side-by-side comparison of two, and Promote to plan of record. */
import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, ok } from '../../api/client';
import { FormError } from '../../ui/form';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { formatMoney, sk, type Scenario } from './strategy-api';

const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** The scenarios page. */
export function ScenariosPage() {
  const client = useQueryClient();
  const toast = useToast();
  const scenarios = useQuery({ queryKey: sk.scenarios, queryFn: async () => (await ok(api.GET('/api/v1/portfolio/scenarios'))).items });
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  useEffect(() => {
    const list = scenarios.data ?? [];
    if (!a && list[0]) setA(list[0].id);
    if (!b && list[1]) setB(list[1].id);
  }, [scenarios.data, a, b]);
  const comparison = useQuery({
    queryKey: [...sk.scenarios, 'compare', a, b],
    enabled: Boolean(a && b),
    queryFn: () => ok(api.GET('/api/v1/portfolio/scenarios/compare', { params: { query: { a, b } } })),
  });
  const promote = useMutation({
    mutationFn: (s: Scenario) => ok(api.POST('/api/v1/portfolio/scenarios/{id}/promote', { params: { path: { id: s.id } }, headers: ifMatch(s.version) })),
    onSuccess: (s) => { toast(`"${s.name}" is now the plan of record`); void client.invalidateQueries({ queryKey: sk.scenarios }); },
    onError: (err) => toast(err.message, 'error'),
  });
  if (scenarios.isLoading) return <Loading />;
  if (scenarios.error) return <ErrorState error={scenarios.error} />;
  const list = scenarios.data ?? [];
  if (list.length === 0) return <Empty title="No scenarios yet. Run the optimiser and save its selection." />;
  const c = comparison.data;
  return (
    <div>
      <table className="st-table" aria-label="Scenarios">
        <thead><tr><th>Scenario</th><th className="num">Proposals</th><th className="num">Score</th><th className="num">NPV</th><th className="num">Cost</th><th>Plan of record</th><th>Actions</th></tr></thead>
        <tbody>
          {list.map((s) => (
            <tr key={s.id}>
              <td>{s.name}</td>
              <td className="num">{s.summary.count}</td>
              <td className="num">{s.summary.totalScore.toFixed(1)}</td>
              <td className="num">{formatMoney(s.summary.totalNpvCents)}</td>
              <td className="num">{formatMoney(total(s.summary.capexCents) + total(s.summary.opexCents))}</td>
              <td>{s.planOfRecord ? <strong>Plan of record</strong> : ''}</td>
              <td>{s.planOfRecord ? null : <button type="button" className="btn btn-small" disabled={promote.isPending} onClick={() => promote.mutate(s)} aria-label={`Promote ${s.name}`}>Promote</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Compare</h2>
      <div className="st-form">
        <div className="field">
          <label htmlFor="cmp-a">Scenario A</label>
          <select id="cmp-a" value={a} onChange={(e) => setA(e.target.value)}>{list.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}</select>
        </div>
        <div className="field">
          <label htmlFor="cmp-b">Scenario B</label>
          <select id="cmp-b" value={b} onChange={(e) => setB(e.target.value)}>{list.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}</select>
        </div>
      </div>
      {comparison.isLoading && a && b ? <Loading /> : comparison.error ? <FormError error={comparison.error} /> : c ? (
        <table className="st-table" aria-label="Scenario comparison" data-testid="comparison">
          <thead><tr><th>Measure</th><th>{c.a.name} (A)</th><th>{c.b.name} (B)</th></tr></thead>
          <tbody>
            <tr><td>Proposals</td><td className="num">{c.usageA.count}</td><td className="num">{c.usageB.count}</td></tr>
            <tr><td>Total score</td><td className="num">{c.usageA.totalScore.toFixed(1)}</td><td className="num">{c.usageB.totalScore.toFixed(1)}</td></tr>
            <tr><td>Total NPV</td><td className="num">{formatMoney(c.usageA.totalNpvCents)}</td><td className="num">{formatMoney(c.usageB.totalNpvCents)}</td></tr>
            <tr><td>Cost</td><td className="num">{formatMoney(total(c.usageA.capexCents) + total(c.usageA.opexCents))}</td><td className="num">{formatMoney(total(c.usageB.capexCents) + total(c.usageB.opexCents))}</td></tr>
            <tr><td>Only in this scenario</td><td>{c.onlyInA.map((x) => x.name).join(', ') || '—'}</td><td>{c.onlyInB.map((x) => x.name).join(', ') || '—'}</td></tr>
            <tr><td>In both</td><td colSpan={2}>{c.inBoth.map((x) => x.name).join(', ') || '—'}</td></tr>
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
