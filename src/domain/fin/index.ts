export { FinError, type FinErrorCode } from './fin-errors.js';
export { npv, npvFromTimeZero, xnpv, isoDateToDayNumber, yearFractions } from './present-value.js';
export { irr, xirr, findRateRoots, countSignChanges, type RateResult, type RateOptions } from './rate-of-return.js';
export { paybackPeriod, discountedPaybackPeriod, returnOnInvestment, benefitCostRatio, type PaybackResult } from './payback.js';
export {
  evaluateBusinessCase,
  evaluateCase,
  validateBusinessCase,
  DEFAULT_CASE_ASSUMPTIONS,
  type BusinessCase,
  type CostLine,
  type BenefitLine,
  type CaseAssumption,
  type CaseName,
  type CaseEvaluation,
} from './business-case.js';
