/**
 * Levelling through the API on calendars (organisation holidays, a person's four-day week) and with splits:
 * the split task's pieces are applied, kept with the task, spread in the capacity grid, and undone by a run
 * without splits; a task marked "may not split" moves whole. Every result is checked against capacity per day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProjectViaApi, createTestApp, json, type TestContext, type TestUser } from '../helpers.js';
import { apiOf, STANDARD_WEEK } from './api.js';

let ctx: TestContext;
let pm: TestUser;
let api: ReturnType<typeof apiOf>;
beforeAll(async () => {
  ctx = await createTestApp();
  pm = await ctx.user('pmo');
  api = apiOf(ctx, () => pm);
  // The organisation Standard with a holiday on Wednesday 2026-09-16.
  await api.ok(api.post('/calendars', { uid: 1, name: 'Standard', weekDays: STANDARD_WEEK, exceptions: [{ name: 'Holiday', from: '2026-09-16', to: '2026-09-16', working: false }] }), 201);
});
afterAll(async () => ctx.close());

interface Task { id: string; name: string; start: string; finish: string; version: number }
const tasksOf = async (projectId: string) => (json(await api.get(`/projects/${projectId}/tasks`)).items as Task[]);

describe('levelling on calendars', () => {
  it('counts periods on working days of the calendar: a holiday is skipped', async () => {
    const project = await createProjectViaApi(ctx, pm);
    const ann = await api.person('Ann Holiday');
    const a = await api.task(project.id, 'A', '2026-09-14T08:00', 2);
    const b = await api.task(project.id, 'B', '2026-09-14T08:00', 2);
    await api.assign(project.id, a.id, { personId: ann.id });
    await api.assign(project.id, b.id, { personId: ann.id });
    const preview = await api.ok(api.post('/leveling/preview', { projectIds: [project.id] }));
    // Ann does A on Mon-Tue; Wednesday is a holiday, so B runs Thursday-Friday.
    expect(preview.changes).toMatchObject([{ name: 'B', newStart: '2026-09-17T08:00:00', newFinish: '2026-09-18T17:00:00', delayDays: 2, pieces: null }]);
    expect(preview.origin).toBe('2026-09-14');
  });

  it("gives a person capacity only on their own calendar's days", async () => {
    const four = await api.ok(api.post('/calendars', { name: 'Mon-Thu', weekDays: [null, ...[1, 2, 3, 4].map(() => ({ working: true, intervals: [{ from: '07:00', to: '17:00' }] })), { working: false, intervals: [] }, null], baseCalendarUid: 1 }), 201);
    const project = await createProjectViaApi(ctx, pm);
    const pia = await api.person('Pia Fourdays');
    await api.ok(api.patch(`/people/${pia.id}/profile`, { calendarUid: four.uid }, 1));
    const t = await api.task(project.id, 'Thu-Fri job', '2026-10-01T08:00', 2);
    await api.assign(project.id, t.id, { personId: pia.id });
    const preview = await api.ok(api.post('/leveling/preview', { projectIds: [project.id] }));
    // Pia does not work Fridays: the job moves to Monday-Tuesday.
    expect(preview.changes).toMatchObject([{ name: 'Thu-Fri job', newStart: '2026-10-05T08:00:00', newFinish: '2026-10-06T17:00:00' }]);
  });
});

describe('levelling with splits', () => {
  it('splits a task around a higher-priority one, stores the pieces, spreads them, and can undo them', async () => {
    const hi = await createProjectViaApi(ctx, pm, { name: 'High', priority: 800 });
    const lo = await createProjectViaApi(ctx, pm, { name: 'Low' });
    const ann = await api.person('Ann Split');
    const busy = await api.task(hi.id, 'Busy', '2026-10-07T08:00', 2);
    const work = await api.task(lo.id, 'Work', '2026-10-05T08:00', 4);
    await api.assign(hi.id, busy.id, { personId: ann.id });
    await api.assign(lo.id, work.id, { personId: ann.id });
    const run = { projectIds: [lo.id, hi.id] }; // ranked by their stored priorities, not by this order

    const whole = await api.ok(api.post('/leveling/preview', run));
    expect(whole.changes).toMatchObject([{ name: 'Work', newStart: '2026-10-09T08:00:00', newFinish: '2026-10-14T17:00:00', pieces: null }]);
    const split = await api.ok(api.post('/leveling/preview', { ...run, allowSplits: true }));
    expect(split.stats.splitTasks).toBe(1);
    expect(split.changes).toEqual([
      expect.objectContaining({ name: 'Work', newStart: '2026-10-05T08:00:00', newFinish: '2026-10-12T17:00:00', delayDays: 0, pieces: [{ start: '2026-10-05T08:00:00', finish: '2026-10-06T17:00:00' }, { start: '2026-10-09T08:00:00', finish: '2026-10-12T17:00:00' }] }),
    ]);
    // A preview token is for its own options: applying the split preview as a whole run is stale.
    expect((await api.post('/leveling/apply', { ...run, previewToken: split.previewToken })).statusCode).toBe(409);
    const applied = await api.ok(api.post('/leveling/apply', { ...run, allowSplits: true, previewToken: split.previewToken }));
    expect(applied.changes).toEqual(split.changes);
    expect((await tasksOf(lo.id)).find((t) => t.name === 'Work')).toMatchObject({ start: '2026-10-05T08:00:00', finish: '2026-10-12T17:00:00' });
    expect((await api.ok(api.get(`/projects/${lo.id}/leveling-options`))).items).toEqual([{ taskId: work.id, canSplit: true, split: true, version: 1 }]);
    const audit = await ctx.database.db.selectFrom('audit_log').select('after').where('action', '=', 'leveled').where('entity_id', '=', lo.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.after)).toContain('"pieces"');

    // The grid spreads the split task's work over its pieces only: Ann is exactly full every working day.
    const day = (await api.ok(api.get('/capacity?from=2026-10-05&granularity=day&periods=8'))).rows.find((r: { id: string }) => r.id === ann.id);
    expect(day.demandMinutes).toEqual([480, 480, 480, 480, 480, 0, 0, 480]);
    expect(day.overMinutes).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);

    // Levelling again with splits changes nothing; without splits the task becomes whole again.
    expect((await api.ok(api.post('/leveling/preview', { ...run, allowSplits: true }))).changes).toEqual([]);
    const undo = await api.ok(api.post('/leveling/preview', run));
    expect(undo.changes).toMatchObject([{ name: 'Work', newStart: '2026-10-09T08:00:00', newFinish: '2026-10-14T17:00:00', pieces: null }]);
    await api.ok(api.post('/leveling/apply', { ...run, previewToken: undo.previewToken }));
    expect((await api.ok(api.get(`/projects/${lo.id}/leveling-options`))).items).toMatchObject([{ taskId: work.id, split: false }]);

    // A task marked "may not split" moves whole even when the run allows splits.
    const setOption = (canSplit: boolean, version: number, as: TestUser = pm) => api.call('PUT', `/tasks/${work.id}/leveling-options`, { canSplit }, as, version);
    expect((await setOption(false, 1, await ctx.user('member'))).statusCode).toBe(404);
    expect((await api.ok(setOption(false, 1)))).toMatchObject({ canSplit: false, version: 2 });
    expect((await setOption(true, 1)).statusCode).toBe(409);
    // Put the task back where the split would start, then level with splits allowed.
    const current = (await tasksOf(lo.id)).find((t) => t.name === 'Work')!;
    await api.ok(api.patch(`/tasks/${work.id}`, { start: '2026-10-05T08:00' }, current.version));
    const noSplit = await api.ok(api.post('/leveling/preview', { ...run, allowSplits: true }));
    expect(noSplit.changes).toMatchObject([{ name: 'Work', newStart: '2026-10-09T08:00:00', pieces: null }]);
    expect(noSplit.stats.splitTasks).toBe(0);
  });

  it('forgets pieces when the task is moved by other means', async () => {
    const hi = await createProjectViaApi(ctx, pm, { name: 'High 2', priority: 800 });
    const lo = await createProjectViaApi(ctx, pm, { name: 'Low 2' });
    const bo = await api.person('Bo Moved');
    const busy = await api.task(hi.id, 'Busy', '2026-11-04T08:00', 2);
    const work = await api.task(lo.id, 'Work', '2026-11-02T08:00', 4);
    await api.assign(hi.id, busy.id, { personId: bo.id });
    await api.assign(lo.id, work.id, { personId: bo.id });
    const run = { projectIds: [lo.id, hi.id], allowSplits: true };
    const p = await api.ok(api.post('/leveling/preview', run));
    await api.ok(api.post('/leveling/apply', { ...run, previewToken: p.previewToken }));
    const moved = (await tasksOf(lo.id)).find((t) => t.name === 'Work')!;
    await api.ok(api.patch(`/tasks/${work.id}`, { start: '2026-11-16T08:00' }, moved.version));
    expect((await api.ok(api.get(`/projects/${lo.id}/leveling-options`))).items).toMatchObject([{ split: false }]);
    const grid = (await api.ok(api.get('/capacity?from=2026-11-16&granularity=week&periods=2'))).rows.find((r: { id: string }) => r.id === bo.id);
    expect(grid.demandMinutes.reduce((s: number, v: number) => s + v, 0)).toBe(1920);
  });
});
