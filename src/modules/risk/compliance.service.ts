/**
 * Compliance checklists per lifecycle stage: a lifecycle's checklist (items keyed by its stage keys), what a
 * project recorded for each item (date, evidence links, note), facts derived from other data (risk register
 * reviews, risk changes, gate decisions), a project's evaluation and the portfolio compliance matrix. The rules
 * are the domain's (evaluateCompliance, buildComplianceMatrix in src/domain/risk/compliance.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { AppError, notFound, versionConflict } from '../../server/errors.js';
import { authorize, can, type Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import { requireProjectAccess } from '../projects/projects.service.js';
import { loadLifecycles, type Lifecycle } from '../portfolio/lifecycles.service.js';
import { evaluateCompliance, validateComplianceChecklist, type ComplianceChecklist, type ComplianceItem } from '../../domain/risk/index.js';
import * as repo from './compliance.repo.js';
import { domain, todayUtc } from './risk.access.js';
import type { ComplianceItemSchema, PutChecklistBody, RecordComplianceBody } from './compliance.schemas.js';

type Item = z.output<typeof ComplianceItemSchema>;

/** The example checklist the standard lifecycle shows until one is saved. */
export const EXAMPLE_CHECKLIST: Item[] = [
  { id: 'business-case', stage: 'approved', title: 'Business case approved at the investment decision', rule: { kind: 'fact', fact: 'gate.investment-decision.passedOn' }, required: true },
  { id: 'charter', stage: 'planning', title: 'Project charter signed', rule: { kind: 'evidence', minEvidence: 1 }, required: true },
  { id: 'dpia', stage: 'planning', title: 'Data-protection impact assessment done', rule: { kind: 'evidence', minEvidence: 1 }, required: true },
  { id: 'risk-review', stage: 'planning', title: 'Risk register reviewed in the last 30 days', rule: { kind: 'recency', maxAgeDays: 30, fact: 'riskRegister.lastReviewedOn' }, required: true },
  { id: 'security-review', stage: 'execution', title: 'Security review passed', rule: { kind: 'attestation' }, required: true },
  { id: 'lessons', stage: 'closing', title: 'Lessons learned recorded', rule: { kind: 'attestation' }, required: true },
];

interface LoadedChecklist {
  lifecycle: Lifecycle;
  items: Item[];
  version: number;
}

/** The checklist of a lifecycle: stored, else the example for the standard lifecycle, else empty (version 0). */
async function checklistOf(db: Kysely<DB>, lifecycle: Lifecycle): Promise<LoadedChecklist> {
  const row = await repo.findChecklist(db, lifecycle.id);
  if (row) return { lifecycle, items: row.items as Item[], version: row.version };
  return { lifecycle, items: lifecycle.key === 'standard' ? EXAMPLE_CHECKLIST : [], version: 0 };
}

/** Items whose stage still exists in the lifecycle (a removed stage takes its items out of evaluations). */
function domainChecklist(c: LoadedChecklist): ComplianceChecklist {
  const stages = c.lifecycle.definition.stages.map((s) => s.key);
  return { stages, items: c.items.filter((i) => stages.includes(i.stage)) as ComplianceItem[] };
}

const presentChecklist = (c: LoadedChecklist) => ({
  lifecycleId: c.lifecycle.id,
  lifecycleName: c.lifecycle.name,
  stages: c.lifecycle.definition.stages.map((s) => ({ key: s.key, name: s.name })),
  gates: c.lifecycle.definition.gates.map((g) => ({ key: g.key, name: g.name, to: g.to })),
  items: c.items,
  version: c.version,
});

async function lifecycleById(db: Kysely<DB>, id: string): Promise<Lifecycle> {
  const lc = (await loadLifecycles(db)).find((l) => l.id === id);
  if (!lc) throw notFound('lifecycle');
  return lc;
}

/** Every lifecycle's checklist (everyone reads them). */
export async function listChecklists(db: Kysely<DB>, actor: Actor) {
  authorize(actor, 'read', { kind: 'lifecycle' });
  const out = [];
  for (const lc of await loadLifecycles(db)) out.push(presentChecklist(await checklistOf(db, lc)));
  return out;
}

/** One lifecycle's checklist. */
export async function getChecklist(db: Kysely<DB>, actor: Actor, lifecycleId: string) {
  authorize(actor, 'read', { kind: 'lifecycle' });
  return presentChecklist(await checklistOf(db, await lifecycleById(db, lifecycleId)));
}

/** Replaces a lifecycle's checklist (admins and the PMO); items must name stages of the lifecycle. */
export async function putChecklist(db: Kysely<DB>, actor: Actor, lifecycleId: string, version: number, body: z.output<typeof PutChecklistBody>) {
  authorize(actor, 'update', { kind: 'lifecycle' });
  await db.transaction().execute(async (tx) => {
    const lc = await lifecycleById(tx, lifecycleId);
    const current = await checklistOf(tx, lc);
    if (current.version !== version) throw versionConflict('the checklist');
    domain(() => validateComplianceChecklist({ stages: lc.definition.stages.map((s) => s.key), items: body.items as ComplianceItem[] }));
    if (current.version === 0) {
      await tx.insertInto('compliance_checklists').values({ lifecycle_id: lc.id, items: JSON.stringify(body.items) }).execute();
    } else {
      const ok = await tx.updateTable('compliance_checklists').set((eb) => ({ items: JSON.stringify(body.items), version: eb('version', '+', 1), updated_at: new Date() })).where('lifecycle_id', '=', lc.id).where('version', '=', version).returning('lifecycle_id').executeTakeFirst();
      if (!ok) throw versionConflict('the checklist');
    }
    await recordChange(tx, { actorId: actor.userId, action: current.version === 0 ? 'created' : 'updated', entityType: 'compliance_checklist', entityId: lc.id, projectId: null, before: current.version === 0 ? undefined : current.items, after: body.items, version: version + 1 });
  });
  return getChecklist(db, actor, lifecycleId);
}

/** The lifecycle a project follows (its own, else the default). */
async function projectLifecycle(db: Kysely<DB>, lifecycleId: string | null): Promise<Lifecycle> {
  const all = await loadLifecycles(db);
  return (lifecycleId ? all.find((l) => l.id === lifecycleId) : undefined) ?? all.find((l) => l.isDefault) ?? all[0]!;
}

/** A project's compliance: every item of its lifecycle's checklist with its status as of today, and the records. */
export async function projectCompliance(db: Kysely<DB>, actor: Actor, projectId: string) {
  const role = await requireProjectAccess(db, actor, projectId, 'read');
  authorize(actor, 'read', { kind: 'gate', subject: 'project', projectRole: role });
  const project = await db.selectFrom('projects').select(['id', 'stage', 'lifecycle_id']).where('id', '=', projectId).executeTakeFirstOrThrow();
  const checklist = await checklistOf(db, await projectLifecycle(db, project.lifecycle_id));
  const dc = domainChecklist(checklist);
  const [records, facts] = await Promise.all([repo.listRecords(db, [projectId]), repo.loadFacts(db, [projectId])]);
  const recordOf = new Map(records.map((r) => [r.item_id, r]));
  const asOf = todayUtc();
  const projectFacts = facts.get(projectId) ?? {};
  const stages = checklist.lifecycle.definition.stages.map((s) => s.key);
  const stage = stages.includes(project.stage) ? project.stage : stages[0]!;
  const e = domain(() => evaluateCompliance(dc, { projectId, stage, records: records.map((r) => ({ itemId: r.item_id, completedOn: r.completed_on, evidenceUrls: r.evidence_urls as string[] })), facts: projectFacts }, asOf));
  const stageName = (key: string) => checklist.lifecycle.definition.stages.find((s) => s.key === key)?.name ?? key;
  const byId = new Map(dc.items.map((i) => [i.id, i as Item]));
  return {
    projectId,
    lifecycleId: checklist.lifecycle.id,
    stage: project.stage,
    stageName: stageName(project.stage),
    asOf,
    compliant: e.compliant,
    percent: e.percent,
    applicableCount: e.applicableCount,
    metCount: e.metCount,
    facts: projectFacts,
    items: e.items.map((r) => {
      const item = byId.get(r.itemId)!;
      const rec = recordOf.get(r.itemId);
      return {
        id: item.id,
        stage: item.stage,
        stageName: stageName(item.stage),
        title: item.title,
        rule: item.rule,
        required: r.required,
        status: r.status,
        ageDays: r.ageDays ?? null,
        record: rec ? { completedOn: rec.completed_on, evidenceUrls: rec.evidence_urls as string[], note: rec.note, recordedByName: rec.recorded_by_name ?? null, updatedAt: rec.updated_at.toISOString(), version: rec.version } : null,
      };
    }),
    canRecord: can(actor, 'update', { kind: 'gate', subject: 'project', projectRole: role }),
  };
}

/**
 * Records what a project did for a checklist item (date, evidence links, note): created on first use, then
 * updated with the record's version (If-Match). Items must be on the project's lifecycle checklist.
 */
export async function recordCompliance(db: Kysely<DB>, actor: Actor, projectId: string, itemId: string, version: number | undefined, body: z.output<typeof RecordComplianceBody>) {
  await db.transaction().execute(async (tx) => {
    const role = await requireProjectAccess(tx, actor, projectId, 'read');
    authorize(actor, 'update', { kind: 'gate', subject: 'project', projectRole: role });
    const project = await tx.selectFrom('projects').select(['lifecycle_id']).where('id', '=', projectId).executeTakeFirstOrThrow();
    const checklist = await checklistOf(tx, await projectLifecycle(tx, project.lifecycle_id));
    if (!domainChecklist(checklist).items.some((i) => i.id === itemId)) throw new AppError(422, 'unknown_item', `"${itemId}" is not an item of the project's compliance checklist`);
    const before = await tx.selectFrom('compliance_records').selectAll().where('project_id', '=', projectId).where('item_id', '=', itemId).executeTakeFirst();
    const values = {
      completed_on: body.completedOn === undefined ? (before?.completed_on ?? null) : body.completedOn,
      evidence_urls: JSON.stringify(body.evidenceUrls ?? (before?.evidence_urls as string[] | undefined) ?? []),
      note: body.note ?? before?.note ?? '',
      recorded_by: actor.userId,
    };
    let after;
    if (!before) {
      after = await tx.insertInto('compliance_records').values({ project_id: projectId, item_id: itemId, ...values }).returningAll().executeTakeFirstOrThrow();
    } else {
      if (version === undefined) throw new AppError(428, 'precondition_required', 'send the record version in If-Match (or as "version") so concurrent changes are never lost');
      after = await tx.updateTable('compliance_records').set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date() })).where('project_id', '=', projectId).where('item_id', '=', itemId).where('version', '=', version).returningAll().executeTakeFirst();
      if (!after) throw versionConflict('the compliance record');
    }
    const view = (r: typeof before) => (r ? { completedOn: r.completed_on, evidenceUrls: r.evidence_urls, note: r.note } : undefined);
    await recordChange(tx, { actorId: actor.userId, action: before ? 'updated' : 'created', entityType: 'compliance_record', entityId: `${projectId}/${itemId}`, projectId, before: view(before), after: view(after), version: after.version });
  });
  return projectCompliance(db, actor, projectId);
}

/** Records today's review of a project's risk register (the fact riskRegister.lastReviewedOn); team members and up. */
export async function reviewRiskRegister(db: Kysely<DB>, actor: Actor, projectId: string, note: string | undefined) {
  const id = await db.transaction().execute(async (tx) => {
    const role = await requireProjectAccess(tx, actor, projectId, 'read');
    authorize(actor, 'update', { kind: 'risk', level: 'project', projectRole: role });
    const row = await repo.insertReview(tx, { id: randomUUID(), project_id: projectId, reviewed_on: todayUtc(), reviewed_by: actor.userId, note: note ?? '' });
    await recordChange(tx, { actorId: actor.userId, action: 'reviewed', entityType: 'risk_register', entityId: projectId, projectId, after: { reviewedOn: row.reviewed_on, note: row.note } });
    return row.id;
  });
  const row = (await repo.listReviews(db, projectId)).find((r) => r.id === id)!;
  return { id: row.id, projectId, reviewedOn: row.reviewed_on, reviewedByName: row.reviewed_by_name ?? null, note: row.note };
}

/** The latest reviews of a project's risk register. */
export async function listRegisterReviews(db: Kysely<DB>, actor: Actor, projectId: string) {
  const role = await requireProjectAccess(db, actor, projectId, 'read');
  authorize(actor, 'read', { kind: 'risk', level: 'project', projectRole: role });
  return (await repo.listReviews(db, projectId)).map((r) => ({ id: r.id, projectId, reviewedOn: r.reviewed_on, reviewedByName: r.reviewed_by_name ?? null, note: r.note }));
}

/** The portfolio compliance matrix: one table per lifecycle, a row per project, a cell per checklist item (portfolio-wide roles). */
export async function complianceMatrix(db: Kysely<DB>, actor: Actor, q: { portfolioId?: string; programId?: string; includeClosed: boolean }) {
  authorize(actor, 'read', { kind: 'risk', level: 'portfolio', projectRole: null });
  const projects = await repo.listMatrixProjects(db, q);
  const ids = projects.map((p) => p.id);
  const [records, facts, lifecycles] = await Promise.all([repo.listRecords(db, ids), repo.loadFacts(db, ids), loadLifecycles(db)]);
  const recordsOf = new Map<string, repo.RecordRow[]>();
  for (const r of records) recordsOf.set(r.project_id, [...(recordsOf.get(r.project_id) ?? []), r]);
  const def = lifecycles.find((l) => l.isDefault) ?? lifecycles[0]!;
  const asOf = todayUtc();
  const tables = new Map<string, { checklist: LoadedChecklist; rows: Array<(typeof projects)[number]> }>();
  for (const p of projects) {
    const lc = (p.lifecycle_id ? lifecycles.find((l) => l.id === p.lifecycle_id) : undefined) ?? def;
    let t = tables.get(lc.id);
    if (!t) tables.set(lc.id, (t = { checklist: await checklistOf(db, lc), rows: [] }));
    t.rows.push(p);
  }
  let compliantCount = 0;
  const out = [...tables.values()].map(({ checklist, rows }) => {
    const dc = domainChecklist(checklist);
    const stages = dc.stages;
    const stageName = (key: string) => checklist.lifecycle.definition.stages.find((s) => s.key === key)?.name ?? key;
    return {
      lifecycleId: checklist.lifecycle.id,
      lifecycleName: checklist.lifecycle.name,
      items: dc.items.map((i) => ({ id: i.id, stage: i.stage, title: i.title, required: i.required !== false })),
      rows: rows.map((p) => {
        const stage = stages.includes(p.stage) ? p.stage : stages[0]!;
        const e = domain(() => evaluateCompliance(dc, { projectId: p.id, stage, records: (recordsOf.get(p.id) ?? []).map((r) => ({ itemId: r.item_id, completedOn: r.completed_on, evidenceUrls: r.evidence_urls as string[] })), facts: facts.get(p.id) }, asOf));
        if (e.compliant) compliantCount++;
        return { projectId: p.id, projectCode: p.code, projectName: p.name, stage: p.stage, stageName: stageName(p.stage), cells: e.items.map((i) => i.status), percent: e.percent, compliant: e.compliant };
      }),
    };
  });
  return { asOf, lifecycles: out, projectCount: projects.length, compliantCount };
}
