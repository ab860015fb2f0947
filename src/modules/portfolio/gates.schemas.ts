/** Zod schemas (and so OpenAPI) of lifecycles and gate reviews. */
import { z } from 'zod';
import { APPROVER_ROLES, GATE_FIELDS } from '../../domain/portfolio/index.js';
import { LongText, Name, Version } from '../../server/schemas.js';

/** A stable stage, gate or criterion key: lower-case letters, digits, _ and -. */
export const StageKey = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, _ or - (at most 64)');
const Label = Name;

export const GateCriterionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ id: StageKey, kind: z.literal('check'), label: Label, required: z.boolean().default(true) }),
  z.strictObject({ id: StageKey, kind: z.literal('field'), label: Label, field: z.enum(GATE_FIELDS), required: z.boolean().default(true) }),
  z.strictObject({ id: StageKey, kind: z.literal('document'), label: Label, required: z.boolean().default(true) }),
]);

export const GateSchema = z.strictObject({
  key: StageKey,
  name: Label,
  from: StageKey,
  to: StageKey,
  criteria: z.array(GateCriterionSchema).max(50).default([]),
  approvals: z.array(z.enum(APPROVER_ROLES)).max(APPROVER_ROLES.length).default([]),
});

export const LifecycleDefinitionSchema = z.strictObject({
  stages: z.array(z.strictObject({ key: StageKey, name: Label })).min(2).max(30),
  gates: z.array(GateSchema).max(29),
  /**
   * The stage in which proposals become projects (a go decision into it creates the project); null: only by the
   * explicit "create project" action. Omitted: "approved" when the lifecycle has it, else "planning".
   */
  projectStage: StageKey.nullable().optional(),
});

export const LifecycleResponse = z
  .object({
    id: z.uuid(),
    key: z.string(),
    name: z.string(),
    description: z.string(),
    isDefault: z.boolean(),
    stages: z.array(z.object({ key: z.string(), name: z.string() })),
    gates: z.array(GateSchema),
    /** The stage in which proposals become projects, as in force (the default rule applied); null: never automatically. */
    projectStage: z.string().nullable(),
    projectCount: z.number().int(),
    proposalCount: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Lifecycle' });
export type LifecycleResponse = z.infer<typeof LifecycleResponse>;

export const CreateLifecycleBody = z.strictObject({
  key: StageKey,
  name: Name,
  description: LongText.optional(),
  definition: LifecycleDefinitionSchema,
});

export const UpdateLifecycleBody = z.strictObject({
  name: Name.optional(),
  description: LongText.optional(),
  definition: LifecycleDefinitionSchema.optional(),
  /** true makes this the default lifecycle (projects and proposals without one keep the previous default). */
  isDefault: z.literal(true).optional(),
  version: Version.optional(),
});

/** Document links are http(s) only, so a link can never run script in the reviewer's browser. */
const HttpUrl = z.url({ protocol: /^https?$/ }).max(2000).describe('an http or https link');

const Vote = z.object({ approverId: z.uuid(), approverName: z.string(), verdict: z.enum(['approve', 'reject']), comment: z.string(), at: z.string() });

export const GateReviewResponse = z
  .object({
    id: z.uuid(),
    subject: z.object({ kind: z.enum(['project', 'proposal']), id: z.uuid(), name: z.string(), stage: z.string(), stageName: z.string() }),
    lifecycleId: z.uuid(),
    gate: z.object({ key: z.string(), name: z.string(), from: z.string(), fromName: z.string(), to: z.string(), toName: z.string() }),
    status: z.enum(['open', 'decided']),
    criteria: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(['check', 'field', 'document']),
        label: z.string(),
        required: z.boolean(),
        field: z.string().nullable(),
        status: z.enum(['met', 'unmet', 'not-applicable']),
        done: z.boolean().nullable(),
        doneBy: z.string().nullable(),
        doneAt: z.string().nullable(),
        note: z.string().nullable(),
        documents: z.array(z.object({ title: z.string(), url: z.string(), addedBy: z.string(), addedAt: z.string() })),
      }),
    ),
    approvals: z.array(z.object({ role: z.string(), status: z.enum(['approved', 'rejected', 'pending', 'not-applicable']), votes: z.array(Vote), canVote: z.boolean() })),
    ready: z.boolean(),
    missing: z.array(z.string()),
    canEdit: z.boolean(),
    canDecide: z.boolean(),
    decision: z
      .object({ decision: z.enum(['go', 'hold', 'stop', 'recycle']), comment: z.string(), stage: z.string(), decidedBy: z.string(), decidedAt: z.string() })
      .nullable(),
    openedBy: z.string(),
    openedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'GateReview' });
export type GateReviewResponse = z.infer<typeof GateReviewResponse>;

export const SubjectGatesResponse = z
  .object({
    subject: z.object({ kind: z.enum(['project', 'proposal']), id: z.uuid(), name: z.string(), stage: z.string(), stageName: z.string(), state: z.enum(['active', 'on_hold', 'stopped']) }),
    /** projectStage: the stage in which proposals become projects (null: only by the explicit action). */
    lifecycle: z.object({ id: z.uuid(), name: z.string(), stages: z.array(z.object({ key: z.string(), name: z.string() })), projectStage: z.string().nullable() }),
    /** createsProject: a go decision on this gate turns the proposal into a project. */
    nextGate: z.object({ key: z.string(), name: z.string(), to: z.string(), toName: z.string(), createsProject: z.boolean() }).nullable(),
    openReview: GateReviewResponse.nullable(),
    history: z.array(GateReviewResponse),
    canOpen: z.boolean(),
  })
  .meta({ id: 'SubjectGates' });

export const ListGateReviewsQuery = z.strictObject({
  status: z.enum(['open', 'decided']).default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export const UpdateGateReviewBody = z.strictObject({
  checks: z.array(z.strictObject({ criterionId: StageKey, done: z.boolean(), note: LongText.max(2000).optional() })).max(50).optional(),
  /** The full list of document links after the change (links not in it are removed). */
  documents: z.array(z.strictObject({ criterionId: StageKey, title: Name, url: HttpUrl })).max(200).optional(),
  version: Version.optional(),
});

export const VoteBody = z.strictObject({
  role: z.enum(APPROVER_ROLES),
  verdict: z.enum(['approve', 'reject']),
  comment: LongText.max(4000).default(''),
});

export const DecideBody = z.strictObject({
  decision: z.enum(['go', 'hold', 'stop', 'recycle']),
  comment: LongText.max(4000).default(''),
  /** recycle only: the stage to rework from (default: the current stage). */
  recycleTo: StageKey.optional(),
  version: Version.optional(),
});
