/** Invoices: lines from billable work, EN 16931 totals, numbering, states, CSV and UBL 2.1 XML. Pure. */
export { InvoiceError } from './invoice-error.js';
export type {
  VatCategory, VatRef, PostalAddress, InvoiceParty, LineSource, InvoiceLine, DocumentAllowanceCharge,
  PaymentInstructions, InvoiceDocument, VatBreakdown, InvoiceTotals,
} from './invoice-types.js';
export { computeInvoiceTotals, validateInvoiceDocument, computeVatMinor, normalizeRatePercent, validateVatRef } from './invoice-totals.js';
export { buildTimeAndMaterialsLines, buildMilestoneLines, minutesToHoursQuantity } from './invoice-lines.js';
export type { BillableTimeEntry, BillableExpense, BillableMilestone, TimeGrouping, BuiltLines, LineBuildOptions } from './invoice-lines.js';
export { formatInvoiceNumber, parseInvoiceNumber, numberingYearOf } from './invoice-number.js';
export type { InvoiceNumberParts } from './invoice-number.js';
export { transitionInvoice, isInvoiceEditable } from './invoice-state.js';
export type { InvoiceState, InvoiceAction, InvoiceStatus } from './invoice-state.js';
export { buildFullCreditNote } from './credit-note.js';
export { exportInvoicesCsv, exportInvoiceLinesCsv, csvCell } from './invoice-csv.js';
export { buildUblXml, EN16931_CUSTOMIZATION_ID } from './ubl-invoice.js';
