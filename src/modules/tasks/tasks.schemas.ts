import { z } from 'zod';
import { LongText, Name, ScheduleTime, Uuid, Version } from '../../server/schemas.js';

export const TaskResponse = z
  .object({
    id: z.uuid(),
    projectId: z.uuid(),
    parentId: z.uuid().nullable(),
    sortOrder: z.number().int(),
    wbs: z.string(),
    outlineLevel: z.number().int(),
    name: z.string(),
    start: z.string().nullable(),
    finish: z.string().nullable(),
    durationMinutes: z.number().int(),
    percentComplete: z.number(),
    isMilestone: z.boolean(),
    isSummary: z.boolean(),
    notes: z.string().nullable(),
    manual: z.boolean(),
    constraintType: z.enum(['ASAP', 'ALAP', 'SNET', 'SNLT', 'FNET', 'FNLT', 'MSO', 'MFO']),
    constraintDate: z.string().nullable(),
    deadline: z.string().nullable(),
    earlyStart: z.string().nullable(),
    earlyFinish: z.string().nullable(),
    lateStart: z.string().nullable(),
    lateFinish: z.string().nullable(),
    totalSlackMinutes: z.number().int().nullable(),
    freeSlackMinutes: z.number().int().nullable(),
    critical: z.boolean(),
    priority: z.number().int().describe('0-1000 (default 500): levelling serves higher priorities first; 1000 = never moved by levelling'),
    baselineStart: z.string().nullable(),
    baselineFinish: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Task' });
export type TaskResponse = z.infer<typeof TaskResponse>;

const Duration = z.number().int().min(0).max(100 * 365 * 24 * 60);
const Percent = z.number().min(0).max(100);
/** MS Project's task priority: 0-1000, default 500; 1000 = do not level. */
const Priority = z.number().int().min(0).max(1000);

export const CreateTaskBody = z.strictObject({
  name: Name,
  parentId: Uuid.nullable().optional(),
  afterId: Uuid.nullable().optional(),
  start: ScheduleTime.nullable().optional(),
  finish: ScheduleTime.nullable().optional(),
  durationMinutes: Duration.optional(),
  percentComplete: Percent.optional(),
  isMilestone: z.boolean().optional(),
  notes: LongText.nullable().optional(),
  priority: Priority.optional(),
});

export const UpdateTaskBody = z.strictObject({
  name: Name.optional(),
  parentId: Uuid.nullable().optional(),
  sortOrder: z.number().int().min(0).max(10_000_000).optional(),
  start: ScheduleTime.nullable().optional(),
  finish: ScheduleTime.nullable().optional(),
  durationMinutes: Duration.optional(),
  percentComplete: Percent.optional(),
  isMilestone: z.boolean().optional(),
  notes: LongText.nullable().optional(),
  priority: Priority.optional(),
  version: Version.optional(),
});

export const LinkTypeEnum = z.enum(['FS', 'SS', 'FF', 'SF']);

export const LinkResponse = z
  .object({ id: z.uuid(), projectId: z.uuid(), predecessorId: z.uuid(), successorId: z.uuid(), type: LinkTypeEnum, lagMinutes: z.number().int(), version: z.number().int() })
  .meta({ id: 'TaskLink' });

export const CreateLinkBody = z.strictObject({
  predecessorId: Uuid,
  successorId: Uuid,
  type: LinkTypeEnum.default('FS'),
  lagMinutes: z.number().int().min(-10 * 365 * 1440).max(10 * 365 * 1440).default(0),
});
