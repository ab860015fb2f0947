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
  /**
   * A project's priority: it decides which project gets shared people first when levelling, so only portfolio
   * editors set it (a project manager may not raise their own project above the others).
   */
  | { kind: 'project-priority'; projectRole: ProjectRole | null }
  | { kind: 'membership'; projectRole: ProjectRole | null }
  | { kind: 'task'; projectRole: ProjectRole | null }
  | { kind: 'audit'; projectRole: ProjectRole | null }
  /** A risk register entry (or its actions): project risks follow the project role; higher registers are portfolio-wide. */
  | { kind: 'risk'; level: 'project' | 'program' | 'portfolio' | 'enterprise'; projectRole: ProjectRole | null }
  | { kind: 'own-account' }
  | { kind: 'finance'; area: FinanceArea; projectRole: ProjectRole | null; own?: boolean; lineManager?: boolean }
  | { kind: 'strategy'; area: StrategyArea }
  /** Resource management reference data: capacity, non-project time, roles, skills. */
  | { kind: 'resource' }
  /** Lifecycle definitions (stages and gates): everyone reads them; admins and the PMO change them. */
  | { kind: 'lifecycle' }
  /** The risk library (templates learnt from closed projects): everyone reads it; portfolio editors curate it. */
  | { kind: 'risk-library' }
  /**
   * A gate review of a project or a proposal: reading follows the subject; preparing it (open, tick, attach) is for
   * portfolio editors and the project's manager; `create` on `gate-decision` is the go/hold/stop/recycle decision.
   */
  | { kind: 'gate' | 'gate-decision'; subject: 'project' | 'proposal'; projectRole: ProjectRole | null };

/**
 * Portfolio strategy areas: `model` (scoring models), `proposal` (candidate projects), `score` (a score sheet),
 * `scenario` (optimiser runs, saved scenarios, promotion to plan of record), `objective` (strategic objectives, key
 * results and their links), `intake` (the proposal form's extra fields). Portfolio-wide roles read and score;
 * portfolio editors change the rest.
 */
export type StrategyArea = 'model' | 'proposal' | 'score' | 'scenario' | 'objective' | 'intake';

/**
 * Finance areas: `timesheet` (a person's own time; `own` = the actor is that person, `lineManager` = the actor is
 * their line manager), `approval` (deciding on
 * submitted time and expenses), `rates` and `settings` (organisation-wide reference data), `budget`,
 * `budget-approval`, `portfolio-budget` (budgets of programs and portfolios), `financials` (budget/actual/forecast/EVM
 * of a project or roll-up), `invoice` and `reports` (cross-project finance reports: margins, unbilled work, compliance).
 */
export type FinanceArea = 'timesheet' | 'approval' | 'rates' | 'settings' | 'budget' | 'budget-approval' | 'portfolio-budget' | 'financials' | 'invoice' | 'reports';

const FINANCE_OFFICERS: ReadonlySet<OrgRole> = new Set(['admin', 'finance']);

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
    case 'project-priority':
      if (!canSeeProject(actor, resource.projectRole)) return false;
      return action === 'read' || PORTFOLIO_EDITORS.has(actor.orgRole);
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
    case 'risk':
      if (resource.level !== 'project') return action === 'read' ? seesAllProjects(actor) : PORTFOLIO_EDITORS.has(actor.orgRole);
      if (!canSeeProject(actor, resource.projectRole)) return false;
      if (action === 'read') return true;
      return (
        PORTFOLIO_EDITORS.has(actor.orgRole) ||
        resource.projectRole === 'project_manager' ||
        resource.projectRole === 'team_member'
      );
    case 'finance':
      return canFinance(actor, action, resource.area, resource.projectRole, resource.own === true, resource.lineManager === true);
    case 'strategy':
      if (action === 'read' || resource.area === 'score') return PORTFOLIO_WIDE.has(actor.orgRole);
      // The intake form is configuration: admins and the PMO define its fields.
      if (resource.area === 'intake') return admin || actor.orgRole === 'pmo';
      return PORTFOLIO_EDITORS.has(actor.orgRole);
    case 'lifecycle':
      return action === 'read' || admin || actor.orgRole === 'pmo';
    case 'risk-library':
      return action === 'read' || PORTFOLIO_EDITORS.has(actor.orgRole);
    case 'gate':
      if (resource.subject === 'proposal') return action === 'read' ? PORTFOLIO_WIDE.has(actor.orgRole) : PORTFOLIO_EDITORS.has(actor.orgRole);
      if (!canSeeProject(actor, resource.projectRole)) return false;
      return action === 'read' || PORTFOLIO_EDITORS.has(actor.orgRole) || resource.projectRole === 'project_manager';
    case 'gate-decision':
      if (resource.subject === 'project' && !canSeeProject(actor, resource.projectRole)) return false;
      return action === 'read' ? seesAllProjects(actor) || resource.projectRole !== null : PORTFOLIO_EDITORS.has(actor.orgRole);
  }
}

/**
 * Whether the actor may give (or refuse) a gate approval in `role`: the organisation role itself, or for
 * `project_manager` the project manager of the project under review. Admins do not stand in for other roles, so
 * an approval always comes from someone who holds the role. Needs a write scope.
 */
export function canApproveGateAs(actor: Actor, role: string, projectRole: ProjectRole | null): boolean {
  if (!actor.scopes.has('write')) return false;
  if (role === 'project_manager') return projectRole === 'project_manager';
  return actor.orgRole === role;
}

/** Finance decisions: officers (admin, finance) do everything; project managers run their projects' money. */
function canFinance(actor: Actor, action: Action, area: FinanceArea, projectRole: ProjectRole | null, own: boolean, lineManager: boolean): boolean {
  const officer = FINANCE_OFFICERS.has(actor.orgRole);
  const pm = projectRole === 'project_manager';
  switch (area) {
    case 'timesheet':
      // A line manager may read (and approve, see 'approval') the time of the people they manage.
      return own || officer || (action === 'read' && (actor.orgRole === 'pmo' || lineManager));
    case 'approval':
      return officer || pm;
    case 'rates':
      return action === 'read' ? officer || PORTFOLIO_EDITORS.has(actor.orgRole) : officer;
    case 'settings':
      return action === 'read' || officer;
    case 'budget':
      if (!canSeeProject(actor, projectRole)) return false;
      return action === 'read' || officer || PORTFOLIO_EDITORS.has(actor.orgRole) || pm;
    case 'budget-approval':
      return officer || PORTFOLIO_EDITORS.has(actor.orgRole);
    case 'portfolio-budget':
      return action === 'read' ? PORTFOLIO_WIDE.has(actor.orgRole) : officer || PORTFOLIO_EDITORS.has(actor.orgRole);
    case 'reports':
      return action === 'read' && (officer || actor.orgRole === 'pmo');
    case 'financials':
      return canSeeProject(actor, projectRole);
    case 'invoice':
      return action === 'read' ? officer || pm : officer;
  }
}

const ORG_ROLES: readonly OrgRole[] = ['admin', 'pmo', 'portfolio_manager', 'finance', 'member'];
const PROJECT_ROLES: readonly ProjectRole[] = ['project_manager', 'team_member', 'stakeholder'];

/** A signed-in holder of `orgRole` with both scopes: whom `can` is asked about when no particular user is meant. */
function roleHolder(orgRole: OrgRole): Actor {
  return { userId: '', username: '', displayName: '', orgRole, via: 'session', scopes: new Set(['read', 'write']) };
}

/**
 * The organisation roles whose every holder may do `action` on `resource`, by their role alone. Used to address an
 * event to everyone who may see the record it names, from the same rules that guard the record's routes.
 */
export function orgRolesAllowed(action: Action, resource: Resource): OrgRole[] {
  return ORG_ROLES.filter((role) => can(roleHolder(role), action, resource));
}

/**
 * The project roles whose holders may do `action` on the resource of a project (`resourceFor(projectRole)`) through
 * that project role, i.e. even as plain members of the organisation.
 */
export function projectRolesAllowed(action: Action, resourceFor: (projectRole: ProjectRole) => Resource): ProjectRole[] {
  return PROJECT_ROLES.filter((role) => can(roleHolder('member'), action, resourceFor(role)));
}

/** Throws 403 unless `can` allows. Read-only tokens get a distinct code so scripts can tell why. */
export function authorize(actor: Actor, action: Action, resource: Resource): void {
  if (can(actor, action, resource)) return;
  if (action !== 'read' && !actor.scopes.has('write')) {
    throw new AppError(403, 'insufficient_scope', 'this API token is read-only');
  }
  throw forbidden();
}
