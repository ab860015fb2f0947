/** Zod schemas (request and response, named for OpenAPI) of resource management, capacity and levelling. */
import { z } from 'zod';
import { DateOnly, LongText, Name, Uuid, Version } from '../../server/schemas.js';

export const RoleResponse = z.object({ id: z.uuid(), name: z.string(), version: z.number().int() }).meta({ id: 'Role' });
export const SkillResponse = z.object({ id: z.uuid(), name: z.string(), version: z.number().int() }).meta({ id: 'Skill' });
export const CreateNamedBody = z.strictObject({ name: Name });

export const NonProjectTimeResponse = z
  .object({ id: z.uuid(), personId: z.uuid(), from: z.string(), to: z.string(), reason: z.string(), version: z.number().int() })
  .meta({ id: 'NonProjectTime' });
export const CreateNonProjectTimeBody = z
  .strictObject({ from: DateOnly, to: DateOnly, reason: Name.optional() })
  .refine((b) => b.to >= b.from, { message: 'to must not be before from', path: ['to'] });

export const CapacityFields = {
  minutesPerWeek: z.number().int().min(0).max(10_080),
  partTimePercent: z.number().int().min(0).max(100),
  calendarUid: z.number().int().min(0).max(2_000_000_000).nullable(),
};
export const ResourceProfileResponse = z
  .object({
    personId: z.uuid(),
    ...CapacityFields,
    version: z.number().int(),
    roles: z.array(RoleResponse),
    skills: z.array(z.object({ skillId: z.uuid(), name: z.string(), proficiency: z.number().int() })),
    nonProjectTime: z.array(NonProjectTimeResponse),
  })
  .meta({ id: 'ResourceProfile' });
export const UpdateProfileBody = z.strictObject({
  minutesPerWeek: CapacityFields.minutesPerWeek.optional(),
  partTimePercent: CapacityFields.partTimePercent.optional(),
  calendarUid: CapacityFields.calendarUid.optional(),
  roleIds: z.array(Uuid).max(100).optional(),
  skills: z.array(z.strictObject({ skillId: Uuid, proficiency: z.number().int().min(1).max(5) })).max(200).optional(),
  version: Version.optional(),
});

export const AssignmentResponse = z
  .object({
    id: z.uuid(),
    projectId: z.uuid(),
    taskId: z.uuid(),
    personId: z.uuid().nullable(),
    roleId: z.uuid().nullable(),
    unitsPercent: z.number().int(),
    workMinutes: z.number().int(),
    version: z.number().int(),
  })
  .meta({ id: 'Assignment' });
const Units = z.number().int().min(1).max(10_000);
const Work = z.number().int().min(0).max(1_000_000_000);
export const CreateAssignmentBody = z
  .strictObject({ taskId: Uuid, personId: Uuid.optional(), roleId: Uuid.optional(), unitsPercent: Units.default(100), workMinutes: Work.optional() })
  .refine((b) => (b.personId === undefined) !== (b.roleId === undefined), { message: 'give exactly one of personId and roleId', path: ['personId'] });
export const UpdateAssignmentBody = z.strictObject({ unitsPercent: Units.optional(), workMinutes: Work.optional(), version: Version.optional() });

export const CapacityQuery = z.strictObject({
  from: DateOnly,
  weeks: z.coerce.number().int().min(1).max(104).default(12),
  groupBy: z.enum(['person', 'role']).default('person'),
});
export const CapacityResponse = z
  .object({
    from: z.string(),
    weeks: z.array(z.string()).describe('Monday of each week'),
    groupBy: z.enum(['person', 'role']),
    rows: z.array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        capacityMinutes: z.array(z.number()),
        demandMinutes: z.array(z.number()),
        utilisation: z.array(z.number().nullable()).describe('demand / capacity; null when there is no capacity'),
      }),
    ),
  })
  .meta({ id: 'CapacityGrid' });
export const CapacityAssignmentsQuery = z.strictObject({ personId: Uuid, from: DateOnly, to: DateOnly });
export const CapacityAssignmentResponse = z
  .object({
    id: z.uuid(),
    projectId: z.uuid(),
    projectName: z.string(),
    taskId: z.uuid(),
    taskName: z.string(),
    start: z.string().nullable(),
    finish: z.string().nullable(),
    unitsPercent: z.number().int(),
    workMinutes: z.number().int(),
  })
  .meta({ id: 'CapacityAssignment' });

export const LevelingStrategy = z.enum(['priority', 'optimize']);
export const LevelingPreviewBody = z.strictObject({ projectIds: z.array(Uuid).min(1).max(500), strategy: LevelingStrategy.default('priority') });
export const LevelingChange = z.object({
  taskId: z.uuid(),
  projectId: z.uuid(),
  name: z.string(),
  version: z.number().int(),
  oldStart: z.string(),
  oldFinish: z.string(),
  newStart: z.string(),
  newFinish: z.string(),
  delayDays: z.number().int(),
});
export const LevelingPreviewResponse = z
  .object({
    previewToken: z.string().describe('Send to /leveling/apply; it changes when any levelled input changes'),
    origin: z.string().describe('Date of period 0 (working days count from here)'),
    changes: z.array(LevelingChange),
    conflicts: z.array(z.object({ type: z.string(), taskId: z.string().nullable(), message: z.string() })),
    stats: z.object({ tasks: z.number().int(), resources: z.number().int(), delayedTasks: z.number().int(), makespanDays: z.number().int(), unleveledMakespanDays: z.number().int() }),
  })
  .meta({ id: 'LevelingPreview' });
export const LevelingApplyBody = z.strictObject({ projectIds: z.array(Uuid).min(1).max(500), strategy: LevelingStrategy.default('priority'), previewToken: z.string().min(1).max(200) });
export const LevelingApplyResponse = z.object({ applied: z.number().int(), changes: z.array(LevelingChange) }).meta({ id: 'LevelingApplied' });

export const StaffingStatus = z.enum(['requested', 'proposed', 'filled', 'rejected']);
export const StaffingRequestResponse = z
  .object({
    id: z.uuid(),
    projectId: z.uuid(),
    assignmentId: z.uuid(),
    roleId: z.uuid().nullable(),
    status: StaffingStatus,
    personId: z.uuid().nullable(),
    note: z.string(),
    requestedBy: z.uuid().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'StaffingRequest' });
export const CreateStaffingRequestBody = z.strictObject({ assignmentId: Uuid, note: LongText.optional() });
export const UpdateStaffingRequestBody = z.strictObject({ status: z.enum(['proposed', 'filled', 'rejected']), personId: Uuid.optional(), note: LongText.optional(), version: Version.optional() });
export const StaffingListQuery = z.strictObject({ status: StaffingStatus.optional() });
