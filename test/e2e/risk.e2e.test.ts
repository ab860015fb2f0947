/// <reference lib="dom" />
/**
 * End-to-end risk management: the real server (fresh PGlite) and headless Chromium. A user records a risk
 * with a mitigation action, escalates it to the enterprise register, sees it on the portfolio heat map (counted
 * once) with the exposure trend, keeps the RAID log, records compliance evidence and sees the portfolio
 * compliance matrix, and runs a Monte Carlo analysis that shows P50/P80 dates, S-curves and the tornado; a
 * reputation risk is assessed on every impact dimension (inherent and residual) and scored by its worst one.
 * axe-core checks each risk page, the new-risk form and the edit dialog. Screenshots go to test-results/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserAvailable, launchBrowser } from './browser.js';
import { ADMIN, apiAs, loginViaUi, newContext, startTestServer, type TestServer } from './harness.js';
import { seriousViolations, type AxeViolation } from './axe.js';
import { expectChartDrawn } from './charts.js';

const hasBrowser = browserAvailable();
const OUT = 'test-results';

describe.skipIf(!hasBrowser)('risk management (browser)', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let api: Awaited<ReturnType<typeof apiAs>>;
  let projectId = '';
  let riskUrl = '';
  const axe: Record<string, AxeViolation[]> = {};
  const checkAxe = async (name: string) => {
    await page.waitForTimeout(300);
    const v = await seriousViolations(page);
    if (v.length) axe[name] = v;
  };

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    server = await startTestServer({ demo: false });
    browser = await launchBrowser();
    context = await newContext(browser);
    page = await context.newPage();
    await loginViaUi(page, server.url, ADMIN);
    api = await apiAs(context, server.url);
    const pf = (await api.call('POST', '/portfolios', { name: 'Risk Portfolio' })) as { id: string };
    const project = (await api.call('POST', '/projects', { name: 'Harbour Bridge', portfolioId: pf.id, startDate: '2026-03-02', stage: 'planning' })) as { id: string };
    projectId = project.id;
    let prev: string | null = null;
    for (const [name, days] of [['Survey', 5], ['Foundations', 15], ['Deck', 20], ['Handover', 3]] as const) {
      const t = (await api.call('POST', `/projects/${projectId}/tasks`, { name, durationMinutes: days * 480 })) as { id: string };
      if (prev) await api.call('POST', `/projects/${projectId}/links`, { predecessorId: prev, successorId: t.id });
      prev = t.id;
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('records a risk in the project register and adds a mitigation action', async () => {
    await page.goto(`${server.url}/projects/${projectId}`);
    await page.getByRole('link', { name: 'Risk register' }).click();
    await page.getByRole('heading', { name: /Risk register/ }).waitFor();
    expect(page.url()).toContain(`/risks/projects/${projectId}`);
    await checkAxe('/risks/projects/:id');
    await page.getByRole('button', { name: 'New risk' }).click();
    const form = page.getByRole('form', { name: 'New risk' });
    await form.getByLabel('Title').fill('Steel delivery delayed');
    await form.getByLabel('Category').fill('supply');
    await form.getByLabel('Probability (inherent)').selectOption('4');
    await form.getByLabel('Schedule impact (inherent)').selectOption('5');
    await form.getByLabel('Cost if it occurs').fill('250000');
    await form.getByRole('button', { name: 'Record risk' }).click();
    await page.getByRole('heading', { name: 'Steel delivery delayed' }).waitFor();
    riskUrl = page.url();
    expect(riskUrl).toMatch(/\/risks\/items\/[0-9a-f-]{36}$/);

    const actionForm = page.getByRole('form', { name: 'New action' });
    await actionForm.getByLabel('Action').fill('Qualify a second steel mill');
    await actionForm.getByLabel('Due date').fill('2026-02-15');
    await actionForm.getByRole('button', { name: 'Add action' }).click();
    const actions = page.getByTestId('risk-actions');
    await actions.getByText('Qualify a second steel mill').waitFor();
    await actions.getByText('Overdue').waitFor();
    await page.getByTestId('attention-flag').waitFor();
    await checkAxe('/risks/items/:id');
    await page.screenshot({ path: `${OUT}/risk-detail.png` });

    const riskId = riskUrl.split('/').pop()!;
    const stored = (await api.call('GET', `/risks/${riskId}/actions`)) as { items: Array<{ title: string; dueDate: string }> };
    expect(stored.items).toMatchObject([{ title: 'Qualify a second steel mill', dueDate: '2026-02-15' }]);
  });

  it('escalates the risk to the enterprise register', async () => {
    await page.goto(riskUrl);
    await page.getByLabel('Escalate to register').waitFor();
    expect(await page.getByLabel('Escalate to register').inputValue()).toBe('enterprise');
    await page.getByRole('button', { name: 'Escalate', exact: true }).click();
    await page.getByText('Escalated to the enterprise register:').waitFor();
    const ent = (await api.call('GET', '/risks?level=enterprise')) as { items: Array<{ title: string; escalatedFromCount: number }> };
    expect(ent.items).toMatchObject([{ title: 'Steel delivery delayed', escalatedFromCount: 1 }]);
  });

  it('shows the exposure once on the portfolio heat map and in the top risks, with the trend', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Risks' }).click();
    await page.getByRole('heading', { name: 'Risks', exact: true }).waitFor();
    const heat = page.getByTestId('risk-heatmap');
    await expectChartDrawn(heat);
    // The project risk and the enterprise risk it was escalated to are one exposure: the enterprise risk carries it.
    expect(await heat.getAttribute('data-total')).toBe('1');
    await page.getByTestId('carried-note').waitFor();
    const top = page.getByTestId('top-risks');
    await expect.poll(async () => top.getByRole('link', { name: 'Steel delivery delayed' }).count()).toBe(1);
    await top.getByText('enterprise').waitFor();
    await top.getByText('(1 linked)').waitFor();
    const trend = page.getByTestId('risk-trend');
    await expectChartDrawn(trend);
    expect(Number(await trend.getAttribute('data-points'))).toBeGreaterThanOrEqual(1);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${OUT}/risk-dashboard.png` });
    await checkAxe('/risks');
  });

  it('keeps the RAID log with owners, due dates and links to the risk and a task', async () => {
    await page.goto(`${server.url}/risks/projects/${projectId}`);
    await page.getByRole('navigation', { name: 'Project risk views' }).getByRole('link', { name: 'RAID log' }).click();
    await page.getByRole('heading', { name: /RAID log/ }).waitFor();
    await page.getByRole('button', { name: 'New entry' }).click();
    const form = page.getByRole('form', { name: 'New RAID entry' });
    await form.getByLabel('Type').selectOption('decision');
    await form.getByLabel('Title').fill('Buy steel from two mills');
    await form.getByLabel('Due date').fill('2026-03-20');
    await form.getByLabel('Linked risk').selectOption({ label: 'Steel delivery delayed' });
    await form.getByLabel('Linked task').selectOption({ label: '2 Foundations' });
    await form.getByLabel('Decision taken').fill('Approved by the sponsor');
    await form.getByRole('button', { name: 'Add entry' }).click();
    const log = page.getByTestId('raid-log');
    await log.getByText('Buy steel from two mills').waitFor();
    await log.getByRole('link', { name: 'Steel delivery delayed' }).waitFor();
    await log.getByText('Foundations').waitFor();
    expect(await page.getByTestId('raid-count-decision').textContent()).toBe('1');
    await checkAxe('/risks/projects/:id/raid');
    await page.screenshot({ path: `${OUT}/risk-raid.png` });
  });

  it('records compliance evidence and a register review, and shows the portfolio compliance matrix', async () => {
    await page.goto(`${server.url}/risks/projects/${projectId}/compliance`);
    await page.getByRole('heading', { name: /Compliance/ }).waitFor();
    const items = page.getByTestId('compliance-items');
    await items.waitFor();
    expect(await page.getByTestId('compliance-met').textContent()).toBe('0 / 4');
    await page.getByRole('button', { name: 'Mark risk register reviewed today' }).click();
    await expect.poll(async () => page.getByTestId('compliance-met').textContent()).toBe('1 / 4');
    await page.getByRole('button', { name: 'Record Project charter signed' }).click();
    const rec = page.getByRole('form', { name: 'Record Project charter signed' });
    await rec.getByLabel('Evidence links (one per line)').fill('https://docs.example.com/charter.pdf');
    await rec.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => page.getByTestId('compliance-met').textContent()).toBe('2 / 4');
    await items.getByRole('link', { name: 'evidence 1' }).waitFor();
    await checkAxe('/risks/projects/:id/compliance');
    await page.goto(`${server.url}/risks/compliance`);
    const matrix = page.getByTestId('compliance-matrix');
    await matrix.getByRole('link', { name: /Harbour Bridge/ }).waitFor();
    await page.getByTestId('compliance-summary').waitFor();
    await checkAxe('/risks/compliance');
    await page.screenshot({ path: `${OUT}/risk-compliance-matrix.png` });
    await page.goto(`${server.url}/risks/library`);
    await page.getByRole('heading', { name: 'Risk library' }).waitFor();
    // A template's typical assessment covers every impact dimension: reputation 5 at probability 2 sets its score.
    await page.getByRole('button', { name: 'New template' }).click();
    const tpl = page.getByRole('form', { name: 'New template' });
    await tpl.getByLabel('Title').fill('Press coverage of a data breach');
    await tpl.getByLabel('Probability (inherent)').selectOption('2');
    await tpl.getByLabel('Schedule impact (inherent)').selectOption('1');
    await tpl.getByLabel('Cost impact (inherent)').selectOption('0');
    await tpl.getByLabel('Reputation impact (inherent)').selectOption('5');
    await expect.poll(() => tpl.getByTestId('inherent-score-preview').textContent()).toContain('= 10');
    await checkAxe('/risks/library (new template)');
    await tpl.getByRole('button', { name: 'Add template' }).click();
    const card = page.getByRole('article', { name: 'Press coverage of a data breach' });
    await expect.poll(() => card.getByTestId('template-typical').textContent()).toBe('Typical: probability 2 × impact 5 = 10 (high) · worst: reputation');
    const stored = (await api.call('GET', '/risk-library')) as { items?: { title: string; inherent: unknown }[] } | { title: string; inherent: unknown }[];
    const list = Array.isArray(stored) ? stored : stored.items ?? [];
    expect(list.find((t) => t.title === 'Press coverage of a data breach')?.inherent).toEqual({ probabilityLevel: 2, impacts: { schedule: 1, reputation: 5 } });
    await checkAxe('/risks/library');
    await page.goto(`${server.url}/risks/settings`);
    await page.getByRole('form', { name: 'Risk scales' }).waitFor();
    await checkAxe('/risks/settings');
  });

  it('runs a Monte Carlo analysis and shows P50 and P80 finish dates', async () => {
    await page.goto(`${server.url}/risks/projects/${projectId}`);
    await page.getByRole('navigation', { name: 'Project risk views' }).getByRole('link', { name: 'Monte Carlo analysis' }).click();
    await page.getByRole('heading', { name: 'Monte Carlo schedule analysis' }).waitFor();
    await page.getByLabel('Iterations').fill('2000');
    await page.getByLabel('Seed').fill('e2e');
    await page.getByRole('button', { name: 'Run simulation' }).click();
    const p50 = (await page.getByTestId('mc-p50').textContent())!;
    const p80 = (await page.getByTestId('mc-p80').textContent())!;
    expect(p50).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(p80).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(p50 <= p80).toBe(true);
    // 43 working days of most-likely work from 2 March 2026: the simulated P50 is later (1.5x tails).
    expect(p50 > '2026-04-29').toBe(true);
    for (const id of ['mc-histogram', 'mc-s-curve', 'mc-tornado', 'mc-cost-curve']) await expectChartDrawn(page.getByTestId(id));
    expect(await page.getByTestId('mc-cost-p50').textContent()).toMatch(/\d/);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${OUT}/risk-monte-carlo.png` });
    await checkAxe('/risks/projects/:id/monte-carlo');
    const again = (await api.call('GET', `/projects/${projectId}/monte-carlo?iterations=2000&seed=e2e`)) as { p50: string; p80: string };
    expect([again.p50, again.p80]).toEqual([p50, p80]);
  });

  it('assesses a risk on every impact dimension and scores it by the worst one, inherent and residual', async () => {
    await page.goto(`${server.url}/risks/projects/${projectId}`);
    await page.getByRole('button', { name: 'New risk' }).click();
    const form = page.getByRole('form', { name: 'New risk' });
    for (const which of ['inherent', 'residual']) {
      for (const dim of ['Schedule', 'Cost', 'Scope', 'Quality', 'Reputation']) await form.getByLabel(`${dim} impact (${which})`).waitFor();
    }
    await form.getByLabel('Title').fill('Press reports a bridge defect');
    await form.getByLabel('Category').fill('stakeholder');
    await form.getByLabel('Probability (inherent)').selectOption('3');
    await form.getByLabel('Schedule impact (inherent)').selectOption('1');
    await form.getByLabel('Cost impact (inherent)').selectOption('1');
    await form.getByLabel('Reputation impact (inherent)').selectOption('5');
    await form.getByLabel('Probability (residual)').selectOption('2');
    await form.getByLabel('Schedule impact (residual)').selectOption('1');
    await form.getByLabel('Cost impact (residual)').selectOption('0');
    await form.getByLabel('Reputation impact (residual)').selectOption('3');
    // The score the form shows before saving: probability x the worst dimension (reputation 5 Severe).
    await expect.poll(async () => form.getByTestId('inherent-score-preview').textContent()).toBe('Score 3 × 5 = 15 (high), set by the worst impact: reputation');
    await expect.poll(async () => form.getByTestId('residual-score-preview').textContent()).toBe('Score 2 × 3 = 6 (medium), set by the worst impact: reputation');
    await checkAxe('/risks/projects/:id (new risk form)');
    await page.screenshot({ path: `${OUT}/risk-form-dimensions.png`, fullPage: true });
    await form.getByRole('button', { name: 'Record risk' }).click();
    await page.getByRole('heading', { name: 'Press reports a bridge defect' }).waitFor();
    // The API scores it the same way.
    expect(await page.getByTestId('inherent-score').textContent()).toBe('15 high');
    expect(await page.getByTestId('residual-score').textContent()).toBe('6 medium');
    const table = page.getByTestId('risk-assessment');
    expect(await table.getByTestId('inherent-reputation').textContent()).toBe('5 Severe (worst)');
    expect(await table.getByTestId('inherent-schedule').textContent()).toBe('1 Negligible');
    expect(await table.getByTestId('residual-cost').textContent()).toBe('—');
    expect(await table.getByTestId('residual-reputation').textContent()).toBe('3 Moderate (worst)');
    const riskId = page.url().split('/').pop()!;
    const stored = (await api.call('GET', `/risks/${riskId}`)) as { inherent: unknown; residual: unknown; inherentScore: number; residualScore: number };
    expect(stored).toMatchObject({ inherent: { probabilityLevel: 3, impacts: { schedule: 1, cost: 1, reputation: 5 } }, residual: { probabilityLevel: 2, impacts: { schedule: 1, reputation: 3 } }, inherentScore: 15, residualScore: 6 });
    expect(Object.keys((stored.residual as { impacts: object }).impacts).sort()).toEqual(['reputation', 'schedule']);

    // Edit: a quality impact above reputation now sets the residual score; the inherent assessment is left alone.
    await page.getByRole('button', { name: 'Edit risk' }).click();
    const edit = page.getByRole('form', { name: 'Edit risk' });
    expect(await edit.getByLabel('Reputation impact (inherent)').inputValue()).toBe('5');
    expect(await edit.getByLabel('Scope impact (residual)').inputValue()).toBe('0');
    await edit.getByLabel('Quality impact (residual)').selectOption('4');
    await expect.poll(async () => edit.getByTestId('residual-score-preview').textContent()).toBe('Score 2 × 4 = 8 (medium), set by the worst impact: quality');
    await checkAxe('/risks/items/:id (edit dialog)');
    await edit.getByRole('button', { name: 'Save risk' }).click();
    await expect.poll(async () => page.getByTestId('residual-score').textContent()).toBe('8 medium');
    expect(await page.getByTestId('risk-assessment').getByTestId('residual-quality').textContent()).toBe('4 Major (worst)');
    await checkAxe('/risks/items/:id (assessment table)');
    await page.screenshot({ path: `${OUT}/risk-dimensions.png`, fullPage: true });
    const edited = (await api.call('GET', `/risks/${riskId}`)) as { residual: unknown; residualScore: number; inherentScore: number };
    expect(edited).toMatchObject({ residual: { probabilityLevel: 2, impacts: { schedule: 1, quality: 4, reputation: 3 } }, residualScore: 8, inherentScore: 15 });
    const history = (await api.call('GET', `/risks/${riskId}/history`)) as { items: Array<{ action: string; changes: Array<{ field: string }> }> };
    const update = history.items.find((h) => h.action === 'updated')!;
    expect(update.changes.map((c) => c.field)).toContain('residual');
    expect(update.changes.map((c) => c.field)).not.toContain('inherent');
  });

  it('has no serious accessibility violations on the risk pages', () => {
    if (Object.keys(axe).length) writeFileSync(`${OUT}/axe-violations-risk.json`, JSON.stringify(axe, null, 2));
    expect(axe).toEqual({});
  });
});
