/**
 * The route walk of test/api/route-permissions.test.ts, for the finance routes: 401 without credentials,
 * 403/404 (and no leak) for a member without rights, stakeholders read project finance but never write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestContext } from '../helpers.js';
import { buildWorld, fillPath, operations, type World } from '../api/route-fixtures.js';
import { buildFinanceWalkWorld, FINANCE_OPEN_TO_ALL, financeSampleBodies, fillFinancePath, type FinanceWorldIds } from './route-fixtures.js';

let ctx: TestContext;
let world: World;
let fw: FinanceWorldIds;
let ops: string[];
beforeAll(async () => {
  ctx = await createTestApp();
  world = await buildWorld(ctx);
  fw = await buildFinanceWalkWorld(ctx, world);
  // The finance routes: those with a finance sample body, and finance reads. That every writing route of the API has
  // a sample body somewhere is checked by the full walk (test/api/route-permissions.test.ts).
  const bodies = financeSampleBodies(fw);
  ops = operations(ctx.app.swagger() as never).filter((o) => o in bodies || isFinanceGet(o));
});
afterAll(async () => ctx.close());

const FINANCE_PATHS = /\/(timesheets|time-entries|approvals|rates|exchange-rates|finance|clients|invoices|budget-versions|financials|expenses|receipts|billing-milestones|reports)\b|\/(projects|programs|portfolios)\/\{id\}\/(finance-settings|task-costs|expenses|budget|financials|billing-milestones)/;
function isFinanceGet(op: string) {
  return op.startsWith('GET ') && FINANCE_PATHS.test(op);
}

const call = (op: string, headers: Record<string, string>) => {
  const [method, path] = op.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', string];
  const payload = financeSampleBodies(fw)[op];
  return ctx.app.inject({ method, url: fillPath(fillFinancePath(path, fw), world, ctx.admin.id), headers: { ...headers, ...(method === 'PATCH' || method === 'DELETE' ? { 'if-match': '"1"' } : {}) }, ...(payload ? { payload } : {}) });
};

describe('finance route permissions', () => {
  it('walks the finance routes, every finance sample body on a route of the API', () => {
    expect(ops.length).toBeGreaterThan(30);
    const all = new Set(operations(ctx.app.swagger() as never));
    expect(Object.keys(financeSampleBodies(fw)).filter((o) => !all.has(o))).toEqual([]);
  });

  it('answers 401 without credentials', async () => {
    for (const op of ops) {
      const res = await call(op, {});
      expect({ op, status: res.statusCode }).toEqual({ op, status: 401 });
    }
  });

  it('answers 403 or 404 to a member without rights and never leaks the project', async () => {
    for (const op of ops.filter((o) => !FINANCE_OPEN_TO_ALL.has(o))) {
      const res = await call(op, world.outsider.auth);
      expect({ op, status: res.statusCode, ok: [403, 404].includes(res.statusCode) }).toMatchObject({ op, ok: true });
      expect(res.body).not.toContain(world.projectName);
    }
    for (const op of FINANCE_OPEN_TO_ALL) {
      const res = await call(op, world.outsider.auth);
      expect({ op, status: res.statusCode }).toEqual({ op, status: 200 });
      expect(res.body).not.toContain(world.projectName);
      if (op.includes('invoices') || op.includes('approvals')) expect(json(res).items).toEqual([]);
    }
  });

  it('lets a stakeholder read project finance but refuses every write with 403', async () => {
    for (const op of ops.filter((o) => o.includes('/projects/{id}/'))) {
      const res = await call(op, world.stakeholder.auth);
      expect({ op, status: res.statusCode }).toEqual({ op, status: op.startsWith('GET ') ? 200 : 403 });
    }
  });
});
