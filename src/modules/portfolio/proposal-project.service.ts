/**
 * A proposal becomes a project: when a go decision moves it into its lifecycle's project stage (gates.service), or
 * by the explicit "create project" action of a portfolio editor. The project (name, description, portfolio or
 * program, dates from the business case), its draft original budget from the business case (through the finance
 * module's service), copies of the proposal's strategic objective links (same weights) and the proposal's link to it
 * are written in the caller's transaction with their audit rows. The proposal keeps its own objective links as the
 * record of what was approved; objective alignment counts the initiative once, through the project.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { budgetLinesFromBusinessCase, projectDatesFromBusinessCase } from '../../domain/portfolio/index.js';
import { AppError, notFound, versionConflict } from '../../server/errors.js';
import { authorize, can, type Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import { createBudgetVersionInTransaction } from '../finance/budgets.service.js';
import { createProjectInTransaction } from '../projects/projects.service.js';
import { copyProposalLinksInTransaction } from './objectives.service.js';
import { withDomainErrors } from './portfolio-common.js';
import type { ProposalProjectResponse } from './portfolio.schemas.js';
import { getProposal, toProposal, type Proposal } from './proposals.service.js';

/** Budget category of the lines taken from a business case (its costs are capex and opex, not by category). */
export const BUSINESS_CASE_BUDGET_CATEGORY = 'other';

/** What converting a proposal wrote. */
export interface ProposalConversion {
  projectId: string;
  portfolioId: string;
  programId: string | null;
  budgetVersionId: string | null;
  /** Why no budget was made, when none was. */
  budgetNote: string | null;
  /** How many of the proposal's objective links were copied to the project. */
  objectiveLinks: number;
}

/**
 * Where the project goes: the override, else the proposal's portfolio (a program brings its own), else the only
 * portfolio there is. Several portfolios and none chosen: 422 portfolio_required (the decision is refused whole).
 */
async function resolveHome(tx: Kysely<DB>, p: Proposal, override: { portfolioId?: string; programId?: string | null }): Promise<{ portfolioId: string; programId: string | null }> {
  const programId = override.programId !== undefined ? override.programId : override.portfolioId !== undefined && override.portfolioId !== p.portfolioId ? null : p.programId;
  let portfolioId = override.portfolioId ?? null;
  if (!portfolioId && programId) {
    const pg = await tx.selectFrom('programs').select('portfolio_id').where('id', '=', programId).executeTakeFirst();
    if (!pg) throw new AppError(422, 'invalid_reference', 'the program does not exist');
    portfolioId = pg.portfolio_id;
  }
  portfolioId ??= p.portfolioId;
  if (!portfolioId) {
    const all = await tx.selectFrom('portfolios').select('id').limit(2).execute();
    if (all.length !== 1) {
      throw new AppError(422, 'portfolio_required', `choose the portfolio "${p.name}" will belong to before it becomes a project (set it on the proposal)`);
    }
    portfolioId = all[0]!.id;
  }
  return { portfolioId, programId };
}

/**
 * Creates the project of a proposal in `tx` (the proposal row itself is left to the caller, who links it in its own
 * update): the project in `stage` of the proposal's lifecycle, the proposal's objective links copied to it, and, when
 * the business case has a start date and costs and the actor may create budgets, a draft original budget of its costs
 * per month.
 */
export async function createProjectForProposal(tx: Kysely<DB>, actor: Actor, p: Proposal, opts: { stage: string; portfolioId?: string; programId?: string | null }): Promise<ProposalConversion> {
  const home = await resolveHome(tx, p, opts);
  const dates = p.startDate ? withDomainErrors(() => projectDatesFromBusinessCase({ startDate: p.startDate!, periodsPerYear: p.periodsPerYear, capexCents: p.capexCents, opexCents: p.opexCents, demand: p.demand })) : null;
  const projectId = await createProjectInTransaction(tx, actor, {
    name: p.name,
    description: p.description,
    portfolioId: home.portfolioId,
    programId: home.programId,
    stage: opts.stage,
    ...(p.lifecycleId ? { lifecycleId: p.lifecycleId } : {}),
    status: 'on_track',
    health: 'green',
    startDate: dates?.startDate ?? null,
    finishDate: dates?.finishDate ?? null,
  });
  const objectiveLinks = await copyProposalLinksInTransaction(tx, actor, p.id, projectId);
  let budgetVersionId: string | null = null;
  let budgetNote: string | null = null;
  const lines = p.startDate ? withDomainErrors(() => budgetLinesFromBusinessCase({ startDate: p.startDate!, periodsPerYear: p.periodsPerYear, capexCents: p.capexCents, opexCents: p.opexCents }, BUSINESS_CASE_BUDGET_CATEGORY)) : [];
  if (!p.startDate) budgetNote = 'the business case has no start date, so its costs cannot be placed in months: no budget was made';
  else if (lines.length === 0) budgetNote = 'the business case has no costs: no budget was made';
  else if (!can(actor, 'create', { kind: 'finance', area: 'budget', projectRole: null })) budgetNote = 'you may not create budgets: finance can add the original budget';
  else {
    budgetVersionId = await createBudgetVersionInTransaction(tx, actor, projectId, { kind: 'original', note: `From the business case of the proposal "${p.name}"`, lines });
  }
  return { projectId, ...home, budgetVersionId, budgetNote, objectiveLinks };
}

/**
 * The explicit "create project" action (portfolio editors): the proposal at `version` (428 without, 409 when stale)
 * becomes a project in its current stage; 409 when it is already linked to a project or was stopped at a gate.
 */
export async function createProjectFromProposal(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  version: number | null,
  input: { portfolioId?: string; programId?: string | null },
): Promise<ProposalProjectResponse> {
  authorize(actor, 'update', { kind: 'strategy', area: 'proposal' });
  authorize(actor, 'create', { kind: 'project-new' });
  if (version === null) throw new AppError(428, 'precondition_required', 'send the proposal version in If-Match (or as "version")');
  const done = await db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('proposals').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound('proposal');
    if (row.version !== version) throw versionConflict('the proposal');
    const p = toProposal(row);
    if (p.projectId) throw new AppError(409, 'proposal_has_project', `"${p.name}" is already linked to a project`);
    if (p.gateState === 'stopped') throw new AppError(409, 'subject_stopped', `"${p.name}" was stopped at a gate; it cannot become a project`);
    const c = await createProjectForProposal(tx, actor, p, { stage: p.stage, ...input });
    await linkProposal(tx, actor, p, c, {});
    return c;
  });
  const project = await db.selectFrom('projects').select(['id', 'code', 'name', 'stage', 'start_date', 'finish_date']).where('id', '=', done.projectId).executeTakeFirstOrThrow();
  return {
    project: { id: project.id, code: project.code, name: project.name, stage: project.stage, startDate: project.start_date, finishDate: project.finish_date },
    budgetVersionId: done.budgetVersionId,
    budgetNote: done.budgetNote,
    proposal: await getProposal(db, actor, id),
  };
}

/**
 * Links the proposal to its new project (and records where it went) at the proposal's version, with `extra` columns
 * of the caller (a gate decision's new stage), and writes the proposal's audit row.
 */
export async function linkProposal(
  tx: Kysely<DB>,
  actor: Actor,
  p: Proposal,
  c: ProposalConversion,
  extra: { stage?: string; gate_state?: 'active' | 'on_hold' | 'stopped' },
  auditExtra: Record<string, unknown> = {},
): Promise<number> {
  const r = await tx
    .updateTable('proposals')
    .set({ project_id: c.projectId, portfolio_id: c.portfolioId, program_id: c.programId, ...extra, version: p.version + 1, updated_at: new Date() })
    .where('id', '=', p.id)
    .where('version', '=', p.version)
    .returning('version')
    .executeTakeFirst();
  if (!r) throw versionConflict('the proposal');
  await recordChange(tx, {
    actorId: actor.userId,
    action: 'updated',
    entityType: 'proposal',
    entityId: p.id,
    projectId: c.projectId,
    before: { projectId: null, portfolioId: p.portfolioId, programId: p.programId, ...(extra.stage ? { stage: p.stage, gateState: p.gateState } : {}) },
    after: { projectId: c.projectId, portfolioId: c.portfolioId, programId: c.programId, budgetVersionId: c.budgetVersionId, objectiveLinks: c.objectiveLinks, ...(extra.stage ? { stage: extra.stage, gateState: extra.gate_state } : {}), ...auditExtra },
    version: r.version,
  });
  return r.version;
}
