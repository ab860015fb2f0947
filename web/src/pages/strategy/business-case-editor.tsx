/**
 * The business case editor: capex and opex per period, benefit lines by category with their probability, and the
 * demand per role (for the optimiser's capacity limits), one column per period from the start. The best, likely and
 * worst cases are recomputed by the server as you type (POST /portfolio/business-cases/evaluate, nothing saved);
 * Save writes them to the proposal (If-Match).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, ok } from '../../api/client';
import { FormError } from '../../ui/form';
import { Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { BENEFIT_CATEGORIES } from './new-proposal-dialog';
import { CasesTable } from './cases-table';
import { caseBody, draftFromProposal, MAX_PERIODS, periodHeader, resizeDraft, type CaseDraft, type PeriodsPerYear } from './business-case-form';
import { sk, type Proposal } from './strategy-api';

/** Cells of one row, one per period. */
function Cells({ label, row, perYear, onChange, width = 8 }: { label: string; row: string[]; perYear: PeriodsPerYear; onChange: (r: string[]) => void; width?: number }) {
  return (
    <>
      {row.map((v, i) => (
        <td key={i}><input aria-label={`${label} ${periodHeader(perYear, i)}`} size={width} inputMode="decimal" value={v} onChange={(e) => onChange(row.map((c, j) => (j === i ? e.target.value : c)))} /></td>
      ))}
    </>
  );
}

/** A value that settles `ms` after the last change (the preview is not recomputed on every key stroke). */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/** The editor for one proposal's business case. */
export function BusinessCaseEditor({ proposal, onDone }: { proposal: Proposal; onDone: () => void }) {
  const client = useQueryClient();
  const toast = useToast();
  const [d, setD] = useState<CaseDraft>(() => draftFromProposal(proposal));
  const parsed = caseBody(d);
  // Compared and keyed as text: a new object every render must not restart the timer or the query.
  const bodyText = parsed.body ? JSON.stringify(parsed.body) : null;
  const settled = useSettled(bodyText, 300);
  const preview = useQuery({
    queryKey: ['portfolio', 'business-case-preview', settled],
    enabled: settled !== null,
    placeholderData: (prev) => prev,
    queryFn: () => {
      const { demand: _demand, startDate: _start, ...fin } = JSON.parse(settled!) as NonNullable<typeof parsed.body>;
      return ok(api.POST('/api/v1/portfolio/business-cases/evaluate', { body: fin }));
    },
  });
  const save = useMutation({
    mutationFn: () => ok(api.PATCH('/api/v1/portfolio/proposals/{id}', { params: { path: { id: proposal.id } }, body: parsed.body!, headers: ifMatch(proposal.version) })),
    onSuccess: () => {
      toast(`Business case of "${proposal.name}" saved`);
      void client.invalidateQueries({ queryKey: sk.proposals });
      onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (parsed.body) save.mutate();
  };
  const headers = Array.from({ length: d.periods }, (_, i) => periodHeader(d.periodsPerYear, i));
  const setBenefit = (i: number, patch: Partial<CaseDraft['benefits'][number]>) => setD({ ...d, benefits: d.benefits.map((b, j) => (j === i ? { ...b, ...patch } : b)) });
  const setDemand = (i: number, patch: Partial<CaseDraft['demand'][number]>) => setD({ ...d, demand: d.demand.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  const empty = () => Array.from({ length: d.periods }, () => '');
  return (
    <form onSubmit={submit} aria-label="Business case editor" className="st-section">
      <h3>Edit business case</h3>
      <div className="st-form">
        <div className="field">
          <label htmlFor="bc-grain">Periods</label>
          <select id="bc-grain" value={d.periodsPerYear} onChange={(e) => setD({ ...d, periodsPerYear: Number(e.target.value) as PeriodsPerYear })}>
            <option value={1}>Years</option><option value={4}>Quarters</option><option value={12}>Months</option>
          </select>
        </div>
        <div className="field"><label htmlFor="bc-count">Number of periods</label><input id="bc-count" type="number" min={1} max={MAX_PERIODS} value={d.periods} onChange={(e) => setD(resizeDraft(d, Number(e.target.value)))} /></div>
        <div className="field"><label htmlFor="bc-start">Starts on</label><input id="bc-start" type="date" value={d.startDate} onChange={(e) => setD({ ...d, startDate: e.target.value })} /></div>
        <div className="field"><label htmlFor="bc-rate">Discount rate (% a year)</label><input id="bc-rate" inputMode="decimal" size={6} value={d.rate} onChange={(e) => setD({ ...d, rate: e.target.value })} /></div>
      </div>
      <p className="muted">Amounts in whole currency units per period; {periodHeader(d.periodsPerYear, 0)} is the start (not discounted). Empty cells are zero. Demand in person-days per period. The start date places the periods in the calendar: the project made from this proposal starts then, and its draft budget puts each period's costs in its months.</p>
      <div style={{ overflowX: 'auto' }}>
        <table className="st-table" aria-label="Business case per period">
          <thead><tr><th>Line</th><th>Category</th><th>Probability (%)</th>{headers.map((h) => <th key={h}>{h}</th>)}<th><span className="sr-only">Remove</span></th></tr></thead>
          <tbody>
            <tr><th scope="row">Capex</th><td /><td /><Cells label="Capex" row={d.capex} perYear={d.periodsPerYear} onChange={(capex) => setD({ ...d, capex })} /><td /></tr>
            <tr><th scope="row">Opex</th><td /><td /><Cells label="Opex" row={d.opex} perYear={d.periodsPerYear} onChange={(opex) => setD({ ...d, opex })} /><td /></tr>
            {d.benefits.map((b, i) => (
              <tr key={`b${i}`}>
                <th scope="row">Benefit {i + 1}</th>
                <td><input aria-label={`Category of benefit ${i + 1}`} list="bc-categories" size={12} maxLength={100} value={b.category} onChange={(e) => setBenefit(i, { category: e.target.value })} /></td>
                <td><input aria-label={`Probability of benefit ${i + 1} (%)`} size={4} inputMode="decimal" value={b.probability} onChange={(e) => setBenefit(i, { probability: e.target.value })} /></td>
                <Cells label={`Benefit ${i + 1}`} row={b.amounts} perYear={d.periodsPerYear} onChange={(amounts) => setBenefit(i, { amounts })} />
                <td><button type="button" className="btn btn-small" aria-label={`Remove benefit ${i + 1}`} onClick={() => setD({ ...d, benefits: d.benefits.filter((_, j) => j !== i) })}>Remove</button></td>
              </tr>
            ))}
            {d.demand.map((r, i) => (
              <tr key={`d${i}`}>
                <th scope="row">Demand {i + 1}</th>
                <td><input aria-label={`Role of demand ${i + 1}`} size={12} maxLength={64} value={r.role} onChange={(e) => setDemand(i, { role: e.target.value })} /></td>
                <td />
                <Cells label={`Demand ${i + 1}`} row={r.amounts} perYear={d.periodsPerYear} width={5} onChange={(amounts) => setDemand(i, { amounts })} />
                <td><button type="button" className="btn btn-small" aria-label={`Remove demand ${i + 1}`} onClick={() => setD({ ...d, demand: d.demand.filter((_, j) => j !== i) })}>Remove</button></td>
              </tr>
            ))}
          </tbody>
        </table>
        <datalist id="bc-categories">{BENEFIT_CATEGORIES.map((c) => <option key={c} value={c} />)}</datalist>
      </div>
      <div className="row">
        <button type="button" className="btn btn-small" onClick={() => setD({ ...d, benefits: [...d.benefits, { category: 'savings', probability: '100', amounts: empty() }] })}>Add benefit line</button>
        <button type="button" className="btn btn-small" onClick={() => setD({ ...d, demand: [...d.demand, { role: '', amounts: empty() }] })}>Add role demand</button>
      </div>
      {parsed.error && <p className="form-error" role="alert">{parsed.error}</p>}
      <h4>Preview</h4>
      {preview.error ? <FormError error={preview.error} /> : preview.data ? (
        <div data-testid="business-case-preview" aria-busy={preview.isFetching || settled !== bodyText}>
          <CasesTable cases={preview.data.cases} label="Business case preview" />
        </div>
      ) : parsed.body ? <Loading label="Computing…" /> : null}
      <FormError error={save.error} />
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={save.isPending || !parsed.body}>Save business case</button>
        <button type="button" className="btn" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}
