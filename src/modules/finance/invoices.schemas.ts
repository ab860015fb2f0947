/** zod schemas of the invoice routes. */
import { z } from 'zod';
import { DateOnly, LongText, Name, Uuid, Version } from '../../server/schemas.js';

export const DraftInvoiceBody = z.strictObject({
  projectId: Uuid, clientId: Uuid.optional(),
  from: DateOnly.optional().describe('period of the time and expenses to bill (with to)'), to: DateOnly.optional(),
  milestoneIds: z.array(Uuid).min(1).max(200).optional().describe('achieved billing milestones to bill (fixed-price and milestone billing)'),
  groupBy: z.enum(['entry', 'person', 'task']).optional(),
  includeExpenses: z.boolean().optional(), buyerReference: Name.nullable().optional(), orderReference: Name.nullable().optional(), note: LongText.nullable().optional(),
});
export const IssueBody = z.strictObject({ issueDate: DateOnly.optional(), version: Version.optional() });
export const PayBody = z.strictObject({ paidOn: DateOnly, version: Version.optional() });
export const VoidBody = z.strictObject({ reason: z.string().trim().min(1).max(500), issueDate: DateOnly.optional(), version: Version.optional() });
export const InvoicesQuery = z.strictObject({ projectId: Uuid.optional(), state: z.enum(['draft', 'issued', 'paid', 'void']).optional(), kind: z.enum(['invoice', 'credit-note']).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });
export const ExportQuery = z.strictObject({ from: DateOnly.optional(), to: DateOnly.optional() });

export const InvoiceResponse = z.object({
  id: z.uuid(), kind: z.enum(['invoice', 'credit-note']), series: z.string(), number: z.string().nullable(), state: z.enum(['draft', 'issued', 'paid', 'void']),
  projectId: z.uuid().nullable(), clientId: z.uuid().nullable(), buyerName: z.string(), currency: z.string(), issueDate: z.string().nullable(), dueDate: z.string().nullable(),
  periodStart: z.string().nullable(), periodEnd: z.string().nullable(), paidOn: z.string().nullable(), creditNoteId: z.uuid().nullable(), creditsInvoiceId: z.uuid().nullable(),
  totals: z.object({ lineNetMinor: z.number().int(), taxExclusiveMinor: z.number().int(), taxMinor: z.number().int(), taxInclusiveMinor: z.number().int(), payableMinor: z.number().int(), vatBreakdown: z.array(z.object({ category: z.string(), ratePercent: z.string(), taxableMinor: z.number().int(), taxMinor: z.number().int(), exemptionReason: z.string().nullable() })) }),
  lines: z.array(z.object({ lineId: z.string(), itemName: z.string(), description: z.string().nullable(), quantity: z.string(), unitCode: z.string(), unitPriceMinor: z.number().int(), netAmountMinor: z.number().int(), vatCategory: z.string(), vatRatePercent: z.string(), sources: z.array(z.object({ kind: z.string(), id: z.string() })) })),
  version: z.number().int(),
}).meta({ id: 'Invoice' });
export const VoidResponse = z.object({ invoice: InvoiceResponse, creditNote: InvoiceResponse });
