/// <reference lib="dom" />
/**
 * End-to-end finance flow in the browser: a team member logs a week in the timesheet grid (a rule violation
 * from the API shows on its cell), submits it; the admin approves it in the approvals inbox, sees actuals and
 * EVM on the project's Financials tab, drafts an invoice for the period, issues it and downloads its PDF and
 * UBL XML. Then: an expense with a receipt file, approved in the inbox (which updates live); weighted-milestone
 * earned value set on the Earned value view; a billing milestone achieved and invoiced; a portfolio budget drafted
 * and submitted; the margin and compliance reports; a client edited on the setup page while its issued invoice
 * keeps the buyer it was issued with. axe-core checks the finance pages. Screenshots go to test-results/.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserAvailable, launchBrowser } from './browser.js';
import { ADMIN, apiAs, loginViaUi, newContext, startTestServer, type TestServer } from './harness.js';
import { seriousViolations } from './axe.js';
import { expectChartDrawn } from './charts.js';

const hasBrowser = browserAvailable();
const OUT = 'test-results';
const WORKER = { username: 'walt', password: 'Walt-worker-password-1' };
const FINANCE = { username: 'fiona', password: 'Fiona-finance-password-1' };
/** A one-page PDF receipt (enough for the type check: it starts with %PDF-). */
const RECEIPT = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (s: string, n: number) => { const d = new Date(`${s}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + n); return iso(d); };
const today = iso(new Date());
const thisMonday = addDays(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
/** Last week's Monday: a full working week in the past. */
const monday = addDays(thisMonday, -7);

describe.skipIf(!hasBrowser)('finance in the web app (browser)', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: BrowserContext;
  let worker: BrowserContext;
  let page: Page;
  let wpage: Page;
  let api: Awaited<ReturnType<typeof apiAs>>;
  let projectId = '';
  let invoiceId = '';
  let invoiceNumber = '';
  let taskId = '';
  let portfolioId = '';
  const walt = { personId: '' };

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    server = await startTestServer();
    browser = await launchBrowser();
    admin = await newContext(browser);
    page = await admin.newPage();
    await loginViaUi(page, server.url, ADMIN);
    api = await apiAs(admin, server.url);

    // World: a project with a task that has a planned cost, a worker (user + person) on it, rates, seller, client, budget.
    const pf = ((await api.call('GET', '/portfolios')) as { items: { id: string }[] }).items[0]!;
    portfolioId = pf.id;
    const project = (await api.call('POST', '/projects', {
      name: 'Billing portal', code: 'BILL', portfolioId: pf.id, stage: 'execution', startDate: addDays(monday, -14), finishDate: addDays(monday, 120),
    })) as { id: string };
    projectId = project.id;
    const task = (await api.call('POST', `/projects/${projectId}/tasks`, { name: 'Build', start: `${addDays(monday, -14)}T08:00`, durationMinutes: 480 * 60 })) as { id: string; version: number };
    taskId = task.id;
    await api.call('PATCH', `/tasks/${task.id}`, { percentComplete: 25 }, { 'if-match': `"${task.version}"` });
    await api.call('PUT', `/projects/${projectId}/task-costs`, { items: [{ taskId: task.id, plannedCostMinor: 4_000_000, evMethod: 'percent-complete' }] });
    const user = (await api.call('POST', '/users', { username: WORKER.username, displayName: 'Walt Worker', orgRole: 'member', password: WORKER.password })) as { id: string };
    await api.call('POST', `/projects/${projectId}/members`, { userId: user.id, role: 'team_member' });
    const person = (await api.call('POST', '/people', { name: 'Walt Worker', userId: user.id })) as { id: string };
    walt.personId = person.id;
    const settings = (await api.call('GET', '/finance/settings')) as { version: number };
    await api.call('PATCH', '/finance/settings', {
      seller: { name: 'Acme Consulting B.V.', vatId: 'NL123456789B01', legalRegistrationId: '12345678', address: { street: 'Keizersgracht 1', city: 'Amsterdam', postalCode: '1015 CJ', countryCode: 'NL' } },
      payment: { meansCode: '58', accountId: 'NL91ABNA0417164300', bic: 'ABNANL2A', terms: 'Net 30 days' }, vatCategory: 'S', vatRatePercent: '21', version: settings.version,
    });
    const client = (await api.call('POST', '/clients', { party: { name: 'Gemeente Voorbeeld', vatId: 'NL987654321B01', address: { street: 'Stationsplein 5', city: 'Utrecht', postalCode: '3511 ED', countryCode: 'NL' } }, currency: 'EUR' })) as { id: string };
    await api.call('PUT', `/projects/${projectId}/finance-settings`, { clientId: client.id });
    await api.call('POST', '/rates', { kind: 'cost', personId: person.id, effectiveFrom: '2020-01-01', amountMinorPerHour: 6000, currency: 'EUR' });
    await api.call('POST', '/rates', { kind: 'bill', personId: person.id, projectId, effectiveFrom: '2020-01-01', amountMinorPerHour: 9550, currency: 'EUR' });
    const budget = (await api.call('POST', `/projects/${projectId}/budget-versions`, {
      kind: 'original', currency: 'EUR', lines: [monday.slice(0, 7), addDays(monday, 40).slice(0, 7)].map((month) => ({ month, category: 'labour', expenditure: 'opex', amountMinor: 2_000_000 })),
    })) as { id: string; version: number };
    const submitted = (await api.call('POST', `/budget-versions/${budget.id}/transitions`, { action: 'submit', version: budget.version })) as { version: number };
    // Budgets are approved by someone other than who submitted them: the finance officer.
    await api.call('POST', '/users', { username: FINANCE.username, displayName: 'Fiona Finance', orgRole: 'finance', password: FINANCE.password });
    const fin = await newContext(browser);
    const login = await fin.request.post(`${server.url}/api/v1/auth/login`, { data: FINANCE });
    expect(login.ok()).toBe(true);
    await (await apiAs(fin, server.url)).call('POST', `/budget-versions/${budget.id}/transitions`, { action: 'approve', version: submitted.version });
    await fin.close();

    worker = await newContext(browser);
    wpage = await worker.newPage();
    await loginViaUi(wpage, server.url, WORKER);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('logs a week in the timesheet grid, shows the API rule violation on its cell, saves and submits', async () => {
    await wpage.goto(`${server.url}/timesheet?week=${monday}`);
    await wpage.getByRole('heading', { name: 'Timesheet' }).waitFor();
    const add = wpage.getByRole('group', { name: 'Add a row' });
    await add.getByLabel('Project').selectOption({ label: 'BILL · Billing portal' });
    await expect.poll(() => add.getByLabel('Task').locator('option').count()).toBeGreaterThan(1);
    await add.getByLabel('Task').selectOption({ label: 'Build' });
    await add.getByRole('button', { name: 'Add row' }).click();
    const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'];
    for (let i = 0; i < 5; i++) {
      await wpage.getByRole('textbox', { name: `BILL · Billing portal / Build, ${days[i]} ${addDays(monday, i)}, hours` }).fill(i === 0 ? '13' : '8');
    }
    await wpage.getByRole('textbox', { name: 'BILL · Billing portal / Build, comment' }).fill('Sprint 12');
    await expect.poll(() => wpage.getByTestId('week-total').textContent()).toBe('45');
    // A cell that is not a number is caught before anything is sent.
    const tue = wpage.getByRole('textbox', { name: `BILL · Billing portal / Build, Tue ${addDays(monday, 1)}, hours` });
    await tue.fill('eight');
    await wpage.getByRole('button', { name: 'Save' }).click();
    await wpage.getByText('"eight" is not a number of hours (use 7.5 or 7:30)').waitFor();
    expect(await tue.getAttribute('aria-invalid')).toBe('true');
    await tue.fill('8');
    await wpage.getByRole('button', { name: 'Save' }).click();
    // 13 h is over the 12 h day maximum: the API answers 422 and the grid marks the Monday cell. The error box
    // is still up from the "eight" attempt, so wait for the Monday cell itself, not for the box.
    await wpage.getByTestId('timesheet-errors').waitFor();
    const mon = wpage.getByRole('textbox', { name: `BILL · Billing portal / Build, Mon ${monday}, hours` });
    await expect.poll(() => mon.getAttribute('aria-invalid')).toBe('true');
    await mon.fill('8');
    await wpage.getByRole('button', { name: 'Save' }).click();
    await wpage.getByText('Timesheet saved').waitFor();
    expect(await wpage.getByTestId('week-total').textContent()).toBe('40');
    const week = (await (await apiAs(worker, server.url)).call('GET', `/timesheets/${walt.personId}/weeks/${monday}`)) as { entries: { comment: string | null }[] };
    expect(week.entries.map((e) => e.comment)).toEqual(Array(5).fill('Sprint 12'));
    await wpage.screenshot({ path: `${OUT}/finance-timesheet.png` });
    await wpage.getByRole('button', { name: 'Submit week' }).click();
    await wpage.getByText('Week submitted for approval').waitFor();
    await wpage.getByText('(submitted)').waitFor();
    expect(await wpage.getByRole('textbox', { name: /hours$/ }).count()).toBe(0);
  });

  it('approves the submitted week in the approvals inbox', async () => {
    await page.goto(`${server.url}/approvals`);
    await page.getByRole('heading', { name: 'Approvals' }).waitFor();
    await page.getByTestId('approval-row').first().waitFor();
    expect(await page.getByTestId('approval-row').count()).toBe(5);
    await page.getByRole('checkbox', { name: 'Select all entries' }).check();
    await page.screenshot({ path: `${OUT}/finance-approvals.png` });
    await page.getByRole('button', { name: 'Approve selected (5)' }).click();
    await page.getByText('5 entries approved').waitFor();
    await page.getByText('Nothing is waiting for your approval.').waitFor();
  });

  it('rejects time with a reason, which the worker then sees on the grid', async () => {
    await wpage.goto(`${server.url}/timesheet?week=${thisMonday}`);
    const add = wpage.getByRole('group', { name: 'Add a row' });
    await add.getByLabel('Project').selectOption({ label: 'BILL · Billing portal' });
    await add.getByRole('button', { name: 'Add row' }).click();
    const cell = wpage.getByRole('textbox', { name: `BILL · Billing portal, Mon ${thisMonday}, hours` });
    await cell.fill('2:30');
    await cell.press('Enter'); // Enter in a cell saves
    await wpage.getByText('Timesheet saved').waitFor();
    await wpage.getByRole('button', { name: 'Submit week' }).click();
    await wpage.getByText('Week submitted for approval').waitFor();

    await page.goto(`${server.url}/approvals`);
    await page.getByTestId('approval-row').first().waitFor();
    await page.getByRole('checkbox', { name: `Select Walt Worker ${thisMonday} BILL 2.5 h` }).check();
    await page.getByRole('button', { name: 'Reject selected…' }).click();
    await page.getByRole('dialog').getByLabel('Reason').fill('Please book this on a task');
    await page.getByRole('dialog').getByRole('button', { name: 'Reject' }).click();
    await page.getByText('1 entries rejected').waitFor();

    await wpage.reload();
    await wpage.getByText('Rejected: Please book this on a task').waitFor();
    expect(await cell.inputValue()).toBe('2.5');
  });

  it('shows actuals and EVM on the project financials tab', async () => {
    await page.goto(`${server.url}/projects/${projectId}/financials`);
    await page.getByRole('heading', { name: 'Earned value' }).waitFor();
    // 40 h at the 60.00 EUR cost rate.
    await expect.poll(() => page.getByTestId('fig-actual').textContent()).toContain('€2,400.00');
    expect(await page.getByTestId('evm-ac').textContent()).toContain('€2,400.00');
    expect(await page.getByTestId('evm-ev').textContent()).toContain('€10,000.00'); // 25 % of 40,000
    const cpi = Number((await page.getByTestId('evm-cpi').locator('dd').textContent())!.trim());
    expect(cpi).toBeCloseTo(10_000 / 2_400, 2);
    expect((await page.getByTestId('evm-spi').locator('dd').textContent())!.trim()).toMatch(/^\d+\.\d\d$/);
    await expectChartDrawn(page.getByTestId('budget-chart'));
    await expectChartDrawn(page.getByTestId('s-curve-chart'));
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${OUT}/finance-financials.png` });
    await page.getByRole('button', { name: /^Record EVM snapshot/ }).click();
    await page.getByText(/^EVM snapshot recorded/).waitFor();
    await page.getByTestId('s-curve-chart').scrollIntoViewIfNeeded();
    await page.getByTestId('s-curve-chart').screenshot({ path: `${OUT}/finance-s-curve.png` });
  });

  it('drafts an invoice for the period, issues it and downloads its PDF and UBL XML', async () => {
    await page.goto(`${server.url}/invoices`);
    await page.getByRole('heading', { name: 'Invoices' }).waitFor();
    await page.getByRole('button', { name: 'Draft invoice' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Project').selectOption({ label: 'BILL · Billing portal' });
    await dialog.getByTestId('unbilled').waitFor();
    await dialog.getByRole('button', { name: 'Use this period' }).click();
    expect(await dialog.getByLabel('From').inputValue()).toBe(monday);
    await dialog.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL(/\/invoices\/[0-9a-f-]{36}$/);
    invoiceId = page.url().split('/').pop()!;
    await page.getByRole('heading', { name: 'Invoice (draft)' }).waitFor();
    // 40 h x 95.50 = 3,820.00 net, 21 % VAT = 802.20, 4,622.20 due.
    expect(await page.getByTestId('amount-due').textContent()).toBe('€4,622.20');
    await page.getByRole('button', { name: 'Issue' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Issue' }).click();
    await page.getByRole('heading', { name: /^Invoice INV-\d{4}-\d{5}$/ }).waitFor();
    invoiceNumber = (await page.getByRole('heading', { level: 1 }).textContent())!.replace('Invoice ', '').trim();
    expect(await page.getByTestId('invoice-state').textContent()).toBe('Issued');
    await page.screenshot({ path: `${OUT}/finance-invoice.png` });

    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-pdf').click()]);
    const pdfBytes = readFileSync((await pdf.path())!);
    expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const [ubl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-ubl').click()]);
    const xml = readFileSync((await ubl.path())!, 'utf8');
    expect(xml.startsWith('<?xml')).toBe(true);
    expect(xml).toContain(`<cbc:ID>${invoiceNumber}</cbc:ID>`);

    await page.getByRole('button', { name: 'Mark paid' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Mark paid' }).click();
    await expect.poll(() => page.getByTestId('invoice-state').textContent()).toBe('Paid');

    await page.goto(`${server.url}/invoices?state=paid`);
    await page.getByRole('grid', { name: 'Invoices' }).getByText(invoiceNumber).waitFor();
  });

  it('records an expense with a receipt; it appears live in the approvals inbox and is approved there', async () => {
    await page.goto(`${server.url}/approvals`);
    await page.getByRole('heading', { name: 'Expenses' }).waitFor();
    await page.getByText('No expenses are waiting for your approval.').waitFor();

    await wpage.goto(`${server.url}/projects/${projectId}/financials?view=expenses`);
    await wpage.getByRole('button', { name: 'Record an expense' }).click();
    const dialog = wpage.getByRole('dialog');
    await dialog.getByLabel('Description').fill('Train to the client');
    await dialog.getByLabel('Amount').fill('45.90');
    await dialog.getByLabel('Billable to the client').check();
    await dialog.getByLabel('Receipt (PDF or photo, up to 10 MB)').setInputFiles({ name: 'train ticket.pdf', mimeType: 'application/pdf', buffer: RECEIPT });
    await dialog.getByRole('button', { name: 'Record expense' }).click();
    await wpage.getByText('Expense recorded and submitted for approval').waitFor();
    const row = wpage.getByTestId('expense-row').filter({ hasText: 'Train to the client' });
    await row.getByRole('link', { name: 'train ticket.pdf' }).waitFor();
    expect(await row.textContent()).toContain('Submitted');
    await wpage.screenshot({ path: `${OUT}/finance-expenses.png` });

    // The admin's inbox, open all along, shows the new expense without a reload (server-sent events).
    const pending = page.getByTestId('expense-approval-row').filter({ hasText: 'Train to the client' });
    await pending.waitFor({ timeout: 15_000 });
    const href = await pending.getByRole('link', { name: 'train ticket.pdf' }).getAttribute('href');
    const receipt = await admin.request.get(`${server.url}${href}`);
    expect(receipt.headers()['content-type']).toBe('application/pdf');
    expect(Buffer.from(await receipt.body()).equals(RECEIPT)).toBe(true);
    await page.screenshot({ path: `${OUT}/finance-approvals-expenses.png` });
    await pending.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Expense approved').waitFor();
    await page.getByText('No expenses are waiting for your approval.').waitFor();
    // Once decided, the worker can no longer change its receipts.
    await wpage.reload();
    await expect.poll(() => row.textContent()).toContain('Approved');
    expect(await row.getByRole('button', { name: 'Add receipt' }).count()).toBe(0);
  });

  it('sets weighted milestones as the earned value method of a task', async () => {
    await page.goto(`${server.url}/projects/${projectId}/financials?view=earned-value`);
    await page.getByRole('heading', { name: 'Planned cost and earned value by task' }).waitFor();
    expect(await page.getByTestId('task-ev').first().textContent()).toBe('€10,000.00');
    await page.getByRole('button', { name: 'Edit task costs' }).click();
    const method = page.getByRole('combobox', { name: /Build earned value method$/ });
    await method.selectOption({ label: 'Weighted milestones' });
    const group = page.getByRole('group', { name: /Build milestones$/ });
    for (const [i, name, weight] of [[1, 'Design', '1'], [2, 'Code', '1']] as const) {
      await group.getByRole('button', { name: 'Add milestone' }).click();
      await group.getByLabel(`Milestone ${i} name`).fill(name);
      await group.getByLabel(`Milestone ${i} weight`).fill(weight);
    }
    await group.getByLabel('Design done').check();
    await page.getByRole('button', { name: 'Save task costs' }).click();
    await page.getByText('Task costs saved').waitFor();
    // 1 of 2 weight done: half of 40,000.00 (it was 25 % complete before).
    await expect.poll(() => page.getByTestId('task-ev').first().textContent()).toBe('€20,000.00');
    expect(await page.getByTestId('task-evm-row').first().textContent()).toContain('1 of 2 milestones');
    await page.screenshot({ path: `${OUT}/finance-earned-value.png` });
    const list = (await api.call('GET', `/projects/${projectId}/task-costs`)) as { items: { taskId: string; evMethod: string; milestones: { name: string; weight: number; done: boolean }[] }[] };
    expect(list.items.find((i) => i.taskId === taskId)).toMatchObject({ evMethod: 'weighted-milestones', milestones: [{ name: 'Design', weight: 1, done: true }, { name: 'Code', weight: 1, done: false }] });
  });

  it('bills an achieved milestone through the invoice pages', async () => {
    await page.goto(`${server.url}/projects/${projectId}/financials?view=billing`);
    await page.getByRole('button', { name: 'Add milestone' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Go-live');
    await dialog.getByLabel('Amount (client currency)').fill('5000');
    await dialog.getByRole('button', { name: 'Add milestone' }).click();
    await page.getByText('Milestone Go-live added (€5,000.00)').waitFor();
    const row = page.getByTestId('milestone-row').filter({ hasText: 'Go-live' });
    await row.getByRole('button', { name: 'Mark achieved…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Mark achieved' }).click();
    await expect.poll(() => row.textContent()).toContain('Achieved on');
    await page.screenshot({ path: `${OUT}/finance-billing.png` });

    await page.goto(`${server.url}/invoices`);
    await page.getByRole('button', { name: 'Draft invoice' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('Project').selectOption({ label: 'BILL · Billing portal' });
    await dialog.getByLabel('Bill approved time and expenses of a period').uncheck();
    await dialog.getByRole('checkbox', { name: /Go-live/ }).check();
    await dialog.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL(/\/invoices\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Invoice (draft)' }).waitFor();
    // 5,000.00 + 21 % VAT.
    expect(await page.getByTestId('amount-due').textContent()).toBe('€6,050.00');
    expect(await page.getByTestId('invoice-lines').textContent()).toContain('Go-live');
    await page.goto(`${server.url}/projects/${projectId}/financials?view=billing`);
    await page.getByTestId('milestone-row').filter({ hasText: 'Go-live' }).getByRole('link', { name: 'Invoiced' }).waitFor();
  });

  it('drafts and submits a portfolio budget, and shows the margin and compliance reports', async () => {
    await page.goto(`${server.url}/finance/reports?view=budgets`);
    await page.getByRole('heading', { name: 'Finance reports' }).waitFor();
    await page.getByTestId('portfolio-budget-row').first().getByRole('link').click();
    await page.waitForURL(new RegExp(`/finance/budgets/portfolio/${portfolioId}$`));
    await page.getByRole('button', { name: 'New original budget' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Line 1 month').fill(monday.slice(0, 7));
    await dialog.getByLabel('Line 1 amount').fill('250000');
    await dialog.getByRole('button', { name: 'Add a line' }).click();
    await dialog.getByLabel('Line 2 category').fill('material');
    await dialog.getByLabel('Line 2 capex or opex').selectOption('capex');
    await dialog.getByLabel('Line 2 amount').fill('40000');
    await dialog.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Budget version 1 saved as a draft').waitFor();
    const version = page.getByTestId('budget-version').first();
    expect(await version.textContent()).toContain('€290,000.00');
    await version.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(() => version.textContent()).toContain("awaiting someone else's decision");
    await page.screenshot({ path: `${OUT}/finance-portfolio-budget.png` });

    await page.goto(`${server.url}/finance/reports?view=margins`);
    const margin = page.getByTestId('margin-row').filter({ hasText: 'BILL · Billing portal' });
    await margin.waitFor();
    expect(await margin.textContent()).toContain('invoiced + unbilled approved work');
    await page.getByLabel('Group by').selectOption('client');
    await page.getByTestId('client-margin-row').filter({ hasText: 'Gemeente Voorbeeld' }).waitFor();
    await page.screenshot({ path: `${OUT}/finance-margins.png` });
    await page.getByRole('tab', { name: 'Timesheet compliance' }).click();
    // Walt's time of this week was rejected, so his days since Monday are missing.
    await page.getByTestId('compliance-row').filter({ hasText: 'Walt Worker' }).waitFor();
    await page.screenshot({ path: `${OUT}/finance-compliance.png` });
  });

  it('keeps rates, exchange rates and clients on the finance setup page', async () => {
    await page.goto(`${server.url}/finance/setup`);
    await page.getByRole('heading', { name: 'Finance setup' }).waitFor();
    await expect.poll(() => page.getByTestId('rate-row').count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByRole('table', { name: 'Rates' }).textContent()).toContain('€95.50');
    await page.getByRole('tab', { name: 'Exchange rates' }).click();
    const form = page.getByRole('form', { name: 'Add an exchange rate' });
    await form.getByLabel('From').fill('GBP');
    await form.getByLabel('To').fill('EUR');
    await form.getByLabel('1 GBP =').fill('1.1650');
    await form.getByRole('button', { name: 'Save rate' }).click();
    await page.getByText(/^1 GBP = 1\.165 EUR on /).waitFor();
    await page.getByRole('table', { name: 'Exchange rates' }).getByText('1.165').waitFor();
    await page.getByRole('tab', { name: 'Clients' }).click();
    await page.getByRole('table', { name: 'Clients' }).getByText('Gemeente Voorbeeld').waitFor();
    await page.screenshot({ path: `${OUT}/finance-setup.png` });
    // The client moves: edit it in place; the invoice issued earlier keeps the buyer it was issued with.
    await page.getByRole('button', { name: 'Edit Gemeente Voorbeeld' }).click();
    const edit = page.getByRole('form', { name: 'Edit client Gemeente Voorbeeld' });
    expect(await edit.getByLabel('City').inputValue()).toBe('Utrecht');
    await edit.getByLabel('Name').fill('Gemeente Nieuwstad');
    await edit.getByLabel('Street').fill('Marktplein 9');
    await edit.getByLabel('City').fill('Amersfoort');
    await edit.getByRole('button', { name: 'Save client' }).click();
    await page.getByText('Client Gemeente Nieuwstad saved').waitFor();
    await page.getByTestId('client-row').filter({ hasText: 'Gemeente Nieuwstad' }).getByText('Marktplein 9, 3511 ED Amersfoort, NL').waitFor();
    expect(await page.getByTestId('client-row').filter({ hasText: 'Gemeente Voorbeeld' }).count()).toBe(0);
    await page.goto(`${server.url}/invoices/${invoiceId}`);
    await page.getByRole('heading', { name: `Invoice ${invoiceNumber}` }).waitFor();
    await page.getByText('Gemeente Voorbeeld', { exact: true }).waitFor();
    expect(await page.getByText('Gemeente Nieuwstad').count()).toBe(0);
  });

  it('imports cost lines in another currency on the Expenses view, converted at the dated rate', async () => {
    await page.goto(`${server.url}/projects/${projectId}/financials?view=expenses`);
    await page.getByRole('button', { name: 'Import cost lines (CSV)' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('or paste the CSV').fill(`id,project_id,date,category,amount,currency\nbad-1,${projectId},${today},external,12.00,CHF\n`);
    await dialog.getByRole('button', { name: 'Import' }).click();
    // No CHF rate: the whole file is refused with the reason.
    await dialog.getByRole('alert').filter({ hasText: /CHF/ }).waitFor();
    await dialog.getByLabel('or paste the CSV').fill(`id,project_id,date,category,amount,currency\ngbp-1,${projectId},${today},external,100.00,GBP\n`);
    await dialog.getByRole('button', { name: 'Import' }).click();
    // 100.00 GBP at the 1.165 rate added on the setup page today.
    await page.getByText('1 cost lines imported (€116.50)').waitFor();
    await page.getByTestId('expense-row').filter({ hasText: 'Imported cost line gbp-1' }).waitFor();
  });

  it('corrects approved time with a reversal and a replacement that go to approval', async () => {
    await wpage.goto(`${server.url}/timesheet?week=${monday}`);
    await wpage.getByRole('heading', { name: 'Approved time' }).waitFor();
    expect(await wpage.getByTestId('approved-entry').count()).toBe(5);
    await wpage.getByRole('button', { name: `Correct ${monday} BILL 8 h` }).click();
    const dialog = wpage.getByRole('dialog');
    await dialog.getByLabel('Correct hours').fill('7.5');
    await dialog.getByLabel('Reason').fill('Left early for the dentist');
    await dialog.getByRole('button', { name: 'Submit correction' }).click();
    await wpage.getByText('Correction submitted for approval').waitFor();
    await expect.poll(() => wpage.getByTestId('approved-entry').count()).toBe(4);
    await wpage.screenshot({ path: `${OUT}/finance-correction.png` });
    const inbox = (await api.call('GET', '/approvals/time')) as { items: { minutes: number; date: string }[] };
    expect(inbox.items.filter((e) => e.date === monday).map((e) => e.minutes).sort((a, b) => a - b)).toEqual([-480, 450]);
  });

  it('has no serious or critical axe violations on the finance pages', async () => {
    const found: Record<string, unknown> = {};
    const check = async (p: Page, path: string, ready: string) => {
      await p.goto(`${server.url}${path}`);
      await p.getByRole('heading', { name: ready }).first().waitFor();
      await p.waitForLoadState('networkidle').catch(() => undefined);
      await p.waitForTimeout(300);
      for (const theme of ['light', 'dark'] as const) {
        await p.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
        const v = await seriousViolations(p);
        if (v.length) found[`${path} (${theme})`] = v;
      }
      await p.evaluate(() => document.documentElement.removeAttribute('data-theme'));
    };
    await check(wpage, `/timesheet?week=${monday}`, 'Timesheet');
    await check(wpage, `/timesheet?week=${thisMonday}`, 'Timesheet');
    await check(page, `/timesheet?week=${monday}`, 'Timesheet');
    await check(page, '/approvals', 'Approvals');
    await check(page, `/projects/${projectId}/financials`, 'Earned value');
    await check(page, '/invoices', 'Invoices');
    await check(page, `/invoices/${invoiceId}`, `Invoice ${invoiceNumber}`);
    await check(page, `/projects/${projectId}/financials?view=budget`, 'Budget');
    await check(page, `/projects/${projectId}/financials?view=earned-value`, 'Planned cost and earned value by task');
    await check(page, `/projects/${projectId}/financials?view=expenses`, 'Expenses and cost lines');
    await check(page, `/projects/${projectId}/financials?view=billing`, 'Billing milestones');
    await check(page, '/finance/reports?view=margins', 'Finance reports');
    await check(page, '/finance/reports?view=compliance', 'Finance reports');
    await check(page, '/finance/setup?view=rates', 'Finance setup');
    await check(page, '/finance/setup?view=exchange-rates', 'Finance setup');
    await check(page, '/finance/setup?view=clients', 'Finance setup');
    await check(page, '/finance/setup?view=settings', 'Finance setup');
    await check(page, `/finance/budgets/portfolio/${portfolioId}`, 'Budget');
    if (Object.keys(found).length) writeFileSync(`${OUT}/axe-violations-finance.json`, JSON.stringify(found, null, 2));
    expect(found).toEqual({});
  });
});
