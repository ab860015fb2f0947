/** Use cases of the risk register: list, create, update, delete, history, escalation. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Updateable } from 'kysely';
import type { z } from 'zod';
import type { DB, RisksTable } from '../../db/schema.js';
import { AppError, notFound, versionConflict } from '../../server/errors.js';
import { authorize, seesAllProjects, type Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import { requireProjectAccess } from '../projects/projects.service.js';
import { binRiskHeatMap, validateEscalation, validateRiskEntry } from '../../domain/risk/index.js';
import * as repo from './risk.repo.js';
import { domain, requireRiskAccess, todayUtc } from './risk.access.js';
import { writeWithTotals } from './risk-totals.service.js';
import { auditRisk, figureColumns, loadRiskMatrix, presentRisk, toRiskEntry } from './risk.present.js';
import type { CreateProjectRiskBody, CreateRiskBody, EscalateBody, ListRisksQuery, RiskResponse, UpdateRiskBody } from './risk.schemas.js';

type CreateProjectRisk = z.output<typeof CreateProjectRiskBody>;
type CreateRisk = z.output<typeof CreateRiskBody>;
type UpdateRisk = Omit<z.output<typeof UpdateRiskBody>, 'version'>;

/** Actions grouped by risk id. */
export function groupByRisk<T extends { risk_id: string }>(rows: T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const list = m.get(r.risk_id);
    if (list) list.push(r);
    else m.set(r.risk_id, [r]);
  }
  return m;
}

/** Fields shared by create and update, as columns. */
function columnsOf(input: UpdateRisk): Updateable<RisksTable> {
  const c: Updateable<RisksTable> = {};
  if (input.kind !== undefined) c.kind = input.kind;
  if (input.title !== undefined) c.title = input.title;
  if (input.description !== undefined) c.description = input.description;
  if (input.cause !== undefined) c.cause = input.cause;
  if (input.effect !== undefined) c.effect = input.effect;
  if (input.category !== undefined) c.category = input.category;
  if (input.complianceReference !== undefined) c.compliance_reference = input.complianceReference;
  if (input.ownerId !== undefined) c.owner_id = input.ownerId;
  if (input.inherent !== undefined) c.inherent = JSON.stringify(input.inherent);
  if (input.residual !== undefined) c.residual = input.residual === null ? null : JSON.stringify(input.residual);
  if (input.costImpactCents !== undefined) c.cost_impact_cents = input.costImpactCents;
  if (input.scheduleImpact !== undefined) {
    const s = input.scheduleImpact;
    c.schedule_task_id = s?.taskId ?? null;
    c.schedule_min_minutes = s?.minMinutes ?? null;
    c.schedule_most_likely_minutes = s?.mostLikelyMinutes ?? null;
    c.schedule_max_minutes = s?.maxMinutes ?? null;
  }
  if (input.proximity !== undefined) c.proximity = input.proximity;
  if (input.triggers !== undefined) c.triggers = JSON.stringify(input.triggers);
  if (input.responseStrategy !== undefined) c.response_strategy = input.responseStrategy;
  if (input.reviewDate !== undefined) c.review_date = input.reviewDate;
  if (input.status !== undefined) c.status = input.status;
  return c;
}

async function checkOwner(db: Kysely<DB>, ownerId: string | null | undefined) {
  if (!ownerId) return;
  const u = await db.selectFrom('users').select('active').where('id', '=', ownerId).executeTakeFirst();
  if (!u || !u.active) throw new AppError(422, 'invalid_reference', 'the owner is not an active user');
}

async function checkScheduleTask(db: Kysely<DB>, projectId: string | null, input: UpdateRisk) {
  const s = input.scheduleImpact;
  if (!s) return;
  if (!projectId) throw new AppError(422, 'invalid_reference', 'only project risks can have a schedule impact on a task');
  const t = await db.selectFrom('tasks').select('id').where('id', '=', s.taskId).where('project_id', '=', projectId).executeTakeFirst();
  if (!t) throw new AppError(422, 'invalid_reference', 'the schedule impact task is not a task of this project');
}

/** Re-reads a risk and presents it. */
export async function readRisk(db: Kysely<DB>, actor: Actor, id: string): Promise<RiskResponse> {
  const row = await repo.findRisk(db, id);
  if (!row) throw notFound('risk');
  const role = await requireRiskAccess(db, actor, row, 'read');
  const { matrix } = await loadRiskMatrix(db);
  const actions = await repo.listActions(db, [id]);
  return presentRisk(row, matrix, actions, actor, role, todayUtc());
}

/**
 * Validates the row that would be written (scales, strategy, compliance reference) before writing and returns
 * its figure columns (cell, score, rating, EMV on both bases), which are written in the same statement.
 */
async function validateRow(db: Kysely<DB>, row: Parameters<typeof toRiskEntry>[0]) {
  const { matrix } = await loadRiskMatrix(db);
  const entry = toRiskEntry(row);
  domain(() => validateRiskEntry(matrix, entry));
  return figureColumns(matrix, entry);
}

async function insertValidated(tx: Kysely<DB>, actor: Actor, row: Omit<Parameters<typeof repo.insertRisk>[1], keyof ReturnType<typeof figureColumns>> & { level: RisksTable['level'] }) {
  const now = new Date();
  const candidate = {
    description: '', cause: '', effect: '', triggers: '[]', version: 1, created_at: now, updated_at: now, compliance_reference: null, owner_id: null, residual: null,
    cost_impact_cents: null, schedule_task_id: null, schedule_min_minutes: null, schedule_most_likely_minutes: null, schedule_max_minutes: null, proximity: null,
    response_strategy: null, review_date: null, escalated_to_risk_id: null, project_id: null, program_id: null, portfolio_id: null,
    ...row,
  };
  const figures = await validateRow(tx, { ...candidate, inherent: JSON.parse(candidate.inherent as string), residual: candidate.residual ? JSON.parse(candidate.residual as string) : null, triggers: JSON.parse(candidate.triggers as string) } as never);
  const inserted = await repo.insertRisk(tx, { ...row, ...figures });
  await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'risk', entityId: inserted.id, projectId: inserted.project_id, after: auditRisk(inserted), version: inserted.version });
  return inserted;
}

/**
 * Records a project risk inside `tx` (access, owner and task checks, domain validation, totals, audit) and returns
 * its id; `templateId` marks the library template it came from.
 */
export async function insertProjectRisk(tx: Kysely<DB>, actor: Actor, projectId: string, input: CreateProjectRisk, extra: { templateId?: string } = {}): Promise<string> {
  const role = await requireProjectAccess(tx, actor, projectId, 'read');
  authorize(actor, 'create', { kind: 'risk', level: 'project', projectRole: role });
  await checkOwner(tx, input.ownerId);
  await checkScheduleTask(tx, projectId, input);
  const newId = randomUUID();
  const row = await writeWithTotals(tx, [newId], () =>
    insertValidated(tx, actor, { id: newId, level: 'project', project_id: projectId, kind: input.kind, title: input.title, category: input.category, inherent: JSON.stringify(input.inherent), status: input.status, template_id: extra.templateId ?? null, ...columnsOf(input) } as never),
  );
  return row.id;
}

/** Creates a risk in a project's register. */
export async function createProjectRisk(db: Kysely<DB>, actor: Actor, projectId: string, input: CreateProjectRisk): Promise<RiskResponse> {
  const id = await db.transaction().execute((tx) => insertProjectRisk(tx, actor, projectId, input));
  return readRisk(db, actor, id);
}

/** Creates a program, portfolio or enterprise risk. */
export async function createRisk(db: Kysely<DB>, actor: Actor, input: CreateRisk): Promise<RiskResponse> {
  authorize(actor, 'create', { kind: 'risk', level: input.level, projectRole: null });
  const id = await db.transaction().execute(async (tx) => {
    let programId: string | null = null;
    let portfolioId: string | null = null;
    if (input.level === 'program') {
      if (!input.programId) throw new AppError(422, 'invalid_reference', 'a program risk needs programId');
      const pg = await tx.selectFrom('programs').select('id').where('id', '=', input.programId).executeTakeFirst();
      if (!pg) throw new AppError(422, 'invalid_reference', 'the program does not exist');
      programId = input.programId;
    } else if (input.level === 'portfolio') {
      if (!input.portfolioId) throw new AppError(422, 'invalid_reference', 'a portfolio risk needs portfolioId');
      const pf = await tx.selectFrom('portfolios').select('id').where('id', '=', input.portfolioId).executeTakeFirst();
      if (!pf) throw new AppError(422, 'invalid_reference', 'the portfolio does not exist');
      portfolioId = input.portfolioId;
    }
    await checkOwner(tx, input.ownerId);
    await checkScheduleTask(tx, null, input);
    const newId = randomUUID();
    const row = await writeWithTotals(tx, [newId], () => insertValidated(tx, actor, { id: newId, level: input.level, program_id: programId, portfolio_id: portfolioId, kind: input.kind, title: input.title, category: input.category, inherent: JSON.stringify(input.inherent), status: input.status, ...columnsOf(input) } as never));
    return row.id;
  });
  return readRisk(db, actor, id);
}

/** Updates a risk if `version` is current; the audit row keeps before and after (the history). */
export async function updateRisk(db: Kysely<DB>, actor: Actor, id: string, version: number, patch: UpdateRisk): Promise<RiskResponse> {
  await db.transaction().execute(async (tx) => {
    const before = await repo.findRiskRow(tx, id);
    if (!before) throw notFound('risk');
    await requireRiskAccess(tx, actor, before, 'update');
    if (patch.ownerId !== undefined) await checkOwner(tx, patch.ownerId);
    await checkScheduleTask(tx, before.project_id, patch);
    const cols = columnsOf(patch);
    const merged = { ...before, ...cols };
    const figures = await validateRow(tx, {
      ...merged,
      inherent: typeof merged.inherent === 'string' ? JSON.parse(merged.inherent) : merged.inherent,
      residual: typeof merged.residual === 'string' ? JSON.parse(merged.residual) : merged.residual,
      triggers: typeof merged.triggers === 'string' ? JSON.parse(merged.triggers) : merged.triggers,
    } as never);
    // A higher-level risk's status decides whether the risks escalated to it are carried: they move too.
    const updated = await writeWithTotals(tx, [id], () => repo.updateRisk(tx, id, version, { ...cols, ...figures }), { withDescendants: before.level !== 'project' });
    if (!updated) throw versionConflict('the risk');
    await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'risk', entityId: id, projectId: updated.project_id, before: auditRisk(before), after: auditRisk(updated), version: updated.version });
  });
  return readRisk(db, actor, id);
}

/** Deletes a risk (its actions go with it; risks escalated to it lose the link). */
export async function deleteRisk(db: Kysely<DB>, actor: Actor, id: string, version: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const before = await repo.findRiskRow(tx, id);
    if (!before) throw notFound('risk');
    await requireRiskAccess(tx, actor, before, 'delete');
    const deleted = await writeWithTotals(tx, [id], () => repo.deleteRisk(tx, id, version), { withDescendants: before.level !== 'project' });
    if (!deleted) throw versionConflict('the risk');
    await recordChange(tx, { actorId: actor.userId, action: 'deleted', entityType: 'risk', entityId: id, projectId: deleted.project_id, before: auditRisk(deleted) });
  });
}

/** A project's register with its heat map. */
export async function listProjectRisks(db: Kysely<DB>, actor: Actor, projectId: string, basis: 'inherent' | 'residual') {
  const role = await requireProjectAccess(db, actor, projectId, 'read');
  authorize(actor, 'read', { kind: 'risk', level: 'project', projectRole: role });
  const rows = await repo.listProjectRisks(db, projectId);
  const { matrix } = await loadRiskMatrix(db);
  const actions = await repo.listActions(db, rows.map((r) => r.id));
  const today = todayUtc();
  const byRisk = groupByRisk(actions);
  const items = rows.map((r) => presentRisk(r, matrix, byRisk.get(r.id) ?? [], actor, role, today));
  const heatMap = binRiskHeatMap(matrix, rows.map(toRiskEntry), basis);
  return { items, heatMap: { basis, ...heatMap } };
}

/** Risks across registers (portfolio-wide roles only). */
export async function listRisks(db: Kysely<DB>, actor: Actor, q: z.output<typeof ListRisksQuery>) {
  if (!seesAllProjects(actor)) authorize(actor, 'read', { kind: 'risk', level: 'enterprise', projectRole: null });
  const rows = await repo.listRisks(db, { level: q.level, projectId: q.projectId, programId: q.programId, portfolioId: q.portfolioId, status: q.status, limit: q.limit });
  const { matrix } = await loadRiskMatrix(db);
  const actions = await repo.listActions(db, rows.map((r) => r.id));
  const byRisk = groupByRisk(actions);
  const today = todayUtc();
  return { items: rows.map((r) => presentRisk(r, matrix, byRisk.get(r.id) ?? [], actor, null, today)) };
}

/** Field-level history of a risk from its audit rows. */
export async function riskHistory(db: Kysely<DB>, actor: Actor, id: string) {
  const row = await repo.findRiskRow(db, id);
  if (!row) throw notFound('risk');
  await requireRiskAccess(db, actor, row, 'read');
  const rows = await repo.listRiskHistory(db, id);
  return rows.map((a) => {
    const before = (a.before ?? {}) as Record<string, unknown>;
    const after = (a.after ?? {}) as Record<string, unknown>;
    const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    const changes = fields.filter((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null)).map((f) => ({ field: f, from: before[f] ?? null, to: after[f] ?? null }));
    return { id: String(a.id), at: a.at.toISOString(), actorName: a.actor_name ?? null, action: a.action, changes };
  });
}

/**
 * Escalates a risk to a higher register: links it to an existing higher-level risk (many risks may share
 * one), or creates the target at `level` with the source's assessment. Cycles and non-upward links -> 422.
 */
export async function escalateRisk(db: Kysely<DB>, actor: Actor, id: string, body: z.output<typeof EscalateBody>): Promise<RiskResponse> {
  await db.transaction().execute(async (tx) => {
    const source = await repo.findRiskRow(tx, id);
    if (!source) throw notFound('risk');
    await requireRiskAccess(tx, actor, source, 'update');
    let targetId = body.targetRiskId;
    if (targetId) {
      const target = await repo.findRiskRow(tx, targetId);
      if (!target) throw new AppError(422, 'invalid_reference', 'the target risk does not exist');
      await requireRiskAccess(tx, actor, target, 'read');
      const chain = await repo.escalationChain(tx, targetId);
      const nodes = [{ id: source.id, level: source.level, escalatedToRiskId: source.escalated_to_risk_id }, ...chain.filter((n) => n.id !== source.id).map((n) => ({ id: n.id, level: n.level, escalatedToRiskId: n.escalated_to_risk_id }))];
      domain(() => validateEscalation(nodes, source.id, targetId!));
    } else {
      const level = body.level!;
      domain(() => validateEscalation([{ id: source.id, level: source.level, escalatedToRiskId: source.escalated_to_risk_id }, { id: 'new', level }], source.id, 'new'));
      authorize(actor, 'create', { kind: 'risk', level, projectRole: null });
      let programId: string | null = null;
      let portfolioId: string | null = null;
      if (level !== 'enterprise') {
        const scope = await tx
          .selectFrom('risks as r')
          .leftJoin('projects as p', 'p.id', 'r.project_id')
          .leftJoin('programs as pg', 'pg.id', 'r.program_id')
          .select(['p.program_id as project_program', 'p.portfolio_id as project_portfolio', 'r.program_id', 'r.portfolio_id', 'pg.portfolio_id as program_portfolio'])
          .where('r.id', '=', id)
          .executeTakeFirstOrThrow();
        programId = scope.project_program ?? scope.program_id;
        portfolioId = scope.project_portfolio ?? scope.program_portfolio ?? scope.portfolio_id;
        if (level === 'program' && !programId) throw new AppError(422, 'invalid_reference', 'the risk has no program to escalate to');
        if (level === 'program') portfolioId = null;
        else programId = null;
      }
      const targetNewId = randomUUID();
      const created = await writeWithTotals(tx, [targetNewId], () => insertValidated(tx, actor, {
        id: targetNewId, level, program_id: programId, portfolio_id: portfolioId, kind: source.kind, title: body.title ?? source.title, description: source.description,
        cause: source.cause, effect: source.effect, category: source.category, compliance_reference: source.compliance_reference, owner_id: source.owner_id,
        inherent: JSON.stringify(source.inherent), residual: source.residual === null ? null : JSON.stringify(source.residual), cost_impact_cents: source.cost_impact_cents,
        proximity: source.proximity, triggers: JSON.stringify(source.triggers ?? []), response_strategy: source.response_strategy === 'escalate' ? null : source.response_strategy,
        review_date: source.review_date, status: 'open',
      } as never));
      targetId = created.id;
    }
    if (source.escalated_to_risk_id === targetId) return;
    // The risk and every risk below it get a new chain above them: their carried flags change.
    const updated = await writeWithTotals(tx, [id], () => repo.updateRisk(tx, id, source.version, { escalated_to_risk_id: targetId }), { withDescendants: true });
    if (!updated) throw versionConflict('the risk');
    await recordChange(tx, { actorId: actor.userId, action: 'escalated', entityType: 'risk', entityId: id, projectId: source.project_id, before: auditRisk(source), after: auditRisk(updated), version: updated.version });
  });
  return readRisk(db, actor, id);
}

/**
 * Removes a risk's escalation link (the higher-level risk stays, with one linked risk fewer); `version` is
 * the risk's. Needs the right to change the risk and the higher-level register (portfolio editors). 409 `not_escalated` when there is no link. The audit row (action `de-escalated`) keeps the
 * link that was removed.
 */
export async function removeEscalation(db: Kysely<DB>, actor: Actor, id: string, version: number): Promise<RiskResponse> {
  await db.transaction().execute(async (tx) => {
    const source = await repo.findRiskRow(tx, id);
    if (!source) throw notFound('risk');
    await requireRiskAccess(tx, actor, source, 'update');
    if (!source.escalated_to_risk_id) throw new AppError(409, 'not_escalated', 'the risk is not escalated to another risk');
    // The higher register owns an escalated risk: taking it back is a change to that register too.
    const target = await repo.findRiskRow(tx, source.escalated_to_risk_id);
    if (target) authorize(actor, 'update', { kind: 'risk', level: target.level, projectRole: null });
    const updated = await writeWithTotals(tx, [id], () => repo.updateRisk(tx, id, version, { escalated_to_risk_id: null }), { withDescendants: true });
    if (!updated) throw versionConflict('the risk');
    await recordChange(tx, { actorId: actor.userId, action: 'de-escalated', entityType: 'risk', entityId: id, projectId: source.project_id, before: auditRisk(source), after: auditRisk(updated), version: updated.version });
  });
  return readRisk(db, actor, id);
}
