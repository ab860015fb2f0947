/** The scoring sheet: pick a model and a proposal, answer each criterion, see every scorer's total and the consensus. */
import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import { FormError } from '../../ui/form';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { useSession } from '../../api/session';
import { sk, type ScoringModel } from './strategy-api';
import { AhpPanel } from './ahp-panel';

/** The scoring sheet page. */
export function ScoringPage() {
  const client = useQueryClient();
  const toast = useToast();
  const models = useQuery({ queryKey: sk.models, queryFn: async () => (await ok(api.GET('/api/v1/portfolio/scoring-models'))).items });
  const proposals = useQuery({ queryKey: sk.proposals, queryFn: async () => (await ok(api.GET('/api/v1/portfolio/proposals'))).items });
  const [modelId, setModelId] = useState('');
  const [proposalId, setProposalId] = useState('');
  const [answers, setAnswers] = useState<Record<string, string>>({});
  useEffect(() => { if (!modelId && models.data?.[0]) setModelId(models.data[0].id); }, [models.data, modelId]);
  useEffect(() => { if (!proposalId && proposals.data?.[0]) setProposalId(proposals.data[0].id); }, [proposals.data, proposalId]);
  const model: ScoringModel | undefined = models.data?.find((m) => m.id === modelId);
  const { user } = useSession();
  const canEditModel = Boolean(user && ['admin', 'pmo', 'portfolio_manager'].includes(user.orgRole));
  const objectives = useQuery({ queryKey: ['portfolio', 'objectives'], queryFn: () => ok(api.GET('/api/v1/portfolio/objectives')) });
  const history = useQuery({
    queryKey: [...sk.scores(proposalId, modelId), 'history'],
    enabled: Boolean(proposalId && modelId),
    queryFn: async () => (await ok(api.GET('/api/v1/portfolio/proposals/{id}/score-history', { params: { path: { id: proposalId }, query: { scoringModelId: modelId } } }))).items,
  });
  const fitHint = (objectiveId: string | undefined) => {
    if (!objectiveId) return null;
    const o = objectives.data?.items.find((x) => x.id === objectiveId);
    if (!o) return null;
    const link = o.links.find((l) => l.kind === 'proposal' && l.targetId === proposalId);
    return <div className="muted">Strategic fit with “{o.name}”{link ? ` — linked, contribution ${link.contributionWeight}` : ' — not linked yet'}</div>;
  };
  const scores = useQuery({
    queryKey: sk.scores(proposalId, modelId),
    enabled: Boolean(proposalId && modelId),
    queryFn: () => ok(api.GET('/api/v1/portfolio/proposals/{id}/scores', { params: { path: { id: proposalId }, query: { scoringModelId: modelId } } })),
  });
  const save = useMutation({
    mutationFn: () => {
      const body: Record<string, number | string> = {};
      for (const c of model?.criteria ?? []) {
        const v = answers[c.id] ?? '';
        body[c.id] = c.scale.kind === 'range' ? Number(v) : v;
      }
      return ok(api.POST('/api/v1/portfolio/proposals/{id}/scores', { params: { path: { id: proposalId } }, body: { scoringModelId: modelId, answers: body } }));
    },
    onSuccess: (data) => {
      toast('Score saved');
      client.setQueryData(sk.scores(proposalId, modelId), data);
      void client.invalidateQueries({ queryKey: sk.proposals });
      void client.invalidateQueries({ queryKey: [...sk.scores(proposalId, modelId), 'history'] });
    },
  });
  if (models.isLoading || proposals.isLoading) return <Loading />;
  if (models.error) return <ErrorState error={models.error} />;
  if (proposals.error) return <ErrorState error={proposals.error} />;
  if (!models.data?.length) return <div><Empty title="No scoring model yet." /><p><Link to="/strategy/models">Create a scoring model</Link> first.</p></div>;
  if (!proposals.data?.length) return <Empty title="No proposals to score yet." />;
  const submit = (e: FormEvent) => { e.preventDefault(); save.mutate(); };
  return (
    <div>
      <div className="st-form">
        <div className="field">
          <label htmlFor="score-model">Scoring model</label>
          <select id="score-model" value={modelId} onChange={(e) => { setModelId(e.target.value); setAnswers({}); }}>
            {models.data.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="score-proposal">Proposal</label>
          <select id="score-proposal" value={proposalId} onChange={(e) => { setProposalId(e.target.value); setAnswers({}); save.reset(); }}>
            {proposals.data.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </div>
      </div>
      {model && (
        <form onSubmit={submit} aria-label="Score sheet">
          <table className="st-table">
            <thead><tr><th>Criterion</th><th className="num">Weight</th><th>Your answer</th></tr></thead>
            <tbody>
              {model.criteria.map((c) => (
                <tr key={c.id}>
                  <td><label htmlFor={`answer-${c.id}`}>{c.name}</label>{c.direction === 'lower-better' ? <span className="muted"> (lower is better)</span> : null}{fitHint(c.objectiveId)}</td>
                  <td className="num">{Number.isInteger(c.weight) ? c.weight : c.weight.toFixed(2)}</td>
                  <td>
                    {c.scale.kind === 'range' ? (
                      <input id={`answer-${c.id}`} type="number" min={c.scale.min} max={c.scale.max} step="any" required value={answers[c.id] ?? ''} onChange={(e) => setAnswers({ ...answers, [c.id]: e.target.value })} />
                    ) : (
                      <select id={`answer-${c.id}`} required value={answers[c.id] ?? ''} onChange={(e) => setAnswers({ ...answers, [c.id]: e.target.value })}>
                        <option value="">Choose…</option>
                        {c.scale.levels.map((l) => <option key={l.label} value={l.label}>{l.label}</option>)}
                      </select>
                    )}
                    {c.scale.kind === 'range' ? <span className="muted"> {c.scale.min}–{c.scale.max}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <FormError error={save.error} />
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>Save score</button>
        </form>
      )}
      <h2>Scores</h2>
      {scores.isLoading ? <Loading /> : scores.error ? <ErrorState error={scores.error} /> : !scores.data?.items.length ? <Empty title="Nobody has scored this proposal yet." /> : (
        <div>
          <table className="st-table" aria-label="Scores by scorer">
            <thead><tr><th>Scorer</th><th className="num">Total</th><th>When</th></tr></thead>
            <tbody>
              {scores.data.items.map((s) => (
                <tr key={s.id}>
                  <td>{s.scorerName}</td>
                  <td className="num">
                    {s.total.toFixed(1)}
                    {s.stale ? <span className="st-flag"> (the model changed since: score again)</span> : Math.abs(s.total - s.totalWhenScored) > 0.05 ? <span className="muted"> (was {s.totalWhenScored.toFixed(1)} under the old weights)</span> : null}
                  </td>
                  <td>{new Date(s.createdAt).toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {scores.data.consensus && scores.data.consensus.scorers > 1 && (
            <table className="st-table" aria-label="Consensus by criterion">
              <thead><tr><th>Criterion</th><th className="num">Mean</th><th className="num">Lowest</th><th className="num">Highest</th><th className="num">Spread</th><th>Agreement</th></tr></thead>
              <tbody>
                {scores.data.consensus.criteria.map((c) => (
                  <tr key={c.criterionId}>
                    <td>{model?.criteria.find((x) => x.id === c.criterionId)?.name ?? c.criterionId}</td>
                    <td className="num">{c.mean.toFixed(2)}</td><td className="num">{c.min}</td><td className="num">{c.max}</td>
                    <td className="num">{(c.spread * 100).toFixed(0)} %</td>
                    <td className={c.disagreement ? 'st-flag' : 'st-okflag'}>{c.disagreement ? 'Scorers disagree' : 'Agree'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {scores.data.consensus && (
            <p data-testid="consensus">
              Consensus of {scores.data.consensus.scorers}: mean <strong>{scores.data.consensus.meanTotal.toFixed(1)}</strong>, spread {scores.data.consensus.minTotal.toFixed(1)}–{scores.data.consensus.maxTotal.toFixed(1)}
              {scores.data.consensus.disagreement ? ' — scorers disagree on ' + scores.data.consensus.criteria.filter((c) => c.disagreement).map((c) => model?.criteria.find((x) => x.id === c.criterionId)?.name ?? c.criterionId).join(', ') : ''}
            </p>
          )}
        </div>
      )}
      <h2>Score history</h2>
      {history.isLoading ? <Loading /> : history.error ? <ErrorState error={history.error} /> : !history.data?.length ? <p className="muted">No score sheets yet.</p> : (
        <table className="st-table" aria-label="Score history">
          <thead><tr><th>When</th><th>Scorer</th><th className="num">Total</th><th>Answers</th><th>Current</th></tr></thead>
          <tbody>
            {history.data.map((h) => (
              <tr key={h.id}>
                <td>{new Date(h.createdAt).toLocaleString()}</td>
                <td>{h.scorerName}</td>
                <td className="num">{h.total.toFixed(1)}</td>
                <td>{Object.entries(h.answers).map(([k, v]) => `${model?.criteria.find((c) => c.id === k)?.name ?? k}: ${v}`).join('; ')}</td>
                <td>{h.current ? 'current' : <span className="muted">replaced</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {model && canEditModel && model.formula.kind === 'weighted-sum' && model.criteria.length >= 2 && <AhpPanel model={model} />}
    </div>
  );
}
