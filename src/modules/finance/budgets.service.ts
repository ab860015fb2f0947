/** Budget versions per project (original + approved changes) by month, category and capex/opex, with approval. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError, notFound, versionConflict } from '../../server/errors.js';
import { authorize, type Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import { computeEffectiveBudget, transitionBudgetVersion, type BudgetLine, type BudgetVersion } from '../../domain/finance/index.js';
import { domain, projectRoleOf, reportingCurrency, requireProjectFinance } from './finance-common.js';

/** Every budget version of a project with its lines (domain shape plus row metadata). */
export async function loadBudgetVersions(db: Kysely<DB>, projectId: string) {
  const versions = await db.selectFrom('budget_versions').selectAll().where('project_id', '=', projectId).orderBy('version_no').execute();
  const lines = versions.length ? await db.selectFrom('budget_lines').selectAll().where('project_id', '=', projectId).orderBy('id').execute() : [];
  return versions.map((v) => ({
    id: v.id,
    versionNo: v.version_no,
    kind: v.kind,
    status: v.status,
    currency: v.currency.trim(),
    note: v.note,
    decidedBy: v.decided_by,
    version: v.version,
    lines: lines.filter((l) => l.budget_version_id === v.id).map((l): BudgetLine => ({ month: l.month, category: l.category, expenditure: l.expenditure, amountMinor: Number(l.amount_minor) })),
  }));
}

/** The budget in force, or nothing before an original is approved. */
export function effectiveBudget(versions: BudgetVersion[]): BudgetLine[] {
  return versions.some((v) => v.kind === 'original' && v.status === 'approved') ? computeEffectiveBudget(versions) : [];
}

/** The versions and the effective budget (approved original + approved changes). */
export async function listBudget(db: Kysely<DB>, actor: Actor, projectId: string) {
  await requireProjectFinance(db, actor, projectId, 'read', 'budget');
  const versions = await loadBudgetVersions(db, projectId);
  const effective = await domain(async () => effectiveBudget(versions as BudgetVersion[]));
  return { versions, effective, totalMinor: effective.reduce((s, l) => s + l.amountMinor, 0) };
}

/** Input of a new budget version. */
export interface BudgetVersionInput {
  kind: 'original' | 'change';
  currency?: string;
  note?: string;
  lines: BudgetLine[];
}

/** Creates a draft version (`original` once, then `change` versions holding deltas). */
export async function createBudgetVersion(db: Kysely<DB>, actor: Actor, projectId: string, input: BudgetVersionInput) {
  const id = await db.transaction().execute((tx) => createBudgetVersionInTransaction(tx, actor, projectId, input));
  return (await loadBudgetVersions(db, projectId)).find((v) => v.id === id)!;
}

/**
 * The create-budget-version use case inside the caller's transaction (e.g. a proposal becoming a project brings
 * its business case as the draft original budget): authorises, checks, inserts, writes the audit row. Returns the
 * version's id.
 */
export async function createBudgetVersionInTransaction(tx: Kysely<DB>, actor: Actor, projectId: string, input: BudgetVersionInput): Promise<string> {
  await requireProjectFinance(tx, actor, projectId, 'create', 'budget');
  await tx.selectFrom('projects').select('id').where('id', '=', projectId).forUpdate().execute();
  const existing = await tx.selectFrom('budget_versions').select(['kind', 'status', 'version_no']).where('project_id', '=', projectId).execute();
  if (input.kind === 'original' && existing.some((v) => v.kind === 'original' && v.status !== 'rejected')) throw new AppError(409, 'original_exists', 'the project already has an original budget; add a change version');
  if (input.kind === 'change' && !existing.some((v) => v.kind === 'original' && v.status === 'approved')) throw new AppError(409, 'no_approved_original', 'approve the original budget before adding changes');
  const currency = input.currency ?? (await reportingCurrency(tx));
  if (currency !== (await reportingCurrency(tx))) throw new AppError(422, 'currency_not_reporting', `budgets are kept in the reporting currency ${await reportingCurrency(tx)}`);
  const seen = new Set<string>();
  input.lines.forEach((l, i) => {
    const key = `${l.month}|${l.category}|${l.expenditure}`;
    if (seen.has(key)) throw new AppError(422, 'duplicate_budget_line', `lines.${i}: ${key} appears twice`);
    seen.add(key);
    if (input.kind === 'original' && l.amountMinor < 0) throw new AppError(422, 'negative_budget', `lines.${i}: an original budget line cannot be negative`);
  });
  const id = randomUUID();
  const versionNo = Math.max(0, ...existing.map((v) => v.version_no)) + 1;
  await tx.insertInto('budget_versions').values({ id, project_id: projectId, version_no: versionNo, kind: input.kind, currency, note: input.note ?? '' }).execute();
  if (input.lines.length) {
    await tx.insertInto('budget_lines').values(input.lines.map((l) => ({ budget_version_id: id, project_id: projectId, month: l.month, category: l.category, expenditure: l.expenditure, amount_minor: l.amountMinor }))).execute();
  }
  await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'budget_version', entityId: id, projectId, after: { versionNo, kind: input.kind, lines: input.lines.length }, version: 1 });
  return id;
}

/** submit (editors), approve/reject (portfolio editors and finance), revise (back to draft). */
export async function transitionBudget(db: Kysely<DB>, actor: Actor, versionId: string, version: number, action: 'submit' | 'approve' | 'reject' | 'revise') {
  const projectId = await domain(() => db.transaction().execute(async (tx) => {
    const v = await tx.selectFrom('budget_versions').selectAll().where('id', '=', versionId).forUpdate().executeTakeFirst();
    if (!v) throw notFound('budget version');
    await requireProjectFinance(tx, actor, v.project_id, 'read', 'budget');
    const role = await projectRoleOf(tx, v.project_id, actor.userId);
    authorize(actor, 'update', { kind: 'finance', area: action === 'approve' || action === 'reject' ? 'budget-approval' : 'budget', projectRole: role });
    const next = transitionBudgetVersion(v.status, action);
    const row = await tx.updateTable('budget_versions').set((eb) => ({ status: next, decided_by: action === 'approve' || action === 'reject' ? actor.userId : v.decided_by, version: eb('version', '+', 1), updated_at: new Date() }))
      .where('id', '=', versionId).where('version', '=', version).returning('version').executeTakeFirst();
    if (!row) throw versionConflict('the budget version');
    await recordChange(tx, { actorId: actor.userId, action, entityType: 'budget_version', entityId: versionId, projectId: v.project_id, before: { status: v.status }, after: { status: next }, version: row.version });
    return v.project_id;
  }));
  return (await loadBudgetVersions(db, projectId)).find((v) => v.id === versionId)!;
}
