/**
 * Keyset (cursor) pagination: the cursor carries the sort key and id of the last row, so pages stay
 * stable while rows are inserted, and cost the same at any depth.
 */
import { AppError } from '../server/errors.js';

export interface CursorValue {
  /** sort key value of the last row (string, number or null) */
  k: string | number | null;
  /** id of the last row (tie-breaker) */
  id: string;
  /** sort spec the cursor was made for */
  s: string;
}

export function encodeCursor(v: CursorValue): string {
  return Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');
}

/** Decodes a cursor; 400 if it is malformed or was made for another sort order. */
export function decodeCursor(cursor: string, sort: string): CursorValue {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorValue;
    if (typeof v !== 'object' || v === null || typeof v.id !== 'string' || v.s !== sort) throw new Error('bad');
    if (!(typeof v.k === 'string' || typeof v.k === 'number' || v.k === null)) throw new Error('bad');
    return v;
  } catch {
    throw new AppError(400, 'invalid_cursor', 'the cursor is malformed or belongs to another sort order');
  }
}

/** Escapes a user's text for a LIKE/ILIKE pattern. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Cuts a `limit + 1` row fetch to a page and makes the cursor of its last row. */
export function toPage<R extends { id: string }, T>(rows: R[], limit: number | undefined, key: (r: R) => string, sort: string, present: (r: R) => T): { items: T[]; nextCursor: string | null } {
  const more = limit !== undefined && rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return { items: page.map(present), nextCursor: more && last ? encodeCursor({ k: key(last), id: last.id, s: sort }) : null };
}
