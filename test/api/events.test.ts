/** The event stream: a change made by one user reaches another user's open stream, filtered by visibility. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProjectViaApi, createTestApp, json, type TestContext, type TestUser } from '../helpers.js';
import { openEventStream } from '../event-stream.js';

let ctx: TestContext;
let base: string;
let pm: TestUser;
let outsider: TestUser;
beforeAll(async () => {
  ctx = await createTestApp();
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = ctx.app.server.address() as { port: number };
  base = `http://127.0.0.1:${addr.port}`;
  pm = await ctx.user('pmo');
  outsider = await ctx.user('member');
});
afterAll(async () => ctx.close());

describe('server-sent events', () => {
  it('delivers a change to another user within a second', async () => {
    const project = await createProjectViaApi(ctx, pm, { name: 'Live Project' });
    const stream = await openEventStream(base, ctx.admin.auth);
    try {
      const t0 = Date.now();
      const res = await ctx.app.inject({ method: 'POST', url: `/api/v1/projects/${project.id}/tasks`, headers: pm.auth, payload: { name: 'Live task' } });
      expect(res.statusCode).toBe(201);
      await stream.waitFor((e) => e.type === 'task.created', 5000);
      expect(Date.now() - t0).toBeLessThan(3000);
      expect(stream.events.find((e) => e.type === 'task.created')!.projectId).toBe(project.id);
    } finally {
      stream.close();
    }
  });

  it('does not send events of projects the user cannot see', async () => {
    const project = await createProjectViaApi(ctx, pm, { name: 'Invisible' });
    const stream = await openEventStream(base, outsider.auth);
    try {
      await ctx.app.inject({ method: 'POST', url: `/api/v1/projects/${project.id}/tasks`, headers: pm.auth, payload: { name: 'hidden task' } });
      // An organisation-wide change after it: once the stream has that, it has everything it was sent before.
      const marker = await ctx.app.inject({ method: 'POST', url: '/api/v1/portfolios', headers: pm.auth, payload: { name: 'Marker portfolio' } });
      expect(marker.statusCode).toBe(201);
      await stream.waitFor((e) => e.type === 'portfolio.created', 5000);
      expect(stream.events.filter((e) => e.projectId === project.id)).toEqual([]);
    } finally {
      stream.close();
    }
  });

  it('requires authentication', async () => {
    const res = await fetch(`${base}/api/v1/events`);
    expect(res.status).toBe(401);
    expect(json({ body: await res.text() } as never).code).toBe('unauthenticated');
  });
});
