/// <reference lib="dom" />
/**
 * End-to-end, stage gates: the real server (fresh PGlite) and headless Chromium. The PMO opens a gate review from a
 * project's Gates tab, sees why it is not ready, ticks the checklist; a portfolio manager approves on the review
 * page (in their own browser session); the PMO decides go and the project moves stage, with the decision in the
 * history. The PMO configures a lifecycle in the editor (removing a stage in use is refused) and makes it the default.
 * Axe-core on the review page, the project tab, the queue and the lifecycles page (light and dark). Screenshots in
 * test-results/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserAvailable, launchBrowser } from './browser.js';
import { ADMIN, apiAs, loginViaUi, newContext, startTestServer, type TestServer } from './harness.js';
import { seriousViolations } from './axe.js';

const hasBrowser = browserAvailable();
const OUT = 'test-results';
const PMO = { username: 'gate-pmo', password: 'gate-pmo-password-1' };
const PFM = { username: 'gate-pfm', password: 'gate-pfm-password-1' };

describe.skipIf(!hasBrowser)('stage gates (browser)', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: BrowserContext;
  let pmoContext: BrowserContext;
  let pfmContext: BrowserContext;
  let page: Page;
  let projectId = '';

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    server = await startTestServer({ demo: false });
    browser = await launchBrowser();
    admin = await newContext(browser);
    const adminPage = await admin.newPage();
    await loginViaUi(adminPage, server.url, ADMIN);
    const api = await apiAs(admin, server.url);
    await api.call('POST', '/users', { ...PMO, displayName: 'Pat PMO', orgRole: 'pmo' });
    await api.call('POST', '/users', { ...PFM, displayName: 'Morgan Portfolio', orgRole: 'portfolio_manager' });
    const pf = (await api.call('POST', '/portfolios', { name: 'Digital' })) as { id: string };
    const project = (await api.call('POST', '/projects', { name: 'Idea Hub', portfolioId: pf.id, description: 'One place for every idea' })) as { id: string };
    projectId = project.id;
    await adminPage.close();
    pmoContext = await newContext(browser);
    page = await pmoContext.newPage();
    await loginViaUi(page, server.url, PMO);
    pfmContext = await newContext(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens a review from the project, shows what is missing and records the checklist', async () => {
    await page.goto(`${server.url}/projects/${projectId}/gates`);
    await page.getByTestId('gate-stage').filter({ hasText: 'Idea' }).waitFor();
    await page.getByRole('button', { name: 'Open gate review' }).click();
    const readiness = page.getByTestId('gate-readiness');
    await readiness.filter({ hasText: 'Not ready' }).waitFor();
    expect(await readiness.innerText()).toMatch(/sponsor is willing.*not ticked.*no portfolio manager approval yet/s);
    const criteria = page.getByRole('table', { name: 'Gate criteria' });
    // The description comes from the project record, so that criterion is met already.
    await expect(criteria.locator('tr', { hasText: 'Problem and expected outcome described' }).innerText()).resolves.toMatch(/Met/);
    await criteria.locator('tr', { hasText: 'A sponsor is willing' }).getByLabel('Done').click();
    await criteria.locator('tr', { hasText: 'A sponsor is willing' }).filter({ hasText: 'ticked by Pat PMO' }).waitFor();
    expect(await readiness.innerText()).not.toMatch(/sponsor/);
    // Go is not offered until the gate is ready.
    expect(await page.getByLabel('Decision', { exact: true }).locator('option[value="go"]').isDisabled()).toBe(true);
  });

  it('lets the portfolio manager approve on the review page, in their own session', async () => {
    const pfmPage = await pfmContext.newPage();
    await loginViaUi(pfmPage, server.url, PFM);
    await pfmPage.goto(`${server.url}/strategy/gates`);
    const queue = pfmPage.getByRole('table', { name: 'Open gate reviews' });
    await queue.getByRole('link', { name: 'Idea Hub' }).click();
    await pfmPage.getByRole('heading', { name: 'Gate review: Idea Hub' }).waitFor();
    await pfmPage.getByLabel('Comment (Portfolio manager)').fill('Fits the digital strategy');
    await pfmPage.getByRole('button', { name: 'Approve as Portfolio manager' }).click();
    await pfmPage.getByTestId('gate-readiness').filter({ hasText: 'Ready for a go decision' }).waitFor();
    const approvals = pfmPage.getByRole('table', { name: 'Gate approvals' });
    expect(await approvals.innerText()).toMatch(/Morgan Portfolio: approved — “Fits the digital strategy”/);
    // Only the role the user holds can be voted in.
    expect(await pfmPage.getByRole('button', { name: /^Approve as/ }).allInnerTexts()).toEqual(['Approve as Portfolio manager']);
    await pfmPage.screenshot({ path: `${OUT}/gates-review.png` });
    await pfmPage.close();
  });

  it('decides go: the project enters the next stage and the decision is in its history', async () => {
    await page.reload();
    await page.getByTestId('gate-readiness').filter({ hasText: 'Ready for a go decision' }).waitFor();
    await page.getByLabel('Decision', { exact: true }).selectOption('go');
    await page.getByLabel('Comment (optional)').fill('Write the proposal');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.getByText('Decision recorded: go').waitFor();
    await page.getByTestId('gate-stage').filter({ hasText: 'Proposal' }).waitFor();
    const history = page.getByRole('table', { name: 'Gate decisions' });
    expect(await history.locator('tbody tr').first().innerText()).toMatch(/Idea screen\s+go\s+Proposal\s+Pat PMO/);
    await page.getByRole('button', { name: 'Open gate review' }).waitFor();
    await page.screenshot({ path: `${OUT}/gates-project.png` });
    const api = await apiAs(pmoContext, server.url);
    const p = (await api.call('GET', `/projects/${projectId}`)) as { stage: string };
    expect(p.stage).toBe('proposal');
  });

  it('configures a lifecycle in the editor: stages, a required field, approving roles; removing a stage in use is refused', async () => {
    await page.goto(`${server.url}/strategy/lifecycles`);
    // The project is in the proposal stage now, so the standard lifecycle cannot lose it.
    await page.getByRole('button', { name: 'Edit Standard project lifecycle' }).click();
    const std = page.getByRole('form', { name: 'Edit Standard project lifecycle' });
    await std.getByRole('button', { name: 'Remove stage Proposal' }).click();
    await std.getByRole('button', { name: 'Save lifecycle' }).click();
    await std.getByRole('alert').filter({ hasText: /proposal/i }).waitFor();
    await std.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'New lifecycle' }).click();
    const form = page.getByRole('form', { name: 'New lifecycle' });
    await form.getByLabel('Lifecycle name').fill('Fast track');
    await form.getByLabel('New stage').fill('Benefits review');
    await form.getByRole('button', { name: 'Add stage' }).click();
    await form.getByRole('button', { name: 'Add criterion to the gate out of Idea' }).click();
    await form.getByLabel('Kind of criterion 2 (Idea)').selectOption({ label: 'Required field' });
    await form.getByLabel('Label of criterion 2 (Idea)').fill('Problem described');
    await form.getByLabel('Field of criterion 2 (Idea)').selectOption({ label: 'Description' });
    const approvals = form.getByRole('group', { name: 'Approvals at the gate out of Approved' });
    await approvals.getByLabel('PMO').uncheck();
    await approvals.getByLabel('Finance').check();
    await form.getByRole('button', { name: 'Save lifecycle' }).click();
    await page.getByText('Lifecycle "Fast track" saved').waitFor();
    const gates = page.getByRole('table', { name: 'Gates of Fast track' });
    expect(await gates.locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/^Approval\s+Idea → Approved\s+A sponsor is named \(checklist item\)\s+Problem described \(required field: Description\)\s+PMO$/),
      expect.stringMatching(/^Closure\s+Approved → Done\s+none\s+Finance$/),
      expect.stringMatching(/^Done gate\s+Done → Benefits review\s+none\s+PMO$/),
    ]);
    await page.getByRole('button', { name: 'Make default: Fast track' }).click();
    await page.getByRole('region', { name: 'Lifecycle Fast track' }).getByRole('heading', { name: 'Fast track (default)' }).waitFor();
    await page.screenshot({ path: `${OUT}/gates-lifecycles.png`, fullPage: true });
    const api = await apiAs(pmoContext, server.url);
    const list = (await api.call('GET', '/lifecycles')) as { items: { key: string; isDefault: boolean; stages: { key: string }[] }[] };
    const fast = list.items.find((l) => l.key === 'fast-track')!;
    expect(fast).toMatchObject({ isDefault: true, stages: [{ key: 'idea' }, { key: 'approved' }, { key: 'done' }, { key: 'benefits-review' }] });
    // The project keeps the lifecycle it was in (the standard one, pinned when the default changed).
    const p = (await api.call('GET', `/projects/${projectId}/gates`)) as { lifecycle: { name: string }; subject: { stage: string } };
    expect(p).toMatchObject({ lifecycle: { name: 'Standard project lifecycle' }, subject: { stage: 'proposal' } });
  });

  it('has no serious or critical axe violations on the gate pages', async () => {
    const api = await apiAs(pmoContext, server.url);
    const review = (await api.call('POST', `/projects/${projectId}/gate-reviews`)) as { id: string };
    const found: Record<string, unknown> = {};
    for (const path of [`/projects/${projectId}/gates`, `/gates/${review.id}`, '/strategy/gates', '/strategy/lifecycles']) {
      await page.goto(`${server.url}${path}`);
      await page.locator('main h1, main h2').first().waitFor();
      await page.waitForLoadState('networkidle').catch(() => undefined);
      await page.waitForTimeout(300);
      const v = await seriousViolations(page);
      if (v.length) found[path] = v;
      await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
      const d = await seriousViolations(page);
      if (d.length) found[`${path} (dark)`] = d;
      await page.evaluate(() => document.documentElement.removeAttribute('data-theme'));
    }
    if (Object.keys(found).length) writeFileSync(`${OUT}/axe-violations-gates.json`, JSON.stringify(found, null, 2));
    expect(found).toEqual({});
  });
});
