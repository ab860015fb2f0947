/// <reference lib="dom" />
/**
 * End-to-end, a proposal becomes a project: the real server (fresh PGlite) and headless Chromium. The PMO sets the
 * business case's start and the proposal's portfolio and program on the proposal page, decides go on the gate into
 * the lifecycle's project stage and follows the link to the new project (dated from the business case); a second
 * proposal becomes a project through "Create project now"; the lifecycle editor offers the project stage; the
 * objectives page shows the first proposal's objective link copied to its project and counts it once. Axe-core on the
 * proposal page (light and dark) and the objectives page. Screenshots in test-results/.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserAvailable, launchBrowser } from './browser.js';
import { ADMIN, apiAs, loginViaUi, newContext, startTestServer, type TestServer } from './harness.js';
import { seriousViolations } from './axe.js';

const hasBrowser = browserAvailable();
const OUT = 'test-results';
const PMO = { username: 'conv-pmo', password: 'conv-pmo-password-1' };

const FAST = {
  stages: [{ key: 'intake', name: 'Intake' }, { key: 'approved', name: 'Approved' }, { key: 'delivery', name: 'Delivery' }],
  gates: [
    { key: 'decide', name: 'Investment decision', from: 'intake', to: 'approved', criteria: [], approvals: [] },
    { key: 'deliver', name: 'Deliver', from: 'approved', to: 'delivery', criteria: [], approvals: [] },
  ],
};

describe.skipIf(!hasBrowser)('proposal to project (browser)', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const ids = { portal: '', lake: '' };

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    server = await startTestServer({ demo: false });
    browser = await launchBrowser();
    const admin = await newContext(browser);
    const adminPage = await admin.newPage();
    await loginViaUi(adminPage, server.url, ADMIN);
    const api = await apiAs(admin, server.url);
    await api.call('POST', '/users', { ...PMO, displayName: 'Pat PMO', orgRole: 'pmo' });
    const digital = (await api.call('POST', '/portfolios', { name: 'Digital' })) as { id: string };
    await api.call('POST', '/portfolios', { name: 'Operations' });
    await api.call('POST', '/programs', { portfolioId: digital.id, name: 'Customer experience' });
    const lc = (await api.call('POST', '/lifecycles', { key: 'fast', name: 'Fast track', definition: FAST })) as { id: string };
    const body = { lifecycleId: lc.id, periodsPerYear: 12, capexCents: [5_000_000, 2_500_000], opexCents: [0, 0, 100_000], benefits: [{ category: 'savings', amountsCents: [0, 0, 9_000_000], probability: 0.8 }], demand: { developer: [10, 10, 5] } };
    ids.portal = ((await api.call('POST', '/portfolio/proposals', { name: 'Customer portal', description: 'Self-service for customers', ...body })) as { id: string }).id;
    ids.lake = ((await api.call('POST', '/portfolio/proposals', { name: 'Data lake', ...body, portfolioId: digital.id, startDate: '2027-09-01' })) as { id: string }).id;
    const online = (await api.call('POST', '/portfolio/objectives', { name: 'Serve customers online' })) as { id: string };
    await api.call('POST', `/portfolio/objectives/${online.id}/links`, { proposalId: ids.portal, contributionWeight: 2 });
    await admin.close();
    context = await newContext(browser);
    page = await context.newPage();
    await loginViaUi(page, server.url, PMO);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sets the start and the portfolio, decides go, and follows the link to the new project', async () => {
    await page.goto(`${server.url}/strategy/proposals/${ids.portal}`);
    const panel = page.getByRole('region', { name: 'Project' });
    await panel.getByText('it becomes one when a go decision moves it into "Approved"').waitFor();
    await page.getByTestId('gate-creates-project').waitFor();
    await page.getByRole('button', { name: 'Edit business case' }).click();
    await page.getByLabel('Starts on').fill('2027-03-01');
    await page.getByRole('button', { name: 'Save business case' }).click();
    await panel.getByText('The project will start on 2027-03-01.').waitFor();
    await panel.getByLabel('Portfolio').selectOption({ label: 'Digital' });
    await panel.getByLabel('Program').selectOption({ label: 'Customer experience' });
    await panel.getByRole('button', { name: 'Save portfolio' }).click();
    await page.getByText('Portfolio and program saved').waitFor();
    await page.getByRole('button', { name: 'Open gate review' }).click();
    await page.getByLabel('Decision', { exact: true }).selectOption('go');
    await page.getByRole('button', { name: 'Record decision' }).click();
    const link = panel.getByRole('link', { name: /PRJ-\d+ Customer portal/ });
    await link.waitFor();
    await page.screenshot({ path: `${OUT}/proposal-project.png`, fullPage: true });
    await link.click();
    await page.getByRole('heading', { level: 1, name: /Customer portal/ }).waitFor();
    const project = await (await apiAs(context, server.url)).call('GET', page.url().replace(/^.*\/projects\/([^/]+).*$/, '/projects/$1'));
    // Monthly case from 2027-03-01 with work in its first three months: March to May.
    expect(project).toMatchObject({ startDate: '2027-03-01', finishDate: '2027-05-31', stage: 'approved' });
  });

  it('shows the objective link copied to the project and counts the initiative once', async () => {
    await page.goto(`${server.url}/strategy/objectives`);
    const row = page.getByRole('table', { name: 'Strategic objectives' }).getByRole('row', { name: /Serve customers online/ });
    await row.getByText('Customer portal (project, contribution 2)').waitFor();
    await row.getByText('Customer portal (proposal, contribution 2; now a project, counted as the project)').waitFor();
    await row.getByRole('button', { name: 'Unlink project Customer portal' }).waitFor();
    const alignment = page.getByRole('table', { name: 'Strategic alignment' });
    const counted = alignment.getByRole('row', { name: /Customer portal/ });
    expect(await counted.count()).toBe(1);
    expect(await counted.getByRole('cell').allTextContents()).toEqual(['Customer portal', 'project', '100 %']);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('creates a project now from the second proposal', async () => {
    await page.goto(`${server.url}/strategy/proposals/${ids.lake}`);
    const panel = page.getByRole('region', { name: 'Project' });
    await panel.getByRole('button', { name: 'Create project now' }).click();
    await page.getByText(/Project PRJ-\d+ "Data lake" created with a draft budget from the business case/).waitFor();
    await panel.getByRole('link', { name: /PRJ-\d+ Data lake/ }).waitFor();
  });

  it('offers the project stage in the lifecycle editor', async () => {
    await page.goto(`${server.url}/strategy/lifecycles`);
    const view = page.getByRole('region', { name: 'Lifecycle Fast track' });
    await view.getByText('proposals become projects on entering Approved').waitFor();
    await view.getByRole('button', { name: 'Edit Fast track' }).click();
    const select = page.getByLabel('Proposals become projects on entering');
    expect(await select.inputValue()).toBe('approved');
    await select.selectOption({ label: 'Delivery' });
    await page.getByRole('button', { name: 'Save lifecycle' }).click();
    await view.getByText('proposals become projects on entering Delivery').waitFor();
  });

  it('has no serious accessibility violations on the proposal page (light and dark)', async () => {
    await page.goto(`${server.url}/strategy/proposals/${ids.lake}`);
    await page.getByRole('region', { name: 'Project' }).getByRole('link').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
    expect(await seriousViolations(page)).toEqual([]);
  });
});
