import { formatMinor } from '../finance/index.js';
import { computeInvoiceTotals } from './invoice-totals.js';
import type { InvoiceDocument, InvoiceParty, InvoiceTotals, VatRef } from './invoice-types.js';
import { el, serializeXml, type XmlNode } from './xml-writer.js';

/** EN 16931 core specification identifier (BT-24). */
export const EN16931_CUSTOMIZATION_ID = 'urn:cen.eu:en16931:2017';

const NS = {
  invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  creditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
};

const cbc = (name: string, text: string | null | undefined, attrs?: Record<string, string>): XmlNode | null =>
  text === null || text === undefined || text === '' ? null : el(`cbc:${name}`, attrs ?? {}, text);
const cac = (name: string, children: (XmlNode | null | undefined | false)[]): XmlNode => el(`cac:${name}`, children);

function vatScheme(): XmlNode {
  return cac('TaxScheme', [cbc('ID', 'VAT')]);
}

function party(p: InvoiceParty): XmlNode {
  const a = p.address;
  return cac('Party', [
    p.endpoint ? cbc('EndpointID', p.endpoint.value, { schemeID: p.endpoint.schemeId }) : null,
    p.tradingName ? cac('PartyName', [cbc('Name', p.tradingName)]) : null,
    cac('PostalAddress', [
      cbc('StreetName', a.street),
      cbc('AdditionalStreetName', a.additionalStreet),
      cbc('CityName', a.city),
      cbc('PostalZone', a.postalCode),
      cbc('CountrySubentity', a.countrySubdivision),
      cac('Country', [cbc('IdentificationCode', a.countryCode)]),
    ]),
    p.vatId ? cac('PartyTaxScheme', [cbc('CompanyID', p.vatId), vatScheme()]) : null,
    cac('PartyLegalEntity', [cbc('RegistrationName', p.name), cbc('CompanyID', p.legalRegistrationId)]),
    p.contact && (p.contact.name || p.contact.phone || p.contact.email)
      ? cac('Contact', [cbc('Name', p.contact.name), cbc('Telephone', p.contact.phone), cbc('ElectronicMail', p.contact.email)])
      : null,
  ]);
}

function taxCategory(tag: 'TaxCategory' | 'ClassifiedTaxCategory', vat: VatRef, reason?: string | null): XmlNode {
  return cac(tag, [cbc('ID', vat.category), cbc('Percent', vat.ratePercent), cbc('TaxExemptionReason', reason), vatScheme()]);
}

/**
 * UBL 2.1 Invoice or CreditNote following EN 16931 (CustomizationID urn:cen.eu:en16931:2017), generated
 * from the document data. Element order follows the UBL 2.1 schemas. Returns the XML text.
 */
export function buildUblXml(doc: InvoiceDocument, totals: InvoiceTotals = computeInvoiceTotals(doc)): string {
  const isCredit = doc.kind === 'credit-note';
  const cur = doc.currency;
  const amt = (name: string, minor: number): XmlNode => el(`cbc:${name}`, { currencyID: cur }, formatMinor(minor, cur));
  const typeCode = doc.typeCode ?? (isCredit ? '381' : '380');
  const pay = doc.payment;
  const lineTag = isCredit ? 'CreditNoteLine' : 'InvoiceLine';
  const qtyTag = isCredit ? 'CreditedQuantity' : 'InvoicedQuantity';

  const children: (XmlNode | null | false)[] = [
    cbc('CustomizationID', EN16931_CUSTOMIZATION_ID),
    cbc('ID', doc.number),
    cbc('IssueDate', doc.issueDate),
    !isCredit ? cbc('DueDate', doc.dueDate) : null,
    cbc(isCredit ? 'CreditNoteTypeCode' : 'InvoiceTypeCode', typeCode),
    cbc('Note', doc.note),
    cbc('DocumentCurrencyCode', cur),
    cbc('BuyerReference', doc.buyerReference),
    doc.period ? cac('InvoicePeriod', [cbc('StartDate', doc.period.start), cbc('EndDate', doc.period.end)]) : null,
    doc.orderReference ? cac('OrderReference', [cbc('ID', doc.orderReference)]) : null,
    doc.precedingInvoice
      ? cac('BillingReference', [cac('InvoiceDocumentReference', [cbc('ID', doc.precedingInvoice.number), cbc('IssueDate', doc.precedingInvoice.issueDate)])])
      : null,
    doc.contractReference ? cac('ContractDocumentReference', [cbc('ID', doc.contractReference)]) : null,
    !isCredit && doc.projectReference ? cac('ProjectReference', [cbc('ID', doc.projectReference)]) : null,
    cac('AccountingSupplierParty', [party(doc.seller)]),
    cac('AccountingCustomerParty', [party(doc.buyer)]),
    cac('PaymentMeans', [
      cbc('PaymentMeansCode', pay.meansCode),
      isCredit ? cbc('PaymentDueDate', doc.dueDate) : null,
      cbc('PaymentID', pay.paymentId),
      pay.accountId
        ? cac('PayeeFinancialAccount', [cbc('ID', pay.accountId), cbc('Name', pay.accountName), pay.bic ? cac('FinancialInstitutionBranch', [cbc('ID', pay.bic)]) : null])
        : null,
    ]),
    pay.terms ? cac('PaymentTerms', [cbc('Note', pay.terms)]) : null,
    ...(doc.allowancesCharges ?? []).map((ac) => cac('AllowanceCharge', [
      cbc('ChargeIndicator', ac.isCharge ? 'true' : 'false'),
      cbc('AllowanceChargeReason', ac.reason),
      amt('Amount', ac.amountMinor),
      taxCategory('TaxCategory', ac.vat),
    ])),
    cac('TaxTotal', [
      amt('TaxAmount', totals.taxMinor),
      ...totals.vatBreakdown.map((v) => cac('TaxSubtotal', [
        amt('TaxableAmount', v.taxableMinor),
        amt('TaxAmount', v.taxMinor),
        taxCategory('TaxCategory', { category: v.category, ratePercent: v.ratePercent }, v.exemptionReason),
      ])),
    ]),
    cac('LegalMonetaryTotal', [
      amt('LineExtensionAmount', totals.lineNetMinor),
      amt('TaxExclusiveAmount', totals.taxExclusiveMinor),
      amt('TaxInclusiveAmount', totals.taxInclusiveMinor),
      totals.allowanceTotalMinor ? amt('AllowanceTotalAmount', totals.allowanceTotalMinor) : null,
      totals.chargeTotalMinor ? amt('ChargeTotalAmount', totals.chargeTotalMinor) : null,
      totals.prepaidMinor ? amt('PrepaidAmount', totals.prepaidMinor) : null,
      amt('PayableAmount', totals.payableMinor),
    ]),
    ...doc.lines.map((l) => cac(lineTag, [
      cbc('ID', l.lineId),
      el(`cbc:${qtyTag}`, { unitCode: l.unitCode }, l.quantity),
      amt('LineExtensionAmount', l.netAmountMinor),
      l.period ? cac('InvoicePeriod', [cbc('StartDate', l.period.start), cbc('EndDate', l.period.end)]) : null,
      cac('Item', [
        cbc('Description', l.description),
        cbc('Name', l.itemName),
        taxCategory('ClassifiedTaxCategory', l.vat),
      ]),
      cac('Price', [amt('PriceAmount', l.unitPriceMinor)]),
    ])),
  ];
  const root = el(isCredit ? 'CreditNote' : 'Invoice', {
    xmlns: isCredit ? NS.creditNote : NS.invoice,
    'xmlns:cac': NS.cac,
    'xmlns:cbc': NS.cbc,
  }, children);
  return serializeXml(root);
}
