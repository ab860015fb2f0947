/** Teams of people (a person may be in several; the lead is a member) and the skills a role requires. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError, notFound, versionConflict } from '../../server/errors.js';
import { authorize, type Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';

export interface TeamView {
  id: string;
  name: string;
  description: string;
  leadId: string | null;
  leadName: string | null;
  members: { personId: string; name: string }[];
  version: number;
}

async function loadTeams(db: Kysely<DB>, id?: string): Promise<TeamView[]> {
  let q = db.selectFrom('teams').leftJoin('people as lead', 'lead.id', 'teams.lead_person_id').select(['teams.id', 'teams.name', 'teams.description', 'teams.lead_person_id', 'lead.name as lead_name', 'teams.version']).orderBy('teams.name').orderBy('teams.id');
  if (id) q = q.where('teams.id', '=', id);
  const teams = await q.execute();
  if (!teams.length) return [];
  const members = await db
    .selectFrom('team_members')
    .innerJoin('people', 'people.id', 'team_members.person_id')
    .select(['team_members.team_id', 'people.id', 'people.name'])
    .where('team_members.team_id', 'in', teams.map((t) => t.id))
    .orderBy('people.name')
    .orderBy('people.id')
    .execute();
  return teams.map((t) => ({
    id: t.id,
    name: t.name,
    description: t.description,
    leadId: t.lead_person_id,
    leadName: t.lead_name,
    members: members.filter((m) => m.team_id === t.id).map((m) => ({ personId: m.id, name: m.name })),
    version: t.version,
  }));
}

/** Every team with its lead and members. */
export async function listTeams(db: Kysely<DB>, actor: Actor): Promise<TeamView[]> {
  authorize(actor, 'read', { kind: 'resource' });
  return loadTeams(db);
}

async function checkPeople(tx: Kysely<DB>, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const found = await tx.selectFrom('people').select('id').where('id', 'in', ids).execute();
  if (found.length !== ids.length) throw new AppError(422, 'invalid_reference', 'a team member or lead does not exist');
}

async function setMembers(tx: Kysely<DB>, teamId: string, ids: string[]): Promise<void> {
  await tx.deleteFrom('team_members').where('team_id', '=', teamId).execute();
  if (ids.length) await tx.insertInto('team_members').values(ids.map((person_id) => ({ team_id: teamId, person_id }))).execute();
}

async function requireUniqueName(tx: Kysely<DB>, name: string, exceptId?: string): Promise<void> {
  let q = tx.selectFrom('teams').select('id').where('name', '=', name);
  if (exceptId) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst()) throw new AppError(409, 'duplicate_name', 'a team with that name exists');
}

/** Creates a team; the lead joins its members. */
export async function createTeam(db: Kysely<DB>, actor: Actor, input: { name: string; description?: string | undefined; leadId?: string | null | undefined; memberIds?: string[] | undefined }): Promise<TeamView> {
  authorize(actor, 'create', { kind: 'resource' });
  return db.transaction().execute(async (tx) => {
    await requireUniqueName(tx, input.name);
    const lead = input.leadId ?? null;
    const ids = [...new Set([...(input.memberIds ?? []), ...(lead ? [lead] : [])])];
    await checkPeople(tx, ids);
    const id = randomUUID();
    await tx.insertInto('teams').values({ id, name: input.name, description: input.description ?? '', lead_person_id: lead }).execute();
    await setMembers(tx, id, ids);
    const [team] = await loadTeams(tx, id);
    await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'team', entityId: id, projectId: null, after: team, version: 1 });
    return team!;
  });
}

/** Changes a team (If-Match); members are replaced as a whole; the lead stays a member. */
export async function updateTeam(db: Kysely<DB>, actor: Actor, id: string, version: number, patch: { name?: string | undefined; description?: string | undefined; leadId?: string | null | undefined; memberIds?: string[] | undefined }): Promise<TeamView> {
  authorize(actor, 'update', { kind: 'resource' });
  return db.transaction().execute(async (tx) => {
    const [before] = await loadTeams(tx, id);
    if (!before) throw notFound('team');
    if (patch.name !== undefined) await requireUniqueName(tx, patch.name, id);
    const lead = patch.leadId !== undefined ? patch.leadId : before.leadId;
    const base = patch.memberIds ?? before.members.map((m) => m.personId);
    const ids = [...new Set([...base, ...(lead ? [lead] : [])])];
    await checkPeople(tx, ids);
    const updated = await tx
      .updateTable('teams')
      .set((eb) => ({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        lead_person_id: lead,
        version: eb('version', '+', 1),
        updated_at: new Date(),
      }))
      .where('id', '=', id)
      .where('version', '=', version)
      .returning('version')
      .executeTakeFirst();
    if (!updated) throw versionConflict('the team');
    await setMembers(tx, id, ids);
    const [after] = await loadTeams(tx, id);
    await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'team', entityId: id, projectId: null, before, after, version: updated.version });
    return after!;
  });
}

/** Removes a team (If-Match); its people stay. */
export async function deleteTeam(db: Kysely<DB>, actor: Actor, id: string, version: number): Promise<void> {
  authorize(actor, 'delete', { kind: 'resource' });
  await db.transaction().execute(async (tx) => {
    const [before] = await loadTeams(tx, id);
    if (!before) throw notFound('team');
    const del = await tx.deleteFrom('teams').where('id', '=', id).where('version', '=', version).executeTakeFirst();
    if (Number(del.numDeletedRows) !== 1) throw versionConflict('the team');
    await recordChange(tx, { actorId: actor.userId, action: 'deleted', entityType: 'team', entityId: id, projectId: null, before });
  });
}

/** A role with the skills it requires. */
export async function getRole(db: Kysely<DB>, actor: Actor, id: string) {
  authorize(actor, 'read', { kind: 'resource' });
  const role = await db.selectFrom('roles').select(['id', 'name', 'version']).where('id', '=', id).executeTakeFirst();
  if (!role) throw notFound('role');
  const requiredSkills = await db
    .selectFrom('role_skills')
    .innerJoin('skills', 'skills.id', 'role_skills.skill_id')
    .select(['skills.id as skillId', 'skills.name', 'role_skills.min_proficiency as minProficiency'])
    .where('role_skills.role_id', '=', id)
    .orderBy('skills.name')
    .execute();
  return { ...role, requiredSkills };
}

/** Renames a role or replaces the skills it requires (If-Match). */
export async function updateRole(db: Kysely<DB>, actor: Actor, id: string, version: number, patch: { name?: string | undefined; requiredSkills?: { skillId: string; minProficiency: number }[] | undefined }) {
  authorize(actor, 'update', { kind: 'resource' });
  await db.transaction().execute(async (tx) => {
    const before = await getRole(tx, actor, id);
    if (patch.name !== undefined && (await tx.selectFrom('roles').select('id').where('name', '=', patch.name).where('id', '<>', id).executeTakeFirst())) throw new AppError(409, 'duplicate_name', 'a role with that name exists');
    const updated = await tx
      .updateTable('roles')
      .set((eb) => ({ ...(patch.name !== undefined ? { name: patch.name } : {}), version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', version)
      .returning('version')
      .executeTakeFirst();
    if (!updated) throw versionConflict('the role');
    if (patch.requiredSkills) {
      const bySkill = new Map(patch.requiredSkills.map((s) => [s.skillId, s.minProficiency]));
      if (bySkill.size) {
        const found = await tx.selectFrom('skills').select('id').where('id', 'in', [...bySkill.keys()]).execute();
        if (found.length !== bySkill.size) throw new AppError(422, 'invalid_reference', 'a skill does not exist');
      }
      await tx.deleteFrom('role_skills').where('role_id', '=', id).execute();
      if (bySkill.size) await tx.insertInto('role_skills').values([...bySkill].map(([skill_id, min_proficiency]) => ({ role_id: id, skill_id, min_proficiency }))).execute();
    }
    const after = await getRole(tx, actor, id);
    await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'role', entityId: id, projectId: null, before, after, version: updated.version });
  });
  return getRole(db, actor, id);
}
