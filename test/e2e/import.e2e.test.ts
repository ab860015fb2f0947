/**
 * End-to-end: import an MS Project file from the web app (upload, reschedule) and see its Gantt with the
 * critical path; a file that is not MS Project XML shows the problem in the dialog.
 */
import { resolve } from 'node:path';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserAvailable, launchBrowser } from './browser.js';
import { ADMIN, apiAs, loginViaUi, newContext, startTestServer, type TestServer } from './harness.js';

const hasBrowser = browserAvailable();
const SAMPLE = resolve(process.cwd(), '../shared/data/mspdi/mpxj/task-links-project2016-mspdi.xml');

describe.skipIf(!hasBrowser)('MS Project import in the web app', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer({ demo: false });
    browser = await launchBrowser();
    context = await newContext(browser);
    page = await context.newPage();
    await loginViaUi(page, server.url, ADMIN);
    const api = await apiAs(context, server.url);
    await api.call('POST', '/portfolios', { name: 'Imports' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('uploads an MS Project file, reschedules it and opens its Gantt', async () => {
    await page.getByRole('button', { name: 'Import MS Project' }).click();
    await page.getByLabel('MS Project XML file').setInputFiles(SAMPLE);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}\/gantt/);
    await page.getByTestId('gantt-chart').waitFor();
    await expect.poll(async () => page.getByText(/16 tasks/).count()).toBeGreaterThan(0);
    const projectId = /projects\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const api = await apiAs(context, server.url);
    const tasks = ((await api.call('GET', `/projects/${projectId}/tasks`)) as { items: { critical: boolean }[] }).items;
    expect(tasks).toHaveLength(16);
    expect(tasks.some((t) => t.critical)).toBe(true);
  });

  it('shows why a file that is not MS Project XML is refused', async () => {
    const bad = resolve(mkdtempSync(resolve(tmpdir(), 'pmo-import-')), 'not-a-plan.xml');
    writeFileSync(bad, '<html><body>not a plan</body></html>');
    await page.goto(`${server.url}/portfolio`);
    await page.getByRole('button', { name: 'Import MS Project' }).click();
    await page.getByLabel('MS Project XML file').setInputFiles(bad);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(async () => page.getByRole('alert').filter({ hasText: /expected <Project>/ }).count()).toBeGreaterThan(0);
    expect(page.url()).toMatch(/\/portfolio/);
  });
});
