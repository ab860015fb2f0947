/** Use cases for user accounts: admin management, profile, passwords, the first admin. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { DB, OrgRole, UsersTable } from '../../db/schema.js';
import { AppError, notFound, versionConflict } from '../../server/errors.js';
import { recordChange } from '../audit/audit.service.js';
import { countUsers, deleteUserSessions, findUserByUsername } from '../auth/auth.repo.js';
import { generatePassword, hashPassword, verifyPassword } from '../auth/passwords.js';
import * as repo from './users.repo.js';
import { decodeCursor, toPage } from '../../db/pagination.js';
import type { UserResponse } from './users.schemas.js';

type UserRow = Selectable<UsersTable>;

/** The API view of a user: never the password hash. */
export function presentUser(u: UserRow): UserResponse {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    email: u.email,
    orgRole: u.org_role,
    active: u.active,
    createdAt: u.created_at.toISOString(),
    version: u.version,
  };
}

const auditView = (u: UserRow) => ({ username: u.username, displayName: u.display_name, email: u.email, orgRole: u.org_role, active: u.active });

export interface NewUser {
  username: string;
  displayName: string;
  email?: string | null;
  orgRole: OrgRole;
  password: string;
}

/** Creates an account (409 if the username is taken, case-insensitively). */
export async function createUser(db: Kysely<DB>, actorId: string | null, input: NewUser): Promise<UserRow> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (tx) => {
    if (await findUserByUsername(tx, input.username)) throw new AppError(409, 'username_taken', `the username "${input.username}" is taken`);
    const user = await repo.insertUser(tx, {
      id: randomUUID(),
      username: input.username,
      display_name: input.displayName,
      email: input.email ?? null,
      org_role: input.orgRole,
      password_hash: passwordHash,
    });
    await recordChange(tx, { actorId, action: 'created', entityType: 'user', entityId: user.id, projectId: null, after: auditView(user), version: user.version, audience: 'admins' });
    return user;
  });
}

/** Accounts by username; all of them, or a page (`limit`, `cursor`); `q` filters by username or name. */
export async function listUsers(db: Kysely<DB>, opts: { limit?: number; cursor?: string; q?: string } = {}) {
  const after = opts.cursor ? decodeCursor(opts.cursor, 'username') : undefined;
  const rows = await repo.listUsers(db, { limit: opts.limit, q: opts.q, after: after ? { k: String(after.k), id: after.id } : undefined });
  return toPage(rows, opts.limit, (r) => r.username, 'username', presentUser);
}

export async function getUser(db: Kysely<DB>, id: string): Promise<UserRow> {
  const u = await repo.findUser(db, id);
  if (!u) throw notFound('user');
  return u;
}

export interface UserPatch {
  displayName?: string;
  email?: string | null;
  orgRole?: OrgRole;
  active?: boolean;
}

/** Updates an account with optimistic concurrency; never leaves the organisation without an active admin. */
export async function updateUser(db: Kysely<DB>, actorId: string, id: string, version: number, patch: UserPatch): Promise<UserRow> {
  return db.transaction().execute(async (tx) => {
    const before = await repo.findUser(tx, id);
    if (!before) throw notFound('user');
    const updated = await repo.updateUser(tx, id, version, {
      ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
      ...(patch.email !== undefined ? { email: patch.email } : {}),
      ...(patch.orgRole !== undefined ? { org_role: patch.orgRole } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
    });
    if (!updated) throw versionConflict('the user');
    if (before.org_role === 'admin' && (updated.org_role !== 'admin' || !updated.active)) {
      const { n } = await repo.countActiveAdmins(tx);
      if (Number(n) === 0) throw new AppError(409, 'last_admin', 'the organisation must keep at least one active admin');
    }
    if (!updated.active) await deleteUserSessions(tx, id);
    await recordChange(tx, { actorId, action: 'updated', entityType: 'user', entityId: id, projectId: null, before: auditView(before), after: auditView(updated), version: updated.version, audience: 'admins' });
    return updated;
  });
}

/** Sets a new password (admin reset or CLI) and ends the user's sessions. */
export async function resetPassword(db: Kysely<DB>, actorId: string | null, id: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (tx) => {
    const u = await repo.findUser(tx, id);
    if (!u) throw notFound('user');
    await tx.updateTable('users').set((eb) => ({ password_hash: passwordHash, version: eb('version', '+', 1), updated_at: new Date() })).where('id', '=', id).execute();
    await deleteUserSessions(tx, id);
    await recordChange(tx, { actorId, action: 'password_reset', entityType: 'user', entityId: id, projectId: null, audience: 'admins' });
  });
}

/** A user changes their own password, proving the current one. */
export async function changeOwnPassword(db: Kysely<DB>, userId: string, currentPassword: string, newPassword: string): Promise<void> {
  const u = await getUser(db, userId);
  if (!(await verifyPassword(u.password_hash, currentPassword))) throw new AppError(422, 'wrong_password', 'the current password is wrong');
  await resetPassword(db, userId, userId, newPassword);
}

/**
 * On first start (no users at all) creates `admin` with PMO_ADMIN_PASSWORD or a generated password,
 * and returns the password to print once; null when users already exist.
 */
export async function ensureFirstAdmin(db: Kysely<DB>, configuredPassword?: string): Promise<{ username: string; password: string; generated: boolean } | null> {
  const { n } = await countUsers(db);
  if (Number(n) > 0) return null;
  const password = configuredPassword && configuredPassword.length > 0 ? configuredPassword : generatePassword();
  try {
    await createUser(db, null, { username: 'admin', displayName: 'Administrator', email: null, orgRole: 'admin', password });
  } catch (err) {
    // Another server starting at the same time may have created it first.
    const { n: now } = await countUsers(db);
    if (Number(now) > 0) return null;
    throw err;
  }
  return { username: 'admin', password, generated: !configuredPassword };
}
