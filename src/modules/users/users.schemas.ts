import { z } from 'zod';
import { Name, Version } from '../../server/schemas.js';

export const OrgRoleEnum = z.enum(['admin', 'pmo', 'portfolio_manager', 'finance', 'member']);

export const Username = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits and . _ @ - only');

export const Password = z
  .string()
  .min(10, 'at least 10 characters')
  .max(256)
  .refine((s) => s.isWellFormed() && !s.includes('\u0000'), 'must be well-formed text');

const Email = z.email().max(254);

export const UserResponse = z
  .object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    email: z.string().nullable(),
    orgRole: OrgRoleEnum,
    active: z.boolean(),
    createdAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'User' });
export type UserResponse = z.infer<typeof UserResponse>;

export const CreateUserBody = z.strictObject({
  username: Username,
  displayName: Name,
  email: Email.nullable().optional(),
  orgRole: OrgRoleEnum,
  password: Password,
});

export const UpdateUserBody = z.strictObject({
  displayName: Name.optional(),
  email: Email.nullable().optional(),
  orgRole: OrgRoleEnum.optional(),
  active: z.boolean().optional(),
  version: Version.optional(),
});

export const ResetPasswordBody = z.strictObject({ password: Password });

export const UpdateProfileBody = z.strictObject({
  displayName: Name.optional(),
  email: Email.nullable().optional(),
  version: Version.optional(),
});

export const ChangePasswordBody = z.strictObject({ currentPassword: z.string().max(256), newPassword: Password });
