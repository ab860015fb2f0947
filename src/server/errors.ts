/**
 * Errors as RFC 9457 problem details with a stable `code`. Services throw AppError; the error handler
 * turns it (and validation, parse and rate-limit errors) into `application/problem+json`.
 */
import { z } from 'zod';

export interface FieldError {
  path: string;
  message: string;
}

/** An error the client can act on: the status, a stable code and a one-line detail. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found`);
export const forbidden = (detail = 'you do not have permission for this action') => new AppError(403, 'forbidden', detail);
export const unauthenticated = (detail = 'authentication required') => new AppError(401, 'unauthenticated', detail);
export const badRequest = (code: string, detail: string, errors?: FieldError[]) => new AppError(400, code, detail, errors);
export const conflict = (code: string, detail: string) => new AppError(409, code, detail);
export const versionConflict = (what: string) =>
  new AppError(409, 'version_conflict', `${what} was changed by someone else; reload it and apply your change again`);

/** Problem details body. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance?: string;
  errors?: FieldError[];
}

export function problem(status: number, code: string, detail: string, instance?: string, errors?: FieldError[]): Problem {
  return {
    type: `https://pmo.dev/problems/${code.replace(/_/g, '-')}`,
    title: titles[status] ?? 'Error',
    status,
    code,
    detail,
    ...(instance ? { instance } : {}),
    ...(errors && errors.length ? { errors } : {}),
  };
}

/** The zod schema of a problem, for OpenAPI. */
export const ProblemResponse = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });

/** Maps a PostgreSQL error (unique, foreign key, check violations) to a client error, or null. */
export function fromDatabaseError(err: unknown): AppError | null {
  const e = err as { code?: string; constraint?: string; detail?: string };
  switch (e?.code) {
    case '23505':
      return new AppError(409, 'conflict', `already exists${e.constraint ? ` (${e.constraint})` : ''}`);
    case '23503':
      return new AppError(422, 'invalid_reference', `refers to a record that does not exist or is still in use${e.constraint ? ` (${e.constraint})` : ''}`);
    case '23514':
      return new AppError(422, 'constraint_violation', `violates a rule${e.constraint ? ` (${e.constraint})` : ''}`);
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
    case '22001':
      return new AppError(400, 'invalid_value', 'a value is out of range or malformed');
    default:
      return null;
  }
}
