/**
 * Billing milestones of fixed-price and milestone-billed projects: a name, an amount in the client's currency, an
 * optional due date and schedule task; planned -> achieved (on a date) -> accepted. Achieved and accepted milestones
 * are invoiced once (the billed_items ledger); a billed milestone no longer changes until a credit note releases it.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { BillingMilestonesTable, DB } from '../../db/schema.js';
import { AppError, notFound, versionConflict } from '../../server/errors.js';
import type { Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import { requireProjectFinance } from './finance-common.js';

type Row = Selectable<BillingMilestonesTable>;

/** API view of a billing milestone; `invoiceId` is the invoice that bills it (null: not billed). */
export const presentMilestone = (m: Row, invoiceId: string | null) => ({
  id: m.id, projectId: m.project_id, taskId: m.task_id, name: m.name, amountMinor: Number(m.amount_minor), currency: m.currency.trim(), dueDate: m.due_date,
  status: m.status, achievedOn: m.achieved_on, invoiceId, version: m.version,
});

/** The unreleased invoice billing each milestone. */
async function billedBy(db: Kysely<DB>, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const r = await db.selectFrom('billed_items').select(['source_id', 'invoice_id']).where('source_kind', '=', 'milestone').where('source_id', 'in', ids).where('released_at', 'is', null).execute();
  return new Map(r.map((x) => [x.source_id, x.invoice_id]));
}

export async function listMilestones(db: Kysely<DB>, actor: Actor, projectId: string) {
  await requireProjectFinance(db, actor, projectId, 'read', 'financials');
  const rows = await db.selectFrom('billing_milestones').selectAll().where('project_id', '=', projectId).orderBy(sql`due_date nulls last`).orderBy('created_at').orderBy('id').limit(1000).execute();
  const billed = await billedBy(db, rows.map((r) => r.id));
  return rows.map((r) => presentMilestone(r, billed.get(r.id) ?? null));
}

export interface MilestoneInput {
  name: string;
  amountMinor: number;
  currency?: string | undefined;
  dueDate?: string | null | undefined;
  taskId?: string | null | undefined;
}

/** The project's client currency (milestones are billed in it), or the given one. */
async function milestoneCurrency(tx: Kysely<DB>, projectId: string, given: string | undefined): Promise<string> {
  const c = await tx.selectFrom('project_finance as f').innerJoin('clients as c', 'c.id', 'f.client_id').select('c.currency').where('f.project_id', '=', projectId).executeTakeFirst();
  const client = c?.currency.trim();
  if (given && client && given !== client) throw new AppError(422, 'invoice_currency_mismatch', `the project's client is invoiced in ${client}`, [{ path: 'currency', message: `must be ${client}` }]);
  const currency = given ?? client;
  if (!currency) throw new AppError(422, 'currency_required', 'give the currency (or set the project client first)', [{ path: 'currency', message: 'required without a project client' }]);
  return currency;
}

async function checkTask(tx: Kysely<DB>, projectId: string, taskId: string | null | undefined) {
  if (!taskId) return;
  const t = await tx.selectFrom('tasks').select('id').where('id', '=', taskId).where('project_id', '=', projectId).executeTakeFirst();
  if (!t) throw new AppError(422, 'invalid_task', 'the task is not a task of this project', [{ path: 'taskId', message: 'not a task of this project' }]);
}

/** Adds a planned milestone (project editors: managers, officers, portfolio editors). */
export async function createMilestone(db: Kysely<DB>, actor: Actor, projectId: string, input: MilestoneInput) {
  return db.transaction().execute(async (tx) => {
    await requireProjectFinance(tx, actor, projectId, 'update', 'budget');
    await checkTask(tx, projectId, input.taskId);
    const currency = await milestoneCurrency(tx, projectId, input.currency);
    const row = await tx.insertInto('billing_milestones').values({
      id: randomUUID(), project_id: projectId, task_id: input.taskId ?? null, name: input.name, amount_minor: input.amountMinor, currency, due_date: input.dueDate ?? null,
    }).returningAll().executeTakeFirstOrThrow();
    await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'billing_milestone', entityId: row.id, projectId, after: presentMilestone(row, null), version: 1 });
    return presentMilestone(row, null);
  });
}

export interface MilestonePatch extends Partial<MilestoneInput> {
  status?: 'planned' | 'achieved' | 'accepted' | undefined;
  achievedOn?: string | undefined;
}

/**
 * Changes a milestone: its terms while planned; its status planned -> achieved (with the date, default today) ->
 * accepted (accepting a planned one achieves it too), or back while it is not billed. A billed milestone answers
 * 409 `milestone_billed`.
 */
export async function updateMilestone(db: Kysely<DB>, actor: Actor, id: string, version: number, patch: MilestonePatch, today: string) {
  return db.transaction().execute(async (tx) => {
    const m = await tx.selectFrom('billing_milestones').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!m) throw notFound('billing milestone');
    await requireProjectFinance(tx, actor, m.project_id, 'update', 'budget');
    if (m.version !== version) throw versionConflict('the billing milestone');
    if ((await billedBy(tx, [id])).has(id)) throw new AppError(409, 'milestone_billed', 'the milestone is on an invoice; void the invoice to change it');
    const status = patch.status ?? m.status;
    const termsChange = patch.name !== undefined || patch.amountMinor !== undefined || patch.currency !== undefined || patch.dueDate !== undefined || patch.taskId !== undefined;
    if (termsChange && status !== 'planned') throw new AppError(409, 'milestone_not_planned', 'the terms of an achieved milestone do not change; set it back to planned first');
    if (patch.achievedOn !== undefined && status === 'planned') throw new AppError(422, 'achieved_on_planned', 'a planned milestone has no achievement date', [{ path: 'achievedOn', message: 'only with status achieved or accepted' }]);
    const achievedOn = status === 'planned' ? null : patch.achievedOn ?? m.achieved_on ?? today;
    await checkTask(tx, m.project_id, patch.taskId);
    const currency = patch.currency !== undefined ? await milestoneCurrency(tx, m.project_id, patch.currency) : m.currency.trim();
    const row = await tx.updateTable('billing_milestones').set((eb) => ({
      name: patch.name ?? m.name, amount_minor: patch.amountMinor ?? Number(m.amount_minor), currency, due_date: patch.dueDate === undefined ? m.due_date : patch.dueDate,
      task_id: patch.taskId === undefined ? m.task_id : patch.taskId, status, achieved_on: achievedOn,
      decided_by: status !== m.status ? actor.userId : m.decided_by, version: eb('version', '+', 1), updated_at: new Date(),
    })).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await recordChange(tx, { actorId: actor.userId, action: status !== m.status ? status : 'updated', entityType: 'billing_milestone', entityId: id, projectId: m.project_id, before: presentMilestone(m, null), after: presentMilestone(row, null), version: row.version });
    return presentMilestone(row, null);
  });
}

/** Deletes a milestone that was never billed. */
export async function deleteMilestone(db: Kysely<DB>, actor: Actor, id: string, version: number) {
  await db.transaction().execute(async (tx) => {
    const m = await tx.selectFrom('billing_milestones').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!m) throw notFound('billing milestone');
    await requireProjectFinance(tx, actor, m.project_id, 'update', 'budget');
    if (m.version !== version) throw versionConflict('the billing milestone');
    const ever = await tx.selectFrom('billed_items').select('id').where('source_kind', '=', 'milestone').where('source_id', '=', id).executeTakeFirst();
    if (ever) throw new AppError(409, 'milestone_billed', 'a milestone that was ever invoiced stays for the record');
    await tx.deleteFrom('billing_milestones').where('id', '=', id).execute();
    await recordChange(tx, { actorId: actor.userId, action: 'deleted', entityType: 'billing_milestone', entityId: id, projectId: m.project_id, before: presentMilestone(m, null) });
  });
}
