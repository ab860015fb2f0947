/**
 * UBL produced THROUGH THE API (an invoice from approved time and a billable expense, the credit note that
 * voids it, and a fixed-price invoice from billing milestones) passes ../shared/data/einvoice/validate.sh (OASIS UBL 2.1 XSD + CEN EN 16931 Schematron).
 * Fails with a clear message when the validator or its tools are missing.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestContext } from '../helpers.js';
import { runEinvoiceValidator } from '../fixtures/finance/einvoice.js';
import { buildFinanceWorld, call, workWeek, type FinanceWorld } from './finance-world.js';

let ctx: TestContext;
let w: FinanceWorld;
beforeAll(async () => {
  ctx = await createTestApp();
  w = await buildFinanceWorld(ctx);
  const week = `/timesheets/${w.personId}/weeks/2026-11-16`;
  await call(ctx, w.worker, 'PUT', `${week}/entries`, { entries: workWeek(w, '2026-11-16', 425) }, 200);
  const sub = json(await call(ctx, w.worker, 'POST', `${week}/submit`, undefined, 200));
  await call(ctx, w.pm, 'POST', '/time-entries/approve', { ids: sub.entries.map((e: { id: string }) => e.id) }, 200);
  const ex = json(await call(ctx, w.worker, 'POST', `/projects/${w.projectId}/expenses`, { date: '2026-11-17', category: 'travel', description: 'Train Amsterdam <-> Utrecht & back', amountMinor: 4590, currency: 'EUR', billable: true, markupPercent: '10' }, 201));
  await call(ctx, w.pm, 'POST', `/projects/${w.projectId}/expenses/decide`, { ids: [ex.id], decision: 'approve' }, 200);
});
afterAll(async () => ctx.close());

describe('e-invoices produced through the API', () => {
  it('validates the invoice and its credit note with validate.sh', async () => {
    const draft = json(await call(ctx, w.finance, 'POST', '/invoices', { projectId: w.projectId, from: '2026-11-16', to: '2026-11-22', buyerReference: 'PO-4711' }, 201));
    expect(draft.lines).toHaveLength(2);
    const issued = json(await call(ctx, w.finance, 'POST', `/invoices/${draft.id}/issue`, { issueDate: '2026-11-25', version: draft.version }, 200));
    const voided = json(await call(ctx, w.finance, 'POST', `/invoices/${draft.id}/void`, { reason: 'duplicate order', issueDate: '2026-11-26', version: issued.version }, 200));
    const dir = mkdtempSync(join(tmpdir(), 'pmo-einvoice-api-'));
    const files: string[] = [];
    // Fixed price: two achieved milestones on one invoice.
    const ids: string[] = [];
    for (const [name, amountMinor] of [['Design approved', 1_250_000], ['Go-live', 2_500_050]] as const) {
      const m = json(await call(ctx, w.pm, 'POST', `/projects/${w.projectId}/billing-milestones`, { name, amountMinor }, 201));
      await call(ctx, w.pm, 'PATCH', `/billing-milestones/${m.id}`, { status: 'achieved', achievedOn: '2026-11-20', version: m.version }, 200);
      ids.push(m.id);
    }
    const fixed = json(await call(ctx, w.finance, 'POST', '/invoices', { projectId: w.projectId, milestoneIds: ids, orderReference: 'CONTRACT-7' }, 201));
    expect(fixed.lines.map((l: { unitCode: string }) => l.unitCode)).toEqual(['C62', 'C62']);
    await call(ctx, w.finance, 'POST', `/invoices/${fixed.id}/issue`, { issueDate: '2026-11-27', version: fixed.version }, 200);
    for (const [name, id] of [['invoice', draft.id], ['credit-note', voided.creditNote.id], ['milestones', fixed.id]] as const) {
      const res = await call(ctx, w.finance, 'GET', `/invoices/${id}/ubl`, undefined, 200);
      const file = join(dir, `${name}.xml`);
      writeFileSync(file, res.body);
      files.push(file);
    }
    const run = runEinvoiceValidator(files);
    expect(run.output).not.toMatch(/\[fatal\]|FAILED/i);
    expect({ status: run.status, output: run.status === 0 ? '' : run.output }).toEqual({ status: 0, output: '' });
  }, 300_000);
});
