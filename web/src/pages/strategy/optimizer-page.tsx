/** The optimiser: a budget, an objective, Run; the selection, the excluded proposals and why; save as a scenario; frontier chart. */
import { lazy, Suspense, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { FormError } from '../../ui/form';
import { Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { formatMoney, parseMoney, sk, type OptimizeResult } from './strategy-api';

const FrontierChart = lazy(() => import('./frontier-chart'));

type Objective = 'score' | 'npv' | 'blend';

const STATUS_TEXT: Record<OptimizeResult['status'], string> = {
  optimal: 'Optimal (proven best)',
  feasible: 'Feasible (time limit reached; see gap)',
  heuristic: 'Heuristic (bound from the relaxation)',
  infeasible: 'Infeasible: no selection satisfies the constraints',
};

type Reason = OptimizeResult['excluded'][number]['reasons'][number];

/** A reason in words, money formatted; budget rows name the period unless the budget is for the whole horizon. */
export function describeReason(why: Reason, periodLabels: string[]): string {
  if (why.kind !== 'limit' || !why.row || why.needed === undefined || why.available === undefined) return why.message;
  const where = periodLabels.length > 1 ? ` in ${periodLabels[why.row.period] ?? why.row.period}` : '';
  if (why.row.kind === 'budget') return `Needs ${formatMoney(why.needed)} of the ${why.row.budget} budget${where}; only ${formatMoney(Math.max(0, why.available))} left`;
  return `Needs ${why.needed} of ${why.row.roleId ?? 'a role'}${where}; only ${Math.max(0, why.available)} available`;
}

/** The optimiser page. */
export function OptimizerPage() {
  const client = useQueryClient();
  const toast = useToast();
  const [budgetText, setBudgetText] = useState('');
  const [objective, setObjective] = useState<Objective>('score');
  const [scenarioName, setScenarioName] = useState('');
  const budget = parseMoney(budgetText);
  const settings = { totalBudgetCents: budget ?? 0, objective, scoreWeight: 0.5, timeLimitMs: 3000 };
  const [ran, setRan] = useState<typeof settings | null>(null);
  const run = useMutation({ mutationFn: (s: typeof settings) => ok(api.POST('/api/v1/portfolio/optimize', { body: s })), onSuccess: (_d, s) => setRan(s) });
  const frontier = useMutation({ mutationFn: (s: typeof settings) => ok(api.POST('/api/v1/portfolio/frontier', { body: { ...s, points: 8 } })) });
  const save = useMutation({
    mutationFn: () => {
      const r = run.data!;
      return ok(api.POST('/api/v1/portfolio/scenarios', { body: { name: scenarioName, settings: ran!, selected: r.selected.map((p) => ({ proposalId: p.proposalId, startPeriod: p.startPeriod })) } }));
    },
    onSuccess: (s) => { toast(`Scenario "${s.name}" saved`); setScenarioName(''); void client.invalidateQueries({ queryKey: sk.scenarios }); },
  });
  const submit = (e: FormEvent) => { e.preventDefault(); if (budget !== null) run.mutate(settings); };
  const r = run.data;
  return (
    <div>
      <form className="st-form" onSubmit={submit} aria-label="Optimiser settings">
        <div className="field">
          <label htmlFor="opt-budget">Total budget</label>
          <input id="opt-budget" inputMode="numeric" required value={budgetText} onChange={(e) => setBudgetText(e.target.value)} placeholder="e.g. 800000" aria-invalid={budgetText !== '' && budget === null ? true : undefined} />
        </div>
        <div className="field">
          <label htmlFor="opt-objective">Maximise</label>
          <select id="opt-objective" value={objective} onChange={(e) => setObjective(e.target.value as Objective)}>
            <option value="score">Total score</option>
            <option value="npv">Total NPV</option>
            <option value="blend">Blend of score and NPV</option>
          </select>
        </div>
        <button type="submit" className="btn btn-primary" disabled={run.isPending || budget === null}>Run optimiser</button>
        <button type="button" className="btn" disabled={frontier.isPending || budget === null} onClick={() => frontier.mutate(settings)}>Efficient frontier</button>
      </form>
      <FormError error={run.error ?? frontier.error} />
      {run.isPending && <Loading label="Optimising…" />}
      {r && (
        <section aria-label="Optimiser result">
          <p className="st-status" data-testid="optimizer-status">{STATUS_TEXT[r.status]}</p>
          {r.status !== 'infeasible' && (
            <p className="muted">Objective {r.objectiveValue.toFixed(1)}{r.gapPct !== null && r.gapPct > 0 ? `, gap ${r.gapPct.toFixed(2)} %` : ''}; spent {formatMoney((r.usage?.capexCents.reduce((a, b) => a + b, 0) ?? 0) + (r.usage?.opexCents.reduce((a, b) => a + b, 0) ?? 0))} of {formatMoney(ran?.totalBudgetCents)}; {r.timeMs} ms.</p>
          )}
          {r.conflicts.length > 0 && (
            <ul className="form-error" role="alert">{r.conflicts.map((c, i) => <li key={i}>{c.message}</li>)}</ul>
          )}
          <h2>Selected ({r.selected.length})</h2>
          <table className="st-table" aria-label="Selected proposals">
            <thead><tr><th>Proposal</th></tr></thead>
            <tbody>{r.selected.map((s) => <tr key={s.proposalId}><td>{s.name}</td></tr>)}</tbody>
          </table>
          <h2>Excluded ({r.excluded.length})</h2>
          <table className="st-table" aria-label="Excluded proposals">
            <thead><tr><th>Proposal</th><th>Why</th></tr></thead>
            <tbody>
              {r.excluded.map((x) => (
                <tr key={x.proposalId}><td>{x.name}</td><td><ul className="st-reasons">{x.reasons.map((why, i) => <li key={i}>{describeReason(why, r.periodLabels)}</li>)}</ul></td></tr>
              ))}
            </tbody>
          </table>
          {r.status !== 'infeasible' && (
            <form className="st-form" aria-label="Save as scenario" onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
              <div className="field">
                <label htmlFor="scenario-name">Scenario name</label>
                <input id="scenario-name" required maxLength={200} value={scenarioName} onChange={(e) => setScenarioName(e.target.value)} />
              </div>
              <button type="submit" className="btn" disabled={save.isPending}>Save as scenario</button>
              <FormError error={save.error} />
            </form>
          )}
        </section>
      )}
      {frontier.isPending && <Loading label="Computing the frontier…" />}
      {frontier.data && (
        <section aria-label="Efficient frontier">
          <h2>Efficient frontier</h2>
          <Suspense fallback={<Loading />}><FrontierChart points={frontier.data.points} /></Suspense>
        </section>
      )}
    </div>
  );
}
