/**
 * Portfolio strategy additions to the route walk and the bad-input property test (both use
 * test/api/route-fixtures.ts, which calls these): the ids the strategy paths need, a valid body for each of
 * their writing routes, and the strategy routes any signed-in user may call.
 */
import type { TestContext } from '../helpers.js';
import { json } from '../helpers.js';

export interface StrategyWalk {
  projectId: string;
  lifecycleId: string;
  gateReviewId: string;
  objectiveId: string;
  keyResultId: string;
  objectiveLinkId: string;
}

/** Creates a spare lifecycle and opens a gate review on the world's project (as the admin). */
export async function buildStrategyWalk(ctx: TestContext, w: { projectId: string }): Promise<StrategyWalk> {
  const inject = async (method: 'POST' | 'GET', url: string, payload?: object) => {
    const res = await ctx.app.inject({ method, url: `/api/v1${url}`, headers: ctx.admin.auth, ...(payload ? { payload } : {}) });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return json(res);
  };
  const lifecycle = await inject('POST', '/lifecycles', { key: 'walk', name: 'Walk lifecycle', definition: WALK_LIFECYCLE });
  const review = await inject('POST', `/projects/${w.projectId}/gate-reviews`);
  const objective = await inject('POST', '/portfolio/objectives', { name: 'Walk objective' });
  const withKr = await inject('POST', `/portfolio/objectives/${objective.id}/key-results`, { name: 'Walk key result', target: 10 });
  const withLink = await inject('POST', `/portfolio/objectives/${objective.id}/links`, { projectId: w.projectId, contributionWeight: 1 });
  return { projectId: w.projectId, lifecycleId: lifecycle.id, gateReviewId: review.id, objectiveId: objective.id, keyResultId: withKr.keyResults[0].id, objectiveLinkId: withLink.links[0].id };
}

const WALK_LIFECYCLE = {
  stages: [{ key: 'idea', name: 'Idea' }, { key: 'done', name: 'Done' }],
  gates: [{ key: 'finish', name: 'Finish', from: 'idea', to: 'done', criteria: [{ id: 'ok', kind: 'check', label: 'OK' }], approvals: ['pmo'] }],
};

/** Fills the strategy path parameters (before the core fillPath). */
export function fillStrategyPath(path: string, s: StrategyWalk): string {
  return path
    .replace('/lifecycles/{id}', `/lifecycles/${s.lifecycleId}`)
    .replace('/gate-reviews/{id}', `/gate-reviews/${s.gateReviewId}`)
    .replace('/portfolio/objectives/{id}', `/portfolio/objectives/${s.objectiveId}`)
    .replace('/portfolio/key-results/{id}', `/portfolio/key-results/${s.keyResultId}`)
    .replace('/portfolio/objective-links/{id}', `/portfolio/objective-links/${s.objectiveLinkId}`)
    .replace('/portfolio/available-capacity', '/portfolio/available-capacity?from=2027-01&periods=3');
}

/** A valid body for each strategy writing route added after the first strategy release. */
export function strategySampleBodies(s: StrategyWalk): Record<string, object | undefined> {
  return {
    'POST /api/v1/portfolio/objectives': { name: 'Another objective' },
    'PATCH /api/v1/portfolio/objectives/{id}': { name: 'Renamed objective', version: 1 },
    'DELETE /api/v1/portfolio/objectives/{id}': undefined,
    'POST /api/v1/portfolio/objectives/{id}/key-results': { name: 'Another key result', target: 5 },
    'PATCH /api/v1/portfolio/key-results/{id}': { actual: 5, version: 1 },
    'DELETE /api/v1/portfolio/key-results/{id}': undefined,
    'POST /api/v1/portfolio/objectives/{id}/links': { projectId: s.projectId },
    'DELETE /api/v1/portfolio/objective-links/{id}': undefined,
    'PUT /api/v1/portfolio/intake-form': { fields: [{ key: 'sponsor', label: 'Sponsor', type: 'text' }], version: 1 },
    'POST /api/v1/portfolio/ahp': { criteria: ['a', 'b'], judgements: [{ a: 'a', b: 'b', value: 2 }] },
    'POST /api/v1/portfolio/business-cases/evaluate': { periodsPerYear: 1, annualDiscountRate: 0.1, capexCents: [1000], benefits: [{ category: 'savings', amountsCents: [0, 800, 800], probability: 0.5 }] },
    'POST /api/v1/portfolio/scoring-models/{id}/ahp': { judgements: [], version: 1 },
    'POST /api/v1/lifecycles': { key: 'walk-two', name: 'Walk two', definition: WALK_LIFECYCLE },
    'PATCH /api/v1/lifecycles/{id}': { name: 'Renamed lifecycle', version: 1 },
    'DELETE /api/v1/lifecycles/{id}': undefined,
    'POST /api/v1/projects/{id}/gate-reviews': undefined,
    'POST /api/v1/portfolio/proposals/{id}/gate-reviews': undefined,
    'POST /api/v1/portfolio/proposals/{id}/project': { version: 1 },
    'PATCH /api/v1/gate-reviews/{id}': { checks: [{ criterionId: 'sponsor', done: true }], version: 1 },
    'POST /api/v1/gate-reviews/{id}/approvals': { role: 'portfolio_manager', verdict: 'approve', comment: '' },
    'POST /api/v1/gate-reviews/{id}/decision': { decision: 'hold', comment: 'Walk hold', version: 1 },
  };
}

/** Strategy routes any signed-in user may call: lifecycles are reference data; the review queue lists what you may see. */
export const STRATEGY_OPEN_TO_ALL = ['GET /api/v1/lifecycles', 'GET /api/v1/lifecycles/{id}', 'GET /api/v1/gate-reviews'];
