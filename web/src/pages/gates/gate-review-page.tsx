/** /gates/:reviewId: one gate review on its own page (criteria status, approvals, decide), for projects and proposals. */
import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { ErrorState, Loading } from '../../ui/states';
import { GateReviewPanel } from './gate-review-panel';
import { gk } from './gates-api';

/** The gate review page (default export for React.lazy). */
export default function GateReviewPage() {
  const { reviewId = '' } = useParams();
  const review = useQuery({ queryKey: gk.review(reviewId), queryFn: () => ok(api.GET('/api/v1/gate-reviews/{id}', { params: { path: { id: reviewId } } })) });
  const lifecycles = useQuery({ queryKey: gk.lifecycles, queryFn: async () => (await ok(api.GET('/api/v1/lifecycles'))).items });
  if (review.isLoading || lifecycles.isLoading) return <Loading label="Loading the gate review…" />;
  if (review.error) return <ErrorState error={review.error} />;
  if (lifecycles.error) return <ErrorState error={lifecycles.error} />;
  const r = review.data!;
  const stages = lifecycles.data?.find((l) => l.id === r.lifecycleId)?.stages ?? [];
  const back = r.subject.kind === 'project' ? `/projects/${r.subject.id}/gates` : `/strategy/proposals/${r.subject.id}`;
  return (
    <div>
      <nav aria-label="Breadcrumb" className="muted"><Link to="/strategy/gates">Gate reviews</Link> / <Link to={back}>{r.subject.name}</Link></nav>
      <h1>Gate review: {r.subject.name}</h1>
      <p className="muted">{r.subject.kind === 'project' ? 'Project' : 'Proposal'} in {r.subject.stageName}.</p>
      <GateReviewPanel review={r} stages={stages} />
    </div>
  );
}
