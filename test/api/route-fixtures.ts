/**
 * A world for route-walking tests: a project with a task, a link and members, plus users of each kind,
 * and a valid sample body for every writing route (the walk fails when a new route has none, so every
 * route gets its 401/403 check).
 */
import type { TestContext, TestUser } from '../helpers.js';
import { json } from '../helpers.js';

export interface World {
  portfolioId: string;
  programId: string;
  projectId: string;
  projectName: string;
  taskId: string;
  taskName: string;
  linkId: string;
  memberId: string;
  personId: string;
  tokenId: string;
  assignmentId: string;
  nonProjectTimeId: string;
  staffingRequestId: string;
  placeholderId: string;
  outsider: TestUser;
  stakeholder: TestUser;
}

export async function buildWorld(ctx: TestContext): Promise<World> {
  const a = ctx.admin.auth;
  const inject = async (method: 'POST' | 'GET', url: string, payload?: object) => {
    const res = await ctx.app.inject({ method, url, headers: a, ...(payload ? { payload } : {}) });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return json(res);
  };
  const portfolio = await inject('POST', '/api/v1/portfolios', { name: 'Confidential Portfolio' });
  const program = await inject('POST', '/api/v1/programs', { portfolioId: portfolio.id, name: 'Hidden Program' });
  const projectName = 'Project Nightingale';
  const project = await inject('POST', '/api/v1/projects', { name: projectName, portfolioId: portfolio.id, programId: program.id, startDate: '2026-02-02' });
  const taskName = 'Acquire Target Corp';
  const task = await inject('POST', `/api/v1/projects/${project.id}/tasks`, { name: taskName });
  const task2 = await inject('POST', `/api/v1/projects/${project.id}/tasks`, { name: 'Integrate Target Corp' });
  const link = await inject('POST', `/api/v1/projects/${project.id}/links`, { predecessorId: task.id, successorId: task2.id });
  const outsider = await ctx.user('member', 'outsider');
  const stakeholder = await ctx.user('member', 'stakeholder');
  const member = await inject('POST', `/api/v1/projects/${project.id}/members`, { userId: stakeholder.id, role: 'stakeholder' });
  const person = await inject('POST', '/api/v1/people', { name: 'Pat Person' });
  const tokens = await inject('GET', '/api/v1/me/tokens');
  const assignment = await inject('POST', `/api/v1/projects/${project.id}/assignments`, { taskId: task.id, personId: person.id, unitsPercent: 50 });
  const npt = await inject('POST', `/api/v1/people/${person.id}/non-project-time`, { from: '2026-03-02', to: '2026-03-06' });
  const role = await inject('POST', '/api/v1/roles', { name: 'World Role' });
  const placeholder = await inject('POST', `/api/v1/projects/${project.id}/assignments`, { taskId: task2.id, roleId: role.id, unitsPercent: 100 });
  const placeholder2 = await inject('POST', `/api/v1/projects/${project.id}/assignments`, { taskId: task.id, roleId: role.id, unitsPercent: 50 });
  const staffing = await inject('POST', `/api/v1/projects/${project.id}/staffing-requests`, { assignmentId: placeholder.id });
  return {
    portfolioId: portfolio.id,
    programId: program.id,
    projectId: project.id,
    projectName,
    taskId: task.id,
    taskName,
    linkId: link.id,
    memberId: member.id,
    personId: person.id,
    tokenId: tokens.items[0].id,
    assignmentId: assignment.id,
    nonProjectTimeId: npt.id,
    staffingRequestId: staffing.id,
    placeholderId: placeholder2.id,
    outsider,
    stakeholder,
  };
}

/** Fills a path template from the world. */
export function fillPath(path: string, w: World, adminId: string): string {
  return path
    .replace('/projects/{id}', `/projects/${w.projectId}`)
    .replace('/tasks/{id}', `/tasks/${w.taskId}`)
    .replace('/links/{id}', `/links/${w.linkId}`)
    .replace('/users/{id}', `/users/${adminId}`)
    .replace('/portfolios/{id}', `/portfolios/${w.portfolioId}`)
    .replace('/programs/{id}', `/programs/${w.programId}`)
    .replace('/people/{id}', `/people/${w.personId}`)
    .replace('/me/tokens/{id}', `/me/tokens/${w.tokenId}`)
    .replace('/assignments/{id}', `/assignments/${w.assignmentId}`)
    .replace('/non-project-time/{id}', `/non-project-time/${w.nonProjectTimeId}`)
    .replace('/staffing-requests/{id}', `/staffing-requests/${w.staffingRequestId}`)
    .replace('{memberId}', w.memberId)
    .replace('{number}', '0');
}

/** A valid body for each writing route (method + OpenAPI path). */
export function sampleBodies(w: World, otherUserId: string): Record<string, object | undefined> {
  return {
    'POST /api/v1/auth/login': { username: 'admin', password: 'x' },
    'POST /api/v1/auth/logout': undefined,
    'PATCH /api/v1/me': { displayName: 'New Name', version: 1 },
    'POST /api/v1/me/password': { currentPassword: 'x', newPassword: 'a-new-password-1' },
    'POST /api/v1/me/tokens': { name: 'walk', scopes: ['read'] },
    'DELETE /api/v1/me/tokens/{id}': undefined,
    'POST /api/v1/users': { username: 'walker', displayName: 'Walker', orgRole: 'member', password: 'walker-password' },
    'PATCH /api/v1/users/{id}': { displayName: 'Admin Two', version: 1 },
    'POST /api/v1/users/{id}/password': { password: 'another-password-1' },
    'POST /api/v1/people': { name: 'New Person' },
    'PATCH /api/v1/people/{id}': { name: 'Renamed', version: 1 },
    'POST /api/v1/portfolios': { name: 'Walk Portfolio' },
    'PATCH /api/v1/portfolios/{id}': { name: 'Renamed Portfolio', version: 1 },
    'DELETE /api/v1/portfolios/{id}': undefined,
    'POST /api/v1/programs': { portfolioId: w.portfolioId, name: 'Walk Program' },
    'PATCH /api/v1/programs/{id}': { name: 'Renamed Program', version: 1 },
    'DELETE /api/v1/programs/{id}': undefined,
    'POST /api/v1/projects': { name: 'Walk Project', portfolioId: w.portfolioId },
    'PATCH /api/v1/projects/{id}': { name: 'Renamed Project', version: 1 },
    'DELETE /api/v1/projects/{id}': undefined,
    'POST /api/v1/projects/{id}/members': { userId: otherUserId, role: 'team_member' },
    'PATCH /api/v1/projects/{id}/members/{memberId}': { role: 'team_member', version: 1 },
    'DELETE /api/v1/projects/{id}/members/{memberId}': undefined,
    'POST /api/v1/projects/{id}/tasks': { name: 'Walk Task' },
    'PATCH /api/v1/tasks/{id}': { name: 'Renamed Task', version: 1 },
    'DELETE /api/v1/tasks/{id}': undefined,
    'POST /api/v1/projects/{id}/links': { predecessorId: w.taskId, successorId: w.taskId },
    'DELETE /api/v1/links/{id}': undefined,
    'POST /api/v1/projects/{id}/schedule': undefined,
    'POST /api/v1/projects/{id}/baselines/{number}': undefined,
    // Raw XML bodies: the walk sends JSON, which the route refuses (415) only after authentication.
    'POST /api/v1/projects/import': undefined,
    'POST /api/v1/roles': { name: 'Walk Role' },
    'POST /api/v1/skills': { name: 'Walk Skill' },
    'PATCH /api/v1/people/{id}/profile': { partTimePercent: 80, version: 1 },
    'POST /api/v1/people/{id}/non-project-time': { from: '2026-04-06', to: '2026-04-10' },
    'DELETE /api/v1/non-project-time/{id}': undefined,
    'POST /api/v1/projects/{id}/assignments': { taskId: w.taskId, personId: w.personId, unitsPercent: 100 },
    'PATCH /api/v1/assignments/{id}': { unitsPercent: 75, version: 1 },
    'DELETE /api/v1/assignments/{id}': undefined,
    'POST /api/v1/projects/{id}/staffing-requests': { assignmentId: w.placeholderId },
    'PATCH /api/v1/staffing-requests/{id}': { status: 'proposed', personId: w.personId, version: 1 },
    'POST /api/v1/leveling/preview': { projectIds: [w.projectId] },
    'POST /api/v1/leveling/apply': { projectIds: [w.projectId], previewToken: 'stale' },
  };
}

/** Routes any authenticated user may call (their own account, organisation-wide reference data). */
export const OPEN_TO_ALL = new Set([
  'GET /api/v1/auth/me',
  'POST /api/v1/auth/logout',
  'PATCH /api/v1/me',
  'POST /api/v1/me/password',
  'GET /api/v1/me/tokens',
  'POST /api/v1/me/tokens',
  'DELETE /api/v1/me/tokens/{id}',
  'GET /api/v1/projects',
  'GET /api/v1/portfolios',
  'GET /api/v1/portfolios/{id}',
  'GET /api/v1/programs',
  'GET /api/v1/people',
  'GET /api/v1/events',
  'GET /api/v1/roles',
  'GET /api/v1/skills',
  'GET /api/v1/people/{id}/profile',
  'GET /api/v1/capacity',
  'GET /api/v1/capacity/assignments',
  'GET /api/v1/staffing-requests',
]);

export const PUBLIC = new Set(['POST /api/v1/auth/login']);

/** Every operation of the OpenAPI document as "METHOD /path". */
export function operations(doc: { paths: Record<string, Record<string, unknown>> }): string[] {
  const ops: string[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of Object.keys(item)) {
      if (['get', 'post', 'put', 'patch', 'delete'].includes(method)) ops.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return ops.sort();
}
