/** Zod schemas (and so OpenAPI) of the portfolio strategy API: scoring models, proposals, scores, optimiser, scenarios. */
import { z } from 'zod';
import { DateOnly, LongText, Name, Uuid, Version } from '../../server/schemas.js';

const CriterionId = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits and . _ - only');
const Cents = z.number().int().min(0).max(1e15);
const CentsRow = z.array(Cents).max(240);

export const Scale = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('range'), min: z.number(), max: z.number() }),
  z.strictObject({ kind: z.literal('levels'), levels: z.array(z.strictObject({ label: z.string().trim().min(1).max(100), value: z.number() })).max(20) }),
]);

export const Criterion = z.strictObject({
  id: CriterionId,
  name: Name,
  weight: z.number().min(0).max(1000),
  scale: Scale,
  direction: z.enum(['higher-better', 'lower-better']).optional(),
  /** A "strategic fit" criterion: how well a proposal fits this objective (GET /portfolio/objectives). */
  objectiveId: Uuid.optional(),
});

export const Formula = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('weighted-sum') }),
  z.strictObject({ kind: z.literal('wsjf'), businessValue: CriterionId, timeCriticality: CriterionId, riskReduction: CriterionId, jobSize: CriterionId }),
  z.strictObject({ kind: z.literal('rice'), reach: CriterionId, impact: CriterionId, confidence: CriterionId, effort: CriterionId }),
]);

/** "Criterion a is `value` times as important as b", on Saaty's 1/9..9 scale. */
const Judgement = z.strictObject({ a: CriterionId, b: CriterionId, value: z.number().min(1 / 9 - 1e-9).max(9) });

export const AhpInfo = z.object({
  judgements: z.array(z.object({ a: z.string(), b: z.string(), value: z.number() })),
  consistencyRatio: z.number(),
  lambdaMax: z.number(),
  at: z.string(),
});

export const ScoringModelResponse = z
  .object({
    id: z.uuid(),
    name: z.string(),
    weightTotal: z.number().int(),
    formula: Formula,
    criteria: z.array(Criterion),
    /** The AHP judgements the weights came from (null when the weights were typed in). */
    ahp: AhpInfo.nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'ScoringModel' });
export type ScoringModelResponse = z.infer<typeof ScoringModelResponse>;

export const CreateScoringModelBody = z.strictObject({
  name: Name,
  weightTotal: z.union([z.literal(1), z.literal(100)]).default(100),
  formula: Formula.default({ kind: 'weighted-sum' }),
  criteria: z.array(Criterion).min(1).max(50),
});

export const UpdateScoringModelBody = z.strictObject({
  name: Name.optional(),
  weightTotal: z.union([z.literal(1), z.literal(100)]).optional(),
  formula: Formula.optional(),
  criteria: z.array(Criterion).min(1).max(50).optional(),
  version: Version.optional(),
});

const Benefit = z.strictObject({ category: z.string().trim().min(1).max(100), amountsCents: CentsRow, probability: z.number().min(0).max(1).default(1) });
const RoleKey = z.string().trim().min(1).max(64);
const Demand = z.record(RoleKey, z.array(z.number().min(0).max(1e9)).max(240));

const IntakeKey = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'an intake field key');
/** Answers to the intake form's extra fields (GET /portfolio/intake-form), validated against it on the server. */
const IntakeAnswersSchema = z.record(IntakeKey, z.union([z.string().max(20_000), z.number(), z.boolean(), z.array(z.string().max(200)).max(50), z.null()]));

export const IntakeFieldSchema = z.strictObject({
  key: IntakeKey,
  label: Name,
  type: z.enum(['text', 'long-text', 'number', 'date', 'select', 'multi-select', 'checkbox', 'url']),
  required: z.boolean().default(false),
  options: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
  help: z.string().trim().max(500).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});

export const IntakeFormResponse = z.object({ fields: z.array(IntakeFieldSchema), version: z.number().int(), updatedAt: z.string() }).meta({ id: 'IntakeForm' });
export const UpdateIntakeFormBody = z.strictObject({ fields: z.array(IntakeFieldSchema).max(50), version: Version.optional() });

const ProposalFields = {
  name: Name,
  description: LongText.optional(),
  projectId: Uuid.nullable().optional(),
  periodsPerYear: z.union([z.literal(1), z.literal(4), z.literal(12)]).optional(),
  annualDiscountRate: z.number().min(-0.5).max(10).optional(),
  capexCents: CentsRow.optional(),
  opexCents: CentsRow.optional(),
  benefits: z.array(Benefit).max(50).optional(),
  demand: Demand.optional(),
  earliestStart: z.number().int().min(0).max(239).optional(),
  latestStart: z.number().int().min(0).max(239).optional(),
  mandatory: z.boolean().optional(),
  dependsOn: z.array(Uuid).max(100).optional(),
  excludes: z.array(Uuid).max(100).optional(),
  /** On update: merged into the stored answers (null clears one). */
  intake: IntakeAnswersSchema.optional(),
  /** First day of the business case's period 0: the project's start when the proposal becomes one. */
  startDate: DateOnly.nullable().optional(),
  /** Where the project will belong; a program implies its portfolio. */
  portfolioId: Uuid.nullable().optional(),
  programId: Uuid.nullable().optional(),
};

export const CreateProposalBody = z.strictObject({
  ...ProposalFields,
  /** Default: the default lifecycle; the proposal starts in its first stage. */
  lifecycleId: Uuid.optional(),
});
export const UpdateProposalBody = z.strictObject({ ...ProposalFields, name: Name.optional(), version: Version.optional() });
export type ProposalInput = z.infer<typeof UpdateProposalBody>;

const Payback = z.object({ paidBack: z.boolean(), periods: z.number().optional() });

export const BusinessCaseFigures = z
  .object({
    npvCents: z.number(),
    pvCostCents: z.number(),
    pvBenefitCents: z.number(),
    totalCostCents: z.number(),
    totalBenefitCents: z.number(),
    irrStatus: z.enum(['ok', 'undefined']),
    irrReason: z.string().nullable(),
    annualIrr: z.number().nullable(),
    irrRoots: z.array(z.number()),
    multipleIrr: z.boolean(),
    paybackYears: z.number().nullable(),
    discountedPaybackYears: z.number().nullable(),
    benefitCostRatio: z.number().nullable(),
    roi: z.number().nullable(),
    payback: Payback,
  })
  .meta({ id: 'BusinessCaseFigures' });

export const ProposalResponse = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    projectId: z.uuid().nullable(),
    /** The linked project (the proposal page links to it); null when none. */
    project: z.object({ id: z.uuid(), code: z.string(), name: z.string() }).nullable(),
    startDate: z.string().nullable(),
    portfolioId: z.uuid().nullable(),
    programId: z.uuid().nullable(),
    periodsPerYear: z.number().int(),
    annualDiscountRate: z.number(),
    capexCents: z.array(z.number()),
    opexCents: z.array(z.number()),
    benefits: z.array(z.object({ category: z.string(), amountsCents: z.array(z.number()), probability: z.number() })),
    demand: z.record(z.string(), z.array(z.number())),
    earliestStart: z.number().int(),
    latestStart: z.number().int(),
    mandatory: z.boolean(),
    dependsOn: z.array(z.uuid()),
    excludes: z.array(z.uuid()),
    lifecycleId: z.uuid(),
    stage: z.string(),
    stageName: z.string(),
    intake: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()])),
    gateState: z.enum(['active', 'on_hold', 'stopped']),
    totalCostCents: z.number(),
    businessCase: BusinessCaseFigures,
    /** GET /portfolio/proposals/{id} only: the three cases of the business case. */
    cases: z.object({ best: BusinessCaseFigures, likely: BusinessCaseFigures, worst: BusinessCaseFigures }).optional(),
    /** GET /portfolio/proposals/{id} only: benefits per category (expected = x probability; PV at the discount rate). */
    benefitsByCategory: z.array(z.object({ category: z.string(), totalCents: z.number(), expectedCents: z.number(), pvExpectedCents: z.number(), probability: z.number() })).optional(),
    score: z.number().nullable(),
    /** 0 (none) .. 1: from scorers' answers on lower-is-better criteria, else benefit uncertainty (1 - expected / full). */
    risk: z.number().nullable(),
    riskSource: z.enum(['criteria', 'benefits']).nullable(),
    scorers: z.number().int(),
    rank: z.number().int().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Proposal' });
export type ProposalResponse = z.infer<typeof ProposalResponse>;

/** Overrides for "create project" (default: the proposal's own portfolio and program). */
export const CreateProjectFromProposalBody = z.strictObject({
  portfolioId: Uuid.optional(),
  programId: Uuid.nullable().optional(),
  /** The proposal's version (or send If-Match). */
  version: Version.optional(),
});

export const ProposalProjectResponse = z
  .object({
    project: z.object({ id: z.uuid(), code: z.string(), name: z.string(), stage: z.string(), startDate: z.string().nullable(), finishDate: z.string().nullable() }),
    /** The draft original budget made from the business case; null when none was made (see budgetNote). */
    budgetVersionId: z.uuid().nullable(),
    budgetNote: z.string().nullable(),
    proposal: ProposalResponse,
  })
  .meta({ id: 'ProposalProject' });
export type ProposalProjectResponse = z.infer<typeof ProposalProjectResponse>;

/** A business case to value without saving it (the proposal editor's preview). */
export const EvaluateBusinessCaseBody = z.strictObject({
  periodsPerYear: z.union([z.literal(1), z.literal(4), z.literal(12)]),
  annualDiscountRate: z.number().min(-0.5).max(10),
  capexCents: CentsRow.default([]),
  opexCents: CentsRow.default([]),
  benefits: z.array(Benefit).max(50).default([]),
});

export const BusinessCaseCasesResponse = z
  .object({
    cases: z.object({ best: BusinessCaseFigures, likely: BusinessCaseFigures, worst: BusinessCaseFigures }),
    benefitsByCategory: z.array(z.object({ category: z.string(), totalCents: z.number(), expectedCents: z.number(), pvExpectedCents: z.number(), probability: z.number() })),
  })
  .meta({ id: 'BusinessCaseCases' });

export const AhpBody = z.strictObject({
  criteria: z.array(CriterionId).min(2).max(15),
  /** One judgement per pair of criteria (n(n-1)/2); reciprocals are filled in. */
  judgements: z.array(Judgement).max(105),
});

export const ApplyAhpBody = z.strictObject({ judgements: z.array(Judgement).max(105), version: Version.optional() });

export const AhpResponse = z
  .object({
    weights: z.array(z.object({ criterionId: z.string(), weight: z.number() })),
    lambdaMax: z.number(),
    consistencyIndex: z.number(),
    consistencyRatio: z.number(),
    /** Saaty: CR <= 0.1 is acceptable; above, revise the judgements (start with `revise`). */
    consistent: z.boolean(),
    revise: z.object({ a: z.string(), b: z.string(), value: z.number(), suggested: z.number() }).nullable(),
  })
  .meta({ id: 'AhpResult' });

export const ScoreHistoryResponse = z.object({
  items: z.array(
    z.object({ id: z.uuid(), scorerId: z.uuid(), scorerName: z.string(), total: z.number(), answers: z.record(z.string(), z.union([z.number(), z.string()])), createdAt: z.string(), current: z.boolean() }),
  ),
});

export const ListProposalsQuery = z.strictObject({ scoringModelId: Uuid.optional() });

export const ScoreBody = z.strictObject({
  scoringModelId: Uuid,
  answers: z.record(CriterionId, z.union([z.number(), z.string().max(100)])),
});

export const ScoreSheetResponse = z
  .object({
    id: z.uuid(),
    proposalId: z.uuid(),
    scoringModelId: z.uuid(),
    scorerId: z.uuid(),
    scorerName: z.string(),
    answers: z.record(z.string(), z.union([z.number(), z.string()])),
    /** The answers scored under the model as it is now (weights may have changed since); the old total when stale. */
    total: z.number(),
    /** The total when the sheet was saved. */
    totalWhenScored: z.number(),
    /** The sheet no longer fits the model (a criterion was added, or an answer is off its new scale): score again. Not in the consensus or the ranking. */
    stale: z.boolean(),
    criteria: z.array(z.object({ criterionId: z.string(), raw: z.number(), normalized: z.number(), contribution: z.number() })),
    createdAt: z.string(),
  })
  .meta({ id: 'ScoreSheet' });

export const ConsensusResponse = z
  .object({
    scorers: z.number().int(),
    meanTotal: z.number(),
    stdDevTotal: z.number(),
    minTotal: z.number(),
    maxTotal: z.number(),
    disagreement: z.boolean(),
    criteria: z.array(z.object({ criterionId: z.string(), mean: z.number(), stdDev: z.number(), min: z.number(), max: z.number(), spread: z.number(), disagreement: z.boolean() })),
  })
  .meta({ id: 'ScoreConsensus' });

export const ScoresResponse = z.object({ items: z.array(ScoreSheetResponse), consensus: ConsensusResponse.nullable() });
export const ScoresQuery = z.strictObject({ scoringModelId: Uuid.optional() });

export const OptimizeBody = z
  .strictObject({
    scoringModelId: Uuid.optional(),
    objective: z.enum(['score', 'npv', 'blend']).default('score'),
    scoreWeight: z.number().min(0).max(1).default(0.5),
    totalBudgetCents: Cents.optional(),
    periodLabels: z.array(z.string().trim().min(1).max(20)).min(1).max(120).optional(),
    budgetPerPeriod: z
      .strictObject({ capexCents: CentsRow.optional(), opexCents: CentsRow.optional(), totalCents: CentsRow.optional() })
      .optional(),
    capacity: Demand.optional(),
    /**
     * Grain of periodLabels (4 quarterly, 12 monthly). When given, each proposal's profiles and start window are
     * re-expressed from its own grain (yearly amounts split evenly into months, months summed into quarters);
     * without it, profiles are used period for period as stored.
     */
    periodsPerYear: z.union([z.literal(1), z.literal(4), z.literal(12)]).optional(),
    timeLimitMs: z.number().int().min(100).max(30_000).default(3000),
    /**
     * "Use available capacity": demand role (a key of the proposals' demand) -> resources role id. That role's
     * available capacity per period (its people's capacity over their calendars, net of vacations, minus the demand
     * already committed to existing projects) limits the demand role, instead of a typed `capacity` row. Needs
     * calendar periods (periodLabels of months, quarters or years).
     */
    availableCapacity: z.record(RoleKey, Uuid).optional(),
    /** Working minutes in a person-day: converts the resources module's minutes into the proposals' person-days. */
    minutesPerPersonDay: z.number().int().min(60).max(1440).default(480),
  })
  .meta({ id: 'OptimizeSettings' });
export type OptimizeSettings = z.infer<typeof OptimizeBody>;

export const FrontierBody = OptimizeBody.extend({ points: z.number().int().min(2).max(30).default(10) });

const Row = z.object({ kind: z.string(), budget: z.string().optional(), roleId: z.string().optional(), period: z.number().int() });
const Reason = z.object({ kind: z.string(), message: z.string(), row: Row.optional(), needed: z.number().optional(), available: z.number().optional() });

export const UsageResponse = z.object({
  count: z.number().int(),
  totalScore: z.number(),
  totalNpvCents: z.number(),
  capexCents: z.array(z.number()),
  opexCents: z.array(z.number()),
  /** Load per period of each role that has a capacity (absent on scenarios saved before roles were reported). */
  roles: z.array(z.object({ roleId: z.string(), load: z.array(z.number()), capacity: z.array(z.number()) })).optional(),
});

export const OptimizeResponse = z
  .object({
    status: z.enum(['optimal', 'feasible', 'heuristic', 'infeasible']),
    objectiveValue: z.number(),
    bound: z.number().nullable(),
    gapPct: z.number().nullable(),
    timeMs: z.number(),
    periodLabels: z.array(z.string()),
    selected: z.array(z.object({ proposalId: z.uuid(), name: z.string(), startPeriod: z.number().int() })),
    excluded: z.array(z.object({ proposalId: z.uuid(), name: z.string(), reasons: z.array(Reason) })),
    conflicts: z.array(z.object({ kind: z.string(), message: z.string(), proposalIds: z.array(z.string()) })),
    usage: UsageResponse.nullable(),
    /** The limits taken from the resources module ("use available capacity"), in person-days per period. */
    capacityFromResources: z.array(z.object({ role: z.string(), resourceRoleId: z.uuid(), resourceRoleName: z.string(), availableDays: z.array(z.number()) })),
  })
  .meta({ id: 'OptimizeResult' });

export const AvailableCapacityQuery = z.strictObject({
  /** First month (YYYY-MM); the first period is the one holding it. */
  from: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month, YYYY-MM'),
  periods: z.coerce.number().int().min(1).max(120),
  periodsPerYear: z.coerce.number().pipe(z.union([z.literal(1), z.literal(4), z.literal(12)])).default(12),
  minutesPerPersonDay: z.coerce.number().int().min(60).max(1440).default(480),
});

const Days = z.array(z.number());
export const AvailableCapacityResponse = z
  .object({
    periodLabels: z.array(z.string()),
    minutesPerPersonDay: z.number().int(),
    /** Every resources role: capacity of its people, demand committed to existing projects, what is left (person-days). */
    roles: z.array(z.object({ roleId: z.uuid(), name: z.string(), capacityDays: Days, committedDays: Days, availableDays: Days })),
    /** Roles the proposals demand (keys of their demand). */
    demandRoles: z.array(z.string()),
    /** Demand role -> the resources role of the same id or name. */
    suggested: z.record(z.string(), z.uuid()),
  })
  .meta({ id: 'AvailableCapacity' });
export type OptimizeResponse = z.infer<typeof OptimizeResponse>;

export const FrontierResponse = z
  .object({
    points: z.array(
      z.object({
        budgetFactor: z.number(),
        budgetCents: z.number(),
        objectiveValue: z.number().nullable(),
        status: z.string(),
        spentCents: z.number(),
        selectedIds: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'Frontier' });

const PickBody = z.strictObject({ proposalId: Uuid, startPeriod: z.number().int().min(0).max(239).default(0) });

export const CreateScenarioBody = z.strictObject({
  name: Name,
  settings: OptimizeBody,
  selected: z.array(PickBody).max(5000),
});

export const ScenarioResponse = z
  .object({
    id: z.uuid(),
    name: z.string(),
    settings: OptimizeBody,
    selected: z.array(z.object({ proposalId: z.string(), startPeriod: z.number().int() })),
    summary: UsageResponse,
    planOfRecord: z.boolean(),
    promotedAt: z.string().nullable(),
    createdAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Scenario' });
export type ScenarioResponse = z.infer<typeof ScenarioResponse>;

export const CompareQuery = z.strictObject({ a: Uuid, b: Uuid });

export const ComparisonResponse = z
  .object({
    a: ScenarioResponse,
    b: ScenarioResponse,
    /** Whose periods the comparison uses: A's when A was optimised per period, else B's (both whole-horizon: one period). */
    grid: z.enum(['a', 'b']),
    periodLabels: z.array(z.string()),
    usageA: UsageResponse,
    usageB: UsageResponse,
    onlyInA: z.array(z.object({ proposalId: z.string(), name: z.string() })),
    onlyInB: z.array(z.object({ proposalId: z.string(), name: z.string() })),
    inBoth: z.array(z.object({ proposalId: z.string(), name: z.string() })),
    moved: z.array(z.object({ proposalId: z.string(), name: z.string(), startA: z.number().int(), startB: z.number().int() })),
    capexDeltaCents: z.array(z.number()),
    opexDeltaCents: z.array(z.number()),
    /** What the comparison had to approximate (starts not on the grid, proposals gone since). */
    notes: z.array(z.string()),
  })
  .meta({ id: 'ScenarioComparison' });

