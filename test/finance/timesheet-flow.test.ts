/** Log a week, submit, approve, see actuals and EVM; rule violations and corrections. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, json, type TestContext } from '../helpers.js';
import { buildFinanceWorld, call, workWeek, type FinanceWorld } from './finance-world.js';

let ctx: TestContext;
let w: FinanceWorld;
beforeAll(async () => {
  ctx = await createTestApp();
  w = await buildFinanceWorld(ctx);
});
afterAll(async () => ctx.close());

const count = async (table: string) => Number((await sql<{ n: string }>`select count(*)::int as n from ${sql.table(table)}`.execute(ctx.database.db)).rows[0]!.n);

describe('timesheet flow', () => {
  it('logs a week, submits it, the project manager approves it and actuals and EVM appear', async () => {
    expect(json(await call(ctx, w.worker, 'GET', '/timesheets/me', undefined, 200))).toEqual({ personId: w.personId, personName: 'Wendy Worker' });
    expect((await call(ctx, w.pm, 'GET', '/timesheets/me')).statusCode).toBe(404);
    const week = `/timesheets/${w.personId}/weeks/2026-11-16`;
    const saved = json(await call(ctx, w.worker, 'PUT', `${week}/entries`, { entries: workWeek(w, '2026-11-16') }, 200));
    expect(saved.entries).toHaveLength(5);
    expect(saved.dayTotals.map((d: { minutes: number }) => d.minutes)).toEqual([480, 480, 480, 480, 480, 0, 0]);
    expect(saved.entries.every((e: { state: string }) => e.state === 'draft')).toBe(true);

    const submitted = json(await call(ctx, w.worker, 'POST', `${week}/submit`, undefined, 200));
    expect(submitted.entries.every((e: { state: string }) => e.state === 'submitted')).toBe(true);

    const inbox = json(await call(ctx, w.pm, 'GET', `/approvals/time?projectId=${w.projectId}`, undefined, 200));
    expect(inbox.items).toHaveLength(5);
    // nobody approves their own time, and a team member cannot approve
    expect((await call(ctx, w.worker, 'POST', '/time-entries/approve', { ids: inbox.items.map((e: { id: string }) => e.id) })).statusCode).toBe(403);

    const decided = json(await call(ctx, w.pm, 'POST', '/time-entries/approve', { ids: inbox.items.map((e: { id: string }) => e.id) }, 200));
    expect(decided.approved).toBe(5);
    const again = await call(ctx, w.pm, 'POST', '/time-entries/approve', { ids: inbox.items.map((e: { id: string }) => e.id) });
    expect(again.statusCode).toBe(409);

    await call(ctx, w.pm, 'PUT', `/projects/${w.projectId}/task-costs`, { items: [{ taskId: w.taskId, plannedCostMinor: 1_000_000 }] }, 200);
    const fin = json(await call(ctx, w.pm, 'GET', `/projects/${w.projectId}/financials?asOf=2026-11-30`, undefined, 200));
    // 5 x 8 h x 60.00 = 2,400.00
    expect(fin.evm.ac).toBe(240_000);
    expect(fin.labour).toEqual({ minutes: 2400, billableMinutes: 2400 });
    expect(fin.evm.bac).toBe(1_000_000);
    expect(fin.evm.pv).toBeGreaterThan(0);
    expect(fin.months.find((m: { month: string }) => m.month === '2026-11').actualMinor).toBe(240_000);
    const rollup = json(await call(ctx, w.finance, 'GET', '/financials/rollup?asOf=2026-11-30', undefined, 200));
    expect(rollup.projects.find((p: { projectId: string }) => p.projectId === w.projectId)).toMatchObject({ actualMinor: 240_000, bac: 1_000_000 });
  });

  it("a line manager sees their people's submitted time in the inbox, reads the week and approves it", async () => {
    const manager = await ctx.user('member');
    const colleague = await ctx.user('member');
    await call(ctx, w.finance, 'PUT', `/people/${w.personId}/finance-profile`, { roleId: null, lineManagerId: manager.id }, 200);
    const week = `/timesheets/${w.personId}/weeks/2026-11-02`;
    await call(ctx, w.worker, 'PUT', `${week}/entries`, { entries: workWeek(w, '2026-11-02').slice(0, 2) }, 200);
    await call(ctx, w.worker, 'POST', `${week}/submit`, undefined, 200);

    // The people list says who line-manages whom (the timesheet page offers a line manager their people).
    const listed = json(await call(ctx, manager, 'GET', '/people?limit=500', undefined, 200));
    expect(listed.items.find((p: { id: string }) => p.id === w.personId).lineManagerId).toBe(manager.id);
    const inbox = json(await call(ctx, manager, 'GET', '/approvals/time', undefined, 200));
    expect(inbox.items.map((e: { date: string; personId: string }) => [e.date, e.personId])).toEqual([['2026-11-02', w.personId], ['2026-11-03', w.personId]]);
    expect(json(await call(ctx, manager, 'GET', week, undefined, 200)).entries).toHaveLength(2);
    // Someone who neither manages the project nor the person sees nothing and may not read the week.
    expect(json(await call(ctx, colleague, 'GET', '/approvals/time', undefined, 200)).items).toEqual([]);
    expect((await call(ctx, colleague, 'GET', week)).statusCode).toBe(403);
    // The manager reads but does not write the week.
    expect((await call(ctx, manager, 'PUT', `${week}/entries`, { entries: [] })).statusCode).toBe(403);
    const decided = json(await call(ctx, manager, 'POST', '/time-entries/approve', { ids: inbox.items.map((e: { id: string }) => e.id) }, 200));
    expect(decided.approved).toBe(2);
    expect(json(await call(ctx, manager, 'GET', '/approvals/time', undefined, 200)).items).toEqual([]);
    await call(ctx, w.finance, 'PUT', `/people/${w.personId}/finance-profile`, { roleId: null, lineManagerId: null }, 200);
    expect((await call(ctx, manager, 'GET', week)).statusCode).toBe(403);
  });

  it('recalls a submitted week, and reports who is missing which days', async () => {
    const week = `/timesheets/${w.personId}/weeks/2026-11-09`;
    await call(ctx, w.worker, 'PUT', `${week}/entries`, { entries: workWeek(w, '2026-11-09').slice(0, 3) }, 200);
    await call(ctx, w.worker, 'POST', `${week}/submit`, undefined, 200);
    const recalled = json(await call(ctx, w.worker, 'POST', `${week}/recall`, undefined, 200));
    expect(recalled.entries.map((e: { state: string }) => e.state)).toEqual(['draft', 'draft', 'draft']);
    expect((await call(ctx, w.worker, 'POST', `${week}/recall`)).statusCode).toBe(409);
    const report = json(await call(ctx, w.finance, 'GET', `/reports/timesheet-compliance?from=2026-11-09&to=2026-11-22&projectId=${w.projectId}`, undefined, 200));
    const mine = report.people.find((p: { personId: string }) => p.personId === w.personId);
    expect(mine.days.map((d: { date: string }) => d.date)).toEqual(['2026-11-12', '2026-11-13']);
    expect((await call(ctx, w.worker, 'GET', '/reports/timesheet-compliance')).statusCode).toBe(403);
  });

  it('answers 422 problem+json for rule violations and writes nothing', async () => {
    const before = await count('time_entries');
    const audit = await count('audit_log');
    const week = `/timesheets/${w.personId}/weeks/2026-11-23`;
    for (const entries of [
      [{ projectId: w.projectId, date: '2026-11-23', minutes: 25 * 60 }],
      [{ projectId: w.projectId, date: '2026-11-23', minutes: -60 }],
      [{ projectId: w.projectId, date: '2026-11-23', minutes: 600 }, { projectId: w.projectId, date: '2026-11-23', minutes: 600 }],
      [{ projectId: w.projectId, date: '2026-11-30', minutes: 60 }],
    ]) {
      const res = await call(ctx, w.worker, 'PUT', `${week}/entries`, { entries });
      expect(res.statusCode).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const hidden = await call(ctx, w.worker, 'PUT', `${week}/entries`, { entries: [{ projectId: '00000000-0000-4000-8000-000000000000', date: '2026-11-23', minutes: 60 }] });
    expect(json(hidden).code).toBe('not_project_member');
    const r = await call(ctx, w.worker, 'PUT', `${week}/entries`, { entries: [{ projectId: w.projectId, date: '2026-11-23', minutes: 25 * 60 }] });
    expect(json(r).code).toBe('timesheet_invalid');
    expect(json(r).errors[0].path).toContain('MORE_THAN_24_HOURS');
    expect((await call(ctx, w.worker, 'GET', '/timesheets/' + w.personId + '/weeks/2026-11-24')).statusCode).toBe(422);
    expect(await count('time_entries')).toBe(before);
    expect(await count('audit_log')).toBe(audit);
  });

  it('refuses time on a locked period and on a closed project', async () => {
    await call(ctx, w.finance, 'POST', '/timesheets/lock', { until: '2026-11-22' }, 200);
    const res = await call(ctx, w.worker, 'PUT', `/timesheets/${w.personId}/weeks/2026-11-16/entries`, { entries: [{ projectId: w.projectId, date: '2026-11-20', minutes: 30 }] });
    expect(res.statusCode).toBe(422);
    expect(JSON.stringify(json(res).errors)).toContain('LOCKED_PERIOD');
    const week = json(await call(ctx, w.worker, 'GET', `/timesheets/${w.personId}/weeks/2026-11-16`, undefined, 200));
    expect(week.entries.every((e: { state: string }) => e.state === 'locked')).toBe(true);
  });

  it('refuses approval when no cost rate applies, and leaves the entries submitted', async () => {
    const other = json(await call(ctx, ctx.admin, 'POST', '/people', { name: 'No Rate', userId: (await ctx.user('member')).id }, 201));
    await call(ctx, ctx.admin, 'PUT', `/timesheets/${other.id}/weeks/2026-12-07/entries`, { entries: [{ projectId: w.projectId, date: '2026-12-07', minutes: 60 }] }, 200);
    const sub = json(await call(ctx, ctx.admin, 'POST', `/timesheets/${other.id}/weeks/2026-12-07/submit`, undefined, 200));
    const res = await call(ctx, w.pm, 'POST', '/time-entries/approve', { ids: [sub.entries[0].id] });
    expect(res.statusCode).toBe(422);
    expect(json(res).code).toBe('finance_rate_missing');
    const after = json(await call(ctx, ctx.admin, 'GET', `/timesheets/${other.id}/weeks/2026-12-07`, undefined, 200));
    expect(after.entries[0].state).toBe('submitted');
  });

  it('corrects approved time with a reversal entry that cancels its cost exactly', async () => {
    const week = `/timesheets/${w.personId}/weeks/2026-12-14`;
    await call(ctx, w.worker, 'PUT', `${week}/entries`, { entries: [{ projectId: w.projectId, date: '2026-12-14', minutes: 300 }] }, 200);
    const sub = json(await call(ctx, w.worker, 'POST', `${week}/submit`, undefined, 200));
    await call(ctx, w.pm, 'POST', '/time-entries/approve', { ids: [sub.entries[0].id] }, 200);
    const before = json(await call(ctx, w.pm, 'GET', `/projects/${w.projectId}/financials?asOf=2026-12-31`, undefined, 200));
    const corr = json(await call(ctx, w.worker, 'POST', `/time-entries/${sub.entries[0].id}/corrections`, { reason: 'typo', minutes: 240, postingDate: '2026-12-15' }, 201));
    expect(corr.items.map((e: { minutes: number }) => e.minutes).sort()).toEqual([-300, 240]);
    expect((await call(ctx, w.worker, 'POST', `/time-entries/${sub.entries[0].id}/corrections`, { reason: 'again', delete: true })).statusCode).toBe(409);
    // Approving half of the correction would count the time twice (or drop it): refused, nothing approved.
    const replacement = corr.items.find((e: { minutes: number }) => e.minutes > 0);
    const half = await call(ctx, w.pm, 'POST', '/time-entries/approve', { ids: [replacement.id] });
    expect([half.statusCode, json(half).code]).toEqual([409, 'correction_pair']);
    expect(json(await call(ctx, w.pm, 'GET', `/projects/${w.projectId}/financials?asOf=2026-12-31`, undefined, 200)).evm.ac).toBe(before.evm.ac);
    await call(ctx, w.pm, 'POST', '/time-entries/approve', { ids: corr.items.map((e: { id: string }) => e.id) }, 200);
    const after = json(await call(ctx, w.pm, 'GET', `/projects/${w.projectId}/financials?asOf=2026-12-31`, undefined, 200));
    expect(after.evm.ac - before.evm.ac).toBe(-6000); // -300 min + 240 min at 60.00/h
    const audit = await sql<{ n: number }>`select count(*)::int as n from audit_log where action = 'corrected' and entity_id = ${sub.entries[0].id}`.execute(ctx.database.db);
    expect(audit.rows[0]!.n).toBe(1);
  });
});
