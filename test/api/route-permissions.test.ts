/**
 * Walks every route of the OpenAPI document: unauthenticated requests get 401; a member without rights on
 * the project gets 403 (or 404 for a project they may not see) and never sees its data; a stakeholder
 * (read-only project role) can read the project but every write is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestContext } from '../helpers.js';
import { buildWorld, fillPath, operations, OPEN_TO_ALL as CORE_OPEN, PUBLIC, sampleBodies as coreBodies, type World } from './route-fixtures.js';
import { buildFinanceWalkWorld, FINANCE_OPEN_TO_ALL, financeSampleBodies, fillFinancePath, type FinanceWorldIds } from '../finance/route-fixtures.js';
import { buildResourcesWalkWorld, fillResourcesPath, RESOURCES_OPEN_TO_ALL, resourcesSampleBodies, type ResourcesWorldIds } from '../resources/route-fixtures.js';
import { buildRiskWalkWorld, fillRiskPath, RISK_OPEN_TO_ALL, riskSampleBodies, type RiskWalkIds } from '../risk/route-fixtures.js';

let ctx: TestContext;
let world: World;
let ops: string[];
let fw: FinanceWorldIds;
let rw: ResourcesWorldIds;
let kw: RiskWalkIds;
const OPEN_TO_ALL = new Set([...CORE_OPEN, ...FINANCE_OPEN_TO_ALL, ...RESOURCES_OPEN_TO_ALL, ...RISK_OPEN_TO_ALL]);
const sampleBodies = (w: World, other: string) => ({ ...coreBodies(w, other), ...financeSampleBodies(fw), ...resourcesSampleBodies(w), ...riskSampleBodies(kw) });
beforeAll(async () => {
  ctx = await createTestApp();
  world = await buildWorld(ctx);
  fw = await buildFinanceWalkWorld(ctx, world);
  rw = await buildResourcesWalkWorld(ctx, world);
  kw = await buildRiskWalkWorld(ctx, world);
  ops = operations(ctx.app.swagger() as never);
});
afterAll(async () => ctx.close());

const call = (op: string, headers: Record<string, string>, extra?: object) => {
  const [method, path] = op.split(' ') as ['GET' | 'POST' | 'PATCH' | 'DELETE', string];
  const bodies = sampleBodies(world, world.outsider.id);
  const payload = extra ?? bodies[op];
  return ctx.app.inject({ method, url: fillPath(fillRiskPath(fillResourcesPath(fillFinancePath(path, fw), rw), kw), world, ctx.admin.id), headers: { ...headers, ...(method === 'PATCH' || method === 'DELETE' ? { 'if-match': '"1"' } : {}) }, ...(payload ? { payload } : {}) });
};

describe('route permissions', () => {
  it('covers a known set of routes, each writing route with a sample body', () => {
    expect(ops.length).toBeGreaterThan(25);
    const bodies = sampleBodies(world, world.outsider.id);
    const writes = ops.filter((o) => !o.startsWith('GET '));
    expect(writes.filter((o) => !(o in bodies))).toEqual([]);
  });

  it('answers 401 to every non-public route without credentials', async () => {
    for (const op of ops.filter((o) => !PUBLIC.has(o))) {
      const res = await call(op, {});
      expect({ op, status: res.statusCode }).toEqual({ op, status: 401 });
      expect(json(res).code).toBe('unauthenticated');
    }
  });

  it('answers 403 or 404 to a member without rights, and never leaks the project', async () => {
    for (const op of ops.filter((o) => !OPEN_TO_ALL.has(o) && !PUBLIC.has(o))) {
      const res = await call(op, world.outsider.auth);
      expect({ op, ok: [403, 404].includes(res.statusCode) }).toEqual({ op, ok: true });
      expect(res.body).not.toContain(world.projectName);
      expect(res.body).not.toContain(world.taskName);
    }
  });

  it('does not list projects the member cannot see', async () => {
    const res = await call('GET /api/v1/projects', world.outsider.auth);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(world.projectName);
  });

  it('lets a stakeholder read the project but refuses every write on it with 403', async () => {
    const projectOps = ops.filter((o) => /\/(projects\/\{id\}|tasks\/\{id\}|links\/\{id\})/.test(o));
    for (const op of projectOps) {
      const res = await call(op, world.stakeholder.auth);
      if (op.startsWith('GET ')) {
        expect({ op, status: res.statusCode }).toEqual({ op, status: 200 });
      } else {
        expect({ op, status: res.statusCode }).toEqual({ op, status: 403 });
      }
    }
  });

  it('refuses admin-only routes to every other organisation role with 403', async () => {
    for (const role of ['pmo', 'portfolio_manager', 'finance', 'member'] as const) {
      const u = await ctx.user(role);
      for (const op of ops.filter((o) => o.includes('/users'))) {
        const res = await call(op, u.auth);
        expect({ role, op, status: res.statusCode }).toEqual({ role, op, status: 403 });
      }
    }
  });
});
