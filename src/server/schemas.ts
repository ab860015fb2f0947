/** Reusable zod pieces for request and response schemas. */
import { z } from 'zod';

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LINE_CONTROL = /[\u0000-\u001F\u007F]/;

/** A single-line name: trimmed, 1-200 characters, no control characters, well-formed Unicode. */
export const Name = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((s) => !LINE_CONTROL.test(s), 'must not contain control characters')
  .refine((s) => s.isWellFormed(), 'must be well-formed Unicode');

/** Free text up to 20,000 characters; newlines and tabs allowed, other control characters not. */
export const LongText = z
  .string()
  .max(20_000)
  .refine((s) => !CONTROL.test(s), 'must not contain control characters')
  .refine((s) => s.isWellFormed(), 'must be well-formed Unicode');

export const Uuid = z.uuid();
export const IdParams = z.strictObject({ id: Uuid });

/** YYYY-MM-DD, a real calendar date between 1900 and 2200. */
export const DateOnly = z.iso.date().refine((s) => s >= '1900-01-01' && s <= '2200-12-31', 'must be between 1900 and 2200');

/** Schedule time (project-local wall clock): YYYY-MM-DDTHH:mm[:ss], between 1900 and 2200. */
export const ScheduleTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, 'must be YYYY-MM-DDTHH:mm:ss')
  .refine((s) => {
    const d = new Date(`${s}Z`);
    return !Number.isNaN(d.getTime()) && s >= '1900' && s < '2201' && d.toISOString().slice(0, 16) === s.slice(0, 16);
  }, 'must be a real date and time between 1900 and 2200');

export const Version = z.number().int().min(1).max(2_000_000_000);

export const ListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});

/** A page of items with the cursor for the next page (null at the end). */
export const Page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const Items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export const NoContent = z.null().describe('No content');

import { ProblemResponse } from './errors.js';

/** Response schemas of a route: the success schema plus problem details for every error status. */
export function responses<T extends z.ZodType>(ok: T) {
  return { 200: ok, '4xx': ProblemResponse, '5xx': ProblemResponse };
}

/** Response schemas of a route that answers 201 Created. */
export function created<T extends z.ZodType>(ok: T) {
  return { 201: ok, '4xx': ProblemResponse, '5xx': ProblemResponse };
}

/** Responses of a route that answers 204 on success. */
export function noContentResponses() {
  return { 204: z.null(), '4xx': ProblemResponse, '5xx': ProblemResponse };
}

/** Query of a list sorted by name: optional page size (all rows when absent), cursor, and a name filter. */
export const NameListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z.string().max(500).optional(),
  q: z.string().max(200).optional(),
});
