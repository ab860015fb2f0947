/** One proposal: its business case in the best, likely and worst cases, benefits by category, and its stage gates. */
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, ok } from '../../api/client';
import { FormError } from '../../ui/form';
import { useToast } from '../../ui/toast';
import { ErrorState, Loading } from '../../ui/states';
import { SubjectGates } from '../gates/subject-gates';
import { formatMoney, sk } from './strategy-api';
import { CasesTable, pct } from './cases-table';
import { BusinessCaseEditor } from './business-case-editor';
import { useSession } from '../../api/session';
import { useState } from 'react';
import { formatIntakeAnswer } from './intake-inputs';
import { ProposalProjectPanel } from './proposal-project-panel';

/** The proposal page (/strategy/proposals/:proposalId). */
export function ProposalDetailPage() {
  const { proposalId = '' } = useParams();
  const proposal = useQuery({ queryKey: [...sk.proposals, proposalId], queryFn: () => ok(api.GET('/api/v1/portfolio/proposals/{id}', { params: { path: { id: proposalId } } })) });
  const form = useQuery({ queryKey: [...sk.proposals, 'intake-form'], queryFn: () => ok(api.GET('/api/v1/portfolio/intake-form')) });
  const { user } = useSession();
  const canEdit = Boolean(user && ['admin', 'pmo', 'portfolio_manager'].includes(user.orgRole));
  const [editing, setEditing] = useState(false);
  const client = useQueryClient();
  const toast = useToast();
  const navigate = useNavigate();
  const remove = useMutation({
    mutationFn: (v: { id: string; version: number; name: string }) => ok(api.DELETE('/api/v1/portfolio/proposals/{id}', { params: { path: { id: v.id } }, headers: ifMatch(v.version) })).then(() => v),
    onSuccess: (v) => {
      toast(`Proposal "${v.name}" deleted`);
      void client.invalidateQueries({ queryKey: sk.proposals });
      void navigate('/strategy/proposals');
    },
  });
  if (proposal.isLoading) return <Loading />;
  if (proposal.error) return <ErrorState error={proposal.error} />;
  const p = proposal.data!;
  const cases = p.cases;
  return (
    <div>
      <nav aria-label="Breadcrumb" className="muted"><Link to="/strategy/proposals">Proposals</Link> / {p.name}</nav>
      <h2>{p.name}</h2>
      {p.description && <p>{p.description}</p>}
      <p className="muted">
        {p.stageName}{p.gateState !== 'active' ? ` (${p.gateState === 'on_hold' ? 'on hold' : 'stopped'})` : ''} · {p.periodsPerYear === 12 ? 'monthly' : p.periodsPerYear === 4 ? 'quarterly' : 'yearly'} periods · discount rate {pct(p.annualDiscountRate)}
        {p.score !== null ? ` · score ${p.score.toFixed(1)} (${p.scorers} scorer${p.scorers === 1 ? '' : 's'})` : ' · not scored'}{p.mandatory ? ' · mandatory' : ''}
        {p.startDate ? ` · starts ${p.startDate}` : ''}
      </p>
      {cases && !editing && (
        <section aria-label="Business case">
          <h3>Business case</h3>
          <CasesTable cases={cases} label="Business case by case" />
          {canEdit && <button type="button" className="btn" onClick={() => setEditing(true)}>Edit business case</button>}
        </section>
      )}
      {editing && <BusinessCaseEditor proposal={p} onDone={() => setEditing(false)} />}
      {p.benefitsByCategory && p.benefitsByCategory.length > 0 && (
        <section aria-label="Benefits by category">
          <h3>Benefits by category</h3>
          <table className="st-table" aria-label="Benefits by category">
            <thead><tr><th>Category</th><th className="num">Total</th><th className="num">Probability</th><th className="num">Expected</th><th className="num">PV of expected</th></tr></thead>
            <tbody>
              {p.benefitsByCategory.map((b) => (
                <tr key={b.category}><td>{b.category}</td><td className="num">{formatMoney(b.totalCents)}</td><td className="num">{pct(b.probability)}</td><td className="num">{formatMoney(b.expectedCents)}</td><td className="num">{formatMoney(b.pvExpectedCents)}</td></tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {(form.data?.fields.length ?? 0) > 0 && (
        <section aria-label="Intake answers">
          <h3>Intake answers</h3>
          <table className="st-table" aria-label="Intake answers">
            <tbody>{form.data!.fields.map((f) => <tr key={f.key}><th scope="row">{f.label}</th><td>{formatIntakeAnswer(p.intake[f.key])}</td></tr>)}</tbody>
          </table>
        </section>
      )}
      {!editing && <ProposalProjectPanel key={`${p.id}-${p.version}`} proposal={p} canEdit={canEdit} />}
      {canEdit && !editing && (
        <section aria-label="Delete the proposal">
          <button type="button" className="btn" disabled={remove.isPending} onClick={() => remove.mutate({ id: p.id, version: p.version, name: p.name })}>Delete proposal</button>
          <FormError error={remove.error} />
        </section>
      )}
      <section aria-label="Stage gates">
        <h3>Stage gates</h3>
        <SubjectGates kind="proposal" id={p.id} />
      </section>
    </div>
  );
}
