/** Zod schemas of teams and of the skills a role requires. */
import { z } from 'zod';
import { LongText, Name, Uuid, Version } from '../../server/schemas.js';

export const TeamResponse = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    leadId: z.uuid().nullable(),
    leadName: z.string().nullable(),
    members: z.array(z.object({ personId: z.uuid(), name: z.string() })),
    version: z.number().int(),
  })
  .meta({ id: 'Team' });
export const CreateTeamBody = z.strictObject({
  name: Name,
  description: LongText.optional(),
  leadId: Uuid.nullable().optional().describe('The lead is made a member if not one already'),
  memberIds: z.array(Uuid).max(2000).optional(),
});
export const UpdateTeamBody = z.strictObject({
  name: Name.optional(),
  description: LongText.optional(),
  leadId: Uuid.nullable().optional(),
  memberIds: z.array(Uuid).max(2000).optional().describe('Replaces the members as a whole'),
  version: Version.optional(),
});

export const RequiredSkill = z.strictObject({ skillId: Uuid, minProficiency: z.number().int().min(1).max(5) });
export const RoleDetailResponse = z
  .object({
    id: z.uuid(),
    name: z.string(),
    requiredSkills: z.array(z.object({ skillId: z.uuid(), name: z.string(), minProficiency: z.number().int() })),
    version: z.number().int(),
  })
  .meta({ id: 'RoleDetail' });
export const UpdateRoleBody = z.strictObject({
  name: Name.optional(),
  requiredSkills: z.array(RequiredSkill).max(100).optional().describe('What a person needs to fill this role (replaces the list)'),
  version: Version.optional(),
});
