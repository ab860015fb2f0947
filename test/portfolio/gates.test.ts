/**
 * Stage gates through the API on the real database: lifecycles, a project and a proposal moving stage only through
 * gate decisions (criteria, approvals by role, go / hold / stop / recycle with history and audit), who may do what,
 * and bad input that leaves nothing half-written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProjectViaApi, createTestApp, json, type TestContext, type TestUser } from '../helpers.js';

let ctx: TestContext;
let pmo: TestUser;
let pfm: TestUser;
let fin: TestUser;
let pm: TestUser;
let stakeholder: TestUser;
let outsider: TestUser;
let projectId = '';

const call = (as: TestUser, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method, url: `/api/v1${url}`, headers: { ...as.auth, ...headers }, ...(payload ? { payload } : {}) });
const ifMatch = (v: number) => ({ 'if-match': `"${v}"` });

beforeAll(async () => {
  ctx = await createTestApp();
  pmo = await ctx.user('pmo', 'gate-pmo');
  pfm = await ctx.user('portfolio_manager', 'gate-pfm');
  fin = await ctx.user('finance', 'gate-fin');
  pm = await ctx.user('member', 'gate-pm');
  stakeholder = await ctx.user('member', 'gate-stake');
  outsider = await ctx.user('member', 'gate-out');
  const p = await createProjectViaApi(ctx, ctx.admin, { name: 'Gatekeeper', managerId: pm.id });
  projectId = p.id;
  await call(ctx.admin, 'POST', `/projects/${projectId}/members`, { userId: stakeholder.id, role: 'stakeholder' });
});
afterAll(async () => ctx.close());

const auditOf = (entityType: string) => ctx.database.db.selectFrom('audit_log').select(['action', 'entity_id', 'after']).where('entity_type', '=', entityType).orderBy('id').execute();

describe('lifecycles', () => {
  it('ships the standard lifecycle as the default, with the stages projects always had', async () => {
    const res = await call(outsider, 'GET', '/lifecycles');
    expect(res.statusCode).toBe(200);
    const [std] = json(res).items;
    expect(std).toMatchObject({ key: 'standard', isDefault: true });
    expect(std.stages.map((s: { key: string }) => s.key)).toEqual(['idea', 'proposal', 'approved', 'planning', 'execution', 'closing', 'closed']);
    expect(std.gates).toHaveLength(6);
    const p = json(await call(pm, 'GET', `/projects/${projectId}`));
    expect(p).toMatchObject({ stage: 'idea', stageName: 'Idea', lifecycleId: std.id });
  });

  it('refuses invalid definitions and changes by people who are not admin or PMO', async () => {
    const def = { stages: [{ key: 'in', name: 'In' }, { key: 'out', name: 'Out' }], gates: [{ key: 'g', name: 'G', from: 'out', to: 'in' }] };
    const bad = await call(pmo, 'POST', '/lifecycles', { key: 'backwards', name: 'Backwards', definition: def });
    expect(bad.statusCode).toBe(422);
    expect(json(bad)).toMatchObject({ code: 'invalid_lifecycle' });
    expect(json(bad).detail).toMatch(/must move forward/);
    const stuck = await call(pmo, 'POST', '/lifecycles', { key: 'stuck', name: 'Stuck', definition: { ...def, gates: [] } });
    expect(json(stuck).detail).toMatch(/no gate out/);
    expect((await call(pfm, 'POST', '/lifecycles', { key: 'x', name: 'X', definition: { ...def, gates: [{ key: 'g', name: 'G', from: 'in', to: 'out' }] } })).statusCode).toBe(403);
    expect(json(await call(pmo, 'GET', '/lifecycles')).items).toHaveLength(1);
  });
});

describe('a project moves stage only through gate decisions', () => {
  let review: { id: string; version: number };

  it('refuses a stage change through the projects API, keeps other updates working', async () => {
    const res = await call(ctx.admin, 'PATCH', `/projects/${projectId}`, { stage: 'execution' }, ifMatch(1));
    expect(res.statusCode).toBe(409);
    expect(json(res).code).toBe('gate_decision_required');
    const same = await call(ctx.admin, 'PATCH', `/projects/${projectId}`, { stage: 'idea', health: 'amber' }, ifMatch(1));
    expect(same.statusCode).toBe(200);
    expect(json(same)).toMatchObject({ stage: 'idea', health: 'amber', version: 2 });
    const wrong = await createProjectViaApi(ctx, ctx.admin, { name: 'Nowhere', stage: 'dreaming' }).catch((e: Error) => e.message);
    expect(wrong).toMatch(/422.*invalid_stage/);
    const placed = await createProjectViaApi(ctx, ctx.admin, { name: 'Migrated from Project Online', stage: 'execution' });
    expect(placed).toMatchObject({ stage: 'execution', stageName: 'Execution' });
  });

  it('shows the gate out of the current stage; only editors and the project manager open a review', async () => {
    const g = json(await call(stakeholder, 'GET', `/projects/${projectId}/gates`));
    expect(g).toMatchObject({ subject: { stage: 'idea', state: 'active' }, nextGate: { key: 'idea-screen', to: 'proposal' }, openReview: null, history: [], canOpen: false });
    expect((await call(outsider, 'GET', `/projects/${projectId}/gates`)).statusCode).toBe(404);
    expect((await call(outsider, 'POST', `/projects/${projectId}/gate-reviews`)).statusCode).toBe(404);
    expect((await call(stakeholder, 'POST', `/projects/${projectId}/gate-reviews`)).statusCode).toBe(403);
    expect(json(await call(pm, 'GET', `/projects/${projectId}/gates`)).canOpen).toBe(true);
    const res = await call(pm, 'POST', `/projects/${projectId}/gate-reviews`);
    expect(res.statusCode).toBe(201);
    review = json(res);
    expect(json(res)).toMatchObject({ status: 'open', gate: { key: 'idea-screen', from: 'idea', to: 'proposal', toName: 'Proposal' }, ready: false, canEdit: true, canDecide: false });
    expect((await call(pm, 'POST', `/projects/${projectId}/gate-reviews`)).statusCode).toBe(409);
  });

  it('evaluates criteria and approvals and refuses go until the gate is ready', async () => {
    const r = json(await call(pmo, 'GET', `/gate-reviews/${review.id}`));
    expect(r.criteria.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([['description', 'unmet'], ['sponsor', 'unmet'], ['objectives', 'unmet']]);
    expect(r.approvals).toMatchObject([{ role: 'portfolio_manager', status: 'pending', canVote: false }]);
    expect(r.missing).toEqual(['"Problem and expected outcome described" is missing', '"A sponsor is willing to champion it" is not ticked', 'no portfolio manager approval yet']);
    const early = await call(pmo, 'POST', `/gate-reviews/${review.id}/decision`, { decision: 'go' }, ifMatch(r.version));
    expect(early.statusCode).toBe(409);
    expect(json(early)).toMatchObject({ code: 'gate_not_ready' });
    expect(json(early).detail).toContain('no portfolio manager approval yet');
    expect(json(await call(pm, 'GET', `/projects/${projectId}`)).stage).toBe('idea');
  });

  it('records ticks, document links and votes by role; the policy decides who holds a role', async () => {
    const tick = await call(pm, 'PATCH', `/gate-reviews/${review.id}`, { checks: [{ criterionId: 'sponsor', done: true, note: 'Sales director' }] }, ifMatch(1));
    expect(tick.statusCode).toBe(200);
    expect(json(tick).criteria[1]).toMatchObject({ id: 'sponsor', status: 'met', done: true, note: 'Sales director', doneBy: 'gate-pm Test' });
    expect((await call(pm, 'PATCH', `/gate-reviews/${review.id}`, { checks: [{ criterionId: 'sponsor', done: false }] }, ifMatch(1))).statusCode).toBe(409);
    expect((await call(stakeholder, 'PATCH', `/gate-reviews/${review.id}`, { checks: [{ criterionId: 'sponsor', done: false }] }, ifMatch(2))).statusCode).toBe(403);
    const notCheck = await call(pm, 'PATCH', `/gate-reviews/${review.id}`, { checks: [{ criterionId: 'description', done: true }] }, ifMatch(2));
    expect(notCheck.statusCode).toBe(422);
    expect(json(notCheck).code).toBe('invalid_criterion');
    // Filling the project's description meets the field criterion.
    await call(ctx.admin, 'PATCH', `/projects/${projectId}`, { description: 'Automate the idea intake.' }, ifMatch(2));
    const asFin = await call(fin, 'POST', `/gate-reviews/${review.id}/approvals`, { role: 'portfolio_manager', verdict: 'approve' });
    expect(asFin.statusCode).toBe(403);
    const asAdmin = await call(ctx.admin, 'POST', `/gate-reviews/${review.id}/approvals`, { role: 'portfolio_manager', verdict: 'approve' });
    expect(asAdmin.statusCode).toBe(403);
    const wrongRole = await call(pmo, 'POST', `/gate-reviews/${review.id}/approvals`, { role: 'pmo', verdict: 'approve' });
    expect(wrongRole.statusCode).toBe(422);
    expect(json(wrongRole).code).toBe('unknown_approval_role');
    const silentNo = await call(pfm, 'POST', `/gate-reviews/${review.id}/approvals`, { role: 'portfolio_manager', verdict: 'reject' });
    expect(silentNo.statusCode).toBe(422);
    expect(json(silentNo).code).toBe('comment_required');
    const no = json(await call(pfm, 'POST', `/gate-reviews/${review.id}/approvals`, { role: 'portfolio_manager', verdict: 'reject', comment: 'No sponsor budget yet' }));
    expect(no.approvals[0]).toMatchObject({ status: 'rejected', votes: [{ verdict: 'reject', comment: 'No sponsor budget yet', approverName: 'gate-pfm Test' }], canVote: true });
    expect(no.missing).toEqual(['the portfolio manager approval was refused']);
    const yes = json(await call(pfm, 'POST', `/gate-reviews/${review.id}/approvals`, { role: 'portfolio_manager', verdict: 'approve', comment: 'Budget found' }));
    expect(yes).toMatchObject({ ready: true, missing: [] });
    expect(yes.approvals[0].votes).toHaveLength(1);
    review = yes;
  });

  it('decides go: only portfolio editors, only on the version they saw; the stage moves and history is kept', async () => {
    expect((await call(pm, 'POST', `/gate-reviews/${review.id}/decision`, { decision: 'go' }, ifMatch(review.version))).statusCode).toBe(403);
    expect((await call(pmo, 'POST', `/gate-reviews/${review.id}/decision`, { decision: 'go' })).statusCode).toBe(428);
    expect((await call(pmo, 'POST', `/gate-reviews/${review.id}/decision`, { decision: 'go' }, ifMatch(review.version - 1))).statusCode).toBe(409);
    const go = await call(pmo, 'POST', `/gate-reviews/${review.id}/decision`, { decision: 'go', comment: 'Proceed to a proposal' }, ifMatch(review.version));
    expect(go.statusCode).toBe(200);
    expect(json(go)).toMatchObject({ status: 'decided', decision: { decision: 'go', stage: 'proposal', comment: 'Proceed to a proposal', decidedBy: 'gate-pmo Test' }, canDecide: false });
    const p = json(await call(pm, 'GET', `/projects/${projectId}`));
    expect(p).toMatchObject({ stage: 'proposal', stageName: 'Proposal', version: 4 });
    expect((await call(pmo, 'POST', `/gate-reviews/${review.id}/decision`, { decision: 'stop', comment: 'x' }, ifMatch(json(go).version))).statusCode).toBe(409);
    const g = json(await call(stakeholder, 'GET', `/projects/${projectId}/gates`));
    expect(g).toMatchObject({ subject: { stage: 'proposal' }, nextGate: { key: 'investment-decision' }, openReview: null });
    expect(g.history).toHaveLength(1);
    // The history keeps what the decision saw, including the refusal that was later withdrawn.
    expect(g.history[0]).toMatchObject({ ready: true, approvals: [{ status: 'approved', canVote: false }] });
    const audit = await auditOf('gate_review');
    expect(audit.map((a) => a.action)).toEqual(['opened', 'updated', 'rejected', 'approved', 'decided']);
    const projectAudit = (await auditOf('project')).filter((a) => a.entity_id === projectId).at(-1)!;
    expect(projectAudit.after).toMatchObject({ stage: 'proposal', decision: 'go', gateReviewId: review.id });
  });

  it('holds, recycles and stops with a comment; a stopped project goes through no more gates', async () => {
    const open = async () => json(await call(pmo, 'POST', `/projects/${projectId}/gate-reviews`));
    let r = await open();
    expect(r.gate.key).toBe('investment-decision');
    const noComment = await call(pmo, 'POST', `/gate-reviews/${r.id}/decision`, { decision: 'hold' }, ifMatch(r.version));
    expect(noComment.statusCode).toBe(422);
    expect(json(noComment).code).toBe('comment_required');
    await call(pmo, 'POST', `/gate-reviews/${r.id}/decision`, { decision: 'hold', comment: 'Wait for next budget round' }, ifMatch(r.version));
    expect(json(await call(pm, 'GET', `/projects/${projectId}`))).toMatchObject({ stage: 'proposal', status: 'on_hold' });
    r = await open();
    const forward = await call(pmo, 'POST', `/gate-reviews/${r.id}/decision`, { decision: 'recycle', comment: 'x', recycleTo: 'execution' }, ifMatch(r.version));
    expect(forward.statusCode).toBe(422);
    expect(json(forward).code).toBe('invalid_decision');
    const back = await call(pmo, 'POST', `/gate-reviews/${r.id}/decision`, { decision: 'recycle', comment: 'Rework the idea', recycleTo: 'idea' }, ifMatch(r.version));
    expect(back.statusCode).toBe(200);
    expect(json(await call(pm, 'GET', `/projects/${projectId}`))).toMatchObject({ stage: 'idea', status: 'on_track' });
    r = await open();
    expect(r.gate.key).toBe('idea-screen');
    await call(pmo, 'POST', `/gate-reviews/${r.id}/decision`, { decision: 'stop', comment: 'Superseded by the CRM programme' }, ifMatch(r.version));
    expect(json(await call(pm, 'GET', `/projects/${projectId}`))).toMatchObject({ stage: 'idea', status: 'cancelled' });
    const again = await call(pmo, 'POST', `/projects/${projectId}/gate-reviews`);
    expect(again.statusCode).toBe(409);
    expect(json(again).code).toBe('subject_stopped');
    const g = json(await call(pmo, 'GET', `/projects/${projectId}/gates`));
    expect(g.history.map((h: { decision: { decision: string } }) => h.decision.decision)).toEqual(['stop', 'recycle', 'hold', 'go']);
    expect(g).toMatchObject({ subject: { state: 'stopped' }, canOpen: false });
  });

  it('needs the project manager and a charter at plan approval; document links are http(s) only', async () => {
    const p = await createProjectViaApi(ctx, ctx.admin, { name: 'Plan me', stage: 'planning', managerId: pm.id, finishDate: '2027-06-30' });
    const r = json(await call(pm, 'POST', `/projects/${p.id}/gate-reviews`));
    expect(r.gate.key).toBe('plan-approval');
    const js = await call(pm, 'PATCH', `/gate-reviews/${r.id}`, { documents: [{ criterionId: 'charter', title: 'Charter', url: 'javascript:alert(1)' }] }, ifMatch(r.version));
    expect(js.statusCode).toBe(400);
    const wrongCriterion = await call(pm, 'PATCH', `/gate-reviews/${r.id}`, { documents: [{ criterionId: 'baseline', title: 'Charter', url: 'https://docs.example.com/charter' }] }, ifMatch(r.version));
    expect(json(wrongCriterion).code).toBe('invalid_criterion');
    const doc = json(await call(pm, 'PATCH', `/gate-reviews/${r.id}`, { documents: [{ criterionId: 'charter', title: 'Charter v1', url: 'https://docs.example.com/charter' }], checks: [{ criterionId: 'baseline', done: true }] }, ifMatch(r.version)));
    expect(doc.criteria.find((c: { id: string }) => c.id === 'charter')).toMatchObject({ status: 'met', documents: [{ title: 'Charter v1', url: 'https://docs.example.com/charter', addedBy: 'gate-pm Test' }] });
    expect(doc.approvals.map((a: { role: string; canVote: boolean }) => [a.role, a.canVote])).toEqual([['pmo', false], ['project_manager', true]]);
    await call(pm, 'POST', `/gate-reviews/${r.id}/approvals`, { role: 'project_manager', verdict: 'approve' });
    const ready = json(await call(pmo, 'POST', `/gate-reviews/${r.id}/approvals`, { role: 'pmo', verdict: 'approve', comment: 'Good plan' }));
    expect(ready.ready).toBe(true);
    await call(pmo, 'POST', `/gate-reviews/${r.id}/decision`, { decision: 'go' }, ifMatch(ready.version));
    expect(json(await call(pm, 'GET', `/projects/${p.id}`)).stage).toBe('execution');
    // Removing the document after the decision is refused: the review is closed.
    expect((await call(pm, 'PATCH', `/gate-reviews/${r.id}`, { documents: [] }, ifMatch(ready.version + 1))).statusCode).toBe(409);
  });

  it('lists open reviews as the decision queue, only those a member may see', async () => {
    const p = await createProjectViaApi(ctx, ctx.admin, { name: 'Queued', managerId: pm.id });
    await call(pm, 'POST', `/projects/${p.id}/gate-reviews`);
    const all = json(await call(pmo, 'GET', '/gate-reviews'));
    expect(all.items.map((r: { subject: { name: string } }) => r.subject.name)).toContain('Queued');
    expect(json(await call(outsider, 'GET', '/gate-reviews')).items).toEqual([]);
    expect(json(await call(pm, 'GET', '/gate-reviews')).items.map((r: { subject: { name: string } }) => r.subject.name)).toEqual(['Queued']);
    const decided = json(await call(pmo, 'GET', '/gate-reviews?status=decided'));
    expect(decided.items.length).toBeGreaterThanOrEqual(5);
  });
});

describe('proposals go through the same gates', () => {
  it('starts a proposal in the first stage; its gates need a business case, a score and an objective', async () => {
    const prop = json(await call(pmo, 'POST', '/portfolio/proposals', { name: 'Self-service portal', description: 'Customers fix their own data', capexCents: [100_000], benefits: [{ category: 'savings', amountsCents: [0, 80_000, 80_000] }] }));
    expect(prop).toMatchObject({ stage: 'idea', stageName: 'Idea', gateState: 'active' });
    expect((await call(outsider, 'GET', `/portfolio/proposals/${prop.id}/gates`)).statusCode).toBe(403);
    expect((await call(fin, 'POST', `/portfolio/proposals/${prop.id}/gate-reviews`)).statusCode).toBe(403);
    let r = json(await call(pfm, 'POST', `/portfolio/proposals/${prop.id}/gate-reviews`));
    await call(pfm, 'PATCH', `/gate-reviews/${r.id}`, { checks: [{ criterionId: 'sponsor', done: true }] }, ifMatch(r.version));
    r = json(await call(pfm, 'POST', `/gate-reviews/${r.id}/approvals`, { role: 'portfolio_manager', verdict: 'approve' }));
    // The objectives criterion is optional at the idea screen.
    expect(r.criteria.map((c: { status: string }) => c.status)).toEqual(['met', 'met', 'unmet']);
    expect(r.ready).toBe(true);
    await call(pmo, 'POST', `/gate-reviews/${r.id}/decision`, { decision: 'go' }, ifMatch(r.version));
    expect(json(await call(pmo, 'GET', `/portfolio/proposals/${prop.id}`))).toMatchObject({ stage: 'proposal', version: 2 });

    r = json(await call(pfm, 'POST', `/portfolio/proposals/${prop.id}/gate-reviews`));
    expect(r.gate.key).toBe('investment-decision');
    expect(Object.fromEntries(r.criteria.map((c: { id: string; status: string }) => [c.id, c.status]))).toEqual({ 'business-case': 'met', score: 'unmet', objectives: 'unmet', risks: 'unmet', 'case-document': 'unmet' });
    const stop = await call(pmo, 'POST', `/gate-reviews/${r.id}/decision`, { decision: 'stop', comment: 'Not this year' }, ifMatch(r.version));
    expect(stop.statusCode).toBe(200);
    expect(json(await call(pmo, 'GET', `/portfolio/proposals/${prop.id}`)).gateState).toBe('stopped');
    // A stopped proposal is no longer a candidate for the optimiser.
    const opt = json(await call(pmo, 'POST', '/portfolio/optimize', { totalBudgetCents: 10_000_000, timeLimitMs: 500 }));
    expect([...opt.selected, ...opt.excluded].map((x: { proposalId: string }) => x.proposalId)).not.toContain(prop.id);
  });
});

describe('lifecycle changes keep stages meaningful', () => {
  it('assigns another lifecycle only when it has the stage; refuses to drop stages in use; changes the default safely', async () => {
    const lite = { stages: [{ key: 'idea', name: 'Idea' }, { key: 'build', name: 'Build' }, { key: 'done', name: 'Done' }], gates: [{ key: 'start', name: 'Start', from: 'idea', to: 'build', approvals: ['pmo'] }, { key: 'finish', name: 'Finish', from: 'build', to: 'done', criteria: [{ id: 'demo', kind: 'check', label: 'Demo given' }] }] };
    const created = await call(pmo, 'POST', '/lifecycles', { key: 'lite', name: 'Lightweight', definition: lite });
    expect(created.statusCode).toBe(201);
    const lc = json(created);
    expect((await call(pmo, 'POST', '/lifecycles', { key: 'lite', name: 'Again', definition: lite })).statusCode).toBe(409);
    const planning = await createProjectViaApi(ctx, ctx.admin, { name: 'In planning', stage: 'planning' });
    const refused = await call(ctx.admin, 'PATCH', `/projects/${planning.id}`, { lifecycleId: lc.id }, ifMatch(1));
    expect(refused.statusCode).toBe(422);
    expect(json(refused).code).toBe('invalid_stage');
    const ideaProject = await createProjectViaApi(ctx, ctx.admin, { name: 'Lite idea', lifecycleId: lc.id });
    expect(ideaProject).toMatchObject({ stage: 'idea', lifecycleId: lc.id });
    const r = json(await call(ctx.admin, 'POST', `/projects/${ideaProject.id}/gate-reviews`));
    expect(r.gate).toMatchObject({ key: 'start', toName: 'Build' });
    // Dropping "build" is fine (nobody is in it) but the open review's gate cannot be re-routed.
    const reroute = await call(pmo, 'PATCH', `/lifecycles/${lc.id}`, { definition: { stages: [lite.stages[0], lite.stages[2]], gates: [{ key: 'start', name: 'Start', from: 'idea', to: 'done' }] } }, ifMatch(1));
    expect(reroute.statusCode).toBe(409);
    expect(json(reroute).code).toBe('gate_in_use');
    const dropIdea = await call(pmo, 'PATCH', `/lifecycles/${lc.id}`, { definition: { stages: lite.stages.slice(1), gates: [lite.gates[1]] } }, ifMatch(1));
    expect(dropIdea.statusCode).toBe(409);
    expect(json(dropIdea).code).toBe('stage_in_use');
    expect((await call(pmo, 'DELETE', `/lifecycles/${lc.id}`, undefined, ifMatch(1))).statusCode).toBe(409);

    const std = json(await call(pmo, 'GET', '/lifecycles')).items.find((l: { key: string }) => l.key === 'standard');
    const made = await call(pmo, 'PATCH', `/lifecycles/${lc.id}`, { isDefault: true }, ifMatch(1));
    expect(made.statusCode).toBe(200);
    const after = json(await call(pmo, 'GET', '/lifecycles')).items;
    expect(after.map((l: { key: string; isDefault: boolean }) => [l.key, l.isDefault])).toEqual([['lite', true], ['standard', false]]);
    // Projects that followed the old default stay on it, so "planning" still means the standard lifecycle's stage.
    expect(json(await call(ctx.admin, 'GET', `/projects/${planning.id}`))).toMatchObject({ stage: 'planning', stageName: 'Planning', lifecycleId: std.id });
    const fresh = await createProjectViaApi(ctx, ctx.admin, { name: 'On the new default' });
    expect(fresh).toMatchObject({ lifecycleId: lc.id, stage: 'idea' });
    expect((await call(pmo, 'DELETE', `/lifecycles/${lc.id}`, undefined, ifMatch(2))).statusCode).toBe(409);
  });
});
