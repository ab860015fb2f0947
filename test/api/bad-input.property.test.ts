/**
 * Random and malformed bodies against every writing route: never a 5xx, always problem+json, and a
 * rejected request leaves every table exactly as it was (row counts and content checksums).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestApp, json, type TestContext } from '../helpers.js';
import { tableChecksums } from '../../src/db/backup.js';
import { buildWorld, fillPath as fillCorePath, operations, sampleBodies as coreBodies, type World } from './route-fixtures.js';
import { buildResourcesWalkWorld, fillResourcesPath, resourcesSampleBodies, type ResourcesWorldIds } from '../resources/route-fixtures.js';
import { buildRiskWalkWorld, fillRiskPath, riskSampleBodies, type RiskWalkIds } from '../risk/route-fixtures.js';

let ctx: TestContext;
let world: World;
let writes: string[];
let rw: ResourcesWorldIds;
let kw: RiskWalkIds;
const sampleBodies = (w: World, other: string) => ({ ...coreBodies(w, other), ...resourcesSampleBodies(w), ...riskSampleBodies(kw) });
const fillPath = (path: string, w: World, adminId: string) => fillCorePath(fillRiskPath(fillResourcesPath(path, rw), kw), w, adminId);
beforeAll(async () => {
  ctx = await createTestApp();
  world = await buildWorld(ctx);
  rw = await buildResourcesWalkWorld(ctx, world);
  kw = await buildRiskWalkWorld(ctx, world);
  // Logout and password changes would end the admin's test session; they have their own tests.
  writes = operations(ctx.app.swagger() as never).filter((o) => !o.startsWith('GET ') && !o.includes('/auth/logout'));
});
afterAll(async () => ctx.close());

const RUNS = Number(process.env.PMO_PROPERTY_RUNS ?? 12);

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', '\u202e', 'x'.repeat(30_000), '💥'.repeat(200), ' ', '', '1e309', 'null', '<script>', "'; drop table users; --"),
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 0, 1e308, -0),
  fc.boolean(),
  fc.constant(null),
  fc.uuid(),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);
const bodyArb = (sample: object | undefined) =>
  fc.oneof(
    fc.jsonValue(),
    fc.dictionary(fc.string({ maxLength: 12 }), nasty, { maxKeys: 6 }),
    // The valid sample with one field replaced or an unknown field added.
    fc.tuple(fc.constantFrom(...Object.keys(sample ?? { x: 1 }), 'unknownField'), nasty).map(([k, v]) => ({ ...(sample ?? {}), [k]: v })),
  );

describe('bad input never breaks the server or the data', () => {
  it('rejects malformed JSON, wrong content types and oversized bodies with 4xx problem+json', async () => {
    const url = '/api/v1/portfolios';
    const cases = [
      { payload: '{"name": ', headers: { 'content-type': 'application/json' } },
      { payload: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      { payload: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }), headers: { 'content-type': 'application/json' } },
    ];
    for (const c of cases) {
      const res = await ctx.app.inject({ method: 'POST', url, headers: { ...ctx.admin.auth, ...c.headers }, payload: c.payload });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const badIds = ['/api/v1/projects/not-a-uuid', '/api/v1/projects/00000000-0000-0000-0000-000000000000', `/api/v1/projects/${'9'.repeat(300)}`];
    for (const u of badIds) {
      const res = await ctx.app.inject({ method: 'GET', url: u, headers: ctx.admin.auth });
      expect([400, 404, 414]).toContain(res.statusCode);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('every writing route: random bodies give no 5xx and leave the database unchanged when rejected', async () => {
    const bodies = sampleBodies(world, world.outsider.id);
    // Authentication bookkeeping (a token's last use, refreshed once a minute) is not the request's data.
    const dataChecksums = async () => {
      const { api_tokens: _t, sessions: _s, ...rest } = await tableChecksums(ctx.database.db);
      return rest;
    };
    let baseline = await dataChecksums();
    for (const op of writes) {
      const [method, path] = op.split(' ') as ['POST' | 'PATCH' | 'DELETE', string];
      await fc.assert(
        fc.asyncProperty(bodyArb(bodies[op]), fc.constantFrom('"1"', '"999"', 'garbage'), async (body, ifMatch) => {
          const res = await ctx.app.inject({ method, url: fillPath(path, world, ctx.admin.id), headers: { ...ctx.admin.auth, 'if-match': ifMatch }, payload: body as object });
          expect({ op, status: res.statusCode < 500 }).toEqual({ op, status: true });
          if (res.statusCode >= 400) {
            expect(res.headers['content-type']).toContain('application/problem+json');
            expect(typeof json(res).code).toBe('string');
            expect(await dataChecksums()).toEqual(baseline);
          } else {
            baseline = await dataChecksums();
          }
        }),
        { numRuns: RUNS, seed: 42 },
      );
    }
    // Every writing route times RUNS requests, each followed by a checksum of every table: minutes on a busy
    // 2-core machine, and more as routes are added. The limit guards against a hang, not a speed.
  }, 600_000);
});
