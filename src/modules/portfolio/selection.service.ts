/**
 * The optimiser and scenarios: builds a SelectionProblem from the stored proposals and scores, runs the solver
 * (one run at a time per process), saves selections as scenarios, compares two and promotes one to plan of record.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { DB, PortfolioScenariosTable } from '../../db/schema.js';
import { compareScenarios, computeSelectionUsage, periodLabelsFrom, resampleIndex, resampleProfile, type Pick, type SelectionProblem, type SelectionUsage } from '../../domain/portfolio/index.js';
import { availableCapacityFor, availableCapacityReport } from './available-capacity.service.js';
import { computeEfficientFrontier, optimizePortfolio } from '../portfolio/solver/index.js';
import { AppError, notFound, versionConflict } from '../../server/errors.js';
import { authorize, type Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import { fromJson, toAppError, toJson, withDomainErrors } from './portfolio-common.js';
import type { OptimizeResponse, OptimizeSettings, ScenarioResponse } from './portfolio.schemas.js';
import { computeFigures, defaultModelId, loadProposals, meanScores, type Proposal } from './proposals.service.js';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * The problem of the settings over the current proposals; a whole-horizon budget collapses time into one period.
 * Only roles with a capacity in the settings enter the model, unless `allDemand` (for reporting load per role, as the
 * scenario comparison does): then every role the proposals demand is there, unlimited where the settings give none.
 */
export async function buildProblem(
  db: Kysely<DB>,
  actor: Actor,
  s: OptimizeSettings,
  opts: { allDemand?: boolean; fromResources?: OptimizeResponse['capacityFromResources'] } = {},
): Promise<{ problem: SelectionProblem; proposals: Proposal[]; limits: Record<string, number[]>; fromResources: OptimizeResponse['capacityFromResources'] }> {
  const perPeriod = s.budgetPerPeriod;
  if ((s.totalBudgetCents === undefined) === (perPeriod === undefined)) {
    throw new AppError(400, 'invalid_budget', 'give either totalBudgetCents (whole horizon) or budgetPerPeriod with periodLabels');
  }
  const total = s.totalBudgetCents !== undefined;
  const labels = total ? ['total'] : s.periodLabels;
  if (!labels) throw new AppError(400, 'invalid_budget', 'budgetPerPeriod needs periodLabels');
  if (perPeriod) {
    for (const [k, row] of Object.entries(perPeriod)) {
      if (row && row.length !== labels.length) throw new AppError(400, 'invalid_budget', `budgetPerPeriod.${k} has ${row.length} values for ${labels.length} periods`);
    }
    if (!perPeriod.capexCents && !perPeriod.opexCents && !perPeriod.totalCents) throw new AppError(400, 'invalid_budget', 'budgetPerPeriod needs capexCents, opexCents or totalCents');
  }
  for (const [role, row] of Object.entries(s.capacity ?? {})) {
    if (row.length !== labels.length) throw new AppError(400, 'invalid_capacity', `capacity of "${role}" has ${row.length} values for ${labels.length} periods`);
  }
  const modelId = await defaultModelId(db, s.scoringModelId);
  const scores = await meanScores(db, modelId);
  const proposals = withoutStopped(await loadProposals(db));
  const grain = !total && s.periodsPerYear ? s.periodsPerYear : null;
  const money = (p: Proposal, xs: number[]) => (total ? [sum(xs)] : grain ? resampleProfile(xs, p.periodsPerYear, grain) : xs);
  const start = (p: Proposal, i: number) => (total ? 0 : Math.min(grain ? resampleIndex(i, p.periodsPerYear, grain) : i, labels.length - 1));
  const capacity: Record<string, number[]> = { ...(s.capacity ?? {}) };
  const fromResources = opts.fromResources ?? (await availableLimits(db, actor, s, total ? null : labels, proposals));
  for (const r of fromResources) capacity[r.role] = r.availableDays;
  const limits = { ...capacity };
  if (opts.allDemand) {
    for (const p of proposals) for (const r of Object.keys(p.demand)) capacity[r] ??= labels.map(() => Infinity);
  }
  const problem: SelectionProblem = {
    periodLabels: labels,
    budget: total ? { totalCents: [s.totalBudgetCents!] } : { ...perPeriod },
    capacity,
    objective: s.objective === 'blend' ? { kind: 'blend', scoreWeight: s.scoreWeight } : { kind: s.objective },
    candidates: proposals.map((p) => ({
      id: p.id,
      name: p.name,
      score: scores.get(p.id)?.mean ?? 0,
      npvCents: computeFigures(p).npvCents,
      capexCents: money(p, p.capexCents),
      opexCents: money(p, p.opexCents),
      // Roles without a capacity in the settings are not limited, so their demand does not enter the model.
      demand: Object.fromEntries(
        Object.entries(p.demand)
          .filter(([r]) => r in capacity)
          .map(([r, xs]) => [r, total ? [sum(xs)] : grain ? resampleProfile(xs, p.periodsPerYear, grain, false) : xs]),
      ),
      earliestStart: start(p, p.earliestStart),
      latestStart: start(p, p.latestStart),
      mandatory: p.mandatory,
      dependsOn: p.dependsOn,
      excludes: p.excludes,
    })),
  };
  return { problem, proposals, limits, fromResources };
}

/**
 * The capacity rows "use available capacity" asks for: each mapped demand role limited by its resources role's
 * available person-days per period (projects the candidates already became are not counted as committed).
 */
async function availableLimits(db: Kysely<DB>, actor: Actor, s: OptimizeSettings, labels: string[] | null, proposals: Proposal[]): Promise<OptimizeResponse['capacityFromResources']> {
  const wanted = Object.entries(s.availableCapacity ?? {});
  if (!wanted.length) return [];
  if (!labels) throw new AppError(400, 'invalid_capacity', 'available capacity needs periods: give periodLabels and budgetPerPeriod instead of a whole-horizon budget');
  const both = wanted.find(([role]) => s.capacity && role in s.capacity);
  if (both) throw new AppError(400, 'invalid_capacity', `the role "${both[0]}" has a typed capacity and available capacity: give one`);
  const linked = proposals.map((p) => p.projectId).filter((id): id is string => id !== null);
  const report = await availableCapacityFor(db, actor, labels, s.minutesPerPersonDay, linked);
  const byId = new Map(report.roles.map((r) => [r.roleId, r]));
  return wanted.map(([role, roleId]) => {
    const r = byId.get(roleId);
    if (!r) throw new AppError(422, 'invalid_reference', `availableCapacity.${role}: no resources role ${roleId}`);
    return { role, resourceRoleId: roleId, resourceRoleName: r.name, availableDays: r.availableDays };
  });
}

/**
 * Proposals stopped at a gate are no candidates, nor is anything that depends on one (transitively); exclusions
 * of stopped proposals are dropped.
 */
export function withoutStopped(all: Proposal[]): Proposal[] {
  const out = new Set(all.filter((p) => p.gateState === 'stopped').map((p) => p.id));
  for (let changed = out.size > 0; changed; ) {
    changed = false;
    for (const p of all) {
      if (!out.has(p.id) && p.dependsOn.some((d) => out.has(d))) {
        out.add(p.id);
        changed = true;
      }
    }
  }
  return all.filter((p) => !out.has(p.id)).map((p) => (p.excludes.some((x) => out.has(x)) ? { ...p, excludes: p.excludes.filter((x) => !out.has(x)) } : p));
}

let queue: Promise<unknown> = Promise.resolve();
/** Runs solver calls one at a time (the wasm build is single-threaded and holds one model). */
function serialised<T>(fn: () => Promise<T>): Promise<T> {
  const run = queue.then(fn, fn);
  queue = run.catch(() => undefined);
  return run;
}

const num = (v: number) => (Number.isFinite(v) ? v : null);

/** Usage for the API; `capacity` is the settings' (a role without one shows an empty capacity row: unlimited). */
function presentUsage(u: SelectionUsage, capacity: Record<string, number[]> = {}) {
  return {
    count: u.count,
    totalScore: u.totalScore,
    totalNpvCents: Math.round(u.totalNpvCents),
    capexCents: u.capexCents,
    opexCents: u.opexCents,
    roles: Object.entries(u.roles)
      .sort(([x], [y]) => x.localeCompare(y))
      .map(([roleId, r]) => ({ roleId, load: r.load, capacity: capacity[roleId] ?? [] })),
  };
}

/** Runs the optimiser; an infeasible problem is a result (status infeasible, conflicts named), not an error. */
export async function optimize(db: Kysely<DB>, actor: Actor, settings: OptimizeSettings): Promise<OptimizeResponse> {
  authorize(actor, 'read', { kind: 'strategy', area: 'scenario' });
  const { problem, proposals, limits, fromResources } = await buildProblem(db, actor, settings);
  const names = new Map(proposals.map((p) => [p.id, p.name]));
  const name = (id: string) => names.get(id) ?? id;
  // The solver names candidates by id; people read proposal names.
  const idPattern = /"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"/g;
  const readable = (msg: string) => msg.replace(idPattern, (m, id: string) => (names.has(id) ? `"${names.get(id)}"` : m));
  const r = await serialised(() => optimizePortfolio(problem, { timeLimitMs: settings.timeLimitMs, seed: 1 })).catch((e: unknown) => {
    throw toAppError(e);
  });
  return {
    status: r.status,
    objectiveValue: r.objectiveValue,
    bound: num(r.bound),
    gapPct: num(r.gapPct),
    timeMs: Math.round(r.timeMs),
    periodLabels: problem.periodLabels,
    selected: r.selected.map((p) => ({ proposalId: p.candidateId, name: name(p.candidateId), startPeriod: p.startPeriod })),
    excluded: r.excluded.map((e) => ({
      proposalId: e.candidateId,
      name: name(e.candidateId),
      reasons: e.reasons.map((x) => ({ kind: x.kind, message: readable(x.message), ...(x.kind === 'limit' ? { row: { ...x.row }, needed: x.needed, available: x.available } : {}) })),
    })),
    conflicts: r.conflicts.map((c) => ({ kind: c.kind, message: readable(c.message), proposalIds: c.candidateIds })),
    usage: r.usage ? presentUsage(r.usage, limits) : null,
    capacityFromResources: fromResources,
  };
}

/** The optimiser page's availability report (see availableCapacityReport). */
export async function availableCapacity(db: Kysely<DB>, actor: Actor, q: { from: string; periods: number; periodsPerYear: 1 | 4 | 12; minutesPerPersonDay: number }) {
  authorize(actor, 'read', { kind: 'strategy', area: 'scenario' });
  const labels = periodLabelsFrom(q.from, q.periods, q.periodsPerYear);
  if (!labels) throw new AppError(400, 'invalid_capacity', `"${q.from}" is not a month (YYYY-MM)`);
  return availableCapacityReport(db, actor, { periodLabels: labels, minutesPerPersonDay: q.minutesPerPersonDay }, withoutStopped(await loadProposals(db)));
}

/** Best objective value at `points` budget levels (fractions of the given budget). */
export async function frontier(db: Kysely<DB>, actor: Actor, settings: OptimizeSettings & { points: number }) {
  authorize(actor, 'read', { kind: 'strategy', area: 'scenario' });
  const { problem } = await buildProblem(db, actor, settings);
  const points = await serialised(() => computeEfficientFrontier(problem, { points: settings.points, timeLimitMs: settings.timeLimitMs, seed: 1 })).catch((e: unknown) => {
    throw toAppError(e);
  });
  return { points: points.map((p) => ({ budgetFactor: p.budgetFactor, budgetCents: p.budgetCents, objectiveValue: num(p.objectiveValue), status: p.status, spentCents: p.spentCents, selectedIds: p.selectedIds })) };
}

type ScenarioRow = Selectable<PortfolioScenariosTable>;
interface StoredPick {
  proposalId: string;
  startPeriod: number;
}

/** The API view of a scenario. */
export function presentScenario(r: ScenarioRow): ScenarioResponse {
  return {
    id: r.id,
    name: r.name,
    settings: fromJson(r.settings),
    selected: fromJson(r.selected),
    summary: fromJson(r.summary),
    planOfRecord: r.plan_of_record,
    promotedAt: r.promoted_at ? r.promoted_at.toISOString() : null,
    createdAt: r.created_at.toISOString(),
    version: r.version,
  };
}

const toPicks = (xs: StoredPick[], known: Set<string>): Pick[] => xs.filter((x) => known.has(x.proposalId)).map((x) => ({ candidateId: x.proposalId, startPeriod: x.startPeriod }));

/** Saves a selection with its settings as a scenario (proposals must exist; the totals are computed now). */
export async function createScenario(db: Kysely<DB>, actor: Actor, input: { name: string; settings: OptimizeSettings; selected: StoredPick[] }): Promise<ScenarioResponse> {
  authorize(actor, 'create', { kind: 'strategy', area: 'scenario' });
  // Available capacity is read before the transaction (the resources module reads in transactions of its own).
  const fromResources = Object.keys(input.settings.availableCapacity ?? {}).length ? (await buildProblem(db, actor, input.settings)).fromResources : undefined;
  const row = await db.transaction().execute(async (tx) => {
    const { problem, limits } = await buildProblem(tx, actor, input.settings, fromResources ? { fromResources } : {});
    const known = new Set(problem.candidates.map((c) => c.id));
    const missing = input.selected.filter((p) => !known.has(p.proposalId)).map((p) => p.proposalId);
    if (missing.length) throw new AppError(422, 'invalid_reference', `unknown proposal, or one stopped at a gate: ${missing.join(', ')}`);
    const ids = input.selected.map((p) => p.proposalId);
    if (new Set(ids).size !== ids.length) throw new AppError(422, 'duplicate_pick', 'a proposal is selected twice');
    const usage = withDomainErrors(() => computeSelectionUsage(problem, toPicks(input.selected, known)));
    const id = randomUUID();
    const r = await tx
      .insertInto('portfolio_scenarios')
      .values({ id, name: input.name, settings: toJson(input.settings), selected: toJson(input.selected), summary: toJson(presentUsage(usage, limits)), created_by: actor.userId })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'portfolio_scenario', entityId: id, projectId: null, after: { name: input.name, selected: input.selected }, version: 1 });
    return r;
  });
  return presentScenario(row);
}

/** Every scenario, plan of record first, then newest. */
export async function listScenarios(db: Kysely<DB>, actor: Actor): Promise<ScenarioResponse[]> {
  authorize(actor, 'read', { kind: 'strategy', area: 'scenario' });
  const rows = await db.selectFrom('portfolio_scenarios').selectAll().orderBy('plan_of_record', 'desc').orderBy('created_at', 'desc').orderBy('id').execute();
  return rows.map(presentScenario);
}

async function findScenario(db: Kysely<DB>, id: string): Promise<ScenarioRow> {
  const r = await db.selectFrom('portfolio_scenarios').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('scenario');
  return r;
}

/** One scenario. */
export async function getScenario(db: Kysely<DB>, actor: Actor, id: string): Promise<ScenarioResponse> {
  authorize(actor, 'read', { kind: 'strategy', area: 'scenario' });
  return presentScenario(await findScenario(db, id));
}

const perPeriod = (s: OptimizeSettings) => s.budgetPerPeriod !== undefined && s.periodLabels !== undefined;

/**
 * A scenario's picks on the comparison grid: a start period is carried over by its label; a pick from a
 * whole-horizon scenario, or whose start label is not on the grid, starts at the proposal's earliest start there.
 */
function picksOnGrid(s: ScenarioResponse, problem: SelectionProblem, known: Set<string>): { picks: Pick[]; placed: string[] } {
  const byId = new Map(problem.candidates.map((c) => [c.id, c]));
  const labels = problem.periodLabels;
  const placed: string[] = [];
  const picks = toPicks(s.selected, known).map((p) => {
    if (labels.length === 1) return { ...p, startPeriod: 0 };
    const own = perPeriod(s.settings) ? s.settings.periodLabels![p.startPeriod] : undefined;
    const at = own === undefined ? -1 : labels.indexOf(own);
    if (at >= 0) return { ...p, startPeriod: at };
    placed.push(p.candidateId);
    return { ...p, startPeriod: byId.get(p.candidateId)?.earliestStart ?? 0 };
  });
  return { picks, placed };
}

/**
 * Compares two scenarios (B - A) on one grid: A's periods when A was optimised per period, else B's, else the whole
 * horizon. Value (score, NPV), capex and opex per period, the load of every role the proposals demand against the
 * grid's capacity, and what is in and out; current proposals and scores.
 */
export async function compare(db: Kysely<DB>, actor: Actor, aId: string, bId: string) {
  authorize(actor, 'read', { kind: 'strategy', area: 'scenario' });
  const a = presentScenario(await findScenario(db, aId));
  const b = presentScenario(await findScenario(db, bId));
  const gridOf: 'a' | 'b' = !perPeriod(a.settings) && perPeriod(b.settings) ? 'b' : 'a';
  const settings = gridOf === 'a' ? a.settings : b.settings;
  const { problem, proposals, limits } = await buildProblem(db, actor, settings, { allDemand: true });
  const known = new Set(problem.candidates.map((c) => c.id));
  const names = new Map(proposals.map((p) => [p.id, p.name]));
  const onA = picksOnGrid(a, problem, known);
  const onB = picksOnGrid(b, problem, known);
  const c = withDomainErrors(() => compareScenarios(problem, onA.picks, onB.picks));
  const named = (ids: string[]) => ids.map((id) => ({ proposalId: id, name: names.get(id) ?? id }));
  const notes: string[] = [];
  const gridName = gridOf === 'a' ? a.name : b.name;
  for (const [s, on] of [[a, onA], [b, onB]] as const) {
    if (on.placed.length) notes.push(`"${s.name}" has no start on the periods of "${gridName}" for ${on.placed.map((id) => `"${names.get(id) ?? id}"`).join(', ')}: shown from the earliest start`);
  }
  const gone = [...a.selected, ...b.selected].filter((p) => !known.has(p.proposalId)).map((p) => p.proposalId);
  if (gone.length) notes.push(`${new Set(gone).size} selected proposal(s) no longer exist or were stopped at a gate and are left out`);
  return {
    a,
    b,
    grid: gridOf,
    periodLabels: problem.periodLabels,
    usageA: presentUsage(c.a, limits),
    usageB: presentUsage(c.b, limits),
    onlyInA: named(c.onlyInA),
    onlyInB: named(c.onlyInB),
    inBoth: named(c.inBoth),
    moved: c.moved.map((m) => ({ proposalId: m.candidateId, name: names.get(m.candidateId) ?? m.candidateId, startA: m.startA, startB: m.startB })),
    capexDeltaCents: c.capexDeltaCents,
    opexDeltaCents: c.opexDeltaCents,
    notes,
  };
}

/** Throws 403 unless the actor may promote scenarios. */
export function authorizePromote(actor: Actor): void {
  authorize(actor, 'update', { kind: 'strategy', area: 'scenario' });
}

/** Makes the scenario the only plan of record (at `version`, 409 otherwise); the previous one is demoted, both audited. */
export async function promote(db: Kysely<DB>, actor: Actor, id: string, version: number): Promise<ScenarioResponse> {
  authorize(actor, 'update', { kind: 'strategy', area: 'scenario' });
  const row = await db.transaction().execute(async (tx) => {
    const target = await findScenario(tx, id);
    if (target.version !== version) throw versionConflict('the scenario');
    const previous = await tx.selectFrom('portfolio_scenarios').selectAll().where('plan_of_record', '=', true).where('id', '<>', id).execute();
    for (const p of previous) {
      await tx.updateTable('portfolio_scenarios').set({ plan_of_record: false, version: p.version + 1, updated_at: new Date() }).where('id', '=', p.id).execute();
      await recordChange(tx, { actorId: actor.userId, action: 'demoted', entityType: 'portfolio_scenario', entityId: p.id, projectId: null, before: { planOfRecord: true }, after: { planOfRecord: false }, version: p.version + 1 });
    }
    const r = await tx
      .updateTable('portfolio_scenarios')
      .set({ plan_of_record: true, promoted_at: new Date(), promoted_by: actor.userId, version: version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    if (!r) throw versionConflict('the scenario');
    await recordChange(tx, { actorId: actor.userId, action: 'promoted', entityType: 'portfolio_scenario', entityId: id, projectId: null, before: { planOfRecord: target.plan_of_record }, after: { planOfRecord: true, selected: fromJson(target.selected) }, version: r.version });
    return r;
  });
  return presentScenario(row);
}

/** Deletes a scenario at `version` (the plan of record cannot be deleted: 409). */
export async function deleteScenario(db: Kysely<DB>, actor: Actor, id: string, version: number): Promise<void> {
  authorize(actor, 'delete', { kind: 'strategy', area: 'scenario' });
  await db.transaction().execute(async (tx) => {
    const s = await findScenario(tx, id);
    if (s.plan_of_record) throw new AppError(409, 'plan_of_record', 'the plan of record cannot be deleted; promote another scenario first');
    const d = await tx.deleteFrom('portfolio_scenarios').where('id', '=', id).where('version', '=', version).returning('id').executeTakeFirst();
    if (!d) throw versionConflict('the scenario');
    await recordChange(tx, { actorId: actor.userId, action: 'deleted', entityType: 'portfolio_scenario', entityId: id, projectId: null, before: { name: s.name } });
  });
}
