/**
 * Random and malformed bodies against every finance writing route (with real path ids): never a 5xx, always
 * problem+json, and a rejected request leaves every table exactly as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestApp, json, type TestContext } from '../helpers.js';
import { tableChecksums } from '../../src/db/backup.js';
import { buildWorld, fillPath, operations, type World } from '../api/route-fixtures.js';
import { buildFinanceWalkWorld, financeSampleBodies, fillFinancePath, type FinanceWorldIds } from './route-fixtures.js';

let ctx: TestContext;
let world: World;
let fw: FinanceWorldIds;
let writes: string[];
/** Table checksums without api_tokens and sessions, whose last-used times the authentication refreshes now and then. */
async function dataChecksums() {
  const { api_tokens: _t, sessions: _s, ...rest } = await tableChecksums(ctx.database.db);
  return rest;
}
beforeAll(async () => {
  ctx = await createTestApp();
  world = await buildWorld(ctx);
  fw = await buildFinanceWalkWorld(ctx, world);
  const bodies = financeSampleBodies(fw);
  writes = operations(ctx.app.swagger() as never).filter((o) => o in bodies);
});
afterAll(async () => ctx.close());

const RUNS = Number(process.env.PMO_PROPERTY_RUNS ?? 10);
const nasty = fc.oneof(
  fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.uuid(),
  fc.constantFrom('\u0000', '\ud800', 'x'.repeat(30_000), '1e309', '2026-02-30', '2026-13-01', '-1', '99999999999999999999', Number.MAX_SAFE_INTEGER, -1, 0, 1e308, -0),
  fc.array(fc.oneof(fc.uuid(), fc.integer(), fc.string()), { maxLength: 5 }),
);
const bodyArb = (sample: object | undefined) =>
  fc.oneof(
    fc.jsonValue(),
    fc.tuple(fc.constantFrom(...Object.keys(sample ?? { x: 1 }), 'unknownField'), nasty).map(([k, v]) => ({ ...(sample ?? {}), [k]: v })),
    // entries arrays with one nasty field
    fc.tuple(fc.constantFrom('projectId', 'date', 'minutes', 'taskId', 'id', 'comment'), nasty).map(([k, v]) => ({ entries: [{ projectId: fw.projectId, date: fw.weekStart, minutes: 60, [k]: v }] })),
  );

describe('finance bad input', () => {
  it('gives no 5xx and leaves the database unchanged when a request is rejected', async () => {
    expect(writes.length).toBeGreaterThan(20);
    const bodies = financeSampleBodies(fw);
    let baseline = await dataChecksums();
    for (const op of writes) {
      const [method, path] = op.split(' ') as ['POST' | 'PUT' | 'PATCH' | 'DELETE', string];
      await fc.assert(
        fc.asyncProperty(bodyArb(bodies[op]), fc.constantFrom('"1"', '"999"', 'garbage'), async (body, ifMatch) => {
          const res = await ctx.app.inject({ method, url: fillPath(fillFinancePath(path, fw), world, ctx.admin.id), headers: { ...ctx.admin.auth, 'if-match': ifMatch }, payload: body as object });
          expect({ op, status: res.statusCode, body: res.statusCode >= 500 ? res.body : '' }).toMatchObject({ op, body: '' });
          if (res.statusCode >= 400) {
            expect(res.headers['content-type']).toContain('application/problem+json');
            expect(typeof json(res).code).toBe('string');
            expect({ op, body, status: res.statusCode, tables: await dataChecksums() }).toEqual({ op, body, status: res.statusCode, tables: baseline });
          } else {
            baseline = await dataChecksums();
          }
        }),
        { numRuns: RUNS, seed: 7 },
      );
    }
  });
});
