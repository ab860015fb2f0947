/**
 * The proposal page's "Project" section: the project the proposal became (a link), or where it will go (portfolio,
 * program), when it becomes one (the lifecycle's project stage), and for portfolio editors "Create project now".
 */
import { Link } from 'react-router';
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, ok } from '../../api/client';
import { FormError } from '../../ui/form';
import { useToast } from '../../ui/toast';
import { usePortfolios, usePrograms } from '../project-queries';
import { gk } from '../gates/gates-api';
import { sk, type Proposal } from './strategy-api';

/** What the panel shows about the link between a proposal and its project. */
export function ProposalProjectPanel({ proposal, canEdit }: { proposal: Proposal; canEdit: boolean }) {
  const client = useQueryClient();
  const toast = useToast();
  const portfolios = usePortfolios();
  const programs = usePrograms();
  const gates = useQuery({ queryKey: gk.subject('proposal', proposal.id), queryFn: () => ok(api.GET('/api/v1/portfolio/proposals/{id}/gates', { params: { path: { id: proposal.id } } })) });
  const [portfolioId, setPortfolioId] = useState(proposal.portfolioId ?? '');
  const [programId, setProgramId] = useState(proposal.programId ?? '');
  const refresh = () => {
    void client.invalidateQueries({ queryKey: sk.proposals });
    void client.invalidateQueries({ queryKey: gk.all });
  };
  const saveHome = useMutation({
    mutationFn: () => ok(api.PATCH('/api/v1/portfolio/proposals/{id}', { params: { path: { id: proposal.id } }, body: { portfolioId: portfolioId || null, programId: programId || null }, headers: ifMatch(proposal.version) })),
    onSuccess: () => { toast('Portfolio and program saved'); refresh(); },
  });
  const create = useMutation({
    mutationFn: () =>
      ok(api.POST('/api/v1/portfolio/proposals/{id}/project', { params: { path: { id: proposal.id } }, body: { ...(portfolioId ? { portfolioId } : {}), programId: programId || null }, headers: ifMatch(proposal.version) })),
    onSuccess: (r) => {
      toast(`Project ${r.project.code} "${r.project.name}" created${r.budgetNote ? ` (${r.budgetNote})` : ' with a draft budget from the business case'}`);
      refresh();
    },
  });
  if (proposal.project) {
    return (
      <section aria-label="Project">
        <h3>Project</h3>
        <p>This proposal became the project <Link to={`/projects/${proposal.project.id}`}>{proposal.project.code} {proposal.project.name}</Link>.</p>
      </section>
    );
  }
  const lifecycle = gates.data?.lifecycle;
  const projectStage = lifecycle?.projectStage ? lifecycle.stages.find((s) => s.key === lifecycle.projectStage)?.name ?? lifecycle.projectStage : null;
  const inPortfolio = (programs.data ?? []).filter((p) => p.portfolioId === portfolioId);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    saveHome.mutate();
  };
  return (
    <section aria-label="Project">
      <h3>Project</h3>
      <p className="muted">
        {projectStage
          ? `Not a project yet: it becomes one when a go decision moves it into "${projectStage}".`
          : 'Not a project yet: its lifecycle does not create projects by itself.'}
        {proposal.startDate ? ` The project will start on ${proposal.startDate}.` : ' Set the start date in the business case to date the project and budget its costs by month.'}
      </p>
      {canEdit ? (
        <form onSubmit={submit} className="st-form" aria-label="Where the project goes">
          <div className="field">
            <label htmlFor="pp-portfolio">Portfolio</label>
            <select id="pp-portfolio" value={portfolioId} onChange={(e) => { setPortfolioId(e.target.value); setProgramId(''); }}>
              <option value="">Not chosen</option>
              {(portfolios.data ?? []).map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="pp-program">Program</label>
            <select id="pp-program" value={programId} disabled={!portfolioId} onChange={(e) => setProgramId(e.target.value)}>
              <option value="">None</option>
              {inPortfolio.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
          </div>
          <button type="submit" className="btn" disabled={saveHome.isPending}>Save portfolio</button>
          <button type="button" className="btn btn-primary" disabled={create.isPending || proposal.gateState === 'stopped'} onClick={() => create.mutate()}>Create project now</button>
          <FormError error={saveHome.error ?? create.error} />
        </form>
      ) : (
        proposal.portfolioId && <p className="muted">Portfolio: {portfolios.data?.find((p) => p.id === proposal.portfolioId)?.name ?? '…'}</p>
      )}
    </section>
  );
}
