/**
 * Budget versions (original + approved changes) by month, category and capex/opex, with approval, for a project,
 * a program or a portfolio. A version belongs to exactly one of them (a check constraint). Nobody approves or
 * rejects a version they submitted themselves.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError, notFound, versionConflict } from '../../server/errors.js';
import { authorize, type Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import { computeEffectiveBudget, transitionBudgetVersion, type BudgetLine, type BudgetVersion } from '../../domain/finance/index.js';
import { domain, reportingCurrency, requireProjectFinance } from './finance-common.js';
import { loadBudgetRows, loadScopeMonthly, type BudgetOwner } from './budgets.repo.js';

export type { BudgetOwner } from './budgets.repo.js';

/** Every budget version of an owner with its lines (domain shape plus row metadata). */
export async function loadBudgetVersions(db: Kysely<DB>, owner: BudgetOwner | string) {
  const o: BudgetOwner = typeof owner === 'string' ? { scope: 'project', id: owner } : owner;
  const { versions, lines } = await loadBudgetRows(db, o);
  return versions.map((v) => ({
    id: v.id,
    scope: o.scope,
    ownerId: o.id,
    versionNo: v.version_no,
    kind: v.kind,
    status: v.status,
    currency: v.currency.trim(),
    note: v.note,
    submittedBy: v.submitted_by,
    decidedBy: v.decided_by,
    version: v.version,
    lines: lines.filter((l) => l.budget_version_id === v.id).map((l): BudgetLine => ({ month: l.month, category: l.category, expenditure: l.expenditure, amountMinor: Number(l.amount_minor) })),
  }));
}

/** The budget in force, or nothing before an original is approved. */
export function effectiveBudget(versions: BudgetVersion[]): BudgetLine[] {
  return versions.some((v) => v.kind === 'original' && v.status === 'approved') ? computeEffectiveBudget(versions) : [];
}

/**
 * Authorises a budget action on an owner: project budgets follow the project (404 when hidden); program and
 * portfolio budgets are read by portfolio-wide roles and written by officers and portfolio editors.
 */
async function requireOwner(db: Kysely<DB>, actor: Actor, owner: BudgetOwner, action: 'read' | 'create' | 'update', area: 'budget' | 'budget-approval') {
  if (owner.scope === 'project') {
    const role = await requireProjectFinance(db, actor, owner.id, 'read', 'budget');
    if (action !== 'read') authorize(actor, action, { kind: 'finance', area, projectRole: role });
    return;
  }
  const table = owner.scope === 'program' ? 'programs' : 'portfolios';
  const row = await db.selectFrom(table).select('id').where('id', '=', owner.id).executeTakeFirst();
  if (!row) throw notFound(owner.scope);
  authorize(actor, action, { kind: 'finance', area: area === 'budget-approval' ? 'budget-approval' : 'portfolio-budget', projectRole: null });
}

/**
 * The versions and the effective budget (approved original + approved changes); for a program or portfolio also
 * the budgets and actual cost of its projects by month, so its own budget can be compared with what they add up to.
 */
export async function listBudget(db: Kysely<DB>, actor: Actor, owner: BudgetOwner | string) {
  const o: BudgetOwner = typeof owner === 'string' ? { scope: 'project', id: owner } : owner;
  await requireOwner(db, actor, o, 'read', 'budget');
  const versions = await loadBudgetVersions(db, o);
  const effective = await domain(async () => effectiveBudget(versions as BudgetVersion[]));
  const totalMinor = effective.reduce((s, l) => s + l.amountMinor, 0);
  const currency = await reportingCurrency(db);
  if (o.scope === 'project') return { scope: o.scope, ownerId: o.id, currency, versions, effective, totalMinor, months: null, projects: null };
  const own = new Map<string, number>();
  for (const l of effective) own.set(l.month, (own.get(l.month) ?? 0) + l.amountMinor);
  const { projects, budgetByMonth, actualByMonth } = await loadScopeMonthly(db, o);
  const months = [...new Set([...own.keys(), ...budgetByMonth.keys(), ...actualByMonth.keys()])].sort().map((month) => ({
    month, budgetMinor: own.get(month) ?? 0, projectsBudgetMinor: budgetByMonth.get(month) ?? 0, actualMinor: actualByMonth.get(month) ?? 0,
  }));
  return {
    scope: o.scope, ownerId: o.id, currency, versions, effective, totalMinor, months,
    projects: { count: projects, budgetMinor: months.reduce((s, m) => s + m.projectsBudgetMinor, 0), actualMinor: months.reduce((s, m) => s + m.actualMinor, 0) },
  };
}

/** Input of a new budget version. */
export interface BudgetVersionInput {
  kind: 'original' | 'change';
  currency?: string;
  note?: string;
  lines: BudgetLine[];
}

/** Creates a draft version (`original` once, then `change` versions holding deltas). */
export async function createBudgetVersion(db: Kysely<DB>, actor: Actor, owner: BudgetOwner | string, input: BudgetVersionInput) {
  const o: BudgetOwner = typeof owner === 'string' ? { scope: 'project', id: owner } : owner;
  const id = await db.transaction().execute((tx) => createBudgetVersionInTransaction(tx, actor, o, input));
  return (await loadBudgetVersions(db, o)).find((v) => v.id === id)!;
}

/**
 * The create-budget-version use case inside the caller's transaction (e.g. a proposal becoming a project brings
 * its business case as the draft original budget): authorises, checks, inserts, writes the audit row. Returns the
 * version's id.
 */
export async function createBudgetVersionInTransaction(tx: Kysely<DB>, actor: Actor, owner: BudgetOwner | string, input: BudgetVersionInput): Promise<string> {
  const o: BudgetOwner = typeof owner === 'string' ? { scope: 'project', id: owner } : owner;
  await requireOwner(tx, actor, o, 'create', 'budget');
  // Serialise version numbering per owner.
  const ownerTable = o.scope === 'project' ? 'projects' : o.scope === 'program' ? 'programs' : 'portfolios';
  await tx.selectFrom(ownerTable).select('id').where('id', '=', o.id).forUpdate().execute();
  const existing = (await loadBudgetRows(tx, o)).versions;
  if (input.kind === 'original' && existing.some((v) => v.kind === 'original' && v.status !== 'rejected')) throw new AppError(409, 'original_exists', `the ${o.scope} already has an original budget; add a change version`);
  if (input.kind === 'change' && !existing.some((v) => v.kind === 'original' && v.status === 'approved')) throw new AppError(409, 'no_approved_original', 'approve the original budget before adding changes');
  const reporting = await reportingCurrency(tx);
  const currency = input.currency ?? reporting;
  if (currency !== reporting) throw new AppError(422, 'currency_not_reporting', `budgets are kept in the reporting currency ${reporting}`);
  checkLines(input.kind, input.lines);
  const id = randomUUID();
  const versionNo = Math.max(0, ...existing.map((v) => v.version_no)) + 1;
  const ownerCols = { project_id: o.scope === 'project' ? o.id : null, program_id: o.scope === 'program' ? o.id : null, portfolio_id: o.scope === 'portfolio' ? o.id : null };
  await tx.insertInto('budget_versions').values({ id, ...ownerCols, version_no: versionNo, kind: input.kind, currency, note: input.note ?? '' }).execute();
  if (input.lines.length) {
    await tx.insertInto('budget_lines').values(input.lines.map((l) => ({ budget_version_id: id, project_id: ownerCols.project_id, month: l.month, category: l.category, expenditure: l.expenditure, amount_minor: l.amountMinor }))).execute();
  }
  await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'budget_version', entityId: id, projectId: ownerCols.project_id, after: { scope: o.scope, ownerId: o.id, versionNo, kind: input.kind, lines: input.lines.length }, version: 1 });
  return id;
}

/** Validates the lines of a version: no cell twice, no negative amount in an original. */
function checkLines(kind: 'original' | 'change', lines: readonly BudgetLine[]) {
  const seen = new Set<string>();
  lines.forEach((l, i) => {
    const key = `${l.month}|${l.category}|${l.expenditure}`;
    if (seen.has(key)) throw new AppError(422, 'duplicate_budget_line', `lines.${i}: ${key} appears twice`, [{ path: `lines.${i}`, message: 'this month, category and capex/opex appear twice' }]);
    seen.add(key);
    if (kind === 'original' && l.amountMinor < 0) throw new AppError(422, 'negative_budget', `lines.${i}: an original budget line cannot be negative`, [{ path: `lines.${i}.amountMinor`, message: 'must not be negative in an original' }]);
  });
}

/** Replaces the note and lines of a draft version (send its version). */
export async function updateBudgetVersion(db: Kysely<DB>, actor: Actor, versionId: string, version: number, input: { note?: string | undefined; lines?: BudgetLine[] | undefined }) {
  const owner = await db.transaction().execute(async (tx) => {
    const v = await tx.selectFrom('budget_versions').selectAll().where('id', '=', versionId).forUpdate().executeTakeFirst();
    if (!v) throw notFound('budget version');
    const o: BudgetOwner = v.project_id ? { scope: 'project', id: v.project_id } : v.program_id ? { scope: 'program', id: v.program_id } : { scope: 'portfolio', id: v.portfolio_id! };
    await requireOwner(tx, actor, o, 'update', 'budget');
    if (v.version !== version) throw versionConflict('the budget version');
    if (v.status !== 'draft') throw new AppError(409, 'finance_invalid_transition', `a ${v.status} budget version does not change; revise a rejected one or add a change version`);
    if (input.lines) {
      checkLines(v.kind, input.lines);
      await tx.deleteFrom('budget_lines').where('budget_version_id', '=', versionId).execute();
      if (input.lines.length) {
        await tx.insertInto('budget_lines').values(input.lines.map((l) => ({ budget_version_id: versionId, project_id: v.project_id, month: l.month, category: l.category, expenditure: l.expenditure, amount_minor: l.amountMinor }))).execute();
      }
    }
    const row = await tx.updateTable('budget_versions').set((eb) => ({ note: input.note ?? v.note, version: eb('version', '+', 1), updated_at: new Date() })).where('id', '=', versionId).returning('version').executeTakeFirstOrThrow();
    await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'budget_version', entityId: versionId, projectId: v.project_id, after: { scope: o.scope, ownerId: o.id, note: input.note, lines: input.lines?.length }, version: row.version });
    return o;
  });
  return (await loadBudgetVersions(db, owner)).find((v) => v.id === versionId)!;
}

/** submit (editors), approve/reject (portfolio editors and finance, never the submitter), revise (back to draft). */
export async function transitionBudget(db: Kysely<DB>, actor: Actor, versionId: string, version: number, action: 'submit' | 'approve' | 'reject' | 'revise') {
  const owner = await domain(() => db.transaction().execute(async (tx) => {
    const v = await tx.selectFrom('budget_versions').selectAll().where('id', '=', versionId).forUpdate().executeTakeFirst();
    if (!v) throw notFound('budget version');
    const o: BudgetOwner = v.project_id ? { scope: 'project', id: v.project_id } : v.program_id ? { scope: 'program', id: v.program_id } : { scope: 'portfolio', id: v.portfolio_id! };
    const deciding = action === 'approve' || action === 'reject';
    await requireOwner(tx, actor, o, 'update', deciding ? 'budget-approval' : 'budget');
    if (deciding && v.submitted_by === actor.userId) throw new AppError(403, 'own_budget', 'a budget version is approved or rejected by someone other than who submitted it');
    const next = transitionBudgetVersion(v.status, action);
    const row = await tx.updateTable('budget_versions').set((eb) => ({
      status: next,
      decided_by: deciding ? actor.userId : v.decided_by,
      submitted_by: action === 'submit' ? actor.userId : v.submitted_by,
      version: eb('version', '+', 1), updated_at: new Date(),
    })).where('id', '=', versionId).where('version', '=', version).returning('version').executeTakeFirst();
    if (!row) throw versionConflict('the budget version');
    await recordChange(tx, { actorId: actor.userId, action, entityType: 'budget_version', entityId: versionId, projectId: v.project_id, before: { status: v.status }, after: { status: next, scope: o.scope, ownerId: o.id }, version: row.version });
    return o;
  }));
  return (await loadBudgetVersions(db, owner)).find((v) => v.id === versionId)!;
}
