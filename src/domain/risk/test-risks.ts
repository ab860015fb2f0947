import type { RiskEntry } from './risk-types.js';

/** Builds a valid project threat for tests; overrides replace fields. */
export function buildRisk(overrides: Partial<RiskEntry> = {}): RiskEntry {
  return {
    id: 'R1',
    level: 'project',
    projectId: 'P1',
    programId: 'G1',
    portfolioId: 'F1',
    kind: 'threat',
    title: 'Supplier late',
    category: 'commercial',
    inherent: { probabilityLevel: 3, impacts: { schedule: 4, cost: 2 } },
    status: 'open',
    ...overrides,
  };
}
