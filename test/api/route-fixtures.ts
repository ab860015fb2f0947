/**
 * A world for route-walking tests: a project with a task, a link and members, plus users of each kind,
 * and a valid sample body for every writing route (the walk fails when a new route has none, so every
 * route gets its 401/403 check).
 */
import type { TestContext, TestUser } from '../helpers.js';
import { json } from '../helpers.js';
import { buildStrategyWalk, fillStrategyPath, STRATEGY_OPEN_TO_ALL, strategySampleBodies, type StrategyWalk } from '../portfolio/route-fixtures.js';

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
  riskId: string;
  riskActionId: string;
  raidId: string;
  assignmentId: string;
  nonProjectTimeId: string;
  staffingRequestId: string;
  placeholderId: string;
  outsider: TestUser;
  stakeholder: TestUser;
  scoringModelId: string;
  proposalId: string;
  scenarioId: string;
  strategy: StrategyWalk;
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
  const risk = await inject('POST', `/api/v1/projects/${project.id}/risks`, { title: 'Target Corp walks away', category: 'commercial', inherent: { probabilityLevel: 2, impacts: { cost: 4 } } });
  const riskAction = await inject('POST', `/api/v1/risks/${risk.id}/actions`, { title: 'Sign the letter of intent' });
  const raid = await inject('POST', `/api/v1/projects/${project.id}/raid`, { type: 'decision', title: 'Proceed with Target Corp' });
  const scoringModel = await inject('POST', '/api/v1/portfolio/scoring-models', WALK_MODEL);
  const proposal = await inject('POST', '/api/v1/portfolio/proposals', { name: 'Walk Proposal', capexCents: [1000] });
  const scenario = await inject('POST', '/api/v1/portfolio/scenarios', { name: 'Walk Scenario', settings: { totalBudgetCents: 5000 }, selected: [{ proposalId: proposal.id }] });
  const assignment = await inject('POST', `/api/v1/projects/${project.id}/assignments`, { taskId: task.id, personId: person.id, unitsPercent: 50 });
  const npt = await inject('POST', `/api/v1/people/${person.id}/non-project-time`, { from: '2026-03-02', to: '2026-03-06' });
  const role = await inject('POST', '/api/v1/roles', { name: 'World Role' });
  const placeholder = await inject('POST', `/api/v1/projects/${project.id}/assignments`, { taskId: task2.id, roleId: role.id, unitsPercent: 100 });
  const placeholder2 = await inject('POST', `/api/v1/projects/${project.id}/assignments`, { taskId: task.id, roleId: role.id, unitsPercent: 50 });
  const staffing = await inject('POST', `/api/v1/projects/${project.id}/staffing-requests`, { assignmentId: placeholder.id });
  const strategy = await buildStrategyWalk(ctx, { projectId: project.id });
  return {
    strategy,
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
    riskId: risk.id,
    riskActionId: riskAction.id,
    raidId: raid.id,
    assignmentId: assignment.id,
    nonProjectTimeId: npt.id,
    staffingRequestId: staffing.id,
    placeholderId: placeholder2.id,
    outsider,
    stakeholder,
    scoringModelId: scoringModel.id,
    proposalId: proposal.id,
    scenarioId: scenario.id,
  };
}

const WALK_MODEL = { name: 'Walk Model', criteria: [{ id: 'value', name: 'Value', weight: 100, scale: { kind: 'range', min: 0, max: 10 } }] };

/** Fills a path template from the world. */
export function fillPath(path: string, w: World, adminId: string): string {
  return fillStrategyPath(path, w.strategy)
    .replace('/projects/{id}', `/projects/${w.projectId}`)
    .replace('/tasks/{id}', `/tasks/${w.taskId}`)
    .replace('/links/{id}', `/links/${w.linkId}`)
    .replace('/users/{id}', `/users/${adminId}`)
    .replace('/portfolios/{id}', `/portfolios/${w.portfolioId}`)
    .replace('/programs/{id}', `/programs/${w.programId}`)
    .replace('/people/{id}', `/people/${w.personId}`)
    .replace('/me/tokens/{id}', `/me/tokens/${w.tokenId}`)
    .replace('/risks/{id}', `/risks/${w.riskId}`)
    .replace('/risk-actions/{id}', `/risk-actions/${w.riskActionId}`)
    .replace('/raid/{id}', `/raid/${w.raidId}`)
    .replace('/portfolio/scoring-models/{id}', `/portfolio/scoring-models/${w.scoringModelId}`)
    .replace('/portfolio/proposals/{id}', `/portfolio/proposals/${w.proposalId}`)
    .replace('/portfolio/scenarios/{id}', `/portfolio/scenarios/${w.scenarioId}`)
    .replace('/portfolio/scenarios/compare', `/portfolio/scenarios/compare?a=${w.scenarioId}&b=${w.scenarioId}`)
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
    'PATCH /api/v1/risk-matrix': { matrix: { probabilityLevels: [{ level: 1, label: 'Any', minProbability: 0, maxProbability: 1 }, { level: 2, label: 'Likely', minProbability: 0.5, maxProbability: 1 }], impactLevels: [1, 2, 3, 4, 5].map((l) => ({ level: l, label: `I${l}` })), bands: [{ rating: 'low', minScore: 1 }] }, version: 0 },
    'POST /api/v1/projects/{id}/risks': { title: 'Walk risk', category: 'technical', inherent: { probabilityLevel: 2, impacts: { schedule: 3 } } },
    'POST /api/v1/risks': { level: 'enterprise', title: 'Walk enterprise risk', category: 'strategic', inherent: { probabilityLevel: 2, impacts: { reputation: 3 } } },
    'PATCH /api/v1/risks/{id}': { title: 'Renamed risk', version: 1 },
    'DELETE /api/v1/risks/{id}': undefined,
    'POST /api/v1/risks/{id}/escalate': { level: 'enterprise' },
    'POST /api/v1/risks/{id}/actions': { title: 'Walk action' },
    'PATCH /api/v1/risk-actions/{id}': { progressPercent: 50, version: 1 },
    'DELETE /api/v1/risk-actions/{id}': undefined,
    'POST /api/v1/projects/{id}/raid': { type: 'issue', title: 'Walk issue' },
    'PATCH /api/v1/raid/{id}': { status: 'closed', version: 1 },
    'DELETE /api/v1/raid/{id}': undefined,
    'PUT /api/v1/tasks/{id}/estimate': { minMinutes: 400, mostLikelyMinutes: 480, maxMinutes: 720 },
    'POST /api/v1/portfolio/scoring-models': WALK_MODEL,
    'PATCH /api/v1/portfolio/scoring-models/{id}': { name: 'Renamed Model', version: 1 },
    'POST /api/v1/portfolio/proposals': { name: 'Another Proposal' },
    'PATCH /api/v1/portfolio/proposals/{id}': { name: 'Renamed Proposal', version: 1 },
    'DELETE /api/v1/portfolio/proposals/{id}': undefined,
    'POST /api/v1/portfolio/proposals/{id}/scores': { scoringModelId: w.scoringModelId, answers: { value: 5 } },
    'POST /api/v1/portfolio/optimize': { totalBudgetCents: 5000, timeLimitMs: 200 },
    'POST /api/v1/portfolio/frontier': { totalBudgetCents: 5000, timeLimitMs: 200, points: 2 },
    'POST /api/v1/portfolio/scenarios': { name: 'Another Scenario', settings: { totalBudgetCents: 5000 }, selected: [] },
    'DELETE /api/v1/portfolio/scenarios/{id}': undefined,
    'POST /api/v1/portfolio/scenarios/{id}/promote': undefined,
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
    ...strategySampleBodies(w.strategy),
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
  'GET /api/v1/risk-matrix',
  'GET /api/v1/roles',
  'GET /api/v1/skills',
  'GET /api/v1/people/{id}/profile',
  'GET /api/v1/capacity',
  'GET /api/v1/capacity/assignments',
  'GET /api/v1/staffing-requests',
  ...STRATEGY_OPEN_TO_ALL,
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
