/** Routes: invoices and credit notes, their PDF, UBL and CSV. */
import type { App } from '../../server/http.js';
import { actorOf, expectedVersion, withEtag } from '../../server/http.js';
import { ProblemResponse } from '../../server/errors.js';
import { created, IdParams, Items, noContentResponses, responses } from '../../server/schemas.js';
import { DraftInvoiceBody, ExportQuery, InvoiceResponse, InvoicesQuery, IssueBody, PayBody, VoidBody, VoidResponse } from './invoices.schemas.js';
import * as invoices from './invoices.service.js';
import * as drafts from './invoice-drafts.service.js';
import * as outputs from './invoice-outputs.service.js';

const tags = ['invoices'];
const fileResponses = { '4xx': ProblemResponse, '5xx': ProblemResponse };

export async function invoicesRoutes(app: App) {
  app.get('/invoices', { schema: { tags, summary: 'Invoices and credit notes you may see', querystring: InvoicesQuery, response: responses(Items(InvoiceResponse)) } }, async (req) => {
    return { items: await invoices.listInvoices(app.db, actorOf(req), req.query) };
  });

  app.post('/invoices', { schema: { tags, summary: 'Draft an invoice from unbilled approved billable time and expenses of a project and period', body: DraftInvoiceBody, response: created(InvoiceResponse) } }, async (req, reply) => {
    return reply.code(201).send(withEtag(reply, await drafts.draftInvoice(app.db, actorOf(req), req.body)));
  });

  app.get('/invoices/export.csv', { schema: { tags, summary: 'Issued invoices and credit notes in an issue-date range (default: this year) as CSV', querystring: ExportQuery, produces: ['text/csv'], response: fileResponses } }, async (req, reply) => {
    const year = new Date().getUTCFullYear();
    const from = req.query.from ?? `${year}-01-01`;
    const to = req.query.to ?? `${year}-12-31`;
    const body = await outputs.invoicesCsv(app.db, actorOf(req), from, to);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="invoices-${from}-${to}.csv"`).send(body as never);
  });

  app.get('/invoices/:id', { schema: { tags, summary: 'One invoice or credit note', params: IdParams, response: responses(InvoiceResponse) } }, async (req, reply) => {
    return withEtag(reply, await invoices.getInvoice(app.db, actorOf(req), req.params.id));
  });

  app.delete('/invoices/:id', { schema: { tags, summary: 'Delete a draft (its work becomes billable again)', params: IdParams, response: noContentResponses() } }, async (req, reply) => {
    await invoices.deleteDraft(app.db, actorOf(req), req.params.id, expectedVersion(req));
    return reply.code(204).send(null);
  });

  app.post('/invoices/:id/issue', { schema: { tags, summary: 'Issue a draft: assigns the next gap-free number of its series and year', params: IdParams, body: IssueBody, response: responses(InvoiceResponse) } }, async (req, reply) => {
    return withEtag(reply, await invoices.issueInvoice(app.db, actorOf(req), req.params.id, expectedVersion(req, req.body.version), req.body.issueDate));
  });

  app.post('/invoices/:id/pay', { schema: { tags, summary: 'Mark an issued invoice paid', params: IdParams, body: PayBody, response: responses(InvoiceResponse) } }, async (req, reply) => {
    return withEtag(reply, await invoices.payInvoice(app.db, actorOf(req), req.params.id, expectedVersion(req, req.body.version), req.body.paidOn));
  });

  app.post('/invoices/:id/void', { schema: { tags, summary: 'Void an issued invoice with a full credit note (releases its billed work)', params: IdParams, body: VoidBody, response: responses(VoidResponse) } }, async (req) => {
    return invoices.voidInvoice(app.db, actorOf(req), req.params.id, expectedVersion(req, req.body.version), req.body.reason, req.body.issueDate);
  });

  app.get('/invoices/:id/pdf', { schema: { tags, summary: 'The invoice as PDF', params: IdParams, produces: ['application/pdf'], response: fileResponses } }, async (req, reply) => {
    const f = await outputs.invoicePdf(app.db, actorOf(req), req.params.id);
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${f.fileName}"`).send(f.body as never);
  });

  app.get('/invoices/:id/ubl', { schema: { tags, summary: 'The issued invoice or credit note as UBL 2.1 XML (EN 16931)', params: IdParams, produces: ['application/xml'], response: fileResponses } }, async (req, reply) => {
    const f = await outputs.invoiceUbl(app.db, actorOf(req), req.params.id);
    return reply.type('application/xml; charset=utf-8').header('content-disposition', `attachment; filename="${f.fileName}"`).send(f.body as never);
  });

  app.get('/invoices/:id/csv', { schema: { tags, summary: 'The lines of an invoice as CSV', params: IdParams, produces: ['text/csv'], response: fileResponses } }, async (req, reply) => {
    const f = await outputs.invoiceLinesCsv(app.db, actorOf(req), req.params.id);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${f.fileName}"`).send(f.body as never);
  });
}
