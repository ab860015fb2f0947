/**
 * Capacity against demand through the API: calendars (organisation Standard with holidays, a person's own
 * calendar, a project's calendar), day/week/month grids with over-allocation and free capacity, teams and skills,
 * what-if (nothing written), and bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProjectViaApi, createTestApp, json, type TestContext, type TestUser } from '../helpers.js';
import { tableChecksums } from '../../src/db/backup.js';
import { standardCalendar } from '../../src/domain/calendar/index.js';
import { dayOfDate } from '../../src/domain/resources/index.js';
import { apiOf, STANDARD_WEEK } from './api.js';

let ctx: TestContext;
let pm: TestUser;
let api: ReturnType<typeof apiOf>;
beforeAll(async () => {
  ctx = await createTestApp();
  pm = await ctx.user('pmo');
  api = apiOf(ctx, () => pm);
});
afterAll(async () => ctx.close());

type Row = { id: string; name: string; capacityMinutes: number[]; demandMinutes: number[]; utilisation: (number | null)[]; overMinutes: number[]; freeMinutes: number[]; total: Record<string, number | null>; hypothetical: boolean };
const rowOf = (grid: { rows: Row[] }, id: string) => grid.rows.find((r) => r.id === id)!;

describe('calendars', () => {
  it('takes holidays of the organisation Standard, a person calendar and a project calendar into capacity and demand', async () => {
    const { ok, post, get, patch } = api;
    // The organisation Standard (uid 1) gets a holiday on Friday 2026-04-03.
    const builtIn = (await ok(get('/calendars'))).items;
    expect(builtIn).toMatchObject([{ uid: 1, name: 'Standard', builtIn: true, weekMinutes: 2400 }]);
    const std = await ok(post('/calendars', { uid: 1, name: 'Standard', weekDays: STANDARD_WEEK, exceptions: [{ name: 'Good Friday', from: '2026-04-03', to: '2026-04-03', working: false }] }), 201);
    expect(std).toMatchObject({ uid: 1, builtIn: false, version: 1, exceptions: [{ from: '2026-04-03', working: false }] });
    // A four-day week, 10 h a day, derived from Standard (inherits its holiday).
    const four = await ok(post('/calendars', { name: 'Four days', baseCalendarUid: 1, weekDays: [null, ...[1, 2, 3, 4].map(() => ({ working: true, intervals: [{ from: '07:00', to: '17:00' }] })), { working: false, intervals: [] }, null] }), 201);
    expect(four).toMatchObject({ uid: 2, baseCalendarUid: 1, weekMinutes: 2400 });

    const office = await api.person('Olga Office');
    const part = await api.person('Pia Fourdays');
    await ok(patch(`/people/${part.id}/profile`, { calendarUid: four.uid }, 1));
    const day = await ok(get('/capacity?from=2026-03-30&granularity=day&periods=7'));
    expect(day.periods.map((p: { start: string }) => p.start)).toEqual(['2026-03-30', '2026-03-31', '2026-04-01', '2026-04-02', '2026-04-03', '2026-04-04', '2026-04-05']);
    expect(rowOf(day, office.id).capacityMinutes).toEqual([480, 480, 480, 480, 0, 0, 0]);
    expect(rowOf(day, part.id).capacityMinutes).toEqual([600, 600, 600, 600, 0, 0, 0]);

    // Demand spreads over the working days of the project's calendar: an imported calendar with Wednesday off.
    const project = await createProjectViaApi(ctx, pm);
    const wednesdayOff = { ...standardCalendar(7, 'Site'), isBaseCalendar: true, exceptions: [{ name: 'Site closed', fromDay: dayOfDate('2026-04-01'), toDay: dayOfDate('2026-04-01'), working: false, intervals: [] }] };
    await ctx.database.db.insertInto('calendars').values({ id: crypto.randomUUID(), project_id: project.id, uid: 7, name: 'Site', data: JSON.stringify(wednesdayOff) }).execute();
    const t = await api.task(project.id, 'Site work', '2026-03-30T08:00', 5);
    await api.assign(project.id, t.id, { personId: office.id }, 50);
    const spread = rowOf(await ok(get('/capacity?from=2026-03-30&granularity=day&periods=7')), office.id);
    expect(spread.demandMinutes).toEqual([300, 300, 0, 300, 300, 0, 0]);
    // Friday is a holiday for Olga but a working day of the site: the plan asks her to work on it.
    expect(spread.overMinutes).toEqual([0, 0, 0, 0, 300, 0, 0]);
    expect(spread.utilisation).toEqual([0.625, 0.625, 0, 0.625, null, null, null]);

    // Enterprise calendars are checked: no working time, unknown base, in use.
    const never = await post('/calendars', { name: 'Never', weekDays: STANDARD_WEEK.map(() => ({ working: false, intervals: [] })) });
    expect([never.statusCode, json(never).code]).toEqual([422, 'calendar_no_working_time']);
    expect(json(await post('/calendars', { name: 'Orphan', baseCalendarUid: 99, weekDays: STANDARD_WEEK })).code).toBe('invalid_reference');
    expect(json(await post('/calendars', { uid: 2, name: 'Twice', weekDays: STANDARD_WEEK })).code).toBe('duplicate_uid');
    expect((await post('/calendars', { name: 'Bad time', weekDays: STANDARD_WEEK.map(() => ({ working: true, intervals: [{ from: '17:00', to: '08:00' }] })) })).statusCode).toBe(400);
    expect(json(await patch(`/people/${office.id}/profile`, { calendarUid: 42 }, 1)).code).toBe('invalid_reference');
    expect(json(await api.call('DELETE', `/calendars/${four.id}`, undefined, pm, 1)).code).toBe('calendar_in_use');
    const cycle = await patch(`/calendars/${std.id}`, { baseCalendarUid: 2 }, 1);
    expect([cycle.statusCode, json(cycle).code]).toEqual([422, 'calendar_cycle']);
    expect((await post('/calendars', { name: 'Mine', weekDays: STANDARD_WEEK }, await ctx.user('member'))).statusCode).toBe(403);
  });
});

describe('grids', () => {
  it('answers day, week and month grids with over-allocation, free capacity and totals', async () => {
    const { ok, get } = api;
    const project = await createProjectViaApi(ctx, pm);
    const p = await api.person('Gil Grid');
    // 3,600 min over Mon 2026-06-01..Fri 06-05 (150 %), then 960 over Mon-Tue 06-08..06-09.
    const t1 = await api.task(project.id, 'Heavy week', '2026-06-01T08:00', 5);
    await api.assign(project.id, t1.id, { personId: p.id }, 150);
    const t2 = await api.task(project.id, 'Light days', '2026-06-08T08:00', 2);
    await api.assign(project.id, t2.id, { personId: p.id }, 100);
    const week = rowOf(await ok(get('/capacity?from=2026-06-03&granularity=week&periods=2')), p.id);
    expect(week).toMatchObject({ capacityMinutes: [2400, 2400], demandMinutes: [3600, 960], utilisation: [1.5, 0.4], overMinutes: [1200, 0], freeMinutes: [0, 1440] });
    expect(week.total).toEqual({ capacityMinutes: 4800, demandMinutes: 4560, utilisation: 0.95, overMinutes: 1200, freeMinutes: 1440 });
    const month = await ok(get('/capacity?from=2026-06-15&granularity=month&periods=2'));
    expect(month.periods).toEqual([{ start: '2026-06-01', end: '2026-06-30' }, { start: '2026-07-01', end: '2026-07-31' }]);
    expect(rowOf(month, p.id)).toMatchObject({ capacityMinutes: [22 * 480, 23 * 480], demandMinutes: [4560, 0] });
    const day = rowOf(await ok(get('/capacity?from=2026-06-05&granularity=day&periods=4')), p.id);
    expect(day).toMatchObject({ capacityMinutes: [480, 0, 0, 480], demandMinutes: [720, 0, 0, 480], overMinutes: [240, 0, 0, 0] });
    for (const bad of ['granularity=week&periods=105', 'granularity=month&periods=37', 'granularity=day&periods=0', 'granularity=hour', 'groupBy=desk']) {
      const res = await get(`/capacity?from=2026-06-01&${bad}`);
      expect({ bad, status: res.statusCode }).toEqual({ bad, status: 400 });
    }
  });

  it('groups by team (with a lead, a person in two teams) and by skill, and drills into a team or role', async () => {
    const { ok, get, post, patch } = api;
    const project = await createProjectViaApi(ctx, pm);
    const ann = await api.person('Ann Team');
    const bob = await api.person('Bob Team');
    const ts = await ok(post('/skills', { name: 'TypeScript' }), 201);
    await ok(patch(`/people/${ann.id}/profile`, { skills: [{ skillId: ts.id, proficiency: 4 }] }, 1));
    await ok(patch(`/people/${bob.id}/profile`, { skills: [{ skillId: ts.id, proficiency: 2 }], partTimePercent: 50 }, 1));
    const core = await ok(post('/teams', { name: 'Core', leadId: ann.id, memberIds: [bob.id] }), 201);
    expect(core).toMatchObject({ leadId: ann.id, leadName: 'Ann Team', members: [{ name: 'Ann Team' }, { name: 'Bob Team' }], version: 1 });
    const web = await ok(post('/teams', { name: 'Web', memberIds: [bob.id] }), 201);
    expect((await post('/teams', { name: 'Core' })).statusCode).toBe(409);
    expect(json(await post('/teams', { name: 'Ghosts', memberIds: ['00000000-0000-4000-8000-000000000000'] })).code).toBe('invalid_reference');
    const role = await ok(post('/roles', { name: 'Frontend' }), 201);
    const roleDetail = await ok(patch(`/roles/${role.id}`, { requiredSkills: [{ skillId: ts.id, minProficiency: 3 }] }, 1));
    expect(roleDetail.requiredSkills).toEqual([{ skillId: ts.id, name: 'TypeScript', minProficiency: 3 }]);
    const t = await api.task(project.id, 'UI', '2026-07-06T08:00', 5);
    await api.assign(project.id, t.id, { personId: ann.id }, 50);
    await api.assign(project.id, t.id, { personId: bob.id }, 50);
    await api.assign(project.id, t.id, { roleId: role.id }, 100);

    const q = (g: string, extra = '') => ok(get(`/capacity?from=2026-07-06&periods=1&groupBy=${g}${extra}`));
    const teams = await q('team');
    expect([rowOf(teams, core.id).capacityMinutes[0], rowOf(teams, core.id).demandMinutes[0]]).toEqual([3600, 2400]);
    expect([rowOf(teams, web.id).capacityMinutes[0], rowOf(teams, web.id).demandMinutes[0]]).toEqual([1200, 1200]);
    // Skill: holders' capacity and demand plus the placeholder demand of roles requiring it.
    expect(rowOf(await q('skill'), ts.id)).toMatchObject({ capacityMinutes: [3600], demandMinutes: [4800] });
    expect(rowOf(await q('skill', '&minProficiency=3'), ts.id)).toMatchObject({ capacityMinutes: [2400], demandMinutes: [3600] });

    const drillTeam = await ok(get(`/capacity/assignments?teamId=${web.id}&from=2026-07-06&to=2026-07-12`));
    expect(drillTeam.items.map((i: { personName: string }) => i.personName)).toEqual(['Bob Team']);
    const drillRole = await ok(get(`/capacity/assignments?roleId=${role.id}&from=2026-07-06&to=2026-07-12`));
    expect(drillRole.items).toMatchObject([{ roleName: 'Frontend', personId: null, taskName: 'UI' }]);
    // A skill's cell lists what its row counts: holders at the proficiency asked, and placeholders of roles requiring it.
    const drillSkill = async (extra: string) => (await ok(get(`/capacity/assignments?skillId=${ts.id}&from=2026-07-06&to=2026-07-12${extra}`))).items.map((i: { personName: string | null; roleName: string | null; workMinutes: number }) => [i.personName ?? i.roleName, i.workMinutes]).sort();
    expect(await drillSkill('')).toEqual([['Ann Team', 1200], ['Bob Team', 1200], ['Frontend', 2400]]);
    expect(await drillSkill('&minProficiency=3')).toEqual([['Ann Team', 1200], ['Frontend', 2400]]);
    // Once Ann holds the role, the role's cell lists her work too, as its row counts it.
    await ok(patch(`/people/${ann.id}/profile`, { roleIds: [role.id] }, 2));
    const roleRow = rowOf(await q('role'), role.id);
    const drillRole2 = (await ok(get(`/capacity/assignments?roleId=${role.id}&from=2026-07-06&to=2026-07-12`))).items as { workMinutes: number; personName: string | null }[];
    expect(drillRole2.map((i) => i.personName).sort()).toEqual(['Ann Team', null]);
    expect(drillRole2.reduce((sum, i) => sum + i.workMinutes, 0)).toBe(roleRow.demandMinutes[0]);
    expect((await get(`/capacity/assignments?skillId=${ts.id}&roleId=${role.id}&from=2026-07-06&to=2026-07-12`)).statusCode).toBe(400);
    expect((await get('/capacity/assignments?from=2026-07-06&to=2026-07-12')).statusCode).toBe(400);

    // Members change as a whole; the lead always stays a member; stale versions are refused.
    const changed = await ok(patch(`/teams/${core.id}`, { memberIds: [] }, 1));
    expect(changed.members.map((m: { name: string }) => m.name)).toEqual(['Ann Team']);
    expect((await patch(`/teams/${core.id}`, { name: 'Stale' }, 1)).statusCode).toBe(409);
    expect((await api.call('DELETE', `/teams/${web.id}`, undefined, pm, 1)).statusCode).toBe(204);
    expect((await ok(get('/teams'))).items.map((x: { name: string }) => x.name)).toEqual(['Core']);
  });
});

describe('what-if', () => {
  it('computes hypothetical changes beside the plan of record and writes nothing', async () => {
    const { ok, post } = api;
    const project = await createProjectViaApi(ctx, pm);
    const dev = await ok(post('/roles', { name: 'What-if Dev' }), 201);
    const kim = await api.person('Kim Whatif');
    await ok(api.patch(`/people/${kim.id}/profile`, { roleIds: [dev.id] }, 1));
    const t = await api.task(project.id, 'Build', '2026-08-03T08:00', 5);
    await api.assign(project.id, t.id, { personId: kim.id });
    const p2 = await api.task(project.id, 'Placeholder work', '2026-08-10T08:00', 5);
    await api.assign(project.id, p2.id, { roleId: dev.id });
    const before = await tableChecksums(ctx.database.db);

    const grid = { from: '2026-08-03', periods: 3 };
    const leave = await ok(post('/capacity/what-if', { ...grid, changes: [{ kind: 'remove-person', personId: kim.id, from: '2026-08-05' }, { kind: 'shift-project', projectId: project.id, workingDays: 5 }] }));
    expect(rowOf(leave.planOfRecord, kim.id)).toMatchObject({ capacityMinutes: [2400, 2400, 2400], demandMinutes: [2400, 0, 0] });
    expect(rowOf(leave.whatIf, kim.id)).toMatchObject({ capacityMinutes: [960, 0, 0], demandMinutes: [0, 2400, 0], overMinutes: [0, 2400, 0] });

    const hire = await ok(post('/capacity/what-if', { ...grid, groupBy: 'role', changes: [{ kind: 'add-person', name: 'Contract dev', count: 2, partTimePercent: 50, roleIds: [dev.id], from: '2026-08-10' }, { kind: 'change-capacity', personId: kim.id, partTimePercent: 80 }] }));
    expect(rowOf(hire.planOfRecord, dev.id)).toMatchObject({ capacityMinutes: [2400, 2400, 2400], demandMinutes: [2400, 2400, 0] });
    expect(rowOf(hire.whatIf, dev.id)).toMatchObject({ capacityMinutes: [1920, 4320, 4320], demandMinutes: [2400, 2400, 0] });
    const people = await ok(post('/capacity/what-if', { ...grid, changes: [{ kind: 'add-person', name: 'Contract dev', roleIds: [dev.id] }] }));
    expect(people.whatIf.rows.find((r: Row) => r.hypothetical)).toMatchObject({ id: 'what-if-1', name: 'Contract dev (what-if)', capacityMinutes: [2400, 2400, 2400] });
    expect(people.planOfRecord.rows.some((r: Row) => r.hypothetical)).toBe(false);

    expect(await tableChecksums(ctx.database.db)).toEqual(before);

    // Bad input: unknown people, roles or calendars 422; a project the user may not see 404; malformed 400.
    const code = async (changes: unknown[], as: TestUser = pm) => {
      const res = await post('/capacity/what-if', { ...grid, changes }, as);
      return [res.statusCode, json(res).code];
    };
    expect(await code([{ kind: 'remove-person', personId: '00000000-0000-4000-8000-000000000000', from: '2026-08-05' }])).toEqual([422, 'invalid_reference']);
    expect(await code([{ kind: 'add-person', name: 'X', roleIds: ['00000000-0000-4000-8000-000000000000'] }])).toEqual([422, 'invalid_reference']);
    expect(await code([{ kind: 'add-person', name: 'X', calendarUid: 77 }])).toEqual([422, 'invalid_reference']);
    expect(await code([{ kind: 'change-capacity', personId: kim.id }])).toEqual([422, 'invalid_change']);
    expect((await code([{ kind: 'shift-project', projectId: project.id, workingDays: 1 }], await ctx.user('member')))[0]).toBe(404);
    expect((await code([{ kind: 'teleport', projectId: project.id }]))[0]).toBe(400);
    expect((await code([]))[0]).toBe(400);
  });
});

describe('a resource with no working time', () => {
  it('shows no capacity (utilisation null, all demand over-allocated) and levelling reports the conflict', async () => {
    const { ok, post, patch, get } = api;
    const project = await createProjectViaApi(ctx, pm);
    const zero = await api.person('Nat Noworktime');
    await ok(patch(`/people/${zero.id}/profile`, { minutesPerWeek: 0 }, 1));
    const t = await api.task(project.id, 'Nobody can', '2026-09-07T08:00', 2);
    await api.assign(project.id, t.id, { personId: zero.id });
    expect(rowOf(await ok(get('/capacity?from=2026-09-07&periods=1')), zero.id)).toMatchObject({ capacityMinutes: [0], demandMinutes: [960], utilisation: [null], overMinutes: [960] });
    const preview = await ok(post('/leveling/preview', { projectIds: [project.id] }));
    expect(preview.conflicts).toMatchObject([{ type: 'demand-exceeds-capacity', taskId: t.id, resourceName: 'Nat Noworktime' }]);
    expect(preview.conflicts[0].message).toBe('"Nobody can" needs 100 % of Nat Noworktime, who has no working time left (calendar, part-time, vacations or other projects); it was placed ignoring Nat Noworktime');
    expect(preview.changes).toEqual([]);
    // A role nobody holds is a pool without capacity: the same conflict, in the words of a role.
    const ghost = await ok(post('/roles', { name: 'Ghost Role' }), 201);
    const t2 = await api.task(project.id, 'Nobody holds', '2026-09-07T08:00', 1);
    await api.assign(project.id, t2.id, { roleId: ghost.id });
    const again = await ok(post('/leveling/preview', { projectIds: [project.id] }));
    expect(again.conflicts.find((c: { taskId: string }) => c.taskId === t2.id)).toMatchObject({
      type: 'demand-exceeds-capacity',
      resourceName: 'Ghost Role',
      message: '"Nobody holds" needs 100 % of the role Ghost Role, which nobody holds with working time left (no holders, or their calendars, vacations or other projects leave none); it was placed ignoring the role Ghost Role',
    });
  });
});
