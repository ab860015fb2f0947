/** updateAtVersion on a real database: the change lands only at the version read, and moves the version on. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { updateAtVersion } from '../../src/db/versioned-update.js';
import { AppError } from '../../src/server/errors.js';
import { createTestDatabase } from '../helpers.js';

let database: Database;
beforeAll(async () => { database = await createTestDatabase(); });
afterAll(async () => database?.close());

const insertPortfolio = async () => {
  const id = randomUUID();
  const past = new Date('2026-01-01T00:00:00Z');
  await database.db.insertInto('portfolios').values({ id, name: `P ${id}`, description: 'before', owner_id: null, created_at: past, updated_at: past }).execute();
  return id;
};
const read = (id: string) => database.db.selectFrom('portfolios').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('updateAtVersion', () => {
  it('applies the defined changes at the current version, adds 1 to it and stamps updated_at', async () => {
    const id = await insertPortfolio();
    const row = await updateAtVersion(database.db, 'portfolios', id, 1, { name: 'After', description: undefined }, 'the portfolio');
    expect(row).toMatchObject({ id, name: 'After', description: 'before', version: 2 });
    expect(row.updated_at.getTime()).toBeGreaterThan(new Date('2026-01-02T00:00:00Z').getTime());
    expect(await read(id)).toEqual(row);
  });

  it('sets a column to null when told to (null is a value, undefined is "leave it")', async () => {
    const id = await insertPortfolio();
    const owner = randomUUID();
    await database.db.insertInto('users').values({ id: owner, username: `u-${owner}`, display_name: 'Owner', email: null, org_role: 'admin', password_hash: 'x' }).execute();
    await updateAtVersion(database.db, 'portfolios', id, 1, { owner_id: owner }, 'the portfolio');
    const row = await updateAtVersion(database.db, 'portfolios', id, 2, { owner_id: null }, 'the portfolio');
    expect(row).toMatchObject({ owner_id: null, version: 3 });
  });

  it.each([
    ['a stale version', 0],
    ['a version from the future', 2],
  ])('refuses %s with 409 version_conflict and changes nothing', async (_, version) => {
    const id = await insertPortfolio();
    const before = await read(id);
    const err = await updateAtVersion(database.db, 'portfolios', id, version, { name: 'Lost' }, 'the portfolio').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ status: 409, code: 'version_conflict' });
    expect((err as Error).message).toMatch(/^the portfolio was changed by someone else/);
    expect(await read(id)).toEqual(before);
  });

  it('refuses an id that does not exist with the same 409 (callers that need a 404 read the row first)', async () => {
    await expect(updateAtVersion(database.db, 'portfolios', randomUUID(), 1, { name: 'X' }, 'the portfolio')).rejects.toMatchObject({ status: 409, code: 'version_conflict' });
  });

  it('lets only one of two writers at the same version win', async () => {
    const id = await insertPortfolio();
    const results = await Promise.allSettled([
      updateAtVersion(database.db, 'portfolios', id, 1, { name: 'First' }, 'the portfolio'),
      updateAtVersion(database.db, 'portfolios', id, 1, { name: 'Second' }, 'the portfolio'),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect((await read(id)).version).toBe(2);
  });
});
