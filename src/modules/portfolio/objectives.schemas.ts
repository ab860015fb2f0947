/** Zod schemas (and so OpenAPI) of strategic objectives, key results and their links to projects and proposals. */
import { z } from 'zod';
import { DateOnly, LongText, Name, Uuid, Version } from '../../server/schemas.js';

const Weight = z.number().min(0).max(1_000_000);
const Amount = z.number().min(-1e12).max(1e12);

export const KeyResultResponse = z
  .object({
    id: z.uuid(),
    objectiveId: z.uuid(),
    name: z.string(),
    unit: z.string(),
    start: z.number(),
    target: z.number(),
    actual: z.number(),
    dueDate: z.string().nullable(),
    weight: z.number(),
    /** (actual - start) / (target - start), clamped to 0..1. */
    progress: z.number(),
    version: z.number().int(),
  })
  .meta({ id: 'KeyResult' });

export const ObjectiveLinkResponse = z
  .object({
    id: z.uuid(),
    objectiveId: z.uuid(),
    kind: z.enum(['project', 'proposal']),
    targetId: z.uuid(),
    name: z.string(),
    contributionWeight: z.number(),
    /**
     * For a proposal's link: the project the proposal became (or was linked to), else null. Such a link stays as the
     * record of what was approved but counts through the project, so it is left out of `alignment`.
     */
    becameProjectId: z.uuid().nullable(),
  })
  .meta({ id: 'ObjectiveLink' });

export const ObjectiveResponse = z
  .object({
    id: z.uuid(),
    parentId: z.uuid().nullable(),
    name: z.string(),
    description: z.string(),
    weight: z.number(),
    ownerId: z.uuid().nullable(),
    ownerName: z.string().nullable(),
    /** Depth in the tree (0 = top level); the list is in tree order. */
    depth: z.number().int(),
    /** Rolled-up progress 0..1: weighted mean of its key results and child objectives. */
    progress: z.number(),
    /** Share of the whole strategy: product of normalised sibling weights down the tree. */
    globalWeight: z.number(),
    keyResults: z.array(KeyResultResponse),
    links: z.array(ObjectiveLinkResponse),
    version: z.number().int(),
  })
  .meta({ id: 'Objective' });
export type ObjectiveResponse = z.infer<typeof ObjectiveResponse>;

export const ObjectivesResponse = z
  .object({
    items: z.array(ObjectiveResponse),
    /**
     * Strategic alignment 0..1 of every linked project and proposal (sum of normalised contribution x global weight);
     * a proposal that became a project is counted once, as the project.
     */
    alignment: z.array(z.object({ kind: z.enum(['project', 'proposal']), id: z.uuid(), name: z.string(), alignment: z.number() })),
  })
  .meta({ id: 'Objectives' });

export const CreateObjectiveBody = z.strictObject({
  name: Name,
  description: LongText.optional(),
  parentId: Uuid.nullable().optional(),
  weight: Weight.default(1),
  ownerId: Uuid.nullable().optional(),
});

export const UpdateObjectiveBody = z.strictObject({
  name: Name.optional(),
  description: LongText.optional(),
  parentId: Uuid.nullable().optional(),
  weight: Weight.optional(),
  ownerId: Uuid.nullable().optional(),
  version: Version.optional(),
});

export const CreateKeyResultBody = z.strictObject({
  name: Name,
  unit: z.string().trim().max(40).default(''),
  start: Amount.default(0),
  target: Amount,
  actual: Amount.optional(),
  dueDate: DateOnly.nullable().optional(),
  weight: Weight.default(1),
});

export const UpdateKeyResultBody = z.strictObject({
  name: Name.optional(),
  unit: z.string().trim().max(40).optional(),
  start: Amount.optional(),
  target: Amount.optional(),
  actual: Amount.optional(),
  dueDate: DateOnly.nullable().optional(),
  weight: Weight.optional(),
  version: Version.optional(),
});

export const CreateLinkBody = z
  .strictObject({ projectId: Uuid.optional(), proposalId: Uuid.optional(), contributionWeight: Weight.default(1) })
  .refine((b) => (b.projectId === undefined) !== (b.proposalId === undefined), 'give exactly one of projectId and proposalId');
