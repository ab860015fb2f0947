/** Proposals (candidate projects): CRUD with dependency checks, business case figures on read, ranking by score. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { DB, ProposalsTable } from '../../db/schema.js';
import { evaluateBusinessCase, type BenefitLine } from '../../domain/fin/index.js';
import { findDependencyCycle, type SelectionProblem } from '../../domain/portfolio/index.js';
import { AppError, notFound, versionConflict } from '../../server/errors.js';
import { authorize, type Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import { fromJson, toJson, withDomainErrors } from './portfolio-common.js';
import type { ProposalInput, ProposalResponse } from './portfolio.schemas.js';
import { latestSheets } from './scoring.service.js';

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
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

const finite = (v: number | null): number | null => (v === null || !Number.isFinite(v) ? null : v);

/** NPV, IRR (reported as undefined, never thrown), payback and BCR of the likely case. */
export function computeFigures(p: Proposal): ProposalResponse['businessCase'] {
  const likely = withDomainErrors(
    () =>
      evaluateBusinessCase({
        periodsPerYear: p.periodsPerYear,
        annualDiscountRate: p.annualDiscountRate,
        costs: [
          { kind: 'capex', amountsCents: p.capexCents },
          { kind: 'opex', amountsCents: p.opexCents },
        ],
        benefits: p.benefits,
      }).likely,
  );
  const irr = likely.irr;
  return {
    npvCents: Math.round(likely.npvCents),
    pvCostCents: Math.round(likely.pvCostCents),
    pvBenefitCents: Math.round(likely.pvBenefitCents),
    totalCostCents: likely.totalCostCents,
    totalBenefitCents: likely.totalBenefitCents,
    irrStatus: irr.status,
    irrReason: irr.status === 'undefined' ? irr.reason : null,
    annualIrr: finite(likely.annualIrr),
    irrRoots: irr.status === 'ok' ? irr.roots.map((r) => (1 + r) ** p.periodsPerYear - 1).filter(Number.isFinite) : [],
    multipleIrr: irr.status === 'ok' && irr.multipleRoots,
    paybackYears: finite(likely.paybackYears),
    discountedPaybackYears: finite(likely.discountedPaybackYears),
    benefitCostRatio: finite(likely.benefitCostRatio),
    roi: finite(likely.roi),
    payback: likely.payback.paidBack ? { paidBack: true, periods: likely.payback.periods } : { paidBack: false },
  };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** The API view of a proposal with its score (mean of the latest sheet per scorer) and rank. */
export function presentProposal(p: Proposal, score: { mean: number | null; scorers: number; rank: number | null }): ProposalResponse {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    projectId: p.projectId,
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
    totalCostCents: sum(p.capexCents) + sum(p.opexCents),
    businessCase: computeFigures(p),
    score: score.mean,
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

/** Mean total of the latest sheet per scorer, per proposal, under one model. */
export async function meanScores(db: Kysely<DB>, modelId: string | null): Promise<Map<string, { mean: number; scorers: number }>> {
  const out = new Map<string, { mean: number; scorers: number }>();
  if (!modelId) return out;
  const acc = new Map<string, number[]>();
  for (const s of await latestSheets(db, modelId)) acc.set(s.proposal_id, [...(acc.get(s.proposal_id) ?? []), Number(s.total)]);
  for (const [id, xs] of acc) out.set(id, { mean: sum(xs) / xs.length, scorers: xs.length });
  return out;
}

/** Proposals ranked by score under the model (unscored last, then by name). */
export async function listProposals(db: Kysely<DB>, actor: Actor, scoringModelId?: string): Promise<ProposalResponse[]> {
  authorize(actor, 'read', { kind: 'strategy', area: 'proposal' });
  const modelId = await defaultModelId(db, scoringModelId);
  const scores = await meanScores(db, modelId);
  const all = await loadProposals(db);
  const ranked = [...all].sort((a, b) => (scores.get(b.id)?.mean ?? -Infinity) - (scores.get(a.id)?.mean ?? -Infinity) || a.name.localeCompare(b.name));
  let rank = 0;
  return ranked.map((p) => {
    const s = scores.get(p.id);
    return presentProposal(p, { mean: s?.mean ?? null, scorers: s?.scorers ?? 0, rank: s ? ++rank : null });
  });
}

/** One proposal (score under the default model, no rank). */
export async function getProposal(db: Kysely<DB>, actor: Actor, id: string): Promise<ProposalResponse> {
  authorize(actor, 'read', { kind: 'strategy', area: 'proposal' });
  const row = await db.selectFrom('proposals').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('proposal');
  const s = (await meanScores(db, await defaultModelId(db))).get(id);
  return presentProposal(toProposal(row), { mean: s?.mean ?? null, scorers: s?.scorers ?? 0, rank: null });
}

/** Checks references (project, other proposals), the start window and that dependencies stay acyclic. */
async function checkProposal(tx: Kysely<DB>, next: Proposal): Promise<void> {
  if (next.latestStart < next.earliestStart) throw new AppError(422, 'invalid_start_window', 'latestStart is before earliestStart');
  if (next.projectId) {
    const p = await tx.selectFrom('projects').select('id').where('id', '=', next.projectId).executeTakeFirst();
    if (!p) throw new AppError(422, 'invalid_reference', 'the linked project does not exist');
  }
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

const auditView = (p: Proposal) => {
  const { createdAt: _c, updatedAt: _u, version: _v, id: _i, ...rest } = p;
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
  };
}

/** Creates a proposal; references, start window and dependency cycles are checked first (422, nothing saved). */
export async function createProposal(db: Kysely<DB>, actor: Actor, input: ProposalInput & { name: string }): Promise<ProposalResponse> {
  authorize(actor, 'create', { kind: 'strategy', area: 'proposal' });
  const now = new Date();
  const base: Proposal = { id: randomUUID(), name: input.name, description: '', projectId: null, periodsPerYear: 12, annualDiscountRate: 0.08, capexCents: [], opexCents: [], benefits: [], demand: {}, earliestStart: 0, latestStart: 0, mandatory: false, dependsOn: [], excludes: [], createdAt: now, updatedAt: now, version: 1 };
  const next = merge(base, input);
  await db.transaction().execute(async (tx) => {
    await checkProposal(tx, next);
    await tx.insertInto('proposals').values({ id: next.id, ...toRow(next) }).execute();
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
    await checkProposal(tx, next);
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
