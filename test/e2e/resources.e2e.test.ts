/// <reference lib="dom" />
/**
 * End-to-end: resources pages on the real server (fresh PGlite with the demo) and headless Chromium.
 * The capacity heatmap shows an over-allocated person and drills into a cell; a what-if that shifts a project
 * removes the over-allocation without saving anything; a levelling preview of two projects (added at once, listed
 * by stored priority, reordered to override it) shows the moved task in the table and the before/after Gantt, the
 * over-allocated person's load before and after, and applies it; a project's priority is set on its overview and a
 * task's in the task table and the Gantt's task dialog; the Assignments tab assigns people and role placeholders and asks for staffing; the
 * staffing inbox ranks people for the request and proposes one, whom the project accepts in its Assignments tab; a
 * project manager sends another proposal back from the inbox; the resource profile adds and removes a vacation and
 * keeps cost and bill rates.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserAvailable, launchBrowser } from './browser.js';
import { ADMIN, apiAs, loginViaUi, newContext, startTestServer, type TestServer } from './harness.js';
import { seriousViolations } from './axe.js';
import { expectChartDrawn } from './charts.js';

const hasBrowser = browserAvailable();
const OUT = 'test-results';

interface Task { id: string; name: string; start: string; finish: string }

describe.skipIf(!hasBrowser)('resources pages (browser)', () => {
  let server: TestServer;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  let api: Awaited<ReturnType<typeof apiAs>>;
  const ids = { alpha: '', beta: '', person: '', betaTask: '', alphaTask: '', role: '', expert: '' };

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
      // Beta is stored as the more important project; the levelling page lists it first until the order is overridden.
      const project = (await api.call('POST', '/projects', { name: `E2E Level ${key}`, portfolioId: portfolio.id, startDate: '2027-03-01', priority: key === 'beta' ? 800 : 500 })) as { id: string };
      ids[key] = project.id;
      const task = (await api.call('POST', `/projects/${project.id}/tasks`, { name: `Work ${key}`, start: '2027-03-01T08:00', durationMinutes: 2400 })) as Task;
      if (key === 'beta') ids.betaTask = task.id;
      else ids.alphaTask = task.id;
      await api.call('POST', `/projects/${project.id}/assignments`, { taskId: task.id, personId: person.id, unitsPercent: 100 });
    }
    // A role that needs a skill, and a person who has it, for the staffing inbox.
    const skill = (await api.call('POST', '/skills', { name: 'E2E Rust' })) as { id: string };
    const role = (await api.call('POST', '/roles', { name: 'E2E Rustacean' })) as { id: string };
    ids.role = role.id;
    await api.call('PATCH', `/roles/${role.id}`, { requiredSkills: [{ skillId: skill.id, minProficiency: 3 }] }, { 'if-match': '"1"' });
    const expert = (await api.call('POST', '/people', { name: 'Ulla Rustexpert' })) as { id: string };
    ids.expert = expert.id;
    await api.call('PATCH', `/people/${expert.id}/profile`, { skills: [{ skillId: skill.id, proficiency: 5 }], roleIds: [role.id] }, { 'if-match': '"1"' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the capacity heatmap and lists the assignments of a clicked cell', async () => {
    await page.getByRole('link', { name: 'Capacity' }).click();
    await page.getByRole('heading', { name: 'Capacity' }).waitFor();
    await page.getByLabel('From', { exact: true }).fill('2027-03-01');
    await page.getByLabel('Filter').fill('Zed Overbooked');
    const summary = page.getByTestId('capacity-summary');
    await summary.filter({ hasText: '1 people x 12 weeks; 1 over-allocated cells (40.0 h over' }).waitFor({ timeout: 15_000 });
    const chart = page.getByTestId('capacity-heatmap');
    await expectChartDrawn(chart);
    await page.screenshot({ path: `${OUT}/resources-capacity.png` });
    // The first week's cell: grid left 160, right 130, top 10, bottom 40 (see capacity-heatmap.tsx).
    const box = (await chart.boundingBox())!;
    await page.mouse.click(box.x + 160 + (box.width - 290) / 12 / 2, box.y + 10 + (box.height - 50) / 2);
    const drill = page.getByTestId('capacity-drill');
    await drill.getByText('Work alpha').waitFor();
    await expect(drill.getByText('Work beta').count()).resolves.toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('compares a what-if (shift a project) with the plan of record without saving it', async () => {
    await page.getByText('What-if', { exact: true }).click();
    // A label wrapping a select is named with the selected option too: match the start of the name.
    await page.getByRole('combobox', { name: /^Change/ }).selectOption('shift-project');
    await page.getByRole('combobox', { name: /^Project/ }).selectOption({ label: 'E2E Level beta' });
    await page.getByLabel('Working days (negative: earlier)').fill('5');
    await page.getByRole('button', { name: 'Add change' }).click();
    await page.getByRole('list', { name: 'What-if changes' }).getByText('Shift E2E Level beta by 5 working days').waitFor();
    await page.getByRole('button', { name: 'Compare with plan of record' }).click();
    const comparison = page.getByTestId('what-if-comparison');
    await comparison.waitFor();
    await page.getByTestId('capacity-summary').filter({ hasText: 'What-if: 1 people x 12 weeks; 0 over-allocated cells' }).waitFor();
    await comparison.getByRole('row', { name: /Zed Overbooked 1 → 0/ }).waitFor();
    await page.screenshot({ path: `${OUT}/resources-what-if.png` });
    expect(await seriousViolations(page)).toEqual([]);
    // Nothing was saved: beta's task is where it was.
    expect(((await api.call('GET', `/tasks/${ids.betaTask}`)) as Task).start).toBe('2027-03-01T08:00:00');
    await page.getByLabel('Plan of record').check();
    await page.getByTestId('capacity-summary').filter({ hasText: '1 people x 12 weeks; 1 over-allocated cells' }).waitFor();
  });

  it('previews levelling of two projects with a before/after Gantt and applies it', async () => {
    await page.getByRole('link', { name: 'Levelling' }).click();
    await page.getByRole('heading', { name: 'Resource levelling' }).waitFor();
    await page.getByLabel('Filter projects').fill('E2E Level');
    // Both shown projects at once, listed by stored priority (beta 800 first); moving beta down makes the order
    // shown override the priorities, "Use stored priorities" goes back, and a second move keeps alpha first.
    await page.getByRole('button', { name: 'Add all 2 shown' }).click();
    const order = page.getByRole('list', { name: 'Priority order' });
    const source = page.getByTestId('leveling-order-source');
    await expect(order.locator('li').allInnerTexts()).resolves.toEqual([expect.stringContaining('E2E Level beta · priority 800'), expect.stringContaining('E2E Level alpha · priority 500')]);
    await source.getByText('By stored priority').waitFor();
    await page.getByRole('button', { name: 'Move E2E Level beta down' }).click();
    await source.getByText('Your order overrides the stored priorities.').waitFor();
    await expect(order.locator('li').first().innerText()).resolves.toContain('E2E Level alpha');
    await page.getByRole('button', { name: 'Use stored priorities' }).click();
    await expect(order.locator('li').first().innerText()).resolves.toContain('E2E Level beta');
    await page.getByRole('button', { name: 'Move E2E Level beta down' }).click();
    await expect(order.locator('li').first().innerText()).resolves.toContain('E2E Level alpha');
    await page.getByRole('button', { name: 'Preview' }).click();
    const changes = page.getByTestId('leveling-changes');
    await changes.waitFor();
    const rows = await changes.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('Work beta');
    expect(rows[0]).toContain('2027-03-08');
    const gantt = page.getByTestId('leveling-gantt');
    await gantt.waitFor();
    await expect(gantt.getByTestId('gantt-row').count()).resolves.toBe(1);
    await expect(gantt.getByTestId('gantt-after').count()).resolves.toBe(1);
    await expectChartDrawn(page.getByTestId('leveling-histogram'));
    // Zed is over capacity on the five days both tasks share now, and on none after levelling.
    await page.getByTestId('leveling-overload').filter({ hasText: 'Over capacity now: 1 resource on 5 days; after levelling: 0 on 0 days.' }).waitFor();
    await expect(page.getByLabel('Resource').inputValue()).resolves.toBe(`person:${ids.person}`);
    await page.getByLabel('Resource').locator('option', { hasText: 'Zed Overbooked: 5 -> 0 days over' }).waitFor({ state: 'attached' });
    await page.screenshot({ path: `${OUT}/resources-leveling.png`, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Apply levelling' }).click();
    await page.getByText('Levelling applied: 1 tasks moved').waitFor();
    const task = (await api.call('GET', `/tasks/${ids.betaTask}`)) as Task;
    expect(task.start).toBe('2027-03-08T08:00:00');
  });

  it("sets a project's priority on its overview and a task's in the task table", async () => {
    await page.goto(`${server.url}/projects/${ids.alpha}/overview`);
    await page.getByTestId('project-priority').getByRole('button', { name: /edit project priority/ }).click();
    await page.getByLabel('project priority (0-1000)').fill('650');
    await page.getByLabel('project priority (0-1000)').press('Enter');
    await page.getByText('Priority set to 650').waitFor();
    expect(((await api.call('GET', `/projects/${ids.alpha}`)) as { priority: number }).priority).toBe(650);
    await page.getByRole('tab', { name: 'Tasks' }).click();
    await page.getByRole('button', { name: /edit priority of Work alpha/ }).click();
    await page.getByLabel(/^priority of Work alpha/).fill('1000');
    await page.getByLabel(/^priority of Work alpha/).press('Enter');
    await page.getByRole('button', { name: /^1000 \(do not level\).*edit priority of Work alpha/ }).waitFor();
    await expect.poll(async () => ((await api.call('GET', `/tasks/${ids.alphaTask}`)) as { priority: number }).priority).toBe(1000);
    expect(await seriousViolations(page)).toEqual([]);
    // The Gantt's task dialog edits it too (and refuses a priority out of range).
    await page.getByRole('tab', { name: 'Gantt' }).click();
    await page.getByTestId('gantt-chart').click({ position: { x: 5, y: 40 + 14 } }); // select row 1 (Work alpha)
    await page.getByRole('button', { name: 'Edit task' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Work alpha' });
    await dialog.getByLabel(/^Priority/).fill('1200');
    await dialog.getByText('A priority is a whole number from 0 to 1000.').waitFor();
    await expect(dialog.getByRole('button', { name: 'Save' }).isDisabled()).resolves.toBe(true);
    await dialog.getByLabel(/^Priority/).fill('300');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(async () => ((await api.call('GET', `/tasks/${ids.alphaTask}`)) as { priority: number }).priority).toBe(300);
  });

  it('assigns a person and a role placeholder in the Assignments tab and asks for staffing', async () => {
    await page.goto(`${server.url}/projects/${ids.alpha}/assignments`);
    await page.getByRole('tab', { name: 'Assignments' }).waitFor();
    const table = page.getByTestId('assignments-table');
    await table.getByText('Zed Overbooked').waitFor();
    await page.getByLabel('Task', { exact: true }).selectOption({ label: '1 Work alpha' });
    await page.getByLabel('Assign', { exact: true }).selectOption('role');
    await page.getByLabel('Role', { exact: true }).selectOption({ label: 'E2E Rustacean' });
    await page.getByLabel('Units %').fill('50');
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    await table.getByText('E2E Rustacean (role)').waitFor();
    await table.getByRole('button', { name: 'Request staffing' }).click();
    await page.getByRole('form', { name: 'Request staffing' }).getByLabel('Note').fill('Rust, please');
    await page.getByRole('button', { name: 'Send request' }).click();
    await table.getByText('requested').waitFor();
    // Units can be changed in place.
    await table.getByLabel('Units of Zed Overbooked').fill('80');
    await table.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Assignment saved').waitFor();
    await page.screenshot({ path: `${OUT}/resources-assignments.png` });
    expect(await seriousViolations(page)).toEqual([]);
    const items = ((await api.call('GET', `/projects/${ids.alpha}/assignments`)) as { items: { personId: string | null; roleId: string | null; unitsPercent: number }[] }).items;
    expect(items.map((a) => [a.personId ? 'person' : 'role', a.unitsPercent]).sort()).toEqual([['person', 80], ['role', 50]]);
  });

  it('ranks people for the request in the staffing inbox, proposes one, and the project accepts', async () => {
    await page.getByRole('link', { name: 'Staffing' }).click();
    await page.getByRole('heading', { name: 'Staffing requests' }).waitFor();
    await page.getByRole('button', { name: 'Open the request for Work alpha' }).click();
    const detail = page.getByTestId('staffing-detail');
    await detail.getByTestId('staffing-history').getByText(/created .*Rust, please/).waitFor();
    const suggestions = detail.getByTestId('staffing-suggestions');
    const first = suggestions.locator('tbody tr').first();
    await first.getByText('Ulla Rustexpert').waitFor();
    await first.getByText('E2E Rust: 5 >= 3 required').waitFor();
    await page.screenshot({ path: `${OUT}/resources-staffing.png`, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await detail.getByRole('button', { name: 'Propose Ulla Rustexpert' }).click();
    await page.getByText('Request proposed: Ulla Rustexpert').waitFor();
    // The project accepts the proposal from its Assignments tab.
    await page.goto(`${server.url}/projects/${ids.alpha}/assignments`);
    const table = page.getByTestId('assignments-table');
    await table.getByText('proposed: Ulla Rustexpert').waitFor();
    await table.getByRole('button', { name: 'Accept Ulla Rustexpert' }).click();
    await page.getByText('Ulla Rustexpert now does this work').waitFor();
    const history = ((await api.call('GET', `/projects/${ids.alpha}/staffing-requests`)) as { items: { status: string; nextSteps: string[] }[] }).items;
    expect(history.map((r) => [r.status, r.nextSteps])).toEqual([['filled', []]]);
    const items = ((await api.call('GET', `/projects/${ids.alpha}/assignments`)) as { items: { personId: string | null; roleId: string | null }[] }).items;
    expect(items.filter((a) => a.personId === ids.expert && a.roleId === null)).toHaveLength(1);
  });

  it('lets a project manager send a proposal back from the staffing inbox with a note (no ranking shown to them)', async () => {
    const pm = { username: 'petra-pm', password: 'Petra-password-1' };
    const user = (await api.call('POST', '/users', { ...pm, displayName: 'Petra PM', orgRole: 'member' })) as { id: string };
    await api.call('POST', `/projects/${ids.beta}/members`, { userId: user.id, role: 'project_manager' });
    const placeholder = (await api.call('POST', `/projects/${ids.beta}/assignments`, { taskId: ids.betaTask, roleId: ids.role, unitsPercent: 50 })) as { id: string };
    const request = (await api.call('POST', `/projects/${ids.beta}/staffing-requests`, { assignmentId: placeholder.id })) as { id: string };
    await api.call('PATCH', `/staffing-requests/${request.id}`, { status: 'proposed', personId: ids.person }, { 'if-match': '"1"' });
    const pmCtx = await newContext(browser);
    const p = await pmCtx.newPage();
    try {
      await loginViaUi(p, server.url, pm);
      await p.goto(`${server.url}/resources/staffing`);
      await p.getByRole('heading', { name: 'Staffing requests' }).waitFor();
      await p.getByRole('button', { name: 'Open the request for Work beta' }).click();
      const detail = p.getByTestId('staffing-detail');
      const actions = detail.getByTestId('staffing-project-actions');
      await actions.getByRole('button', { name: 'Accept Zed Overbooked' }).waitFor();
      expect(await detail.getByTestId('staffing-suggestions').count()).toBe(0);
      await detail.getByLabel('Note (sent with your decision)').fill('Zed is overbooked that week');
      await actions.getByRole('button', { name: 'Send the proposal back' }).click();
      await p.getByText('Proposal sent back').waitFor();
      await detail.getByTestId('staffing-history').getByText(/requested by Petra PM — “Zed is overbooked that week”/).waitFor();
      expect(await seriousViolations(p)).toEqual([]);
    } finally {
      await pmCtx.close();
    }
    const after = ((await api.call('GET', `/projects/${ids.beta}/staffing-requests`)) as { items: { id: string; status: string; personId: string | null; note: string }[] }).items.find((r) => r.id === request.id);
    expect(after).toMatchObject({ status: 'requested', personId: null, note: 'Zed is overbooked that week' });
  });

  it("keeps a person's vacations and cost and bill rates (finance's rates) in the resource profile", async () => {
    await page.getByRole('link', { name: 'Resource setup' }).click();
    await page.getByRole('heading', { name: 'Resource setup' }).waitFor();
    await page.getByRole('region', { name: 'People' }).getByRole('combobox').first().selectOption({ label: 'Zed Overbooked' });
    // A week of training: no capacity that week in the grid; removed again, the week is back.
    const npt = page.getByTestId('non-project-time');
    await npt.getByText('None: Zed Overbooked is available').waitFor();
    const off = npt.getByRole('form', { name: 'Add non-project time' });
    await off.getByLabel('First day').fill('2027-03-15');
    await off.getByLabel('Last day').fill('2027-03-19');
    await off.getByLabel('Reason').selectOption('training');
    await off.getByRole('button', { name: 'Add' }).click();
    await npt.getByRole('button', { name: 'Remove training 2027-03-15 to 2027-03-19' }).waitFor();
    type Grid = { rows: { id: string; capacityMinutes: number[] }[] };
    const zedCapacity = async () => ((await api.call('GET', '/capacity?from=2027-03-15&periods=1')) as Grid).rows.find((r) => r.id === ids.person)!.capacityMinutes;
    expect(await zedCapacity()).toEqual([0]);
    await npt.getByRole('button', { name: 'Remove training 2027-03-15 to 2027-03-19' }).click();
    await npt.getByText('None: Zed Overbooked is available').waitFor();
    expect(await zedCapacity()).toEqual([2400]);

    const rates = page.getByTestId('person-rates');
    await rates.getByText('No rates of Zed Overbooked yet').waitFor();
    const form = rates.getByRole('form', { name: 'Add a rate' });
    await form.getByLabel('Per hour').fill('85.5x');
    await form.getByRole('button', { name: 'Add rate' }).click();
    await form.getByText('Enter an amount per hour such as 85 or 85.50').waitFor();
    await form.getByLabel('Per hour').fill('85.50');
    await form.getByLabel('Currency').fill('eur');
    await form.getByRole('button', { name: 'Add rate' }).click();
    await page.getByText('Rate added').waitFor();
    const row = rates.locator('tbody tr').first();
    await row.getByText('€85.50').waitFor();
    await row.getByText('in effect').waitFor();
    await form.getByLabel('Kind').selectOption('bill');
    await form.getByLabel('From').fill('2027-01-01');
    await form.getByLabel('Per hour').fill('120');
    await form.getByRole('button', { name: 'Add rate' }).click();
    await rates.getByText('€120.00').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    const stored = ((await api.call('GET', `/rates?personId=${ids.person}`)) as { items: { kind: string; amountMinorPerHour: number; currency: string; effectiveFrom: string }[] }).items;
    expect(stored.map((r) => [r.kind, r.amountMinorPerHour, r.currency, r.effectiveFrom >= '2026-01-01'])).toEqual([['bill', 12000, 'EUR', true], ['cost', 8550, 'EUR', true]]);
  });
});
