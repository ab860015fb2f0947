import { z } from 'zod';
import { Name, Uuid, Version } from '../../server/schemas.js';

export const PersonResponse = z
  .object({ id: z.uuid(), name: z.string(), email: z.string().nullable(), title: z.string().nullable(), userId: z.uuid().nullable(), lineManagerId: z.uuid().nullable().describe('The user who line-manages the person (may read and approve their time)'), active: z.boolean(), version: z.number().int() })
  .meta({ id: 'Person' });
export const CreatePersonBody = z.strictObject({ name: Name, email: z.email().max(254).nullable().optional(), title: Name.nullable().optional(), userId: Uuid.nullable().optional() });
export const UpdatePersonBody = z.strictObject({
  name: Name.optional(),
  email: z.email().max(254).nullable().optional(),
  title: Name.nullable().optional(),
  userId: Uuid.nullable().optional(),
  active: z.boolean().optional(),
  version: Version.optional(),
});
