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

export const LevelingStrategy = z.enum(['priority', 'optimize']);
const AllowSplits = z.boolean().default(false).describe('Let levelling split tasks (except those marked canSplit: false) at period boundaries to use free capacity');
const ProjectOrder = z
  .enum(['priority', 'given'])
  .default('priority')
  .describe("How projects rank: 'priority' = their stored priorities (higher first; equal priorities are levelled together), 'given' = the order of projectIds (first = most important) overrides them");
export const LevelingPreviewBody = z.strictObject({ projectIds: z.array(Uuid).min(1).max(500), projectOrder: ProjectOrder, strategy: LevelingStrategy.default('priority'), allowSplits: AllowSplits });
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
  pieces: z.array(z.object({ start: z.string(), finish: z.string() })).nullable().describe('The pieces of a task levelling split; null = whole'),
});
export const LevelingPreviewResponse = z
  .object({
    previewToken: z.string().describe('Send to /leveling/apply; it changes when any levelled input changes'),
    origin: z.string().describe('Date of period 0 (working days count from here)'),
    changes: z.array(LevelingChange),
    conflicts: z.array(
      z.object({
        type: z.enum(['demand-exceeds-capacity', 'no-capacity-window', 'fixed-start-overload', 'fixed-start-link-violated', 'deadline-missed']),
        taskId: z.string(),
        projectId: z.uuid().nullable(),
        resourceName: z.string().nullable().describe('The person or role the conflict is about, if any'),
        message: z.string(),
      }),
    ),
    load: z
      .object({
        weeks: z.array(z.string()).describe('Monday of each week, from the week of the origin (at most 104)'),
        otherProjectsHidden: z.boolean().describe('True for a caller who may not see every project: capacityDays is then what other projects leave, and otherProjectsDays is 0'),
        resources: z.array(
          z.object({
            kind: z.enum(['person', 'role']),
            id: z.uuid(),
            name: z.string(),
            capacityDays: z.array(z.number()).describe('Capacity per week in person-days (1 = a full-time working day)'),
            otherProjectsDays: z.array(z.number()).describe('Load per week of projects outside this run (taken before levelling)'),
            beforeDays: z.array(z.number()).describe('Load per week of the levelled tasks now'),
            afterDays: z.array(z.number()).describe('Load per week of the levelled tasks after levelling'),
            overDaysBefore: z.number().int().describe('Working days on which the levelled tasks and other projects exceed capacity now'),
            overDaysAfter: z.number().int().describe('... and after levelling'),
          }),
        ),
      })
      .describe('Load histogram before and after, per person and role pool (the 200 most over-allocated)'),
    stats: z.object({ tasks: z.number().int(), resources: z.number().int(), delayedTasks: z.number().int(), makespanDays: z.number().int(), unleveledMakespanDays: z.number().int(), splitTasks: z.number().int() }),
  })
  .meta({ id: 'LevelingPreview' });
export const LevelingApplyBody = z.strictObject({ projectIds: z.array(Uuid).min(1).max(500), projectOrder: ProjectOrder, strategy: LevelingStrategy.default('priority'), allowSplits: AllowSplits, previewToken: z.string().min(1).max(200) });
export const LevelingOptionsResponse = z.object({ taskId: z.uuid(), canSplit: z.boolean(), split: z.boolean().describe('levelling split the task (its pieces are valid)'), version: z.number().int() }).meta({ id: 'TaskLevelingOptions' });
export const LevelingOptionsBody = z.strictObject({ canSplit: z.boolean(), version: Version.optional() });
export const LevelingApplyResponse = z.object({ applied: z.number().int(), changes: z.array(LevelingChange) }).meta({ id: 'LevelingApplied' });

export const StaffingStatus = z.enum(['requested', 'proposed', 'filled', 'rejected', 'cancelled']);
export const StaffingRequestResponse = z
  .object({
    id: z.uuid(),
    projectId: z.uuid(),
    assignmentId: z.uuid(),
    roleId: z.uuid().nullable(),
    status: StaffingStatus,
    nextSteps: z.array(StaffingStatus).describe('The statuses the caller may move the request to now'),
    personId: z.uuid().nullable(),
    note: z.string(),
    requestedBy: z.uuid().nullable(),
    version: z.number().int(),
    projectName: z.string(),
    taskId: z.uuid(),
    taskName: z.string(),
    taskStart: z.string().nullable(),
    taskFinish: z.string().nullable(),
    unitsPercent: z.number().int(),
    workMinutes: z.number().int(),
    roleName: z.string().nullable(),
    personName: z.string().nullable(),
    requestedByName: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'StaffingRequest' });
export const StaffingHistoryResponse = z
  .object({ at: z.string(), action: z.string(), actorName: z.string().nullable(), status: StaffingStatus.nullable(), personId: z.uuid().nullable(), personName: z.string().nullable(), note: z.string() })
  .meta({ id: 'StaffingHistoryEntry' });
const Requirement = z.object({ skillId: z.uuid(), name: z.string(), minProficiency: z.number().int() });
export const StaffingSuggestionsResponse = z
  .object({
    assignmentId: z.uuid(),
    roleId: z.uuid(),
    roleName: z.string(),
    from: z.string(),
    to: z.string(),
    neededMinutes: z.number().int(),
    requirements: z.array(Requirement),
    suggestions: z.array(
      z.object({
        personId: z.uuid(),
        name: z.string(),
        score: z.number().int().describe('0-100: 50 x skill match + 40 x availability + 10 if the person holds the role'),
        skillScore: z.number(),
        availabilityScore: z.number(),
        holdsRole: z.boolean(),
        meetsAllSkills: z.boolean(),
        skills: z.array(z.object({ skillId: z.uuid(), name: z.string(), required: z.number().int(), proficiency: z.number().int().nullable(), met: z.boolean() })),
        capacityMinutes: z.number().int(),
        freeMinutes: z.number().int(),
        neededMinutes: z.number().int(),
        explanation: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'StaffingSuggestions' });
export const SuggestionsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(10) });
export const CreateStaffingRequestBody = z.strictObject({ assignmentId: Uuid, note: LongText.optional() });
export const UpdateStaffingRequestBody = z.strictObject({ status: StaffingStatus.describe('Resource managers: proposed, filled (any person), rejected. The asking project: filled (accept the proposed person), requested (send the proposal back), cancelled (withdraw)'), personId: Uuid.optional(), note: LongText.optional(), version: Version.optional() });
export const StaffingListQuery = z.strictObject({ status: StaffingStatus.optional() });
