/** The organisation's risk matrix (scales and rating bands) and per-task three-point estimates. */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { AppError, notFound, versionConflict } from '../../server/errors.js';
import { authorize, type Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import { requireProjectAccess } from '../projects/projects.service.js';
import { validateAssessment, validateRiskMatrix, type RiskAssessment, type RiskMatrix } from '../../domain/risk/index.js';
import { domain } from './risk.access.js';
import { figureColumns, loadRiskMatrix } from './risk.present.js';
import * as repo from './risk.repo.js';
import { rebuildRiskTotalsIn } from './risk-totals.service.js';
import type { EstimateBody, UpdateMatrixBody } from './risk.schemas.js';

/** The matrix every authenticated user scores against. */
export async function getRiskMatrix(db: Kysely<DB>) {
  return loadRiskMatrix(db);
}

/** Replaces the matrix (admins); refused when an existing risk would fall outside the new scales. */
export async function updateRiskMatrix(db: Kysely<DB>, actor: Actor, version: number, body: z.output<typeof UpdateMatrixBody>['matrix']) {
  authorize(actor, 'update', { kind: 'org' });
  const matrix = body as RiskMatrix;
  domain(() => validateRiskMatrix(matrix));
  await db.transaction().execute(async (tx) => {
    const current = await loadRiskMatrix(tx);
    if (current.version !== version) throw versionConflict('the risk matrix');
    const risks = await tx.selectFrom('risks').select(['id', 'kind', 'inherent', 'residual', 'cost_impact_cents']).execute();
    const figures = risks.map((r) =>
      domain(() => {
        validateAssessment(matrix, r.inherent as RiskAssessment, `risk ${r.id} inherent`);
        if (r.residual) validateAssessment(matrix, r.residual as RiskAssessment, `risk ${r.id} residual`);
        const entry = { id: r.id, level: 'project' as const, kind: r.kind, title: '', category: '', status: 'open' as const, inherent: r.inherent as RiskAssessment, residual: r.residual as RiskAssessment | null, costImpactCents: r.cost_impact_cents === null ? null : Number(r.cost_impact_cents) };
        return { id: r.id, ...figureColumns(matrix, entry) };
      }),
    );
    // Scores, ratings and EMVs depend on the matrix: every stored figure changes with it, in this transaction.
    await repo.updateRiskFigures(tx, figures);
    if (current.version === 0) {
      await tx.insertInto('risk_settings').values({ id: 1, matrix: JSON.stringify(matrix) }).execute();
    } else {
      const ok = await tx.updateTable('risk_settings').set((eb) => ({ matrix: JSON.stringify(matrix), version: eb('version', '+', 1), updated_at: new Date() })).where('id', '=', 1).where('version', '=', version).returning('id').executeTakeFirst();
      if (!ok) throw versionConflict('the risk matrix');
    }
    // Cells, EMVs and the number of cells change with the matrix: rebuild the dashboard totals here too.
    await rebuildRiskTotalsIn(tx, matrix);
    await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'risk_matrix', entityId: '1', projectId: null, before: current.matrix, after: matrix, version: version + 1 });
  });
  return loadRiskMatrix(db);
}

const presentEstimate = (e: { task_id: string; min_minutes: number; most_likely_minutes: number; max_minutes: number; distribution: 'triangular' | 'pert' | 'fixed'; version: number }) => ({
  taskId: e.task_id,
  minMinutes: e.min_minutes,
  mostLikelyMinutes: e.most_likely_minutes,
  maxMinutes: e.max_minutes,
  distribution: e.distribution,
  version: e.version,
});

/** Three-point estimates stored for a project's tasks. */
export async function listEstimates(db: Kysely<DB>, actor: Actor, projectId: string) {
  await requireProjectAccess(db, actor, projectId, 'read', 'task');
  const rows = await db.selectFrom('task_estimates as e').innerJoin('tasks as t', 't.id', 'e.task_id').selectAll('e').where('t.project_id', '=', projectId).orderBy('t.sort_order').execute();
  return rows.map(presentEstimate);
}

/** Sets (inserts or replaces) a task's three-point estimate in working minutes. */
export async function putEstimate(db: Kysely<DB>, actor: Actor, taskId: string, e: z.output<typeof EstimateBody>) {
  return db.transaction().execute(async (tx) => {
    const task = await tx.selectFrom('tasks').select(['id', 'project_id', 'is_summary']).where('id', '=', taskId).executeTakeFirst();
    if (!task) throw notFound('task');
    await requireProjectAccess(tx, actor, task.project_id, 'update', 'task');
    if (task.is_summary) throw new AppError(422, 'summary_task', 'summary tasks take their duration from their subtasks; estimate the subtasks');
    const before = await tx.selectFrom('task_estimates').selectAll().where('task_id', '=', taskId).executeTakeFirst();
    const values = { min_minutes: e.minMinutes, most_likely_minutes: e.mostLikelyMinutes, max_minutes: e.maxMinutes, distribution: e.distribution };
    const row = before
      ? await tx.updateTable('task_estimates').set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date() })).where('task_id', '=', taskId).returningAll().executeTakeFirstOrThrow()
      : await tx.insertInto('task_estimates').values({ task_id: taskId, ...values }).returningAll().executeTakeFirstOrThrow();
    await recordChange(tx, { actorId: actor.userId, action: before ? 'updated' : 'created', entityType: 'task_estimate', entityId: taskId, projectId: task.project_id, before: before ? presentEstimate(before) : undefined, after: presentEstimate(row), version: row.version });
    return presentEstimate(row);
  });
}
