/**
 * Levelling a role pool together with its holders' named work in the same run: a holder's named tasks take
 * their time out of the pool, so placeholders and named work never overbook the holders together.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProjectViaApi, createTestApp, type TestContext, type TestUser } from '../helpers.js';
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

interface Change { taskId: string; newStart: string; newFinish: string }
interface Preview { changes: Change[]; conflicts: { type: string; message: string }[]; load: { resources: { kind: string; id: string; overDaysAfter: number; overDaysBefore: number }[] } }

/** Working days (Monday-Friday) from `from` to `to` inclusive, as YYYY-MM-DD. */
function workdays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

describe('role pools and named holders in one run', () => {
  it("never books a pool's placeholders onto days its only holder spends on named work", async () => {
    const project = await createProjectViaApi(ctx, pm, { name: 'Pool and holder' });
    const role = await api.ok(api.post('/roles', { name: 'Solo Tester' }), 201);
    const ann = await api.person('Ann Solo');
    await api.ok(api.patch(`/people/${ann.id}/profile`, { roleIds: [role.id] }, 1));
    const named = await api.task(project.id, 'Named work', '2026-11-02T08:00', 3);
    const placeholder = await api.task(project.id, 'Placeholder work', '2026-11-02T08:00', 3);
    await api.assign(project.id, named.id, { personId: ann.id });
    await api.assign(project.id, placeholder.id, { roleId: role.id });

    const preview = await api.ok<Preview>(api.post('/leveling/preview', { projectIds: [project.id] }));
    // Ann is the pool: one of the two tasks has to wait for the other.
    expect(preview.changes).toHaveLength(1);
    const dates = new Map([[named.id, ['2026-11-02', '2026-11-04']], [placeholder.id, ['2026-11-02', '2026-11-04']]]);
    for (const c of preview.changes) dates.set(c.taskId, [c.newStart.slice(0, 10), c.newFinish.slice(0, 10)]);
    // Independent check: per working day, Ann's named work plus the pool's placeholders <= her one day.
    const perDay = new Map<string, number>();
    for (const [from, to] of dates.values()) for (const d of workdays(from!, to!)) perDay.set(d, (perDay.get(d) ?? 0) + 1);
    expect([...perDay.values()].every((v) => v <= 1)).toBe(true);
    expect(preview.conflicts).toEqual([]);
    // The pool's histogram counts the holder's named work: over before, not after.
    const pool = preview.load.resources.find((r) => r.kind === 'role' && r.id === role.id)!;
    expect(pool).toMatchObject({ overDaysBefore: 3, overDaysAfter: 0 });
  });

  it('lets the placeholders use what the other holders leave, and reports a named overload once', async () => {
    const project = await createProjectViaApi(ctx, pm, { name: 'Pool of two' });
    const role = await api.ok(api.post('/roles', { name: 'Duo Tester' }), 201);
    const bo = await api.person('Bo Duo');
    const cy = await api.person('Cy Duo');
    for (const p of [bo, cy]) await api.ok(api.patch(`/people/${p.id}/profile`, { roleIds: [role.id] }, 1));
    const named = await api.task(project.id, 'Bo named', '2026-11-02T08:00', 2);
    const placeholder = await api.task(project.id, 'Duo placeholder', '2026-11-02T08:00', 2);
    const twice = await api.task(project.id, 'Too big for Bo', '2026-11-16T08:00', 1);
    await api.assign(project.id, named.id, { personId: bo.id });
    await api.assign(project.id, placeholder.id, { roleId: role.id });
    await api.assign(project.id, twice.id, { personId: bo.id }, 300);

    const preview = await api.ok<Preview>(api.post('/leveling/preview', { projectIds: [project.id] }));
    // Cy is free: the placeholder runs beside Bo's named work, nothing moves.
    expect(preview.changes).toEqual([]);
    // 300 % of Bo is more than Bo and more than the pool of two: reported once, for Bo.
    expect(preview.conflicts.map((c) => c.type)).toEqual(['demand-exceeds-capacity']);
    expect(preview.conflicts[0]!.message).toContain('Bo Duo');
  });
});
