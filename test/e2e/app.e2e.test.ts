/// <reference lib="dom" />
/**
 * End-to-end: the real server (fresh PGlite) and headless Chromium. Log in, create a project, add tasks
 * and dependencies in the Gantt (dialogs, drag, keyboard), live updates in a second context, a stakeholder
 * who cannot edit, and axe-core on each main page. Screenshots go to test-results/.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserAvailable, launchBrowser } from './browser.js';
import { ADMIN, apiAs, loginViaUi, newContext, startTestServer, type TestServer } from './harness.js';
import { seriousViolations } from './axe.js';
import { canvasWidth, expectChartDrawn, pixelsNear } from './charts.js';

const hasBrowser = browserAvailable();
const OUT = 'test-results';
const DAY = 1440;

interface Task { id: string; name: string; start: string | null; finish: string | null; version: number }
interface Link { id: string; predecessorId: string; successorId: string }

const toMin = (s: string) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10), +s.slice(11, 13) || 0, +s.slice(14, 16) || 0) / 60000;

/** Viewport coordinates of a task bar in the Gantt canvas (from the chart's scale attributes). */
async function barPoint(page: Page, task: Task, rowIndex: number, where: 'start' | 'middle' | 'end' | 'link') {
  const chart = page.getByTestId('gantt-chart');
  const box = (await chart.boundingBox())!;
  const info = await chart.evaluate((el) => ({
    range: Number(el.dataset.rangeStartMin), px: Number(el.dataset.pxPerMin), left: el.scrollLeft, top: el.scrollTop,
  }));
  const x0 = (toMin(task.start!) - info.range) * info.px - info.left;
  const x1 = (toMin(task.finish!) - info.range) * info.px - info.left;
  const x = where === 'start' ? x0 + 3 : where === 'middle' ? (x0 + x1) / 2 : where === 'end' ? x1 - 3 : x1 + 6;
  return { x: box.x + x, y: box.y + 40 + rowIndex * 28 + 14 - info.top };
}

describe.skipIf(!hasBrowser)('pmo web app (browser)', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: BrowserContext;
  let page: Page;
  let projectId = '';
  let api: Awaited<ReturnType<typeof apiAs>>;
  const tasksOf = async () => ((await api.call('GET', `/projects/${projectId}/tasks`)) as { items: Task[] }).items;
  const linksOf = async () => ((await api.call('GET', `/projects/${projectId}/links`)) as { items: Link[] }).items;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    rmSync(`${OUT}/axe-violations.json`, { force: true });
    server = await startTestServer();
    browser = await launchBrowser();
    admin = await newContext(browser);
    page = await admin.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('logs in and shows the portfolio overview', async () => {
    await loginViaUi(page, server.url, ADMIN);
    await page.getByRole('heading', { name: 'Portfolio overview' }).waitFor();
    await page.getByTestId('current-user').waitFor();
    await page.locator('.dt-body .dt-row').first().waitFor({ timeout: 15_000 }).catch(() => undefined);
    const chart = page.getByTestId('portfolio-chart');
    await expectChartDrawn(chart);
    await page.screenshot({ path: `${OUT}/portfolio-overview.png` });
    // The chart follows its container: a narrower window gives a narrower canvas, drawn again.
    const wide = await canvasWidth(chart);
    await page.setViewportSize({ width: 900, height: 900 });
    await expect.poll(() => canvasWidth(chart)).toBeLessThan(wide - 100);
    await expectChartDrawn(chart);
    await page.setViewportSize({ width: 1440, height: 900 });
    await expect.poll(() => canvasWidth(chart)).toBe(wide);
    // The chart follows the theme: after the toggle no label is left in the light theme's text colour and the
    // dark theme's is there (the canvas background is transparent, so only drawn labels carry these colours).
    const fgOf = () => page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--fg').trim());
    const toggle = page.getByRole('button', { name: 'Dark theme' });
    const lightFg = await fgOf();
    expect(await pixelsNear(chart, lightFg, 4)).toBeGreaterThan(20);
    await toggle.click();
    await expect.poll(fgOf).not.toBe(lightFg);
    const darkFg = await fgOf();
    expect(darkFg).toMatch(/^#[0-9a-f]{6}$/i);
    await expect.poll(() => pixelsNear(chart, lightFg, 4), { timeout: 10_000 }).toBeLessThan(3);
    expect(await pixelsNear(chart, darkFg, 4)).toBeGreaterThan(20);
    await toggle.click();
    await expect.poll(() => pixelsNear(chart, lightFg, 4), { timeout: 10_000 }).toBeGreaterThan(20);
    api = await apiAs(admin, server.url);
  });

  it('rejects a wrong password with a visible error', async () => {
    const ctx = await newContext(browser);
    const p = await ctx.newPage();
    await p.goto(`${server.url}/login`);
    await p.getByLabel('Username').fill('admin');
    await p.getByLabel('Password').fill('wrong-password');
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('alert').waitFor();
    expect(p.url()).toContain('/login');
    await ctx.close();
  });

  it('creates a project', async () => {
    await page.getByRole('button', { name: 'New project' }).click();
    const dialog = page.getByRole('dialog', { name: 'New project' });
    await dialog.getByLabel('Name').fill('E2E Apollo');
    await dialog.getByLabel('Start').fill('2026-12-01');
    await dialog.getByRole('button', { name: 'Create project' }).click();
    await page.waitForURL(/\/projects\/[0-9a-f-]+\/overview/);
    projectId = page.url().split('/projects/')[1]!.split('/')[0]!;
    await page.getByRole('heading', { name: /E2E Apollo/ }).waitFor();
  });

  it('adds tasks and dependencies in the Gantt (dialogs, drag to link, drag to move, keyboard)', async () => {
    await page.getByRole('tab', { name: 'Gantt' }).click();
    await page.getByRole('button', { name: 'Add the first task' }).click();
    let dialog = page.getByRole('dialog', { name: 'Add task' });
    await dialog.getByLabel('Task name').fill('Design');
    await dialog.getByLabel('Start date').fill('2026-12-01');
    await dialog.getByLabel('Duration (days)').fill('5');
    await dialog.getByRole('button', { name: 'Add task' }).click();
    await page.getByText('1 tasks').waitFor();
    for (const [name, start, days] of [['Build', '2026-12-09', '3'], ['Test', '2026-12-15', '2']] as const) {
      await page.getByRole('button', { name: 'Add task' }).click();
      dialog = page.getByRole('dialog', { name: 'Add task' });
      await dialog.getByLabel('Task name').fill(name);
      await dialog.getByLabel('Start date').fill(start);
      await dialog.getByLabel('Duration (days)').fill(days);
      await dialog.getByRole('button', { name: 'Add task' }).click();
      await dialog.waitFor({ state: 'detached' });
    }
    await page.getByText('3 tasks').waitFor();
    const tasks = await tasksOf();
    expect(tasks.map((t) => t.name)).toEqual(['Design', 'Build', 'Test']);

    // Keyboard-accessible dependency: the "Add dependency" dialog (Design -> Build).
    await page.getByRole('button', { name: 'Add dependency' }).click();
    dialog = page.getByRole('dialog', { name: 'Add dependency' });
    await dialog.getByLabel('Predecessor').selectOption(tasks[0]!.id);
    await dialog.getByLabel('Successor').selectOption(tasks[1]!.id);
    await dialog.getByRole('button', { name: 'Add dependency' }).click();
    await page.getByText('1 links').waitFor();

    // Drag from Build's link handle onto Test's bar.
    const [, build, test] = await tasksOf();
    await page.getByTestId('gantt-chart').click({ position: { x: 5, y: 40 + 1 * 28 + 14 } }); // select row 2 (Build)
    const from = await barPoint(page, build!, 1, 'link');
    const to = await barPoint(page, test!, 2, 'middle');
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
    await page.mouse.move(to.x, to.y, { steps: 4 });
    await page.mouse.up();
    await page.getByText('2 links').waitFor();
    const links = await linksOf();
    expect(links.some((l) => l.predecessorId === build!.id && l.successorId === test!.id)).toBe(true);

    // Drag Test's bar three days to the right (weeks zoom: 10 px per day).
    const before = (await tasksOf())[2]!;
    const grab = await barPoint(page, before, 2, 'middle');
    await page.mouse.move(grab.x, grab.y);
    await page.mouse.down();
    await page.mouse.move(grab.x + 15, grab.y, { steps: 3 });
    await page.mouse.move(grab.x + 30, grab.y, { steps: 3 });
    await page.mouse.up();
    await expect.poll(async () => toMin((await tasksOf())[2]!.start!) - toMin(before.start!), { timeout: 5000 }).toBeGreaterThanOrEqual(2 * DAY);

    // Keyboard: select Design (first row), move it one day later, Enter saves.
    const design0 = (await tasksOf())[0]!;
    const chart = page.getByTestId('gantt-chart');
    await chart.focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect.poll(async () => toMin((await tasksOf())[0]!.start!) - toMin(design0.start!), { timeout: 5000 }).toBeGreaterThanOrEqual(DAY);

    // Reschedule (critical path) and save a baseline: the Gantt then has critical and baseline data to draw.
    await page.getByRole('button', { name: 'Reschedule' }).click();
    await page.getByText(/^Scheduled: finish/).waitFor();
    await page.getByRole('button', { name: 'Save baseline' }).click();
    await page.getByText(/^Baseline saved/).waitFor();
    const scheduled = (await tasksOf()) as (Task & { critical?: boolean; baselineStart?: string | null })[];
    expect(scheduled.some((t) => t.critical)).toBe(true);
    expect(scheduled.every((t) => t.baselineStart)).toBe(true);
    await page.screenshot({ path: `${OUT}/gantt-e2e-project.png` });
  });

  it('shows another user\'s change live in a second browser context', async () => {
    const other = await newContext(browser);
    const p2 = await other.newPage();
    await loginViaUi(p2, server.url, ADMIN);
    await p2.goto(`${server.url}/projects/${projectId}/gantt`);
    await p2.getByText('3 tasks').waitFor();
    await page.getByRole('tab', { name: 'Tasks' }).click();
    await page.getByLabel('New task name').fill('Deploy');
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Add task' }).click();
    await p2.getByText('4 tasks').waitFor({ timeout: 5000 });
    const elapsedMs = Date.now() - t0;
    console.log(`live update seen by the second context after ${elapsedMs} ms`);
    expect(elapsedMs).toBeLessThan(3000);
    await other.close();
  });

  it('edits a task name inline in the WBS table', async () => {
    await page.goto(`${server.url}/projects/${projectId}/tasks`);
    await page.getByRole('button', { name: /edit name of Deploy/ }).click();
    const input = page.getByRole('textbox', { name: 'name of Deploy' });
    await input.fill('Deploy to production');
    await input.press('Enter');
    await expect.poll(async () => (await tasksOf()).map((t) => t.name), { timeout: 5000 }).toContain('Deploy to production');
  });

  it('a stakeholder sees the project read-only', async () => {
    const user = (await api.call('POST', '/users', { username: 'stella', displayName: 'Stella Stakeholder', orgRole: 'member', password: 'Stella-password-1' })) as { id: string };
    await api.call('POST', `/projects/${projectId}/members`, { userId: user.id, role: 'stakeholder' });
    const ctx = await newContext(browser);
    const p = await ctx.newPage();
    await loginViaUi(p, server.url, { username: 'stella', password: 'Stella-password-1' });
    await p.goto(`${server.url}/projects/${projectId}/gantt`);
    await p.getByTestId('gantt').waitFor();
    await p.getByTestId('gantt').getByText('Read only').waitFor();
    expect(await p.getByRole('button', { name: 'Add task' }).count()).toBe(0);
    // Dragging a bar changes nothing.
    const before = (await tasksOf())[1]!;
    const grab = await barPoint(p, before, 1, 'middle');
    await p.mouse.move(grab.x, grab.y);
    await p.mouse.down();
    await p.mouse.move(grab.x + 40, grab.y, { steps: 4 });
    await p.mouse.up();
    await p.waitForTimeout(500);
    expect((await tasksOf())[1]!.start).toBe(before.start);
    await p.goto(`${server.url}/projects/${projectId}/tasks`);
    await p.getByRole('grid', { name: 'Work breakdown structure' }).getByText('Design').waitFor();
    expect(await p.getByRole('button', { name: /edit name of/ }).count()).toBe(0);
    expect(await p.getByRole('button', { name: /^Delete / }).count()).toBe(0);
    await ctx.close();
  });

  it('has no serious or critical axe violations on the main pages', async () => {
    const pages = [
      `/portfolio`, `/projects/${projectId}/overview`, `/projects/${projectId}/tasks`, `/projects/${projectId}/gantt`,
      `/projects/${projectId}/members`, `/tokens`, `/profile`, `/admin/users`, `/admin/membership`,
    ];
    const found: Record<string, unknown> = {};
    for (const path of pages) {
      await page.goto(`${server.url}${path}`);
      await page.locator('main h1, main [role="tablist"]').first().waitFor();
      await page.waitForLoadState('networkidle').catch(() => undefined);
      await page.waitForTimeout(300);
      const v = await seriousViolations(page);
      if (v.length) found[path] = v;
    }
    for (const theme of ['dark'] as const) {
      await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
      const v = await seriousViolations(page);
      if (v.length) found[`/admin/membership (${theme})`] = v;
      await page.evaluate(() => document.documentElement.removeAttribute('data-theme'));
    }
    const anon = await newContext(browser);
    const lp = await anon.newPage();
    await lp.goto(`${server.url}/login`);
    await lp.getByRole('heading', { name: 'Sign in to pmo' }).waitFor();
    const v = await seriousViolations(lp);
    if (v.length) found['/login'] = v;
    await anon.close();
    if (Object.keys(found).length) writeFileSync(`${OUT}/axe-violations.json`, JSON.stringify(found, null, 2));
    expect(found).toEqual({});
  });

  it('takes README screenshots of a demo project Gantt', async () => {
    const projects = ((await api.call('GET', '/projects?limit=200')) as { items: { id: string; taskCount: number }[] }).items;
    const biggest = [...projects].sort((a, b) => b.taskCount - a.taskCount)[0];
    if (!biggest || biggest.taskCount === 0) return;
    await page.goto(`${server.url}/projects/${biggest.id}/gantt`);
    await page.getByTestId('gantt-chart').waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${OUT}/gantt-demo.png` });
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
    await page.waitForTimeout(200);
    await page.screenshot({ path: `${OUT}/gantt-demo-dark.png` });
    await page.evaluate(() => document.documentElement.removeAttribute('data-theme'));
  });
});
