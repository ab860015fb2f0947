/** Use cases for the portfolio structure: portfolios and the programs inside them. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { updateAtVersion } from '../../db/versioned-update.js';
import { AppError, notFound, versionConflict } from '../../server/errors.js';
import { authorize, type Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';

const presentPortfolio = (r: { id: string; name: string; description: string; owner_id: string | null; version: number; project_count: number | string | null }) => ({
  id: r.id,
  name: r.name,
  description: r.description,
  ownerId: r.owner_id,
  projectCount: Number(r.project_count ?? 0),
  version: r.version,
});

const presentProgram = (r: { id: string; portfolio_id: string; name: string; description: string; version: number }) => ({
  id: r.id,
  portfolioId: r.portfolio_id,
  name: r.name,
  description: r.description,
  version: r.version,
});

const portfolioQuery = (db: Kysely<DB>) =>
  db
    .selectFrom('portfolios as pf')
    .selectAll('pf')
    .select((eb) => eb.selectFrom('projects as p').select((e) => e.fn.countAll<number>().as('n')).whereRef('p.portfolio_id', '=', 'pf.id').as('project_count'));

export async function listPortfolios(db: Kysely<DB>, actor: Actor) {
  authorize(actor, 'read', { kind: 'portfolio' });
  return (await portfolioQuery(db).orderBy('pf.name').execute()).map(presentPortfolio);
}

export async function getPortfolio(db: Kysely<DB>, actor: Actor, id: string) {
  authorize(actor, 'read', { kind: 'portfolio' });
  const r = await portfolioQuery(db).where('pf.id', '=', id).executeTakeFirst();
  if (!r) throw notFound('portfolio');
  return presentPortfolio(r);
}

async function nameTaken(db: Kysely<DB>, name: string, exceptId?: string) {
  let q = db.selectFrom('portfolios').select('id').where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()));
  if (exceptId) q = q.where('id', '<>', exceptId);
  return !!(await q.executeTakeFirst());
}

export async function createPortfolio(db: Kysely<DB>, actor: Actor, input: { name: string; description?: string; ownerId?: string | null }) {
  authorize(actor, 'create', { kind: 'portfolio' });
  const id = await db.transaction().execute(async (tx) => {
    if (await nameTaken(tx, input.name)) throw new AppError(409, 'name_taken', `a portfolio named "${input.name}" exists`);
    const row = await tx
      .insertInto('portfolios')
      .values({ id: randomUUID(), name: input.name, description: input.description ?? '', owner_id: input.ownerId ?? null })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'portfolio', entityId: row.id, projectId: null, after: { name: row.name }, version: 1 });
    return row.id;
  });
  return getPortfolio(db, actor, id);
}

export async function updatePortfolio(db: Kysely<DB>, actor: Actor, id: string, version: number, patch: { name?: string; description?: string; ownerId?: string | null }) {
  authorize(actor, 'update', { kind: 'portfolio' });
  await db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('portfolios').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound('portfolio');
    if (patch.name && (await nameTaken(tx, patch.name, id))) throw new AppError(409, 'name_taken', `a portfolio named "${patch.name}" exists`);
    const updated = await updateAtVersion(tx, 'portfolios', id, version, { name: patch.name, description: patch.description, owner_id: patch.ownerId }, 'the portfolio');
    await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'portfolio', entityId: id, projectId: null, before: { name: before.name, description: before.description }, after: { name: updated.name, description: updated.description }, version: updated.version });
  });
  return getPortfolio(db, actor, id);
}

export async function deletePortfolio(db: Kysely<DB>, actor: Actor, id: string, version: number) {
  authorize(actor, 'delete', { kind: 'portfolio' });
  await db.transaction().execute(async (tx) => {
    const used = await tx.selectFrom('projects').select('id').where('portfolio_id', '=', id).executeTakeFirst();
    if (used) throw new AppError(409, 'portfolio_not_empty', 'move or delete the projects of this portfolio first');
    await tx.deleteFrom('programs').where('portfolio_id', '=', id).execute();
    const deleted = await tx.deleteFrom('portfolios').where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
    if (!deleted) {
      const exists = await tx.selectFrom('portfolios').select('id').where('id', '=', id).executeTakeFirst();
      throw exists ? versionConflict('the portfolio') : notFound('portfolio');
    }
    await recordChange(tx, { actorId: actor.userId, action: 'deleted', entityType: 'portfolio', entityId: id, projectId: null, before: { name: deleted.name } });
  });
}

export async function listPrograms(db: Kysely<DB>, actor: Actor, portfolioId?: string) {
  authorize(actor, 'read', { kind: 'portfolio' });
  let q = db.selectFrom('programs').selectAll().orderBy('name');
  if (portfolioId) q = q.where('portfolio_id', '=', portfolioId);
  return (await q.execute()).map(presentProgram);
}

export async function createProgram(db: Kysely<DB>, actor: Actor, input: { portfolioId: string; name: string; description?: string }) {
  authorize(actor, 'create', { kind: 'portfolio' });
  return db.transaction().execute(async (tx) => {
    const pf = await tx.selectFrom('portfolios').select('id').where('id', '=', input.portfolioId).executeTakeFirst();
    if (!pf) throw new AppError(422, 'invalid_reference', 'the portfolio does not exist');
    const row = await tx
      .insertInto('programs')
      .values({ id: randomUUID(), portfolio_id: input.portfolioId, name: input.name, description: input.description ?? '' })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'program', entityId: row.id, projectId: null, after: { name: row.name, portfolioId: row.portfolio_id }, version: 1 });
    return presentProgram(row);
  });
}

export async function updateProgram(db: Kysely<DB>, actor: Actor, id: string, version: number, patch: { name?: string; description?: string }) {
  authorize(actor, 'update', { kind: 'portfolio' });
  return db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('programs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound('program');
    const updated = await updateAtVersion(tx, 'programs', id, version, { name: patch.name, description: patch.description }, 'the program');
    await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'program', entityId: id, projectId: null, before: { name: before.name }, after: { name: updated.name }, version: updated.version });
    return presentProgram(updated);
  });
}

export async function deleteProgram(db: Kysely<DB>, actor: Actor, id: string, version: number) {
  authorize(actor, 'delete', { kind: 'portfolio' });
  await db.transaction().execute(async (tx) => {
    const deleted = await tx.deleteFrom('programs').where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
    if (!deleted) {
      const exists = await tx.selectFrom('programs').select('id').where('id', '=', id).executeTakeFirst();
      throw exists ? versionConflict('the program') : notFound('program');
    }
    await recordChange(tx, { actorId: actor.userId, action: 'deleted', entityType: 'program', entityId: id, projectId: null, before: { name: deleted.name } });
  });
}
