import {
  assertIsoDate, assertMinorUnits, currencyExponent, divideRounded, parseDecimal, sumMinor, toSafeNumber,
} from '../finance/index.js';
import { InvoiceError } from './invoice-error.js';
import type { InvoiceDocument, InvoiceTotals, VatBreakdown, VatCategory, VatRef } from './invoice-types.js';

const CATEGORIES: readonly VatCategory[] = ['S', 'Z', 'E', 'AE'];

/** Canonical rate string ("21.00" -> "21", "5.50" -> "5.5"), so equal rates group together. */
export function normalizeRatePercent(rate: string): string {
  const { units, scale } = parseDecimal(rate);
  if (units < 0n) throw new InvoiceError('INVOICE_INVALID_VAT', `VAT rate must not be negative, got ${rate}`);
  let u = units;
  let s = scale;
  while (s > 0 && u % 10n === 0n) {
    u /= 10n;
    s -= 1;
  }
  const digits = u.toString().padStart(s + 1, '0');
  return s === 0 ? digits : `${digits.slice(0, digits.length - s)}.${digits.slice(digits.length - s)}`;
}

/** Throws INVOICE_INVALID_VAT when a category and rate do not fit EN 16931 (S > 0 %, Z/E/AE = 0 %). */
export function validateVatRef(vat: VatRef, where: string): void {
  if (!CATEGORIES.includes(vat.category)) {
    throw new InvoiceError('INVOICE_INVALID_VAT', `${where}: VAT category "${String(vat.category)}" is not supported (S, Z, E, AE)`);
  }
  const rate = normalizeRatePercent(vat.ratePercent);
  if (vat.category === 'S' && rate === '0') throw new InvoiceError('INVOICE_INVALID_VAT', `${where}: standard-rated VAT (S) needs a rate above 0`);
  if (vat.category !== 'S' && rate !== '0') throw new InvoiceError('INVOICE_INVALID_VAT', `${where}: VAT category ${vat.category} must have rate 0`);
}

/** VAT of a taxable amount at a rate, rounded half-up to minor units (EN 16931 BR-CO-17). */
export function computeVatMinor(taxableMinor: number, ratePercent: string): number {
  const { units, scale } = parseDecimal(ratePercent);
  return toSafeNumber(divideRounded(BigInt(taxableMinor) * units, 100n * 10n ** BigInt(scale), 'half-up'));
}

/**
 * Validates the document (throws InvoiceError naming the problem) and computes its totals:
 * line nets are already rounded; VAT is computed once per category and rate on the summed taxable
 * amount and rounded half-up; every total is a sum of rounded amounts (EN 16931 BR-CO-10..17).
 */
export function computeInvoiceTotals(doc: InvoiceDocument): InvoiceTotals {
  validateInvoiceDocument(doc);
  const groups = new Map<string, { category: VatCategory; ratePercent: string; amounts: number[] }>();
  const add = (vat: VatRef, amount: number): void => {
    const ratePercent = normalizeRatePercent(vat.ratePercent);
    const key = `${vat.category}|${ratePercent}`;
    const g = groups.get(key) ?? { category: vat.category, ratePercent, amounts: [] };
    g.amounts.push(amount);
    groups.set(key, g);
  };
  for (const l of doc.lines) add(l.vat, l.netAmountMinor);
  const acs = doc.allowancesCharges ?? [];
  for (const ac of acs) add(ac.vat, ac.isCharge ? ac.amountMinor : -ac.amountMinor);
  const vatBreakdown: VatBreakdown[] = [...groups.values()]
    .sort((a, b) => a.category.localeCompare(b.category) || Number(a.ratePercent) - Number(b.ratePercent))
    .map((g) => {
      const taxableMinor = sumMinor(g.amounts);
      return {
        category: g.category, ratePercent: g.ratePercent, taxableMinor,
        taxMinor: computeVatMinor(taxableMinor, g.ratePercent),
        exemptionReason: g.category === 'S' || g.category === 'Z' ? null : doc.vatExemptionReasons?.[g.category] ?? null,
      };
    });
  const lineNetMinor = sumMinor(doc.lines.map((l) => l.netAmountMinor));
  const allowanceTotalMinor = sumMinor(acs.filter((a) => !a.isCharge).map((a) => a.amountMinor));
  const chargeTotalMinor = sumMinor(acs.filter((a) => a.isCharge).map((a) => a.amountMinor));
  const taxExclusiveMinor = lineNetMinor - allowanceTotalMinor + chargeTotalMinor;
  const taxMinor = sumMinor(vatBreakdown.map((v) => v.taxMinor));
  const taxInclusiveMinor = taxExclusiveMinor + taxMinor;
  const prepaidMinor = doc.prepaidMinor ?? 0;
  return {
    lineNetMinor, allowanceTotalMinor, chargeTotalMinor, taxExclusiveMinor, taxMinor, taxInclusiveMinor,
    prepaidMinor, payableMinor: taxInclusiveMinor - prepaidMinor, vatBreakdown,
  };
}

/** Throws InvoiceError on anything that would make an invalid EN 16931 document. */
export function validateInvoiceDocument(doc: InvoiceDocument): void {
  const fail = (code: string, message: string): never => {
    throw new InvoiceError(code, message);
  };
  if (doc.kind !== 'invoice' && doc.kind !== 'credit-note') fail('INVOICE_INVALID', `kind must be invoice or credit-note`);
  if (!doc.number?.trim()) fail('INVOICE_INVALID', 'invoice number (BT-1) is required');
  assertIsoDate('issueDate', doc.issueDate);
  if (doc.dueDate) assertIsoDate('dueDate', doc.dueDate);
  if (currencyExponent(doc.currency) > 2) fail('INVOICE_INVALID_CURRENCY', `${doc.currency} has more than 2 decimals, which EN 16931 amounts cannot carry`);
  for (const [role, p] of [['seller', doc.seller], ['buyer', doc.buyer]] as const) {
    if (!p?.name?.trim()) fail('INVOICE_INVALID_PARTY', `${role} name is required`);
    if (!/^[A-Z]{2}$/.test(p.address?.countryCode ?? '')) fail('INVOICE_INVALID_PARTY', `${role} country code must be ISO 3166 alpha-2`);
    if (!p.address.city?.trim() || !p.address.postalCode?.trim() || !p.address.street?.trim()) {
      fail('INVOICE_INVALID_PARTY', `${role} address needs street, city and postal code`);
    }
  }
  if (!doc.seller.vatId) fail('INVOICE_INVALID_PARTY', 'seller VAT identifier (BT-31) is required for VAT categories S, Z, E and AE');
  if (doc.lines.length === 0) fail('INVOICE_NO_LINES', 'an invoice needs at least one line');
  const ids = new Set<string>();
  for (const l of doc.lines) {
    if (!l.lineId || ids.has(l.lineId)) fail('INVOICE_INVALID_LINE', `line id "${l.lineId}" is empty or repeated`);
    ids.add(l.lineId);
    if (!l.itemName?.trim()) fail('INVOICE_INVALID_LINE', `line ${l.lineId}: item name is required`);
    if (!/^-?\d+(\.\d{1,4})?$/.test(l.quantity)) fail('INVOICE_INVALID_LINE', `line ${l.lineId}: quantity "${l.quantity}" must be a decimal with up to 4 decimals`);
    if (!/^[A-Z0-9]{2,3}$/.test(l.unitCode)) fail('INVOICE_INVALID_LINE', `line ${l.lineId}: unit code "${l.unitCode}" is not a UN/ECE rec 20 code`);
    assertMinorUnits(`line ${l.lineId} netAmountMinor`, l.netAmountMinor);
    assertMinorUnits(`line ${l.lineId} unitPriceMinor`, l.unitPriceMinor);
    if (l.unitPriceMinor < 0) fail('INVOICE_INVALID_LINE', `line ${l.lineId}: price must not be negative (use a negative quantity)`);
    validateVatRef(l.vat, `line ${l.lineId}`);
  }
  for (const ac of doc.allowancesCharges ?? []) {
    assertMinorUnits('allowance/charge amountMinor', ac.amountMinor);
    if (ac.amountMinor < 0) fail('INVOICE_INVALID_ALLOWANCE', 'allowance/charge amounts are positive; isCharge gives the sign');
    if (!ac.reason?.trim()) fail('INVOICE_INVALID_ALLOWANCE', 'allowance/charge needs a reason');
    validateVatRef(ac.vat, 'allowance/charge');
  }
  const cats = new Set([...doc.lines.map((l) => l.vat.category), ...(doc.allowancesCharges ?? []).map((a) => a.vat.category)]);
  for (const c of ['E', 'AE'] as const) {
    if (cats.has(c) && !doc.vatExemptionReasons?.[c]?.trim()) fail('INVOICE_EXEMPTION_REASON', `VAT category ${c} needs an exemption reason`);
  }
  if (cats.has('AE') && !doc.buyer.vatId) fail('INVOICE_INVALID_PARTY', 'reverse charge (AE) needs the buyer VAT identifier');
  if (doc.kind === 'credit-note' && !doc.precedingInvoice) fail('INVOICE_INVALID', 'a credit note must reference the invoice it corrects');
  if (doc.precedingInvoice) assertIsoDate('precedingInvoice.issueDate', doc.precedingInvoice.issueDate);
  if (doc.period) {
    assertIsoDate('period.start', doc.period.start);
    assertIsoDate('period.end', doc.period.end);
    if (doc.period.end < doc.period.start) fail('INVOICE_INVALID', 'invoice period ends before it starts');
  }
  if (doc.kind === 'invoice' && !doc.dueDate && !doc.payment.terms?.trim()) {
    fail('INVOICE_INVALID', 'an invoice needs a due date or payment terms (BR-CO-25)');
  }
  if (!/^\d{1,3}$/.test(doc.payment.meansCode)) fail('INVOICE_INVALID', `payment means code "${doc.payment.meansCode}" is not a UNCL 4461 code`);
}
