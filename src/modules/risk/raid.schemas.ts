/** zod schemas of the RAID log (issues, decisions, changes, assumptions; risks live in the register). */
import { z } from 'zod';
import { DateOnly, LongText, Name, Uuid, Version } from '../../server/schemas.js';

export const RaidType = z.enum(['issue', 'decision', 'change', 'assumption']);
export const RaidStatus = z.enum(['open', 'in_progress', 'closed']);
export const RaidPriority = z.enum(['low', 'medium', 'high']);

export const RaidEntryResponse = z
  .object({
    id: z.uuid(),
    projectId: z.uuid(),
    type: RaidType,
    title: z.string(),
    description: z.string(),
    ownerId: z.uuid().nullable(),
    ownerName: z.string().nullable(),
    status: RaidStatus,
    priority: RaidPriority,
    dueDate: z.string().nullable(),
    riskId: z.uuid().nullable(),
    riskTitle: z.string().nullable(),
    taskId: z.uuid().nullable(),
    taskName: z.string().nullable(),
    resolution: z.string(),
    resolvedOn: z.string().nullable(),
    overdue: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'RaidEntry' });
export type RaidEntryResponse = z.infer<typeof RaidEntryResponse>;

export const ListRaidQuery = z.strictObject({ type: RaidType.optional(), status: RaidStatus.optional(), riskId: Uuid.optional(), taskId: Uuid.optional() });

export const CreateRaidBody = z.strictObject({
  type: RaidType,
  title: Name,
  description: LongText.optional(),
  ownerId: Uuid.nullable().optional(),
  status: RaidStatus.default('open'),
  priority: RaidPriority.default('medium'),
  dueDate: DateOnly.nullable().optional(),
  riskId: Uuid.nullable().optional(),
  taskId: Uuid.nullable().optional(),
  resolution: LongText.optional(),
  resolvedOn: DateOnly.nullable().optional(),
});

export const UpdateRaidBody = z.strictObject({
  title: Name.optional(),
  description: LongText.optional(),
  ownerId: Uuid.nullable().optional(),
  status: RaidStatus.optional(),
  priority: RaidPriority.optional(),
  dueDate: DateOnly.nullable().optional(),
  riskId: Uuid.nullable().optional(),
  taskId: Uuid.nullable().optional(),
  resolution: LongText.optional(),
  resolvedOn: DateOnly.nullable().optional(),
  version: Version.optional(),
});
