/**
 * Scoring models: the list, and for portfolio editors an editor (name, formula template, weight total, criteria with
 * weights, direction, scale as a numeric range or labelled levels, strategic fit with an objective). Bad weights and
 * scales are refused by the server with the exact problem ("weights sum to 75, the model requires 100").
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, ok } from '../../api/client';
import { useSession } from '../../api/session';
import { FormError } from '../../ui/form';
import { ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { sk, type ScoringModel } from './strategy-api';
import { draftFromModel, FORMULA_LABEL, FORMULA_PARTS, modelBody, newCriterion, templateDraft, weightSum, type CriterionDraft, type FormulaKind, type ModelDraft } from './scoring-model-form';

const scaleText = (c: ScoringModel['criteria'][number]) =>
  c.scale.kind === 'range' ? `${c.scale.min}–${c.scale.max}` : c.scale.levels.map((l) => `${l.label} (${l.value})`).join(', ');

/** The editor of one model (new when `model` is null). */
function ModelEditor({ model, onDone }: { model: ScoringModel | null; onDone: () => void }) {
  const client = useQueryClient();
  const toast = useToast();
  const [d, setD] = useState<ModelDraft>(() => (model ? draftFromModel(model) : templateDraft('weighted-sum')));
  const [localError, setLocalError] = useState<string | null>(null);
  const objectives = useQuery({ queryKey: ['portfolio', 'objectives'], queryFn: () => ok(api.GET('/api/v1/portfolio/objectives')) });
  const save = useMutation({
    mutationFn: (body: NonNullable<ReturnType<typeof modelBody>['body']>) =>
      model
        ? ok(api.PATCH('/api/v1/portfolio/scoring-models/{id}', { params: { path: { id: model.id } }, body, headers: ifMatch(model.version) }))
        : ok(api.POST('/api/v1/portfolio/scoring-models', { body })),
    onSuccess: (m) => {
      toast(`Scoring model "${m.name}" saved`);
      void client.invalidateQueries({ queryKey: ['portfolio'] });
      onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = modelBody(d);
    setLocalError(r.error);
    if (r.body) save.mutate(r.body);
  };
  const setC = (i: number, patch: Partial<CriterionDraft>) => setD({ ...d, criteria: d.criteria.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  const sum = weightSum(d);
  const sumOk = Math.abs(sum - d.weightTotal) <= 1e-6 * d.weightTotal;
  const weighted = d.formula === 'weighted-sum';
  const title = model ? `Edit ${model.name}` : 'New scoring model';
  return (
    <form onSubmit={submit} aria-label={title} className="st-section">
      <h2>{title}</h2>
      <div className="st-form">
        <div className="field"><label htmlFor="sm-name">Model name</label><input id="sm-name" required maxLength={200} value={d.name} onChange={(e) => setD({ ...d, name: e.target.value })} /></div>
        <div className="field">
          <label htmlFor="sm-formula">Formula</label>
          <select id="sm-formula" value={d.formula} onChange={(e) => setD({ ...d, formula: e.target.value as FormulaKind })}>
            {(Object.keys(FORMULA_LABEL) as FormulaKind[]).map((k) => <option key={k} value={k}>{FORMULA_LABEL[k]}</option>)}
          </select>
        </div>
        {weighted && (
          <div className="field">
            <label htmlFor="sm-total">Weights add up to</label>
            <select id="sm-total" value={d.weightTotal} onChange={(e) => setD({ ...d, weightTotal: Number(e.target.value) as 1 | 100 })}><option value={100}>100</option><option value={1}>1</option></select>
          </div>
        )}
        {!model && (
          <div className="field">
            <label htmlFor="sm-template">Start from a template</label>
            <select id="sm-template" value="" onChange={(e) => e.target.value && setD(templateDraft(e.target.value as FormulaKind))}>
              <option value="">Choose…</option>
              <option value="weighted-sum">Weighted sum: value, fit, risk, urgency, compliance</option>
              <option value="wsjf">WSJF (SAFe)</option>
              <option value="rice">RICE</option>
            </select>
          </div>
        )}
      </div>
      <div style={{ overflowX: 'auto' }}>
        <table className="st-table" aria-label="Criteria">
          <thead><tr><th>Criterion</th>{weighted && <th>Weight</th>}<th>Better when</th><th>Scale</th><th>Range or levels</th><th>Strategic fit with</th><th><span className="sr-only">Remove</span></th></tr></thead>
          <tbody>
            {d.criteria.map((c, i) => {
              const n = c.name || `criterion ${i + 1}`;
              return (
                <tr key={c.key}>
                  <td><input aria-label={`Name of criterion ${i + 1}`} required maxLength={200} value={c.name} onChange={(e) => setC(i, { name: e.target.value })} />{c.id && <div className="muted"><code>{c.id}</code></div>}</td>
                  {weighted && <td><input aria-label={`Weight of ${n}`} size={5} inputMode="decimal" value={c.weight} onChange={(e) => setC(i, { weight: e.target.value })} /></td>}
                  <td>
                    <select aria-label={`Direction of ${n}`} value={c.direction} onChange={(e) => setC(i, { direction: e.target.value as CriterionDraft['direction'] })}>
                      <option value="higher-better">higher</option><option value="lower-better">lower (risk, cost)</option>
                    </select>
                  </td>
                  <td>
                    <select aria-label={`Scale of ${n}`} value={c.scaleKind} onChange={(e) => setC(i, { scaleKind: e.target.value as CriterionDraft['scaleKind'] })}>
                      <option value="range">Numeric range</option><option value="levels">Labelled levels</option>
                    </select>
                  </td>
                  <td>
                    {c.scaleKind === 'range' ? (
                      <span className="row">
                        <input aria-label={`Lowest value of ${n}`} size={5} inputMode="decimal" value={c.min} onChange={(e) => setC(i, { min: e.target.value })} />–
                        <input aria-label={`Highest value of ${n}`} size={5} inputMode="decimal" value={c.max} onChange={(e) => setC(i, { max: e.target.value })} />
                      </span>
                    ) : (
                      <input aria-label={`Levels of ${n}`} size={28} placeholder="low = 1, medium = 2, high = 3" value={c.levels} onChange={(e) => setC(i, { levels: e.target.value })} />
                    )}
                  </td>
                  <td>
                    <select aria-label={`Objective of ${n}`} value={c.objectiveId} onChange={(e) => setC(i, { objectiveId: e.target.value })}>
                      <option value="">—</option>
                      {(objectives.data?.items ?? []).map((o) => <option key={o.id} value={o.id}>{'  '.repeat(o.depth)}{o.name}</option>)}
                    </select>
                  </td>
                  <td><button type="button" className="btn btn-small" disabled={d.criteria.length === 1} aria-label={`Remove ${n}`} onClick={() => setD({ ...d, criteria: d.criteria.filter((_, j) => j !== i) })}>Remove</button></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <button type="button" className="btn btn-small" onClick={() => setD({ ...d, criteria: [...d.criteria, newCriterion()] })}>Add criterion</button>
      {weighted && (
        <p data-testid="weight-sum" className={sumOk ? 'muted' : 'st-flag'}>
          Weights sum to {Number.isFinite(sum) ? Number(sum.toFixed(6)) : '?'} of {d.weightTotal}{sumOk ? '' : ' — they must add up exactly'}
        </p>
      )}
      {!weighted && (
        <fieldset className="st-fieldset">
          <legend>{FORMULA_LABEL[d.formula]} = {d.formula === 'wsjf' ? '(business value + time criticality + risk reduction) / job size' : 'reach × impact × confidence / effort'}</legend>
          <div className="st-form">
            {FORMULA_PARTS[d.formula as 'wsjf' | 'rice'].map(([part, label]) => (
              <div className="field" key={part}>
                <label htmlFor={`sm-part-${part}`}>{label}</label>
                <select id={`sm-part-${part}`} value={d.parts[part] ?? ''} onChange={(e) => setD({ ...d, parts: { ...d.parts, [part]: e.target.value } })}>
                  <option value="">Choose…</option>
                  {d.criteria.map((c, i) => <option key={c.key} value={c.key}>{c.name || `criterion ${i + 1}`}</option>)}
                </select>
              </div>
            ))}
          </div>
          <p className="muted">Weights are not used: the formula combines the raw scale values.</p>
        </fieldset>
      )}
      {model && <p className="muted">Changed weights or scales re-score every sheet at once; a sheet that does not answer a new criterion asks its scorer to score again.</p>}
      {localError && <p className="form-error" role="alert">{localError}</p>}
      <FormError error={save.error} />
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>Save model</button>
        <button type="button" className="btn" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}

/** The scoring models page (/strategy/models). */
export function ScoringModelsPage() {
  const { user } = useSession();
  const canEdit = Boolean(user && ['admin', 'pmo', 'portfolio_manager'].includes(user.orgRole));
  const models = useQuery({ queryKey: sk.models, queryFn: async () => (await ok(api.GET('/api/v1/portfolio/scoring-models'))).items });
  const [editing, setEditing] = useState<ScoringModel | 'new' | null>(null);
  if (models.isLoading) return <Loading />;
  if (models.error) return <ErrorState error={models.error} />;
  const list = models.data ?? [];
  return (
    <div>
      <p className="muted">Proposals are scored against a model's criteria. The ranking uses the most recently changed model unless you pick another on the Scoring tab.</p>
      {list.length === 0 && <p>No scoring model yet.{canEdit ? ' Create one below, or start from a template.' : ''}</p>}
      {list.map((m) => (
        <section key={m.id} className="st-section" aria-label={`Scoring model ${m.name}`}>
          <h2>{m.name}</h2>
          <p className="muted">
            {FORMULA_LABEL[m.formula.kind]}{m.formula.kind === 'weighted-sum' ? `, weights add up to ${m.weightTotal}` : ''}{m.ahp ? `; weights from a pairwise comparison (CR ${m.ahp.consistencyRatio.toFixed(3)})` : ''} · version {m.version}
          </p>
          <table className="st-table" aria-label={`Criteria of ${m.name}`}>
            <thead><tr><th>Criterion</th>{m.formula.kind === 'weighted-sum' && <th className="num">Weight</th>}<th>Scale</th><th>Better when</th></tr></thead>
            <tbody>
              {m.criteria.map((c) => (
                <tr key={c.id}>
                  <td>{c.name}</td>
                  {m.formula.kind === 'weighted-sum' && <td className="num">{Number(c.weight.toFixed(2))}</td>}
                  <td>{scaleText(c)}</td>
                  <td>{c.direction === 'lower-better' ? 'lower' : 'higher'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {canEdit && editing === null && <button type="button" className="btn btn-small" onClick={() => setEditing(m)} aria-label={`Edit ${m.name}`}>Edit</button>}
          {editing !== null && editing !== 'new' && editing.id === m.id && <ModelEditor key={`${m.id}:${m.version}`} model={m} onDone={() => setEditing(null)} />}
        </section>
      ))}
      {canEdit && editing === null && <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>New scoring model</button>}
      {editing === 'new' && <ModelEditor model={null} onDone={() => setEditing(null)} />}
    </div>
  );
}
