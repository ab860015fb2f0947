/**
 * Live events of a timesheet week reach only the users who may see it: the person, those who may read any
 * timesheet (admin, finance, PMO), the managers of the projects the week's entries are on and the person's line
 * manager. Colleagues, other project managers and portfolio managers get nothing, not even that a week was saved.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_EVENT_USER_IDS, publishEvent, type DomainEvent } from '../../src/server/events.js';
import { createProjectViaApi, createTestApp, type TestContext, type TestUser } from '../helpers.js';
import { openEventStream, type EventStream } from '../event-stream.js';
import { buildFinanceWorld, call, workWeek, type FinanceWorld } from './finance-world.js';

let ctx: TestContext;
let w: FinanceWorld;
let base: string;
const users: Record<string, TestUser> = {};
beforeAll(async () => {
  ctx = await createTestApp();
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(ctx.app.server.address() as { port: number }).port}`;
  w = await buildFinanceWorld(ctx);
  users.lineManager = await ctx.user('member');
  users.teammate = await ctx.user('member');
  users.otherPm = await ctx.user('member');
  users.outsider = await ctx.user('member');
  users.pmo = await ctx.user('pmo');
  users.portfolioManager = await ctx.user('portfolio_manager');
  await call(ctx, ctx.admin, 'POST', `/projects/${w.projectId}/members`, { userId: users.teammate!.id, role: 'team_member' }, 201);
  // Walt also works on another project, with no time on it in the week: its manager may not approve this week.
  const other = await createProjectViaApi(ctx, ctx.admin, { name: 'Other work', managerId: users.otherPm!.id });
  await call(ctx, ctx.admin, 'POST', `/projects/${other.id}/members`, { userId: w.worker.id, role: 'team_member' }, 201);
  await call(ctx, w.finance, 'PUT', `/people/${w.personId}/finance-profile`, { roleId: null, lineManagerId: users.lineManager!.id }, 200);
});
afterAll(async () => ctx.close());

describe('timesheet events', () => {
  it('go to the person, their approvers and the timesheet readers, and to no one else', async () => {
    const receivers = { worker: w.worker, pm: w.pm, finance: w.finance, admin: ctx.admin, pmo: users.pmo!, lineManager: users.lineManager! };
    const others = { teammate: users.teammate!, otherPm: users.otherPm!, outsider: users.outsider!, portfolioManager: users.portfolioManager! };
    const streams: Record<string, EventStream> = {};
    for (const [name, u] of Object.entries({ ...receivers, ...others })) streams[name] = await openEventStream(base, u.auth);
    try {
      const week = `/timesheets/${w.personId}/weeks/2026-11-02`;
      await call(ctx, w.worker, 'PUT', `${week}/entries`, { entries: workWeek(w, '2026-11-02') }, 200);
      await call(ctx, w.worker, 'POST', `${week}/submit`, undefined, 200);
      await call(ctx, w.worker, 'POST', `${week}/recall`, undefined, 200);
      // An organisation-wide event after them: once a stream has it, it has every earlier event it was sent.
      await call(ctx, w.finance, 'POST', '/timesheets/lock', { until: '2026-01-31' }, 200);
      await Promise.all(Object.values(streams).map((s) => s.waitFor((e) => e.type === 'timesheet_period.locked', 10_000)));

      const timesheetEvents = (s: EventStream) => s.events.filter((e) => e.entityType === 'timesheet');
      for (const name of Object.keys(receivers)) {
        const got = timesheetEvents(streams[name]!);
        expect({ name, types: got.map((e) => e.type) }).toEqual({ name, types: ['timesheet.updated', 'timesheet.submitted', 'timesheet.recalled'] });
        expect(got[0]).toMatchObject({ entityId: `${w.personId}:2026-11-02`, projectId: null });
        // Who else receives an event is not shown.
        expect(Object.keys(got[0]!)).not.toContain('recipients');
      }
      for (const name of Object.keys(others)) {
        expect({ name, events: timesheetEvents(streams[name]!) }).toEqual({ name, events: [] });
        // The stream itself works: the organisation-wide event arrived.
        expect(streams[name]!.events.map((e) => e.type)).toContain('timesheet_period.locked');
      }
    } finally {
      for (const s of Object.values(streams)) s.close();
    }
  });

  it('reach the manager of a project whose entries a save removed', async () => {
    const newPm = await ctx.user('member');
    const side = await createProjectViaApi(ctx, ctx.admin, { name: 'Side project', managerId: newPm.id, startDate: '2026-11-02' });
    await call(ctx, ctx.admin, 'POST', `/projects/${side.id}/members`, { userId: w.worker.id, role: 'team_member' }, 201);
    const week = `/timesheets/${w.personId}/weeks/2026-11-09`;
    await call(ctx, w.worker, 'PUT', `${week}/entries`, { entries: [{ projectId: side.id, date: '2026-11-09', minutes: 60 }] }, 200);
    const stream = await openEventStream(base, newPm.auth);
    const outsider = await openEventStream(base, users.outsider!.auth);
    try {
      // The save moves the hour to the main project: the side project's manager learns its entry is gone.
      await call(ctx, w.worker, 'PUT', `${week}/entries`, { entries: [{ projectId: w.projectId, date: '2026-11-09', minutes: 60 }] }, 200);
      const got = await stream.waitFor((e) => e.type === 'timesheet.updated', 10_000);
      expect(got.find((e) => e.type === 'timesheet.updated')).toMatchObject({ entityId: `${w.personId}:2026-11-09` });
      // A later save touches only the main project: the side project's manager no longer gets the week's events.
      await call(ctx, w.worker, 'PUT', `${week}/entries`, { entries: [{ projectId: w.projectId, date: '2026-11-09', minutes: 90 }] }, 200);
      await call(ctx, w.finance, 'POST', '/timesheets/lock', { until: '2026-02-28' }, 200);
      await stream.waitFor((e) => e.type === 'timesheet_period.locked', 10_000);
      await outsider.waitFor((e) => e.type === 'timesheet_period.locked', 10_000);
      expect(stream.events.filter((e) => e.type === 'timesheet.updated')).toHaveLength(1);
      expect(outsider.events.filter((e) => e.entityType === 'timesheet')).toEqual([]);
    } finally {
      stream.close();
      outsider.close();
    }
  });
});

describe("a person's finance settings", () => {
  it('are news only to those who may read them', async () => {
    const finance = await openEventStream(base, w.finance.auth);
    const outsider = await openEventStream(base, users.outsider!.auth);
    try {
      await call(ctx, w.finance, 'PUT', `/people/${w.personId}/finance-profile`, { roleId: null, lineManagerId: null }, 200);
      await call(ctx, w.finance, 'POST', '/timesheets/lock', { until: '2026-03-31' }, 200);
      await finance.waitFor((e) => e.type === 'timesheet_period.locked', 10_000);
      await outsider.waitFor((e) => e.type === 'timesheet_period.locked', 10_000);
      expect(finance.events.filter((e) => e.entityType === 'person_finance').map((e) => e.entityId)).toEqual([w.personId]);
      expect(outsider.events.filter((e) => e.entityType === 'person_finance')).toEqual([]);
    } finally {
      finance.close();
      outsider.close();
    }
  });
});

describe('event recipients', () => {
  it('are capped, so a change never fails on the size of its notification', async () => {
    const ids = Array.from({ length: 500 }, () => randomUUID());
    const received = new Promise<DomainEvent>((resolve) => {
      const off = ctx.app.events.subscribe((e) => {
        if (e.entityId !== 'cap-test') return;
        off();
        resolve(e);
      });
    });
    // 500 ids are about 20 kB of JSON, far past pg_notify's 8000 bytes: uncapped, the transaction would fail.
    await ctx.database.db.transaction().execute((tx) => publishEvent(tx as never, {
      type: 'timesheet.updated', entityType: 'timesheet', entityId: 'cap-test', projectId: null, version: null, at: new Date().toISOString(),
      recipients: { userIds: ids, orgRoles: ['admin', 'admin', 'finance'] },
    }));
    const e = await received;
    expect(e.recipients).toEqual({ userIds: ids.slice(0, MAX_EVENT_USER_IDS), orgRoles: ['admin', 'finance'] });
  });
});
