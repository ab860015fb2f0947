/**
 * The risk library: templates (a risk with the responses that worked) learnt from closed projects, curated by
 * portfolio editors and suggested to new projects of the same type (a project's risk profile gives its type
 * and tags). The rules are the domain's: createRiskTemplate, mergeIntoTemplate, suggestRiskTemplates.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import type { DB, RiskTemplatesTable } from '../../db/schema.js';
import { AppError, notFound, versionConflict } from '../../server/errors.js';
import { authorize, type Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import { requireProjectAccess } from '../projects/projects.service.js';
import { loadLifecycles } from '../portfolio/lifecycles.service.js';
import {
  createRiskTemplate,
  isStrategyAllowed,
  mergeIntoTemplate,
  suggestRiskTemplates,
  validateAssessment,
  type RiskAssessment,
  type RiskTemplate,
  type TemplateResponse,
} from '../../domain/risk/index.js';
import * as repo from './risk.repo.js';
import { domain, requireRiskAccess } from './risk.access.js';
import { loadRiskMatrix, toRiskEntry } from './risk.present.js';
import { insertProjectRisk, readRisk } from './risk.service.js';
import type { CreateTemplateBody, FromTemplateBody, LessonBody, PutProfileBody, RiskTemplateResponse, UpdateTemplateBody } from './risk-library.schemas.js';

type Row = Selectable<RiskTemplatesTable>;

const toTemplate = (r: Row): RiskTemplate => ({
  id: r.id,
  title: r.title,
  description: r.description,
  category: r.category,
  kind: r.kind,
  projectTypes: r.project_types as string[],
  tags: r.tags as string[],
  inherent: r.inherent as RiskAssessment,
  responses: r.responses as TemplateResponse[],
  sourceProjectIds: r.source_project_ids as string[],
});

async function present(db: Kysely<DB>, rows: Row[]): Promise<RiskTemplateResponse[]> {
  const projectIds = [...new Set(rows.flatMap((r) => r.source_project_ids as string[]))];
  const [names, used] = await Promise.all([
    projectIds.length ? db.selectFrom('projects').select(['id', 'name']).where('id', 'in', projectIds).execute() : Promise.resolve([]),
    rows.length ? db.selectFrom('risks').select(['template_id', (eb) => eb.fn.countAll<number>().as('n')]).where('template_id', 'in', rows.map((r) => r.id)).groupBy('template_id').execute() : Promise.resolve([]),
  ]);
  const nameOf = new Map(names.map((p) => [p.id, p.name]));
  const usedOf = new Map(used.map((u) => [u.template_id!, Number(u.n)]));
  return rows.map((r) => {
    const t = toTemplate(r);
    return {
      id: t.id, title: t.title, description: t.description ?? '', category: t.category, kind: t.kind, projectTypes: t.projectTypes, tags: t.tags,
      inherent: t.inherent as RiskTemplateResponse['inherent'], responses: t.responses, sourceProjects: t.sourceProjectIds.map((id) => ({ id, name: nameOf.get(id) ?? null })),
      usedCount: usedOf.get(t.id) ?? 0, version: r.version, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
    };
  });
}

const auditTemplate = (t: RiskTemplate) => ({ title: t.title, category: t.category, kind: t.kind, projectTypes: t.projectTypes, tags: t.tags, inherent: t.inherent, responses: t.responses, sourceProjectIds: t.sourceProjectIds });

/** Checks a template against the matrix and its responses against its kind (422 naming the field). */
async function validateTemplate(db: Kysely<DB>, t: RiskTemplate): Promise<void> {
  const { matrix } = await loadRiskMatrix(db);
  domain(() => validateAssessment(matrix, t.inherent, 'inherent'));
  t.responses.forEach((r, i) => {
    if (!isStrategyAllowed(t.kind, r.strategy)) throw new AppError(422, 'risk_strategy_not_allowed', `responses[${i}].strategy: "${r.strategy}" does not apply to a ${t.kind}`, [{ path: `responses.${i}.strategy`, message: `"${r.strategy}" does not apply to a ${t.kind}` }]);
  });
}

const columns = (t: RiskTemplate) => ({
  title: t.title, description: t.description ?? '', category: t.category, kind: t.kind, project_types: JSON.stringify([...new Set(t.projectTypes)].sort()),
  tags: JSON.stringify([...new Set(t.tags)].sort()), inherent: JSON.stringify(t.inherent), responses: JSON.stringify(t.responses), source_project_ids: JSON.stringify(t.sourceProjectIds),
});

/** Library templates, optionally for a project type, a tag or a category (everyone reads the library). */
export async function listTemplates(db: Kysely<DB>, actor: Actor, q: { projectType?: string; tag?: string; category?: string }) {
  authorize(actor, 'read', { kind: 'risk-library' });
  const rows = (await db.selectFrom('risk_templates').selectAll().orderBy('title').orderBy('id').execute()).filter(
    (r) => (!q.projectType || (r.project_types as string[]).includes(q.projectType)) && (!q.tag || (r.tags as string[]).includes(q.tag)) && (!q.category || r.category === q.category),
  );
  return present(db, rows);
}

async function readTemplate(db: Kysely<DB>, id: string): Promise<RiskTemplateResponse> {
  const row = await db.selectFrom('risk_templates').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('risk template');
  return (await present(db, [row]))[0]!;
}

/** One template. */
export async function getTemplate(db: Kysely<DB>, actor: Actor, id: string) {
  authorize(actor, 'read', { kind: 'risk-library' });
  return readTemplate(db, id);
}

/** Adds a template by hand (portfolio editors). */
export async function createTemplate(db: Kysely<DB>, actor: Actor, input: z.output<typeof CreateTemplateBody>) {
  authorize(actor, 'create', { kind: 'risk-library' });
  const id = randomUUID();
  await db.transaction().execute(async (tx) => {
    const t: RiskTemplate = { id, title: input.title, description: input.description ?? '', category: input.category, kind: input.kind, projectTypes: input.projectTypes, tags: input.tags, inherent: input.inherent as RiskAssessment, responses: input.responses, sourceProjectIds: [] };
    await validateTemplate(tx, t);
    await tx.insertInto('risk_templates').values({ id, ...columns(t) }).execute();
    await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'risk_template', entityId: id, projectId: null, after: auditTemplate(t), version: 1 });
  });
  return readTemplate(db, id);
}

/** Updates a template if `version` is current. */
export async function updateTemplate(db: Kysely<DB>, actor: Actor, id: string, version: number, patch: Omit<z.output<typeof UpdateTemplateBody>, 'version'>) {
  authorize(actor, 'update', { kind: 'risk-library' });
  await db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('risk_templates').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('risk template');
    const before = toTemplate(row);
    const after: RiskTemplate = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as RiskTemplate;
    await validateTemplate(tx, after);
    const ok = await tx.updateTable('risk_templates').set((eb) => ({ ...columns(after), version: eb('version', '+', 1), updated_at: new Date() })).where('id', '=', id).where('version', '=', version).returning('id').executeTakeFirst();
    if (!ok) throw versionConflict('the risk template');
    await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'risk_template', entityId: id, projectId: null, before: auditTemplate(before), after: auditTemplate(after), version: version + 1 });
  });
  return readTemplate(db, id);
}

/** Deletes a template if `version` is current (risks created from it keep their content). */
export async function deleteTemplate(db: Kysely<DB>, actor: Actor, id: string, version: number) {
  authorize(actor, 'delete', { kind: 'risk-library' });
  await db.transaction().execute(async (tx) => {
    const row = await tx.deleteFrom('risk_templates').where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
    if (!row) {
      const exists = await tx.selectFrom('risk_templates').select('id').where('id', '=', id).executeTakeFirst();
      throw exists ? versionConflict('the risk template') : notFound('risk template');
    }
    await recordChange(tx, { actorId: actor.userId, action: 'deleted', entityType: 'risk_template', entityId: id, projectId: null, before: auditTemplate(toTemplate(row)) });
  });
}

/**
 * Turns a risk of a closed project into a library template with the responses that worked, or folds it into
 * an existing template (`templateId`: adds the project type, tags, new responses and the source project).
 * "Closed": the project is completed or cancelled, or in the last stage of its lifecycle, or the risk is closed.
 */
export async function captureLesson(db: Kysely<DB>, actor: Actor, riskId: string, input: z.output<typeof LessonBody>) {
  authorize(actor, 'create', { kind: 'risk-library' });
  const id = await db.transaction().execute(async (tx) => {
    const risk = await repo.findRisk(tx, riskId);
    if (!risk) throw notFound('risk');
    await requireRiskAccess(tx, actor, risk, 'read');
    if (risk.level !== 'project') throw new AppError(422, 'not_a_project_risk', 'lessons come from project risks');
    const project = await tx.selectFrom('projects').select(['status', 'stage', 'lifecycle_id']).where('id', '=', risk.project_id!).executeTakeFirstOrThrow();
    const lifecycles = await loadLifecycles(tx);
    const lc = (project.lifecycle_id ? lifecycles.find((l) => l.id === project.lifecycle_id) : undefined) ?? lifecycles.find((l) => l.isDefault);
    const lastStage = lc?.definition.stages.at(-1)?.key;
    const closed = project.status === 'completed' || project.status === 'cancelled' || project.stage === lastStage || risk.status === 'closed';
    if (!closed) throw new AppError(422, 'project_not_closed', 'lessons are taken from closed risks or from completed, cancelled or closed projects');
    const lesson = domain(() => createRiskTemplate(toRiskEntry(risk), { templateId: input.templateId ?? randomUUID(), projectType: input.projectType, tags: input.tags, responses: input.responses }));
    if (input.templateId) {
      const row = await tx.selectFrom('risk_templates').selectAll().where('id', '=', input.templateId).executeTakeFirst();
      if (!row) throw new AppError(422, 'invalid_reference', 'the template does not exist');
      const before = toTemplate(row);
      if (before.kind !== lesson.kind) throw new AppError(422, 'invalid_reference', `a ${lesson.kind} cannot be folded into a template for a ${before.kind}`);
      const merged = mergeIntoTemplate(before, lesson);
      await tx.updateTable('risk_templates').set((eb) => ({ ...columns(merged), version: eb('version', '+', 1), updated_at: new Date() })).where('id', '=', row.id).execute();
      await recordChange(tx, { actorId: actor.userId, action: 'lesson-merged', entityType: 'risk_template', entityId: row.id, projectId: risk.project_id, before: auditTemplate(before), after: auditTemplate(merged), version: row.version + 1 });
      return row.id;
    }
    await validateTemplate(tx, lesson);
    await tx.insertInto('risk_templates').values({ id: lesson.id, ...columns(lesson) }).execute();
    await recordChange(tx, { actorId: actor.userId, action: 'lesson-captured', entityType: 'risk_template', entityId: lesson.id, projectId: risk.project_id, after: auditTemplate(lesson), version: 1 });
    return lesson.id;
  });
  return readTemplate(db, id);
}

async function readProfile(db: Kysely<DB>, projectId: string) {
  const row = await db.selectFrom('project_risk_profiles').selectAll().where('project_id', '=', projectId).executeTakeFirst();
  return { projectId, projectType: row?.project_type ?? null, tags: (row?.tags as string[] | undefined) ?? [], version: row?.version ?? 0 };
}

/** A project's risk profile (type and tags; version 0 while none is set). */
export async function getProfile(db: Kysely<DB>, actor: Actor, projectId: string) {
  const role = await requireProjectAccess(db, actor, projectId, 'read');
  authorize(actor, 'read', { kind: 'risk', level: 'project', projectRole: role });
  return readProfile(db, projectId);
}

/** Sets a project's type and tags (who may change its risks); `version` is the one read (0 for a first save). */
export async function putProfile(db: Kysely<DB>, actor: Actor, projectId: string, version: number, input: z.output<typeof PutProfileBody>) {
  await db.transaction().execute(async (tx) => {
    const role = await requireProjectAccess(tx, actor, projectId, 'read');
    authorize(actor, 'update', { kind: 'risk', level: 'project', projectRole: role });
    const before = await readProfile(tx, projectId);
    if (before.version !== version) throw versionConflict('the risk profile');
    const tags = JSON.stringify([...new Set(input.tags)].sort());
    if (before.version === 0) await tx.insertInto('project_risk_profiles').values({ project_id: projectId, project_type: input.projectType, tags }).execute();
    else {
      const ok = await tx.updateTable('project_risk_profiles').set((eb) => ({ project_type: input.projectType, tags, version: eb('version', '+', 1), updated_at: new Date() })).where('project_id', '=', projectId).where('version', '=', version).returning('project_id').executeTakeFirst();
      if (!ok) throw versionConflict('the risk profile');
    }
    await recordChange(tx, { actorId: actor.userId, action: before.version === 0 ? 'created' : 'updated', entityType: 'project_risk_profile', entityId: projectId, projectId, before: before.version === 0 ? undefined : { projectType: before.projectType, tags: before.tags }, after: { projectType: input.projectType, tags: JSON.parse(tags) }, version: version + 1 });
  });
  return readProfile(db, projectId);
}

/** Templates suggested to a project from its profile, best first, leaving out those it already used. */
export async function suggestTemplates(db: Kysely<DB>, actor: Actor, projectId: string, limit: number) {
  const role = await requireProjectAccess(db, actor, projectId, 'read');
  authorize(actor, 'read', { kind: 'risk', level: 'project', projectRole: role });
  const profile = await readProfile(db, projectId);
  if (!profile.projectType) return { profile, items: [] };
  const [rows, used] = await Promise.all([
    db.selectFrom('risk_templates').selectAll().execute(),
    db.selectFrom('risks').select('template_id').where('project_id', '=', projectId).where('template_id', 'is not', null).execute(),
  ]);
  const suggestions = suggestRiskTemplates(rows.map(toTemplate), { projectType: profile.projectType, tags: profile.tags, usedTemplateIds: used.map((u) => u.template_id!) }, limit);
  const presented = new Map((await present(db, rows.filter((r) => suggestions.some((s) => s.template.id === r.id)))).map((t) => [t.id, t]));
  return { profile, items: suggestions.map((s) => ({ template: presented.get(s.template.id)!, score: s.score, reasons: s.reasons })) };
}

/**
 * Records a project risk from a template: its title, description, category, kind and typical assessment, the
 * first proven (else partial) response as the strategy, and one open action per response that did not fail.
 */
export async function createRiskFromTemplate(db: Kysely<DB>, actor: Actor, projectId: string, body: z.output<typeof FromTemplateBody>) {
  const id = await db.transaction().execute(async (tx) => {
    const role = await requireProjectAccess(tx, actor, projectId, 'read');
    authorize(actor, 'create', { kind: 'risk', level: 'project', projectRole: role });
    const row = await tx.selectFrom('risk_templates').selectAll().where('id', '=', body.templateId).executeTakeFirst();
    if (!row) throw new AppError(422, 'invalid_reference', 'the template does not exist');
    const t = toTemplate(row);
    const useful = t.responses.filter((r) => r.effectiveness !== 'failed');
    const best = useful.find((r) => r.effectiveness === 'proven') ?? useful[0];
    const riskId = await insertProjectRisk(
      tx, actor, projectId,
      { kind: t.kind, title: t.title, description: t.description, category: t.category, complianceReference: body.complianceReference ?? null, inherent: t.inherent as never, status: 'open', responseStrategy: best?.strategy ?? null },
      { templateId: t.id },
    );
    for (const r of useful) {
      const title = `${r.strategy}: ${r.description}`.slice(0, 200);
      const action = await repo.insertAction(tx, { id: randomUUID(), risk_id: riskId, title, owner_id: null, due_date: null, status: 'open', progress_percent: 0 });
      await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'risk_action', entityId: action.id, projectId, after: { riskId, title, fromTemplate: t.id }, version: 1 });
    }
    return riskId;
  });
  return readRisk(db, actor, id);
}
