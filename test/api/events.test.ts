/** The event stream: a change made by one user reaches another user's open stream, filtered by visibility. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProjectViaApi, createTestApp, json, type TestContext, type TestUser } from '../helpers.js';

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

/** Opens the stream and collects `change` events until `until` matches or the timeout passes. */
async function collect(user: TestUser, until: (e: { type: string; projectId: string | null }) => boolean, timeoutMs: number, onOpen: () => Promise<void>) {
  const ac = new AbortController();
  const res = await fetch(`${base}/api/v1/events`, { headers: user.auth, signal: ac.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const events: { type: string; projectId: string | null }[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  const timer = setTimeout(() => ac.abort(), timeoutMs);
  await onOpen();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += decoder.decode(value, { stream: true });
      let i: number;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const chunk = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const data = chunk.split('\n').find((l) => l.startsWith('data: '));
        if (data) {
          const e = JSON.parse(data.slice(6));
          events.push(e);
          if (until(e)) {
            ac.abort();
            return events;
          }
        }
      }
    }
  } catch {
    /* aborted */
  } finally {
    clearTimeout(timer);
  }
  return events;
}

describe('server-sent events', () => {
  it('delivers a change to another user within a second', async () => {
    const project = await createProjectViaApi(ctx, pm, { name: 'Live Project' });
    const t0 = Date.now();
    const events = await collect(ctx.admin, (e) => e.type === 'task.created', 5000, async () => {
      const res = await ctx.app.inject({ method: 'POST', url: `/api/v1/projects/${project.id}/tasks`, headers: pm.auth, payload: { name: 'Live task' } });
      expect(res.statusCode).toBe(201);
    });
    expect(events.map((e) => e.type)).toContain('task.created');
    expect(events.find((e) => e.type === 'task.created')!.projectId).toBe(project.id);
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it('does not send events of projects the user cannot see', async () => {
    const project = await createProjectViaApi(ctx, pm, { name: 'Invisible' });
    const events = await collect(outsider, () => false, 1500, async () => {
      await ctx.app.inject({ method: 'POST', url: `/api/v1/projects/${project.id}/tasks`, headers: pm.auth, payload: { name: 'hidden task' } });
    });
    expect(events.filter((e) => e.projectId === project.id)).toEqual([]);
  });

  it('requires authentication', async () => {
    const res = await fetch(`${base}/api/v1/events`);
    expect(res.status).toBe(401);
    expect(json({ body: await res.text() } as never).code).toBe('unauthenticated');
  });
});
