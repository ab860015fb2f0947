/**
 * Staffing suggestions for a role placeholder assignment: every active person ranked by how well they meet the
 * skills the role requires and by their free capacity in the assignment's window (capacity net of vacations and
 * of their demand in the projects the actor may see, day by day), with the score explained.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { buildBuckets, computeCapacity, dateOfDay, dayOfDate, rankCandidates, type StaffingCandidate } from '../../domain/resources/index.js';
import { AppError, notFound } from '../../server/errors.js';
import type { Actor } from '../../server/policy.js';
import { requireProjectAccess } from '../projects/projects.service.js';
import { loadCapacityPlan } from './capacity.service.js';

/** Ranked people for the placeholder assignment (422 when it names a person already or its task has no dates). */
export async function staffingSuggestions(db: Kysely<DB>, actor: Actor, assignmentId: string, limit: number) {
  const a = await db
    .selectFrom('assignments as a')
    .leftJoin('roles as r', 'r.id', 'a.role_id')
    .select(['a.id', 'a.project_id', 'a.role_id', 'r.name as role_name', 'a.task_start', 'a.task_finish', 'a.work_minutes'])
    .where('a.id', '=', assignmentId)
    .executeTakeFirst();
  if (!a) throw notFound('assignment');
  await requireProjectAccess(db, actor, a.project_id, 'read', 'task');
  if (!a.role_id) throw new AppError(422, 'not_a_placeholder', 'the assignment already names a person');
  if (!a.task_start || !a.task_finish) throw new AppError(422, 'task_not_scheduled', 'the task has no dates yet, so availability cannot be judged; give it dates first');
  const fromDay = dayOfDate(a.task_start);
  const lastDay = Math.max(fromDay, dayOfDate(a.task_finish));
  const days = lastDay - fromDay + 1;
  // Day by day so that free time in one week does not hide an overload in another; long windows by week.
  const buckets = days <= 366 ? buildBuckets('day', fromDay, days) : buildBuckets('week', fromDay, Math.ceil(days / 7) + 1);
  const [requirements, holders, skills, plan] = await Promise.all([
    db.selectFrom('role_skills').innerJoin('skills', 'skills.id', 'role_skills.skill_id').select(['skills.id as skillId', 'skills.name', 'role_skills.min_proficiency as minProficiency']).where('role_skills.role_id', '=', a.role_id).orderBy('skills.name').execute(),
    db.selectFrom('role_members').select('person_id').where('role_id', '=', a.role_id).execute(),
    db.selectFrom('person_skills').select(['person_id', 'skill_id', 'proficiency']).execute(),
    loadCapacityPlan(db, actor, { fromDay: buckets[0]!, toDay: buckets[buckets.length - 1]!, groups: false, placeholders: false, detailProjectIds: [] }),
  ]);
  const totals = computeCapacity(plan, buckets);
  const B = buckets.length - 1;
  const holderSet = new Set(holders.map((h) => h.person_id));
  const skillsOf = new Map<string, Map<string, number>>();
  for (const s of skills) {
    const m = skillsOf.get(s.person_id) ?? new Map<string, number>();
    m.set(s.skill_id, s.proficiency);
    skillsOf.set(s.person_id, m);
  }
  const candidates: StaffingCandidate[] = plan.people.map((p, i) => {
    let capacity = 0;
    let free = 0;
    for (let k = 0; k < B; k++) {
      const c = totals.personCapacity[i * B + k]!;
      const d = totals.personDemand[i * B + k]!;
      capacity += c;
      if (c > d) free += c - d;
    }
    return { personId: p.id, name: p.name, skills: skillsOf.get(p.id) ?? new Map(), holdsRole: holderSet.has(p.id), capacityMinutes: capacity, freeMinutes: free };
  });
  const needed = Number(a.work_minutes);
  return {
    assignmentId: a.id,
    roleId: a.role_id,
    roleName: a.role_name ?? '',
    from: dateOfDay(fromDay),
    to: dateOfDay(lastDay),
    neededMinutes: needed,
    requirements,
    suggestions: rankCandidates(requirements, needed, a.role_name ?? null, candidates, limit),
  };
}
