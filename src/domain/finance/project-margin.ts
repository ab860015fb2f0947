import { computeMargin, type MarginResult } from './margin.js';
import { assertMinorUnits } from './money.js';

/** A project's billing type. */
export type BillingType = 'time-and-materials' | 'fixed-price' | 'milestone' | 'non-billable';

/** What a project's margin to date is computed from (minor units of the reporting currency). */
export interface ProjectMarginInput {
  billing: BillingType;
  /** Actual cost to date. */
  costMinor: number;
  /** Issued invoices net of credit notes. */
  invoicedMinor: number;
  /** Time and materials: approved billable work not invoiced yet, at bill rates (with expense markup). */
  unbilledMinor: number;
  /** Milestone billing: amounts of the achieved (or accepted) milestones. */
  milestones: ReadonlyArray<{ amountMinor: number; achieved: boolean }>;
  /** Fixed price: the contract price (null = not set). */
  contractPriceMinor: number | null;
  /** Fixed price: estimate at completion (null = none yet). */
  eacMinor: number | null;
  recognition: 'percent-complete' | 'completed-contract';
  /** Whether the project is complete (completed-contract recognition). */
  complete: boolean;
}

/** Margin to date with how revenue was recognised and what could not be (shown, never hidden). */
export interface ProjectMargin extends MarginResult {
  basis: string;
  problems: string[];
}

/**
 * Revenue recognised to date by billing type, minus the actual cost:
 * - time and materials: invoiced + unbilled approved billable work (what the client owes for work done);
 * - fixed price: contract price x AC / EAC (cost-to-cost percent complete, capped at 100 %), or the whole price once
 *   complete (completed contract); without a contract price or a positive EAC, the invoiced amount stands in;
 * - milestone: the achieved milestones;
 * - non-billable: no revenue (anything invoiced anyway is still counted).
 * The margin percent is rounded to two decimals.
 */
export function computeProjectMargin(i: ProjectMarginInput): ProjectMargin {
  for (const [k, v] of [['costMinor', i.costMinor], ['invoicedMinor', i.invoicedMinor], ['unbilledMinor', i.unbilledMinor]] as const) assertMinorUnits(k, v);
  const problems: string[] = [];
  let r: MarginResult;
  let basis: string;
  switch (i.billing) {
    case 'fixed-price': {
      const price = i.contractPriceMinor;
      const percentOk = i.recognition === 'completed-contract' || (i.eacMinor !== null && i.eacMinor > 0);
      if (price === null || !percentOk) {
        problems.push(price === null ? 'no contract price is set: revenue is the invoiced amount' : 'no estimate at completion yet: revenue is the invoiced amount');
        r = plain(i.invoicedMinor, i.costMinor);
        basis = 'invoiced';
        break;
      }
      r = computeMargin({ model: 'fixed-price', contractPriceMinor: price, actualCostMinor: Math.max(0, i.costMinor), eacMinor: Math.max(i.eacMinor ?? 0, i.costMinor, 0), recognition: i.recognition, complete: i.complete });
      if (i.costMinor < 0) r = { ...r, costMinor: i.costMinor, marginMinor: r.revenueMinor - i.costMinor };
      basis = i.recognition === 'completed-contract' ? 'contract price at completion' : 'contract price x actual cost / EAC';
      break;
    }
    case 'milestone':
      r = computeMargin({ model: 'milestone', milestones: i.milestones, actualCostMinor: i.costMinor });
      basis = 'achieved milestones';
      break;
    case 'non-billable':
      r = plain(i.invoicedMinor, i.costMinor);
      basis = 'not billable';
      break;
    default:
      r = plain(i.invoicedMinor + i.unbilledMinor, i.costMinor);
      basis = 'invoiced + unbilled approved work';
  }
  return { ...r, marginPercent: r.marginPercent === null ? null : Math.round(r.marginPercent * 100) / 100, basis, problems };
}

function plain(revenue: number, cost: number): MarginResult {
  const margin = revenue - cost;
  return { revenueMinor: revenue, costMinor: cost, marginMinor: margin, marginPercent: revenue === 0 ? null : (margin * 100) / revenue };
}
