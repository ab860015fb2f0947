/** Proposals (candidate projects): CRUD with dependency checks, business case figures on read, ranking by score. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { DB, ProposalsTable } from '../../db/schema.js';
import { evaluateBusinessCase, type BenefitLine, type CaseEvaluation } from '../../domain/fin/index.js';
import { findDependencyCycle, pruneIntakeAnswers, validateIntakeAnswers, type IntakeAnswers, type IntakeField, type SelectionProblem } from '../../domain/portfolio/index.js';
import { loadIntakeFields } from './intake.service.js';
import { AppError, notFound, versionConflict } from '../../server/errors.js';
import { authorize, type Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import { fromJson, toJson, withDomainErrors } from './portfolio-common.js';
import type { ProposalInput, ProposalResponse } from './portfolio.schemas.js';
import { findModelRow, latestSheets, rescoreSheets, toDomainModel } from './scoring.service.js';
import { assertStage, resolveLifecycle, stageNamer } from './lifecycles.service.js';

type StageNames = Awaited<ReturnType<typeof stageNamer>>;

export type ProposalRow = Selectable<ProposalsTable>;

/** A proposal in plain values (JSON columns parsed, numbers as numbers). */
export interface Proposal {
  id: string;
  name: string;
  description: string;
  projectId: string | null;
  periodsPerYear: number;
  annualDiscountRate: number;
  capexCents: number[];
  opexCents: number[];
  benefits: BenefitLine[];
  demand: Record<string, number[]>;
  earliestStart: number;
  latestStart: number;
  mandatory: boolean;
  dependsOn: string[];
  excludes: string[];
  /** null: the default lifecycle. */
  lifecycleId: string | null;
  stage: string;
  gateState: 'active' | 'on_hold' | 'stopped';
  intake: IntakeAnswers;
  /** First day of the business case's period 0 (YYYY-MM-DD), null when not set. */
  startDate: string | null;
  portfolioId: string | null;
  programId: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** Parses a stored row. */
export function toProposal(r: ProposalRow): Proposal {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    projectId: r.project_id,
    periodsPerYear: r.periods_per_year,
    annualDiscountRate: Number(r.annual_discount_rate),
    capexCents: fromJson(r.capex_cents),
    opexCents: fromJson(r.opex_cents),
    benefits: fromJson(r.benefits),
    demand: fromJson(r.demand),
    earliestStart: r.earliest_start,
    latestStart: r.latest_start,
    mandatory: r.mandatory,
    dependsOn: fromJson(r.depends_on),
    excludes: fromJson(r.excludes),
    lifecycleId: r.lifecycle_id,
    stage: r.stage,
    gateState: r.gate_state,
    intake: fromJson(r.intake),
    startDate: r.start_date,
    portfolioId: r.portfolio_id,
    programId: r.program_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

const finite = (v: number | null): number | null => (v === null || !Number.isFinite(v) ? null : v);

/** The parts of a proposal its business case is made of. */
export type BusinessCaseInput = Pick<Proposal, 'periodsPerYear' | 'annualDiscountRate' | 'capexCents' | 'opexCents' | 'benefits'>;

const businessCaseOf = (p: BusinessCaseInput) => ({
  periodsPerYear: p.periodsPerYear,
  annualDiscountRate: p.annualDiscountRate,
  costs: [
    { kind: 'capex' as const, amountsCents: p.capexCents },
    { kind: 'opex' as const, amountsCents: p.opexCents },
  ],
  benefits: p.benefits,
});

/** The API figures of one evaluated case: NPV, IRR (reported as undefined, never thrown), payback, BCR, ROI. */
function figuresOf(c: CaseEvaluation, periodsPerYear: number): ProposalResponse['businessCase'] {
  const irr = c.irr;
  return {
    npvCents: Math.round(c.npvCents),
    pvCostCents: Math.round(c.pvCostCents),
    pvBenefitCents: Math.round(c.pvBenefitCents),
    totalCostCents: c.totalCostCents,
    totalBenefitCents: c.totalBenefitCents,
    irrStatus: irr.status,
    irrReason: irr.status === 'undefined' ? irr.reason : null,
    annualIrr: finite(c.annualIrr),
    irrRoots: irr.status === 'ok' ? irr.roots.map((r) => (1 + r) ** periodsPerYear - 1).filter(Number.isFinite) : [],
    multipleIrr: irr.status === 'ok' && irr.multipleRoots,
    paybackYears: finite(c.paybackYears),
    discountedPaybackYears: finite(c.discountedPaybackYears),
    benefitCostRatio: finite(c.benefitCostRatio),
    roi: finite(c.roi),
    payback: c.payback.paidBack ? { paidBack: true, periods: c.payback.periods } : { paidBack: false },
  };
}

/** NPV, IRR, payback and BCR of the likely case (expected benefits). */
export function computeFigures(p: Proposal): ProposalResponse['businessCase'] {
  return figuresOf(withDomainErrors(() => evaluateBusinessCase(businessCaseOf(p)).likely), p.periodsPerYear);
}

/**
 * The best, likely and worst cases (DEFAULT_CASE_ASSUMPTIONS: best = costs -10 %, benefits +10 % in full; likely =
 * expected benefits; worst = costs +20 %, benefits -20 % of expected) and the benefits per category: total,
 * probability, expected (x probability) and its present value at the proposal's discount rate.
 */
export function computeCases(p: BusinessCaseInput) {
  const e = withDomainErrors(() => evaluateBusinessCase(businessCaseOf(p)));
  const rate = Math.pow(1 + p.annualDiscountRate, 1 / p.periodsPerYear) - 1;
  const byCategory = new Map<string, { category: string; totalCents: number; expectedCents: number; pvExpectedCents: number; lines: number }>();
  for (const b of p.benefits) {
    const row = byCategory.get(b.category) ?? { category: b.category, totalCents: 0, expectedCents: 0, pvExpectedCents: 0, lines: 0 };
    b.amountsCents.forEach((v, i) => {
      row.totalCents += v;
      row.expectedCents += v * b.probability;
      row.pvExpectedCents += (v * b.probability) / Math.pow(1 + rate, i);
    });
    row.lines++;
    byCategory.set(b.category, row);
  }
  return {
    cases: { best: figuresOf(e.best, p.periodsPerYear), likely: figuresOf(e.likely, p.periodsPerYear), worst: figuresOf(e.worst, p.periodsPerYear) },
    benefitsByCategory: [...byCategory.values()].map((r) => ({
      category: r.category,
      totalCents: r.totalCents,
      expectedCents: Math.round(r.expectedCents),
      pvExpectedCents: Math.round(r.pvExpectedCents),
      /** The expected share of the total: the probability, weighted by amount when a category has several lines. */
      probability: r.totalCents > 0 ? r.expectedCents / r.totalCents : 0,
    })),
  };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Code and name of the projects proposals are linked to (proposals are read by portfolio-wide roles, who see every project). */
export type LinkedProjects = Map<string, { id: string; code: string; name: string }>;

/** The linked projects of the given proposals, by id. */
export async function loadLinkedProjects(db: Kysely<DB>, proposals: Pick<Proposal, 'projectId'>[]): Promise<LinkedProjects> {
  const ids = [...new Set(proposals.map((p) => p.projectId).filter((id): id is string => id !== null))];
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('projects').select(['id', 'code', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** The API view of a proposal with its score (mean of the latest sheet per scorer) and rank. */
export function presentProposal(p: Proposal, score: { mean: number | null; scorers: number; rank: number | null; risk?: number | null }, stages: StageNames, intakeFields: IntakeField[], projects: LinkedProjects): ProposalResponse {
  const st = stages(p.lifecycleId, p.stage);
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    projectId: p.projectId,
    project: p.projectId ? (projects.get(p.projectId) ?? null) : null,
    startDate: p.startDate,
    portfolioId: p.portfolioId,
    programId: p.programId,
    periodsPerYear: p.periodsPerYear,
    annualDiscountRate: p.annualDiscountRate,
    capexCents: p.capexCents,
    opexCents: p.opexCents,
    benefits: p.benefits,
    demand: p.demand,
    earliestStart: p.earliestStart,
    latestStart: p.latestStart,
    mandatory: p.mandatory,
    dependsOn: p.dependsOn,
    excludes: p.excludes,
    lifecycleId: st.lifecycleId,
    stage: p.stage,
    stageName: st.stageName,
    gateState: p.gateState,
    intake: pruneIntakeAnswers(intakeFields, p.intake),
    totalCostCents: sum(p.capexCents) + sum(p.opexCents),
    businessCase: computeFigures(p),
    score: score.mean,
    ...riskOf(p, score.risk),
    scorers: score.scorers,
    rank: score.rank,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    version: p.version,
  };
}

/** Every proposal, parsed. */
export async function loadProposals(db: Kysely<DB>): Promise<Proposal[]> {
  return (await db.selectFrom('proposals').selectAll().orderBy('name').orderBy('id').execute()).map(toProposal);
}

/** The model used when none is named: the most recently changed one (null when there is none). */
export async function defaultModelId(db: Kysely<DB>, requested?: string): Promise<string | null> {
  if (requested) {
    const m = await db.selectFrom('scoring_models').select('id').where('id', '=', requested).executeTakeFirst();
    if (!m) throw notFound('scoring model');
    return m.id;
  }
  const m = await db.selectFrom('scoring_models').select('id').orderBy('updated_at', 'desc').orderBy('id').executeTakeFirst();
  return m?.id ?? null;
}

/**
 * Mean total of the latest sheet per scorer, per proposal, under one model as it is now (sheets are rescored from
 * their answers, so changed weights count at once; a sheet that no longer fits the model is left out).
 */
export async function meanScores(db: Kysely<DB>, modelId: string | null): Promise<Map<string, { mean: number; scorers: number; risk: number | null }>> {
  const out = new Map<string, { mean: number; scorers: number; risk: number | null }>();
  if (!modelId) return out;
  const model = toDomainModel(await findModelRow(db, modelId));
  // Risk-like criteria are the lower-is-better ones; their position on the scale (0 best .. 1 worst) is the risk.
  const lower = new Set(model.criteria.filter((c) => c.direction === 'lower-better').map((c) => c.id));
  const acc = new Map<string, { totals: number[]; risks: number[] }>();
  for (const s of rescoreSheets(model, await latestSheets(db, modelId))) {
    if (!s.now) continue;
    const a = acc.get(s.proposal_id) ?? { totals: [], risks: [] };
    a.totals.push(s.now.total);
    const rs = s.now.criteria.filter((c) => lower.has(c.criterionId)).map((c) => 1 - c.normalized);
    if (rs.length) a.risks.push(sum(rs) / rs.length);
    acc.set(s.proposal_id, a);
  }
  for (const [id, a] of acc) out.set(id, { mean: sum(a.totals) / a.totals.length, scorers: a.totals.length, risk: a.risks.length ? sum(a.risks) / a.risks.length : null });
  return out;
}

/**
 * The proposal's risk, 0 (none) .. 1: from its scorers' answers on the model's lower-is-better criteria when there
 * are any, else the uncertainty of its benefits (1 - expected / full benefits); null with neither.
 */
function riskOf(p: Proposal, scored: number | null | undefined): { risk: number | null; riskSource: 'criteria' | 'benefits' | null } {
  if (scored !== null && scored !== undefined) return { risk: scored, riskSource: 'criteria' };
  const full = sum(p.benefits.map((b) => sum(b.amountsCents)));
  if (full <= 0) return { risk: null, riskSource: null };
  const expected = sum(p.benefits.map((b) => sum(b.amountsCents) * b.probability));
  return { risk: 1 - expected / full, riskSource: 'benefits' };
}

/** The three cases of a business case that is not saved (the editor's preview): figures only, nothing written. */
export function previewBusinessCase(actor: Actor, input: BusinessCaseInput): ReturnType<typeof computeCases> {
  authorize(actor, 'read', { kind: 'strategy', area: 'proposal' });
  return computeCases(input);
}

/** Proposals ranked by score under the model (unscored last, then by name). */
export async function listProposals(db: Kysely<DB>, actor: Actor, scoringModelId?: string): Promise<ProposalResponse[]> {
  authorize(actor, 'read', { kind: 'strategy', area: 'proposal' });
  const modelId = await defaultModelId(db, scoringModelId);
  const scores = await meanScores(db, modelId);
  const all = await loadProposals(db);
  const ranked = [...all].sort((a, b) => (scores.get(b.id)?.mean ?? -Infinity) - (scores.get(a.id)?.mean ?? -Infinity) || a.name.localeCompare(b.name));
  let rank = 0;
  const stages = await stageNamer(db);
  const fields = await loadIntakeFields(db);
  const projects = await loadLinkedProjects(db, all);
  return ranked.map((p) => {
    const s = scores.get(p.id);
    return presentProposal(p, { mean: s?.mean ?? null, scorers: s?.scorers ?? 0, rank: s ? ++rank : null, risk: s?.risk }, stages, fields, projects);
  });
}

/** One proposal (score under the default model, no rank) with all three cases and the benefits per category. */
export async function getProposal(db: Kysely<DB>, actor: Actor, id: string): Promise<ProposalResponse> {
  authorize(actor, 'read', { kind: 'strategy', area: 'proposal' });
  const row = await db.selectFrom('proposals').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('proposal');
  const s = (await meanScores(db, await defaultModelId(db))).get(id);
  const p = toProposal(row);
  return { ...presentProposal(p, { mean: s?.mean ?? null, scorers: s?.scorers ?? 0, rank: null, risk: s?.risk }, await stageNamer(db), await loadIntakeFields(db), await loadLinkedProjects(db, [p])), ...computeCases(p) };
}

/** Checks references (project, other proposals), the start window and that dependencies stay acyclic. */
async function checkProposal(tx: Kysely<DB>, next: Proposal, portfolioGiven: boolean): Promise<void> {
  if (next.latestStart < next.earliestStart) throw new AppError(422, 'invalid_start_window', 'latestStart is before earliestStart');
  if (next.projectId) {
    const p = await tx.selectFrom('projects').select('id').where('id', '=', next.projectId).executeTakeFirst();
    if (!p) throw new AppError(422, 'invalid_reference', 'the linked project does not exist');
  }
  await checkHome(tx, next, portfolioGiven);
  const refs = [...next.dependsOn, ...next.excludes];
  if (refs.includes(next.id)) throw new AppError(422, 'invalid_reference', 'a proposal cannot depend on or exclude itself');
  const overlap = next.dependsOn.filter((d) => next.excludes.includes(d));
  if (overlap.length) throw new AppError(422, 'invalid_reference', 'a proposal cannot both depend on and exclude the same proposal');
  const others = (await loadProposals(tx)).filter((p) => p.id !== next.id);
  const known = new Set(others.map((p) => p.id));
  const missing = refs.filter((r) => !known.has(r));
  if (missing.length) throw new AppError(422, 'invalid_reference', `unknown proposal ${missing.join(', ')}`);
  const all = [...others, next];
  const names = new Map(all.map((p) => [p.id, p.name]));
  const cycle = findDependencyCycle({ candidates: all.map((p) => ({ id: p.id, dependsOn: p.dependsOn })) } as unknown as SelectionProblem);
  if (cycle) throw new AppError(422, 'cyclic_dependency', `dependencies form a cycle: ${cycle.map((id) => `"${names.get(id) ?? id}"`).join(' -> ')}`);
  withDomainErrors(() => computeFigures(next));
}

/**
 * Checks the proposal's portfolio and program: a program sets the portfolio to its own unless a portfolio was given
 * with it in the same request, in which case they must agree (422 program_not_in_portfolio).
 */
async function checkHome(tx: Kysely<DB>, next: Proposal, portfolioGiven: boolean): Promise<void> {
  if (next.portfolioId) {
    const pf = await tx.selectFrom('portfolios').select('id').where('id', '=', next.portfolioId).executeTakeFirst();
    if (!pf) throw new AppError(422, 'invalid_reference', 'the portfolio does not exist');
  }
  if (next.programId) {
    const pg = await tx.selectFrom('programs').select('portfolio_id').where('id', '=', next.programId).executeTakeFirst();
    if (!pg) throw new AppError(422, 'invalid_reference', 'the program does not exist');
    if (portfolioGiven && next.portfolioId && pg.portfolio_id !== next.portfolioId) throw new AppError(422, 'program_not_in_portfolio', 'the program belongs to another portfolio');
    next.portfolioId = pg.portfolio_id;
  }
}

const auditView = (p: Proposal) => {
  const { createdAt: _c, updatedAt: _u, version: _v, id: _i, gateState: _g, ...rest } = p;
  return rest;
};

function toRow(p: Proposal) {
  return {
    name: p.name,
    description: p.description,
    project_id: p.projectId,
    periods_per_year: p.periodsPerYear,
    annual_discount_rate: p.annualDiscountRate,
    capex_cents: toJson(p.capexCents),
    opex_cents: toJson(p.opexCents),
    benefits: toJson(p.benefits),
    demand: toJson(p.demand),
    earliest_start: p.earliestStart,
    latest_start: p.latestStart,
    mandatory: p.mandatory,
    depends_on: toJson(p.dependsOn),
    excludes: toJson(p.excludes),
    intake: toJson(p.intake),
    start_date: p.startDate,
    portfolio_id: p.portfolioId,
    program_id: p.programId,
  };
}

function merge(base: Proposal, input: ProposalInput): Proposal {
  const pick = <K extends keyof Proposal & keyof ProposalInput>(k: K) => (input[k] === undefined ? base[k] : (input[k] as Proposal[K]));
  return {
    ...base,
    name: input.name ?? base.name,
    description: pick('description'),
    projectId: input.projectId === undefined ? base.projectId : input.projectId,
    periodsPerYear: pick('periodsPerYear'),
    annualDiscountRate: pick('annualDiscountRate'),
    capexCents: pick('capexCents'),
    opexCents: pick('opexCents'),
    benefits: input.benefits === undefined ? base.benefits : input.benefits.map((b) => ({ category: b.category, amountsCents: b.amountsCents, probability: b.probability })),
    demand: pick('demand'),
    earliestStart: pick('earliestStart'),
    latestStart: input.latestStart ?? (input.earliestStart !== undefined ? Math.max(input.earliestStart, base.latestStart) : base.latestStart),
    mandatory: pick('mandatory'),
    dependsOn: [...new Set(pick('dependsOn'))],
    excludes: [...new Set(pick('excludes'))],
    startDate: input.startDate === undefined ? base.startDate : input.startDate,
    portfolioId: input.portfolioId === undefined ? base.portfolioId : input.portfolioId,
    // Moving to another portfolio drops a program of the old one (unless a program comes with it).
    programId: input.programId !== undefined ? input.programId : input.portfolioId !== undefined && input.portfolioId !== base.portfolioId ? null : base.programId,
  };
}

/** Creates a proposal; references, start window and dependency cycles are checked first (422, nothing saved). */
export async function createProposal(db: Kysely<DB>, actor: Actor, input: ProposalInput & { name: string; lifecycleId?: string }): Promise<ProposalResponse> {
  authorize(actor, 'create', { kind: 'strategy', area: 'proposal' });
  const now = new Date();
  const { lifecycleId, ...fields } = input;
  const loaded = await loadIntakeFields(db);
  const base: Proposal = { id: randomUUID(), name: input.name, description: '', projectId: null, periodsPerYear: 12, annualDiscountRate: 0.08, capexCents: [], opexCents: [], benefits: [], demand: {}, earliestStart: 0, latestStart: 0, mandatory: false, dependsOn: [], excludes: [], lifecycleId: lifecycleId ?? null, stage: '', gateState: 'active', intake: {}, startDate: null, portfolioId: null, programId: null, createdAt: now, updatedAt: now, version: 1 };
  const next = merge(base, fields);
  await db.transaction().execute(async (tx) => {
    // Every proposal answers the intake form as it stands (required fields included).
    next.intake = withDomainErrors(() => validateIntakeAnswers(loaded, fields.intake ?? {}));
    // A new proposal starts in the first stage of its lifecycle and moves on only through gate decisions.
    const lifecycle = await resolveLifecycle(tx, lifecycleId, { persist: lifecycleId !== undefined });
    next.stage = lifecycle.definition.stages[0]!.key;
    assertStage(lifecycle, next.stage);
    await checkProposal(tx, next, fields.portfolioId !== undefined);
    await tx.insertInto('proposals').values({ id: next.id, ...toRow(next), lifecycle_id: next.lifecycleId, stage: next.stage }).execute();
    await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'proposal', entityId: next.id, projectId: next.projectId, after: auditView(next), version: 1 });
  });
  return getProposal(db, actor, next.id);
}

/** Updates a proposal at `version` (409 otherwise), with the same checks as create. */
export async function updateProposal(db: Kysely<DB>, actor: Actor, id: string, version: number, input: ProposalInput): Promise<ProposalResponse> {
  authorize(actor, 'update', { kind: 'strategy', area: 'proposal' });
  await db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('proposals').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('proposal');
    const before = toProposal(row);
    const next = merge(before, input);
    if (input.intake !== undefined) {
      const form = await loadIntakeFields(tx);
      next.intake = withDomainErrors(() => validateIntakeAnswers(form, { ...pruneIntakeAnswers(form, before.intake), ...input.intake }));
    }
    await checkProposal(tx, next, input.portfolioId !== undefined);
    const r = await tx.updateTable('proposals').set({ ...toRow(next), version: before.version + 1, updated_at: new Date() }).where('id', '=', id).where('version', '=', version).returning('version').executeTakeFirst();
    if (!r) throw versionConflict('the proposal');
    await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'proposal', entityId: id, projectId: next.projectId, before: auditView(before), after: auditView(next), version: r.version });
  });
  return getProposal(db, actor, id);
}

/** Deletes a proposal at `version`; refuses (409) while other proposals depend on or exclude it. */
export async function deleteProposal(db: Kysely<DB>, actor: Actor, id: string, version: number): Promise<void> {
  authorize(actor, 'delete', { kind: 'strategy', area: 'proposal' });
  await db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('proposals').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('proposal');
    const users = (await loadProposals(tx)).filter((p) => p.dependsOn.includes(id) || p.excludes.includes(id));
    if (users.length) throw new AppError(409, 'proposal_referenced', `"${users[0]!.name}" depends on or excludes this proposal`);
    const d = await tx.deleteFrom('proposals').where('id', '=', id).where('version', '=', version).returning('id').executeTakeFirst();
    if (!d) throw versionConflict('the proposal');
    await recordChange(tx, { actorId: actor.userId, action: 'deleted', entityType: 'proposal', entityId: id, projectId: row.project_id, before: auditView(toProposal(row)) });
  });
}
