/** zod schemas of the risk library: templates, lessons from closed projects, project risk profiles, suggestions. */
import { z } from 'zod';
import { LongText, Name, Uuid, Version } from '../../server/schemas.js';
import { Assessment, RiskKindEnum, StrategyEnum } from './risk.schemas.js';

const Tag = z.string().trim().toLowerCase().min(1).max(50).regex(/^[\p{L}\p{N}][\p{L}\p{N} _.-]*$/u, 'letters, digits, space, _ . -');
const ProjectType = Tag;

export const TemplateResponseSchema = z
  .strictObject({ strategy: StrategyEnum, description: Name, effectiveness: z.enum(['proven', 'partial', 'failed']) })
  .meta({ id: 'RiskTemplateResponse' });

export const RiskTemplateResponse = z
  .object({
    id: z.uuid(),
    title: z.string(),
    description: z.string(),
    category: z.string(),
    kind: RiskKindEnum,
    projectTypes: z.array(z.string()),
    tags: z.array(z.string()),
    inherent: Assessment,
    responses: z.array(TemplateResponseSchema),
    sourceProjects: z.array(z.object({ id: z.string(), name: z.string().nullable() })),
    usedCount: z.number().int(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'RiskTemplate' });
export type RiskTemplateResponse = z.infer<typeof RiskTemplateResponse>;

export const ListTemplatesQuery = z.strictObject({ projectType: ProjectType.optional(), tag: Tag.optional(), category: z.string().trim().min(1).max(100).optional() });

const templateFields = {
  title: Name,
  description: LongText.optional(),
  category: z.string().trim().min(1).max(100),
  kind: RiskKindEnum.default('threat'),
  projectTypes: z.array(ProjectType).max(20).default([]),
  tags: z.array(Tag).max(30).default([]),
  inherent: Assessment,
  responses: z.array(TemplateResponseSchema).max(20).default([]),
};

export const CreateTemplateBody = z.strictObject(templateFields);

export const UpdateTemplateBody = z.strictObject({
  title: Name.optional(),
  description: LongText.optional(),
  category: z.string().trim().min(1).max(100).optional(),
  projectTypes: z.array(ProjectType).max(20).optional(),
  tags: z.array(Tag).max(30).optional(),
  inherent: Assessment.optional(),
  responses: z.array(TemplateResponseSchema).max(20).optional(),
  version: Version.optional(),
});

/** A lesson: a risk of a closed project becomes a template, or is folded into an existing one (`templateId`). */
export const LessonBody = z.strictObject({
  projectType: ProjectType,
  tags: z.array(Tag).max(30).default([]),
  responses: z.array(TemplateResponseSchema).min(1).max(20),
  templateId: Uuid.optional(),
});

export const RiskProfileResponse = z.object({ projectId: z.uuid(), projectType: z.string().nullable(), tags: z.array(z.string()), version: z.number().int() }).meta({ id: 'ProjectRiskProfile' });
export const PutProfileBody = z.strictObject({ projectType: ProjectType, tags: z.array(Tag).max(30).default([]), version: z.number().int().min(0).max(2_000_000_000).optional() });

export const SuggestionsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(50).default(10) });
export const SuggestionsResponse = z
  .object({
    profile: RiskProfileResponse,
    items: z.array(z.object({ template: RiskTemplateResponse, score: z.number().int(), reasons: z.array(z.string()) })),
  })
  .meta({ id: 'RiskSuggestions' });

export const FromTemplateBody = z.strictObject({ templateId: Uuid, complianceReference: Name.optional() });
