/// <reference lib="dom" />
/**
 * End-to-end, "use available capacity" on the optimiser page: the real server (fresh PGlite) and headless Chromium.
 * A developer's capacity minus the work already assigned to her on a project limits the proposals' developer demand;
 * the page shows the available person-days per month, the run selects only what fits and says which limit it used.
 * Axe-core on the page with the toggle on. Screenshot in test-results/.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchBrowser } from './browser.js';
import { ADMIN, apiAs, loginViaUi, newContext, startTestServer, type TestServer } from './harness.js';
import { seriousViolations } from './axe.js';

const hasBrowser = browserAvailable();
const OUT = 'test-results';

describe.skipIf(!hasBrowser)('available capacity on the optimiser page (browser)', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    server = await startTestServer({ demo: false });
    browser = await launchBrowser();
    const context = await newContext(browser);
    page = await context.newPage();
    await loginViaUi(page, server.url, ADMIN);
    const api = await apiAs(context, server.url);
    const dev = (await api.call('POST', '/roles', { name: 'Developer' })) as { id: string };
    const ann = (await api.call('POST', '/people', { name: 'Ann Developer' })) as { id: string };
    await api.call('PATCH', `/people/${ann.id}/profile`, { roleIds: [dev.id] }, { 'if-match': '"1"' });
    const pf = (await api.call('POST', '/portfolios', { name: 'Digital' })) as { id: string };
    const running = (await api.call('POST', '/projects', { name: 'Running project', portfolioId: pf.id })) as { id: string };
    const task = (await api.call('POST', `/projects/${running.id}/tasks`, { name: 'Build', start: '2027-01-04T08:00', durationMinutes: 5 * 480 })) as { id: string };
    await api.call('POST', `/projects/${running.id}/assignments`, { taskId: task.id, personId: ann.id, unitsPercent: 100 });
    const benefit = (amount: number) => [{ category: 'savings', amountsCents: [0, amount, amount, amount], probability: 1 }];
    await api.call('POST', '/portfolio/proposals', { name: 'Self-service portal', capexCents: [100_000], benefits: benefit(500_000), demand: { developer: [15, 15] } });
    await api.call('POST', '/portfolio/proposals', { name: 'Partner API', capexCents: [100_000], benefits: benefit(300_000), demand: { developer: [10, 10] } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('limits the developer demand by what the developers can still take on', async () => {
    await page.goto(`${server.url}/strategy/optimizer`);
    await page.getByLabel('Budget', { exact: true }).selectOption('periods');
    await page.getByLabel('First month').fill('2027-01');
    await page.getByLabel('Number of periods').fill('2');
    await page.getByLabel('Maximise').selectOption('npv');
    await page.getByLabel('Capex budget: every period').fill('100000');
    await page.getByRole('row', { name: /Capex budget/ }).getByRole('button', { name: 'Fill' }).click();
    const row = page.getByRole('row', { name: /Capacity of developer/ });
    await row.getByLabel('Use available capacity').check();
    // January: 21 working days minus the 5 days Ann already has on the running project; February: 20.
    await page.getByTestId('available-developer-0').filter({ hasText: '16' }).waitFor();
    expect(await page.getByTestId('available-developer-1').innerText()).toBe('20');
    expect(await row.getByLabel('Resources role for developer').inputValue()).not.toBe('');
    await page.getByRole('button', { name: 'Run optimiser' }).click();
    await page.getByTestId('optimizer-status').waitFor();
    expect(await page.getByTestId('capacity-from-resources').innerText()).toContain('developer from Developer (16, 20 person-days)');
    const selected = page.getByRole('table', { name: 'Selected proposals' });
    expect(await selected.innerText()).toContain('Self-service portal');
    expect(await selected.innerText()).not.toContain('Partner API');
    expect(await page.getByRole('table', { name: 'Excluded proposals' }).innerText()).toMatch(/Partner API.*developer/s);
    await page.screenshot({ path: `${OUT}/optimizer-available-capacity.png`, fullPage: true });
  });

  it('has no serious accessibility violations with the toggle on', async () => {
    expect(await seriousViolations(page)).toEqual([]);
  });
});
