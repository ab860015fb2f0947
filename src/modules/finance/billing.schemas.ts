/** zod schemas of expenses and receipts, imported cost lines, billing milestones and the margin report. */
import { z } from 'zod';
import { DateOnly, LongText, Name, Uuid, Version } from '../../server/schemas.js';
import { Billing, Currency, Ids, Reason } from './finance.schemas.js';

export const ExpenseBody = z.strictObject({
  personId: Uuid.nullable().optional(), date: DateOnly, category: z.string().trim().min(1).max(50), description: LongText.default(''),
  amountMinor: z.number().int().min(1).max(1_000_000_000_000), currency: Currency, billable: z.boolean().optional(), markupPercent: z.string().regex(/^\d{1,3}(\.\d{1,2})?$/).optional(),
});
const ReceiptOut = z.object({ id: z.uuid(), fileName: z.string(), contentType: z.string(), sizeBytes: z.number().int(), sha256: z.string(), createdAt: z.string() });
export const ReceiptResponse = z.object({ id: z.uuid(), expenseId: z.uuid(), fileName: z.string(), contentType: z.string(), sizeBytes: z.number().int(), sha256: z.string() }).meta({ id: 'Receipt' });
export const ExpenseResponse = z.object({
  id: z.uuid(), projectId: z.uuid(), personId: z.uuid().nullable(), date: z.string(), category: z.string(), description: z.string(), amountMinor: z.number().int(), currency: z.string(),
  billable: z.boolean(), markupPercent: z.string(), state: z.enum(['draft', 'submitted', 'approved', 'rejected']), reason: z.string().nullable(),
  imported: z.boolean().describe('an imported actual cost line'), createdBy: z.uuid().nullable(), decidedBy: z.uuid().nullable(), version: z.number().int(), receipts: z.array(ReceiptOut),
}).meta({ id: 'Expense' });
export const PendingExpenseResponse = ExpenseResponse.extend({ projectCode: z.string(), projectName: z.string(), personName: z.string().nullable() }).meta({ id: 'PendingExpense' });
export const PendingExpensesQuery = z.strictObject({ projectId: Uuid.optional(), limit: z.coerce.number().int().min(1).max(5000).default(500) });
export const DecideExpensesBody = z.strictObject({ ids: Ids, decision: z.enum(['approve', 'reject']), reason: Reason.optional() });


export const CostLinesBody = z.strictObject({ csv: z.string().min(1).max(900_000) });
export const CostLinesResponse = z.object({ imported: z.number().int(), totalMinor: z.number().int().describe('in the reporting currency'), currency: z.string() });

export const MilestoneBody = z.strictObject({
  name: Name, amountMinor: z.number().int().min(1).max(1_000_000_000_000), currency: Currency.optional().describe("default: the project client's currency"),
  dueDate: DateOnly.nullable().optional(), taskId: Uuid.nullable().optional(),
});
export const MilestonePatchBody = MilestoneBody.partial().extend({
  status: z.enum(['planned', 'achieved', 'accepted']).optional(), achievedOn: DateOnly.optional(), version: Version.optional(),
});
export const MilestoneResponse = z.object({
  id: z.uuid(), projectId: z.uuid(), taskId: z.uuid().nullable(), name: z.string(), amountMinor: z.number().int(), currency: z.string(), dueDate: z.string().nullable(),
  status: z.enum(['planned', 'achieved', 'accepted']), achievedOn: z.string().nullable(), invoiceId: z.uuid().nullable().describe('the invoice that bills it'), version: z.number().int(),
}).meta({ id: 'BillingMilestone' });

export const MarginsQuery = z.strictObject({ asOf: DateOnly.optional(), clientId: Uuid.optional(), projectId: Uuid.optional() });
const MarginTotals = { revenueMinor: z.number().int(), costMinor: z.number().int(), marginMinor: z.number().int(), marginPercent: z.number().nullable() };
export const MarginsResponse = z.object({
  asOf: z.string(), currency: z.string(),
  projects: z.array(z.object({
    projectId: z.uuid(), code: z.string(), name: z.string(), clientId: z.uuid().nullable(), clientName: z.string().nullable(), billing: Billing, ...MarginTotals,
    invoicedMinor: z.number().int(), unbilledMinor: z.number().int(), basis: z.string(), problems: z.array(z.object({ message: z.string() })),
  })),
  clients: z.array(z.object({ clientId: z.uuid().nullable(), clientName: z.string(), projects: z.number().int(), ...MarginTotals, invoicedMinor: z.number().int(), unbilledMinor: z.number().int(), problems: z.number().int() })),
  total: z.object(MarginTotals),
}).meta({ id: 'MarginReport' });
