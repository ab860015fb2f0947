/** Form to record a risk: title, category, kind, inherent and residual probability x impact, response. */
import { useState } from 'react';
import { Field, FormError } from '../../ui/form';

/** Body of a new project risk as the form builds it. */
export interface RiskFormValues {
  title: string;
  category: string;
  kind: 'threat' | 'opportunity';
  complianceReference?: string | null;
  inherent: { probabilityLevel: number; impacts: { schedule?: number; cost?: number } };
  residual?: { probabilityLevel: number; impacts: { schedule?: number; cost?: number } } | null;
  costImpactCents?: number | null;
  responseStrategy?: 'avoid' | 'mitigate' | 'transfer' | 'accept' | 'escalate' | 'exploit' | 'enhance' | 'share' | null;
  reviewDate?: string | null;
}

/** Response strategies per kind (PMBOK): opportunities are exploited, enhanced or shared; both may be accepted or escalated. */
export const STRATEGIES = { threat: ['avoid', 'mitigate', 'transfer', 'accept', 'escalate'], opportunity: ['exploit', 'enhance', 'share', 'accept', 'escalate'] } as const;

/** Builds the request body from the form state (pure; exported for tests). */
export function buildRiskBody(s: { title: string; category: string; kind: 'threat' | 'opportunity'; compliance: string; p: number; is: number; ic: number; rp: number; ris: number; ric: number; cost: string; strategy: string; review: string }): RiskFormValues {
  const cents = s.cost.trim() === '' ? null : Math.round(Number(s.cost) * 100);
  return {
    title: s.title.trim(),
    category: s.category.trim(),
    kind: s.kind,
    complianceReference: s.compliance.trim() || null,
    inherent: { probabilityLevel: s.p, impacts: { schedule: s.is, cost: s.ic } },
    residual: { probabilityLevel: s.rp, impacts: { schedule: s.ris, cost: s.ric } },
    costImpactCents: cents !== null && Number.isFinite(cents) ? cents : null,
    responseStrategy: (s.strategy || null) as RiskFormValues['responseStrategy'],
    reviewDate: s.review || null,
  };
}

/** A level picker on a configured scale: values are level numbers, text shows the level's label. */
export function LevelSelect({ value, onChange, labels, ...rest }: { value: number; onChange: (n: number) => void; labels: string[] }) {
  return <select {...rest} value={value} onChange={(e) => onChange(Number(e.target.value))}>{labels.map((label, i) => <option key={i + 1} value={i + 1}>{i + 1} {label}</option>)}</select>;
}

const DEFAULT_P = ['Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain'];
const DEFAULT_I = ['Negligible', 'Minor', 'Moderate', 'Major', 'Severe'];

/** The form; `onSubmit` sends the body, `error` is the mutation's error (field messages appear beside fields). */
export function RiskForm({ onSubmit, error, pending, scales }: { onSubmit: (body: RiskFormValues) => void; error: unknown; pending: boolean; scales?: { probability: string[]; impact: string[] } }) {
  const [s, set] = useState({ title: '', category: 'technical', kind: 'threat' as 'threat' | 'opportunity', compliance: '', p: 3, is: 3, ic: 3, rp: 2, ris: 2, ric: 2, cost: '', strategy: 'mitigate', review: '' });
  const P = scales?.probability ?? DEFAULT_P;
  const I = scales?.impact ?? DEFAULT_I;
  const up = <K extends keyof typeof s>(k: K) => (v: (typeof s)[K]) => set({ ...s, [k]: v });
  return (
    <form aria-label="New risk" onSubmit={(e) => { e.preventDefault(); const cp = (n: number) => Math.min(n, P.length); const ci = (n: number) => Math.min(n, I.length); onSubmit(buildRiskBody({ ...s, p: cp(s.p), rp: cp(s.rp), is: ci(s.is), ic: ci(s.ic), ris: ci(s.ris), ric: ci(s.ric) })); }} style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))', gap: 8 }}>
      <Field label="Title" name="title" error={error}><input required value={s.title} onChange={(e) => up('title')(e.target.value)} /></Field>
      <Field label="Category" name="category" error={error}><input required value={s.category} onChange={(e) => up('category')(e.target.value)} /></Field>
      <Field label="Kind" name="kind" error={error}><select value={s.kind} onChange={(e) => set({ ...s, kind: e.target.value as 'threat' | 'opportunity', strategy: e.target.value === 'opportunity' ? 'exploit' : 'mitigate' })}><option value="threat">Threat</option><option value="opportunity">Opportunity</option></select></Field>
      {s.category === 'compliance' && <Field label="Regulation or policy" name="complianceReference" error={error}><input value={s.compliance} onChange={(e) => up('compliance')(e.target.value)} /></Field>}
      <Field label="Probability (inherent)" name="inherent"><LevelSelect labels={P} value={Math.min(s.p, P.length)} onChange={up('p')} /></Field>
      <Field label="Schedule impact (inherent)" name="inherent.schedule"><LevelSelect labels={I} value={Math.min(s.is, I.length)} onChange={up('is')} /></Field>
      <Field label="Cost impact (inherent)" name="inherent.cost"><LevelSelect labels={I} value={Math.min(s.ic, I.length)} onChange={up('ic')} /></Field>
      <Field label="Probability (residual)" name="residual"><LevelSelect labels={P} value={Math.min(s.rp, P.length)} onChange={up('rp')} /></Field>
      <Field label="Schedule impact (residual)" name="residual.schedule"><LevelSelect labels={I} value={Math.min(s.ris, I.length)} onChange={up('ris')} /></Field>
      <Field label="Cost impact (residual)" name="residual.cost"><LevelSelect labels={I} value={Math.min(s.ric, I.length)} onChange={up('ric')} /></Field>
      <Field label="Cost if it occurs" name="costImpactCents" error={error}><input inputMode="decimal" value={s.cost} onChange={(e) => up('cost')(e.target.value)} /></Field>
      <Field label="Response" name="responseStrategy" error={error}><select value={s.strategy} onChange={(e) => up('strategy')(e.target.value)}><option value="">—</option>{STRATEGIES[s.kind].map((x) => <option key={x} value={x}>{x}</option>)}</select></Field>
      <Field label="Review date" name="reviewDate" error={error}><input type="date" value={s.review} onChange={(e) => up('review')(e.target.value)} /></Field>
      <div style={{ alignSelf: 'end' }}><button type="submit" className="btn btn-primary" disabled={pending}>Record risk</button></div>
      <div style={{ gridColumn: '1 / -1' }}><FormError error={error} /></div>
    </form>
  );
}
