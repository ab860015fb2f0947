/**
 * Risk additions to the route walk (test/api/route-permissions.test.ts) and the bad-input property test: a
 * library template to address, a valid sample body for every risk writing route added after the core fixtures
 * (test/api/route-fixtures.ts keeps the first ones), and the risk routes any authenticated user may call.
 */
import type { TestContext } from '../helpers.js';
import { json } from '../helpers.js';
import type { World } from '../api/route-fixtures.js';

export interface RiskWalkIds {
  templateId: string;
  lifecycleId: string;
}

const TEMPLATE = { title: 'Walk template', category: 'technical', projectTypes: ['walk'], inherent: { probabilityLevel: 2, impacts: { cost: 2 } }, responses: [{ strategy: 'mitigate', description: 'Walk response', effectiveness: 'proven' }] };

/** Creates a library template as the admin. */
export async function buildRiskWalkWorld(ctx: TestContext, w: World): Promise<RiskWalkIds> {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/risk-library', headers: ctx.admin.auth, payload: TEMPLATE });
  if (res.statusCode !== 201) throw new Error(`POST /risk-library: ${res.statusCode} ${res.body}`);
  return { templateId: json(res).id, lifecycleId: w.strategy.lifecycleId };
}

/** Fills the risk path parameters (call before the core fillPath). */
export function fillRiskPath(path: string, r: RiskWalkIds): string {
  return path.replace('/risk-library/{id}', `/risk-library/${r.templateId}`).replace('{lifecycleId}', r.lifecycleId).replace('{itemId}', 'charter');
}

/** A valid body for each risk writing route added after the core fixtures. */
export function riskSampleBodies(r: RiskWalkIds): Record<string, object | undefined> {
  return {
    'DELETE /api/v1/risks/{id}/escalation': undefined,
    'POST /api/v1/risk-exposure/snapshots': { asOf: '2026-03-02' },
    'PUT /api/v1/compliance/checklists/{lifecycleId}': { items: [{ id: 'ok', stage: 'idea', title: 'Walk item', rule: { kind: 'attestation' } }], version: 0 },
    'PUT /api/v1/projects/{id}/compliance/{itemId}': { completedOn: '2026-03-02', evidenceUrls: ['https://docs.example.com/walk.pdf'] },
    'POST /api/v1/projects/{id}/risk-register/reviews': { note: 'Walk review' },
    'POST /api/v1/risk-library': TEMPLATE,
    'PATCH /api/v1/risk-library/{id}': { title: 'Renamed walk template', version: 1 },
    'DELETE /api/v1/risk-library/{id}': undefined,
    'POST /api/v1/risks/{id}/lessons': { projectType: 'walk', responses: TEMPLATE.responses },
    'PUT /api/v1/projects/{id}/risk-profile': { projectType: 'walk', version: 0 },
    'POST /api/v1/projects/{id}/risks/from-template': { templateId: r.templateId },
  };
}

/** Risk routes every signed-in user may call (beyond the core list). */
export const RISK_OPEN_TO_ALL: string[] = ['GET /api/v1/risk-library', 'GET /api/v1/risk-library/{id}', 'GET /api/v1/compliance/checklists', 'GET /api/v1/compliance/checklists/{lifecycleId}'];
