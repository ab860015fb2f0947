/**
 * GET /api/v1/events: a server-sent event stream of the changes the user may see. Project events go
 * only to users who can see the project (membership looked up once per project and cached briefly);
 * admin-only events (accounts) only to admins; events with recipients (a person's timesheet) only to the users and
 * organisation roles they name. A comment line every 15 s keeps proxies from closing it.
 */
import type { App } from './http.js';
import { actorOf } from './http.js';
import { canSeeProject, seesAllProjects, type Actor } from './policy.js';
import type { DomainEvent } from './events.js';
import { findProjectRole } from '../modules/projects/projects.repo.js';

const HEARTBEAT_MS = 15_000;
const VISIBILITY_TTL_MS = 5_000;

export async function sseRoutes(app: App) {
  app.get(
    '/events',
    { schema: { tags: ['events'], summary: 'Server-sent events: live changes the user may see (text/event-stream)', produces: ['text/event-stream'] } },
    async (req, reply) => {
      const actor = actorOf(req);
      const visibility = new Map<string, { ok: boolean; at: number }>();
      const mayReceive = async (e: DomainEvent): Promise<boolean> => {
        if (e.recipients && !e.recipients.userIds.includes(actor.userId) && !e.recipients.orgRoles.includes(actor.orgRole)) return false;
        if (e.projectId === null) return e.audience !== 'admins' || actor.orgRole === 'admin';
        if (seesAllProjects(actor)) return true;
        const cached = visibility.get(e.projectId);
        const now = Date.now();
        if (cached && now - cached.at < VISIBILITY_TTL_MS) return cached.ok;
        const role = await findProjectRole(app.db, e.projectId, actor.userId);
        const ok = canSeeProject(actor as Actor, role);
        visibility.set(e.projectId, { ok, at: now });
        return ok;
      };

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': String(req.id),
      });
      res.write(': connected\nretry: 2000\n\n');

      let chain = Promise.resolve();
      const unsubscribe = app.events.subscribe((event) => {
        // Keep events in order per stream even though the visibility check may await.
        chain = chain.then(async () => {
          if (res.writableEnded) return;
          try {
            if (await mayReceive(event)) {
              // Who else receives an event is not the receiver's business.
              const { recipients: _recipients, ...visible } = event;
              res.write(`event: change\ndata: ${JSON.stringify(visible)}\n\n`);
            }
          } catch {
            /* the database is closing; the stream ends with it */
          }
        });
      });
      const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
      const close = () => {
        clearInterval(heartbeat);
        unsubscribe();
        app.sseStreams.delete(close);
        if (!res.writableEnded) res.end();
      };
      app.sseStreams.add(close);
      req.raw.on('close', close);
    },
  );
}
