/** The risk library: templates learnt from closed projects (risk + responses that worked), curated by portfolio editors. */
import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, ok } from '../../api/client';
import { useSession } from '../../api/session';
import { Field, FormError } from '../../ui/form';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { riskKeys, useRiskLibrary, useRiskMatrix, type RiskTemplate } from './risk-queries';
import { AssessmentFields, IMPACT_DIMENSIONS, assessmentBody, newDraft, previewScore, scalesOf, type AssessmentDraft } from './risk-assessment';

const EDITORS = new Set(['admin', 'pmo', 'portfolio_manager']);
const STRATEGIES = { threat: ['avoid', 'mitigate', 'transfer', 'accept', 'escalate'], opportunity: ['exploit', 'enhance', 'share', 'accept', 'escalate'] } as const;

/** Comma-separated text to a clean list of tags (exported for tests). */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean))];
}

function NewTemplateForm({ onDone }: { onDone: () => void }) {
  const matrix = useRiskMatrix();
  const [s, set] = useState({ title: '', category: 'technical', kind: 'threat' as 'threat' | 'opportunity', types: '', tags: '', strategy: 'mitigate', response: '', effectiveness: 'proven' });
  // The typical assessment of the risk on every impact dimension (schedule and cost assessed by default).
  const [typical, setTypical] = useState<AssessmentDraft>(() => newDraft(3, { schedule: 3, cost: 3 }));
  const m = matrix.data?.matrix;
  const client = useQueryClient();
  const toast = useToast();
  const save = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/risk-library', { body: {
      title: s.title, category: s.category, kind: s.kind, projectTypes: parseTags(s.types), tags: parseTags(s.tags),
      inherent: assessmentBody(typical, { probabilityLevels: m?.probabilityLevels.length ?? 5, impactLevels: m?.impactLevels.length ?? 5 }),
      responses: s.response.trim() ? [{ strategy: s.strategy as 'mitigate', description: s.response.trim(), effectiveness: s.effectiveness as 'proven' }] : [],
    } })),
    onSuccess: () => { toast('Template added'); void client.invalidateQueries({ queryKey: riskKeys.library }); onDone(); },
  });
  return (
    <form aria-label="New template" className="card" onSubmit={(e) => { e.preventDefault(); save.mutate(); }} style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', gap: 8 }}>
      <Field label="Title" name="title" error={save.error}><input required value={s.title} onChange={(e) => set({ ...s, title: e.target.value })} /></Field>
      <Field label="Category" name="category" error={save.error}><input required value={s.category} onChange={(e) => set({ ...s, category: e.target.value })} /></Field>
      <Field label="Kind" name="kind" error={save.error}><select value={s.kind} onChange={(e) => set({ ...s, kind: e.target.value as 'threat', strategy: e.target.value === 'threat' ? 'mitigate' : 'exploit' })}><option value="threat">Threat</option><option value="opportunity">Opportunity</option></select></Field>
      <Field label="Project types (comma-separated)" name="projectTypes" error={save.error}><input value={s.types} onChange={(e) => set({ ...s, types: e.target.value })} /></Field>
      <Field label="Tags (comma-separated)" name="tags" error={save.error}><input value={s.tags} onChange={(e) => set({ ...s, tags: e.target.value })} /></Field>
      {m && <AssessmentFields which="inherent" value={typical} onChange={setTypical} scales={scalesOf(m)} error={save.error} />}
      <Field label="Response strategy" name="responses"><select value={s.strategy} onChange={(e) => set({ ...s, strategy: e.target.value })}>{STRATEGIES[s.kind].map((x) => <option key={x} value={x}>{x}</option>)}</select></Field>
      <Field label="Response" name="responses.0.description" error={save.error}><input value={s.response} onChange={(e) => set({ ...s, response: e.target.value })} /></Field>
      <Field label="It worked" name="responses.0.effectiveness"><select value={s.effectiveness} onChange={(e) => set({ ...s, effectiveness: e.target.value })}><option value="proven">Proven</option><option value="partial">Partly</option><option value="failed">Failed</option></select></Field>
      <div className="row" style={{ gridColumn: '1 / -1' }}><button type="submit" className="btn btn-primary" disabled={save.isPending}>Add template</button><button type="button" className="btn" onClick={onDone}>Cancel</button><FormError error={save.error} /></div>
    </form>
  );
}

/** "P 3 × I 4 = 12 (high) · worst: schedule, cost": the template's typical assessment in one line. */
function typicalLine(t: RiskTemplate, bands: readonly { rating: string; minScore: number }[]): string {
  const s = previewScore(t.inherent, bands);
  if (!s) return '';
  const names = s.worst.map((k) => IMPACT_DIMENSIONS.find((d) => d.key === k)!.label.toLowerCase()).join(', ');
  return `Typical: probability ${t.inherent.probabilityLevel} × impact ${s.impactLevel} = ${s.score}${s.rating ? ` (${s.rating})` : ''} · worst: ${names}`;
}

function TemplateCard({ t, editor }: { t: RiskTemplate; editor: boolean }) {
  const matrix = useRiskMatrix();
  const client = useQueryClient();
  const toast = useToast();
  const remove = useMutation({
    mutationFn: () => ok(api.DELETE('/api/v1/risk-library/{id}', { params: { path: { id: t.id } }, headers: ifMatch(t.version) })),
    onSuccess: () => { toast('Template deleted'); void client.invalidateQueries({ queryKey: riskKeys.library }); },
    onError: (e) => toast(e.message, 'error'),
  });
  return (
    <article className="card" aria-label={t.title}>
      <div className="row"><h2 style={{ margin: 0, fontSize: 16 }}>{t.title}</h2><span className="muted">{t.kind} · {t.category}</span><span className="spacer" />
        {editor && <button type="button" className="btn btn-small btn-danger" onClick={() => { if (confirm(`Delete "${t.title}"?`)) remove.mutate(); }}>Delete</button>}</div>
      {t.description && <p>{t.description}</p>}
      {matrix.data && <p data-testid="template-typical" style={{ margin: '4px 0' }}>{typicalLine(t, matrix.data.matrix.bands)}</p>}
      <p className="muted" style={{ margin: '4px 0' }}>Project types: {t.projectTypes.join(', ') || '—'} · Tags: {t.tags.join(', ') || '—'} · Used {t.usedCount}× · From {t.sourceProjects.map((p) => p.name ?? 'a deleted project').join(', ') || 'the PMO'}</p>
      <ul style={{ margin: 0 }}>{t.responses.map((r) => <li key={`${r.strategy}-${r.description}`}><strong>{r.strategy}</strong>: {r.description} <span className={r.effectiveness === 'proven' ? 'rag rag-green' : r.effectiveness === 'partial' ? 'rag rag-amber' : 'rag rag-red'}>{r.effectiveness}</span></li>)}</ul>
    </article>
  );
}

/** Page for /risks/library. */
export function RiskLibraryPage() {
  const { user } = useSession();
  const editor = EDITORS.has(user?.orgRole ?? '');
  const library = useRiskLibrary();
  const [filter, setFilter] = useState('');
  const [adding, setAdding] = useState(false);
  const q = filter.trim().toLowerCase();
  const rows = (library.data ?? []).filter((t) => !q || [t.title, t.category, ...t.projectTypes, ...t.tags].some((x) => x.toLowerCase().includes(q)));
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <nav aria-label="Breadcrumb" className="muted"><Link to="/risks">Risks</Link></nav>
      <div className="row"><h1 style={{ margin: 0 }}>Risk library</h1><span className="spacer" />{editor && <button type="button" className="btn btn-primary" onClick={() => setAdding(!adding)} aria-expanded={adding}>New template</button>}</div>
      <p className="muted" style={{ margin: 0 }}>Lessons from closed projects: risks with the responses that worked. A project's register suggests the templates of its project type; a closed risk becomes a template with "Capture lesson" on its page.</p>
      {adding && <NewTemplateForm onDone={() => setAdding(false)} />}
      <div className="filters"><label>Filter<input value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="title, type or tag" /></label></div>
      {library.isLoading ? <Loading label="Loading library…" /> : library.error ? <ErrorState error={library.error} /> : rows.length === 0 ? <Empty title="No templates yet." /> : (
        <div data-testid="risk-library" style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>{rows.map((t) => <TemplateCard key={t.id} t={t} editor={editor} />)}</div>
      )}
    </div>
  );
}
