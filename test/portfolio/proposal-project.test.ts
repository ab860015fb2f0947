/**
 * A proposal becomes a project through the API on the real database: automatically when a go decision moves it
 * into its lifecycle's project stage, or by the explicit "create project" action; project, draft budget from the
 * business case, copies of its strategic objective links (counted once in the objective roll-up), link and audit
 * rows in one transaction, and refusals that leave nothing half-written.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestContext, type TestUser } from '../helpers.js';

let ctx: TestContext;
let pmo: TestUser;
let fin: TestUser;
let member: TestUser;
let portfolioA = '';
let portfolioB = '';
let programB = '';
let lifecycleId = '';

const call = (as: TestUser, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method, url: `/api/v1${url}`, headers: { ...as.auth, ...headers }, ...(payload ? { payload } : {}) });
const ifMatch = (v: number) => ({ 'if-match': `"${v}"` });
const count = async (table: 'projects' | 'budget_versions' | 'audit_log' | 'objective_links') => Number((await ctx.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

/** A short lifecycle whose gate needs nothing, so the test is about the conversion, not the gate's criteria. */
const FAST = (projectStage?: string | null) => ({
  stages: [{ key: 'intake', name: 'Intake' }, { key: 'approved', name: 'Approved' }, { key: 'delivery', name: 'Delivery' }],
  gates: [
    { key: 'decide', name: 'Investment decision', from: 'intake', to: 'approved', criteria: [], approvals: [] },
    { key: 'deliver', name: 'Deliver', from: 'approved', to: 'delivery', criteria: [], approvals: [] },
  ],
  ...(projectStage !== undefined ? { projectStage } : {}),
});

const proposalBody = (name: string, over: object = {}) => ({
  name,
  description: `${name}: why and what`,
  lifecycleId,
  periodsPerYear: 4,
  startDate: '2027-04-01',
  capexCents: [300_001, 0, 90_000],
  opexCents: [0, 12_000],
  benefits: [{ category: 'savings', amountsCents: [0, 0, 500_000], probability: 0.8 }],
  demand: { developer: [20, 30, 0, 0] },
  ...over,
});

async function goThroughGate(as: TestUser, proposalId: string) {
  const review = json(await call(as, 'POST', `/portfolio/proposals/${proposalId}/gate-reviews`));
  return call(as, 'POST', `/gate-reviews/${review.id}/decision`, { decision: 'go', comment: '' }, ifMatch(review.version));
}

beforeAll(async () => {
  ctx = await createTestApp();
  pmo = await ctx.user('pmo', 'conv-pmo');
  fin = await ctx.user('finance', 'conv-fin');
  member = await ctx.user('member', 'conv-member');
  portfolioA = json(await call(ctx.admin, 'POST', '/portfolios', { name: 'Operations' })).id;
  lifecycleId = json(await call(pmo, 'POST', '/lifecycles', { key: 'fast', name: 'Fast track', definition: FAST() })).id;
});
afterAll(async () => ctx.close());

describe('the go decision into the project stage creates the project', () => {
  it('shows the stage and that the next gate creates the project', async () => {
    const lc = json(await call(member, 'GET', `/lifecycles/${lifecycleId}`));
    expect(lc.projectStage).toBe('approved');
    const p = json(await call(pmo, 'POST', '/portfolio/proposals', proposalBody('Gate preview')));
    const g = json(await call(pmo, 'GET', `/portfolio/proposals/${p.id}/gates`));
    expect(g.lifecycle.projectStage).toBe('approved');
    expect(g.nextGate).toMatchObject({ key: 'decide', createsProject: true });
  });

  it('with one portfolio: project, dates, draft budget from the business case, link and audit rows', async () => {
    const p = json(await call(pmo, 'POST', '/portfolio/proposals', proposalBody('Customer portal')));
    const lastAudit = (await ctx.database.db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m;
    const go = await goThroughGate(pmo, p.id);
    expect(go.statusCode).toBe(200);
    const after = json(await call(pmo, 'GET', `/portfolio/proposals/${p.id}`));
    expect(after).toMatchObject({ stage: 'approved', portfolioId: portfolioA, programId: null });
    expect(after.project).toMatchObject({ id: after.projectId, name: 'Customer portal' });
    expect(after.project.code).toMatch(/^PRJ-/);
    const project = json(await call(pmo, 'GET', `/projects/${after.projectId}`));
    // Quarterly case from 2027-04-01: work in quarters 1-2, capex in quarters 1 and 3 -> finish at the end of Q3.
    expect(project).toMatchObject({ name: 'Customer portal', description: 'Customer portal: why and what', portfolioId: portfolioA, stage: 'approved', lifecycleId, startDate: '2027-04-01', finishDate: '2027-12-31' });
    const budget = json(await call(fin, 'GET', `/projects/${after.projectId}/budget`));
    expect(budget.versions).toHaveLength(1);
    expect(budget.versions[0]).toMatchObject({ kind: 'original', status: 'draft', note: 'From the business case of the proposal "Customer portal"' });
    const lines = budget.versions[0].lines as { month: string; expenditure: string; amountMinor: number }[];
    expect(lines.filter((l) => l.expenditure === 'capex').map((l) => [l.month, l.amountMinor])).toEqual([['2027-04', 100_001], ['2027-05', 100_000], ['2027-06', 100_000], ['2027-10', 30_000], ['2027-11', 30_000], ['2027-12', 30_000]]);
    expect(lines.filter((l) => l.expenditure === 'opex').reduce((s, l) => s + l.amountMinor, 0)).toBe(12_000);
    const audit = await ctx.database.db.selectFrom('audit_log').select(['entity_type', 'action', 'entity_id', 'after']).where('id', '>', String(lastAudit)).orderBy('id').execute();
    const kinds = audit.map((a) => `${a.entity_type}.${a.action}`);
    expect(kinds).toEqual(expect.arrayContaining(['project.created', 'budget_version.created', 'proposal.updated', 'gate_review.decided']));
    const proposalAudit = audit.find((a) => a.entity_type === 'proposal')!;
    expect(proposalAudit.after).toMatchObject({ projectId: after.projectId, stage: 'approved', decision: 'go' });
  });

  it('does not create a second project when the proposal goes on, or when it was linked by hand', async () => {
    const p = json(await call(pmo, 'POST', '/portfolio/proposals', proposalBody('Linked by hand')));
    const first = await goThroughGate(pmo, p.id);
    expect(first.statusCode).toBe(200);
    const projects = await count('projects');
    expect((await goThroughGate(pmo, p.id)).statusCode).toBe(200);
    expect(json(await call(pmo, 'GET', `/portfolio/proposals/${p.id}`)).stage).toBe('delivery');
    expect(await count('projects')).toBe(projects);
    const existing = json(await call(pmo, 'GET', `/portfolio/proposals/${p.id}`)).projectId;
    const byHand = json(await call(pmo, 'POST', '/portfolio/proposals', proposalBody('Linked by hand 2', { projectId: existing })));
    expect(json(await call(pmo, 'GET', `/portfolio/proposals/${byHand.id}/gates`)).nextGate.createsProject).toBe(false);
    expect((await goThroughGate(pmo, byHand.id)).statusCode).toBe(200);
    expect(await count('projects')).toBe(projects);
    expect(json(await call(pmo, 'GET', `/portfolio/proposals/${byHand.id}`))).toMatchObject({ stage: 'approved', projectId: existing });
  });

  it('several portfolios and none chosen: the decision is refused whole, nothing is written', async () => {
    portfolioB = json(await call(ctx.admin, 'POST', '/portfolios', { name: 'Growth' })).id;
    programB = json(await call(ctx.admin, 'POST', '/programs', { portfolioId: portfolioB, name: 'Digital' })).id;
    const p = json(await call(pmo, 'POST', '/portfolio/proposals', proposalBody('Homeless idea')));
    const review = json(await call(pmo, 'POST', `/portfolio/proposals/${p.id}/gate-reviews`));
    const before = { projects: await count('projects'), budgets: await count('budget_versions'), audit: await count('audit_log'), links: await count('objective_links') };
    const res = await call(pmo, 'POST', `/gate-reviews/${review.id}/decision`, { decision: 'go', comment: '' }, ifMatch(review.version));
    expect(res.statusCode).toBe(422);
    expect(json(res)).toMatchObject({ code: 'portfolio_required' });
    expect(json(res).detail).toContain('Homeless idea');
    expect({ projects: await count('projects'), budgets: await count('budget_versions'), audit: await count('audit_log'), links: await count('objective_links') }).toEqual(before);
    expect(json(await call(pmo, 'GET', `/portfolio/proposals/${p.id}`))).toMatchObject({ stage: 'intake', projectId: null });
    expect(json(await call(pmo, 'GET', `/gate-reviews/${review.id}`)).status).toBe('open');
    // Choosing a program sets its portfolio; the decision then goes through and the project lands in the program.
    const set = await call(pmo, 'PATCH', `/portfolio/proposals/${p.id}`, { programId: programB }, ifMatch(p.version));
    expect(json(set)).toMatchObject({ programId: programB, portfolioId: portfolioB });
    const again = await call(pmo, 'POST', `/gate-reviews/${review.id}/decision`, { decision: 'go', comment: '' }, ifMatch(review.version));
    expect(again.statusCode).toBe(200);
    const linked = json(await call(pmo, 'GET', `/portfolio/proposals/${p.id}`));
    expect(json(await call(pmo, 'GET', `/projects/${linked.projectId}`))).toMatchObject({ portfolioId: portfolioB, programId: programB });
  });

  it('a lifecycle that turns it off creates nothing on go', async () => {
    const off = json(await call(pmo, 'POST', '/lifecycles', { key: 'manual', name: 'Manual conversion', definition: FAST(null) })).id;
    const p = json(await call(pmo, 'POST', '/portfolio/proposals', proposalBody('Manual', { lifecycleId: off, portfolioId: portfolioA })));
    expect(json(await call(pmo, 'GET', `/portfolio/proposals/${p.id}/gates`)).nextGate.createsProject).toBe(false);
    const projects = await count('projects');
    expect((await goThroughGate(pmo, p.id)).statusCode).toBe(200);
    expect(await count('projects')).toBe(projects);
    expect(json(await call(pmo, 'GET', `/portfolio/proposals/${p.id}`))).toMatchObject({ stage: 'approved', projectId: null });
    const bad = await call(pmo, 'PATCH', `/lifecycles/${off}`, { definition: FAST('intake'), version: 1 });
    expect(bad.statusCode).toBe(422);
    expect(json(bad).detail).toMatch(/first stage "intake"/);
  });
});

describe('the explicit "create project" action', () => {
  it('creates the project in the proposal\'s stage for portfolio editors only, with If-Match', async () => {
    const p = json(await call(pmo, 'POST', '/portfolio/proposals', proposalBody('Data platform', { portfolioId: portfolioB, startDate: null })));
    expect((await call(member, 'POST', `/portfolio/proposals/${p.id}/project`, { version: p.version })).statusCode).toBe(403);
    expect((await call(fin, 'POST', `/portfolio/proposals/${p.id}/project`, { version: p.version })).statusCode).toBe(403);
    const noVersion = await call(pmo, 'POST', `/portfolio/proposals/${p.id}/project`, {});
    expect(noVersion.statusCode).toBe(428);
    expect((await call(pmo, 'POST', `/portfolio/proposals/${p.id}/project`, { version: p.version + 1 })).statusCode).toBe(409);
    const badProgram = await call(pmo, 'POST', `/portfolio/proposals/${p.id}/project`, { portfolioId: portfolioA, programId: programB }, ifMatch(p.version));
    expect(badProgram.statusCode).toBe(422);
    expect(json(badProgram).code).toBe('program_not_in_portfolio');
    const res = await call(pmo, 'POST', `/portfolio/proposals/${p.id}/project`, {}, ifMatch(p.version));
    expect(res.statusCode).toBe(201);
    const body = json(res);
    expect(body.project).toMatchObject({ name: 'Data platform', stage: 'intake', startDate: null, finishDate: null });
    expect(body.budgetVersionId).toBeNull();
    expect(body.budgetNote).toMatch(/no start date/);
    expect(body.proposal).toMatchObject({ projectId: body.project.id, project: { id: body.project.id, name: 'Data platform' }, version: p.version + 1 });
    expect(json(await call(pmo, 'GET', `/projects/${body.project.id}`))).toMatchObject({ portfolioId: portfolioB, stage: 'intake' });
    const twice = await call(pmo, 'POST', `/portfolio/proposals/${p.id}/project`, {}, ifMatch(p.version + 1));
    expect(twice.statusCode).toBe(409);
    expect(json(twice).code).toBe('proposal_has_project');
  });

  it('refuses a stopped proposal', async () => {
    const p = json(await call(pmo, 'POST', '/portfolio/proposals', proposalBody('Stopped', { portfolioId: portfolioA })));
    const review = json(await call(pmo, 'POST', `/portfolio/proposals/${p.id}/gate-reviews`));
    await call(pmo, 'POST', `/gate-reviews/${review.id}/decision`, { decision: 'stop', comment: 'No money' }, ifMatch(review.version));
    const now = json(await call(pmo, 'GET', `/portfolio/proposals/${p.id}`));
    const res = await call(pmo, 'POST', `/portfolio/proposals/${p.id}/project`, {}, ifMatch(now.version));
    expect(res.statusCode).toBe(409);
    expect(json(res).code).toBe('subject_stopped');
  });

  it('rejects a proposal whose program is unknown at save time (422, nothing saved)', async () => {
    const res = await call(pmo, 'POST', '/portfolio/proposals', proposalBody('Nowhere', { programId: '00000000-0000-4000-8000-000000000000' }));
    expect(res.statusCode).toBe(422);
    expect(json(res).code).toBe('invalid_reference');
  });
});

describe('strategic objective links', () => {
  interface Link { id: string; kind: 'project' | 'proposal'; targetId: string; name: string; contributionWeight: number; becameProjectId: string | null }
  interface Objective { id: string; name: string; progress: number; globalWeight: number; links: Link[] }
  interface Objectives { items: Objective[]; alignment: { kind: 'project' | 'proposal'; id: string; name: string; alignment: number }[] }
  const objectives = async () => json(await call(pmo, 'GET', '/portfolio/objectives')) as Objectives;
  const ids = { grow: '', lean: '' };

  beforeAll(async () => {
    // Two top-level objectives: "Grow" is 3/4 of the strategy, "Lean" 1/4; Grow is half way on its key result.
    ids.grow = json(await call(pmo, 'POST', '/portfolio/objectives', { name: 'Grow', weight: 3 })).id;
    ids.lean = json(await call(pmo, 'POST', '/portfolio/objectives', { name: 'Lean', weight: 1 })).id;
    await call(pmo, 'POST', `/portfolio/objectives/${ids.grow}/key-results`, { name: 'New customers', target: 100, actual: 50 });
  });

  it('copies the proposal\'s links to its project with the same weights; the initiative counts once, as the project', async () => {
    const p = json(await call(pmo, 'POST', '/portfolio/proposals', proposalBody('Webshop', { portfolioId: portfolioA })));
    expect((await call(pmo, 'POST', `/portfolio/objectives/${ids.grow}/links`, { proposalId: p.id, contributionWeight: 2 })).statusCode).toBe(201);
    expect((await call(pmo, 'POST', `/portfolio/objectives/${ids.lean}/links`, { proposalId: p.id, contributionWeight: 1 })).statusCode).toBe(201);
    const before = await objectives();
    // Alignment = sum of normalised contribution x global weight: 2/3 x 3/4 + 1/3 x 1/4.
    const expected = (2 / 3) * 0.75 + (1 / 3) * 0.25;
    expect(before.alignment.filter((a) => a.name === 'Webshop')).toEqual([{ kind: 'proposal', id: p.id, name: 'Webshop', alignment: expect.closeTo(expected, 12) }]);
    const lastAudit = (await ctx.database.db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m;

    expect((await goThroughGate(pmo, p.id)).statusCode).toBe(200);
    const projectId = json(await call(pmo, 'GET', `/portfolio/proposals/${p.id}`)).projectId as string;
    expect(projectId).toBeTruthy();

    const stored = await ctx.database.db.selectFrom('objective_links').select(['objective_id', 'project_id', 'proposal_id', 'contribution_weight']).where((eb) => eb.or([eb('project_id', '=', projectId), eb('proposal_id', '=', p.id)])).execute();
    const rows = stored.map((r) => ({ objective: r.objective_id, project: r.project_id, proposal: r.proposal_id, weight: Number(r.contribution_weight) }));
    expect(rows).toHaveLength(4);
    expect(rows).toEqual(expect.arrayContaining([
      { objective: ids.grow, project: projectId, proposal: null, weight: 2 },
      { objective: ids.lean, project: projectId, proposal: null, weight: 1 },
      // The proposal keeps its links: they are the record of what was approved.
      { objective: ids.grow, project: null, proposal: p.id, weight: 2 },
      { objective: ids.lean, project: null, proposal: p.id, weight: 1 },
    ]));

    const after = await objectives();
    const grow = after.items.find((o) => o.id === ids.grow)!;
    expect(grow.links.filter((l) => l.name === 'Webshop')).toEqual([
      { id: expect.any(String), objectiveId: ids.grow, kind: 'proposal', targetId: p.id, name: 'Webshop', contributionWeight: 2, becameProjectId: projectId },
      { id: expect.any(String), objectiveId: ids.grow, kind: 'project', targetId: projectId, name: 'Webshop', contributionWeight: 2, becameProjectId: null },
    ]);
    // The roll-up counts the initiative once, through the project, with the alignment the proposal had.
    expect(after.alignment.filter((a) => a.name === 'Webshop')).toEqual([{ kind: 'project', id: projectId, name: 'Webshop', alignment: expect.closeTo(expected, 12) }]);
    // Objective progress comes from key results only, so the conversion leaves it as it was.
    expect(after.items.map((o) => [o.id, o.progress, o.globalWeight])).toEqual(before.items.map((o) => [o.id, o.progress, o.globalWeight]));
    expect(grow.progress).toBeCloseTo(0.5, 12);

    const audit = await ctx.database.db.selectFrom('audit_log').select(['entity_type', 'action', 'project_id', 'after']).where('id', '>', String(lastAudit)).where('entity_type', '=', 'objective_link').execute();
    expect(audit).toHaveLength(2);
    expect(audit.every((a) => a.action === 'created' && a.project_id === projectId)).toBe(true);
    expect(audit.map((a) => a.after)).toEqual(expect.arrayContaining([expect.objectContaining({ objectiveId: ids.grow, projectId, contributionWeight: 2, copiedFrom: expect.objectContaining({ proposalId: p.id }) })]));
  });

  it('the explicit action copies them too; a project unlinked later is not counted through its proposal', async () => {
    const p = json(await call(pmo, 'POST', '/portfolio/proposals', proposalBody('Kiosk', { portfolioId: portfolioA })));
    await call(pmo, 'POST', `/portfolio/objectives/${ids.lean}/links`, { proposalId: p.id, contributionWeight: 5 });
    const res = await call(pmo, 'POST', `/portfolio/proposals/${p.id}/project`, {}, ifMatch(p.version));
    expect(res.statusCode).toBe(201);
    const projectId = json(res).project.id as string;
    const lean = (await objectives()).items.find((o) => o.id === ids.lean)!;
    const projectLink = lean.links.find((l) => l.targetId === projectId)!;
    expect(projectLink).toMatchObject({ kind: 'project', name: 'Kiosk', contributionWeight: 5 });
    expect((await objectives()).alignment.filter((a) => a.name === 'Kiosk')).toEqual([{ kind: 'project', id: projectId, name: 'Kiosk', alignment: expect.closeTo(0.25, 12) }]);
    expect((await call(pmo, 'DELETE', `/portfolio/objective-links/${projectLink.id}`)).statusCode).toBe(204);
    // The proposal's link stays as history and does not bring the initiative back into the alignment.
    const now = await objectives();
    expect(now.items.find((o) => o.id === ids.lean)!.links.filter((l) => l.name === 'Kiosk')).toMatchObject([{ kind: 'proposal', becameProjectId: projectId }]);
    expect(now.alignment.filter((a) => a.name === 'Kiosk')).toEqual([]);
  });

  it('a failure after the links are copied leaves nothing written', async () => {
    const p = json(await call(pmo, 'POST', '/portfolio/proposals', proposalBody('Fails late', { portfolioId: portfolioA })));
    await call(pmo, 'POST', `/portfolio/objectives/${ids.grow}/links`, { proposalId: p.id, contributionWeight: 1 });
    // The last write of the conversion (linking the proposal to its project) is refused by the database, after the
    // project, its objective links and its budget were written in the same transaction.
    const db = ctx.database.db;
    await sql`create function test_refuse_proposal_link() returns trigger language plpgsql as $$
      begin
        if new.project_id is not null and old.project_id is null and new.name = 'Fails late' then
          raise exception 'refused by the test' using errcode = '23514';
        end if;
        return new;
      end $$`.execute(db);
    await sql`create trigger test_refuse_proposal_link before update on proposals for each row execute function test_refuse_proposal_link()`.execute(db);
    try {
      const before = { projects: await count('projects'), budgets: await count('budget_versions'), audit: await count('audit_log'), links: await count('objective_links') };
      const objectivesBefore = await objectives();
      const res = await call(pmo, 'POST', `/portfolio/proposals/${p.id}/project`, {}, ifMatch(p.version));
      expect(res.statusCode).toBe(422);
      expect(json(res).code).toBe('constraint_violation');
      expect({ projects: await count('projects'), budgets: await count('budget_versions'), audit: await count('audit_log'), links: await count('objective_links') }).toEqual(before);
      expect(await objectives()).toEqual(objectivesBefore);
      expect(json(await call(pmo, 'GET', `/portfolio/proposals/${p.id}`))).toMatchObject({ projectId: null, version: p.version });
    } finally {
      await sql`drop trigger test_refuse_proposal_link on proposals`.execute(db);
      await sql`drop function test_refuse_proposal_link()`.execute(db);
    }
    // Without the fault the same request goes through and the project gets the link.
    const ok = await call(pmo, 'POST', `/portfolio/proposals/${p.id}/project`, {}, ifMatch(p.version));
    expect(ok.statusCode).toBe(201);
    expect(json(ok).budgetVersionId).toBeTruthy();
    const grow = (await objectives()).items.find((o) => o.id === ids.grow)!;
    expect(grow.links.filter((l) => l.name === 'Fails late').map((l) => l.kind).sort()).toEqual(['project', 'proposal']);
  });
});
