/**
 * Who receives the live events of a person's timesheet week. A timesheet is not organisation-wide news: the event
 * goes to the users who may see that week under the policy, nobody else.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { EventRecipients } from '../../server/events.js';
import { orgRolesAllowed, projectRolesAllowed } from '../../server/policy.js';

/**
 * The recipients of an event about `personId`'s week `weekStart`..`weekEnd`, read inside the change's transaction:
 * - the person (their own timesheet);
 * - the organisation roles that may read anyone's timesheet or approve time on any project (GET timesheet and the
 *   approvals inbox), asked of the policy;
 * - the users whose project role may approve time (the projects' managers, asked of the policy) on the projects the
 *   week's entries are on, plus `moreProjectIds` (projects whose entries the change removed): the approvals inbox
 *   lists those entries for them;
 * - the person's line manager, who may approve their time (approvals.service.ts).
 */
export async function timesheetRecipients(tx: Kysely<DB>, personId: string, weekStart: string, weekEnd: string, moreProjectIds: string[] = []): Promise<EventRecipients> {
  const orgRoles = [...new Set([
    ...orgRolesAllowed('read', { kind: 'finance', area: 'timesheet', projectRole: null, own: false }),
    ...orgRolesAllowed('update', { kind: 'finance', area: 'approval', projectRole: null }),
  ])];
  const approverRoles = projectRolesAllowed('update', (projectRole) => ({ kind: 'finance', area: 'approval', projectRole }));
  const person = await tx.selectFrom('people').select(['user_id', 'line_manager_id']).where('id', '=', personId).executeTakeFirst();
  const week = await tx.selectFrom('time_entries').select('project_id').distinct().where('person_id', '=', personId)
    .where('work_date', '>=', weekStart).where('work_date', '<=', weekEnd).execute();
  const projectIds = [...new Set([...week.map((r) => r.project_id), ...moreProjectIds])];
  const approvers = projectIds.length > 0 && approverRoles.length > 0
    ? await tx.selectFrom('project_members').select('user_id').distinct().where('project_id', 'in', projectIds).where('role', 'in', approverRoles).orderBy('user_id').execute()
    : [];
  const userIds = [person?.user_id, person?.line_manager_id, ...approvers.map((a) => a.user_id)].filter((id): id is string => typeof id === 'string');
  return { userIds: [...new Set(userIds)], orgRoles };
}
