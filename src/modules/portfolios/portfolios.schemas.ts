import { z } from 'zod';
import { LongText, Name, Uuid, Version } from '../../server/schemas.js';

export const PortfolioResponse = z
  .object({ id: z.uuid(), name: z.string(), description: z.string(), ownerId: z.uuid().nullable(), projectCount: z.number().int(), version: z.number().int() })
  .meta({ id: 'Portfolio' });
export const CreatePortfolioBody = z.strictObject({ name: Name, description: LongText.optional(), ownerId: Uuid.nullable().optional() });
export const UpdatePortfolioBody = z.strictObject({ name: Name.optional(), description: LongText.optional(), ownerId: Uuid.nullable().optional(), version: Version.optional() });

export const ProgramResponse = z
  .object({ id: z.uuid(), portfolioId: z.uuid(), name: z.string(), description: z.string(), version: z.number().int() })
  .meta({ id: 'Program' });
export const ListProgramsQuery = z.strictObject({ portfolioId: Uuid.optional() });
export const CreateProgramBody = z.strictObject({ portfolioId: Uuid, name: Name, description: LongText.optional() });
export const UpdateProgramBody = z.strictObject({ name: Name.optional(), description: LongText.optional(), version: Version.optional() });
