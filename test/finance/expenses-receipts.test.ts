/**
 * Expenses with receipt files through the API: upload (multipart), type and size limits checked on the bytes,
 * download by whoever sees the project and no one else, receipts frozen once decided, the approvals inbox for
 * expenses and nobody deciding on their own expense.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestContext } from '../helpers.js';
import { buildFinanceWorld, call, type FinanceWorld } from './finance-world.js';
import { multipartFile, RECEIPT_PDF } from './route-fixtures.js';

let ctx: TestContext;
let w: FinanceWorld;
beforeAll(async () => {
  ctx = await createTestApp();
  w = await buildFinanceWorld(ctx);
});
afterAll(async () => ctx.close());

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const upload = (as: { auth: Record<string, string> }, expenseId: string, bytes: Buffer, name: string, field = 'file', type = 'application/pdf') => {
  const m = multipartFile(bytes, name, field, type);
  return ctx.app.inject({ method: 'POST', url: `/api/v1/expenses/${expenseId}/receipts`, headers: { ...as.auth, ...m.headers }, payload: m.payload });
};
const receiptCount = async () => Number((await ctx.database.db.selectFrom('expense_receipts').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
const newExpense = async (amountMinor = 4590) => json(await call(ctx, w.worker, 'POST', `/projects/${w.projectId}/expenses`, { date: '2026-11-17', category: 'travel', description: 'Train', amountMinor, currency: 'EUR', billable: true }, 201));

describe('receipts', () => {
  it('uploads a receipt, lists it on the expense and serves it to who sees the project only', async () => {
    const ex = await newExpense();
    const res = await upload(w.worker, ex.id, RECEIPT_PDF, 'C:\\Users\\wendy\\train ticket.pdf');
    expect(res.statusCode).toBe(201);
    const r = json(res);
    expect(r).toMatchObject({ expenseId: ex.id, fileName: 'train ticket.pdf', contentType: 'application/pdf', sizeBytes: RECEIPT_PDF.length });
    const listed = json(await call(ctx, w.pm, 'GET', `/projects/${w.projectId}/expenses`, undefined, 200)).items.find((x: { id: string }) => x.id === ex.id);
    expect(listed.receipts).toEqual([expect.objectContaining({ id: r.id, fileName: 'train ticket.pdf', sizeBytes: RECEIPT_PDF.length, sha256: r.sha256 })]);
    expect(listed.createdBy).toBe(w.worker.id);

    const dl = await call(ctx, w.pm, 'GET', `/receipts/${r.id}`, undefined, 200);
    expect(dl.rawPayload.equals(RECEIPT_PDF)).toBe(true);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.headers['content-security-policy']).toContain('sandbox');
    expect(dl.headers['content-disposition']).toBe(`inline; filename="train ticket.pdf"; filename*=UTF-8''train%20ticket.pdf`);

    const outsider = await ctx.user('member');
    expect((await call(ctx, outsider, 'GET', `/receipts/${r.id}`)).statusCode).toBe(404);
    expect((await call(ctx, outsider, 'POST', `/expenses/${ex.id}/receipts`, {})).statusCode).toBe(404);
    expect((await call(ctx, ctx.admin, 'GET', '/receipts/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('refuses files that are not receipts, too large or not multipart, storing nothing', async () => {
    const ex = await newExpense();
    const before = await receiptCount();
    const html = await upload(w.worker, ex.id, Buffer.from('<html><script>alert(1)</script></html>'), 'invoice.pdf');
    expect([html.statusCode, json(html).code]).toEqual([422, 'finance_receipt_type']);
    const svg = await upload(w.worker, ex.id, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'r.svg', 'file', 'image/svg+xml');
    expect([svg.statusCode, json(svg).code]).toEqual([422, 'finance_receipt_type']);
    const big = Buffer.alloc(10 * 1024 * 1024 + 1);
    RECEIPT_PDF.copy(big);
    const tooBig = await upload(w.worker, ex.id, big, 'huge.pdf');
    expect([tooBig.statusCode, json(tooBig).code]).toEqual([413, 'receipt_too_large']);
    const empty = await upload(w.worker, ex.id, Buffer.alloc(0), 'empty.pdf');
    expect([empty.statusCode, json(empty).code]).toEqual([422, 'finance_receipt_empty']);
    const wrongField = await upload(w.worker, ex.id, RECEIPT_PDF, 'r.pdf', 'attachment');
    expect([wrongField.statusCode, json(wrongField).code]).toEqual([422, 'file_required']);
    const asJson = await call(ctx, w.worker, 'POST', `/expenses/${ex.id}/receipts`, { file: 'x' });
    expect([asJson.statusCode, json(asJson).code, asJson.headers['content-type']]).toEqual([415, 'multipart_required', 'application/problem+json; charset=utf-8']);
    expect(await receiptCount()).toBe(before);
    // Exactly the limit is accepted.
    const max = Buffer.alloc(10 * 1024 * 1024);
    PNG.copy(max);
    expect((await upload(w.worker, ex.id, max, 'scan.png', 'file', 'image/png')).statusCode).toBe(201);
    expect(await receiptCount()).toBe(before + 1);
  });

  it('lets only the recorder, the project manager and finance add receipts, and freezes them once decided', async () => {
    const ex = await newExpense();
    const mate = await ctx.user('member');
    await call(ctx, ctx.admin, 'POST', `/projects/${w.projectId}/members`, { userId: mate.id, role: 'team_member' }, 201);
    expect((await upload(mate, ex.id, RECEIPT_PDF, 'x.pdf')).statusCode).toBe(403);
    const byPm = json(await upload(w.pm, ex.id, RECEIPT_PDF, 'pm.pdf'));
    expect((await call(ctx, mate, 'DELETE', `/receipts/${byPm.id}`)).statusCode).toBe(403);
    await call(ctx, w.worker, 'DELETE', `/receipts/${byPm.id}`, undefined, 204);
    const kept = json(await upload(w.finance, ex.id, PNG, 'kept.png', 'file', 'image/png'));
    await call(ctx, w.pm, 'POST', `/projects/${w.projectId}/expenses/decide`, { ids: [ex.id], decision: 'approve' }, 200);
    const late = await upload(w.worker, ex.id, RECEIPT_PDF, 'late.pdf');
    expect([late.statusCode, json(late).code]).toEqual([409, 'expense_decided']);
    expect((await call(ctx, w.worker, 'DELETE', `/receipts/${kept.id}`)).statusCode).toBe(409);
    expect((await call(ctx, w.worker, 'GET', `/receipts/${kept.id}`, undefined, 200)).rawPayload.equals(PNG)).toBe(true);
    const audit = await ctx.database.db.selectFrom('audit_log').select(['action']).where('entity_id', '=', ex.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['created', 'receipt_added', 'receipt_deleted', 'receipt_added', 'approved']);
  });
});

describe('expense approvals', () => {
  it('lists submitted expenses in the inbox of who may approve them, never to their recorder', async () => {
    const ex = await newExpense(1111);
    const pmInbox = json(await call(ctx, w.pm, 'GET', '/approvals/expenses', undefined, 200)).items;
    expect(pmInbox.find((x: { id: string }) => x.id === ex.id)).toMatchObject({ projectCode: expect.any(String), amountMinor: 1111 });
    expect(json(await call(ctx, w.worker, 'GET', '/approvals/expenses', undefined, 200)).items).toEqual([]);
    expect(json(await call(ctx, w.finance, 'GET', `/approvals/expenses?projectId=${w.projectId}`, undefined, 200)).items.some((x: { id: string }) => x.id === ex.id)).toBe(true);
  });

  it('refuses a decision on your own expense and a rejection without reason, deciding nothing', async () => {
    const own = json(await call(ctx, w.pm, 'POST', `/projects/${w.projectId}/expenses`, { date: '2026-11-18', category: 'meals', description: 'Lunch', amountMinor: 1500, currency: 'EUR' }, 201));
    const ex = await newExpense(2222);
    const res = await call(ctx, w.pm, 'POST', `/projects/${w.projectId}/expenses/decide`, { ids: [ex.id, own.id], decision: 'approve' });
    expect([res.statusCode, json(res).code]).toEqual([403, 'own_expense']);
    const noReason = await call(ctx, w.pm, 'POST', `/projects/${w.projectId}/expenses/decide`, { ids: [ex.id], decision: 'reject' });
    expect(noReason.statusCode).toBe(422);
    const states = (await ctx.database.db.selectFrom('expenses').select(['id', 'state']).where('id', 'in', [ex.id, own.id]).execute()).map((r) => r.state);
    expect(states).toEqual(['submitted', 'submitted']);
    await call(ctx, w.finance, 'POST', `/projects/${w.projectId}/expenses/decide`, { ids: [own.id], decision: 'reject', reason: 'no receipt' }, 200);
    expect(json(await call(ctx, w.pm, 'GET', `/projects/${w.projectId}/expenses`, undefined, 200)).items.find((x: { id: string }) => x.id === own.id)).toMatchObject({ state: 'rejected', reason: 'no receipt' });
  });
});
