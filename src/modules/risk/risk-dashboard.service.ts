/** Portfolio risk dashboard: heat map, exposure roll-up and top risks, computed with the domain functions. */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { authorize, type Actor } from '../../server/policy.js';
import { binRiskHeatMap, rollUpRiskExposure, selectTopRisks, type RiskAssessment, type RiskEntry } from '../../domain/risk/index.js';
import * as repo from './risk.repo.js';
import { loadRiskMatrix } from './risk.present.js';
import type { DashboardQuery } from './risk.schemas.js';

/**
 * A roll-up tuple as a domain entry. The grouping key goes into the field the grouping reads, and the basis
 * assessment into `inherent` (with no residual), so every basis reads it; the level and category are only
 * used when they are the grouping (the top risks read theirs from the database).
 */
function toRollupEntry(t: repo.RollupTuple, groupBy: repo.RollupKey): RiskEntry {
  const key = t[1];
  return {
    id: t[0],
    level: groupBy === 'level' ? (key as RiskEntry['level']) : 'project',
    projectId: groupBy === 'project' ? key : null,
    programId: groupBy === 'program' ? key : null,
    portfolioId: groupBy === 'portfolio' ? key : null,
    kind: t[2],
    title: '',
    category: groupBy === 'category' ? (key ?? '') : '',
    status: t[3],
    inherent: t[4] as RiskAssessment,
    residual: null,
    costImpactCents: t[5] === null ? null : Number(t[5]),
  };
}

type DashboardResult = Awaited<ReturnType<typeof computeDashboard>>;

/** Recent results per database, keyed by the query; reused while the roll-up stamp is unchanged. */
const cache = new WeakMap<Kysely<DB>, Map<string, { stamp: string; result: DashboardResult }>>();
const CACHE_ENTRIES = 32;

/** Heat map (counts per cell), exposure by project/program/portfolio/category/level and the top risks (portfolio-wide roles). */
export async function riskDashboard(db: Kysely<DB>, actor: Actor, q: z.output<typeof DashboardQuery>, opts: { useCache?: boolean } = {}) {
  authorize(actor, 'read', { kind: 'risk', level: 'portfolio', projectRole: null });
  if (opts.useCache === false) return computeDashboard(db, q);
  const key = JSON.stringify([q.portfolioId, q.programId, q.basis, q.groupBy, q.top, q.groupLimit]);
  const stamp = await repo.rollupStamp(db);
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  const hit = perDb.get(key);
  if (hit && hit.stamp === stamp) return hit.result;
  const result = await computeDashboard(db, q);
  perDb.delete(key);
  perDb.set(key, { stamp, result });
  if (perDb.size > CACHE_ENTRIES) perDb.delete(perDb.keys().next().value!);
  return result;
}

/** Computes the dashboard from the database (no cache). */
async function computeDashboard(db: Kysely<DB>, q: z.output<typeof DashboardQuery>) {  const [tuples, { matrix }] = await Promise.all([repo.listRisksForRollup(db, { programId: q.programId, portfolioId: q.portfolioId, groupBy: q.groupBy, basis: q.basis }), loadRiskMatrix(db)]);
  const entries = tuples.map((t) => toRollupEntry(t, q.groupBy));
  const heatMap = binRiskHeatMap(matrix, entries, 'inherent');
  const groups = rollUpRiskExposure(matrix, entries, q.groupBy, { basis: 'inherent' });
  const scoped = q.groupBy === 'project' || q.groupBy === 'program' || q.groupBy === 'portfolio';
  const shown = groups.slice(0, q.groupLimit);
  const names = scoped ? await repo.scopeNames(db, q.groupBy as 'project' | 'program' | 'portfolio', shown.flatMap((g) => (g.key ? [g.key] : []))) : new Map<string, string>();
  const exposure = shown.map((g) => ({ ...g, name: g.key === null ? null : scoped ? (names.get(g.key) ?? null) : g.key }));
  const top = selectTopRisks(matrix, entries, q.top, 'score', { basis: 'inherent' });
  const ids = top.map((t) => t.risk.id);
  const [linked, details] = await Promise.all([
    repo.countEscalatedFrom(db, ids),
    ids.length ? db.selectFrom('risks as r').leftJoin('projects as p', 'p.id', 'r.project_id').select(['r.id', 'r.title', 'r.level', 'r.category', 'r.project_id', 'p.name as project_name']).where('r.id', 'in', ids).execute() : Promise.resolve([]),
  ]);
  const detailOf = new Map(details.map((d) => [d.id, d]));
  const topRisks = top.flatMap((t) => {
    const d = detailOf.get(t.risk.id);
    return d ? [{ id: d.id, title: d.title, level: d.level, category: d.category, projectId: d.project_id, projectName: d.project_name ?? null, score: t.score, rating: t.rating, emvCents: t.emvCents, escalatedFromCount: linked.get(d.id) ?? 0 }] : [];
  });
  return {
    basis: q.basis,
    groupBy: q.groupBy,
    riskCount: entries.length,
    openCount: entries.filter((e) => e.status !== 'closed').length,
    groupCount: groups.length,
    // Counts only: a portfolio map can hold tens of thousands of risks; registers list their ids.
    heatMap: { basis: q.basis, probabilityLevels: heatMap.probabilityLevels, impactLevels: heatMap.impactLevels, cells: heatMap.cells.map(({ riskIds: _ids, ...c }) => c) },
    exposure,
    topRisks,
  };
}
