/** Routes: expenses and their receipts (multipart upload, download), expense approvals, imported cost lines. */
import { z } from 'zod';
import multipart from '@fastify/multipart';
import type { App } from '../../server/http.js';
import { actorOf } from '../../server/http.js';
import { AppError, ProblemResponse } from '../../server/errors.js';
import { created, IdParams, Items, noContentResponses, responses } from '../../server/schemas.js';
import { MAX_RECEIPT_BYTES } from '../../domain/finance/index.js';
import { CostLinesBody, CostLinesResponse, DecideExpensesBody, ExpenseBody, ExpenseResponse, PendingExpenseResponse, PendingExpensesQuery, ReceiptResponse } from './billing.schemas.js';
import * as expenses from './expenses.service.js';
import * as receipts from './receipts.service.js';

const tags = ['finance'];

/** `filename*` (RFC 6266/5987) with an ASCII fallback, so any receipt name downloads intact and cannot break the header. */
function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export async function expensesRoutes(app: App) {
  app.get('/projects/:id/expenses', { schema: { tags, summary: 'Expenses of a project (imported cost lines too) with their receipts', params: IdParams, response: responses(Items(ExpenseResponse)) } }, async (req) => ({ items: await expenses.listExpenses(app.db, actorOf(req), req.params.id) }));
  app.post('/projects/:id/expenses', { schema: { tags, summary: 'Record an expense (submitted for approval); add receipts with POST /expenses/{id}/receipts', params: IdParams, body: ExpenseBody, response: created(ExpenseResponse) } }, async (req, reply) => reply.code(201).send(await expenses.createExpense(app.db, actorOf(req), req.params.id, req.body)));
  app.post('/projects/:id/expenses/decide', { schema: { tags, summary: 'Approve or reject submitted expenses in bulk (never your own)', params: IdParams, body: DecideExpensesBody, response: responses(z.object({ decided: z.number().int(), state: z.string() })) } }, async (req) => expenses.decideExpenses(app.db, actorOf(req), req.params.id, req.body));
  app.get('/approvals/expenses', { schema: { tags: ['timesheets'], summary: 'Approvals inbox: submitted expenses on projects you may approve (not your own)', querystring: PendingExpensesQuery, response: responses(Items(PendingExpenseResponse)) } }, async (req) => ({ items: await expenses.listPendingExpenses(app.db, actorOf(req), req.query) }));
  app.post('/projects/:id/cost-lines/import', { schema: { tags, summary: 'Import actual cost lines from CSV (id,project_id,date,category,amount,currency); all or nothing', params: IdParams, body: CostLinesBody, response: responses(CostLinesResponse) } }, async (req) => expenses.importCostLines(app.db, actorOf(req), req.params.id, req.body.csv));

  app.get('/receipts/:id', { schema: { tags, summary: 'Download a receipt file (whoever may see the expense)', params: IdParams, produces: ['application/pdf', 'image/*'], response: { '4xx': ProblemResponse, '5xx': ProblemResponse } } }, async (req, reply) => {
    const f = await receipts.downloadReceipt(app.db, actorOf(req), req.params.id);
    return reply.type(f.contentType).header('content-disposition', contentDisposition(req.headers.accept === 'application/octet-stream' ? 'attachment' : 'inline', f.fileName))
      .header('x-content-type-options', 'nosniff').header('content-security-policy', "default-src 'none'; sandbox").header('cache-control', 'private, max-age=300')
      .header('etag', `"${f.sha256}"`).send(f.body as never);
  });
  app.delete('/receipts/:id', { schema: { tags, summary: 'Remove a receipt while its expense awaits the decision', params: IdParams, response: noContentResponses() } }, async (req, reply) => {
    await receipts.deleteReceipt(app.db, actorOf(req), req.params.id);
    return reply.code(204).send(null);
  });

  // Uploads: multipart/form-data only on this route; the parser stops reading a file past the size limit.
  await app.register(async (instance) => {
    const upload = instance as unknown as App;
    await upload.register(multipart, { limits: { fileSize: MAX_RECEIPT_BYTES, files: 1, fields: 5, parts: 6, headerPairs: 50 } });
    upload.post('/expenses/:id/receipts', {
      schema: {
        tags, params: IdParams, consumes: ['multipart/form-data'], response: created(ReceiptResponse),
        summary: 'Attach a receipt to an expense awaiting its decision: multipart/form-data with one part "file" (PDF, PNG, JPEG, WebP, GIF or HEIC, at most 10 MiB)',
      },
    }, async (req, reply) => {
      const actor = actorOf(req);
      // Authorise before reading the upload, so a refused request costs no storage or bandwidth.
      await receipts.requireReceiptWriter(app.db, actor, req.params.id);
      if (!req.isMultipart()) throw new AppError(415, 'multipart_required', 'send the receipt as multipart/form-data with one part named "file"');
      let file;
      try {
        file = await req.file();
      } catch (err) {
        throw uploadError(err);
      }
      if (!file) throw new AppError(422, 'file_required', 'the form has no file part', [{ path: 'file', message: 'required' }]);
      if (file.fieldname !== 'file') throw new AppError(422, 'file_required', 'put the receipt in a part named "file"', [{ path: 'file', message: 'required' }]);
      let bytes: Buffer;
      try {
        bytes = await file.toBuffer();
      } catch (err) {
        throw uploadError(err);
      }
      return reply.code(201).send(await receipts.addReceipt(app.db, actor, req.params.id, { fileName: file.filename, bytes }));
    });
  });
}

/** Problems of a broken or oversized upload (the multipart parser's errors carry a status). */
function uploadError(err: unknown): unknown {
  const e = err as { code?: string; statusCode?: number; message?: string };
  if (e.code === 'FST_REQ_FILE_TOO_LARGE') return new AppError(413, 'receipt_too_large', `a receipt is at most ${MAX_RECEIPT_BYTES / 1024 / 1024} MiB`);
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) return new AppError(e.statusCode, 'invalid_upload', e.message ?? 'the upload could not be read');
  if (e.code && /^FST_/.test(e.code)) return new AppError(400, 'invalid_upload', e.message ?? 'the upload could not be read');
  return err;
}
