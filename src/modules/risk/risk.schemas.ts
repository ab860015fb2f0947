/** zod schemas of the risk API (they generate the OpenAPI document and the web client types). */
import { z } from 'zod';
import { DateOnly, LongText, Name, Uuid, Version } from '../../server/schemas.js';

export const RiskLevelEnum = z.enum(['project', 'program', 'portfolio', 'enterprise']);
export const RiskKindEnum = z.enum(['threat', 'opportunity']);
export const RiskStatusEnum = z.enum(['open', 'monitoring', 'occurred', 'closed']);
export const ProximityEnum = z.enum(['imminent', 'near', 'medium', 'far']);
export const StrategyEnum = z.enum(['avoid', 'mitigate', 'transfer', 'accept', 'escalate', 'exploit', 'enhance', 'share']);
export const BasisEnum = z.enum(['inherent', 'residual']);
export const DistributionEnum = z.enum(['triangular', 'pert', 'fixed']);

const Level = z.number().int().min(1).max(20);

/** Probability and impact levels on the configured scales; probability (optional) in [0, 1]. */
export const Assessment = z
  .strictObject({
    probabilityLevel: Level,
    probability: z.number().min(0).max(1).optional(),
    impacts: z.strictObject({ schedule: Level.optional(), cost: Level.optional(), scope: Level.optional(), quality: Level.optional(), reputation: Level.optional() }),
  })
  .meta({ id: 'RiskAssessment' });

const Minutes = z.number().int().min(-10_000_000).max(10_000_000);

/** Schedule impact of a risk event for Monte Carlo: extra working minutes on one task (three-point). */
export const ScheduleImpact = z
  .strictObject({ taskId: Uuid, minMinutes: Minutes, mostLikelyMinutes: Minutes, maxMinutes: Minutes })
  .refine((s) => s.minMinutes <= s.mostLikelyMinutes && s.mostLikelyMinutes <= s.maxMinutes, { message: 'need minMinutes <= mostLikelyMinutes <= maxMinutes', path: ['mostLikelyMinutes'] })
  .meta({ id: 'RiskScheduleImpact' });

const Category = z.string().trim().min(1).max(100).refine((s) => !/[\u0000-\u001F\u007F]/.test(s) && s.isWellFormed(), 'must be a single line of text');
const Triggers = z.array(Name).max(50);

const riskFields = {
  kind: RiskKindEnum.default('threat'),
  title: Name,
  description: LongText.optional(),
  cause: LongText.optional(),
  effect: LongText.optional(),
  category: Category,
  complianceReference: Name.nullable().optional(),
  ownerId: Uuid.nullable().optional(),
  inherent: Assessment,
  residual: Assessment.nullable().optional(),
  costImpactCents: z.number().int().min(0).max(1e15).nullable().optional(),
  scheduleImpact: ScheduleImpact.nullable().optional(),
  proximity: ProximityEnum.nullable().optional(),
  triggers: Triggers.optional(),
  responseStrategy: StrategyEnum.nullable().optional(),
  reviewDate: DateOnly.nullable().optional(),
  status: RiskStatusEnum.default('open'),
};

/** A new project risk. */
export const CreateProjectRiskBody = z.strictObject(riskFields);

/** A new program, portfolio or enterprise risk. */
export const CreateRiskBody = z.strictObject({
  ...riskFields,
  level: z.enum(['program', 'portfolio', 'enterprise']),
  programId: Uuid.nullable().optional(),
  portfolioId: Uuid.nullable().optional(),
});

export const UpdateRiskBody = z.strictObject({
  kind: RiskKindEnum.optional(),
  title: Name.optional(),
  description: LongText.optional(),
  cause: LongText.optional(),
  effect: LongText.optional(),
  category: Category.optional(),
  complianceReference: Name.nullable().optional(),
  ownerId: Uuid.nullable().optional(),
  inherent: Assessment.optional(),
  residual: Assessment.nullable().optional(),
  costImpactCents: z.number().int().min(0).max(1e15).nullable().optional(),
  scheduleImpact: ScheduleImpact.nullable().optional(),
  proximity: ProximityEnum.nullable().optional(),
  triggers: Triggers.optional(),
  responseStrategy: StrategyEnum.nullable().optional(),
  reviewDate: DateOnly.nullable().optional(),
  status: RiskStatusEnum.optional(),
  version: Version.optional(),
});

export const RiskResponse = z
  .object({
    id: z.uuid(),
    level: RiskLevelEnum,
    projectId: z.uuid().nullable(),
    projectName: z.string().nullable(),
    programId: z.uuid().nullable(),
    programName: z.string().nullable(),
    portfolioId: z.uuid().nullable(),
    portfolioName: z.string().nullable(),
    kind: RiskKindEnum,
    title: z.string(),
    description: z.string(),
    cause: z.string(),
    effect: z.string(),
    category: z.string(),
    complianceReference: z.string().nullable(),
    ownerId: z.uuid().nullable(),
    ownerName: z.string().nullable(),
    inherent: Assessment,
    residual: Assessment.nullable(),
    costImpactCents: z.number().int().nullable(),
    scheduleImpact: z.object({ taskId: z.uuid(), minMinutes: z.number().int(), mostLikelyMinutes: z.number().int(), maxMinutes: z.number().int() }).nullable(),
    proximity: ProximityEnum.nullable(),
    triggers: z.array(z.string()),
    responseStrategy: StrategyEnum.nullable(),
    reviewDate: z.string().nullable(),
    status: RiskStatusEnum,
    inherentScore: z.number().int(),
    inherentRating: z.string(),
    residualScore: z.number().int(),
    residualRating: z.string(),
    emvCents: z.number().int(),
    attention: z.object({ flagged: z.boolean(), reasons: z.array(z.string()) }),
    /** Actions that are not cancelled, how many are done, and their mean progress (null without actions). */
    actionProgress: z.object({ count: z.number().int(), doneCount: z.number().int(), percent: z.number().int().nullable() }),
    escalatedTo: z.object({ id: z.uuid(), title: z.string(), level: RiskLevelEnum }).nullable(),
    escalatedFromCount: z.number().int(),
    canEdit: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Risk' });
export type RiskResponse = z.infer<typeof RiskResponse>;

export const HeatMapResponse = z
  .object({
    basis: BasisEnum,
    probabilityLevels: z.number().int(),
    impactLevels: z.number().int(),
    cells: z.array(z.object({ probabilityLevel: z.number().int(), impactLevel: z.number().int(), score: z.number().int(), rating: z.string(), count: z.number().int(), riskIds: z.array(z.string()) })),
  })
  .meta({ id: 'RiskHeatMap' });

export const ProjectRisksResponse = z.object({ items: z.array(RiskResponse), heatMap: HeatMapResponse });

export const ListRisksQuery = z.strictObject({
  level: RiskLevelEnum.optional(),
  projectId: Uuid.optional(),
  programId: Uuid.optional(),
  portfolioId: Uuid.optional(),
  status: RiskStatusEnum.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const HeatMapQuery = z.strictObject({ basis: BasisEnum.default('residual') });

export const EscalateBody = z
  .strictObject({
    targetRiskId: Uuid.optional(),
    /** Or create the target: a new risk at this level carrying the source's assessment. */
    level: z.enum(['program', 'portfolio', 'enterprise']).optional(),
    title: Name.optional(),
  })
  .refine((b) => (b.targetRiskId === undefined) !== (b.level === undefined), { message: 'send either targetRiskId or level', path: ['targetRiskId'] });

export const RiskHistoryEntry = z
  .object({ id: z.string(), at: z.string(), actorName: z.string().nullable(), action: z.string(), changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })) })
  .meta({ id: 'RiskHistoryEntry' });

export const ActionResponse = z
  .object({
    id: z.uuid(),
    riskId: z.uuid(),
    title: z.string(),
    ownerId: z.uuid().nullable(),
    ownerName: z.string().nullable(),
    dueDate: z.string().nullable(),
    status: z.enum(['open', 'done', 'cancelled']),
    progressPercent: z.number().int(),
    /** The schedule task that is this action (its finish is the due date, its percent complete the progress). */
    taskId: z.uuid().nullable(),
    taskName: z.string().nullable(),
    overdue: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'RiskAction' });
export type ActionResponse = z.infer<typeof ActionResponse>;

export const CreateActionBody = z.strictObject({
  title: Name,
  taskId: Uuid.nullable().optional(),
  ownerId: Uuid.nullable().optional(),
  dueDate: DateOnly.nullable().optional(),
  status: z.enum(['open', 'done', 'cancelled']).default('open'),
  progressPercent: z.number().int().min(0).max(100).default(0),
});

export const UpdateActionBody = z.strictObject({
  title: Name.optional(),
  taskId: Uuid.nullable().optional(),
  ownerId: Uuid.nullable().optional(),
  dueDate: DateOnly.nullable().optional(),
  status: z.enum(['open', 'done', 'cancelled']).optional(),
  progressPercent: z.number().int().min(0).max(100).optional(),
  version: Version.optional(),
});

export const DashboardQuery = z.strictObject({
  portfolioId: Uuid.optional(),
  programId: Uuid.optional(),
  basis: BasisEnum.default('residual'),
  groupBy: z.enum(['project', 'program', 'portfolio', 'category', 'level']).default('project'),
  top: z.coerce.number().int().min(1).max(100).default(10),
  /** Exposure groups returned (largest net exposure first); groupCount tells how many there are. */
  groupLimit: z.coerce.number().int().min(1).max(5000).default(50),
});

export const ExposureGroupResponse = z.object({
  key: z.string().nullable(),
  name: z.string().nullable(),
  riskCount: z.number().int(),
  threatCount: z.number().int(),
  opportunityCount: z.number().int(),
  threatEmvCents: z.number().int(),
  opportunityEmvCents: z.number().int(),
  netExposureCents: z.number().int(),
  ratingCounts: z.record(z.string(), z.number().int()),
  maxScore: z.number().int(),
  totalScore: z.number().int(),
});

export const TopRiskResponse = z.object({
  id: z.uuid(),
  title: z.string(),
  level: RiskLevelEnum,
  category: z.string(),
  projectId: z.uuid().nullable(),
  projectName: z.string().nullable(),
  score: z.number().int(),
  rating: z.string(),
  emvCents: z.number().int(),
  escalatedFromCount: z.number().int(),
});

export const DashboardResponse = z
  .object({
    basis: BasisEnum,
    groupBy: z.string(),
    /** Register entries in the view (closed ones included). */
    riskCount: z.number().int(),
    /** Entries that are not closed. */
    openCount: z.number().int(),
    /** Open entries whose exposure the map, roll-up and top list count. */
    countedCount: z.number().int(),
    /** Open entries left out because an open higher-level risk of the view they are escalated to carries their exposure. */
    carriedCount: z.number().int(),
    /** EMV of the counted threats and opportunities of the whole view (all groups, not only those returned). */
    threatEmvCents: z.number().int(),
    opportunityEmvCents: z.number().int(),
    netExposureCents: z.number().int(),
    groupCount: z.number().int(),
    heatMap: z.object({
      basis: BasisEnum,
      probabilityLevels: z.number().int(),
      impactLevels: z.number().int(),
      cells: z.array(z.object({ probabilityLevel: z.number().int(), impactLevel: z.number().int(), score: z.number().int(), rating: z.string(), count: z.number().int() })),
    }),
    exposure: z.array(ExposureGroupResponse),
    topRisks: z.array(TopRiskResponse),
  })
  .meta({ id: 'RiskDashboard' });

export const SnapshotBody = z.strictObject({ asOf: DateOnly.optional() });
export const SnapshotResponse = z.object({ asOf: z.string(), rows: z.number().int() }).meta({ id: 'RiskExposureSnapshotRun' });

export const TrendQuery = z.strictObject({
  portfolioId: Uuid.optional(),
  programId: Uuid.optional(),
  basis: BasisEnum.default('residual'),
  from: DateOnly.optional(),
  to: DateOnly.optional(),
});

export const TrendResponse = z
  .object({
    scope: z.enum(['all', 'portfolio', 'program']),
    scopeId: z.uuid().nullable(),
    basis: BasisEnum,
    points: z.array(
      z.object({
        asOf: z.string(),
        riskCount: z.number().int(),
        openCount: z.number().int(),
        countedCount: z.number().int(),
        threatEmvCents: z.number().int(),
        opportunityEmvCents: z.number().int(),
        netExposureCents: z.number().int(),
        maxScore: z.number().int(),
        ratingCounts: z.record(z.string(), z.number().int()),
      }),
    ),
  })
  .meta({ id: 'RiskExposureTrend' });

export const MatrixResponse = z.object({ matrix: z.unknown(), version: z.number().int() }).meta({ id: 'RiskMatrixSettings' });
export const UpdateMatrixBody = z.strictObject({
  matrix: z.strictObject({
    probabilityLevels: z.array(z.strictObject({ level: Level, label: Name, minProbability: z.number().min(0).max(1), maxProbability: z.number().min(0).max(1), probability: z.number().min(0).max(1).optional() })).min(1).max(20),
    impactLevels: z.array(z.strictObject({ level: Level, label: Name, scheduleDaysUpTo: z.number().min(0).max(1e6).nullable().optional(), costCentsUpTo: z.number().int().min(0).max(1e15).nullable().optional() })).min(1).max(20),
    bands: z.array(z.strictObject({ rating: Name, minScore: z.number().int().min(0).max(400) })).min(1).max(20),
  }),
  /** 0 while the default matrix is in use. */
  version: z.number().int().min(0).max(2_000_000_000).optional(),
});

export const EstimateBody = z
  .strictObject({ minMinutes: z.number().int().min(0).max(10_000_000), mostLikelyMinutes: z.number().int().min(0).max(10_000_000), maxMinutes: z.number().int().min(0).max(10_000_000), distribution: DistributionEnum.default('triangular') })
  .refine((e) => e.minMinutes <= e.mostLikelyMinutes && e.mostLikelyMinutes <= e.maxMinutes, { message: 'need minMinutes <= mostLikelyMinutes <= maxMinutes', path: ['mostLikelyMinutes'] });

export const EstimateResponse = z
  .object({ taskId: z.uuid(), minMinutes: z.number().int(), mostLikelyMinutes: z.number().int(), maxMinutes: z.number().int(), distribution: DistributionEnum, version: z.number().int() })
  .meta({ id: 'TaskEstimate' });

/** Hard ceiling on iterations of one API run (the domain allows more; a request must stay interactive). */
export const MAX_API_ITERATIONS = 50_000;

export const MonteCarloQuery = z.strictObject({
  iterations: z.coerce.number().int().min(100).max(MAX_API_ITERATIONS).default(5000),
  seed: z.string().trim().min(1).max(100).default('1'),
  targetDate: DateOnly.optional(),
  /** Budget to meet, in cents: the result gives the probability that the simulated cost stays within it. */
  budgetCents: z.coerce.number().int().min(0).max(1e15).optional(),
});

const DatedValue = z.object({ p: z.number(), offsetMinutes: z.number(), date: z.string() });

export const MonteCarloResponse = z
  .object({
    iterations: z.number().int(),
    seed: z.string(),
    startDate: z.string(),
    taskCount: z.number().int(),
    riskEventCount: z.number().int(),
    estimatedTaskCount: z.number().int(),
    deterministicFinishDate: z.string(),
    p10: z.string(),
    p50: z.string(),
    p80: z.string(),
    p90: z.string(),
    percentiles: z.array(DatedValue),
    meanOffsetMinutes: z.number(),
    probabilityOfMeetingTarget: z.number().nullable(),
    histogram: z.array(z.object({ fromDate: z.string(), toDate: z.string(), fromMinutes: z.number(), toMinutes: z.number(), count: z.number().int() })),
    sCurve: z.array(z.object({ probability: z.number(), offsetMinutes: z.number(), date: z.string() })),
    tornado: z.array(z.object({ taskId: z.string(), taskName: z.string(), sensitivity: z.number(), criticalityIndex: z.number() })),
    riskEvents: z.array(z.object({ riskId: z.string(), title: z.string(), occurrenceRate: z.number() })),
    cost: z.object({
      /** Sum of the tasks' planned costs (no risk events). */
      deterministicCents: z.number().int(),
      meanCents: z.number().int(),
      p10Cents: z.number().int(),
      p50Cents: z.number().int(),
      p80Cents: z.number().int(),
      p90Cents: z.number().int(),
      probabilityOfMeetingBudget: z.number().nullable(),
      histogram: z.array(z.object({ fromCents: z.number().int(), toCents: z.number().int(), count: z.number().int() })),
      sCurve: z.array(z.object({ probability: z.number(), cents: z.number().int() })),
    }),
  })
  .meta({ id: 'MonteCarloResult' });

export const RiskActionParams = z.strictObject({ id: Uuid });
