/**
 * The optimiser: a budget for the whole horizon, or per month or quarter (capex and opex separately) with role
 * capacity per period; an objective; Run. Shows the selection with start periods, the excluded proposals and why,
 * conflicts when nothing is feasible, usage per period; save as a scenario; the efficient frontier. The proposals'
 * own constraints (mandatory, start window, dependencies, exclusions) are edited below.
 */
import { lazy, Suspense, useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { useSession } from '../../api/session';
import { FormError } from '../../ui/form';
import { Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { formatMoney, parseMoney, sk, type OptimizeResult, type OptimizeSettings } from './strategy-api';
import { parseRow, periodLabels, resizeRow, roleLimits } from './optimizer-periods';
import { ProposalConstraints } from './proposal-constraints';
import { CapacityRoleRow } from './capacity-role-row';

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

const thisMonth = () => new Date().toISOString().slice(0, 7);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** A row of inputs, one per period, with a "same for all" helper. */
function PeriodRow({ label, id, labels, row, onChange, money }: { label: string; id: string; labels: string[]; row: string[]; onChange: (r: string[]) => void; money: boolean }) {
  const [all, setAll] = useState('');
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>
        <div className="row">
          <input aria-label={`${label}: every period`} size={7} inputMode="decimal" value={all} onChange={(e) => setAll(e.target.value)} />
          <button type="button" className="btn btn-small" onClick={() => onChange(labels.map(() => all))}>Fill</button>
        </div>
      </td>
      {labels.map((l, i) => (
        <td key={l}><input id={`${id}-${i}`} aria-label={`${label} ${l}`} size={money ? 7 : 4} inputMode="decimal" value={row[i] ?? ''} onChange={(e) => onChange(row.map((c, j) => (j === i ? e.target.value : c)))} /></td>
      ))}
    </tr>
  );
}

/** The optimiser page. */
export function OptimizerPage() {
  const client = useQueryClient();
  const toast = useToast();
  const { user } = useSession();
  const canEdit = Boolean(user && ['admin', 'pmo', 'portfolio_manager'].includes(user.orgRole));
  const proposals = useQuery({ queryKey: sk.proposals, queryFn: async () => (await ok(api.GET('/api/v1/portfolio/proposals'))).items });
  const roles = useMemo(() => [...new Set((proposals.data ?? []).flatMap((p) => Object.keys(p.demand)))].sort(), [proposals.data]);
  const [mode, setMode] = useState<'total' | 'periods'>('total');
  const [budgetText, setBudgetText] = useState('');
  const [objective, setObjective] = useState<Objective>('score');
  const [scoreShare, setScoreShare] = useState('50');
  const [limitSeconds, setLimitSeconds] = useState(3);
  const [scenarioName, setScenarioName] = useState('');
  const [grain, setGrain] = useState<4 | 12>(12);
  const [first, setFirst] = useState(thisMonth);
  const [count, setCount] = useState(12);
  const labels = useMemo(() => periodLabels(first, Math.max(1, Math.min(60, count)), grain), [first, count, grain]);
  const [capex, setCapex] = useState<string[]>([]);
  const [opex, setOpex] = useState<string[]>([]);
  const [capacity, setCapacity] = useState<Record<string, string[]>>({});
  // Demand role -> resources role whose available capacity limits it ('' or absent: the typed row).
  const [available, setAvailable] = useState<Record<string, string>>({});
  const [dayMinutes, setDayMinutes] = useState(480);
  const budget = parseMoney(budgetText);
  const availability = useQuery({
    queryKey: ['portfolio', 'available-capacity', first, labels.length, grain, dayMinutes],
    enabled: mode === 'periods' && /^\d{4}-\d{2}$/.test(first),
    queryFn: () => ok(api.GET('/api/v1/portfolio/available-capacity', { params: { query: { from: first, periods: labels.length, periodsPerYear: grain, minutesPerPersonDay: dayMinutes } } })),
  });
  // Only figures computed for exactly these periods are shown.
  const availabilityNow = availability.data && availability.data.periodLabels.join() === labels.join() ? availability.data : undefined;

  const built = useMemo((): { settings: OptimizeSettings | null; error: string | null } => {
    const share = Number(scoreShare);
    if (objective === 'blend' && !(scoreShare.trim() !== '' && share >= 0 && share <= 100)) return { settings: null, error: 'The weight of the score must be 0 to 100 %.' };
    const base = { objective, scoreWeight: objective === 'blend' ? share / 100 : 0.5, timeLimitMs: limitSeconds * 1000, minutesPerPersonDay: dayMinutes };
    if (mode === 'total') return budget === null ? { settings: null, error: null } : { settings: { ...base, totalBudgetCents: budget }, error: null };
    const c = parseRow(resizeRow(capex, labels.length), labels, 'money');
    const o = parseRow(resizeRow(opex, labels.length), labels, 'money');
    const err = c.error ? `Capex budget ${c.error}` : o.error ? `Opex budget ${o.error}` : null;
    if (err) return { settings: null, error: err };
    if (!c.values && !o.values) return { settings: null, error: 'Give a capex or an opex budget per period.' };
    const lim = roleLimits(roles, capacity, available, labels);
    if (lim.error) return { settings: null, error: lim.error };
    return {
      settings: {
        ...base,
        periodLabels: labels,
        periodsPerYear: grain,
        budgetPerPeriod: { ...(c.values ? { capexCents: c.values } : {}), ...(o.values ? { opexCents: o.values } : {}) },
        ...(Object.keys(lim.capacity).length ? { capacity: lim.capacity } : {}),
        ...(Object.keys(lim.availableCapacity).length ? { availableCapacity: lim.availableCapacity } : {}),
      },
      error: null,
    };
  }, [mode, budget, objective, scoreShare, limitSeconds, capex, opex, capacity, available, dayMinutes, labels, roles, grain]);

  const [ran, setRan] = useState<OptimizeSettings | null>(null);
  const run = useMutation({ mutationFn: (s: OptimizeSettings) => ok(api.POST('/api/v1/portfolio/optimize', { body: s })), onSuccess: (_d, s) => setRan(s) });
  const frontier = useMutation({ mutationFn: (s: OptimizeSettings) => ok(api.POST('/api/v1/portfolio/frontier', { body: { ...s, points: 8 } })) });
  const save = useMutation({
    mutationFn: () => {
      const r = run.data!;
      return ok(api.POST('/api/v1/portfolio/scenarios', { body: { name: scenarioName, settings: ran!, selected: r.selected.map((p) => ({ proposalId: p.proposalId, startPeriod: p.startPeriod })) } }));
    },
    onSuccess: (s) => { toast(`Scenario "${s.name}" saved`); setScenarioName(''); void client.invalidateQueries({ queryKey: sk.scenarios }); },
  });
  const submit = (e: FormEvent) => { e.preventDefault(); if (built.settings) run.mutate(built.settings); };
  const r = run.data;
  const budgetOf = (kind: 'capexCents' | 'opexCents' | 'totalCents') => ran?.budgetPerPeriod?.[kind] ?? null;
  return (
    <div>
      <form onSubmit={submit} aria-label="Optimiser settings">
        <div className="st-form">
          <div className="field">
            <label htmlFor="opt-mode">Budget</label>
            <select id="opt-mode" value={mode} onChange={(e) => setMode(e.target.value as 'total' | 'periods')}>
              <option value="total">One total for the whole horizon</option>
              <option value="periods">Per period (capex and opex), with role capacity</option>
            </select>
          </div>
          {mode === 'total' ? (
            <div className="field">
              <label htmlFor="opt-budget">Total budget</label>
              <input id="opt-budget" inputMode="numeric" required value={budgetText} onChange={(e) => setBudgetText(e.target.value)} placeholder="e.g. 800000" aria-invalid={budgetText !== '' && budget === null ? true : undefined} />
            </div>
          ) : (
            <>
              <div className="field">
                <label htmlFor="opt-grain">Periods</label>
                <select id="opt-grain" value={grain} onChange={(e) => setGrain(Number(e.target.value) as 4 | 12)}><option value={12}>Monthly</option><option value={4}>Quarterly</option></select>
              </div>
              <div className="field"><label htmlFor="opt-first">First month</label><input id="opt-first" type="month" required value={first} onChange={(e) => setFirst(e.target.value)} /></div>
              <div className="field"><label htmlFor="opt-count">Number of periods</label><input id="opt-count" type="number" min={1} max={60} value={count} onChange={(e) => setCount(Number(e.target.value) || 1)} /></div>
            </>
          )}
          <div className="field">
            <label htmlFor="opt-objective">Maximise</label>
            <select id="opt-objective" value={objective} onChange={(e) => setObjective(e.target.value as Objective)}>
              <option value="score">Total score</option>
              <option value="npv">Total NPV</option>
              <option value="blend">Blend of score and NPV</option>
            </select>
          </div>
          {objective === 'blend' && (
            <div className="field"><label htmlFor="opt-share">Weight of the score (%)</label><input id="opt-share" type="number" min={0} max={100} size={4} value={scoreShare} onChange={(e) => setScoreShare(e.target.value)} /></div>
          )}
          <div className="field">
            <label htmlFor="opt-limit">Time limit</label>
            <select id="opt-limit" value={limitSeconds} onChange={(e) => setLimitSeconds(Number(e.target.value))}>
              {[1, 3, 10, 30].map((x) => <option key={x} value={x}>{x} s</option>)}
            </select>
          </div>
          <button type="submit" className="btn btn-primary" disabled={run.isPending || !built.settings}>Run optimiser</button>
          <button type="button" className="btn" disabled={frontier.isPending || !built.settings} onClick={() => built.settings && frontier.mutate(built.settings)}>Efficient frontier</button>
        </div>
        {mode === 'periods' && (
          <div style={{ overflowX: 'auto' }}>
            <table className="st-table" aria-label="Budget and capacity per period">
              <thead><tr><th>Limit</th><th>Same for all</th>{labels.map((l) => <th key={l}>{l}</th>)}</tr></thead>
              <tbody>
                <PeriodRow label="Capex budget" id="opt-capex" labels={labels} row={resizeRow(capex, labels.length)} onChange={setCapex} money />
                <PeriodRow label="Opex budget" id="opt-opex" labels={labels} row={resizeRow(opex, labels.length)} onChange={setOpex} money />
                {roles.map((role) => (
                  <CapacityRoleRow
                    key={role}
                    role={role}
                    labels={labels}
                    row={resizeRow(capacity[role] ?? [], labels.length)}
                    onChange={(row) => setCapacity({ ...capacity, [role]: row })}
                    availability={availabilityNow}
                    resourceRoleId={available[role] ?? ''}
                    onResourceRole={(id) => setAvailable({ ...available, [role]: id })}
                  />
                ))}
              </tbody>
            </table>
            <p className="muted">Money in whole currency units; capacity in the unit of the proposals' role demand (e.g. person-days) per period. Leave a row empty for no limit. Yearly and quarterly business cases are spread evenly over the periods.
              {' '}"Use available capacity" limits a role by what its people can still take on: their capacity over their calendars, net of vacations, minus the work already assigned on projects (from Capacity), in person-days.</p>
            <div className="st-form"><div className="field"><label htmlFor="opt-day">Minutes per person-day</label><input id="opt-day" type="number" min={60} max={1440} step={30} style={{ width: '7em' }} value={dayMinutes} onChange={(e) => setDayMinutes(Math.max(60, Math.min(1440, Number(e.target.value) || 480)))} /></div></div>
            {availability.error && <FormError error={availability.error} />}
          </div>
        )}
        {built.error && <p className="form-error" role="alert">{built.error}</p>}
      </form>
      <FormError error={run.error ?? frontier.error} />
      {run.isPending && <Loading label="Optimising…" />}
      {r && (
        <section aria-label="Optimiser result">
          <p className="st-status" data-testid="optimizer-status">{STATUS_TEXT[r.status]}</p>
          {r.status !== 'infeasible' && (
            <p className="muted">Objective {r.objectiveValue.toFixed(1)}{r.gapPct !== null && r.gapPct > 0 ? `, gap ${r.gapPct.toFixed(2)} %` : ''}; spent {formatMoney(sum(r.usage?.capexCents ?? []) + sum(r.usage?.opexCents ?? []))}{ran?.totalBudgetCents !== undefined ? ` of ${formatMoney(ran.totalBudgetCents)}` : ''}; {r.timeMs} ms.</p>
          )}
          {r.capacityFromResources.length > 0 && (
            <p className="muted" data-testid="capacity-from-resources">Available capacity used: {r.capacityFromResources.map((c) => `${c.role} from ${c.resourceRoleName} (${c.availableDays.join(', ')} person-days)`).join('; ')}.</p>
          )}
          {r.conflicts.length > 0 && (
            <div className="form-error" role="alert">
              <strong>These constraints conflict:</strong>
              <ul>{r.conflicts.map((c, i) => <li key={i}>{c.message}</li>)}</ul>
            </div>
          )}
          <h2>Selected ({r.selected.length})</h2>
          <table className="st-table" aria-label="Selected proposals">
            <thead><tr><th>Proposal</th>{r.periodLabels.length > 1 && <th>Starts</th>}</tr></thead>
            <tbody>{r.selected.map((s) => <tr key={s.proposalId}><td>{s.name}</td>{r.periodLabels.length > 1 && <td>{r.periodLabels[s.startPeriod] ?? s.startPeriod}</td>}</tr>)}</tbody>
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
          {r.usage && r.periodLabels.length > 1 && (
            <div style={{ overflowX: 'auto' }}>
              <h2>Use per period</h2>
              <table className="st-table" aria-label="Use per period">
                <thead><tr><th>Row</th>{r.periodLabels.map((l) => <th key={l} className="num">{l}</th>)}</tr></thead>
                <tbody>
                  <tr><th scope="row">Capex</th>{r.usage.capexCents.map((v, i) => <td key={i} className="num">{formatMoney(v)}{budgetOf('capexCents') ? <span className="muted"> / {formatMoney(budgetOf('capexCents')![i])}</span> : null}</td>)}</tr>
                  <tr><th scope="row">Opex</th>{r.usage.opexCents.map((v, i) => <td key={i} className="num">{formatMoney(v)}{budgetOf('opexCents') ? <span className="muted"> / {formatMoney(budgetOf('opexCents')![i])}</span> : null}</td>)}</tr>
                  {(r.usage.roles ?? []).map((ro) => (
                    <tr key={ro.roleId}><th scope="row">{ro.roleId}</th>{ro.load.map((v, i) => <td key={i} className="num">{Number(v.toFixed(2))}<span className="muted"> / {ro.capacity[i] ?? '—'}</span></td>)}</tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
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
      {proposals.data && <ProposalConstraints proposals={proposals.data} canEdit={canEdit} />}
    </div>
  );
}
