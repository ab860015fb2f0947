import { applyMarkup, assertIsoDate, assertMinorUnits, computeTimeAmountMinor, type RoundingMode } from '../finance/index.js';
import { InvoiceError } from './invoice-error.js';
import type { InvoiceLine, LineSource, VatRef } from './invoice-types.js';

/** An approved time entry with its bill rate already resolved (see resolveRate in domain/finance). */
export interface BillableTimeEntry {
  id: string;
  personId: string;
  personName: string;
  projectId: string;
  taskId?: string | null;
  taskName?: string | null;
  date: string;
  minutes: number;
  billable: boolean;
  status: 'draft' | 'submitted' | 'approved' | 'rejected' | 'locked';
  billRateMinorPerHour: number;
  currency: string;
}

/** An expense; billable approved ones are re-invoiced (net amount, optional markup percent). */
export interface BillableExpense {
  id: string;
  date: string;
  description: string;
  amountMinor: number;
  currency: string;
  billable: boolean;
  status: 'draft' | 'submitted' | 'approved' | 'rejected';
  markupPercent?: number;
  vat?: VatRef;
}

/** A fixed-price milestone; achieved (or accepted) ones are billable once. */
export interface BillableMilestone {
  id: string;
  name: string;
  amountMinor: number;
  currency: string;
  status: 'planned' | 'achieved' | 'accepted';
  vat?: VatRef;
}

/** How time becomes lines: one line per entry, or grouped per person (or task) and rate. */
export type TimeGrouping = 'entry' | 'person' | 'task';

/** Result of a line build: the lines and the ids that the database must mark billed in the same transaction. */
export interface BuiltLines {
  lines: InvoiceLine[];
  billedTimeEntryIds: string[];
  billedExpenseIds: string[];
  billedMilestoneIds: string[];
}

/** Options shared by the builders. */
export interface LineBuildOptions {
  currency: string;
  /** VAT for lines whose source has none. */
  vat: VatRef;
  /** Ids already on another invoice (time, expense and milestone ids share the set). Billing one again is an error. */
  alreadyBilledIds?: ReadonlySet<string>;
  /** Number the lines from here (default 1), to append to an existing draft. */
  firstLineNo?: number;
  rounding?: RoundingMode;
}

/** Hours from minutes as a decimal string with at most 4 decimals ("7.5", "0.1667"). */
export function minutesToHoursQuantity(minutes: number): string {
  const tenThousandths = Math.round((minutes * 10000) / 60);
  const neg = tenThousandths < 0;
  const abs = Math.abs(tenThousandths);
  const int = Math.floor(abs / 10000);
  const frac = String(abs % 10000).padStart(4, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

/**
 * Time-and-materials lines from approved, billable time and expenses. Other entries are skipped;
 * an id billed before, a duplicate id or another currency is an error (never silently dropped).
 * Time lines: quantity in hours (HUR), price = bill rate, net = minutes x rate / 60 rounded once per line.
 */
export function buildTimeAndMaterialsLines(
  time: readonly BillableTimeEntry[], expenses: readonly BillableExpense[],
  options: LineBuildOptions & { groupBy?: TimeGrouping },
): BuiltLines {
  const seen = new Set<string>();
  const check = (id: string, currency: string, kind: string): void => {
    if (seen.has(id)) throw new InvoiceError('INVOICE_DUPLICATE_SOURCE', `${kind} ${id} appears twice in the billing input`, { id });
    seen.add(id);
    if (options.alreadyBilledIds?.has(id)) throw new InvoiceError('INVOICE_DOUBLE_BILLING', `${kind} ${id} is already billed`, { id });
    if (currency !== options.currency) {
      throw new InvoiceError('INVOICE_CURRENCY_MISMATCH', `${kind} ${id} is in ${currency}, the invoice in ${options.currency}`, { id });
    }
  };
  const groupBy = options.groupBy ?? 'person';
  const groups = new Map<string, BillableTimeEntry[]>();
  for (const t of time) {
    if (!t.billable || (t.status !== 'approved' && t.status !== 'locked')) continue;
    check(t.id, t.currency, 'time entry');
    assertIsoDate(`time entry ${t.id} date`, t.date);
    if (!Number.isInteger(t.minutes) || t.minutes <= 0) throw new InvoiceError('INVOICE_INVALID_SOURCE', `time entry ${t.id}: minutes must be a positive integer`);
    assertMinorUnits(`time entry ${t.id} billRateMinorPerHour`, t.billRateMinorPerHour);
    const key = groupBy === 'entry' ? t.id
      : groupBy === 'task' ? `${t.projectId}|${t.taskId ?? ''}|${t.billRateMinorPerHour}`
        : `${t.projectId}|${t.personId}|${t.billRateMinorPerHour}`;
    const g = groups.get(key) ?? [];
    g.push(t);
    groups.set(key, g);
  }
  let no = options.firstLineNo ?? 1;
  const lines: InvoiceLine[] = [];
  const billedTimeEntryIds: string[] = [];
  for (const g of groups.values()) {
    g.sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
    const minutes = g.reduce((s, t) => s + t.minutes, 0);
    const first = g[0];
    const last = g[g.length - 1];
    const itemName = groupBy === 'task' ? `${first.taskName ?? 'Project work'}` : `Consulting: ${first.personName}`;
    lines.push({
      lineId: String(no++),
      itemName,
      description: groupBy === 'entry' ? `${first.personName}, ${first.date}` : `${g.length} time entries ${first.date} to ${last.date}`,
      quantity: minutesToHoursQuantity(minutes),
      unitCode: 'HUR',
      unitPriceMinor: first.billRateMinorPerHour,
      netAmountMinor: computeTimeAmountMinor(minutes, first.billRateMinorPerHour, options.rounding),
      vat: options.vat,
      period: { start: first.date, end: last.date },
      sources: g.map((t): LineSource => ({ kind: 'time', id: t.id })),
    });
    billedTimeEntryIds.push(...g.map((t) => t.id));
  }
  const billedExpenseIds: string[] = [];
  for (const e of expenses) {
    if (!e.billable || e.status !== 'approved') continue;
    check(e.id, e.currency, 'expense');
    assertMinorUnits(`expense ${e.id} amountMinor`, e.amountMinor);
    const amount = applyMarkup(e.amountMinor, e.markupPercent ?? 0, options.rounding);
    lines.push({
      lineId: String(no++), itemName: e.description || 'Expense', description: `Expense ${e.date}`, quantity: '1', unitCode: 'C62',
      unitPriceMinor: amount, netAmountMinor: amount, vat: e.vat ?? options.vat, period: { start: e.date, end: e.date },
      sources: [{ kind: 'expense', id: e.id }],
    });
    billedExpenseIds.push(e.id);
  }
  return { lines, billedTimeEntryIds, billedExpenseIds, billedMilestoneIds: [] };
}

/** Fixed-price lines: one per achieved or accepted milestone not billed before. */
export function buildMilestoneLines(milestones: readonly BillableMilestone[], options: LineBuildOptions): BuiltLines {
  let no = options.firstLineNo ?? 1;
  const lines: InvoiceLine[] = [];
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const m of milestones) {
    if (m.status === 'planned') continue;
    if (seen.has(m.id)) throw new InvoiceError('INVOICE_DUPLICATE_SOURCE', `milestone ${m.id} appears twice`, { id: m.id });
    seen.add(m.id);
    if (options.alreadyBilledIds?.has(m.id)) throw new InvoiceError('INVOICE_DOUBLE_BILLING', `milestone ${m.id} is already billed`, { id: m.id });
    if (m.currency !== options.currency) throw new InvoiceError('INVOICE_CURRENCY_MISMATCH', `milestone ${m.id} is in ${m.currency}`, { id: m.id });
    assertMinorUnits(`milestone ${m.id} amountMinor`, m.amountMinor);
    if (m.amountMinor <= 0) throw new InvoiceError('INVOICE_INVALID_SOURCE', `milestone ${m.id}: amount must be positive`);
    lines.push({
      lineId: String(no++), itemName: m.name, description: 'Milestone', quantity: '1', unitCode: 'C62',
      unitPriceMinor: m.amountMinor, netAmountMinor: m.amountMinor, vat: m.vat ?? options.vat, sources: [{ kind: 'milestone', id: m.id }],
    });
    ids.push(m.id);
  }
  return { lines, billedTimeEntryIds: [], billedExpenseIds: [], billedMilestoneIds: ids };
}
