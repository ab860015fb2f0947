/** Invoices through the API: draft from approved time, issue with gap-free numbers, pay, void by credit note, outputs; double billing refused by the database. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, json, type TestContext } from '../helpers.js';
import { buildFinanceWorld, call, workWeek, type FinanceWorld } from './finance-world.js';

let ctx: TestContext;
let w: FinanceWorld;
beforeAll(async () => {
  ctx = await createTestApp();
  w = await buildFinanceWorld(ctx);
  for (const monday of ['2026-11-02', '2026-11-09']) {
    const week = `/timesheets/${w.personId}/weeks/${monday}`;
    await call(ctx, w.worker, 'PUT', `${week}/entries`, { entries: workWeek(w, monday, 450) }, 200);
    const sub = json(await call(ctx, w.worker, 'POST', `${week}/submit`, undefined, 200));
    await call(ctx, w.pm, 'POST', '/time-entries/approve', { ids: sub.entries.map((e: { id: string }) => e.id) }, 200);
  }
});
afterAll(async () => ctx.close());

describe('invoices', () => {
  let invoiceId: string;

  it('drafts an invoice from approved billable time, and refuses to bill the same time twice', async () => {
    const unbilled = json(await call(ctx, w.finance, 'GET', `/reports/unbilled-work?projectId=${w.projectId}`, undefined, 200));
    expect(unbilled.items[0]).toMatchObject({ timeEntries: 10, minutes: 4500, firstDate: '2026-11-02', lastDate: '2026-11-13' });
    const inv = json(await call(ctx, w.finance, 'POST', '/invoices', { projectId: w.projectId, from: '2026-11-02', to: '2026-11-06' }, 201));
    invoiceId = inv.id;
    expect(inv.state).toBe('draft');
    expect(inv.number).toBeNull();
    expect(inv.lines).toHaveLength(1);
    expect(inv.lines[0]).toMatchObject({ quantity: '37.5', unitPriceMinor: 9550, netAmountMinor: 358_125 });
    expect(inv.totals).toMatchObject({ taxExclusiveMinor: 358_125, taxMinor: 75_206, payableMinor: 433_331 });
    const again = await call(ctx, w.finance, 'POST', '/invoices', { projectId: w.projectId, from: '2026-11-02', to: '2026-11-06' });
    expect(again.statusCode).toBe(422);
    expect(json(again).code).toBe('nothing_to_bill');
    const left = json(await call(ctx, w.finance, 'GET', `/reports/unbilled-work?projectId=${w.projectId}`, undefined, 200));
    expect(left.items[0]).toMatchObject({ timeEntries: 5, minutes: 2250, firstDate: '2026-11-09' });
    // project managers read their project's invoices but do not create them
    expect((await call(ctx, w.pm, 'GET', `/invoices/${invoiceId}`)).statusCode).toBe(200);
    expect((await call(ctx, w.pm, 'POST', '/invoices', { projectId: w.projectId, from: '2026-11-09', to: '2026-11-13' })).statusCode).toBe(403);
    expect((await call(ctx, w.worker, 'GET', `/invoices/${invoiceId}`)).statusCode).toBe(404);
  });

  it('has the database refuse a second billing of a time entry (unique ledger)', async () => {
    const db = ctx.database.db;
    const entry = await db.selectFrom('billed_items').select(['source_id', 'line_id']).where('invoice_id', '=', invoiceId).executeTakeFirstOrThrow();
    const other = await db.selectFrom('invoices').select('id').where('id', '<>', invoiceId).executeTakeFirst();
    const target = other?.id ?? invoiceId;
    await expect(db.insertInto('billed_items').values({ invoice_id: target, line_id: '99', source_kind: 'time', source_id: entry.source_id }).execute()).rejects.toThrow(/billed_items_once_key|duplicate key/);
  });

  it('issues with consecutive numbers per series and year, pays, and voids with a credit note that releases the work', async () => {
    const draft = json(await call(ctx, w.finance, 'GET', `/invoices/${invoiceId}`, undefined, 200));
    const issued = json(await call(ctx, w.finance, 'POST', `/invoices/${invoiceId}/issue`, { issueDate: '2026-11-25', version: draft.version }, 200));
    expect(issued).toMatchObject({ state: 'issued', number: 'INV-2026-00001', issueDate: '2026-11-25', dueDate: '2026-12-25' });
    expect((await call(ctx, w.finance, 'POST', `/invoices/${invoiceId}/issue`, { version: issued.version })).statusCode).toBe(409);
    const second = json(await call(ctx, w.finance, 'POST', '/invoices', { projectId: w.projectId, from: '2026-11-09', to: '2026-11-13', groupBy: 'entry' }, 201));
    expect(second.lines).toHaveLength(5);
    const issued2 = json(await call(ctx, w.finance, 'POST', `/invoices/${second.id}/issue`, { issueDate: '2026-11-26' }, 200, { 'if-match': `"${second.version}"` }));
    expect(issued2.number).toBe('INV-2026-00002');
    const paid = json(await call(ctx, w.finance, 'POST', `/invoices/${second.id}/pay`, { paidOn: '2026-12-01', version: issued2.version }, 200));
    expect(paid.state).toBe('paid');

    const voided = json(await call(ctx, w.finance, 'POST', `/invoices/${invoiceId}/void`, { reason: 'wrong period', issueDate: '2026-11-27', version: issued.version }, 200));
    expect(voided.invoice).toMatchObject({ state: 'void', creditNoteId: voided.creditNote.id });
    expect(voided.creditNote).toMatchObject({ kind: 'credit-note', number: 'CN-2026-00001', state: 'issued', creditsInvoiceId: invoiceId });
    expect(voided.creditNote.totals.payableMinor).toBe(433_331);
    // released: the week can be billed again
    const rebill = json(await call(ctx, w.finance, 'POST', '/invoices', { projectId: w.projectId, from: '2026-11-02', to: '2026-11-06' }, 201));
    expect(rebill.totals.taxExclusiveMinor).toBe(358_125);
    await call(ctx, w.finance, 'DELETE', `/invoices/${rebill.id}`, undefined, 204, { 'if-match': `"${rebill.version}"` });

    const fin = json(await call(ctx, w.pm, 'GET', `/projects/${w.projectId}/financials?asOf=2026-11-30`, undefined, 200));
    // Time and materials: revenue = invoiced (the paid second invoice; the voided one is cancelled by its credit note)
    // + the released week, unbilled again at its bill rate.
    expect(fin.margin).toMatchObject({ billing: 'time-and-materials', invoicedMinor: second.totals.taxExclusiveMinor, unbilledMinor: 358_125, problems: [] });
    expect(fin.margin.revenueMinor).toBe(second.totals.taxExclusiveMinor + 358_125);
    expect(fin.margin.marginMinor).toBe(fin.margin.revenueMinor - fin.margin.costMinor);
  });

  it('serves the PDF, UBL XML and CSV of issued documents', async () => {
    const list = json(await call(ctx, w.finance, 'GET', '/invoices?state=void', undefined, 200));
    const id = list.items[0].id;
    const pdf = await call(ctx, w.finance, 'GET', `/invoices/${id}/pdf`, undefined, 200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const xml = await call(ctx, w.finance, 'GET', `/invoices/${id}/ubl`, undefined, 200);
    expect(xml.headers['content-type']).toContain('application/xml');
    expect(xml.body).toContain('<cbc:ID>INV-2026-00001</cbc:ID>');
    const cn = await call(ctx, w.finance, 'GET', `/invoices/${list.items[0].creditNoteId}/ubl`, undefined, 200);
    expect(cn.body).toContain('<CreditNote');
    const csv = await call(ctx, w.finance, 'GET', '/invoices/export.csv?from=2026-01-01&to=2026-12-31', undefined, 200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n').filter(Boolean)).toHaveLength(4);
    const lines = await call(ctx, w.finance, 'GET', `/invoices/${id}/csv`, undefined, 200);
    expect(lines.body).toContain('INV-2026-00001');
  });

  it('numbers without gaps: counters equal the issued documents', async () => {
    const rows = await sql<{ series: string; year: number; last_sequence: number; n: number; max: number }>`
      select c.series, c.year, c.last_sequence, count(i.id)::int as n, max(i.sequence) as max
      from invoice_counters c left join invoices i on i.series = c.series and i.year = c.year group by c.series, c.year, c.last_sequence`.execute(ctx.database.db);
    for (const r of rows.rows) {
      expect(r.n).toBe(r.last_sequence);
      expect(r.max).toBe(r.last_sequence);
    }
  });
});
