/**
 * EN 16931 VAT category codes supported: S standard rate, Z zero rated, E exempt (needs a reason),
 * AE reverse charge (needs a reason and the buyer's VAT id).
 */
export type VatCategory = 'S' | 'Z' | 'E' | 'AE';

/** VAT applied to a line or an allowance/charge: category and rate as a decimal string ("21", "5.5", "0"). */
export interface VatRef {
  category: VatCategory;
  ratePercent: string;
}

/** Postal address (BG-5 / BG-8). `countryCode` is ISO 3166-1 alpha-2. */
export interface PostalAddress {
  street: string;
  additionalStreet?: string | null;
  city: string;
  postalCode: string;
  countrySubdivision?: string | null;
  countryCode: string;
}

/** Seller or buyer (BG-4 / BG-7). */
export interface InvoiceParty {
  /** Legal registration name (BT-27 / BT-44). */
  name: string;
  tradingName?: string | null;
  /** VAT identifier with country prefix (BT-31 / BT-48), e.g. "NL123456789B01". */
  vatId?: string | null;
  /** Legal registration identifier (BT-30 / BT-47). */
  legalRegistrationId?: string | null;
  /** Electronic address (BT-34 / BT-49), e.g. { schemeId: 'EM', value: 'ap@buyer.example' }. */
  endpoint?: { schemeId: string; value: string } | null;
  address: PostalAddress;
  contact?: { name?: string | null; phone?: string | null; email?: string | null } | null;
}

/** Where a line came from, so the database can mark entries as billed exactly once. */
export interface LineSource {
  kind: 'time' | 'expense' | 'milestone' | 'manual';
  id: string;
}

/** One invoice line (BG-25). Amounts in minor units of the document currency. */
export interface InvoiceLine {
  /** BT-126, unique within the document ("1", "2", ...). */
  lineId: string;
  /** BT-153 item name. */
  itemName: string;
  /** BT-154 item description. */
  description?: string | null;
  /** BT-129, decimal string with up to 4 decimals ("7.5"). */
  quantity: string;
  /** BT-130 UN/ECE rec 20 unit: HUR hour, DAY day, C62 one (unit). */
  unitCode: string;
  /** BT-146 net price per unit, minor units. */
  unitPriceMinor: number;
  /** BT-131 line net amount, minor units: the authoritative amount (quantity x price rounded once). */
  netAmountMinor: number;
  vat: VatRef;
  /** BG-26 line period. */
  period?: { start: string; end: string } | null;
  sources: readonly LineSource[];
}

/** Document-level allowance (discount) or charge (BG-20 / BG-21). */
export interface DocumentAllowanceCharge {
  isCharge: boolean;
  amountMinor: number;
  reason: string;
  vat: VatRef;
}

/** Payment instructions (BG-16). */
export interface PaymentInstructions {
  /** UNCL 4461 code: 30 credit transfer, 58 SEPA credit transfer, 49 direct debit, 1 not defined. */
  meansCode: string;
  /** BT-83 remittance information. */
  paymentId?: string | null;
  /** BT-84 IBAN or account number. */
  accountId?: string | null;
  accountName?: string | null;
  /** BT-86 BIC. */
  bic?: string | null;
  /** BT-20 payment terms text. */
  terms?: string | null;
}

/** An invoice or credit note as plain data: what the database stores and what every output is generated from. */
export interface InvoiceDocument {
  kind: 'invoice' | 'credit-note';
  /** BT-1 number, from formatInvoiceNumber. */
  number: string;
  /** BT-2, YYYY-MM-DD. */
  issueDate: string;
  /** BT-9, YYYY-MM-DD. */
  dueDate?: string | null;
  /** BT-5 ISO 4217 currency with at most 2 decimals. */
  currency: string;
  /** BT-3: 380 commercial invoice / 381 credit note unless told. */
  typeCode?: string;
  note?: string | null;
  buyerReference?: string | null;
  orderReference?: string | null;
  contractReference?: string | null;
  /** BT-11 project reference (invoices only in UBL). */
  projectReference?: string | null;
  /** BG-14 invoicing period. */
  period?: { start: string; end: string } | null;
  /** BG-3: the invoice a credit note corrects. */
  precedingInvoice?: { number: string; issueDate: string } | null;
  seller: InvoiceParty;
  buyer: InvoiceParty;
  payment: PaymentInstructions;
  lines: readonly InvoiceLine[];
  allowancesCharges?: readonly DocumentAllowanceCharge[];
  /** BT-113 amount already paid. */
  prepaidMinor?: number;
  /** Exemption reason text (BT-120) per category; required for E and AE. */
  vatExemptionReasons?: Partial<Record<VatCategory, string>>;
}

/** VAT breakdown row (BG-23). */
export interface VatBreakdown {
  category: VatCategory;
  ratePercent: string;
  taxableMinor: number;
  taxMinor: number;
  exemptionReason: string | null;
}

/** Document totals (BG-22), all in minor units. */
export interface InvoiceTotals {
  lineNetMinor: number;
  allowanceTotalMinor: number;
  chargeTotalMinor: number;
  taxExclusiveMinor: number;
  taxMinor: number;
  taxInclusiveMinor: number;
  prepaidMinor: number;
  payableMinor: number;
  vatBreakdown: VatBreakdown[];
}
