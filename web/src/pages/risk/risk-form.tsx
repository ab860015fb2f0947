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
  responseStrategy?: 'avoid' | 'mitigate' | 'transfer' | 'accept' | 'exploit' | 'enhance' | 'share' | null;
  reviewDate?: string | null;
}

const LEVELS = [1, 2, 3, 4, 5];
const STRATEGIES = { threat: ['avoid', 'mitigate', 'transfer', 'accept'], opportunity: ['exploit', 'enhance', 'share', 'accept'] } as const;

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

function LevelSelect({ value, onChange, ...rest }: { value: number; onChange: (n: number) => void }) {
  return <select {...rest} value={value} onChange={(e) => onChange(Number(e.target.value))}>{LEVELS.map((l) => <option key={l} value={l}>{l}</option>)}</select>;
}

/** The form; `onSubmit` sends the body, `error` is the mutation's error (field messages appear beside fields). */
export function RiskForm({ onSubmit, error, pending }: { onSubmit: (body: RiskFormValues) => void; error: unknown; pending: boolean }) {
  const [s, set] = useState({ title: '', category: 'technical', kind: 'threat' as 'threat' | 'opportunity', compliance: '', p: 3, is: 3, ic: 3, rp: 2, ris: 2, ric: 2, cost: '', strategy: 'mitigate', review: '' });
  const up = <K extends keyof typeof s>(k: K) => (v: (typeof s)[K]) => set({ ...s, [k]: v });
  return (
    <form aria-label="New risk" onSubmit={(e) => { e.preventDefault(); onSubmit(buildRiskBody(s)); }} style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))', gap: 8 }}>
      <Field label="Title" name="title" error={error}><input required value={s.title} onChange={(e) => up('title')(e.target.value)} /></Field>
      <Field label="Category" name="category" error={error}><input required value={s.category} onChange={(e) => up('category')(e.target.value)} /></Field>
      <Field label="Kind" name="kind" error={error}><select value={s.kind} onChange={(e) => set({ ...s, kind: e.target.value as 'threat' | 'opportunity', strategy: '' })}><option value="threat">Threat</option><option value="opportunity">Opportunity</option></select></Field>
      {s.category === 'compliance' && <Field label="Regulation or policy" name="complianceReference" error={error}><input value={s.compliance} onChange={(e) => up('compliance')(e.target.value)} /></Field>}
      <Field label="Probability (inherent)" name="inherent"><LevelSelect value={s.p} onChange={up('p')} /></Field>
      <Field label="Schedule impact (inherent)" name="inherent.schedule"><LevelSelect value={s.is} onChange={up('is')} /></Field>
      <Field label="Cost impact (inherent)" name="inherent.cost"><LevelSelect value={s.ic} onChange={up('ic')} /></Field>
      <Field label="Probability (residual)" name="residual"><LevelSelect value={s.rp} onChange={up('rp')} /></Field>
      <Field label="Schedule impact (residual)" name="residual.schedule"><LevelSelect value={s.ris} onChange={up('ris')} /></Field>
      <Field label="Cost impact (residual)" name="residual.cost"><LevelSelect value={s.ric} onChange={up('ric')} /></Field>
      <Field label="Cost if it occurs" name="costImpactCents" error={error}><input inputMode="decimal" value={s.cost} onChange={(e) => up('cost')(e.target.value)} /></Field>
      <Field label="Response" name="responseStrategy" error={error}><select value={s.strategy} onChange={(e) => up('strategy')(e.target.value)}><option value="">—</option>{STRATEGIES[s.kind].map((x) => <option key={x} value={x}>{x}</option>)}</select></Field>
      <Field label="Review date" name="reviewDate" error={error}><input type="date" value={s.review} onChange={(e) => up('review')(e.target.value)} /></Field>
      <div style={{ alignSelf: 'end' }}><button type="submit" className="btn btn-primary" disabled={pending}>Record risk</button></div>
      <div style={{ gridColumn: '1 / -1' }}><FormError error={error} /></div>
    </form>
  );
}
