/**
 * Probability x impact assessments on every impact dimension the API assesses: the form fields (new risk and edit),
 * the table on the risk detail, and the score the API will compute (probability level x the worst impact level).
 */
import type { components } from '../../api/schema';
import { ApiError } from '../../api/client';
import { Field } from '../../ui/form';
import type { RiskMatrix } from './risk-queries';

type Assessment = components['schemas']['RiskAssessment'];
/** An impact dimension of the API's assessment (schedule, cost, scope, quality, reputation). */
export type ImpactDimension = keyof Assessment['impacts'];

/** Every impact dimension, in the API's display order; all are rated on the configured impact scale. */
export const IMPACT_DIMENSIONS = [
  { key: 'schedule', label: 'Schedule' },
  { key: 'cost', label: 'Cost' },
  { key: 'scope', label: 'Scope' },
  { key: 'quality', label: 'Quality' },
  { key: 'reputation', label: 'Reputation' },
] as const satisfies readonly { key: ImpactDimension; label: string }[];

// Fails to compile when the API gains a dimension that is not listed above.
type Unlisted = Exclude<ImpactDimension, (typeof IMPACT_DIMENSIONS)[number]['key']>;
const _everyDimensionListed: [Unlisted] extends [never] ? true : Unlisted = true;
void _everyDimensionListed;

/** An assessment being edited: levels are 1-based on the scales, an impact of 0 is "not assessed". */
export interface AssessmentDraft {
  probabilityLevel: number;
  impacts: Record<ImpactDimension, number>;
  /** An explicit probability the API holds (for EMV); kept while the probability level is unchanged. */
  probability?: number;
  /** The level the explicit probability belongs to. */
  probabilityOfLevel?: number;
}

/** A draft of a new assessment: the given probability and impacts, every other dimension not assessed. */
export function newDraft(probabilityLevel: number, impacts: Partial<Record<ImpactDimension, number>>): AssessmentDraft {
  return { probabilityLevel, impacts: { schedule: 0, cost: 0, scope: 0, quality: 0, reputation: 0, ...impacts } };
}

/** A draft of a stored assessment (dimensions it does not assess stay "not assessed"). */
export function draftOf(a: Assessment): AssessmentDraft {
  const d = newDraft(a.probabilityLevel, Object.fromEntries(Object.entries(a.impacts).filter(([, v]) => v !== undefined)));
  return a.probability === undefined ? d : { ...d, probability: a.probability, probabilityOfLevel: a.probabilityLevel };
}

/**
 * The API body of a draft: levels capped to the scales (a shorter configured scale), unassessed dimensions left out,
 * an explicit probability kept only while its level is unchanged.
 */
export function assessmentBody(d: AssessmentDraft, scales: { probabilityLevels: number; impactLevels: number }): Assessment {
  const impacts: Assessment['impacts'] = {};
  for (const { key } of IMPACT_DIMENSIONS) if (d.impacts[key] > 0) impacts[key] = Math.min(d.impacts[key], scales.impactLevels);
  const probabilityLevel = Math.min(d.probabilityLevel, scales.probabilityLevels);
  return { probabilityLevel, ...(d.probability !== undefined && d.probabilityOfLevel === probabilityLevel ? { probability: d.probability } : {}), impacts };
}

/** Whether two assessments say the same (so an edit need not send an unchanged one). */
export function sameAssessment(a: Assessment, b: Assessment): boolean {
  return a.probabilityLevel === b.probabilityLevel && a.probability === b.probability && IMPACT_DIMENSIONS.every(({ key }) => (a.impacts[key] ?? 0) === (b.impacts[key] ?? 0));
}

/** The score as the API computes it: probability level x the highest assessed impact level, rated by the bands. */
export interface PreviewScore {
  impactLevel: number;
  score: number;
  rating: string;
  /** The dimensions at the highest level (the ones that set the score). */
  worst: ImpactDimension[];
}

/** Scores an assessment (null when no dimension is assessed, which the API refuses). */
export function previewScore(a: Assessment, bands: readonly { rating: string; minScore: number }[]): PreviewScore | null {
  const assessed = IMPACT_DIMENSIONS.filter(({ key }) => (a.impacts[key] ?? 0) > 0);
  if (assessed.length === 0) return null;
  const impactLevel = Math.max(...assessed.map(({ key }) => a.impacts[key]!));
  const score = a.probabilityLevel * impactLevel;
  let rating = bands[0]?.rating ?? '';
  for (const b of bands) if (score >= b.minScore) rating = b.rating;
  return { impactLevel, score, rating, worst: assessed.filter(({ key }) => a.impacts[key] === impactLevel).map(({ key }) => key) };
}

/** Labels of the configured scales and the rating bands, as the forms need them. */
export interface Scales {
  probability: string[];
  impact: string[];
  bands: { rating: string; minScore: number }[];
}

/** The scales and bands of the configured risk matrix. */
export function scalesOf(matrix: RiskMatrix): Scales {
  return { probability: matrix.probabilityLevels.map((l) => l.label), impact: matrix.impactLevels.map((l) => l.label), bands: matrix.bands };
}

const NOT_ASSESSED = 'not assessed';

/** A level picker on a configured scale: values are level numbers, text shows the level's label. */
export function LevelSelect({ value, onChange, labels, optional, ...rest }: { value: number; onChange: (n: number) => void; labels: string[]; optional?: boolean }) {
  return (
    <select {...rest} value={value} onChange={(e) => onChange(Number(e.target.value))}>
      {optional && <option value={0}>— {NOT_ASSESSED}</option>}
      {labels.map((label, i) => <option key={i + 1} value={i + 1}>{i + 1} {label}</option>)}
    </select>
  );
}

/**
 * The fields of one assessment in a fieldset: probability, then an impact level (or "not assessed") on every
 * dimension, and the score it gives. Labels name the assessment ("Reputation impact (residual)").
 */
export function AssessmentFields({ which, value, onChange, scales, error }: { which: 'inherent' | 'residual'; value: AssessmentDraft; onChange: (d: AssessmentDraft) => void; scales: Scales; error?: unknown }) {
  const body = assessmentBody(value, { probabilityLevels: scales.probability.length, impactLevels: scales.impact.length });
  const s = previewScore(body, scales.bands);
  const missing = error instanceof ApiError ? error.fieldMessage(`${which}.impacts`) : undefined;
  return (
    <fieldset className="risk-assessment" style={{ gridColumn: '1 / -1', display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(170px, 1fr))', gap: 8, margin: 0, alignItems: 'end' }}>
      <legend>{which === 'inherent' ? 'Inherent assessment (before responses)' : 'Residual assessment (after responses)'}</legend>
      <Field label={`Probability (${which})`} name={`${which}.probabilityLevel`} error={error}>
        <LevelSelect labels={scales.probability} value={body.probabilityLevel} onChange={(n) => onChange({ ...value, probabilityLevel: n })} />
      </Field>
      {IMPACT_DIMENSIONS.map(({ key, label }) => (
        <Field key={key} label={`${label} impact (${which})`} name={`${which}.impacts.${key}`} error={error}>
          <LevelSelect optional labels={scales.impact} value={body.impacts[key] ?? 0} onChange={(n) => onChange({ ...value, impacts: { ...value.impacts, [key]: n } })} />
        </Field>
      ))}
      <output data-testid={`${which}-score-preview`} style={{ gridColumn: '1 / -1' }}>
        {s
          ? <>Score {body.probabilityLevel} × {s.impactLevel} = <strong>{s.score}</strong> ({s.rating}), set by the worst impact: {s.worst.map((k) => IMPACT_DIMENSIONS.find((d) => d.key === k)!.label.toLowerCase()).join(', ')}</>
          : <span className="field-error">Assess at least one impact.</span>}
        {missing && <span className="field-error"> {missing}</span>}
      </output>
    </fieldset>
  );
}

/** The assessments of a risk by dimension, inherent beside residual; the level that sets each score is marked. */
export function AssessmentTable({ inherent, residual, scales }: { inherent: Assessment; residual: Assessment | null; scales: Scales }) {
  const cols = [{ name: 'Inherent', a: inherent }, { name: 'Residual', a: residual ?? inherent }] as const;
  const worst = cols.map((c) => previewScore(c.a, scales.bands)?.worst ?? []);
  const level = (labels: string[], n: number | undefined) => (n ? `${n} ${labels[n - 1] ?? ''}`.trim() : '—');
  const cell = { textAlign: 'left', padding: '3px 24px 3px 0' } as const;
  return (
    <div className="card">
      <table data-testid="risk-assessment" style={{ borderCollapse: 'collapse', margin: 0 }}>
        <caption style={{ textAlign: 'left', fontWeight: 600, paddingBottom: 4 }}>Assessment{residual ? '' : ' (no residual assessment: residual = inherent)'}</caption>
        <thead><tr><th scope="col" style={cell}>Dimension</th>{cols.map((c) => <th key={c.name} scope="col" style={cell}>{c.name}</th>)}</tr></thead>
        <tbody>
          <tr><th scope="row" style={cell}>Probability</th>{cols.map((c) => <td key={c.name} style={cell}>{level(scales.probability, c.a.probabilityLevel)}{c.a.probability !== undefined ? ` (${Math.round(c.a.probability * 100)} %)` : ''}</td>)}</tr>
          {IMPACT_DIMENSIONS.map(({ key, label }) => (
            <tr key={key}>
              <th scope="row" style={cell}>{label} impact</th>
              {cols.map((c, i) => <td key={c.name} style={cell} data-testid={`${c.name.toLowerCase()}-${key}`}>{worst[i]!.includes(key) ? <strong>{level(scales.impact, c.a.impacts[key])} <span className="muted">(worst)</span></strong> : level(scales.impact, c.a.impacts[key])}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
