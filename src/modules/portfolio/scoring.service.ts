/** Scoring models (validated by the domain) and score sheets per proposal per scorer, with consensus. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { DB, ScoringModelsTable } from '../../db/schema.js';
import { buildPairwiseMatrix, computeAhpWeights, computeConsensus, computeScore, mostInconsistentJudgement, rescoreSheet, validateScoringModel, type ScoreResult, type ScoringModel, type ScoreSheet } from '../../domain/portfolio/index.js';
import { AppError, notFound, versionConflict } from '../../server/errors.js';
import { authorize, type Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import { fromJson, toJson, withDomainErrors } from './portfolio-common.js';
import type { ScoringModelResponse } from './portfolio.schemas.js';
import { existingObjectiveIds } from './objectives.service.js';

/** 422 unless every strategic-fit criterion refers to an existing objective. */
async function checkObjectives(db: Kysely<DB>, criteria: ScoringModel['criteria']): Promise<void> {
  const ids = [...new Set(criteria.map((c) => c.objectiveId).filter((x): x is string => Boolean(x)))];
  const known = await existingObjectiveIds(db, ids);
  const missing = criteria.filter((c) => c.objectiveId && !known.has(c.objectiveId));
  if (missing.length) throw new AppError(422, 'invalid_reference', `criterion "${missing[0]!.name}" refers to an objective that does not exist`);
}

type ModelRow = Selectable<ScoringModelsTable>;

/** The domain model of a stored row. */
export function toDomainModel(r: ModelRow): ScoringModel {
  return { id: r.id, name: r.name, weightTotal: r.weight_total as 1 | 100, formula: fromJson(r.formula), criteria: fromJson(r.criteria) };
}

/** The API view of a scoring model. */
export function presentModel(r: ModelRow): ScoringModelResponse {
  const m = toDomainModel(r);
  const ahp = r.ahp ? fromJson<ScoringModelResponse['ahp']>(r.ahp) : null;
  return { id: r.id, name: r.name, weightTotal: r.weight_total, formula: m.formula as ScoringModelResponse['formula'], criteria: m.criteria as ScoringModelResponse['criteria'], ahp, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(), version: r.version };
}

export interface ModelInput {
  name: string;
  weightTotal: 1 | 100;
  formula: ScoringModel['formula'];
  criteria: ScoringModel['criteria'];
}

const auditModel = (m: ModelInput) => ({ name: m.name, weightTotal: m.weightTotal, formula: m.formula, criteria: m.criteria });

/** Every scoring model, newest first. */
export async function listModels(db: Kysely<DB>, actor: Actor): Promise<ScoringModelResponse[]> {
  authorize(actor, 'read', { kind: 'strategy', area: 'model' });
  const rows = await db.selectFrom('scoring_models').selectAll().orderBy('updated_at', 'desc').orderBy('id').execute();
  return rows.map(presentModel);
}

/** Loads a model row or answers 404. */
export async function findModelRow(db: Kysely<DB>, id: string): Promise<ModelRow> {
  const row = await db.selectFrom('scoring_models').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('scoring model');
  return row;
}

/** One scoring model. */
export async function getModel(db: Kysely<DB>, actor: Actor, id: string): Promise<ScoringModelResponse> {
  authorize(actor, 'read', { kind: 'strategy', area: 'model' });
  return presentModel(await findModelRow(db, id));
}

/** Creates a scoring model after the domain validates it (weights, scales, formula references: 422 otherwise). */
export async function createModel(db: Kysely<DB>, actor: Actor, input: ModelInput): Promise<ScoringModelResponse> {
  authorize(actor, 'create', { kind: 'strategy', area: 'model' });
  const id = randomUUID();
  withDomainErrors(() => validateScoringModel({ id, ...input }));
  const row = await db.transaction().execute(async (tx) => {
    await checkObjectives(tx, input.criteria);
    const r = await tx.insertInto('scoring_models').values({ id, name: input.name, weight_total: input.weightTotal, formula: toJson(input.formula), criteria: toJson(input.criteria) }).returningAll().executeTakeFirstOrThrow();
    await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'scoring_model', entityId: id, projectId: null, after: auditModel(input), version: r.version });
    return r;
  });
  return presentModel(row);
}

/** Updates a scoring model at `version` (409 otherwise); the result must still validate. */
export async function updateModel(db: Kysely<DB>, actor: Actor, id: string, version: number, patch: Partial<ModelInput>): Promise<ScoringModelResponse> {
  authorize(actor, 'update', { kind: 'strategy', area: 'model' });
  const row = await db.transaction().execute(async (tx) => {
    const before = await findModelRow(tx, id);
    const old = toDomainModel(before);
    const next: ModelInput = { name: patch.name ?? old.name, weightTotal: patch.weightTotal ?? old.weightTotal, formula: patch.formula ?? old.formula, criteria: patch.criteria ?? old.criteria };
    withDomainErrors(() => validateScoringModel({ id, ...next }));
    if (patch.criteria) await checkObjectives(tx, next.criteria);
    const r = await tx
      .updateTable('scoring_models')
      // Weights typed in replace AHP-derived ones: the stored judgements no longer describe them.
      .set({ name: next.name, weight_total: next.weightTotal, formula: toJson(next.formula), criteria: toJson(next.criteria), ...(patch.criteria ? { ahp: null } : {}), version: before.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    if (!r) throw versionConflict('the scoring model');
    await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'scoring_model', entityId: id, projectId: null, before: auditModel(old), after: auditModel(next), version: r.version });
    return r;
  });
  return presentModel(row);
}

interface SheetRow {
  id: string;
  proposal_id: string;
  scoring_model_id: string;
  scorer_id: string;
  scorer_name: string;
  answers: unknown;
  total: number;
  criteria: unknown;
  created_at: Date;
}

/** The latest sheet of each scorer for the given proposals under one model. */
export async function latestSheets(db: Kysely<DB>, modelId: string, proposalIds?: string[]): Promise<SheetRow[]> {
  if (proposalIds && proposalIds.length === 0) return [];
  let q = db
    .selectFrom('proposal_scores as s')
    .innerJoin('users as u', 'u.id', 's.scorer_id')
    .select(['s.id', 's.proposal_id', 's.scoring_model_id', 's.scorer_id', 'u.display_name as scorer_name', 's.answers', 's.total', 's.criteria', 's.created_at'])
    .where('s.scoring_model_id', '=', modelId)
    .orderBy('s.proposal_id')
    .orderBy('s.scorer_id')
    .orderBy('s.created_at', 'desc')
    .orderBy('s.id', 'desc');
  if (proposalIds) q = q.where('s.proposal_id', 'in', proposalIds);
  const rows = await q.execute();
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = `${r.proposal_id}/${r.scorer_id}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** A current sheet scored under the model as it is now (null when it no longer fits the model: score again). */
export interface RescoredSheet extends SheetRow {
  now: ScoreResult | null;
}

/** Scores each sheet's stored answers under the model as it is now (weights may have changed since, e.g. by AHP). */
export function rescoreSheets(model: ScoringModel, sheets: SheetRow[]): RescoredSheet[] {
  return sheets.map((s) => ({ ...s, now: withDomainErrors(() => rescoreSheet(model, fromJson<ScoreSheet>(s.answers))) }));
}

const presentSheet = (r: RescoredSheet) => ({
  id: r.id,
  proposalId: r.proposal_id,
  scoringModelId: r.scoring_model_id,
  scorerId: r.scorer_id,
  scorerName: r.scorer_name,
  answers: fromJson<Record<string, number | string>>(r.answers),
  total: r.now ? r.now.total : Number(r.total),
  totalWhenScored: Number(r.total),
  stale: r.now === null,
  criteria: r.now ? r.now.criteria : fromJson<{ criterionId: string; raw: number; normalized: number; contribution: number }[]>(r.criteria),
  createdAt: r.created_at.toISOString(),
});

async function requireProposal(db: Kysely<DB>, proposalId: string): Promise<void> {
  const p = await db.selectFrom('proposals').select('id').where('id', '=', proposalId).executeTakeFirst();
  if (!p) throw notFound('proposal');
}

/** Records the actor's score sheet for a proposal (a new row: history is kept) and returns the current sheets and consensus. */
export async function scoreProposal(db: Kysely<DB>, actor: Actor, proposalId: string, modelId: string, answers: ScoreSheet) {
  authorize(actor, 'create', { kind: 'strategy', area: 'score' });
  await db.transaction().execute(async (tx) => {
    await requireProposal(tx, proposalId);
    const model = toDomainModel(await findModelRow(tx, modelId));
    const unknown = Object.keys(answers).filter((k) => !model.criteria.some((c) => c.id === k));
    if (unknown.length) throw new AppError(422, 'invalid_score', `the model has no criterion ${unknown.map((k) => `"${k}"`).join(', ')}`);
    const result = withDomainErrors(() => computeScore(model, answers));
    const id = randomUUID();
    await tx.insertInto('proposal_scores').values({ id, proposal_id: proposalId, scoring_model_id: modelId, scorer_id: actor.userId, answers: toJson(answers), total: result.total, criteria: toJson(result.criteria) }).execute();
    await recordChange(tx, { actorId: actor.userId, action: 'scored', entityType: 'proposal', entityId: proposalId, projectId: null, after: { scoringModelId: modelId, answers, total: result.total } });
  });
  return listScores(db, actor, proposalId, modelId);
}

/** The latest sheet of each scorer and their consensus (null before the first sheet); default model: the most recently changed. */
export async function listScores(db: Kysely<DB>, actor: Actor, proposalId: string, requestedModelId?: string) {
  authorize(actor, 'read', { kind: 'strategy', area: 'score' });
  await requireProposal(db, proposalId);
  const modelId = requestedModelId ?? (await db.selectFrom('scoring_models').select('id').orderBy('updated_at', 'desc').orderBy('id').executeTakeFirst())?.id;
  if (!modelId) return { items: [], consensus: null };
  const model = toDomainModel(await findModelRow(db, modelId));
  const sheets = rescoreSheets(model, await latestSheets(db, modelId, [proposalId]));
  // Sheets that no longer fit the model (a criterion added since) are shown but left out of the consensus.
  const fitting = sheets.filter((s) => s.now !== null);
  const consensus = fitting.length ? withDomainErrors(() => computeConsensus(model, fitting.map((s) => fromJson<ScoreSheet>(s.answers)))) : null;
  return { items: sheets.map(presentSheet), consensus };
}

type Judgement = { a: string; b: string; value: number };

/** AHP over the given criteria: weights (sum 1), lambda max, CI, CR, whether CR <= 0.1, and the judgement to revise first. */
export function computeAhp(criteria: string[], judgements: Judgement[]) {
  if (new Set(criteria).size !== criteria.length) throw new AppError(422, 'invalid_matrix', 'a criterion is listed twice');
  const pairs = new Set<string>();
  for (const j of judgements) {
    const key = [j.a, j.b].sort().join(' ');
    if (pairs.has(key)) throw new AppError(422, 'invalid_matrix', `"${j.a}" and "${j.b}" are compared twice`);
    pairs.add(key);
  }
  const matrix = withDomainErrors(() => buildPairwiseMatrix(criteria, judgements));
  const r = withDomainErrors(() => computeAhpWeights(matrix));
  const worst = r.consistent ? null : mostInconsistentJudgement(matrix, r.weights);
  return {
    weights: criteria.map((id, i) => ({ criterionId: id, weight: r.weights[i]! })),
    lambdaMax: r.lambdaMax,
    consistencyIndex: r.consistencyIndex,
    consistencyRatio: r.consistencyRatio,
    consistent: r.consistent,
    revise: worst ? { a: criteria[worst.i]!, b: criteria[worst.j]!, value: worst.value, suggested: worst.suggested } : null,
  };
}

/** Throws 403 unless the actor may change scoring models (routes call it before reading the If-Match version). */
export function authorizeModelChange(actor: Actor): void {
  authorize(actor, 'update', { kind: 'strategy', area: 'model' });
}

/** Computes AHP weights without saving anything (anyone who may read scoring models). */
export function previewAhp(actor: Actor, criteria: string[], judgements: Judgement[]) {
  authorize(actor, 'read', { kind: 'strategy', area: 'model' });
  return computeAhp(criteria, judgements);
}

/**
 * Derives a weighted-sum model's weights from pairwise judgements over all its criteria and stores them (scaled to
 * the model's weight total) with the judgements and CR. Refused with 422 `ahp_inconsistent` when CR > 0.1, as
 * Saaty's method requires: the message names the judgement to revise first.
 */
export async function applyAhp(db: Kysely<DB>, actor: Actor, id: string, version: number, judgements: Judgement[]): Promise<ScoringModelResponse> {
  authorize(actor, 'update', { kind: 'strategy', area: 'model' });
  const row = await db.transaction().execute(async (tx) => {
    const before = await findModelRow(tx, id);
    const model = toDomainModel(before);
    if (model.formula.kind !== 'weighted-sum') throw new AppError(422, 'invalid_model', `${model.formula.kind.toUpperCase()} ignores weights; AHP applies to weighted-sum models`);
    const ids = model.criteria.map((c) => c.id);
    const r = computeAhp(ids, judgements);
    if (!r.consistent) {
      const name = (cid: string) => model.criteria.find((c) => c.id === cid)?.name ?? cid;
      const hint = r.revise ? `; revise "${name(r.revise.a)}" vs "${name(r.revise.b)}" first (judged ${r.revise.value.toPrecision(3)}, the others imply about ${r.revise.suggested.toPrecision(3)})` : '';
      throw new AppError(422, 'ahp_inconsistent', `the judgements are inconsistent: CR ${r.consistencyRatio.toFixed(3)} is above 0.1${hint}`);
    }
    const criteria = model.criteria.map((c, i) => ({ ...c, weight: r.weights[i]!.weight * model.weightTotal }));
    withDomainErrors(() => validateScoringModel({ ...model, criteria }));
    const ahp = { judgements: judgements.map((j) => ({ a: j.a, b: j.b, value: j.value })), consistencyRatio: r.consistencyRatio, lambdaMax: r.lambdaMax, at: new Date().toISOString() };
    const updated = await tx
      .updateTable('scoring_models')
      .set({ criteria: toJson(criteria), ahp: toJson(ahp), version: before.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw versionConflict('the scoring model');
    await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'scoring_model', entityId: id, projectId: null, before: { weights: model.criteria.map((c) => [c.id, c.weight]) }, after: { weights: criteria.map((c) => [c.id, c.weight]), ahp }, version: updated.version });
    return updated;
  });
  return presentModel(row);
}

/** Every score sheet of a proposal under a model, oldest first, marking each scorer's current one. */
export async function scoreHistory(db: Kysely<DB>, actor: Actor, proposalId: string, requestedModelId?: string) {
  authorize(actor, 'read', { kind: 'strategy', area: 'score' });
  await requireProposal(db, proposalId);
  const modelId = requestedModelId ?? (await db.selectFrom('scoring_models').select('id').orderBy('updated_at', 'desc').orderBy('id').executeTakeFirst())?.id;
  if (!modelId) return { items: [] };
  await findModelRow(db, modelId);
  const rows = await db
    .selectFrom('proposal_scores as s')
    .innerJoin('users as u', 'u.id', 's.scorer_id')
    .select(['s.id', 's.scorer_id', 'u.display_name', 's.total', 's.answers', 's.created_at'])
    .where('s.proposal_id', '=', proposalId)
    .where('s.scoring_model_id', '=', modelId)
    .orderBy('s.created_at')
    .orderBy('s.id')
    .execute();
  const current = new Set((await latestSheets(db, modelId, [proposalId])).map((s) => s.id));
  return { items: rows.map((r) => ({ id: r.id, scorerId: r.scorer_id, scorerName: r.display_name, total: Number(r.total), answers: fromJson<Record<string, number | string>>(r.answers), createdAt: r.created_at.toISOString(), current: current.has(r.id) })) };
}
