/**
 * Resources through the API: profiles, non-project time, assignments (with bad input), the capacity grid
 * and levelling of a small portfolio (feasible, links respected, applied atomically, stale previews refused).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProjectViaApi, createTestApp, json, type TestContext, type TestUser } from '../helpers.js';
import { writeLevelingChanges } from '../../src/modules/resources/leveling.service.js';

let ctx: TestContext;
let pm: TestUser;
beforeAll(async () => {
  ctx = await createTestApp();
  pm = await ctx.user('pmo');
});
afterAll(async () => ctx.close());

const post = (url: string, payload: unknown, as: TestUser = pm) => ctx.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: as.auth, payload: payload as object });
const get = (url: string, as: TestUser = pm) => ctx.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: as.auth });
const ok = async <T = any>(p: Promise<{ statusCode: number; body: string }>, status = 200): Promise<T> => { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await p;
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return JSON.parse(res.body) as T;
};
const task = async (projectId: string, name: string, start: string, days: number) => ok(post(`/projects/${projectId}/tasks`, { name, start, durationMinutes: days * 480 }), 201);

describe('resource profiles', () => {
  it('keeps capacity, roles, skills and vacations with optimistic concurrency', async () => {
    const person = await ok(post('/people', { name: 'Ada Profile' }), 201);
    const role = await ok(post('/roles', { name: 'Developer' }), 201);
    const skill = await ok(post('/skills', { name: 'TypeScript' }), 201);
    expect((await post('/roles', { name: 'Developer' })).statusCode).toBe(409);
    const fresh = await ok(get(`/people/${person.id}/profile`));
    expect(fresh).toMatchObject({ minutesPerWeek: 2400, partTimePercent: 100, roles: [], skills: [], version: 1 });
    const patch = (body: object, version: number) => ctx.app.inject({ method: 'PATCH', url: `/api/v1/people/${person.id}/profile`, headers: { ...pm.auth, 'if-match': `"${version}"` }, payload: body });
    const changed = await ok(patch({ partTimePercent: 50, roleIds: [role.id], skills: [{ skillId: skill.id, proficiency: 4 }] }, 1));
    expect(changed).toMatchObject({ partTimePercent: 50, version: 2, roles: [{ name: 'Developer' }], skills: [{ name: 'TypeScript', proficiency: 4 }] });
    expect((await patch({ partTimePercent: 60 }, 1)).statusCode).toBe(409);
    expect((await patch({ skills: [{ skillId: skill.id, proficiency: 9 }] }, 2)).statusCode).toBe(400);
    expect((await post(`/people/${person.id}/non-project-time`, { from: '2026-03-10', to: '2026-03-09' })).statusCode).toBe(400);
    const npt = await ok(post(`/people/${person.id}/non-project-time`, { from: '2026-03-09', to: '2026-03-10' }), 201);
    expect((await get(`/people/${person.id}/profile`)).body).toContain(npt.id);
    const member = await ctx.user('member');
    expect((await post('/roles', { name: 'Nope' }, member)).statusCode).toBe(403);
    expect((await get('/roles', member)).statusCode).toBe(200);
  });
});

describe('assignments', () => {
  it('validates units, task and person, and defaults work to duration x units', async () => {
    const project = await createProjectViaApi(ctx, pm);
    const other = await createProjectViaApi(ctx, pm);
    const t = await task(project.id, 'Build', '2026-01-05T08:00', 5);
    const foreign = await task(other.id, 'Elsewhere', '2026-01-05T08:00', 5);
    const person = await ok(post('/people', { name: 'Bo Assign' }), 201);
    const url = `/projects/${project.id}/assignments`;
    const a = await ok(post(url, { taskId: t.id, personId: person.id, unitsPercent: 50 }), 201);
    expect(a).toMatchObject({ unitsPercent: 50, workMinutes: 1200, personId: person.id, roleId: null });
    expect((await post(url, { taskId: t.id, personId: person.id, unitsPercent: 0 })).statusCode).toBe(400);
    expect((await post(url, { taskId: t.id, personId: person.id, unitsPercent: -5 })).statusCode).toBe(400);
    expect((await post(url, { taskId: t.id, unitsPercent: 50 })).statusCode).toBe(400);
    const missingPerson = await post(url, { taskId: t.id, personId: '00000000-0000-4000-8000-000000000000', unitsPercent: 50 });
    expect([missingPerson.statusCode, json(missingPerson).code]).toEqual([422, 'invalid_reference']);
    expect((await post(url, { taskId: foreign.id, personId: person.id, unitsPercent: 50 })).statusCode).toBe(422);
    expect((await post(url, { taskId: '00000000-0000-4000-8000-000000000000', personId: person.id })).statusCode).toBe(422);
    const upd = await ctx.app.inject({ method: 'PATCH', url: `/api/v1/assignments/${a.id}`, headers: { ...pm.auth, 'if-match': '"1"' }, payload: { workMinutes: 600 } });
    expect(json(upd)).toMatchObject({ workMinutes: 600, version: 2 });
    const stale = await ctx.app.inject({ method: 'DELETE', url: `/api/v1/assignments/${a.id}`, headers: { ...pm.auth, 'if-match': '"1"' } });
    expect(stale.statusCode).toBe(409);
    expect(json(await get(url)).items).toHaveLength(1);
  });
});

describe('capacity against demand', () => {
  it('spreads work over working days, nets vacations and hides projects the user cannot see', async () => {
    const project = await createProjectViaApi(ctx, pm);
    const person = await ok(post('/people', { name: 'Cy Capacity' }), 201);
    // 10 working days from Monday 2026-02-02 to Friday 2026-02-13, 4,800 minutes of work: 2,400 per week.
    const t = await task(project.id, 'Two weeks', '2026-02-02T08:00', 10);
    await ok(post(`/projects/${project.id}/assignments`, { taskId: t.id, personId: person.id, unitsPercent: 100 }), 201);
    await ok(post(`/people/${person.id}/non-project-time`, { from: '2026-02-09', to: '2026-02-10' }), 201);
    const grid = await ok(get('/capacity?from=2026-02-04&periods=3'));
    expect(grid.from).toBe('2026-02-02');
    expect(grid.periods.map((p: { start: string }) => p.start)).toEqual(['2026-02-02', '2026-02-09', '2026-02-16']);
    const row = grid.rows.find((r: { id: string }) => r.id === person.id);
    expect(row).toMatchObject({ capacityMinutes: [2400, 1440, 2400], demandMinutes: [2400, 2400, 0], utilisation: [1, 1.667, 0] });

    const member = await ctx.user('member');
    const hidden = (await ok(get('/capacity?from=2026-02-02&periods=3', member))).rows.find((r: { id: string }) => r.id === person.id);
    expect(hidden.demandMinutes).toEqual([0, 0, 0]);
    const drill = await ok(get(`/capacity/assignments?personId=${person.id}&from=2026-02-09&to=2026-02-15`));
    expect(drill.items.map((i: { taskName: string }) => i.taskName)).toEqual(['Two weeks']);
    expect((await ok(get(`/capacity/assignments?personId=${person.id}&from=2026-02-09&to=2026-02-15`, member))).items).toEqual([]);

    // Moving the task moves its demand (the assignment's copy of the task dates follows by trigger).
    await ok(ctx.app.inject({ method: 'PATCH', url: `/api/v1/tasks/${t.id}`, headers: { ...pm.auth, 'if-match': `"${t.version}"` }, payload: { start: '2026-02-09T08:00' } }));
    const moved = (await ok(get('/capacity?from=2026-02-02&periods=3'))).rows.find((r: { id: string }) => r.id === person.id);
    expect(moved.demandMinutes).toEqual([0, 2400, 2400]);
  });

  it('groups by role: members capacity, placeholder and member demand', async () => {
    const project = await createProjectViaApi(ctx, pm);
    const role = await ok(post('/roles', { name: 'Tester' }), 201);
    const p = await ok(post('/people', { name: 'Di Tester' }), 201);
    await ok(ctx.app.inject({ method: 'PATCH', url: `/api/v1/people/${p.id}/profile`, headers: { ...pm.auth, 'if-match': '"1"' }, payload: { roleIds: [role.id], partTimePercent: 50 } }));
    const t = await task(project.id, 'Test', '2026-05-04T08:00', 5);
    await ok(post(`/projects/${project.id}/assignments`, { taskId: t.id, roleId: role.id, unitsPercent: 100 }), 201);
    const grid = await ok(get('/capacity?from=2026-05-04&periods=1&groupBy=role'));
    expect(grid.rows.find((r: { id: string }) => r.id === role.id)).toMatchObject({ capacityMinutes: [1200], demandMinutes: [2400], utilisation: [2] });
  });
});

interface Task { id: string; name: string; start: string; finish: string; version: number; isSummary: boolean }

describe('levelling', () => {
  it('levels a small portfolio: feasible, links respected, applied atomically, stale previews refused', async () => {
    const alpha = await createProjectViaApi(ctx, pm, { name: 'Alpha' });
    const beta = await createProjectViaApi(ctx, pm, { name: 'Beta' });
    const ann = await ok(post('/people', { name: 'Ann Level' }), 201);
    const bob = await ok(post('/people', { name: 'Bob Level' }), 201);
    await ok(post(`/people/${bob.id}/non-project-time`, { from: '2026-03-02', to: '2026-03-04' }), 201);
    const a1 = await task(alpha.id, 'A1', '2026-03-02T08:00', 3);
    const a2 = await task(alpha.id, 'A2', '2026-03-05T08:00', 2);
    await ok(post(`/projects/${alpha.id}/links`, { predecessorId: a1.id, successorId: a2.id }), 201);
    const b1 = await task(beta.id, 'B1', '2026-03-02T08:00', 4);
    const b2 = await task(beta.id, 'B2', '2026-03-02T08:00', 2);
    const assign = (projectId: string, taskId: string, personId: string, unitsPercent = 100) => ok(post(`/projects/${projectId}/assignments`, { taskId, personId, unitsPercent }), 201);
    await assign(alpha.id, a1.id, ann.id);
    await assign(alpha.id, a2.id, ann.id);
    await assign(beta.id, b1.id, ann.id, 50);
    await assign(beta.id, b2.id, bob.id);

    // The order picked overrides the stored priorities (both 500 here).
    const body = { projectIds: [alpha.id, beta.id], projectOrder: 'given', strategy: 'priority' };
    const preview = await ok(post('/leveling/preview', body));
    const moved = Object.fromEntries(preview.changes.map((c: { name: string; newStart: string; delayDays: number }) => [c.name, [c.newStart, c.delayDays]]));
    // Alpha has priority: Ann works on A1 then A2 (days 0-4); B1 waits for her; B2 waits for Bob's vacation.
    expect(moved).toEqual({ B1: ['2026-03-09T08:00:00', 5], B2: ['2026-03-05T08:00:00', 3] });
    expect(preview.conflicts).toEqual([]);
    const before = json(await get(`/projects/${beta.id}/tasks`)).items as Task[];
    expect(before.find((t) => t.name === 'B1')!.start).toBe('2026-03-02T08:00:00');

    // A change after the preview makes it stale.
    const other = await task(beta.id, 'B3', '2026-03-02T08:00', 1);
    expect((await post('/leveling/apply', { ...body, previewToken: preview.previewToken })).statusCode).toBe(409);
    await ctx.app.inject({ method: 'DELETE', url: `/api/v1/tasks/${other.id}`, headers: { ...pm.auth, 'if-match': '"1"' } });

    const fresh = await ok(post('/leveling/preview', body));
    const applied = await ok(post('/leveling/apply', { ...body, previewToken: fresh.previewToken }));
    expect(applied.applied).toBe(2);

    const all = [...(json(await get(`/projects/${alpha.id}/tasks`)).items as Task[]), ...(json(await get(`/projects/${beta.id}/tasks`)).items as Task[])];
    const by = Object.fromEntries(all.map((t) => [t.name, t]));
    expect(by.B1).toMatchObject({ start: '2026-03-09T08:00:00', finish: '2026-03-12T17:00:00' });
    expect(by.B2).toMatchObject({ start: '2026-03-05T08:00:00', finish: '2026-03-06T17:00:00' });
    // Links respected.
    expect(by.A2!.start >= by.A1!.finish).toBe(true);
    // Independent capacity check, per person and day: sum of units of tasks covering the day <= 100, 0 on vacation.
    const days = (t: Task) => {
      const out: string[] = [];
      for (let d = new Date(`${t.start.slice(0, 10)}T00:00:00Z`); d.toISOString().slice(0, 10) <= t.finish.slice(0, 10); d.setUTCDate(d.getUTCDate() + 1)) {
        if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.push(d.toISOString().slice(0, 10));
      }
      return out;
    };
    const load = new Map<string, number>();
    for (const [t, person, units] of [[by.A1, 'ann', 100], [by.A2, 'ann', 100], [by.B1, 'ann', 50], [by.B2, 'bob', 100]] as const) {
      for (const d of days(t!)) load.set(`${person} ${d}`, (load.get(`${person} ${d}`) ?? 0) + units);
    }
    for (const [key, units] of load) expect({ key, over: units > 100 }).toEqual({ key, over: false });
    for (const d of ['2026-03-02', '2026-03-03', '2026-03-04']) expect(load.get(`bob ${d}`)).toBeUndefined();
    // Summary-free projects; the audit trail has one entry per project.
    const audit = await ctx.database.db.selectFrom('audit_log').select(['entity_id']).where('action', '=', 'leveled').execute();
    expect(audit.map((a) => a.entity_id).sort()).toEqual([alpha.id, beta.id].sort());
    // Levelling again changes nothing.
    expect((await ok(post('/leveling/preview', body))).changes).toEqual([]);
  });

  it('writes all new dates or none (a stale row mid-way rolls everything back)', async () => {
    const project = await createProjectViaApi(ctx, pm);
    const t1 = await task(project.id, 'First', '2026-06-01T08:00', 1);
    const t2 = await task(project.id, 'Second', '2026-06-01T08:00', 1);
    const change = (t: Task, version: number) => ({ taskId: t.id, projectId: project.id, name: t.name, version, oldStart: t.start, oldFinish: t.finish, newStart: '2026-06-08T08:00:00', newFinish: '2026-06-08T17:00:00', delayDays: 5, pieces: null });
    await expect(ctx.database.db.transaction().execute((tx) => writeLevelingChanges(tx, [change(t1, t1.version), change(t2, t2.version + 7)]))).rejects.toMatchObject({ code: 'leveling_stale' });
    const after = json(await get(`/projects/${project.id}/tasks`)).items as Task[];
    expect(after.map((t) => [t.name, t.start, t.version])).toEqual([
      ['First', '2026-06-01T08:00:00', t1.version],
      ['Second', '2026-06-01T08:00:00', t2.version],
    ]);
  });

  it('applies exactly what an optimize preview showed, with a role pool as a resource', async () => {
    const project = await createProjectViaApi(ctx, pm);
    const role = await ok(post('/roles', { name: 'Pool Role' }), 201);
    for (const name of ['Pool One', 'Pool Two']) {
      const p = await ok(post('/people', { name }), 201);
      await ok(ctx.app.inject({ method: 'PATCH', url: `/api/v1/people/${p.id}/profile`, headers: { ...pm.auth, 'if-match': '"1"' }, payload: { roleIds: [role.id] } }));
    }
    // Three tasks each needing one of two pool members: the third waits.
    for (const name of ['P1', 'P2', 'P3']) {
      const t = await task(project.id, name, '2026-10-05T08:00', 2);
      await ok(post(`/projects/${project.id}/assignments`, { taskId: t.id, roleId: role.id, unitsPercent: 100 }), 201);
    }
    const body = { projectIds: [project.id], strategy: 'optimize' };
    const preview = await ok(post('/leveling/preview', body));
    expect(preview.changes).toHaveLength(1);
    expect(preview.changes[0]).toMatchObject({ delayDays: 2, newStart: '2026-10-07T08:00:00', newFinish: '2026-10-08T17:00:00' });
    const applied = await ok(post('/leveling/apply', { ...body, previewToken: preview.previewToken }));
    expect(applied.changes).toEqual(preview.changes);
  });

  it('refuses projects the user cannot see and reports impossible demand as a conflict', async () => {
    const project = await createProjectViaApi(ctx, pm);
    const member = await ctx.user('member');
    expect((await post('/leveling/preview', { projectIds: [project.id] }, member)).statusCode).toBe(404);
    const t = await task(project.id, 'Too big', '2026-07-06T08:00', 2);
    const p = await ok(post('/people', { name: 'Eve Small' }), 201);
    await ok(post(`/projects/${project.id}/assignments`, { taskId: t.id, personId: p.id, unitsPercent: 200 }), 201);
    const preview = await ok(post('/leveling/preview', { projectIds: [project.id], strategy: 'optimize' }));
    expect(preview.conflicts.map((c: { type: string; taskId: string }) => [c.type, c.taskId])).toEqual([['demand-exceeds-capacity', t.id]]);
    expect(preview.conflicts[0]).toMatchObject({ projectId: project.id, resourceName: 'Eve Small' });
    expect(preview.conflicts[0].message).toBe('"Too big" needs 200 % of Eve Small, more than the 100 % ever available; it was placed ignoring Eve Small');
  });

  it('levels into what other projects leave, reports missed deadlines and constraints by name and date, and shows the load before and after', async () => {
    const main = await createProjectViaApi(ctx, pm, { name: 'Main' });
    const other = await createProjectViaApi(ctx, pm, { name: 'Other' });
    const carl = await ok(post('/people', { name: 'Carl Busy' }), 201);
    const assign = (projectId: string, taskId: string, unitsPercent = 100) => ok(post(`/projects/${projectId}/assignments`, { taskId, personId: carl.id, unitsPercent }), 201);
    // Carl works on Other all week of 2026-04-06; a finished task of Other the week after takes nothing.
    const o1 = await task(other.id, 'O1', '2026-04-06T08:00', 5);
    await assign(other.id, o1.id);
    const o2 = await ok(post(`/projects/${other.id}/tasks`, { name: 'O2', start: '2026-04-13T08:00', durationMinutes: 5 * 480, percentComplete: 100 }), 201);
    await assign(other.id, o2.id);
    // Main wants him the same week: M1 has a deadline on Friday, S1 must start no later than Monday.
    const m1 = await task(main.id, 'M1', '2026-04-06T08:00', 3);
    const s1 = await task(main.id, 'S1', '2026-04-06T08:00', 1);
    await assign(main.id, m1.id);
    await assign(main.id, s1.id);
    await ctx.database.db.updateTable('tasks').set({ deadline: '2026-04-10 17:00:00' }).where('id', '=', m1.id).execute();
    await ctx.database.db.updateTable('tasks').set({ constraint_type: 'SNLT', constraint_date: '2026-04-06 08:00:00' }).where('id', '=', s1.id).execute();

    const preview = await ok(post('/leveling/preview', { projectIds: [main.id] }));
    const moved = Object.fromEntries(preview.changes.map((c: { name: string; newStart: string; newFinish: string }) => [c.name, [c.newStart.slice(0, 10), c.newFinish.slice(0, 10)]]));
    expect(Object.keys(moved).sort()).toEqual(['M1', 'S1']);
    for (const [start] of Object.values(moved) as string[][]) expect(start! >= '2026-04-13').toBe(true);
    const conflicts = preview.conflicts.map((c: { type: string; taskId: string; message: string }) => [c.type, c.taskId, c.message]);
    expect(conflicts).toHaveLength(2);
    expect(conflicts).toContainEqual(['deadline-missed', m1.id, `"M1" would finish on ${moved.M1[1]}, after its deadline or constraint (2026-04-10)`]);
    expect(conflicts).toContainEqual(['deadline-missed', s1.id, `"S1" would finish on ${moved.S1[1]}, after its deadline or constraint (2026-04-06)`]);
    // The histogram: Carl's week of 04-06 is full with Other; Main's four days move to the next week.
    const row = preview.load.resources.find((r: { id: string }) => r.id === carl.id);
    expect(preview.load.weeks.slice(0, 2)).toEqual(['2026-04-06', '2026-04-13']);
    expect(row).toMatchObject({ kind: 'person', name: 'Carl Busy', overDaysBefore: 3, overDaysAfter: 0 });
    expect([row.capacityDays.slice(0, 2), row.otherProjectsDays.slice(0, 2), row.beforeDays.slice(0, 2), row.afterDays.slice(0, 2)]).toEqual([[5, 5], [5, 0], [4, 0], [0, 4]]);
    expect(preview.load.otherProjectsHidden).toBe(false);
    // A project manager of Main who may not see Other gets the same levelling, but not Other's figures: the
    // capacity shown is what Other leaves.
    const mainPm = await ctx.user('member', 'pm-main-only');
    await ok(post(`/projects/${main.id}/members`, { userId: mainPm.id, role: 'project_manager' }), 201);
    const theirs = await ok(post('/leveling/preview', { projectIds: [main.id] }, mainPm));
    expect(theirs.changes).toEqual(preview.changes);
    expect(theirs.previewToken).toBe(preview.previewToken);
    const theirRow = theirs.load.resources.find((r: { id: string }) => r.id === carl.id);
    expect(theirs.load.otherProjectsHidden).toBe(true);
    expect([theirRow.capacityDays.slice(0, 2), theirRow.otherProjectsDays.slice(0, 2), theirRow.overDaysBefore, theirRow.overDaysAfter]).toEqual([[0, 5], [0, 0], 3, 0]);

    // Levelled together (Main first), Other's week is no longer load from outside. S1 must start on Monday, so it
    // goes before M1 (which still meets its deadline); Other waits.
    const both = await ok(post('/leveling/preview', { projectIds: [main.id, other.id], projectOrder: 'given' }));
    expect(both.changes.map((c: { name: string; newStart: string }) => [c.name, c.newStart.slice(0, 10)]).sort()).toEqual([['M1', '2026-04-07'], ['O1', '2026-04-10']]);
    expect(both.conflicts).toEqual([]);
    const carlBoth = both.load.resources.find((r: { id: string }) => r.id === carl.id);
    expect(carlBoth.otherProjectsDays.every((v: number) => v === 0)).toBe(true);
    expect(carlBoth.overDaysAfter).toBe(0);
  });
});

describe('staffing requests', () => {
  it('replaces a role placeholder by a named person through requested -> proposed -> filled, with history', async () => {
    const manager = await ctx.user('member', 'pm-staffing');
    const project = await createProjectViaApi(ctx, pm);
    await ok(post(`/projects/${project.id}/members`, { userId: manager.id, role: 'project_manager' }), 201);
    const role = await ok(post('/roles', { name: 'Architect' }), 201);
    const t = await task(project.id, 'Design', '2026-09-07T08:00', 5);
    const placeholder = await ok(post(`/projects/${project.id}/assignments`, { taskId: t.id, roleId: role.id, unitsPercent: 100 }, manager), 201);
    const named = await ok(post(`/projects/${project.id}/assignments`, { taskId: t.id, personId: (await ok(post('/people', { name: 'Fay Named' }), 201)).id }, manager), 201);
    expect(json(await post(`/projects/${project.id}/staffing-requests`, { assignmentId: named.id }, manager)).code).toBe('not_a_placeholder');
    const req = await ok(post(`/projects/${project.id}/staffing-requests`, { assignmentId: placeholder.id, note: 'Senior, please' }, manager), 201);
    expect(req).toMatchObject({ status: 'requested', roleId: role.id, personId: null, requestedBy: manager.id });
    expect((await post(`/projects/${project.id}/staffing-requests`, { assignmentId: placeholder.id }, manager)).statusCode).toBe(409);

    const patch = (body: object, version: number, as: TestUser = pm) => ctx.app.inject({ method: 'PATCH', url: `/api/v1/staffing-requests/${req.id}`, headers: { ...as.auth, 'if-match': `"${version}"` }, payload: body });
    const gus = await ok(post('/people', { name: 'Gus Architect' }), 201);
    expect((await patch({ status: 'proposed', personId: gus.id }, 1, manager)).statusCode).toBe(403);
    expect(json(await patch({ status: 'proposed' }, 1)).code).toBe('person_required');
    expect(await ok(patch({ status: 'proposed', personId: gus.id }, 1))).toMatchObject({ status: 'proposed', personId: gus.id, version: 2 });
    expect(await ok(patch({ status: 'filled' }, 2))).toMatchObject({ status: 'filled', version: 3 });
    expect(json(await patch({ status: 'rejected' }, 3)).code).toBe('invalid_transition');
    const assignments = (await ok(get(`/projects/${project.id}/assignments`, manager))).items;
    expect(assignments.find((a: { id: string }) => a.id === placeholder.id)).toMatchObject({ personId: gus.id, roleId: null });
    const inbox = (await ok(get('/staffing-requests?status=filled', manager))).items;
    expect(inbox.map((r: { id: string }) => r.id)).toEqual([req.id]);
    const outsider = await ctx.user('member');
    expect((await ok(get('/staffing-requests', outsider))).items).toEqual([]);
    const history = await ctx.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', req.id).orderBy('id').execute();
    expect(history.map((h) => h.action)).toEqual(['created', 'proposed', 'filled']);
  });

  it('lets the asking project accept a proposal, send it back or withdraw, and nothing else', async () => {
    const manager = await ctx.user('member', 'pm-accepts');
    const viewer = await ctx.user('member', 'stakeholder-staffing');
    const project = await createProjectViaApi(ctx, pm);
    await ok(post(`/projects/${project.id}/members`, { userId: manager.id, role: 'project_manager' }), 201);
    await ok(post(`/projects/${project.id}/members`, { userId: viewer.id, role: 'stakeholder' }), 201);
    const role = await ok(post('/roles', { name: 'Analyst' }), 201);
    const t = await task(project.id, 'Analyse', '2026-09-14T08:00', 5);
    const placeholder = async () => ok(post(`/projects/${project.id}/assignments`, { taskId: t.id, roleId: role.id, unitsPercent: 50 }, manager), 201);
    const ivy = await ok(post('/people', { name: 'Ivy Proposed' }), 201);
    const jon = await ok(post('/people', { name: 'Jon Other' }), 201);
    const patch = (id: string, body: object, version: number, as: TestUser) => ctx.app.inject({ method: 'PATCH', url: `/api/v1/staffing-requests/${id}`, headers: { ...as.auth, 'if-match': `"${version}"` }, payload: body });

    // Sent back with a note, proposed again, accepted by the project manager.
    const a1 = await placeholder();
    const r1 = await ok(post(`/projects/${project.id}/staffing-requests`, { assignmentId: a1.id }, manager), 201);
    expect(r1.nextSteps).toEqual(['cancelled']);
    const stepsAs = async (as: TestUser) => (await ok(get(`/projects/${project.id}/staffing-requests`, as))).items.find((r: { id: string }) => r.id === r1.id).nextSteps;
    expect(await stepsAs(viewer)).toEqual([]);
    expect((await stepsAs(pm)).sort()).toEqual(['cancelled', 'filled', 'proposed', 'rejected']);
    await ok(patch(r1.id, { status: 'proposed', personId: jon.id }, 1, pm));
    expect((await stepsAs(manager)).sort()).toEqual(['cancelled', 'filled', 'requested']);
    expect(json(await patch(r1.id, { status: 'filled', personId: ivy.id }, 2, manager)).code).toBe('forbidden');
    expect((await patch(r1.id, { status: 'requested' }, 2, viewer)).statusCode).toBe(403);
    expect(json(await patch(r1.id, { status: 'requested', personId: ivy.id }, 2, manager)).code).toBe('invalid_change');
    expect(await ok(patch(r1.id, { status: 'requested', note: 'Jon is on leave then' }, 2, manager))).toMatchObject({ status: 'requested', personId: null, note: 'Jon is on leave then' });
    await ok(patch(r1.id, { status: 'proposed', personId: ivy.id }, 3, pm));
    expect(await ok(patch(r1.id, { status: 'filled' }, 4, manager))).toMatchObject({ status: 'filled', personId: ivy.id });
    const assignments = (await ok(get(`/projects/${project.id}/assignments`, manager))).items;
    expect(assignments.find((a: { id: string }) => a.id === a1.id)).toMatchObject({ personId: ivy.id, roleId: null });
    const history = (await ok(get(`/staffing-requests/${r1.id}/history`, manager))).items as { status: string; personName: string | null }[];
    const steps = history.map((h) => [h.status, h.personName]);
    expect(steps).toEqual([['requested', null], ['proposed', 'Jon Other'], ['requested', null], ['proposed', 'Ivy Proposed'], ['filled', 'Ivy Proposed']]);

    // Withdrawn: the placeholder stays, a new request may be opened; a withdrawn request is final.
    const a2 = await placeholder();
    const r2 = await ok(post(`/projects/${project.id}/staffing-requests`, { assignmentId: a2.id }, manager), 201);
    expect(json(await patch(r2.id, { status: 'filled' }, 1, manager)).code).toBe('forbidden');
    expect(await ok(patch(r2.id, { status: 'cancelled', note: 'Descoped' }, 1, manager))).toMatchObject({ status: 'cancelled' });
    expect(json(await patch(r2.id, { status: 'proposed', personId: ivy.id }, 2, pm)).code).toBe('invalid_transition');
    expect((await ok(get(`/staffing-requests?status=cancelled`, manager))).items.map((r: { id: string }) => r.id)).toEqual([r2.id]);
    await ok(post(`/projects/${project.id}/staffing-requests`, { assignmentId: a2.id }, manager), 201);
  });
});
