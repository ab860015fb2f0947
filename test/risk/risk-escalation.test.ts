/** Escalation to higher registers (many-to-one, cycles refused) and the portfolio dashboard counts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestContext, type TestUser } from '../helpers.js';
import { tableChecksums } from '../../src/db/backup.js';

let ctx: TestContext;
let pmo: TestUser;
let member: TestUser;
let portfolioId: string;
let programId: string;
let projectA: string;
let projectB: string;

const req = (as: TestUser, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method, url: `/api/v1${url}`, headers: { ...as.auth, ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });

const risk = (title: string, p: number, i: number, extra: object = {}) => ({ title, category: 'technical', inherent: { probabilityLevel: p, impacts: { cost: i } }, ...extra });

beforeAll(async () => {
  ctx = await createTestApp();
  pmo = await ctx.user('pmo');
  member = await ctx.user('member');
  portfolioId = json(await req(pmo, 'POST', '/portfolios', { name: 'Growth' })).id;
  programId = json(await req(pmo, 'POST', '/programs', { portfolioId, name: 'Platform' })).id;
  projectA = json(await req(pmo, 'POST', '/projects', { name: 'Alpha', portfolioId, programId })).id;
  projectB = json(await req(pmo, 'POST', '/projects', { name: 'Beta', portfolioId })).id;
  await req(pmo, 'POST', `/projects/${projectA}/members`, { userId: member.id, role: 'team_member' });
});
afterAll(async () => ctx.close());

describe('escalation', () => {
  it('links many project risks to one enterprise risk and creates targets on demand', async () => {
    const a = json(await req(pmo, 'POST', `/projects/${projectA}/risks`, risk('Key engineer leaves', 3, 4)));
    const b = json(await req(pmo, 'POST', `/projects/${projectB}/risks`, risk('Contractor shortage', 4, 3)));
    const esc = await req(pmo, 'POST', `/risks/${a.id}/escalate`, { level: 'enterprise', title: 'Talent shortage' });
    expect(esc.statusCode).toBe(200);
    const target = json(esc).escalatedTo;
    expect(target).toMatchObject({ level: 'enterprise', title: 'Talent shortage' });
    const linked = await req(pmo, 'POST', `/risks/${b.id}/escalate`, { targetRiskId: target.id });
    expect(json(linked).escalatedTo.id).toBe(target.id);
    const ent = json(await req(pmo, 'GET', `/risks/${target.id}`));
    expect(ent).toMatchObject({ level: 'enterprise', escalatedFromCount: 2, inherentScore: 12, projectId: null });
    const entList = json(await req(pmo, 'GET', '/risks?level=enterprise')).items;
    expect(entList.map((r: { id: string }) => r.id)).toEqual([target.id]);
    const audit = await ctx.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', a.id).orderBy('id').execute();
    expect(audit.map((x) => x.action)).toEqual(['created', 'escalated']);
  });

  it('escalates to the program and portfolio of the project', async () => {
    const a = json(await req(pmo, 'POST', `/projects/${projectA}/risks`, risk('API deprecation', 2, 2)));
    const toProgram = json(await req(pmo, 'POST', `/risks/${a.id}/escalate`, { level: 'program' }));
    const prog = json(await req(pmo, 'GET', `/risks/${toProgram.escalatedTo.id}`));
    expect(prog).toMatchObject({ level: 'program', programId, portfolioId, programName: 'Platform', portfolioName: 'Growth' });
    const toPortfolio = json(await req(pmo, 'POST', `/risks/${prog.id}/escalate`, { level: 'portfolio' }));
    expect(json(await req(pmo, 'GET', `/risks/${toPortfolio.escalatedTo.id}`))).toMatchObject({ level: 'portfolio', portfolioId, programId: null });
    const noProgram = json(await req(pmo, 'POST', `/projects/${projectB}/risks`, risk('No program', 2, 2)));
    expect((await req(pmo, 'POST', `/risks/${noProgram.id}/escalate`, { level: 'program' })).statusCode).toBe(422);
  });

  it('refuses cycles, downward links and second parents, writing nothing', async () => {
    const p = json(await req(pmo, 'POST', `/projects/${projectA}/risks`, risk('Low', 1, 1)));
    const prog = json(await req(pmo, 'POST', '/risks', risk('Program level', 2, 2, { level: 'program', programId })));
    const ent = json(await req(pmo, 'POST', '/risks', risk('Enterprise level', 2, 2, { level: 'enterprise' })));
    expect((await req(pmo, 'POST', `/risks/${p.id}/escalate`, { targetRiskId: prog.id })).statusCode).toBe(200);
    const before = await tableChecksums(ctx.database.db);
    const cycle = await req(pmo, 'POST', `/risks/${prog.id}/escalate`, { targetRiskId: p.id });
    expect(cycle.statusCode).toBe(422);
    expect(cycle.headers['content-type']).toContain('application/problem+json');
    expect(json(cycle).code).toBe('risk_escalation_cycle');
    const down = await req(pmo, 'POST', `/risks/${ent.id}/escalate`, { targetRiskId: prog.id });
    expect(json(down).code).toBe('risk_escalation_level');
    const self = await req(pmo, 'POST', `/risks/${prog.id}/escalate`, { targetRiskId: prog.id });
    expect(json(self).code).toBe('risk_escalation_cycle');
    const second = await req(pmo, 'POST', `/risks/${p.id}/escalate`, { targetRiskId: ent.id });
    expect(json(second).code).toBe('risk_already_escalated');
    expect((await req(pmo, 'POST', `/risks/${p.id}/escalate`, { targetRiskId: ent.id, level: 'enterprise' })).statusCode).toBe(400);
    expect(await tableChecksums(ctx.database.db)).toEqual(before);
  });

  it('removes an escalation link with If-Match, keeps the target and records it in the history', async () => {
    const a = json(await req(pmo, 'POST', `/projects/${projectA}/risks`, risk('Data centre outage', 2, 5)));
    const b = json(await req(pmo, 'POST', `/projects/${projectA}/risks`, risk('Cloud region outage', 2, 5)));
    const escalated = json(await req(pmo, 'POST', `/risks/${a.id}/escalate`, { level: 'enterprise', title: 'Hosting outage' }));
    const target = escalated.escalatedTo.id;
    await req(pmo, 'POST', `/risks/${b.id}/escalate`, { targetRiskId: target });
    expect(json(await req(pmo, 'GET', `/risks/${target}`)).escalatedFromCount).toBe(2);

    expect((await req(pmo, 'DELETE', `/risks/${a.id}/escalation`)).statusCode).toBe(428);
    const stale = await req(pmo, 'DELETE', `/risks/${a.id}/escalation`, undefined, { 'if-match': `"${escalated.version - 1}"` });
    expect([stale.statusCode, json(stale).code]).toEqual([409, 'version_conflict']);
    // A team member may change the project risk but not the enterprise register that now owns it.
    expect((await req(member, 'DELETE', `/risks/${a.id}/escalation`, undefined, { 'if-match': `"${escalated.version}"` })).statusCode).toBe(403);
    const unlinked = json(await req(pmo, 'DELETE', `/risks/${a.id}/escalation`, undefined, { 'if-match': `"${escalated.version}"` }));
    expect(unlinked).toMatchObject({ escalatedTo: null, version: escalated.version + 1 });
    expect(json(await req(pmo, 'GET', `/risks/${target}`))).toMatchObject({ escalatedFromCount: 1, title: 'Hosting outage' });
    const history = json(await req(pmo, 'GET', `/risks/${a.id}/history`)).items;
    expect(history[0]).toMatchObject({ action: 'de-escalated', changes: [{ field: 'escalatedToRiskId', from: target, to: null }] });
    const again = await req(pmo, 'DELETE', `/risks/${a.id}/escalation`, undefined, { 'if-match': `"${unlinked.version}"` });
    expect([again.statusCode, json(again).code]).toEqual([409, 'not_escalated']);
    const outsider = await ctx.user('member');
    expect((await req(outsider, 'DELETE', `/risks/${b.id}/escalation`, undefined, { 'if-match': '"2"' })).statusCode).toBe(404);
    // Unlinked, it can be escalated again.
    expect(json(await req(pmo, 'POST', `/risks/${a.id}/escalate`, { targetRiskId: target })).escalatedTo.id).toBe(target);
  });

  it('lets a team member record project risks but not create enterprise targets', async () => {
    const r = json(await req(member, 'POST', `/projects/${projectA}/risks`, risk('Member risk', 2, 2)));
    expect(r.canEdit).toBe(true);
    expect((await req(member, 'POST', `/risks/${r.id}/escalate`, { level: 'enterprise' })).statusCode).toBe(403);
    expect((await req(member, 'POST', '/risks', risk('x', 1, 1, { level: 'enterprise' }))).statusCode).toBe(403);
  });
});

describe('portfolio dashboard', () => {
  it('counts risks per heat-map cell, rolls exposure up and ranks the top risks', async () => {
    const ctx2 = await createTestApp();
    try {
      const u = await ctx2.user('pmo');
      const r2 = (method: 'GET' | 'POST', url: string, payload?: unknown) => ctx2.app.inject({ method, url: `/api/v1${url}`, headers: u.auth, ...(payload ? { payload: payload as object } : {}) });
      const pf = json(await r2('POST', '/portfolios', { name: 'P1' })).id;
      const other = json(await r2('POST', '/portfolios', { name: 'P2' })).id;
      const x = json(await r2('POST', '/projects', { name: 'X', portfolioId: pf })).id;
      const y = json(await r2('POST', '/projects', { name: 'Y', portfolioId: pf })).id;
      const z = json(await r2('POST', '/projects', { name: 'Z', portfolioId: other })).id;
      const mk = (pid: string, title: string, p: number, i: number, extra: object = {}) => r2('POST', `/projects/${pid}/risks`, risk(title, p, i, extra));
      await mk(x, 'x1', 5, 5, { costImpactCents: 1_000_000 });
      await mk(x, 'x2', 5, 5);
      await mk(x, 'x3', 1, 2);
      await mk(y, 'y1', 3, 4, { category: 'commercial' });
      await mk(y, 'y-closed', 5, 5, { status: 'closed' });
      await mk(z, 'z1', 5, 5);
      const d = await r2('GET', `/risk-dashboard?portfolioId=${pf}&groupBy=project&top=3`);
      expect(d.statusCode).toBe(200);
      const dash = json(d);
      expect(dash.riskCount).toBe(5);
      expect(dash.openCount).toBe(4);
      const cell = (p: number, i: number) => dash.heatMap.cells.find((c: { probabilityLevel: number; impactLevel: number }) => c.probabilityLevel === p && c.impactLevel === i);
      expect(cell(5, 5).count).toBe(2);
      expect(cell(1, 2).count).toBe(1);
      expect(cell(3, 4).count).toBe(1);
      expect(dash.heatMap.cells.reduce((s: number, c: { count: number }) => s + c.count, 0)).toBe(4);
      expect(dash.exposure.map((g: { name: string; riskCount: number }) => [g.name, g.riskCount])).toEqual([['X', 3], ['Y', 1]]);
      expect(dash.exposure[0].threatEmvCents).toBe(850_000);
      expect(dash.topRisks.map((t: { title: string }) => t.title)).toEqual(['x1', 'x2', 'y1']);
      const byCat = json(await r2('GET', `/risk-dashboard?portfolioId=${pf}&groupBy=category`));
      expect(byCat.exposure.map((g: { key: string; riskCount: number }) => [g.key, g.riskCount]).sort()).toEqual([['commercial', 1], ['technical', 3]]);
      const all = json(await r2('GET', '/risk-dashboard?groupBy=portfolio'));
      expect(all.exposure.map((g: { name: string; riskCount: number }) => [g.name, g.riskCount]).sort()).toEqual([['P1', 4], ['P2', 1]]);
      const limited = json(await r2('GET', `/risk-dashboard?portfolioId=${pf}&groupLimit=1`));
      expect([limited.groupCount, limited.exposure.length, limited.exposure[0].name]).toEqual([2, 1, 'X']);

      // Nothing is cached: a change to a risk, or a project moving to another portfolio, shows on the next view.
      const x1 = json(await r2('GET', `/projects/${x}/risks`)).items.find((r: { title: string }) => r.title === 'x1');
      expect((await ctx2.app.inject({ method: 'PATCH', url: `/api/v1/risks/${x1.id}`, headers: { ...u.auth, 'if-match': `"${x1.version}"` }, payload: { status: 'closed' } })).statusCode).toBe(200);
      const after = json(await r2('GET', `/risk-dashboard?portfolioId=${pf}&groupBy=project&top=3`));
      expect([after.riskCount, after.openCount]).toEqual([5, 3]);
      expect(after.topRisks.map((t: { title: string }) => t.title)).toEqual(['x2', 'y1', 'x3']);
      expect((await ctx2.app.inject({ method: 'PATCH', url: `/api/v1/projects/${z}`, headers: { ...u.auth, 'if-match': '"1"' }, payload: { portfolioId: pf } })).statusCode).toBe(200);
      expect(json(await r2('GET', `/risk-dashboard?portfolioId=${pf}&groupBy=project&top=3`)).riskCount).toBe(6);
    } finally {
      await ctx2.close();
    }
  });
});
