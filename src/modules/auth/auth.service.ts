/**
 * Use cases of authentication: log in and out, resolve a session or token to an actor, personal API tokens.
 * Session ids and tokens are random 256-bit secrets; only their SHA-256 is stored.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../server/policy.js';
import { AppError, notFound } from '../../server/errors.js';
import { recordChange } from '../audit/audit.service.js';
import * as repo from './auth.repo.js';
import { randomSecret, sha256, verifyPassword, hashPassword } from './passwords.js';

export const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;
/** Sessions are extended at most this often (saves a write per request). */
const SESSION_TOUCH_MS = 5 * 60 * 1000;

/** A dummy hash so unknown usernames cost as much as wrong passwords (no user enumeration by timing). */
let dummyHash: Promise<string> | null = null;

export interface LoginResult {
  sessionToken: string;
  csrfToken: string;
  user: NonNullable<Awaited<ReturnType<typeof repo.findUserById>>>;
}

/** Checks the password and opens a session; the same 401 for unknown users and wrong passwords. */
export async function login(db: Kysely<DB>, username: string, password: string): Promise<LoginResult> {
  const user = await repo.findUserByUsername(db, username);
  if (!user || !user.active) {
    dummyHash ??= hashPassword('not-a-real-password');
    await verifyPassword(await dummyHash, password);
    throw new AppError(401, 'invalid_credentials', 'wrong username or password');
  }
  if (!(await verifyPassword(user.password_hash, password))) {
    throw new AppError(401, 'invalid_credentials', 'wrong username or password');
  }
  const sessionToken = randomSecret();
  const csrfToken = randomSecret(24);
  await repo.insertSession(db, {
    id: sha256(sessionToken),
    user_id: user.id,
    csrf_token: csrfToken,
    expires_at: new Date(Date.now() + SESSION_TTL_MS),
  });
  return { sessionToken, csrfToken, user };
}

export async function logout(db: Kysely<DB>, sessionToken: string): Promise<void> {
  await repo.deleteSession(db, sha256(sessionToken));
}

const toActor = (u: { id: string; username: string; display_name: string; org_role: Actor['orgRole'] }, via: Actor['via'], scopes: string[]): Actor => ({
  userId: u.id,
  username: u.username,
  displayName: u.display_name,
  orgRole: u.org_role,
  via,
  scopes: new Set(scopes.filter((s): s is 'read' | 'write' => s === 'read' || s === 'write')),
});

/** The actor and CSRF token of a live session, or null. Slides the expiry forward. */
export async function resolveSession(db: Kysely<DB>, sessionToken: string): Promise<{ actor: Actor; csrfToken: string; sessionId: string } | null> {
  const now = new Date();
  const idHash = sha256(sessionToken);
  const row = await repo.findActiveSession(db, idHash, now);
  if (!row) return null;
  if (now.getTime() - row.last_seen_at.getTime() > SESSION_TOUCH_MS) {
    await repo.touchSession(db, idHash, now, new Date(now.getTime() + SESSION_TTL_MS));
  }
  return { actor: toActor(row, 'session', ['read', 'write']), csrfToken: row.csrf_token, sessionId: idHash };
}

const TOKEN_RE = /^pmo_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/;

/** The actor of a valid bearer token, or null. */
export async function resolveToken(db: Kysely<DB>, token: string): Promise<Actor | null> {
  if (!TOKEN_RE.test(token)) return null;
  const now = new Date();
  const row = await repo.findActiveToken(db, sha256(token), now);
  if (!row) return null;
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) await repo.markTokenUsed(db, row.token_id, now);
  return toActor(row, 'token', row.scopes);
}

export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
}

/** Creates a personal API token; the secret is returned once and only its hash is kept. */
export async function createToken(
  db: Kysely<DB>,
  userId: string,
  input: { name: string; scopes: ('read' | 'write')[]; expiresAt?: string | null },
): Promise<{ token: TokenView; secret: string }> {
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt.getTime() <= Date.now()) throw new AppError(422, 'invalid_expiry', 'expiresAt must be in the future');
  const alnum = () => randomSecret(12).replace(/[^A-Za-z0-9]/g, '');
  let prefix = alnum().slice(0, 8);
  while (prefix.length < 8) prefix = (prefix + alnum()).slice(0, 8);
  const secret = `pmo_${prefix}_${randomSecret(32)}`;
  const scopes = [...new Set(input.scopes)].sort();
  return db.transaction().execute(async (tx) => {
    const token = await repo.insertToken(tx, {
      id: randomUUID(),
      user_id: userId,
      name: input.name,
      prefix,
      token_hash: sha256(secret),
      scopes,
      expires_at: expiresAt,
    });
    await recordChange(tx, { actorId: userId, action: 'created', entityType: 'api_token', entityId: token.id, projectId: null, after: { name: token.name, scopes }, audience: 'admins' });
    return { token, secret };
  });
}

export function listTokens(db: Kysely<DB>, userId: string): Promise<TokenView[]> {
  return repo.listTokens(db, userId);
}

/** Revokes one of the user's own tokens. */
export async function revokeToken(db: Kysely<DB>, userId: string, tokenId: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const token = await repo.revokeToken(tx, userId, tokenId, new Date());
    if (!token) throw notFound('token');
    await recordChange(tx, { actorId: userId, action: 'revoked', entityType: 'api_token', entityId: tokenId, projectId: null, audience: 'admins' });
  });
}
