/**
 * The one policy module: every route asks `can(actor, action, resource)` (or `authorize`, which throws)
 * before it reads or writes. Organisation roles grant portfolio-wide rights; project roles grant rights on
 * one project. API tokens may further narrow an actor to read-only.
 */
import type { OrgRole, ProjectRole } from '../db/schema.js';
import { forbidden, AppError } from './errors.js';

export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  orgRole: OrgRole;
  /** How the request authenticated: a browser session (cookie) or an API token. */
  via: 'session' | 'token';
  /** Token scopes; sessions have both. */
  scopes: ReadonlySet<'read' | 'write'>;
}

export type Action = 'read' | 'create' | 'update' | 'delete';

/** What is being accessed. Project-scoped resources carry the actor's role on that project (or null). */
export type Resource =
  | { kind: 'org' }
  | { kind: 'user'; id?: string }
  | { kind: 'person' }
  | { kind: 'portfolio' }
  | { kind: 'project'; projectRole: ProjectRole | null }
  | { kind: 'project-new' }
  | { kind: 'membership'; projectRole: ProjectRole | null }
  | { kind: 'task'; projectRole: ProjectRole | null }
  | { kind: 'audit'; projectRole: ProjectRole | null }
  | { kind: 'own-account' }
  /** Resource management reference data: capacity, non-project time, roles, skills. */
  | { kind: 'resource' };

const PORTFOLIO_WIDE: ReadonlySet<OrgRole> = new Set(['admin', 'pmo', 'portfolio_manager', 'finance']);
const PORTFOLIO_EDITORS: ReadonlySet<OrgRole> = new Set(['admin', 'pmo', 'portfolio_manager']);

/** Whether the actor sees every project (portfolio-wide roles) rather than only those they are a member of. */
export function seesAllProjects(actor: Actor): boolean {
  return PORTFOLIO_WIDE.has(actor.orgRole);
}

/** Whether the actor can see a project, given their role on it (null: not a member). */
export function canSeeProject(actor: Actor, projectRole: ProjectRole | null): boolean {
  return seesAllProjects(actor) || projectRole !== null;
}

/** The decision. Pure: no I/O; callers load the project role first. */
export function can(actor: Actor, action: Action, resource: Resource): boolean {
  if (action !== 'read' && !actor.scopes.has('write')) return false;
  const admin = actor.orgRole === 'admin';
  switch (resource.kind) {
    case 'own-account':
      return true;
    case 'org':
      return action === 'read' || admin;
    case 'user':
      if (action === 'read' && resource.id === actor.userId) return true;
      return admin;
    case 'person':
      return action === 'read' || admin || actor.orgRole === 'pmo';
    case 'portfolio':
      return action === 'read' || PORTFOLIO_EDITORS.has(actor.orgRole);
    case 'project-new':
      return PORTFOLIO_EDITORS.has(actor.orgRole);
    case 'project':
    case 'membership':
      if (!canSeeProject(actor, resource.projectRole)) return false;
      if (action === 'read') return true;
      if (action === 'delete' && resource.kind === 'project') return PORTFOLIO_EDITORS.has(actor.orgRole);
      return PORTFOLIO_EDITORS.has(actor.orgRole) || resource.projectRole === 'project_manager';
    case 'task':
      if (!canSeeProject(actor, resource.projectRole)) return false;
      if (action === 'read') return true;
      return (
        PORTFOLIO_EDITORS.has(actor.orgRole) ||
        resource.projectRole === 'project_manager' ||
        resource.projectRole === 'team_member'
      );
    case 'audit':
      return canSeeProject(actor, resource.projectRole);
    case 'resource':
      return action === 'read' || PORTFOLIO_EDITORS.has(actor.orgRole);
  }
}

/** Throws 403 unless `can` allows. Read-only tokens get a distinct code so scripts can tell why. */
export function authorize(actor: Actor, action: Action, resource: Resource): void {
  if (can(actor, action, resource)) return;
  if (action !== 'read' && !actor.scopes.has('write')) {
    throw new AppError(403, 'insufficient_scope', 'this API token is read-only');
  }
  throw forbidden();
}
