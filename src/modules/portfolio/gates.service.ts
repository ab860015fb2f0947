/**
 * Gate reviews: a project or a proposal leaves its stage only through a decision on the gate out of it. A review
 * is opened for that gate; people tick its checklist items and attach document links, approvers vote in their
 * roles (the policy module decides who holds a role), and a portfolio editor decides go / hold / stop / recycle.
 * The decision, the subject's new stage and a snapshot of what the decision saw are written in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, GateReviewsTable, ProjectRole, ProjectStatus } from '../../db/schema.js';
import {
  decideGate,
  entersProjectStage,
  evaluateGate,
  nextGate,
  projectCreationStage,
  stageName,
  type ApproverRole,
  type GateDecision,
  type GateDefinition,
  type GateEvaluation,
  type GateField,
} from '../../domain/portfolio/index.js';
import { AppError, forbidden, notFound, versionConflict } from '../../server/errors.js';
import { authorize, can, canApproveGateAs, seesAllProjects, type Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import { findProjectRoleOf, requireProjectAccess } from '../projects/projects.service.js';
import { fromJson, toJson, withDomainErrors } from './portfolio-common.js';
import { ensureDefaultLifecycle, resolveLifecycle, type Lifecycle } from './lifecycles.service.js';
import { createProjectForProposal, linkProposal } from './proposal-project.service.js';
import { toProposal } from './proposals.service.js';
import type { GateReviewResponse } from './gates.schemas.js';

export type SubjectKind = 'project' | 'proposal';
type ReviewRow = Selectable<GateReviewsTable>;
type SubjectState = 'active' | 'on_hold' | 'stopped';

/** The project or proposal a gate review is about, with the actor's role on the (linked) project. */
interface Subject {
  kind: SubjectKind;
  id: string;
  name: string;
  stage: string;
  state: SubjectState;
  status: ProjectStatus | null;
  lifecycle: Lifecycle;
  projectRole: ProjectRole | null;
  version: number;
}

interface CheckState {
  done: boolean;
  note: string | null;
  by: string;
  at: string;
}
interface DocumentLink {
  criterionId: string;
  title: string;
  url: string;
  addedBy: string;
  addedAt: string;
}

const stateOfStatus = (s: ProjectStatus): SubjectState => (s === 'on_hold' ? 'on_hold' : s === 'cancelled' ? 'stopped' : 'active');

/** Loads the subject after checking the actor may `action` its gates: a project the actor cannot see is a 404. */
async function loadSubject(db: Kysely<DB>, actor: Actor, kind: SubjectKind, id: string, action: 'read' | 'update'): Promise<Subject> {
  if (kind === 'project') {
    const role = await requireProjectAccess(db, actor, id, 'read');
    authorize(actor, action, { kind: 'gate', subject: 'project', projectRole: role });
    const p = await db.selectFrom('projects').select(['id', 'name', 'stage', 'status', 'lifecycle_id', 'version']).where('id', '=', id).executeTakeFirst();
    if (!p) throw notFound('project');
    return { kind, id, name: p.name, stage: p.stage, state: stateOfStatus(p.status), status: p.status, lifecycle: await resolveLifecycle(db, p.lifecycle_id), projectRole: role, version: p.version };
  }
  authorize(actor, action, { kind: 'gate', subject: 'proposal', projectRole: null });
  const p = await db.selectFrom('proposals').select(['id', 'name', 'stage', 'gate_state', 'lifecycle_id', 'project_id', 'version']).where('id', '=', id).executeTakeFirst();
  if (!p) throw notFound('proposal');
  const role = p.project_id ? await findProjectRoleOf(db, p.project_id, actor.userId) : null;
  return { kind, id, name: p.name, stage: p.stage, state: p.gate_state, status: null, lifecycle: await resolveLifecycle(db, p.lifecycle_id), projectRole: role, version: p.version };
}

const sumJson = (v: unknown): number => fromJson<number[]>(v).reduce((a, b) => a + b, 0);

/** Which gate fields the subject has (true) or lacks (false); fields its kind does not have are left out. */
async function subjectFacts(db: Kysely<DB>, s: Subject): Promise<Partial<Record<GateField, boolean>>> {
  const linkCol = s.kind === 'project' ? 'project_id' : 'proposal_id';
  const links = await db.selectFrom('objective_links').select(sql<number>`count(*)::int`.as('n')).where(linkCol, '=', s.id).executeTakeFirstOrThrow();
  const proposals =
    s.kind === 'proposal'
      ? await db.selectFrom('proposals').select(['id', 'description', 'capex_cents', 'opex_cents', 'benefits', 'project_id']).where('id', '=', s.id).execute()
      : await db.selectFrom('proposals').select(['id', 'description', 'capex_cents', 'opex_cents', 'benefits', 'project_id']).where('project_id', '=', s.id).execute();
  const businessCase = proposals.some((p) => sumJson(p.capex_cents) + sumJson(p.opex_cents) > 0 && fromJson<unknown[]>(p.benefits).length > 0);
  const scored = proposals.length
    ? Boolean(await db.selectFrom('proposal_scores').select('id').where('proposal_id', 'in', proposals.map((p) => p.id)).limit(1).executeTakeFirst())
    : false;
  const base = { objectives: Number(links.n) > 0, businessCase, score: scored };
  if (s.kind === 'proposal') {
    const p = proposals[0]!;
    return { ...base, description: p.description.trim() !== '', project: p.project_id !== null };
  }
  const p = await db.selectFrom('projects').select(['description', 'manager_id', 'program_id', 'start_date', 'finish_date']).where('id', '=', s.id).executeTakeFirstOrThrow();
  return { ...base, description: p.description.trim() !== '', manager: p.manager_id !== null, program: p.program_id !== null, startDate: p.start_date !== null, finishDate: p.finish_date !== null };
}

/** Roles nobody can hold for this subject: a proposal without a project has no project manager. */
const inapplicableRoles = async (db: Kysely<DB>, s: Subject): Promise<ApproverRole[]> => {
  if (s.kind === 'project') return [];
  const p = await db.selectFrom('proposals').select('project_id').where('id', '=', s.id).executeTakeFirstOrThrow();
  return p.project_id ? [] : ['project_manager'];
};

interface VoteRow {
  role: string;
  approver_id: string;
  approver_name: string;
  verdict: 'approve' | 'reject';
  comment: string;
  updated_at: Date;
}

async function loadVotes(db: Kysely<DB>, reviewId: string): Promise<VoteRow[]> {
  return db
    .selectFrom('gate_approvals as a')
    .innerJoin('users as u', 'u.id', 'a.approver_id')
    .select(['a.role', 'a.approver_id', 'u.display_name as approver_name', 'a.verdict', 'a.comment', 'a.updated_at'])
    .where('a.review_id', '=', reviewId)
    .orderBy('a.updated_at')
    .orderBy('a.id')
    .execute();
}

function gateOf(lc: Lifecycle, key: string): GateDefinition {
  const g = lc.definition.gates.find((x) => x.key === key);
  if (!g) throw new AppError(409, 'gate_removed', `the gate "${key}" is no longer part of the lifecycle "${lc.name}"`);
  return g;
}

/** Everything a review page shows: criteria with their state, approvals with votes, readiness, what the actor may do. */
type ReviewView = Omit<GateReviewResponse, 'id' | 'subject' | 'lifecycleId' | 'gate' | 'status' | 'decision' | 'openedBy' | 'openedAt' | 'version'>;

async function evaluateReview(db: Kysely<DB>, actor: Actor, row: ReviewRow, s: Subject): Promise<{ view: ReviewView; evaluation: GateEvaluation }> {
  const gate = gateOf(s.lifecycle, row.gate_key);
  const checks = fromJson<Record<string, CheckState>>(row.checks);
  const docs = fromJson<DocumentLink[]>(row.documents);
  const votes = await loadVotes(db, row.id);
  const inapplicable = await inapplicableRoles(db, s);
  const evaluation = evaluateGate(gate, {
    fields: await subjectFacts(db, s),
    checks: Object.fromEntries(Object.entries(checks).map(([k, v]) => [k, v.done])),
    documents: Object.fromEntries(gate.criteria.map((c) => [c.id, docs.filter((d) => d.criterionId === c.id).length])),
    votes: votes.map((v) => ({ role: v.role as ApproverRole, verdict: v.verdict })),
    inapplicableRoles: inapplicable,
  });
  const open = row.status === 'open';
  const resource = { subject: s.kind, projectRole: s.projectRole } as const;
  const view: ReviewView = {
    criteria: gate.criteria.map((c, i) => {
      const st = checks[c.id];
      return {
        id: c.id,
        kind: c.kind,
        label: c.label,
        required: c.required,
        field: c.kind === 'field' ? c.field : null,
        status: evaluation.criteria[i]!.status,
        done: c.kind === 'check' ? Boolean(st?.done) : null,
        doneBy: c.kind === 'check' && st ? st.by : null,
        doneAt: c.kind === 'check' && st ? st.at : null,
        note: c.kind === 'check' ? (st?.note ?? null) : null,
        documents: docs.filter((d) => d.criterionId === c.id).map((d) => ({ title: d.title, url: d.url, addedBy: d.addedBy, addedAt: d.addedAt })),
      };
    }),
    approvals: evaluation.approvals.map((a) => ({
      role: a.role,
      status: a.status,
      votes: votes.filter((v) => v.role === a.role).map((v) => ({ approverId: v.approver_id, approverName: v.approver_name, verdict: v.verdict, comment: v.comment, at: v.updated_at.toISOString() })),
      canVote: open && a.status !== 'not-applicable' && canApproveGateAs(actor, a.role, s.projectRole),
    })),
    ready: evaluation.ready,
    missing: evaluation.missing,
    canEdit: open && s.state !== 'stopped' && can(actor, 'update', { kind: 'gate', ...resource }),
    canDecide: open && can(actor, 'create', { kind: 'gate-decision', ...resource }),
  };
  return { view, evaluation };
}

async function userName(db: Kysely<DB>, id: string | null): Promise<string> {
  if (!id) return '';
  return (await db.selectFrom('users').select('display_name').where('id', '=', id).executeTakeFirst())?.display_name ?? '';
}

/** The API view of a review: live for an open one, the stored snapshot for a decided one. */
async function presentReview(db: Kysely<DB>, actor: Actor, row: ReviewRow, s: Subject): Promise<GateReviewResponse> {
  const def = s.lifecycle.definition;
  const gateDef = s.lifecycle.definition.gates.find((g) => g.key === row.gate_key);
  const view: ReviewView = row.status === 'decided' && row.snapshot ? { ...fromJson<ReviewView>(row.snapshot), canEdit: false, canDecide: false } : (await evaluateReview(db, actor, row, s)).view;
  if (row.status === 'decided') view.approvals = view.approvals.map((a) => ({ ...a, canVote: false }));
  return {
    id: row.id,
    subject: { kind: s.kind, id: s.id, name: s.name, stage: s.stage, stageName: stageName(def, s.stage) },
    lifecycleId: row.lifecycle_id,
    gate: { key: row.gate_key, name: gateDef?.name ?? row.gate_key, from: row.from_stage, fromName: stageName(def, row.from_stage), to: row.to_stage, toName: stageName(def, row.to_stage) },
    status: row.status,
    ...view,
    decision:
      row.status === 'decided' && row.decision
        ? { decision: row.decision, comment: row.decision_comment ?? '', stage: row.decided_stage ?? row.from_stage, decidedBy: await userName(db, row.decided_by), decidedAt: row.decided_at!.toISOString() }
        : null,
    openedBy: await userName(db, row.opened_by),
    openedAt: row.opened_at.toISOString(),
    version: row.version,
  };
}

const subjectOf = (row: ReviewRow): { kind: SubjectKind; id: string } => (row.project_id ? { kind: 'project', id: row.project_id } : { kind: 'proposal', id: row.proposal_id! });

async function findReview(db: Kysely<DB>, id: string): Promise<ReviewRow> {
  const row = await db.selectFrom('gate_reviews').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('gate review');
  return row;
}

/** The subject's lifecycle and stage, the gate out of it, the open review and the decided ones (newest first). */
export async function getSubjectGates(db: Kysely<DB>, actor: Actor, kind: SubjectKind, id: string) {
  const s = await loadSubject(db, actor, kind, id, 'read');
  const col = kind === 'project' ? 'project_id' : 'proposal_id';
  const rows = await db.selectFrom('gate_reviews').selectAll().where(col, '=', id).orderBy('opened_at', 'desc').orderBy('id', 'desc').execute();
  const open = rows.find((r) => r.status === 'open') ?? null;
  const gate = nextGate(s.lifecycle.definition, s.stage);
  const history: GateReviewResponse[] = [];
  for (const r of rows.filter((x) => x.status === 'decided')) history.push(await presentReview(db, actor, r, s));
  return {
    subject: { kind, id, name: s.name, stage: s.stage, stageName: stageName(s.lifecycle.definition, s.stage), state: s.state },
    lifecycle: { id: s.lifecycle.id, name: s.lifecycle.name, stages: s.lifecycle.definition.stages, projectStage: projectCreationStage(s.lifecycle.definition) },
    nextGate: gate
      ? {
          key: gate.key,
          name: gate.name,
          to: gate.to,
          toName: stageName(s.lifecycle.definition, gate.to),
          // A go decision on it turns the proposal into a project (unless it already has one).
          createsProject: kind === 'proposal' && !(await proposalHasProject(db, id)) && entersProjectStage(s.lifecycle.definition, s.stage, gate.to),
        }
      : null,
    openReview: open ? await presentReview(db, actor, open, s) : null,
    history,
    canOpen: !open && gate !== null && s.state !== 'stopped' && can(actor, 'update', { kind: 'gate', subject: kind, projectRole: s.projectRole }),
  };
}

async function proposalHasProject(db: Kysely<DB>, id: string): Promise<boolean> {
  const p = await db.selectFrom('proposals').select('project_id').where('id', '=', id).executeTakeFirst();
  return Boolean(p?.project_id);
}

/** Opens a review of the gate out of the subject's current stage (409 when stopped, at the last stage or already open). */
export async function openReview(db: Kysely<DB>, actor: Actor, kind: SubjectKind, id: string): Promise<GateReviewResponse> {
  const reviewId = await db.transaction().execute(async (tx) => {
    const s = await loadSubject(tx, actor, kind, id, 'update');
    // The review refers to its lifecycle by id: the built-in default is stored now if it is not yet.
    await ensureDefaultLifecycle(tx);
    if (s.state === 'stopped') throw new AppError(409, 'subject_stopped', `the ${kind} was stopped at a gate; it cannot go through another one`);
    const gate = nextGate(s.lifecycle.definition, s.stage);
    if (!gate) throw new AppError(409, 'no_gate', `"${stageName(s.lifecycle.definition, s.stage)}" is the last stage: there is no gate out of it`);
    const col = kind === 'project' ? 'project_id' : 'proposal_id';
    const open = await tx.selectFrom('gate_reviews').select('id').where(col, '=', id).where('status', '=', 'open').executeTakeFirst();
    if (open) throw new AppError(409, 'review_open', 'a review of this gate is already open');
    const rid = randomUUID();
    await tx
      .insertInto('gate_reviews')
      .values({ id: rid, project_id: kind === 'project' ? id : null, proposal_id: kind === 'proposal' ? id : null, lifecycle_id: s.lifecycle.id, gate_key: gate.key, from_stage: gate.from, to_stage: gate.to, opened_by: actor.userId })
      .execute();
    await recordChange(tx, { actorId: actor.userId, action: 'opened', entityType: 'gate_review', entityId: rid, projectId: kind === 'project' ? id : null, after: { subject: kind, subjectId: id, gate: gate.key, from: gate.from, to: gate.to }, version: 1 });
    return rid;
  });
  return getReview(db, actor, reviewId);
}

/** One review (404 when its project is hidden from the actor). */
export async function getReview(db: Kysely<DB>, actor: Actor, id: string): Promise<GateReviewResponse> {
  const row = await findReview(db, id);
  const ref = subjectOf(row);
  const s = await loadSubject(db, actor, ref.kind, ref.id, 'read');
  return presentReview(db, actor, row, s);
}

/** Reviews the actor may see (open ones by default), oldest first: the queue of gates waiting for a decision. */
export async function listReviews(db: Kysely<DB>, actor: Actor, query: { status: 'open' | 'decided'; limit: number }): Promise<GateReviewResponse[]> {
  let q = db.selectFrom('gate_reviews as r').selectAll('r').where('r.status', '=', query.status);
  if (!seesAllProjects(actor)) {
    // Members: reviews of projects they belong to; proposal reviews are portfolio-wide.
    q = q.where('r.project_id', 'is not', null).where((eb) => eb.exists(eb.selectFrom('project_members as m').select('m.id').whereRef('m.project_id', '=', 'r.project_id').where('m.user_id', '=', actor.userId)));
  }
  const rows = await q.orderBy(query.status === 'open' ? 'r.opened_at' : 'r.decided_at', query.status === 'open' ? 'asc' : 'desc').orderBy('r.id').limit(query.limit).execute();
  const out: GateReviewResponse[] = [];
  for (const r of rows) {
    const ref = subjectOf(r);
    out.push(await presentReview(db, actor, r, await loadSubject(db, actor, ref.kind, ref.id, 'read')));
  }
  return out;
}

/** Ticks or unticks checklist items and replaces the document links of an open review, at `version`. */
export async function updateReview(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  version: number,
  input: { checks?: { criterionId: string; done: boolean; note?: string }[]; documents?: { criterionId: string; title: string; url: string }[] },
): Promise<GateReviewResponse> {
  await db.transaction().execute(async (tx) => {
    const row = await findReview(tx, id);
    const ref = subjectOf(row);
    const s = await loadSubject(tx, actor, ref.kind, ref.id, 'update');
    if (row.status !== 'open') throw new AppError(409, 'review_closed', 'the review was decided; open a new one to change anything');
    const gate = gateOf(s.lifecycle, row.gate_key);
    const kindOf = new Map(gate.criteria.map((c) => [c.id, c.kind]));
    const now = new Date().toISOString();
    const checks = fromJson<Record<string, CheckState>>(row.checks);
    const before = { checks: { ...checks }, documents: fromJson<DocumentLink[]>(row.documents) };
    for (const c of input.checks ?? []) {
      if (kindOf.get(c.criterionId) !== 'check') throw new AppError(422, 'invalid_criterion', `"${c.criterionId}" is not a checklist item of the gate "${gate.name}"`);
      checks[c.criterionId] = { done: c.done, note: c.note ?? checks[c.criterionId]?.note ?? null, by: actor.displayName, at: now };
    }
    let documents = before.documents;
    if (input.documents) {
      const old = new Map(before.documents.map((d) => [`${d.criterionId} ${d.url}`, d]));
      documents = input.documents.map((d) => {
        if (kindOf.get(d.criterionId) !== 'document') throw new AppError(422, 'invalid_criterion', `"${d.criterionId}" is not a document criterion of the gate "${gate.name}"`);
        const kept = old.get(`${d.criterionId} ${d.url}`);
        return kept ? { ...kept, title: d.title } : { criterionId: d.criterionId, title: d.title, url: d.url, addedBy: actor.displayName, addedAt: now };
      });
    }
    const r = await tx
      .updateTable('gate_reviews')
      .set({ checks: toJson(checks), documents: toJson(documents), version: row.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .where('version', '=', version)
      .returning('version')
      .executeTakeFirst();
    if (!r) throw versionConflict('the gate review');
    await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'gate_review', entityId: id, projectId: row.project_id, before, after: { checks, documents }, version: r.version });
  });
  return getReview(db, actor, id);
}

/** Records the actor's vote in one role (replacing their earlier vote in it); a refusal needs a comment. */
export async function voteOnReview(db: Kysely<DB>, actor: Actor, id: string, input: { role: ApproverRole; verdict: 'approve' | 'reject'; comment: string }): Promise<GateReviewResponse> {
  await db.transaction().execute(async (tx) => {
    const row = await findReview(tx, id);
    const ref = subjectOf(row);
    const s = await loadSubject(tx, actor, ref.kind, ref.id, 'read');
    if (row.status !== 'open') throw new AppError(409, 'review_closed', 'the review was decided; votes are closed');
    const gate = gateOf(s.lifecycle, row.gate_key);
    if (!gate.approvals.includes(input.role)) throw new AppError(422, 'unknown_approval_role', `the gate "${gate.name}" needs no ${input.role.replace(/_/g, ' ')} approval (it needs: ${gate.approvals.join(', ') || 'none'})`);
    if ((await inapplicableRoles(tx, s)).includes(input.role)) throw new AppError(422, 'unknown_approval_role', `nobody can approve as ${input.role.replace(/_/g, ' ')} here`);
    if (!canApproveGateAs(actor, input.role, s.projectRole)) throw forbidden(`only a ${input.role.replace(/_/g, ' ')} may vote in this role`);
    if (input.verdict === 'reject' && input.comment.trim() === '') throw new AppError(422, 'comment_required', 'say why when you refuse an approval');
    const existing = await tx.selectFrom('gate_approvals').selectAll().where('review_id', '=', id).where('role', '=', input.role).where('approver_id', '=', actor.userId).executeTakeFirst();
    if (existing) {
      await tx.updateTable('gate_approvals').set({ verdict: input.verdict, comment: input.comment, version: existing.version + 1, updated_at: new Date() }).where('id', '=', existing.id).execute();
    } else {
      await tx.insertInto('gate_approvals').values({ id: randomUUID(), review_id: id, role: input.role, approver_id: actor.userId, verdict: input.verdict, comment: input.comment }).execute();
    }
    // The review's version moves with every vote, so a decision is always made on the state the decider saw.
    await tx.updateTable('gate_reviews').set({ version: row.version + 1, updated_at: new Date() }).where('id', '=', id).execute();
    await recordChange(tx, {
      actorId: actor.userId,
      action: input.verdict === 'approve' ? 'approved' : 'rejected',
      entityType: 'gate_review',
      entityId: id,
      projectId: row.project_id,
      before: existing ? { role: existing.role, verdict: existing.verdict, comment: existing.comment } : undefined,
      after: { role: input.role, verdict: input.verdict, comment: input.comment },
      version: row.version + 1,
    });
  });
  return getReview(db, actor, id);
}

/**
 * Decides an open review at `version` (428 when absent, checked after authorising): go needs every required criterion met and every approval given (409
 * gate_not_ready listing what is missing); hold, stop and recycle need a comment. The subject's stage and state
 * change in the same transaction (a project on hold gets status on_hold, a stopped one cancelled, and a held one
 * that goes ahead is back on track), and the review keeps a snapshot of what the decision saw.
 */
export async function decideReview(db: Kysely<DB>, actor: Actor, id: string, version: number | null, input: { decision: GateDecision; comment: string; recycleTo?: string }): Promise<GateReviewResponse> {
  await db.transaction().execute(async (tx) => {
    const row = await findReview(tx, id);
    const ref = subjectOf(row);
    const s = await loadSubject(tx, actor, ref.kind, ref.id, 'read');
    authorize(actor, 'create', { kind: 'gate-decision', subject: s.kind, projectRole: s.projectRole });
    if (version === null) throw new AppError(428, 'precondition_required', 'send the review version you decided on in If-Match, so a decision is never made on a stale view');
    if (row.status !== 'open') throw new AppError(409, 'review_closed', 'the review was already decided');
    if (row.version !== version) throw versionConflict('the gate review');
    if (input.decision !== 'go' && input.comment.trim() === '') throw new AppError(422, 'comment_required', `a ${input.decision} decision needs a comment saying why`);
    const gate = gateOf(s.lifecycle, row.gate_key);
    if (s.stage !== row.from_stage) throw new AppError(409, 'stage_changed', `the ${s.kind} is no longer in "${row.from_stage}"`);
    const { view, evaluation } = await evaluateReview(tx, actor, row, s);
    if (input.decision === 'go' && !evaluation.ready) throw new AppError(409, 'gate_not_ready', `the gate "${gate.name}" is not ready: ${evaluation.missing.join('; ')}`);
    const outcome = withDomainErrors(() => decideGate(s.lifecycle.definition, gate, s.stage, input.decision, evaluation, input.recycleTo));
    const now = new Date();
    if (s.kind === 'project') {
      const status: ProjectStatus = outcome.state === 'on_hold' ? 'on_hold' : outcome.state === 'stopped' ? 'cancelled' : s.status === 'on_hold' ? 'on_track' : s.status!;
      const p = await tx.updateTable('projects').set({ stage: outcome.stage, status, version: s.version + 1, updated_at: now }).where('id', '=', s.id).where('version', '=', s.version).returning('version').executeTakeFirst();
      if (!p) throw versionConflict('the project');
      await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'project', entityId: s.id, projectId: s.id, before: { stage: s.stage, status: s.status }, after: { stage: outcome.stage, status, gateReviewId: id, decision: input.decision }, version: p.version });
    } else {
      const proposal = toProposal(await tx.selectFrom('proposals').selectAll().where('id', '=', s.id).executeTakeFirstOrThrow());
      if (input.decision === 'go' && !proposal.projectId && entersProjectStage(s.lifecycle.definition, s.stage, outcome.stage)) {
        // The proposal enters its lifecycle's project stage: it becomes a project now, in this transaction.
        const c = await createProjectForProposal(tx, actor, { ...proposal, version: s.version }, { stage: outcome.stage });
        await linkProposal(tx, actor, { ...proposal, version: s.version }, c, { stage: outcome.stage, gate_state: outcome.state }, { gateReviewId: id, decision: input.decision });
      } else {
        const p = await tx.updateTable('proposals').set({ stage: outcome.stage, gate_state: outcome.state, version: s.version + 1, updated_at: now }).where('id', '=', s.id).where('version', '=', s.version).returning('version').executeTakeFirst();
        if (!p) throw versionConflict('the proposal');
        await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'proposal', entityId: s.id, projectId: null, before: { stage: s.stage, gateState: s.state }, after: { stage: outcome.stage, gateState: outcome.state, gateReviewId: id, decision: input.decision }, version: p.version });
      }
    }
    const snapshot: ReviewView = { ...view, approvals: view.approvals.map((a) => ({ ...a, canVote: false })), canEdit: false, canDecide: false };
    await tx
      .updateTable('gate_reviews')
      .set({ status: 'decided', decision: input.decision, decision_comment: input.comment, decided_stage: outcome.stage, decided_by: actor.userId, decided_at: now, snapshot: toJson(snapshot), version: row.version + 1, updated_at: now })
      .where('id', '=', id)
      .execute();
    await recordChange(tx, {
      actorId: actor.userId,
      action: 'decided',
      entityType: 'gate_review',
      entityId: id,
      projectId: row.project_id,
      after: { decision: input.decision, comment: input.comment, gate: gate.key, from: s.stage, to: outcome.stage, state: outcome.state, missing: evaluation.missing },
      version: row.version + 1,
    });
  });
  return getReview(db, actor, id);
}
