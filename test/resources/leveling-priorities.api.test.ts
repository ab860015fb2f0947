/**
 * Stored priorities in levelling through the API: projects rank by their priority (higher first, equal ones
 * levelled together) unless the run gives its own order; within a project a higher task priority goes first; a task
 * at priority 1000 is never moved ("do not level"). Priorities are part of the preview token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProjectViaApi, createTestApp, json, type TestContext, type TestUser } from '../helpers.js';
import { apiOf } from './api.js';

let ctx: TestContext;
let pm: TestUser;
let api: ReturnType<typeof apiOf>;
beforeAll(async () => {
  ctx = await createTestApp();
  pm = await ctx.user('pmo');
  api = apiOf(ctx, () => pm);
});
afterAll(async () => ctx.close());

interface Preview { previewToken: string; changes: { name: string; newStart: string }[]; conflicts: { type: string; taskId: string; message: string }[] }
const starts = (p: Preview) => Object.fromEntries(p.changes.map((c) => [c.name, c.newStart.slice(0, 10)]));
const preview = (body: object) => api.ok<Preview>(api.post('/leveling/preview', body));

describe('levelling by stored priorities', () => {
  it('ranks projects by their stored priority, and the order given overrides it', async () => {
    const low = await createProjectViaApi(ctx, pm, { name: 'Low stored', priority: 200 });
    const high = await createProjectViaApi(ctx, pm, { name: 'High stored', priority: 800 });
    const ann = await api.person('Ann Ranked');
    const l = await api.task(low.id, 'Low work', '2026-12-07T08:00', 2);
    const h = await api.task(high.id, 'High work', '2026-12-07T08:00', 2);
    await api.assign(low.id, l.id, { personId: ann.id });
    await api.assign(high.id, h.id, { personId: ann.id });

    const stored = await preview({ projectIds: [low.id, high.id] });
    expect(starts(stored)).toEqual({ 'Low work': '2026-12-09' });
    const given = await preview({ projectIds: [low.id, high.id], projectOrder: 'given' });
    expect(starts(given)).toEqual({ 'High work': '2026-12-09' });
    expect(given.previewToken).not.toBe(stored.previewToken);
    // A token is for its own order; a priority changed since the preview makes it stale.
    expect((await api.post('/leveling/apply', { projectIds: [low.id, high.id], previewToken: given.previewToken })).statusCode).toBe(409);
    await api.ok(api.patch(`/projects/${low.id}`, { priority: 900 }, low.version));
    const res = await api.post('/leveling/apply', { projectIds: [low.id, high.id], previewToken: stored.previewToken });
    expect(json(res)).toMatchObject({ code: 'leveling_stale' });
    expect(starts(await preview({ projectIds: [low.id, high.id] }))).toEqual({ 'High work': '2026-12-09' });
    const applied = await api.ok(api.post('/leveling/apply', { projectIds: [low.id, high.id], previewToken: (await preview({ projectIds: [low.id, high.id] })).previewToken }));
    expect(applied.applied).toBe(1);
    const audit = await ctx.database.db.selectFrom('audit_log').select('after').where('action', '=', 'leveled').where('entity_id', '=', high.id).executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ projectOrder: 'priority' });
  });

  it('levels projects of equal priority together, higher task priority first', async () => {
    const a = await createProjectViaApi(ctx, pm, { name: 'Equal A' });
    const b = await createProjectViaApi(ctx, pm, { name: 'Equal B' });
    const bo = await api.person('Bo Equal');
    const a1 = await api.ok(api.post(`/projects/${a.id}/tasks`, { name: 'A routine', start: '2026-12-07T08:00', durationMinutes: 960, priority: 300 }), 201);
    const b1 = await api.ok(api.post(`/projects/${b.id}/tasks`, { name: 'B important', start: '2026-12-07T08:00', durationMinutes: 960, priority: 700 }), 201);
    await api.assign(a.id, a1.id, { personId: bo.id });
    await api.assign(b.id, b1.id, { personId: bo.id });
    // Both projects are at 500: whichever is listed first, B's more important task goes first.
    for (const projectIds of [[a.id, b.id], [b.id, a.id]]) expect(starts(await preview({ projectIds }))).toEqual({ 'A routine': '2026-12-09' });
  });

  it('puts a higher task priority before an earlier latest finish inside a project', async () => {
    const project = await createProjectViaApi(ctx, pm, { name: 'Task priorities' });
    const cy = await api.person('Cy Prio');
    const long = await api.task(project.id, 'Long chain head', '2026-12-07T08:00', 3);
    const tail = await api.task(project.id, 'Chain tail', '2026-12-10T08:00', 3);
    await api.ok(api.post(`/projects/${project.id}/links`, { predecessorId: long.id, successorId: tail.id }), 201);
    const quick = await api.task(project.id, 'Quick', '2026-12-07T08:00', 1);
    for (const t of [long, quick]) await api.assign(project.id, t.id, { personId: cy.id });
    // By latest finish alone the chain head goes first and Quick waits.
    expect(starts(await preview({ projectIds: [project.id] }))).toEqual({ Quick: '2026-12-10' });
    await api.ok(api.patch(`/tasks/${quick.id}`, { priority: 800 }, quick.version));
    expect(starts(await preview({ projectIds: [project.id] }))).toEqual({ 'Long chain head': '2026-12-08', 'Chain tail': '2026-12-11' });
  });

  it('never moves a task at priority 1000 and reports the overload it keeps', async () => {
    const project = await createProjectViaApi(ctx, pm, { name: 'Do not level' });
    const dee = await api.person('Dee Pinned');
    const pinned = await api.ok(api.post(`/projects/${project.id}/tasks`, { name: 'Pinned', start: '2026-12-08T08:00', durationMinutes: 960, priority: 1000 }), 201);
    const free = await api.ok(api.post(`/projects/${project.id}/tasks`, { name: 'Free', start: '2026-12-07T08:00', durationMinutes: 1440, priority: 900 }), 201);
    for (const t of [pinned, free]) await api.assign(project.id, t.id, { personId: dee.id });
    const p1 = await preview({ projectIds: [project.id] });
    // Free (900) would go first by priority, but Pinned holds Tuesday-Wednesday: Free waits until Thursday.
    expect(starts(p1)).toEqual({ Free: '2026-12-10' });
    expect(p1.conflicts).toEqual([]);
    // Two pinned tasks on the same days: neither moves, and the overload is reported in words.
    await api.ok(api.patch(`/tasks/${free.id}`, { priority: 1000 }, free.version));
    const p2 = await preview({ projectIds: [project.id] });
    expect(p2.changes).toEqual([]);
    expect(p2.conflicts.map((c) => c.type)).toEqual(['fixed-start-overload']);
    expect(p2.conflicts[0]!.message).toMatch(/has priority 1000 \("do not level", starting 2026-12-0[78]\) and so stays where it is, overloading Dee Pinned on 2026-12-08/);
  });
});
