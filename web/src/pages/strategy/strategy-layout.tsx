/** The Strategy area: tabs over objectives, proposals, scoring, models, optimiser, scenarios, gates, lifecycles, intake (one lazily loaded chunk). */
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import './strategy.css';
import { ProposalsPage } from './proposals-page';
import { ScoringPage } from './scoring-page';
import { ScoringModelsPage } from './scoring-models-page';
import { OptimizerPage } from './optimizer-page';
import { ScenariosPage } from './scenarios-page';
import { ProposalDetailPage } from './proposal-detail-page';
import { GateQueuePage } from '../gates/gate-queue-page';
import { LifecyclesPage } from '../gates/lifecycles-page';
import { ObjectivesPage } from './objectives-page';
import { IntakeFormPage } from './intake-form-page';

const TABS: [string, string][] = [
  ['objectives', 'Objectives'],
  ['proposals', 'Proposals'],
  ['scoring', 'Scoring'],
  ['models', 'Scoring models'],
  ['optimizer', 'Optimiser'],
  ['scenarios', 'Scenarios'],
  ['gates', 'Gate reviews'],
  ['lifecycles', 'Lifecycles'],
  ['intake', 'Intake form'],
];

/** Routes under /strategy (default export for React.lazy). */
export default function StrategyArea() {
  const current = useLocation().pathname.split('/')[2] ?? 'proposals';
  return (
    <div>
      <h1>Strategy</h1>
      <div className="tabs" role="tablist" aria-label="Strategy views">
        {TABS.map(([key, label]) => (
          <Link key={key} role="tab" aria-selected={current === key} to={`/strategy/${key}`}>{label}</Link>
        ))}
      </div>
      <div role="tabpanel" aria-label={TABS.find(([k]) => k === current)?.[1] ?? 'Proposals'}>
        <Routes>
          <Route index element={<Navigate to="proposals" replace />} />
          <Route path="proposals" element={<ProposalsPage />} />
          <Route path="proposals/:proposalId" element={<ProposalDetailPage />} />
          <Route path="scoring" element={<ScoringPage />} />
          <Route path="models" element={<ScoringModelsPage />} />
          <Route path="optimizer" element={<OptimizerPage />} />
          <Route path="scenarios" element={<ScenariosPage />} />
          <Route path="gates" element={<GateQueuePage />} />
          <Route path="lifecycles" element={<LifecyclesPage />} />
          <Route path="objectives" element={<ObjectivesPage />} />
          <Route path="intake" element={<IntakeFormPage />} />
          <Route path="*" element={<p>Page not found.</p>} />
        </Routes>
      </div>
    </div>
  );
}
