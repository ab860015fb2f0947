/**
 * Resources additions to the route walk (test/api/route-permissions.test.ts) and the bad-input property test:
 * a team and an enterprise calendar to address, a valid sample body for every resources writing route added
 * after the core fixtures, and the resources routes any authenticated user may call.
 */
import type { TestContext } from '../helpers.js';
import { json } from '../helpers.js';
import type { World } from '../api/route-fixtures.js';
import { STANDARD_WEEK } from './api.js';

export interface ResourcesWorldIds {
  teamId: string;
  calendarId: string;
  roleId: string;
}

/** Creates a team, a role and an enterprise calendar as the admin. */
export async function buildResourcesWalkWorld(ctx: TestContext, w: World): Promise<ResourcesWorldIds> {
  const inject = async (method: 'POST' | 'GET', url: string, payload?: object) => {
    const res = await ctx.app.inject({ method, url: `/api/v1${url}`, headers: ctx.admin.auth, ...(payload ? { payload } : {}) });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return json(res);
  };
  const team = await inject('POST', '/teams', { name: 'Walk Team', leadId: w.personId });
  const calendar = await inject('POST', '/calendars', { name: 'Walk Calendar', weekDays: STANDARD_WEEK });
  const role = await inject('POST', '/roles', { name: 'Walk Resources Role' });
  return { teamId: team.id, calendarId: calendar.id, roleId: role.id };
}

/** Fills the resources path parameters (call before the core fillPath). */
export function fillResourcesPath(path: string, r: ResourcesWorldIds): string {
  return path.replace('/teams/{id}', `/teams/${r.teamId}`).replace('/calendars/{id}', `/calendars/${r.calendarId}`).replace('/roles/{id}', `/roles/${r.roleId}`);
}

/** A valid body for each resources writing route not in the core fixtures. */
export function resourcesSampleBodies(w: World): Record<string, object | undefined> {
  return {
    'POST /api/v1/teams': { name: 'Another Team', memberIds: [w.personId] },
    'PATCH /api/v1/teams/{id}': { name: 'Renamed Team', version: 1 },
    'DELETE /api/v1/teams/{id}': undefined,
    'PATCH /api/v1/roles/{id}': { name: 'Renamed Resources Role', version: 1 },
    'POST /api/v1/calendars': { name: 'Another Calendar', weekDays: STANDARD_WEEK, exceptions: [{ name: 'Holiday', from: '2026-12-25', to: '2026-12-25', working: false }] },
    'PATCH /api/v1/calendars/{id}': { name: 'Renamed Calendar', version: 1 },
    'DELETE /api/v1/calendars/{id}': undefined,
    'POST /api/v1/capacity/what-if': { from: '2026-02-02', periods: 4, changes: [{ kind: 'shift-project', projectId: w.projectId, workingDays: 5 }, { kind: 'add-person', name: 'Walk hire' }] },
    'PUT /api/v1/tasks/{id}/leveling-options': { canSplit: false, version: 1 },
  };
}

/** Resources routes any authenticated user may call (reference data; what-if reads only what the user may see). */
export const RESOURCES_OPEN_TO_ALL = new Set(['GET /api/v1/teams', 'GET /api/v1/roles/{id}', 'GET /api/v1/calendars', 'POST /api/v1/capacity/what-if']);
