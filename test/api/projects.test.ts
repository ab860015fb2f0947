import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProjectViaApi, createTestApp, json, type TestContext, type TestUser } from '../helpers.js';

let ctx: TestContext;
let pm: TestUser;
let outsider: TestUser;
beforeAll(async () => {
  ctx = await createTestApp();
  pm = await ctx.user('pmo', 'pmo-lead');
  outsider = await ctx.user('member', 'outsider');
});
afterAll(async () => ctx.close());

describe('projects', () => {
  it('creates, reads with ETag, and updates with optimistic concurrency', async () => {
    const p = await createProjectViaApi(ctx, pm, { name: 'ERP Upgrade', managerId: pm.id });
    expect(p.code).toMatch(/^PRJ-\d{4}$/);
    expect(p.version).toBe(1);
    const got = await ctx.app.inject({ method: 'GET', url: `/api/v1/projects/${p.id}`, headers: pm.auth });
    expect(got.headers.etag).toBe('"1"');

    const noVersion = await ctx.app.inject({ method: 'PATCH', url: `/api/v1/projects/${p.id}`, headers: pm.auth, payload: { health: 'red' } });
    expect(noVersion.statusCode).toBe(428);

    const ok = await ctx.app.inject({ method: 'PATCH', url: `/api/v1/projects/${p.id}`, headers: { ...pm.auth, 'if-match': '"1"' }, payload: { health: 'red', status: 'off_track' } });
    expect(ok.statusCode).toBe(200);
    expect(json(ok)).toMatchObject({ health: 'red', status: 'off_track', version: 2 });

    const stale = await ctx.app.inject({ method: 'PATCH', url: `/api/v1/projects/${p.id}`, headers: { ...pm.auth, 'if-match': '"1"' }, payload: { health: 'green' } });
    expect(stale.statusCode).toBe(409);
    expect(json(stale).code).toBe('version_conflict');
    const row = await ctx.database.db.selectFrom('projects').select(['health', 'version']).where('id', '=', p.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ health: 'red', version: 2 });

    const audit = await ctx.database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', p.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['created', 'updated']);
    expect((audit[1]!.before as { health: string }).health).toBe('green');
    expect((audit[1]!.after as { health: string }).health).toBe('red');
  });

  it('keeps a priority 0-1000 (default 500) that only portfolio editors change', async () => {
    const manager = await ctx.user('member', 'prio-manager');
    const p = await createProjectViaApi(ctx, pm, { name: 'Priority project', managerId: manager.id });
    expect(p).toMatchObject({ priority: 500, canSetPriority: true });
    const patch = (as: TestUser, version: number, payload: object) => ctx.app.inject({ method: 'PATCH', url: `/api/v1/projects/${p.id}`, headers: { ...as.auth, 'if-match': `"${version}"` }, payload });
    for (const bad of [1001, -1, 2.5, '700']) {
      const res = await patch(pm, 1, { priority: bad });
      expect({ bad, status: res.statusCode, code: json(res).code }).toEqual({ bad, status: 400, code: 'validation_failed' });
    }
    const set = await patch(pm, 1, { priority: 750 });
    expect(json(set)).toMatchObject({ priority: 750, version: 2 });
    const audit = await ctx.database.db.selectFrom('audit_log').select(['before', 'after']).where('entity_id', '=', p.id).where('action', '=', 'updated').executeTakeFirstOrThrow();
    expect([(audit.before as { priority: number }).priority, (audit.after as { priority: number }).priority]).toEqual([500, 750]);

    // The project's manager edits the project, but not where it stands against the others.
    const asManager = json(await ctx.app.inject({ method: 'GET', url: `/api/v1/projects/${p.id}`, headers: manager.auth }));
    expect(asManager).toMatchObject({ canEdit: true, canSetPriority: false, priority: 750 });
    const raise = await patch(manager, 2, { priority: 1000 });
    expect(raise.statusCode).toBe(403);
    expect(await ctx.database.db.selectFrom('projects').select(['priority', 'version']).where('id', '=', p.id).executeTakeFirstOrThrow()).toEqual({ priority: 750, version: 2 });
    const same = await patch(manager, 2, { priority: 750, description: 'Managed here' });
    expect(json(same)).toMatchObject({ priority: 750, description: 'Managed here', version: 3 });
    const created = await createProjectViaApi(ctx, pm, { name: 'Born urgent', priority: 900 });
    expect(created.priority).toBe(900);
  });

  it('lists with filters, sorting and stable cursor pagination', async () => {
    for (const [name, health] of [['Alpha', 'green'], ['Bravo', 'amber'], ['Charlie', 'red'], ['Delta', 'amber'], ['Echo', 'green']] as const) {
      await createProjectViaApi(ctx, pm, { name, health });
    }
    const amber = json(await ctx.app.inject({ method: 'GET', url: '/api/v1/projects?health=amber&sort=name', headers: pm.auth }));
    expect(amber.items.map((p: { name: string }) => p.name)).toEqual(['Bravo', 'Delta']);

    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const res: Awaited<ReturnType<typeof ctx.app.inject>> = await ctx.app.inject({ method: 'GET', url: `/api/v1/projects?limit=2&sort=-name${cursor ? `&cursor=${cursor}` : ''}`, headers: pm.auth });
      expect(res.statusCode).toBe(200);
      const page: { items: { name: string }[]; nextCursor: string | null } = json(res);
      names.push(...page.items.map((p: { name: string }) => p.name));
      cursor = page.nextCursor;
    } while (cursor);
    const sorted = [...names].sort((a, b) => (a < b ? 1 : -1));
    expect(names).toEqual(sorted);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('Alpha');

    const bad = await ctx.app.inject({ method: 'GET', url: '/api/v1/projects?cursor=nonsense', headers: pm.auth });
    expect(bad.statusCode).toBe(400);
    expect(json(bad).code).toBe('invalid_cursor');
  });

  it('hides projects from members who are not on them, and lets stakeholders read but not edit', async () => {
    const p = await createProjectViaApi(ctx, pm, { name: 'Secret Merger' });
    const list = json(await ctx.app.inject({ method: 'GET', url: '/api/v1/projects', headers: outsider.auth }));
    expect(list.items).toEqual([]);
    const get = await ctx.app.inject({ method: 'GET', url: `/api/v1/projects/${p.id}`, headers: outsider.auth });
    expect(get.statusCode).toBe(404);
    expect(get.body).not.toContain('Secret Merger');

    const add = await ctx.app.inject({ method: 'POST', url: `/api/v1/projects/${p.id}/members`, headers: pm.auth, payload: { userId: outsider.id, role: 'stakeholder' } });
    expect(add.statusCode).toBe(201);
    const visible = json(await ctx.app.inject({ method: 'GET', url: '/api/v1/projects', headers: outsider.auth }));
    expect(visible.items.map((x: { name: string; myRole: string; canEdit: boolean }) => [x.name, x.myRole, x.canEdit])).toEqual([['Secret Merger', 'stakeholder', false]]);
    const edit = await ctx.app.inject({ method: 'PATCH', url: `/api/v1/projects/${p.id}`, headers: { ...outsider.auth, 'if-match': '"1"' }, payload: { name: 'Hacked' } });
    expect(edit.statusCode).toBe(403);
    const task = await ctx.app.inject({ method: 'POST', url: `/api/v1/projects/${p.id}/tasks`, headers: outsider.auth, payload: { name: 'Nope' } });
    expect(task.statusCode).toBe(403);
  });

  it('deletes a project with its tasks in one transaction', async () => {
    const p = await createProjectViaApi(ctx, pm, { name: 'Short-lived' });
    await ctx.app.inject({ method: 'POST', url: `/api/v1/projects/${p.id}/tasks`, headers: pm.auth, payload: { name: 'T1' } });
    const del = await ctx.app.inject({ method: 'DELETE', url: `/api/v1/projects/${p.id}`, headers: { ...pm.auth, 'if-match': `"${p.version}"` } });
    expect(del.statusCode).toBe(204);
    const left = await ctx.database.db.selectFrom('tasks').select('id').where('project_id', '=', p.id).execute();
    expect(left).toEqual([]);
  });
});
