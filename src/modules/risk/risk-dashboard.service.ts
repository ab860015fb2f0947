/** Portfolio risk dashboard: heat map, exposure roll-up and top risks, computed with the domain functions. */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { authorize, type Actor } from '../../server/policy.js';
import { binRiskHeatMap, rollUpRiskExposure, selectTopRisks } from '../../domain/risk/index.js';
import * as repo from './risk.repo.js';
import { loadRiskMatrix } from './risk.present.js';
import type { RiskAssessment, RiskEntry } from '../../domain/risk/index.js';
import type { DashboardQuery } from './risk.schemas.js';

type RollupRow = Awaited<ReturnType<typeof repo.listRisksForRollup>>[number];

/** The fields roll-ups, heat maps and rankings read. */
function toRollupEntry(r: RollupRow): RiskEntry {
  return {
    id: r.id,
    level: r.level,
    projectId: r.project_id,
    programId: r.eff_program_id ?? r.program_id,
    portfolioId: r.eff_portfolio_id ?? r.portfolio_id,
    kind: r.kind,
    title: r.title,
    category: r.category,
    inherent: r.inherent as RiskAssessment,
    residual: (r.residual as RiskAssessment | null) ?? null,
    costImpactCents: r.cost_impact_cents === null ? null : Number(r.cost_impact_cents),
    status: r.status,
    escalatedToRiskId: r.escalated_to_risk_id,
  };
}

/** Heat map, exposure by project/program/portfolio/category/level and the top risks (portfolio-wide roles). */
export async function riskDashboard(db: Kysely<DB>, actor: Actor, q: z.output<typeof DashboardQuery>) {
  authorize(actor, 'read', { kind: 'risk', level: 'portfolio', projectRole: null });
  const [rows, { matrix }] = await Promise.all([repo.listRisksForRollup(db, { programId: q.programId, portfolioId: q.portfolioId }), loadRiskMatrix(db)]);
  const entries = rows.map(toRollupEntry);
  const names = new Map<string, string>();
  for (const r of rows) {
    if (r.project_id && r.project_name) names.set(r.project_id, r.project_name);
    if (r.eff_program_id && r.program_name) names.set(r.eff_program_id, r.program_name);
    if (r.eff_portfolio_id && r.portfolio_name) names.set(r.eff_portfolio_id, r.portfolio_name);
  }
  const heatMap = binRiskHeatMap(matrix, entries, q.basis);
  const exposure = rollUpRiskExposure(matrix, entries, q.groupBy, { basis: q.basis }).map((g) => ({
    ...g,
    name: g.key === null ? null : ['project', 'program', 'portfolio'].includes(q.groupBy) ? (names.get(g.key) ?? null) : g.key,
  }));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const top = selectTopRisks(matrix, entries, q.top, 'score', { basis: q.basis });
  const linked = await repo.countEscalatedFrom(db, top.map((t) => t.risk.id));
  const topRisks = top.map((t) => {
    const r = byId.get(t.risk.id)!;
    return { id: r.id, title: r.title, level: r.level, category: r.category, projectId: r.project_id, projectName: r.project_name ?? null, score: t.score, rating: t.rating, emvCents: t.emvCents, escalatedFromCount: linked.get(r.id) ?? 0 };
  });
  return {
    basis: q.basis,
    groupBy: q.groupBy,
    riskCount: rows.length,
    openCount: rows.filter((r) => r.status !== 'closed').length,
    heatMap: { basis: q.basis, ...heatMap },
    exposure,
    topRisks,
  };
}
