/** Portfolio risk dashboard: heat map, exposure roll-up and top risks, computed with the domain functions. */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { authorize, type Actor } from '../../server/policy.js';
import { binRiskHeatMap, rollUpRiskExposure, selectTopRisks, type RiskAssessment, type RiskEntry } from '../../domain/risk/index.js';
import * as repo from './risk.repo.js';
import { loadRiskMatrix } from './risk.present.js';
import type { DashboardQuery } from './risk.schemas.js';

/** The fields roll-ups, heat maps and rankings read (title is filled in for the top risks only). */
function toRollupEntry(t: repo.RollupTuple): RiskEntry {
  return {
    id: t[0],
    level: t[1],
    projectId: t[2],
    programId: t[3],
    portfolioId: t[4],
    kind: t[5],
    title: '',
    category: t[6],
    status: t[7],
    inherent: t[8] as RiskAssessment,
    residual: (t[9] as RiskAssessment | null) ?? null,
    costImpactCents: t[10] === null ? null : Number(t[10]),
  };
}

/** Heat map (counts per cell), exposure by project/program/portfolio/category/level and the top risks (portfolio-wide roles). */
export async function riskDashboard(db: Kysely<DB>, actor: Actor, q: z.output<typeof DashboardQuery>) {
  authorize(actor, 'read', { kind: 'risk', level: 'portfolio', projectRole: null });
  const [tuples, { matrix }] = await Promise.all([repo.listRisksForRollup(db, { programId: q.programId, portfolioId: q.portfolioId }), loadRiskMatrix(db)]);
  const entries = tuples.map(toRollupEntry);
  const heatMap = binRiskHeatMap(matrix, entries, q.basis);
  const groups = rollUpRiskExposure(matrix, entries, q.groupBy, { basis: q.basis });
  const scoped = q.groupBy === 'project' || q.groupBy === 'program' || q.groupBy === 'portfolio';
  const names = scoped ? await repo.scopeNames(db, q.groupBy as 'project' | 'program' | 'portfolio', groups.flatMap((g) => (g.key ? [g.key] : []))) : new Map<string, string>();
  const exposure = groups.map((g) => ({ ...g, name: g.key === null ? null : scoped ? (names.get(g.key) ?? null) : g.key }));
  const top = selectTopRisks(matrix, entries, q.top, 'score', { basis: q.basis });
  const ids = top.map((t) => t.risk.id);
  const [linked, details] = await Promise.all([
    repo.countEscalatedFrom(db, ids),
    ids.length ? db.selectFrom('risks as r').leftJoin('projects as p', 'p.id', 'r.project_id').select(['r.id', 'r.title', 'p.name as project_name']).where('r.id', 'in', ids).execute() : Promise.resolve([]),
  ]);
  const detailOf = new Map(details.map((d) => [d.id, d]));
  const topRisks = top.map((t) => ({
    id: t.risk.id,
    title: detailOf.get(t.risk.id)?.title ?? '',
    level: t.risk.level,
    category: t.risk.category,
    projectId: t.risk.projectId ?? null,
    projectName: detailOf.get(t.risk.id)?.project_name ?? null,
    score: t.score,
    rating: t.rating,
    emvCents: t.emvCents,
    escalatedFromCount: linked.get(t.risk.id) ?? 0,
  }));
  return {
    basis: q.basis,
    groupBy: q.groupBy,
    riskCount: entries.length,
    openCount: entries.filter((e) => e.status !== 'closed').length,
    // Counts only: a portfolio map can hold tens of thousands of risks; registers list their ids.
    heatMap: { basis: q.basis, probabilityLevels: heatMap.probabilityLevels, impactLevels: heatMap.impactLevels, cells: heatMap.cells.map(({ riskIds: _ids, ...c }) => c) },
    exposure,
    topRisks,
  };
}
