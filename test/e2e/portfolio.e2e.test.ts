/// <reference lib="dom" />
/**
 * End-to-end, portfolio strategy: the real server (fresh PGlite) and headless Chromium. The admin builds a scoring
 * model in the editor (a bad weight sum is refused), scores proposals on the scoring sheet while a portfolio manager
 * scores in their own session (consensus and disagreement), sees the ranked list with its funding cut-off and the
 * bubble chart, runs the optimiser under a budget (and the frontier), saves two scenarios, compares them (cost per
 * period, load per role) and promotes one to plan of record; infeasible constraints and a dependency cycle are named;
 * AHP, objectives, the intake form and the business case editor; axe-core on every strategy page.
 * Screenshots go to test-results/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserAvailable, launchBrowser } from './browser.js';
import { ADMIN, apiAs, loginViaUi, newContext, startTestServer, type TestServer } from './harness.js';
import { seriousViolations } from './axe.js';
import { expectChartDrawn } from './charts.js';

const hasBrowser = browserAvailable();
const OUT = 'test-results';
const M = 100;
const PFM = { username: 'strat-pfm', password: 'strat-pfm-password-1' };

describe.skipIf(!hasBrowser)('portfolio strategy (browser)', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let api: Awaited<ReturnType<typeof apiAs>>;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    server = await startTestServer({ demo: false });
    browser = await launchBrowser();
    context = await newContext(browser);
    page = await context.newPage();
    await loginViaUi(page, server.url, ADMIN);
    api = await apiAs(context, server.url);
    await api.call('POST', '/users', { ...PFM, displayName: 'Morgan Portfolio', orgRole: 'portfolio_manager' });
    const defs = [
      { name: 'CRM Replacement', capexCents: [500_000 * M], benefits: [{ category: 'savings', amountsCents: [0, 400_000 * M, 400_000 * M] }], demand: { developer: [50] } },
      { name: 'Data Platform', capexCents: [400_000 * M], benefits: [{ category: 'savings', amountsCents: [0, 300_000 * M] }], demand: { developer: [40] } },
      { name: 'Mobile App', capexCents: [300_000 * M], benefits: [{ category: 'revenue', amountsCents: [0, 200_000 * M, 200_000 * M] }], demand: { developer: [30] } },
    ];
    for (const d of defs) await api.call('POST', '/portfolio/proposals', { ...d, periodsPerYear: 1, annualDiscountRate: 0.1 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('builds the scoring model in the editor; weights that do not sum are refused with the sum named', async () => {
    await page.getByRole('link', { name: 'Strategy' }).click();
    await page.getByRole('tab', { name: 'Scoring models' }).click();
    await page.getByRole('button', { name: 'New scoring model' }).click();
    const form = page.getByRole('form', { name: 'New scoring model' });
    // The weighted-sum template: value, strategic fit, risk, urgency, compliance.
    for (const name of ['Strategic fit', 'Urgency', 'Compliance or mandatory']) await form.getByRole('button', { name: `Remove ${name}` }).click();
    await form.getByLabel('Weight of Business value').fill('60');
    await form.getByLabel('Weight of Delivery risk').fill('30');
    expect(await form.getByTestId('weight-sum').innerText()).toBe('Weights sum to 90 of 100 — they must add up exactly');
    await form.getByRole('button', { name: 'Save model' }).click();
    await form.getByRole('alert').filter({ hasText: 'weights sum to 90, the model requires 100' }).waitFor();
    await form.getByLabel('Weight of Delivery risk').fill('40');
    await form.getByRole('button', { name: 'Save model' }).click();
    await page.getByText('Scoring model "Strategic value" saved').waitFor();
    await page.getByRole('table', { name: 'Criteria of Strategic value' }).waitFor();
    const models = (await api.call('GET', '/portfolio/scoring-models')) as { items: { criteria: { id: string; weight: number; direction?: string; scale: unknown }[] }[] };
    expect(models.items).toHaveLength(1);
    expect(models.items[0]!.criteria).toEqual([
      { id: 'value', name: 'Business value', weight: 60, scale: { kind: 'range', min: 0, max: 10 } },
      { id: 'risk', name: 'Delivery risk', weight: 40, direction: 'lower-better', scale: { kind: 'levels', levels: [{ label: 'low', value: 1 }, { label: 'medium', value: 2 }, { label: 'high', value: 3 }] } },
    ]);
    await page.screenshot({ path: `${OUT}/strategy-models.png`, fullPage: true });
  });

  it('creates a proposal in the dialog and shows its business case', async () => {
    await page.getByRole('tab', { name: 'Proposals' }).click();
    await page.getByRole('button', { name: 'New proposal' }).click();
    const dialog = page.getByRole('dialog', { name: 'New proposal' });
    await dialog.getByLabel('Name').fill('Office Move');
    await dialog.getByLabel('Cost (now)').fill('200000');
    await dialog.getByLabel('Discount rate (% a year)').fill('10');
    await dialog.getByRole('button', { name: 'Create' }).click();
    const row = page.getByRole('table', { name: 'Proposals ranked by score' }).locator('tr', { hasText: 'Office Move' });
    await row.waitFor();
    // No benefits: NPV is minus the cost, IRR does not exist, never paid back.
    expect(await row.innerText()).toMatch(/-200,000.*none.*never/s);
    const all = (await api.call('GET', '/portfolio/proposals')) as { items: { name: string; businessCase: { irrStatus: string } }[] };
    expect(all.items.find((p) => p.name === 'Office Move')?.businessCase.irrStatus).toBe('undefined');
  });

  it('scores each proposal on the scoring sheet and shows the consensus', async () => {
    await page.getByRole('tab', { name: 'Scoring', exact: true }).click();
    await page.getByRole('heading', { name: 'Strategy' }).waitFor();
    const answers: [string, string, string, string][] = [
      ['CRM Replacement', '9', 'low', '94.0'],
      ['Data Platform', '7', 'medium', '62.0'],
      ['Mobile App', '6', 'low', '76.0'],
      ['Office Move', '2', 'high', '12.0'],
    ];
    for (const [name, value, risk, total] of answers) {
      await page.getByLabel('Proposal').selectOption({ label: name });
      await page.getByLabel('Business value', { exact: true }).fill(value);
      await page.getByLabel('Delivery risk', { exact: true }).selectOption({ label: risk });
      await page.getByRole('button', { name: 'Save score' }).click();
      await page.getByTestId('consensus').filter({ hasText: `mean ${total}` }).waitFor();
    }
  });

  it('a second scorer scores in their own session; the sheet shows both, the consensus and where they disagree', async () => {
    const other = await newContext(browser);
    const pfm = await other.newPage();
    await loginViaUi(pfm, server.url, PFM);
    await pfm.goto(`${server.url}/strategy/scoring`);
    await pfm.getByLabel('Proposal').selectOption({ label: 'Office Move' });
    await pfm.getByLabel('Business value', { exact: true }).fill('0');
    await pfm.getByLabel('Delivery risk', { exact: true }).selectOption({ label: 'medium' });
    await pfm.getByRole('button', { name: 'Save score' }).click();
    await pfm.getByTestId('consensus').filter({ hasText: 'Consensus of 2: mean 16.0' }).waitFor();
    await other.close();
    // The admin's page refreshes live and shows both scorers and the disagreement on risk (high vs medium).
    await page.getByLabel('Proposal').selectOption({ label: 'Office Move' });
    await page.getByTestId('consensus').filter({ hasText: 'Consensus of 2: mean 16.0, spread 12.0–20.0 — scorers disagree on Delivery risk' }).waitFor();
    const scorers = await page.getByRole('table', { name: 'Scores by scorer' }).locator('tbody tr').allInnerTexts();
    expect(scorers.map((r) => r.split('\t').slice(0, 2).join(' '))).toEqual(expect.arrayContaining([expect.stringMatching(/^Morgan Portfolio 20\.0/), expect.stringMatching(/ 12\.0$/)]));
    const byCriterion = page.getByRole('table', { name: 'Consensus by criterion' });
    expect(await byCriterion.locator('tr', { hasText: 'Delivery risk' }).innerText()).toMatch(/50 %\s+Scorers disagree/);
    expect(await byCriterion.locator('tr', { hasText: 'Business value' }).innerText()).toMatch(/20 %\s+Agree/);
    expect(await page.getByRole('table', { name: 'Score history' }).locator('tbody tr').count()).toBe(2);
    await page.screenshot({ path: `${OUT}/strategy-scoring.png`, fullPage: true });
  });

  it('ranks the proposals by score and draws the funding cut-off for a budget', async () => {
    await page.getByRole('tab', { name: 'Proposals' }).click();
    const table = page.getByRole('table', { name: 'Proposals ranked by score' });
    await table.waitFor();
    const names = await table.locator('tbody tr:not(.st-cutoff) td:nth-child(2)').allInnerTexts();
    expect(names).toEqual(['CRM Replacement', 'Mobile App', 'Data Platform', 'Office Move']);
    await page.getByLabel('Budget for the cut-off line').fill('800000');
    await page.getByTestId('funding-cutoff').waitFor();
    expect(await page.getByTestId('cutoff-summary').innerText()).toContain('2 of 4');
    // The cut-off row sits right after the second proposal.
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => (tr.classList.contains('st-cutoff') ? 'CUT' : tr.children[1]!.textContent)));
    expect(rows).toEqual(['CRM Replacement', 'Mobile App', 'CUT', 'Data Platform', 'Office Move']);
    // The bubble chart plots value x risk x cost; funded proposals (above the cut-off) are told apart.
    const bubbles = page.getByTestId('bubble-chart');
    await expectChartDrawn(bubbles);
    const caption = await page.locator('figure', { has: bubbles }).locator('figcaption .sr-only').textContent();
    expect(caption).toMatch(/CRM Replacement: score 94\.0, risk 0 %, cost 500,000, funded/);
    // Office Move: the mean of two scorers (12 and 20), risk the mean of high (100 %) and medium (50 %).
    expect(caption).toMatch(/Office Move: score 16\.0, risk 75 %, cost 200,000(;|$)/);
    await page.screenshot({ path: `${OUT}/strategy-proposals.png` });
  });

  const runAndSave = async (budget: string, scenario: string, expected: string[]) => {
    await page.getByLabel('Total budget').fill(budget);
    await page.getByRole('button', { name: 'Run optimiser' }).click();
    await page.getByTestId('optimizer-status').filter({ hasText: 'Optimal' }).waitFor({ timeout: 30_000 });
    const selected = await page.getByRole('table', { name: 'Selected proposals' }).locator('tbody td:first-child').allInnerTexts();
    expect([...selected].sort()).toEqual(expected);
    await page.getByLabel('Scenario name').fill(scenario);
    await page.getByRole('button', { name: 'Save as scenario' }).click();
    await page.getByText(`Scenario "${scenario}" saved`).waitFor();
  };

  it('runs the optimiser under a budget, explains the excluded, saves two scenarios and plots the frontier', async () => {
    await page.getByRole('tab', { name: 'Optimiser' }).click();
    await runAndSave('800000', 'Growth', ['CRM Replacement', 'Mobile App']);
    const excluded = page.getByRole('table', { name: 'Excluded proposals' });
    await expect(excluded.locator('tr', { hasText: 'Data Platform' }).innerText()).resolves.toMatch(/budget/);
    await page.getByRole('button', { name: 'Efficient frontier' }).click();
    await page.getByTestId('frontier-chart').waitFor({ timeout: 30_000 });
    await expectChartDrawn(page.getByTestId('frontier-chart'));
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${OUT}/strategy-optimizer.png` });
    await runAndSave('700000', 'Lean', ['Data Platform', 'Mobile App']);
  });

  it('compares the two scenarios and promotes one to plan of record', async () => {
    await page.getByRole('tab', { name: 'Scenarios' }).click();
    await page.getByRole('table', { name: 'Scenarios' }).waitFor();
    await page.getByLabel('Scenario A').selectOption({ label: 'Growth' });
    await page.getByLabel('Scenario B').selectOption({ label: 'Lean' });
    const cmp = page.getByTestId('comparison');
    await cmp.filter({ hasText: 'Lean (B)' }).waitFor();
    const only = await cmp.locator('tr', { hasText: 'Only in this scenario' }).locator('td').allInnerTexts();
    expect(only).toEqual(['Only in this scenario', 'CRM Replacement', 'Data Platform']);
    // Cost per period (one whole-horizon period here) and the developers each scenario needs.
    const cost = page.getByRole('table', { name: 'Cost per period' });
    expect(await cost.locator('thead th').allInnerTexts()).toEqual(['Row', 'Whole horizon']);
    expect(await cost.locator('tr', { hasText: 'Δ cost' }).innerText()).toMatch(/-100,000/);
    const load = page.getByRole('table', { name: 'Load per role' });
    expect(await load.locator('tr', { hasText: 'developer: Growth (A)' }).innerText()).toMatch(/80$/);
    expect(await load.locator('tr', { hasText: 'developer: Lean (B)' }).innerText()).toMatch(/70$/);
    await page.screenshot({ path: `${OUT}/strategy-scenarios.png` });
    await page.getByRole('button', { name: 'Promote Lean' }).click();
    await page.getByRole('table', { name: 'Scenarios' }).locator('tr', { hasText: 'Lean' }).filter({ hasText: 'Plan of record' }).waitFor();
    const list = (await api.call('GET', '/portfolio/scenarios')) as { items: { name: string; planOfRecord: boolean }[] };
    expect(list.items.filter((s) => s.planOfRecord).map((s) => s.name)).toEqual(['Lean']);
  });

  it('runs the optimiser per month with capex and opex budgets and shows the use per period', async () => {
    await page.getByRole('tab', { name: 'Optimiser' }).click();
    await page.getByLabel('Budget', { exact: true }).selectOption('periods');
    await page.getByLabel('First month').fill('2027-01');
    await page.getByLabel('Number of periods').fill('3');
    await page.getByLabel('Capex budget: every period').fill('50000');
    await page.getByRole('row', { name: /Capex budget/ }).getByRole('button', { name: 'Fill' }).click();
    await page.getByRole('button', { name: 'Run optimiser' }).click();
    await page.getByTestId('optimizer-status').waitFor({ timeout: 30_000 });
    const use = page.getByRole('table', { name: 'Use per period' });
    await use.waitFor();
    expect(await use.locator('thead th').allInnerTexts()).toEqual(['Row', '2027-01', '2027-02', '2027-03']);
    // Yearly business cases are spread evenly over the months: CRM's 500,000 a year is about 41,667 a month.
    expect(await page.getByRole('table', { name: 'Selected proposals' }).locator('thead th').allInnerTexts()).toEqual(['Proposal', 'Starts']);
    await page.screenshot({ path: `${OUT}/strategy-optimizer-periods.png` });
  });

  it('names the conflicting constraint when a mandatory proposal does not fit, and refuses a dependency cycle', async () => {
    await page.getByLabel('Budget', { exact: true }).selectOption('total');
    const constraints = page.getByRole('table', { name: 'Constraints of the proposals' });
    await constraints.getByLabel('Mandatory (Office Move)').check();
    await constraints.getByRole('button', { name: 'Save constraints of Office Move' }).click();
    await page.getByText('Constraints of "Office Move" saved').waitFor();
    await page.getByLabel('Total budget').fill('100000');
    await page.getByRole('button', { name: 'Run optimiser' }).click();
    await page.getByTestId('optimizer-status').filter({ hasText: 'Infeasible' }).waitFor({ timeout: 30_000 });
    const conflicts = page.getByRole('alert').filter({ hasText: 'These constraints conflict' });
    expect(await conflicts.innerText()).toMatch(/budget.*"Office Move".*200,?000.*100,?000|budget.*"Office Move"/s);
    await page.screenshot({ path: `${OUT}/strategy-optimizer-infeasible.png` });
    await constraints.getByLabel('Mandatory (Office Move)').uncheck();
    await constraints.getByRole('button', { name: 'Save constraints of Office Move' }).click();
    await page.getByText('Constraints of "Office Move" saved').last().waitFor();
    // Mobile App needs CRM Replacement; CRM Replacement needing Mobile App would close a cycle.
    await constraints.getByLabel('Depends on (Mobile App)').selectOption({ label: 'CRM Replacement' });
    await constraints.getByRole('button', { name: 'Save constraints of Mobile App' }).click();
    await page.getByText('Constraints of "Mobile App" saved').waitFor();
    await constraints.getByLabel('Depends on (CRM Replacement)').selectOption({ label: 'Mobile App' });
    await constraints.getByRole('button', { name: 'Save constraints of CRM Replacement' }).click();
    await constraints.locator('tr', { hasText: 'CRM Replacement' }).getByRole('alert').filter({ hasText: 'dependencies form a cycle' }).waitFor();
    const all = (await api.call('GET', '/portfolio/proposals')) as { items: { name: string; dependsOn: string[]; mandatory: boolean; id: string; version: number }[] };
    const crm = all.items.find((p) => p.name === 'CRM Replacement')!;
    expect(crm.dependsOn).toEqual([]);
    const mobile = all.items.find((p) => p.name === 'Mobile App')!;
    expect(mobile.dependsOn).toEqual([crm.id]);
    await api.call('PATCH', `/portfolio/proposals/${mobile.id}`, { dependsOn: [], version: mobile.version });
    expect(all.items.find((p) => p.name === 'Office Move')!.mandatory).toBe(false);
  });

  it('sets weights by pairwise comparison (AHP) and shows the score history', async () => {
    await page.getByRole('tab', { name: 'Scoring', exact: true }).click();
    await page.getByLabel('Proposal').selectOption({ label: 'CRM Replacement' });
    const history = page.getByRole('table', { name: 'Score history' });
    await history.waitFor();
    expect(await history.locator('tbody tr').count()).toBe(1);
    await page.getByLabel('Business value vs Delivery risk').selectOption({ label: 'Business value 3× as important' });
    await page.getByRole('button', { name: 'Compute weights' }).click();
    const result = page.getByTestId('ahp-result');
    await result.waitFor();
    expect(await result.innerText()).toMatch(/Business value\s+75\.0 %.*Delivery risk\s+25\.0 %.*Consistency ratio 0\.000/s);
    await page.getByRole('button', { name: 'Apply these weights to the model' }).click();
    await page.getByText('Weights set from the pairwise comparison').waitFor();
    const models = (await api.call('GET', '/portfolio/scoring-models')) as { items: { criteria: { weight: number }[]; ahp: { consistencyRatio: number } | null }[] };
    expect(models.items[0]!.criteria.map((c) => Math.round(c.weight))).toEqual([75, 25]);
    expect(models.items[0]!.ahp?.consistencyRatio).toBe(0);
  });

  it('adds a strategic objective with a key result and links a proposal to it', async () => {
    await page.getByRole('tab', { name: 'Objectives' }).click();
    await page.getByLabel('New objective').fill('Grow digital revenue');
    await page.getByRole('button', { name: 'Add objective' }).click();
    const table = page.getByRole('table', { name: 'Strategic objectives' });
    await table.locator('tr', { hasText: 'Grow digital revenue' }).waitFor();
    await page.getByRole('button', { name: 'Add key result to Grow digital revenue' }).click();
    const kr = page.getByRole('form', { name: 'New key result for Grow digital revenue' });
    await kr.getByLabel('Key result').fill('Online sales share');
    await kr.getByLabel('Unit').fill('%');
    await kr.getByLabel('Start').fill('10');
    await kr.getByLabel('Target').fill('30');
    await kr.getByLabel('Actual').fill('15');
    await kr.getByRole('button', { name: 'Add' }).click();
    await table.locator('tr', { hasText: 'Online sales share: 15 of 30 % (from 10; 25 %)' }).waitFor();
    await page.getByLabel('Proposal or project').selectOption({ label: 'CRM Replacement' });
    await page.getByRole('button', { name: 'Link', exact: true }).click();
    await page.getByRole('table', { name: 'Strategic alignment' }).locator('tr', { hasText: 'CRM Replacement' }).waitFor();
    await page.getByLabel('New objective').fill('Temporary aim');
    await page.getByRole('button', { name: 'Add objective' }).click();
    await page.getByRole('button', { name: 'Delete objective Temporary aim' }).click();
    await page.getByText('Objective "Temporary aim" deleted').waitFor();
    expect(await table.locator('tr', { hasText: 'Temporary aim' }).count()).toBe(0);
    await page.screenshot({ path: `${OUT}/strategy-objectives.png` });
  });

  it('adds a required intake field that the new-proposal form then asks for; the proposal page shows the three cases', async () => {
    await page.getByRole('tab', { name: 'Intake form' }).click();
    const add = page.getByRole('form', { name: 'Add a field' });
    await add.getByLabel('Label').fill('Business sponsor');
    await add.getByLabel('Required').check();
    await add.getByRole('button', { name: 'Add field' }).click();
    await page.getByRole('button', { name: 'Save form' }).click();
    await page.getByText('Intake form saved').waitFor();
    await page.getByRole('tab', { name: 'Proposals' }).click();
    await page.getByRole('button', { name: 'New proposal' }).click();
    const dialog = page.getByRole('dialog', { name: 'New proposal' });
    await dialog.getByLabel('Name').fill('Partner Portal');
    await dialog.getByLabel('Cost (now)').fill('100000');
    await dialog.getByRole('group', { name: 'Benefit line 1' }).getByLabel('Per year').fill('60000');
    await dialog.getByRole('group', { name: 'Benefit line 1' }).getByLabel('Probability (%)').fill('50');
    await dialog.getByRole('button', { name: 'Add benefit line' }).click();
    await dialog.getByRole('group', { name: 'Benefit line 2' }).getByLabel('Per year').fill('20000');
    await dialog.getByLabel('Business sponsor').fill('Head of Sales');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await page.getByText('Proposal "Partner Portal" created').waitFor();
    await page.getByRole('link', { name: 'Partner Portal' }).click();
    const cases = page.getByRole('table', { name: 'Business case by case' });
    await cases.waitFor();
    expect(await cases.locator('thead th').allInnerTexts()).toEqual(['Figure', 'Best case', 'Likely case', 'Worst case']);
    const byCat = await page.getByRole('table', { name: 'Benefits by category' }).locator('tbody tr').allInnerTexts();
    expect(byCat.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual([expect.stringMatching(/^savings 180,000 50\.0 % 90,000/), expect.stringMatching(/^revenue 60,000 100\.0 % 60,000/)]);
    expect(await page.getByRole('table', { name: 'Intake answers' }).innerText()).toMatch(/Business sponsor\s+Head of Sales/);
    const list = (await api.call('GET', '/portfolio/proposals')) as { items: { name: string; intake: Record<string, unknown> }[] };
    expect(list.items.find((p) => p.name === 'Partner Portal')?.intake).toEqual({ business_sponsor: 'Head of Sales' });
    await page.screenshot({ path: `${OUT}/strategy-proposal-detail.png`, fullPage: true });
  });

  it('edits a business case per period with a live best / likely / worst preview and saves it', async () => {
    await page.getByRole('button', { name: 'Edit business case' }).click();
    const editor = page.getByRole('form', { name: 'Business case editor' });
    const preview = editor.getByTestId('business-case-preview');
    await preview.waitFor();
    const npvRow = () => preview.locator('tr', { hasText: 'NPV' }).first().innerText();
    const before = await npvRow();
    await editor.getByLabel('Number of periods').fill('4');
    await editor.getByLabel('Capex Y1').fill('50000');
    await editor.getByRole('button', { name: 'Add role demand' }).click();
    await editor.getByLabel('Role of demand 1').fill('developer');
    await editor.getByLabel('Demand 1 Y0').fill('20');
    // 50,000 more capex in year 1 at 8 %: the likely NPV drops by 50,000 / 1.08 = 46,296.
    await expect.poll(npvRow, { timeout: 10_000 }).not.toBe(before);
    await editor.getByLabel('Capex Y1').fill('-1');
    await editor.getByRole('alert').filter({ hasText: 'Capex, Y1: "-1" is not an amount' }).waitFor();
    await editor.getByLabel('Capex Y1').fill('50000');
    await page.screenshot({ path: `${OUT}/strategy-business-case-editor.png`, fullPage: true });
    const v = await seriousViolations(page);
    expect(v).toEqual([]);
    await editor.getByRole('button', { name: 'Save business case' }).click();
    await page.getByText('Business case of "Partner Portal" saved').waitFor();
    await page.getByRole('table', { name: 'Business case by case' }).waitFor();
    const list = (await api.call('GET', '/portfolio/proposals')) as { items: { name: string; capexCents: number[]; demand: Record<string, number[]>; businessCase: { npvCents: number } }[] };
    const pp = list.items.find((p) => p.name === 'Partner Portal')!;
    expect(pp.capexCents).toEqual([100_000 * M, 50_000 * M]);
    expect(pp.demand).toEqual({ developer: [20] });
  });

  it('has no serious or critical axe violations on the strategy pages', async () => {
    const found: Record<string, unknown> = {};
    const all = (await api.call('GET', '/portfolio/proposals')) as { items: { id: string }[] };
    for (const path of ['/strategy/proposals', '/strategy/scoring', '/strategy/models', '/strategy/optimizer', '/strategy/scenarios', '/strategy/objectives', '/strategy/intake', '/strategy/gates', `/strategy/proposals/${all.items[0]!.id}`]) {
      await page.goto(`${server.url}${path}`);
      await page.locator('main [role="tablist"]').first().waitFor();
      await page.waitForLoadState('networkidle').catch(() => undefined);
      await page.waitForTimeout(300);
      const v = await seriousViolations(page);
      if (v.length) found[path] = v;
      await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
      const d = await seriousViolations(page);
      if (d.length) found[`${path} (dark)`] = d;
      await page.evaluate(() => document.documentElement.removeAttribute('data-theme'));
    }
    if (Object.keys(found).length) writeFileSync(`${OUT}/axe-violations-strategy.json`, JSON.stringify(found, null, 2));
    expect(found).toEqual({});
  });
});
