/** Proposals ranked by score with business case figures and the funding cut-off line for a budget. */
import { Fragment, lazy, Suspense, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { useSession } from '../../api/session';
import { formatMoney, fundingCutoff, parseMoney, sk } from './strategy-api';
import { NewProposalButton } from './new-proposal-dialog';

const BubbleChart = lazy(() => import('./bubble-chart'));

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);

/** The ranked proposals list. */
export function ProposalsPage() {
  const proposals = useQuery({ queryKey: sk.proposals, queryFn: async () => (await ok(api.GET('/api/v1/portfolio/proposals'))).items });
  const [budgetText, setBudgetText] = useState('');
  const [showChart, setShowChart] = useState(true);
  const { user } = useSession();
  const canEdit = Boolean(user && ['admin', 'pmo', 'portfolio_manager'].includes(user.orgRole));
  const budget = parseMoney(budgetText);
  if (proposals.isLoading) return <Loading />;
  if (proposals.error) return <ErrorState error={proposals.error} />;
  const rows = proposals.data ?? [];
  if (rows.length === 0) return <Empty title="No proposals yet.">{canEdit && <NewProposalButton />}</Empty>;
  const cut = budget === null ? rows.length : fundingCutoff(rows.map((p) => p.totalCostCents), budget);
  const funded = new Set(rows.slice(0, cut).map((p) => p.id));
  return (
    <div>
      <div className="st-form">
        <div className="field">
          <label htmlFor="cutoff-budget">Budget for the cut-off line</label>
          <input id="cutoff-budget" inputMode="numeric" value={budgetText} onChange={(e) => setBudgetText(e.target.value)} placeholder="e.g. 800000" />
        </div>
        {budget !== null && <p className="muted" data-testid="cutoff-summary">{cut} of {rows.length} proposals funded in rank order.</p>}
        <span className="spacer" />
        {canEdit && <NewProposalButton />}
      </div>
      <div className="row" role="group" aria-label="View">
        <label><input type="checkbox" checked={showChart} onChange={(e) => setShowChart(e.target.checked)} /> Bubble chart (value × risk × cost)</label>
      </div>
      {showChart && <Suspense fallback={<Loading />}><BubbleChart proposals={rows} funded={funded} /></Suspense>}
      <table className="st-table" aria-label="Proposals ranked by score">
        <thead>
          <tr><th className="num">Rank</th><th>Proposal</th><th className="num">Score</th><th className="num">Risk</th><th className="num">Scorers</th><th className="num">Cost</th><th className="num">NPV</th><th className="num">IRR</th><th className="num">Payback (years)</th><th className="num">BCR</th><th>Stage</th><th>Mandatory</th></tr>
        </thead>
        <tbody>
          {rows.map((p, i) => (
            <Fragment key={p.id}>
              {i === cut && (
                <tr className="st-cutoff" data-testid="funding-cutoff"><td colSpan={12}>Funding cut-off: the proposals below do not fit the budget</td></tr>
              )}
              <tr className={i >= cut ? 'st-unfunded' : undefined}>
                <td className="num">{p.rank ?? '—'}</td>
                <td><Link to={`/strategy/proposals/${p.id}`}>{p.name}</Link></td>
                <td className="num">{p.score === null ? 'not scored' : p.score.toFixed(1)}</td>
                <td className="num">{p.risk === null ? '—' : `${(p.risk * 100).toFixed(0)} %`}</td>
                <td className="num">{p.scorers}</td>
                <td className="num">{formatMoney(p.totalCostCents)}</td>
                <td className="num">{formatMoney(p.businessCase.npvCents)}</td>
                <td className="num">{p.businessCase.irrStatus === 'ok' ? pct(p.businessCase.annualIrr) : 'none'}{p.businessCase.multipleIrr ? ' (ambiguous)' : ''}</td>
                <td className="num">{p.businessCase.paybackYears === null ? 'never' : p.businessCase.paybackYears.toFixed(1)}</td>
                <td className="num">{p.businessCase.benefitCostRatio === null ? '—' : p.businessCase.benefitCostRatio.toFixed(2)}</td>
                <td>{p.stageName}{p.gateState === 'on_hold' ? ' (on hold)' : p.gateState === 'stopped' ? ' (stopped)' : ''}</td>
                <td>{p.mandatory ? 'yes' : ''}</td>
              </tr>
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
