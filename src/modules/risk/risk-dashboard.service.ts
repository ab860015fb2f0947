/**
 * Portfolio risk dashboard (heat map, exposure roll-up, top risks) and the exposure trend. The numbers are sums
 * of the exposure totals that every risk write keeps up to date in its own transaction (risk-totals.service.ts),
 * counting each exposure once: an escalated risk whose open higher-level risk is in the same view is carried by
 * that risk (selectCountedRisks). See docs/risk.md, "Dashboard design".
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { authorize, type Actor } from '../../server/policy.js';
import { binRiskHeatMap, emptyTotals, summarizeCells, type ExposureTotals, type RiskMatrix, type ViewKind } from '../../domain/risk/index.js';
import * as repo from './risk-dashboard.repo.js';
import { ensureRiskTotals } from './risk-totals.service.js';
import { loadRiskMatrix } from './risk.present.js';
import { todayUtc } from './risk.access.js';
import type { DashboardQuery, SnapshotBody, TrendQuery } from './risk.schemas.js';

const readDashboard = (actor: Actor) => authorize(actor, 'read', { kind: 'risk', level: 'portfolio', projectRole: null });

/** Heat map (counts per cell), exposure by project/program/portfolio/category/level and the top risks (portfolio-wide roles). */
export async function riskDashboard(db: Kysely<DB>, actor: Actor, q: z.output<typeof DashboardQuery>) {
  readDashboard(actor);
  await ensureRiskTotals(db);
  const { matrix } = await loadRiskMatrix(db);
  const rows = await repo.dashboardRows(db, { portfolioId: q.portfolioId, programId: q.programId, basis: q.basis, groupBy: q.groupBy, top: q.top, groupLimit: q.groupLimit });
  const grid = binRiskHeatMap(matrix, [], q.basis);
  grid.cells.forEach((cell, k) => (cell.count = rows.cells[k] ?? 0));
  return {
    basis: q.basis,
    groupBy: q.groupBy,
    riskCount: rows.riskCount,
    openCount: rows.openCount,
    countedCount: rows.countedCount,
    carriedCount: rows.openCount - rows.countedCount,
    threatEmvCents: rows.threatEmvCents,
    opportunityEmvCents: rows.opportunityEmvCents,
    netExposureCents: rows.threatEmvCents - rows.opportunityEmvCents,
    groupCount: rows.groups[0]?.group_count ?? 0,
    heatMap: { basis: q.basis, probabilityLevels: grid.probabilityLevels, impactLevels: grid.impactLevels, cells: grid.cells.map(({ riskIds: _ids, ...c }) => c) },
    exposure: rows.groups.map((g) => ({
      key: g.key,
      name: g.name,
      riskCount: g.n,
      threatCount: g.t,
      opportunityCount: g.n - g.t,
      threatEmvCents: Number(g.te),
      opportunityEmvCents: Number(g.oe),
      netExposureCents: Number(g.te) - Number(g.oe),
      ...summarizeCells(matrix, g.cells),
    })),
    topRisks: rows.top.map((t) => ({ id: t.id, title: t.title, level: t.level, category: t.category, projectId: t.project_id, projectName: t.project_name, score: t.score, rating: t.rating, emvCents: Number(t.emv), escalatedFromCount: t.linked })),
  };
}

const VARIANT: Record<ViewKind, 'all' | 'pf' | 'pg'> = { all: 'all', portfolio: 'pf', program: 'pg' };

/** Sums scope totals per organisation, portfolio and program (each with its own counted variant) into snapshot rows. */
function snapshotRows(matrix: RiskMatrix, totals: Awaited<ReturnType<typeof repo.listScopeTotals>>, asOf: string): repo.SnapshotInsert[] {
  const cellCount = matrix.probabilityLevels.length * matrix.impactLevels.length;
  const sums = new Map<string, { scope: ViewKind; key: string; basis: 'inherent' | 'residual'; t: ExposureTotals }>();
  for (const row of totals) {
    const keys: Array<[ViewKind, string | null]> = [['all', ''], ['portfolio', row.portfolio_id], ['program', row.program_id]];
    for (const [scope, key] of keys) {
      if (key === null) continue;
      const id = `${scope}/${key}/${row.basis}`;
      let e = sums.get(id);
      if (!e) sums.set(id, (e = { scope, key, basis: row.basis, t: emptyTotals(cellCount) }));
      const v = VARIANT[scope];
      const c = e.t.counted[scope];
      e.t.allCount += row.all_count;
      e.t.openCount += row.open_count;
      c.count += row[`n_${v}`];
      c.threatCount += row[`threats_${v}`];
      c.threatEmvCents += Number(row[`threat_emv_${v}`]);
      c.opportunityEmvCents += Number(row[`opp_emv_${v}`]);
      row[`cells_${v}`].forEach((n, k) => (c.cells[k] = (c.cells[k] ?? 0) + n));
    }
  }
  return [...sums.values()].map(({ scope, key, basis, t }) => {
    const c = t.counted[scope];
    const s = summarizeCells(matrix, c.cells);
    return {
      as_of: asOf, scope, scope_key: key, basis, all_count: t.allCount, open_count: t.openCount, risk_count: c.count, threat_count: c.threatCount,
      opportunity_count: c.count - c.threatCount, threat_emv_cents: c.threatEmvCents, opportunity_emv_cents: c.opportunityEmvCents,
      net_exposure_cents: c.threatEmvCents - c.opportunityEmvCents, rating_counts: JSON.stringify(s.ratingCounts), ratings: JSON.stringify(Object.keys(s.ratingCounts)),
      max_score: s.maxScore, total_score: s.totalScore,
    };
  });
}

/** Takes (or retakes) the exposure snapshot of a day for every view; returns the rows written. For the job queue. */
export async function writeSnapshots(db: Kysely<DB>, asOf: string): Promise<number> {
  await ensureRiskTotals(db);
  return db.transaction().execute(async (tx) => {
    const { matrix } = await loadRiskMatrix(tx);
    const rows = snapshotRows(matrix, await repo.listScopeTotals(tx), asOf);
    await repo.upsertSnapshots(tx, rows);
    return rows.length;
  });
}

/** Takes the exposure snapshot of a day for the organisation, every portfolio and every program (portfolio editors; for a nightly cron). */
export async function takeExposureSnapshots(db: Kysely<DB>, actor: Actor, body: z.output<typeof SnapshotBody>) {
  authorize(actor, 'create', { kind: 'risk', level: 'portfolio', projectRole: null });
  const asOf = body.asOf ?? todayUtc();
  return { asOf, rows: await writeSnapshots(db, asOf) };
}

/**
 * Exposure over time for a view (a program, else a portfolio, else the organisation): one point per stored
 * snapshot day from `from` (default 180 days ago). The first trend view of a day takes that day's snapshot
 * when no cron has, so the trend grows while anyone looks at it.
 */
export async function exposureTrend(db: Kysely<DB>, actor: Actor, q: z.output<typeof TrendQuery>) {
  readDashboard(actor);
  const today = todayUtc();
  const scope = q.programId ? { scope: 'program' as const, key: q.programId } : q.portfolioId ? { scope: 'portfolio' as const, key: q.portfolioId } : { scope: 'all' as const, key: '' };
  if (!(await repo.hasSnapshot(db, today))) await writeSnapshots(db, today);
  const from = q.from ?? new Date(Date.parse(`${today}T00:00:00Z`) - 180 * 86_400_000).toISOString().slice(0, 10);
  const rows = await repo.listSnapshots(db, { ...scope, basis: q.basis, from, to: q.to ?? today });
  return {
    scope: scope.scope,
    scopeId: scope.key || null,
    basis: q.basis,
    points: rows.map((r) => ({
      asOf: r.as_of,
      riskCount: r.all_count,
      openCount: r.open_count,
      countedCount: r.risk_count,
      threatEmvCents: Number(r.threat_emv_cents),
      opportunityEmvCents: Number(r.opportunity_emv_cents),
      netExposureCents: Number(r.net_exposure_cents),
      maxScore: r.max_score,
      ratingCounts: r.rating_counts as Record<string, number>,
    })),
  };
}
