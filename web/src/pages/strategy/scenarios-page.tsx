/**
 * Scenarios: the saved selections, a side-by-side comparison of two (value, cost per period, load per role against
 * capacity, what is in and out, moved starts), Promote to plan of record and Delete.
 */
import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, ok } from '../../api/client';
import { FormError } from '../../ui/form';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { formatMoney, sk, type Comparison, type Scenario } from './strategy-api';

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
  const remove = useMutation({
    mutationFn: (s: Scenario) => ok(api.DELETE('/api/v1/portfolio/scenarios/{id}', { params: { path: { id: s.id } }, headers: ifMatch(s.version) })).then(() => s),
    onSuccess: (s) => {
      toast(`Scenario "${s.name}" deleted`);
      if (a === s.id) setA('');
      if (b === s.id) setB('');
      void client.invalidateQueries({ queryKey: sk.scenarios });
    },
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
              <td>
                {s.planOfRecord ? null : (
                  <span className="row">
                    <button type="button" className="btn btn-small" disabled={promote.isPending} onClick={() => promote.mutate(s)} aria-label={`Promote ${s.name}`}>Promote</button>
                    <button type="button" className="btn btn-small" disabled={remove.isPending} onClick={() => remove.mutate(s)} aria-label={`Delete ${s.name}`}>Delete</button>
                  </span>
                )}
              </td>
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
      {comparison.isLoading && a && b ? <Loading /> : comparison.error ? <FormError error={comparison.error} /> : c ? <ComparisonView c={c} /> : null}
    </div>
  );
}

const num = (v: number) => String(Number(v.toFixed(2)));

/** The comparison of A and B: summary, cost per period, load per role per period. */
function ComparisonView({ c }: { c: Comparison }) {
  const labels = c.periodLabels.length === 1 && c.periodLabels[0] === 'total' ? ['Whole horizon'] : c.periodLabels;
  const A = `${c.a.name} (A)`;
  const B = `${c.b.name} (B)`;
  const costA = c.usageA.capexCents.map((v, t) => v + c.usageA.opexCents[t]!);
  const costB = c.usageB.capexCents.map((v, t) => v + c.usageB.opexCents[t]!);
  const roles = (c.usageA.roles ?? []).map((ra) => ({ ra, rb: (c.usageB.roles ?? []).find((x) => x.roleId === ra.roleId) }));
  const startLabel = (t: number) => c.periodLabels[t] ?? String(t);
  return (
    <>
      <table className="st-table" aria-label="Scenario comparison" data-testid="comparison">
        <thead><tr><th>Measure</th><th>{A}</th><th>{B}</th></tr></thead>
        <tbody>
          <tr><td>Proposals</td><td className="num">{c.usageA.count}</td><td className="num">{c.usageB.count}</td></tr>
          <tr><td>Total score</td><td className="num">{c.usageA.totalScore.toFixed(1)}</td><td className="num">{c.usageB.totalScore.toFixed(1)}</td></tr>
          <tr><td>Total NPV</td><td className="num">{formatMoney(c.usageA.totalNpvCents)}</td><td className="num">{formatMoney(c.usageB.totalNpvCents)}</td></tr>
          <tr><td>Cost</td><td className="num">{formatMoney(total(costA))}</td><td className="num">{formatMoney(total(costB))}</td></tr>
          <tr><td>Only in this scenario</td><td>{c.onlyInA.map((x) => x.name).join(', ') || '—'}</td><td>{c.onlyInB.map((x) => x.name).join(', ') || '—'}</td></tr>
          <tr><td>In both</td><td colSpan={2}>{c.inBoth.map((x) => x.name).join(', ') || '—'}</td></tr>
          {c.moved.length > 0 && <tr><td>Starts differ</td><td colSpan={2}>{c.moved.map((m) => `${m.name}: ${startLabel(m.startA)} in A, ${startLabel(m.startB)} in B`).join('; ')}</td></tr>}
        </tbody>
      </table>
      {c.notes.length > 0 && <ul className="muted">{c.notes.map((n) => <li key={n}>{n}</li>)}</ul>}
      <h3>Cost per period</h3>
      <p className="muted">On the periods of {c.grid === 'a' ? A : B}. Δ is B − A.</p>
      <div style={{ overflowX: 'auto' }}>
        <table className="st-table" aria-label="Cost per period">
          <thead><tr><th>Row</th>{labels.map((l) => <th key={l} className="num">{l}</th>)}</tr></thead>
          <tbody>
            <tr><th scope="row">Capex {A}</th>{c.usageA.capexCents.map((v, t) => <td key={t} className="num">{formatMoney(v)}</td>)}</tr>
            <tr><th scope="row">Capex {B}</th>{c.usageB.capexCents.map((v, t) => <td key={t} className="num">{formatMoney(v)}</td>)}</tr>
            <tr><th scope="row">Opex {A}</th>{c.usageA.opexCents.map((v, t) => <td key={t} className="num">{formatMoney(v)}</td>)}</tr>
            <tr><th scope="row">Opex {B}</th>{c.usageB.opexCents.map((v, t) => <td key={t} className="num">{formatMoney(v)}</td>)}</tr>
            <tr><th scope="row">Δ cost</th>{costB.map((v, t) => <td key={t} className="num">{v - costA[t]! > 0 ? '+' : ''}{formatMoney(v - costA[t]!)}</td>)}</tr>
          </tbody>
        </table>
      </div>
      {roles.length > 0 && (
        <>
          <h3>Capacity per role</h3>
          <p className="muted">Demand of the selected proposals per period{roles.some(({ ra }) => ra.capacity.length) ? ' against the capacity of the settings' : ' (no role capacity was set in these settings)'}; over capacity is flagged.</p>
          <div style={{ overflowX: 'auto' }}>
            <table className="st-table" aria-label="Load per role">
              <thead><tr><th>Role</th>{labels.map((l) => <th key={l} className="num">{l}</th>)}</tr></thead>
              <tbody>
                {roles.map(({ ra, rb }) => (
                  <RoleRows key={ra.roleId} role={ra.roleId} loadA={ra.load} loadB={rb?.load ?? []} capacity={ra.capacity} a={A} b={B} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}

function RoleRows({ role, loadA, loadB, capacity, a, b }: { role: string; loadA: number[]; loadB: number[]; capacity: number[]; a: string; b: string }) {
  const cell = (v: number, t: number) => {
    const over = capacity.length > 0 && v > capacity[t]! + 1e-9;
    return <td key={t} className={over ? 'num st-flag' : 'num'}>{num(v)}{over ? <span className="sr-only"> (over capacity)</span> : null}</td>;
  };
  return (
    <>
      <tr><th scope="row">{role}: {a}</th>{loadA.map(cell)}</tr>
      <tr><th scope="row">{role}: {b}</th>{loadB.map(cell)}</tr>
      {capacity.length > 0 && <tr><th scope="row">{role}: capacity</th>{capacity.map((v, t) => <td key={t} className="num muted">{num(v)}</td>)}</tr>}
    </>
  );
}
