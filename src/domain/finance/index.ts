/** Finance rules: money, currencies, rates, timesheets, budgets, forecasts, margins. Pure functions. */
export { FinanceError } from './finance-error.js';
export {
  DEFAULT_ROUNDING, currencyExponent, assertCurrencyCode, assertMinorUnits, divideRounded, multiplyDivide,
  toSafeNumber, sumMinor, parseDecimal, parseAmountToMinor, formatMinor, formatScaled, computeTimeAmountMinor,
} from './money.js';
export type { Money, RoundingMode, ScaledDecimal } from './money.js';
export { assertIsoDate, assertIsoMonth, isoWeekday, monthOf, toEpochDay } from './iso-date.js';
export { createExchangeRateTable, resolveExchangeRate, convertMoney, sumInReportingCurrency } from './exchange-rates.js';
export type { ExchangeRate, ExchangeRateOptions, ExchangeRateTable, ResolvedRate } from './exchange-rates.js';
export { resolveRate, rateSpecificity, validateRateRow, priceTime } from './rates.js';
export type { RateKind, RateRow, RateQuery, ResolvedRateRow } from './rates.js';
export { validateTimeEntries, isTimesheetValid } from './timesheet-rules.js';
export type {
  TimeEntryInput, ProjectTimePolicy, LockedPeriod, TimesheetPolicy, TimesheetViolation, TimesheetViolationCode,
} from './timesheet-rules.js';
export { transitionTimesheet, canApproveTime, buildTimeCorrection, TIMESHEET_TRANSITIONS } from './timesheet-state.js';
export type { TimesheetState, TimesheetAction, TimesheetStatus, PostedTimeEntry, TimeCorrection } from './timesheet-state.js';
export { COST_CATEGORIES, transitionBudgetVersion, computeEffectiveBudget, buildBudgetActualForecast, monthRange } from './budget.js';
export type { BudgetLine, BudgetVersion, BudgetVersionStatus, ExpenditureType, MonthlyAmount, BudgetActualForecastRow } from './budget.js';
export { chooseForecast, computeForecast, spreadOverMonths } from './forecast.js';
export type { EtcMethod, ForecastInput, Forecast, ForecastSetting } from './forecast.js';
export { computeMargin, computeFixedPriceMarginAtCompletion, applyMarkup } from './margin.js';
export type { MarginInput, MarginResult, MarginTimeEntry, MarginExpense } from './margin.js';
export { computeProjectMargin } from './project-margin.js';
export type { BillingType, ProjectMarginInput, ProjectMargin } from './project-margin.js';
export { computeActualCosts } from './actuals.js';
export type { ActualTimeInput, ActualCostInput, ActualCostRow, ActualsProblem } from './actuals.js';
export { parseCsv, parseCostLinesCsv } from './cost-lines-csv.js';
export type { CsvRowError } from './cost-lines-csv.js';
export { findTimesheetGaps, fromEpochDay } from './timesheet-compliance.js';
export type { ComplianceGap } from './timesheet-compliance.js';
export { checkReceiptFile, cleanReceiptFileName, sniffReceiptType, MAX_RECEIPT_BYTES, MAX_RECEIPTS_PER_EXPENSE, RECEIPT_CONTENT_TYPES } from './receipt-file.js';
export type { ReceiptContentType } from './receipt-file.js';
