/// <reference lib="dom" />
/**
 * End-to-end: resources pages on the real server (fresh PGlite with the demo) and headless Chromium.
 * The capacity heatmap shows an over-allocated person and drills into a cell; a levelling preview of two
 * projects shows the moved task and applies it.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserAvailable, launchBrowser } from './browser.js';
import { ADMIN, apiAs, loginViaUi, newContext, startTestServer, type TestServer } from './harness.js';
import { seriousViolations } from './axe.js';

const hasBrowser = browserAvailable();
const OUT = 'test-results';

interface Task { id: string; name: string; start: string; finish: string }

describe.skipIf(!hasBrowser)('resources pages (browser)', () => {
  let server: TestServer;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  let api: Awaited<ReturnType<typeof apiAs>>;
  const ids = { alpha: '', beta: '', person: '', betaTask: '' };

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    server = await startTestServer();
    browser = await launchBrowser();
    ctx = await newContext(browser);
    page = await ctx.newPage();
    await loginViaUi(page, server.url, ADMIN);
    api = await apiAs(ctx, server.url);
    const portfolio = ((await api.call('GET', '/portfolios')) as { items: { id: string }[] }).items[0]!;
    const person = (await api.call('POST', '/people', { name: 'Zed Overbooked' })) as { id: string };
    ids.person = person.id;
    for (const key of ['alpha', 'beta'] as const) {
      const project = (await api.call('POST', '/projects', { name: `E2E Level ${key}`, portfolioId: portfolio.id, startDate: '2027-03-01' })) as { id: string };
      ids[key] = project.id;
      const task = (await api.call('POST', `/projects/${project.id}/tasks`, { name: `Work ${key}`, start: '2027-03-01T08:00', durationMinutes: 2400 })) as Task;
      if (key === 'beta') ids.betaTask = task.id;
      await api.call('POST', `/projects/${project.id}/assignments`, { taskId: task.id, personId: person.id, unitsPercent: 100 });
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the capacity heatmap and lists the assignments of a clicked cell', async () => {
    await page.getByRole('link', { name: 'Capacity' }).click();
    await page.getByRole('heading', { name: 'Capacity' }).waitFor();
    await page.getByLabel('From (week of)').fill('2027-03-01');
    await page.getByLabel('Filter').fill('Zed Overbooked');
    const summary = page.getByTestId('capacity-summary');
    await summary.filter({ hasText: '1 people x 12 weeks; 1 over-allocated cells' }).waitFor({ timeout: 15_000 });
    const chart = page.getByTestId('capacity-heatmap');
    await chart.locator('canvas').first().waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${OUT}/resources-capacity.png` });
    // The first week's cell: grid left 160, right 130, top 10, bottom 40 (see capacity-heatmap.tsx).
    const box = (await chart.boundingBox())!;
    await page.mouse.click(box.x + 160 + (box.width - 290) / 12 / 2, box.y + 10 + (box.height - 50) / 2);
    const drill = page.getByTestId('capacity-drill');
    await drill.getByText('Work alpha').waitFor();
    await expect(drill.getByText('Work beta').count()).resolves.toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('previews levelling of two projects and applies it', async () => {
    await page.getByRole('link', { name: 'Levelling' }).click();
    await page.getByRole('heading', { name: 'Resource levelling' }).waitFor();
    await page.getByLabel('Filter projects').fill('E2E Level');
    await page.getByLabel('E2E Level alpha').check();
    await page.getByLabel('E2E Level beta').check();
    await page.getByRole('button', { name: 'Preview' }).click();
    const changes = page.getByTestId('leveling-changes');
    await changes.waitFor();
    const rows = await changes.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('Work beta');
    expect(rows[0]).toContain('2027-03-08');
    await page.getByTestId('leveling-histogram').locator('canvas').first().waitFor();
    await page.screenshot({ path: `${OUT}/resources-leveling.png` });
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Apply levelling' }).click();
    await page.getByText('Levelling applied: 1 tasks moved').waitFor();
    const task = (await api.call('GET', `/tasks/${ids.betaTask}`)) as Task;
    expect(task.start).toBe('2027-03-08T08:00:00');
  });
});
