/** Zod schemas of the capacity grid (capacity against demand), its drill-down and what-if. */
import { z } from 'zod';
import { DateOnly, Name, Uuid } from '../../server/schemas.js';
import { CapacityFields } from './resources.schemas.js';

const GridFields = {
  from: DateOnly,
  granularity: z.enum(['day', 'week', 'month']).default('week'),
  periods: z.coerce.number().int().min(1).max(366).default(12).describe('Number of days, weeks or months (at most 366, 104 or 36)'),
  groupBy: z.enum(['person', 'role', 'team', 'skill']).default('person'),
  minProficiency: z.coerce.number().int().min(1).max(5).default(1).describe('groupBy=skill: count people with at least this proficiency'),
};
export const CapacityQuery = z.strictObject(GridFields);

const Figures = {
  capacityMinutes: z.array(z.number()),
  demandMinutes: z.array(z.number()),
  utilisation: z.array(z.number().nullable()).describe('demand / capacity; null when there is no capacity'),
  overMinutes: z.array(z.number()).describe('demand above capacity (over-allocation)'),
  freeMinutes: z.array(z.number()).describe('capacity left after demand'),
};
export const CapacityResponse = z
  .object({
    from: z.string(),
    to: z.string().describe('Last day of the grid'),
    granularity: z.enum(['day', 'week', 'month']),
    groupBy: z.enum(['person', 'role', 'team', 'skill']),
    periods: z.array(z.object({ start: z.string(), end: z.string() })).describe('First and last day of each column'),
    rows: z.array(
      z.object({
        id: z.string().describe('Person, role, team or skill id; what-if-N for a hypothetical person'),
        name: z.string(),
        hypothetical: z.boolean(),
        ...Figures,
        total: z.object({ capacityMinutes: z.number(), demandMinutes: z.number(), utilisation: z.number().nullable(), overMinutes: z.number(), freeMinutes: z.number() }),
      }),
    ),
  })
  .meta({ id: 'CapacityGrid' });

export const CapacityAssignmentsQuery = z.strictObject({
  personId: Uuid.optional(),
  roleId: Uuid.optional().describe("A role's placeholders and the work of the people holding it"),
  teamId: Uuid.optional(),
  skillId: Uuid.optional().describe('The work of the people holding the skill at minProficiency or more, and the placeholders of roles requiring it'),
  minProficiency: z.coerce.number().int().min(1).max(5).optional(),
  from: DateOnly,
  to: DateOnly,
});
export const CapacityAssignmentResponse = z
  .object({
    id: z.uuid(),
    projectId: z.uuid(),
    projectName: z.string(),
    taskId: z.uuid(),
    taskName: z.string(),
    start: z.string().nullable(),
    finish: z.string().nullable(),
    personId: z.uuid().nullable(),
    personName: z.string().nullable(),
    roleId: z.uuid().nullable(),
    roleName: z.string().nullable(),
    unitsPercent: z.number().int(),
    workMinutes: z.number().int(),
  })
  .meta({ id: 'CapacityAssignment' });

const Window = { from: DateOnly.optional(), to: DateOnly.optional() };
export const WhatIfChangeBody = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('add-person').describe('A hypothetical person (or a pool of `count` alike) with roles, teams and skills, working from..to'),
    name: Name,
    count: z.number().int().min(1).max(100).optional(),
    minutesPerWeek: CapacityFields.minutesPerWeek.optional(),
    partTimePercent: CapacityFields.partTimePercent.optional(),
    calendarUid: CapacityFields.calendarUid.optional(),
    roleIds: z.array(Uuid).max(50).optional(),
    teamIds: z.array(Uuid).max(50).optional(),
    skills: z.array(z.strictObject({ skillId: Uuid, proficiency: z.number().int().min(1).max(5) })).max(50).optional(),
    ...Window,
  }),
  z.strictObject({ kind: z.literal('remove-person').describe('The person leaves: no capacity from this date (their assignments stay)'), personId: Uuid, from: DateOnly }),
  z.strictObject({
    kind: z.literal('change-capacity').describe('Other contract hours or part-time percentage from..to (open ends: always)'),
    personId: Uuid,
    minutesPerWeek: CapacityFields.minutesPerWeek.optional(),
    partTimePercent: CapacityFields.partTimePercent.optional(),
    ...Window,
  }),
  z.strictObject({ kind: z.literal('shift-project').describe("Move every assignment of the project by N working days of the project's calendar"), projectId: Uuid, workingDays: z.number().int().min(-2000).max(2000) }),
]);
export const CapacityWhatIfBody = z.strictObject({
  from: GridFields.from,
  granularity: GridFields.granularity,
  periods: z.number().int().min(1).max(366).default(12),
  groupBy: GridFields.groupBy,
  minProficiency: z.number().int().min(1).max(5).default(1),
  changes: z.array(WhatIfChangeBody).min(1).max(50),
});
export const CapacityWhatIfResponse = z
  .object({ planOfRecord: CapacityResponse, whatIf: CapacityResponse, changes: z.number().int() })
  .meta({ id: 'CapacityWhatIf' });
