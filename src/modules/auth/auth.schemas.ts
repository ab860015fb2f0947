import { z } from 'zod';
import { UserResponse } from '../users/users.schemas.js';

export const LoginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const SessionResponse = z.object({ user: UserResponse, csrfToken: z.string() }).meta({ id: 'Session' });

export const TokenScope = z.enum(['read', 'write']);

export const ApiTokenResponse = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    scopes: z.array(TokenScope),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });

export const CreateTokenBody = z.strictObject({
  name: z.string().trim().min(1).max(100).refine((s) => !/[\u0000-\u001F\u007F]/.test(s) && s.isWellFormed(), 'must be plain text'),
  scopes: z.array(TokenScope).min(1).max(2).default(['read', 'write']),
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
});

export const CreatedTokenResponse = z
  .object({ token: ApiTokenResponse, secret: z.string().describe('The token itself. Shown once; store it now.') })
  .meta({ id: 'CreatedApiToken' });
