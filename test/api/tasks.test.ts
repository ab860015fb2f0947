import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProjectViaApi, createTestApp, json, type TestContext, type TestUser } from '../helpers.js';

let ctx: TestContext;
let pm: TestUser;
let projectId: string;
beforeAll(async () => {
  ctx = await createTestApp();
  pm = await ctx.user('pmo');
  projectId = (await createProjectViaApi(ctx, pm, { startDate: '2026-03-02' })).id;
});
afterAll(async () => ctx.close());

const post = (url: string, payload: unknown) => ctx.app.inject({ method: 'POST', url, headers: pm.auth, payload: payload as object });

describe('WBS', () => {
  it('numbers the outline, rolls summaries up and schedules on the standard calendar', async () => {
    const phase = json(await post(`/api/v1/projects/${projectId}/tasks`, { name: 'Phase 1' }));
    const a = json(await post(`/api/v1/projects/${projectId}/tasks`, { name: 'Design', parentId: phase.id, start: '2026-03-02T08:00', durationMinutes: 960 }));
    const b = json(await post(`/api/v1/projects/${projectId}/tasks`, { name: 'Build', parentId: phase.id, start: '2026-03-06T13:00', durationMinutes: 480 }));
    expect(a.finish).toBe('2026-03-03T17:00:00');
    expect(b.finish).toBe('2026-03-09T12:00:00');
    const tasks = json(await ctx.app.inject({ method: 'GET', url: `/api/v1/projects/${projectId}/tasks`, headers: pm.auth })).items;
    expect(tasks.map((t: { wbs: string; name: string; isSummary: boolean }) => [t.wbs, t.name, t.isSummary])).toEqual([
      ['1', 'Phase 1', true],
      ['1.1', 'Design', false],
      ['1.2', 'Build', false],
    ]);
    expect(tasks[0]).toMatchObject({ start: '2026-03-02T08:00:00', finish: '2026-03-09T12:00:00' });
  });

  it('keeps a task priority 0-1000 (default 500), set on create or edit, with an audit entry', async () => {
    const plain = json(await post(`/api/v1/projects/${projectId}/tasks`, { name: 'Plain' }));
    expect(plain.priority).toBe(500);
    const urgent = json(await post(`/api/v1/projects/${projectId}/tasks`, { name: 'Urgent', priority: 1000 }));
    expect(urgent.priority).toBe(1000);
    for (const bad of [1001, -5, 10.5, null]) {
      const res = await ctx.app.inject({ method: 'PATCH', url: `/api/v1/tasks/${plain.id}`, headers: { ...pm.auth, 'if-match': `"${plain.version}"` }, payload: { priority: bad } });
      expect({ bad, status: res.statusCode }).toEqual({ bad, status: 400 });
    }
    expect((await post(`/api/v1/projects/${projectId}/tasks`, { name: 'Too much', priority: 2000 })).statusCode).toBe(400);
    const res = await ctx.app.inject({ method: 'PATCH', url: `/api/v1/tasks/${plain.id}`, headers: { ...pm.auth, 'if-match': `"${plain.version}"` }, payload: { priority: 250 } });
    expect(json(res)).toMatchObject({ priority: 250, version: plain.version + 1 });
    const audit = await ctx.database.db.selectFrom('audit_log').select(['before', 'after']).where('entity_id', '=', plain.id).where('action', '=', 'updated').executeTakeFirstOrThrow();
    expect([(audit.before as { priority: number }).priority, (audit.after as { priority: number }).priority]).toEqual([500, 250]);
  });

  it('refuses a link that closes a cycle and names the tasks', async () => {
    const x = json(await post(`/api/v1/projects/${projectId}/tasks`, { name: 'X' }));
    const y = json(await post(`/api/v1/projects/${projectId}/tasks`, { name: 'Y' }));
    const z = json(await post(`/api/v1/projects/${projectId}/tasks`, { name: 'Z' }));
    expect((await post(`/api/v1/projects/${projectId}/links`, { predecessorId: x.id, successorId: y.id })).statusCode).toBe(201);
    expect((await post(`/api/v1/projects/${projectId}/links`, { predecessorId: y.id, successorId: z.id, type: 'SS', lagMinutes: 120 })).statusCode).toBe(201);
    const cyc = await post(`/api/v1/projects/${projectId}/links`, { predecessorId: z.id, successorId: x.id });
    expect(cyc.statusCode).toBe(422);
    expect(json(cyc).code).toBe('link_cycle');
    expect(json(cyc).detail).toContain('"X"');
    expect(json(cyc).detail).toContain('"Z"');
    const links = json(await ctx.app.inject({ method: 'GET', url: `/api/v1/projects/${projectId}/links`, headers: pm.auth })).items;
    expect(links).toHaveLength(2);
  });

  it('refuses moving a task under its own subtask', async () => {
    const parent = json(await post(`/api/v1/projects/${projectId}/tasks`, { name: 'Parent' }));
    const child = json(await post(`/api/v1/projects/${projectId}/tasks`, { name: 'Child', parentId: parent.id }));
    const res = await ctx.app.inject({ method: 'PATCH', url: `/api/v1/tasks/${parent.id}`, headers: { ...pm.auth, 'if-match': `"${parent.version + 1}"` }, payload: { parentId: child.id } });
    expect([409, 422]).toContain(res.statusCode);
    const fresh = json(await ctx.app.inject({ method: 'GET', url: `/api/v1/tasks/${parent.id}`, headers: pm.auth }));
    const res2 = await ctx.app.inject({ method: 'PATCH', url: `/api/v1/tasks/${parent.id}`, headers: { ...pm.auth, 'if-match': `"${fresh.version}"` }, payload: { parentId: child.id } });
    expect(res2.statusCode).toBe(422);
    expect(json(res2).code).toBe('parent_cycle');
  });
});
