/** zod schemas of the finance API (requests validated strictly; responses describe what the services return). */
import { z } from 'zod';
import { DateOnly, LongText, Name, Uuid, Version } from '../../server/schemas.js';

export const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR');
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM');
export const MinorAmount = z.number().int().min(-9_000_000_000_000).max(9_000_000_000_000);
export const Decimal = z.string().regex(/^\d{1,12}(\.\d{1,10})?$/, 'must be a plain decimal such as "1.0825"');
const Comment = z.string().max(2000).refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s), 'must not contain control characters');
export const Reason = z.string().trim().min(1).max(2000);
export const Ids = z.array(Uuid).min(1).max(5000);

export const WeekParams = z.strictObject({ personId: Uuid, weekStart: DateOnly });

export const TimeEntryResponse = z.object({
  id: z.uuid(), personId: z.uuid(), projectId: z.uuid(), projectName: z.string().nullable(), projectCode: z.string().nullable(),
  taskId: z.uuid().nullable(), taskName: z.string().nullable(), date: z.string(), postingDate: z.string(), minutes: z.number().int(),
  billable: z.boolean(), comment: z.string().nullable(), state: z.enum(['draft', 'submitted', 'approved', 'rejected', 'locked']), reason: z.string().nullable(),
  reversalOf: z.uuid().nullable(), corrects: z.uuid().nullable(), costMinor: z.number().int().nullable(), costCurrency: z.string().nullable(),
  decidedBy: z.uuid().nullable(), version: z.number().int(), personName: z.string().optional(),
}).meta({ id: 'TimeEntry' });

const Violation = z.object({ code: z.string(), severity: z.enum(['error', 'warning']), entryIndex: z.number().int(), entryId: z.string().nullable(), date: z.string(), message: z.string() });

export const WeekResponse = z.object({
  personId: z.uuid(), personName: z.string(), weekStart: z.string(), weekEnd: z.string(), maxMinutesPerDay: z.number().int(), lockedUntil: z.string().nullable(),
  entries: z.array(TimeEntryResponse), dayTotals: z.array(z.object({ date: z.string(), minutes: z.number().int() })), violations: z.array(Violation), canEdit: z.boolean(),
}).meta({ id: 'TimesheetWeek' });

export const PutWeekBody = z.strictObject({
  entries: z.array(z.strictObject({
    id: Uuid.optional(), projectId: Uuid, taskId: Uuid.nullable().optional(), date: DateOnly,
    minutes: z.number().int().min(-100_000).max(100_000), billable: z.boolean().optional(), comment: Comment.nullable().optional(),
  })).max(500),
});

export const DecideTimeBody = z.strictObject({ ids: Ids });
export const RejectTimeBody = z.strictObject({ ids: Ids, reason: Reason });
export const DecisionResponse = z.object({ approved: z.number().int(), rejected: z.number().int(), projects: z.array(z.uuid()) });
export const ApprovalsQuery = z.strictObject({ projectId: Uuid.optional(), limit: z.coerce.number().int().min(1).max(5000).default(500) });

export const CorrectionBody = z.strictObject({
  reason: Reason, delete: z.boolean().optional(), minutes: z.number().int().min(1).max(1440).optional(), projectId: Uuid.optional(),
  taskId: Uuid.nullable().optional(), date: DateOnly.optional(), billable: z.boolean().optional(), comment: Comment.nullable().optional(), postingDate: DateOnly.optional(),
});
export const LockBody = z.strictObject({ until: DateOnly });
export const LockResponse = z.object({ lockedUntil: z.string(), lockedEntries: z.number().int() });

export const RateBody = z.strictObject({
  kind: z.enum(['cost', 'bill']), personId: Uuid.nullable().optional(), roleId: Uuid.nullable().optional(), projectId: Uuid.nullable().optional(),
  effectiveFrom: DateOnly, effectiveTo: DateOnly.nullable().optional(), amountMinorPerHour: z.number().int().min(0).max(100_000_000), currency: Currency,
});
export const RatePatchBody = RateBody.partial().extend({ version: Version.optional() });
export const RateResponse = z.object({
  id: z.uuid(), kind: z.enum(['cost', 'bill']), personId: z.uuid().nullable(), roleId: z.uuid().nullable(), projectId: z.uuid().nullable(),
  effectiveFrom: z.string(), effectiveTo: z.string().nullable(), amountMinorPerHour: z.number().int(), currency: z.string(), version: z.number().int(),
}).meta({ id: 'Rate' });
export const RatesQuery = z.strictObject({ personId: Uuid.optional(), projectId: Uuid.optional(), kind: z.enum(['cost', 'bill']).optional() });
export const ExchangeRateBody = z.strictObject({ from: Currency, to: Currency, date: DateOnly, rate: Decimal });
export const ExchangeRateResponse = z.object({ id: z.uuid(), from: z.string(), to: z.string(), date: z.string(), rate: z.string() }).meta({ id: 'ExchangeRate' });
export const ExchangeRatesQuery = z.strictObject({ from: Currency.optional(), to: Currency.optional() });

const Address = z.strictObject({ street: Name, additionalStreet: Name.nullable().optional(), city: Name, postalCode: z.string().trim().min(1).max(20), countrySubdivision: Name.nullable().optional(), countryCode: z.string().regex(/^[A-Z]{2}$/) });
export const Party = z.strictObject({
  name: Name, tradingName: Name.nullable().optional(), vatId: z.string().regex(/^[A-Z]{2}[A-Za-z0-9]{2,13}$/).nullable().optional(), legalRegistrationId: Name.nullable().optional(),
  endpoint: z.strictObject({ schemeId: z.string().min(1).max(10), value: Name }).nullable().optional(), address: Address,
  contact: z.strictObject({ name: Name.nullable().optional(), phone: Name.nullable().optional(), email: Name.nullable().optional() }).nullable().optional(),
});
const Payment = z.strictObject({ meansCode: z.string().regex(/^\d{1,3}$/), paymentId: Name.nullable().optional(), accountId: z.string().regex(/^[A-Z0-9]{5,34}$/).nullable().optional(), accountName: Name.nullable().optional(), bic: z.string().regex(/^[A-Z0-9]{8,11}$/).nullable().optional(), terms: Name.nullable().optional() });
const VatCategory = z.enum(['S', 'Z', 'E', 'AE']);

export const SettingsBody = z.strictObject({
  maxMinutesPerDay: z.number().int().min(1).max(1440).optional(), workingWeekdays: z.array(z.number().int().min(1).max(7)).max(7).optional(), allowNonWorkingDays: z.boolean().optional(),
  seller: Party.optional(), payment: Payment.optional(), vatCategory: VatCategory.optional(), vatRatePercent: z.string().regex(/^\d{1,2}(\.\d{1,3})?$/).optional(),
  vatExemptionReason: Name.nullable().optional(), invoiceSeries: z.string().regex(/^[A-Z][A-Z0-9]{0,9}$/).optional(), creditNoteSeries: z.string().regex(/^[A-Z][A-Z0-9]{0,9}$/).optional(),
  paymentDays: z.number().int().min(0).max(365).optional(), version: Version.optional(),
});
export const SettingsResponse = z.looseObject({ maxMinutesPerDay: z.number().int(), lockedUntil: z.string().nullable(), invoiceSeries: z.string(), creditNoteSeries: z.string(), version: z.number().int() }).meta({ id: 'FinanceSettings' });

export const ClientBody = z.strictObject({ party: Party, currency: Currency.default('EUR') });
/** A client change: the whole party (name, ids, address, contact) and/or the invoice currency of new invoices. */
export const ClientPatchBody = z.strictObject({ party: Party.optional(), currency: Currency.optional(), version: Version.optional() });
export const ClientResponse = z.looseObject({ id: z.uuid(), name: z.string(), party: Party, currency: z.string(), version: z.number().int() }).meta({ id: 'Client' });

export const Billing = z.enum(['time-and-materials', 'fixed-price', 'milestone', 'non-billable']);
const ForecastMethod = z.enum(['auto', 'cpi', 'remaining-plan', 'manual']);
const Recognition = z.enum(['percent-complete', 'completed-contract']);
export const ProjectFinanceBody = z.strictObject({
  clientId: Uuid.nullable().optional(), commentRequired: z.boolean().optional(), billing: Billing.optional(),
  forecastMethod: ForecastMethod.optional().describe('ETC method: auto = CPI-based when CPI is defined, else the remaining plan'),
  manualEtcMinor: z.number().int().min(0).max(1_000_000_000_000).nullable().optional().describe('estimate to complete for the manual method'),
  contractPriceMinor: z.number().int().min(0).max(1_000_000_000_000).nullable().optional().describe('fixed price of the contract (fixed-price billing)'),
  revenueRecognition: Recognition.optional().describe('fixed price: revenue by cost-to-cost percent complete, or all at completion'),
});
export const ProjectFinanceResponse = z.object({
  projectId: z.uuid(), clientId: z.uuid().nullable(), commentRequired: z.boolean(), billing: Billing, forecastMethod: ForecastMethod, manualEtcMinor: z.number().int().nullable(),
  contractPriceMinor: z.number().int().nullable(), revenueRecognition: Recognition, version: z.number().int(),
}).meta({ id: 'ProjectFinance' });

export const EvMethodSchema = z.enum(['percent-complete', 'zero-hundred', 'fifty-fifty', 'weighted-milestones', 'physical-percent-complete']);
const EvMilestoneSchema = z.strictObject({ name: z.string().trim().min(1).max(100), weight: z.number().min(0).max(1_000_000), done: z.boolean() });
export const TaskCostsBody = z.strictObject({
  items: z.array(z.strictObject({
    taskId: Uuid, plannedCostMinor: z.number().int().min(0).max(1_000_000_000_000), evMethod: EvMethodSchema.optional(),
    physicalPercentComplete: z.number().min(0).max(100).multipleOf(0.01).nullable().optional().describe('measured progress for the physical-percent-complete method'),
    milestones: z.array(EvMilestoneSchema).max(50).nullable().optional().describe('steps of the weighted-milestones method: EV = budget x done weight / total weight'),
  })).max(5000),
});
const EvMilestoneOut = z.object({ name: z.string(), weight: z.number(), done: z.boolean() });
export const TaskCostsResponse = z.object({ items: z.array(z.object({ taskId: z.uuid(), plannedCostMinor: z.number().int(), evMethod: EvMethodSchema, physicalPercentComplete: z.number().nullable(), milestones: z.array(EvMilestoneOut).nullable() })) });
export const TaskEvmResponse = z.object({
  projectId: z.uuid(), asOf: z.string(),
  items: z.array(z.object({
    taskId: z.uuid(), wbs: z.string(), name: z.string(), plannedCostMinor: z.number().int(), evMethod: EvMethodSchema, percentComplete: z.number(),
    physicalPercentComplete: z.number().nullable(), milestones: z.array(EvMilestoneOut).nullable(), plannedStart: z.string().nullable(), plannedFinish: z.string().nullable(),
    baselined: z.boolean().describe('planned dates come from baseline 0'),
    bac: z.number().int(), pv: z.number().int(), ev: z.number().int(), ac: z.number().int(), cv: z.number().int(), sv: z.number().int(), cpi: z.number().nullable(), spi: z.number().nullable(),
  })),
}).meta({ id: 'TaskEvm' });

const BudgetLineSchema = z.strictObject({ month: Month, category: z.string().trim().min(1).max(50), expenditure: z.enum(['capex', 'opex']), amountMinor: MinorAmount });
export const BudgetVersionBody = z.strictObject({ kind: z.enum(['original', 'change']), currency: Currency.optional(), note: LongText.optional(), lines: z.array(BudgetLineSchema).max(5000) });
const BudgetLineOut = z.object({ month: z.string(), category: z.string(), expenditure: z.string(), amountMinor: z.number().int() });
export const BudgetVersionResponse = z.object({
  id: z.uuid(), scope: z.enum(['project', 'program', 'portfolio']), ownerId: z.uuid(), versionNo: z.number().int(), kind: z.enum(['original', 'change']),
  status: z.enum(['draft', 'submitted', 'approved', 'rejected']), currency: z.string(), note: z.string(), submittedBy: z.uuid().nullable(),
  decidedBy: z.uuid().nullable(), version: z.number().int(), lines: z.array(BudgetLineOut),
}).meta({ id: 'BudgetVersion' });
export const BudgetResponse = z.object({
  scope: z.enum(['project', 'program', 'portfolio']), ownerId: z.uuid(), currency: z.string().describe('the reporting currency budgets are kept in'), versions: z.array(BudgetVersionResponse), effective: z.array(BudgetLineOut), totalMinor: z.number().int(),
  months: z.array(z.object({ month: z.string(), budgetMinor: z.number().int(), projectsBudgetMinor: z.number().int(), actualMinor: z.number().int() })).nullable()
    .describe('programs and portfolios: their own budget against the budgets and actual cost of their projects, by month'),
  projects: z.object({ count: z.number().int(), budgetMinor: z.number().int(), actualMinor: z.number().int() }).nullable(),
}).meta({ id: 'Budget' });
export const BudgetVersionPatchBody = z.strictObject({ note: LongText.optional(), lines: z.array(BudgetLineSchema).max(5000).optional(), version: Version.optional() });
export const BudgetTransitionBody = z.strictObject({ action: z.enum(['submit', 'approve', 'reject', 'revise']), version: Version.optional() });

export const AsOfQuery = z.strictObject({ asOf: DateOnly.optional() });
const MonthRow = z.object({ month: z.string(), budgetMinor: z.number().int(), actualMinor: z.number().int(), forecastMinor: z.number().int(), outlookMinor: z.number().int(), varianceMinor: z.number().int(), cumulativeBudgetMinor: z.number().int(), cumulativeOutlookMinor: z.number().int() });
const Schedule = z.object({
  es: z.number(), at: z.number(), svT: z.number(), spiT: z.number().nullable(), ieacT: z.number().nullable(), startDate: z.string(), esDate: z.string(), plannedDurationDays: z.number().int(),
}).describe('earned schedule in days from the plan start: ES, AT, SV(t) = ES - AT, SPI(t) = ES / AT, IEAC(t) = planned duration / SPI(t)');
export const MarginSchema = z.object({
  billing: Billing, revenueMinor: z.number().int(), costMinor: z.number().int(), marginMinor: z.number().int(), marginPercent: z.number().nullable(),
  invoicedMinor: z.number().int().describe('issued invoices net of credit notes, in the reporting currency'),
  unbilledMinor: z.number().int().describe('time and materials: approved billable work not invoiced yet, at bill rates'),
  basis: z.string().describe('how revenue is recognised for this billing type'),
  problems: z.array(z.object({ message: z.string() })),
});
export const FinancialsResponse = z.object({
  projectId: z.uuid(), asOf: z.string(), currency: z.string(), budgetTotalMinor: z.number().int(), months: z.array(MonthRow),
  evm: z.unknown().describe('EvmMetrics: bac, pv, ev, ac, cv, sv, cpi, spi, eacCpi, eacAtypical, eacCpiSpi, eacBottomUp, etc, vac, tcpiToBac, tcpiToEac, percentComplete'),
  schedule: Schedule.nullable(),
  forecast: z.unknown().describe('method (the one used), setting (auto, cpi, remaining-plan, manual), etcMinor, eacMinor, vacMinor'),
  margin: MarginSchema,
  labour: z.object({ minutes: z.number().int(), billableMinutes: z.number().int() }),
}).meta({ id: 'ProjectFinancials' });
export const RollupQuery = z.strictObject({ asOf: DateOnly.optional(), refresh: z.enum(['true', 'false']).optional() });
export const SnapshotBody = z.strictObject({ asOf: DateOnly.optional() });
const Nums = z.array(z.number());
const NullableNums = z.array(z.number().nullable());
export const SCurveResponse = z.object({ dates: z.array(z.string()), pv: Nums, ev: Nums, ac: Nums, cpi: NullableNums, spi: NullableNums, bac: NullableNums }).meta({ id: 'SCurve' });
export const RollupResponse = z.object({ asOf: z.string(), currency: z.string(), evmSnapshotAt: z.string().nullable(), projects: z.array(z.unknown()).describe('per project: budgetMinor, actualMinor, eacMinor, etcMinor, forecastMethod, bac, pv, ev, ac, cpi, spi, cv, sv, vac'), programs: z.array(z.unknown()).describe('per program: portfolioId, ownBudgetMinor (its own approved budget, null without one), budgetMinor (its projects), actualMinor, eacMinor, projectsWithoutForecast and EvmMetrics'), portfolios: z.array(z.unknown()).describe('per portfolio: ownBudgetMinor, budgetMinor, actualMinor, eacMinor, projectsWithoutForecast and EvmMetrics') }).meta({ id: 'FinancialsRollup' });

export const ComplianceQuery = z.strictObject({ from: DateOnly.optional(), to: DateOnly.optional(), projectId: Uuid.optional(), expectedMinutesPerDay: z.coerce.number().int().min(1).max(1440).optional().describe("the same for everyone; default: each person's calendar and part-time factor") });
export const ComplianceResponse = z.object({
  from: z.string(), to: z.string(), checkedPeople: z.number().int(),
  people: z.array(z.object({ personId: z.uuid(), personName: z.string(), missingMinutes: z.number().int(), days: z.array(z.object({ date: z.string(), loggedMinutes: z.number().int(), expectedMinutes: z.number().int() })) })),
}).meta({ id: 'TimesheetCompliance' });
export const UnbilledQuery = z.strictObject({ projectId: Uuid.optional() });
export const UnbilledResponse = z.object({ items: z.array(z.object({ projectId: z.uuid(), code: z.string(), name: z.string(), timeEntries: z.number().int(), minutes: z.number().int(), firstDate: z.string().nullable(), lastDate: z.string().nullable(), expenses: z.number().int(), expenseAmountMinor: z.number().int(), milestones: z.number().int(), milestoneAmountMinor: z.number().int() })) }).meta({ id: 'UnbilledWork' });
/** The billing role is one of the roles (`/roles`); it becomes the person's primary role. */
export const PersonFinanceBody = z.strictObject({ roleId: Uuid.nullable(), lineManagerId: Uuid.nullable() });
export const PersonFinanceResponse = z.object({ personId: z.uuid(), roleId: z.uuid().nullable(), roleName: z.string().nullable(), lineManagerId: z.uuid().nullable() });
