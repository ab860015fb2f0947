import { z } from 'zod';
import { DateOnly, LongText, Name, Uuid, Version } from '../../server/schemas.js';

/** A stage key of the project's lifecycle (GET /lifecycles): stable text such as 'planning'. */
export const Stage = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'a stage key: lower-case letters, digits, _ or -');
export const Status = z.enum(['on_track', 'at_risk', 'off_track', 'on_hold', 'cancelled', 'completed']);
export const Health = z.enum(['green', 'amber', 'red']);
export const ProjectRoleEnum = z.enum(['project_manager', 'team_member', 'stakeholder']);

/** MS Project's priority scale: 0-1000, default 500; levelling serves higher priorities first. */
export const Priority = z.number().int().min(0).max(1000);

const Code = z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits and . _ - only');

export const ProjectResponse = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    description: z.string(),
    portfolioId: z.uuid(),
    portfolioName: z.string(),
    programId: z.uuid().nullable(),
    programName: z.string().nullable(),
    stage: Stage,
    stageName: z.string(),
    lifecycleId: z.uuid(),
    status: Status,
    health: Health,
    percentComplete: z.number(),
    startDate: z.string().nullable(),
    finishDate: z.string().nullable(),
    priority: Priority.describe('0-1000 (default 500): levelling across projects serves higher priorities first'),
    managerId: z.uuid().nullable(),
    managerName: z.string().nullable(),
    taskCount: z.number().int(),
    myRole: ProjectRoleEnum.nullable(),
    canEdit: z.boolean(),
    canSetPriority: z.boolean().describe('the actor may change the priority (portfolio editors: admin, pmo, portfolio manager)'),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Project' });
export type ProjectResponse = z.infer<typeof ProjectResponse>;

export const ProjectSort = z.enum(['name', '-name', 'code', '-code', 'updatedAt', '-updatedAt', 'startDate', '-startDate', 'finishDate', '-finishDate']);

export const ListProjectsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
  sort: ProjectSort.default('name'),
  portfolioId: Uuid.optional(),
  programId: Uuid.optional(),
  stage: Stage.optional(),
  status: Status.optional(),
  health: Health.optional(),
  managerId: Uuid.optional(),
  q: z.string().max(200).optional(),
});

export const CreateProjectBody = z.strictObject({
  code: Code.optional(),
  name: Name,
  description: LongText.optional(),
  portfolioId: Uuid,
  programId: Uuid.nullable().optional(),
  /** Default: the first stage of the lifecycle. A project placed in a later stage skips its gates (e.g. when migrating). */
  stage: Stage.optional(),
  /** Default: the default lifecycle. */
  lifecycleId: Uuid.optional(),
  status: Status.default('on_track'),
  health: Health.default('green'),
  percentComplete: z.number().min(0).max(100).optional(),
  startDate: DateOnly.nullable().optional(),
  finishDate: DateOnly.nullable().optional(),
  /** 0-1000, default 500 (MS Project's project priority). */
  priority: Priority.optional(),
  managerId: Uuid.nullable().optional(),
});

export const UpdateProjectBody = z.strictObject({
  code: Code.optional(),
  name: Name.optional(),
  description: LongText.optional(),
  portfolioId: Uuid.optional(),
  programId: Uuid.nullable().optional(),
  /** Only the current stage is accepted: a project moves stage through a gate decision (POST /gate-reviews/{id}/decision). */
  stage: Stage.optional(),
  /** Another lifecycle that has the project's current stage; not while a gate review is open. */
  lifecycleId: Uuid.optional(),
  status: Status.optional(),
  health: Health.optional(),
  percentComplete: z.number().min(0).max(100).optional(),
  startDate: DateOnly.nullable().optional(),
  finishDate: DateOnly.nullable().optional(),
  priority: Priority.optional(),
  managerId: Uuid.nullable().optional(),
  version: Version.optional(),
});

export const MemberResponse = z
  .object({ id: z.uuid(), projectId: z.uuid(), userId: z.uuid(), username: z.string(), displayName: z.string(), role: ProjectRoleEnum, version: z.number().int() })
  .meta({ id: 'ProjectMember' });

export const AddMemberBody = z.strictObject({ userId: Uuid, role: ProjectRoleEnum });
export const UpdateMemberBody = z.strictObject({ role: ProjectRoleEnum, version: Version.optional() });
export const MemberParams = z.strictObject({ id: Uuid, memberId: Uuid });

export const AuditEntryResponse = z
  .object({
    id: z.string(),
    at: z.string(),
    actorId: z.uuid().nullable(),
    actorName: z.string().nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .meta({ id: 'AuditEntry' });

export const ActivityQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) });
