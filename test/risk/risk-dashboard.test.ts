/**
 * The portfolio risk dashboard and the exposure trend through the API: each exposure counted once across
 * escalation links, the SQL aggregates equal to the domain functions on the same risks for every view,
 * grouping and basis (also after the matrix changes), and daily snapshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestContext, type TestUser } from '../helpers.js';
import { binRiskHeatMap, rollUpRiskExposure, selectCountedRisks, selectTopRisks, type RiskEntry, type RiskMatrix } from '../../src/domain/risk/index.js';
import { createPrng } from '../../src/domain/random/index.js';
import { rebuildRiskTotalsIn } from '../../src/modules/risk/risk-totals.service.js';
import { totalsStale } from '../../src/modules/risk/risk-totals.repo.js';

let ctx: TestContext;
let pmo: TestUser;
const req = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method, url: `/api/v1${url}`, headers: { ...pmo.auth, ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });
const ok = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) => {
  const res = await req(method, url, payload, headers);
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return json(res);
};

beforeAll(async () => {
  ctx = await createTestApp();
  pmo = await ctx.user('pmo');
});
afterAll(async () => ctx.close());

type Dash = { riskCount: number; openCount: number; countedCount: number; carriedCount: number; exposure: Array<{ key: string | null; threatEmvCents: number; riskCount: number }>; topRisks: Array<{ id: string }> };

describe('each exposure counts once', () => {
  it('an escalated project risk is carried by the enterprise risk it is linked to, in every view that holds both', async () => {
    const pf = (await ok('POST', '/portfolios', { name: 'Once' })).id;
    const prog = (await ok('POST', '/programs', { portfolioId: pf, name: 'Once program' })).id;
    const project = (await ok('POST', '/projects', { name: 'Once project', portfolioId: pf, programId: prog })).id;
    // P4 -> 0.6 x 1,000,000 = 600,000 cents of EMV.
    const a = await ok('POST', `/projects/${project}/risks`, { title: 'Supplier insolvency', category: 'supply', costImpactCents: 1_000_000, inherent: { probabilityLevel: 4, impacts: { cost: 4 } } });
    const b = await ok('POST', `/projects/${project}/risks`, { title: 'Minor', category: 'supply', costImpactCents: 100_000, inherent: { probabilityLevel: 1, impacts: { cost: 1 } } });
    const before = (await ok('GET', '/risk-dashboard?groupBy=level')) as Dash;
    const total = (d: Dash) => d.exposure.reduce((s, g) => s + g.threatEmvCents, 0);
    expect(total(before)).toBe(605_000);

    const escalated = await ok('POST', `/risks/${a.id}/escalate`, { level: 'enterprise', title: 'Supply-chain insolvency' });
    const entId = escalated.escalatedTo.id;
    const all = (await ok('GET', '/risk-dashboard?groupBy=level')) as Dash;
    expect(total(all)).toBe(605_000); // not 1,205,000: the enterprise risk carries the project risk's exposure
    expect([all.riskCount, all.openCount, all.countedCount, all.carriedCount]).toEqual([3, 3, 2, 1]);
    expect(all.exposure.map((g) => [g.key, g.threatEmvCents, g.riskCount])).toEqual([['enterprise', 600_000, 1], ['project', 5_000, 1]]);
    expect(all.topRisks.map((t) => t.id)).toEqual([entId, b.id]);

    // A portfolio view does not hold the enterprise risk: there the project risk counts.
    const inPortfolio = (await ok('GET', `/risk-dashboard?portfolioId=${pf}&groupBy=project`)) as Dash;
    expect([inPortfolio.riskCount, inPortfolio.countedCount, inPortfolio.carriedCount, total(inPortfolio)]).toEqual([2, 2, 0, 605_000]);

    // Closing the enterprise risk hands the exposure back to the project risk.
    const ent = await ok('GET', `/risks/${entId}`);
    await ok('PATCH', `/risks/${entId}`, { status: 'closed' }, { 'if-match': `"${ent.version}"` });
    const closed = (await ok('GET', '/risk-dashboard?groupBy=level')) as Dash;
    expect([closed.countedCount, closed.carriedCount, total(closed)]).toEqual([2, 0, 605_000]);
    expect(closed.exposure.map((g) => g.key)).toEqual(['project']);
  });
});

describe('exposure trend', () => {
  it('keeps one snapshot per day and view, takes today on the first view, and rewrites a day when asked again', async () => {
    const admin = ctx.admin;
    const pf = (await ok('POST', '/portfolios', { name: 'Trend' })).id;
    const project = (await ok('POST', '/projects', { name: 'Trend project', portfolioId: pf })).id;
    await ok('POST', `/projects/${project}/risks`, { title: 'Old risk', category: 'people', costImpactCents: 200_000, inherent: { probabilityLevel: 2, impacts: { cost: 2 } } });
    const first = await ok('POST', '/risk-exposure/snapshots', { asOf: '2026-01-05' });
    expect(first.asOf).toBe('2026-01-05');
    const again = await ok('POST', '/risk-exposure/snapshots', { asOf: '2026-01-05' });
    expect(again.rows).toBe(first.rows);
    await ok('POST', `/projects/${project}/risks`, { title: 'New risk', category: 'people', costImpactCents: 1_000_000, inherent: { probabilityLevel: 5, impacts: { cost: 5 } } });

    const trend = await ok('GET', `/risk-exposure/trend?portfolioId=${pf}&from=2026-01-01`);
    expect(trend).toMatchObject({ scope: 'portfolio', scopeId: pf, basis: 'residual' });
    expect(trend.points.map((p: { asOf: string; netExposureCents: number; countedCount: number }) => [p.asOf, p.netExposureCents, p.countedCount])).toEqual([
      ['2026-01-05', 40_000, 1],
      [new Date().toISOString().slice(0, 10), 890_000, 2],
    ]);
    const dash = await ok('GET', `/risk-dashboard?portfolioId=${pf}`);
    expect(trend.points[1]).toMatchObject({ riskCount: dash.riskCount, openCount: dash.openCount, threatEmvCents: 890_000, ratingCounts: { low: 1, medium: 0, high: 0, critical: 1 } });
    const org = await ok('GET', '/risk-exposure/trend?from=2026-01-01&basis=inherent');
    expect(org.scope).toBe('all');
    expect(org.points.length).toBe(2);

    // Only portfolio editors take snapshots; members do not see the dashboard or the trend.
    const member = await ctx.user('member');
    const finance = await ctx.user('finance');
    const as = (u: TestUser, method: 'GET' | 'POST', url: string, payload?: object) => ctx.app.inject({ method, url: `/api/v1${url}`, headers: u.auth, ...(payload ? { payload } : {}) });
    expect((await as(member, 'GET', '/risk-exposure/trend')).statusCode).toBe(403);
    expect((await as(finance, 'POST', '/risk-exposure/snapshots', {})).statusCode).toBe(403);
    expect((await as(admin, 'POST', '/risk-exposure/snapshots', { asOf: '2026-13-01' })).statusCode).toBe(400);
  });
});

/** A risk as the API lists it, mapped to the domain entry (effective program and portfolio, escalation link). */
type ApiRisk = { id: string; level: RiskEntry['level']; projectId: string | null; programId: string | null; portfolioId: string | null; kind: RiskEntry['kind']; category: string; status: RiskEntry['status']; inherent: RiskEntry['inherent']; residual: RiskEntry['residual']; costImpactCents: number | null; escalatedTo: { id: string } | null; title: string };
const toEntry = (r: ApiRisk): RiskEntry => ({ id: r.id, level: r.level, projectId: r.projectId, programId: r.programId, portfolioId: r.portfolioId, kind: r.kind, title: r.title, category: r.category, status: r.status, inherent: r.inherent, residual: r.residual, costImpactCents: r.costImpactCents, escalatedToRiskId: r.escalatedTo?.id ?? null });

describe('the SQL aggregates equal the domain functions', () => {
  let pfs: string[] = [];
  let progs: string[] = [];

  beforeAll(async () => {
    // Build the totals now, so every write below goes through the incremental (delta) path.
    await ok('GET', '/risk-dashboard');
    expect(await totalsStale(ctx.database.db)).toBe(false);
    const rng = createPrng(808);
    pfs = [(await ok('POST', '/portfolios', { name: 'Eq A' })).id, (await ok('POST', '/portfolios', { name: 'Eq B' })).id];
    progs = [(await ok('POST', '/programs', { portfolioId: pfs[0], name: 'Eq A1' })).id, (await ok('POST', '/programs', { portfolioId: pfs[1], name: 'Eq B1' })).id];
    const projects = [
      (await ok('POST', '/projects', { name: 'Eq p1', portfolioId: pfs[0], programId: progs[0] })).id,
      (await ok('POST', '/projects', { name: 'Eq p2', portfolioId: pfs[0] })).id,
      (await ok('POST', '/projects', { name: 'Eq p3', portfolioId: pfs[1], programId: progs[1] })).id,
    ];
    const lvl = () => 1 + rng.nextInt(5);
    const body = (title: string) => {
      const kind = rng.nextInt(5) === 0 ? 'opportunity' : 'threat';
      return {
        title, kind, category: ['technical', 'supply', 'people'][rng.nextInt(3)], status: ['open', 'open', 'monitoring', 'occurred', 'closed'][rng.nextInt(5)],
        costImpactCents: rng.nextInt(4) === 0 ? null : (1 + rng.nextInt(90)) * 10_000,
        inherent: { probabilityLevel: lvl(), ...(rng.nextInt(3) === 0 ? { probability: Math.round(rng.nextFloat() * 100) / 100 } : {}), impacts: { cost: lvl(), schedule: lvl() } },
        residual: rng.nextInt(3) === 0 ? null : { probabilityLevel: lvl(), impacts: { quality: lvl() } },
      };
    };
    const created: string[] = [];
    for (let i = 0; i < 24; i++) created.push((await ok('POST', `/projects/${projects[i % 3]}/risks`, body(`r${i}`))).id);
    const progRisk = (await ok('POST', '/risks', { ...body('program risk'), status: 'open', level: 'program', programId: progs[0] })).id;
    const pfRisk = (await ok('POST', '/risks', { ...body('portfolio risk'), status: 'open', level: 'portfolio', portfolioId: pfs[0] })).id;
    const ent = (await ok('POST', '/risks', { ...body('enterprise risk'), status: 'open', level: 'enterprise' })).id;
    const entClosed = (await ok('POST', '/risks', { ...body('closed enterprise risk'), status: 'closed', level: 'enterprise' })).id;
    // Chains: project -> program -> portfolio -> enterprise; project -> enterprise; project -> closed enterprise.
    await ok('POST', `/risks/${created[0]}/escalate`, { targetRiskId: progRisk });
    await ok('POST', `/risks/${created[3]}/escalate`, { targetRiskId: progRisk });
    await ok('POST', `/risks/${progRisk}/escalate`, { targetRiskId: pfRisk });
    await ok('POST', `/risks/${pfRisk}/escalate`, { targetRiskId: ent });
    await ok('POST', `/risks/${created[1]}/escalate`, { targetRiskId: ent });
    await ok('POST', `/risks/${created[2]}/escalate`, { targetRiskId: ent });
    await ok('POST', `/risks/${created[5]}/escalate`, { targetRiskId: entClosed });
    await ok('POST', `/risks/${created[4]}/escalate`, { targetRiskId: pfRisk });
    // Status changes above and below, an unlink and deletes (one with a risk escalated to it).
    const pfRow = await ok('GET', `/risks/${pfRisk}`);
    await ok('PATCH', `/risks/${pfRisk}`, { status: 'closed' }, { 'if-match': `"${pfRow.version}"` });
    const again = await ok('GET', `/risks/${pfRisk}`);
    await ok('PATCH', `/risks/${pfRisk}`, { status: 'monitoring', residual: { probabilityLevel: 5, impacts: { cost: 5 } } }, { 'if-match': `"${again.version}"` });
    const r2 = await ok('GET', `/risks/${created[2]}`);
    await ok('DELETE', `/risks/${created[2]}/escalation`, undefined, { 'if-match': `"${r2.version}"` });
    const r7 = await ok('GET', `/risks/${created[7]}`);
    expect((await req('DELETE', `/risks/${created[7]}`, undefined, { 'if-match': `"${r7.version}"` })).statusCode).toBe(204);
    const extra = (await ok('POST', '/risks', { ...body('doomed enterprise risk'), status: 'open', level: 'enterprise' })).id;
    await ok('POST', `/risks/${created[9]}/escalate`, { targetRiskId: extra });
    const ex = await ok('GET', `/risks/${extra}`);
    expect((await req('DELETE', `/risks/${extra}`, undefined, { 'if-match': `"${ex.version}"` })).statusCode).toBe(204);
    expect(await totalsStale(ctx.database.db)).toBe(false);
  });

  /** The totals the writes above kept up to date, as rows in a stable order. */
  const totalsRows = async () => ({
    scope: await ctx.database.db.selectFrom('risk_scope_totals').selectAll().orderBy('level').orderBy('category').orderBy('basis').orderBy('portfolio_id').orderBy('program_id').execute(),
    project: await ctx.database.db.selectFrom('risk_project_totals').selectAll().orderBy('project_id').orderBy('basis').execute(),
  });

  const check = async (matrix: RiskMatrix) => {
    const all = ((await ok('GET', '/risks?limit=1000')).items as ApiRisk[]).map(toEntry);
    const views: Array<Record<string, string>> = [{}, { portfolioId: pfs[0] }, { portfolioId: pfs[1] }, { programId: progs[0] }, { portfolioId: pfs[0], programId: progs[0] }];
    for (const view of views) {
      const inView = all.filter((r) => (!('portfolioId' in view) || r.portfolioId === view.portfolioId) && (!('programId' in view) || r.programId === view.programId));
      const counted = selectCountedRisks(inView, all);
      for (const basis of ['inherent', 'residual'] as const) {
        for (const groupBy of ['project', 'program', 'portfolio', 'category', 'level'] as const) {
          const q = new URLSearchParams({ ...view, basis, groupBy, top: '7' });
          const d = await ok('GET', `/risk-dashboard?${q}`);
          const label = JSON.stringify({ view, basis, groupBy });
          expect([d.riskCount, d.openCount, d.countedCount], label).toEqual([inView.length, inView.filter((r) => r.status !== 'closed').length, counted.length]);
          const whole = rollUpRiskExposure(matrix, counted, 'level', { basis }).reduce((a, g) => [a[0]! + g.threatEmvCents, a[1]! + g.opportunityEmvCents], [0, 0]);
          expect([d.threatEmvCents, d.opportunityEmvCents, d.netExposureCents], label).toEqual([whole[0], whole[1], whole[0]! - whole[1]!]);
          expect(d.heatMap.cells.map((c: { count: number }) => c.count), label).toEqual(binRiskHeatMap(matrix, counted, basis).cells.map((c) => c.count));
          const groups = rollUpRiskExposure(matrix, counted, groupBy, { basis });
          expect(d.exposure.map(({ name: _n, ...g }: { name: string }) => g), label).toEqual(groups);
          expect(d.topRisks.map((t: { id: string; score: number; emvCents: number }) => [t.id, t.score, t.emvCents]), label).toEqual(selectTopRisks(matrix, counted, 7, 'score', { basis }).map((t) => [t.risk.id, t.score, t.emvCents]));
        }
      }
    }
  };

  it('for every view, grouping and basis', async () => {
    await check((await ok('GET', '/risk-matrix')).matrix);
  });

  it('incremental totals equal totals rebuilt from scratch', async () => {
    const kept = await totalsRows();
    await ctx.database.db.transaction().execute((tx) => rebuildRiskTotalsIn(tx));
    const rebuilt = await totalsRows();
    const nonZero = (rows: Array<{ all_count: number }>) => rows.filter((r) => r.all_count !== 0);
    expect(nonZero(kept.scope)).toEqual(rebuilt.scope);
    expect(nonZero(kept.project)).toEqual(rebuilt.project);
  });

  it('after the matrix changes (stored figures are rescored in the same transaction)', async () => {
    const { matrix, version } = await ok('GET', '/risk-matrix');
    const next = {
      ...matrix,
      probabilityLevels: matrix.probabilityLevels.map((l: { probability?: number; minProbability: number; maxProbability: number }) => ({ ...l, probability: l.maxProbability })),
      bands: [{ rating: 'green', minScore: 1 }, { rating: 'amber', minScore: 8 }, { rating: 'red', minScore: 15 }],
    };
    const res = await ctx.app.inject({ method: 'PATCH', url: '/api/v1/risk-matrix', headers: ctx.admin.auth, payload: { matrix: next, version } });
    expect(res.statusCode).toBe(200);
    await check((await ok('GET', '/risk-matrix')).matrix);
  });
});
