/** Form to record a risk: title, category, kind, inherent and residual probability x impact on every dimension, response. */
import { useState } from 'react';
import type { components } from '../../api/schema';
import { Field, FormError } from '../../ui/form';
import { AssessmentFields, assessmentBody, newDraft, type AssessmentDraft, type Scales } from './risk-assessment';

export { LevelSelect } from './risk-assessment';

/** Body of a new project risk as the form builds it. */
export interface RiskFormValues {
  title: string;
  category: string;
  kind: 'threat' | 'opportunity';
  complianceReference?: string | null;
  inherent: components['schemas']['RiskAssessment'];
  residual?: components['schemas']['RiskAssessment'] | null;
  costImpactCents?: number | null;
  responseStrategy?: 'avoid' | 'mitigate' | 'transfer' | 'accept' | 'escalate' | 'exploit' | 'enhance' | 'share' | null;
  reviewDate?: string | null;
}

/** Response strategies per kind (PMBOK): opportunities are exploited, enhanced or shared; both may be accepted or escalated. */
export const STRATEGIES = { threat: ['avoid', 'mitigate', 'transfer', 'accept', 'escalate'], opportunity: ['exploit', 'enhance', 'share', 'accept', 'escalate'] } as const;

/** Builds the request body from the form state (pure; exported for tests); levels are capped to the scales' lengths. */
export function buildRiskBody(s: { title: string; category: string; kind: 'threat' | 'opportunity'; compliance: string; inherent: AssessmentDraft; residual: AssessmentDraft; cost: string; strategy: string; review: string }, scales: { probabilityLevels: number; impactLevels: number }): RiskFormValues {
  const cents = s.cost.trim() === '' ? null : Math.round(Number(s.cost) * 100);
  return {
    title: s.title.trim(),
    category: s.category.trim(),
    kind: s.kind,
    complianceReference: s.compliance.trim() || null,
    inherent: assessmentBody(s.inherent, scales),
    residual: assessmentBody(s.residual, scales),
    costImpactCents: cents !== null && Number.isFinite(cents) ? cents : null,
    responseStrategy: (s.strategy || null) as RiskFormValues['responseStrategy'],
    reviewDate: s.review || null,
  };
}

const DEFAULT_SCALES: Scales = {
  probability: ['Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain'],
  impact: ['Negligible', 'Minor', 'Moderate', 'Major', 'Severe'],
  bands: [{ rating: 'low', minScore: 1 }, { rating: 'medium', minScore: 5 }, { rating: 'high', minScore: 10 }, { rating: 'critical', minScore: 17 }],
};

/**
 * The form; `onSubmit` sends the body, `error` is the mutation's error (field messages appear beside fields).
 * Schedule and cost start at the middle of the scale, scope, quality and reputation as "not assessed".
 */
export function RiskForm({ onSubmit, error, pending, scales = DEFAULT_SCALES }: { onSubmit: (body: RiskFormValues) => void; error: unknown; pending: boolean; scales?: Scales }) {
  const [s, set] = useState({ title: '', category: 'technical', kind: 'threat' as 'threat' | 'opportunity', compliance: '', inherent: newDraft(3, { schedule: 3, cost: 3 }), residual: newDraft(2, { schedule: 2, cost: 2 }), cost: '', strategy: 'mitigate', review: '' });
  const up = <K extends keyof typeof s>(k: K) => (v: (typeof s)[K]) => set({ ...s, [k]: v });
  const lengths = { probabilityLevels: scales.probability.length, impactLevels: scales.impact.length };
  return (
    <form aria-label="New risk" onSubmit={(e) => { e.preventDefault(); onSubmit(buildRiskBody(s, lengths)); }} style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))', gap: 8 }}>
      <Field label="Title" name="title" error={error}><input required value={s.title} onChange={(e) => up('title')(e.target.value)} /></Field>
      <Field label="Category" name="category" error={error}><input required value={s.category} onChange={(e) => up('category')(e.target.value)} /></Field>
      <Field label="Kind" name="kind" error={error}><select value={s.kind} onChange={(e) => set({ ...s, kind: e.target.value as 'threat' | 'opportunity', strategy: e.target.value === 'opportunity' ? 'exploit' : 'mitigate' })}><option value="threat">Threat</option><option value="opportunity">Opportunity</option></select></Field>
      {s.category === 'compliance' && <Field label="Regulation or policy" name="complianceReference" error={error}><input value={s.compliance} onChange={(e) => up('compliance')(e.target.value)} /></Field>}
      <AssessmentFields which="inherent" value={s.inherent} onChange={up('inherent')} scales={scales} error={error} />
      <AssessmentFields which="residual" value={s.residual} onChange={up('residual')} scales={scales} error={error} />
      <Field label="Cost if it occurs" name="costImpactCents" error={error}><input inputMode="decimal" value={s.cost} onChange={(e) => up('cost')(e.target.value)} /></Field>
      <Field label="Response" name="responseStrategy" error={error}><select value={s.strategy} onChange={(e) => up('strategy')(e.target.value)}><option value="">—</option>{STRATEGIES[s.kind].map((x) => <option key={x} value={x}>{x}</option>)}</select></Field>
      <Field label="Review date" name="reviewDate" error={error}><input type="date" value={s.review} onChange={(e) => up('review')(e.target.value)} /></Field>
      <div style={{ alignSelf: 'end' }}><button type="submit" className="btn btn-primary" disabled={pending}>Record risk</button></div>
      <div style={{ gridColumn: '1 / -1' }}><FormError error={error} /></div>
    </form>
  );
}
