/**
 * Risk additions to the route walk (test/api/route-permissions.test.ts) and the bad-input property test: a
 * valid sample body for every risk writing route added after the core fixtures (test/api/route-fixtures.ts
 * keeps the first ones), and the risk routes any authenticated user may call.
 */
import type { World } from '../api/route-fixtures.js';

/** A valid body for each risk writing route added after the core fixtures. */
export function riskSampleBodies(_w: World): Record<string, object | undefined> {
  return {
    'DELETE /api/v1/risks/{id}/escalation': undefined,
    'POST /api/v1/risk-exposure/snapshots': { asOf: '2026-03-02' },
  };
}

/** Risk routes every signed-in user may call (beyond the core list). */
export const RISK_OPEN_TO_ALL: string[] = [];
