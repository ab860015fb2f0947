import type { Seed } from '../random/index.js';

/** Sampling distribution of a three-point estimate; 'fixed' always takes mostLikely. */
export type McDistribution = 'triangular' | 'pert' | 'fixed';

/** Three-point estimate; min <= mostLikely <= max. Units are the caller's (working minutes, days, cents). */
export interface ThreePointEstimate {
  min: number;
  mostLikely: number;
  max: number;
}

/** A task of the network; durations are in working-time units from the project start (offsets, not dates). */
export interface McTask {
  id: string;
  duration: ThreePointEstimate;
  /** Default 'triangular'. */
  distribution?: McDistribution;
}

/** Dependency type: finish-to-start, start-to-start, finish-to-finish, start-to-finish. */
export type McLinkType = 'FS' | 'SS' | 'FF' | 'SF';

/** A dependency; lag in the same working-time units (negative = lead). */
export interface McLink {
  predecessorId: string;
  successorId: string;
  /** Default 'FS'. */
  type?: McLinkType;
  /** Default 0. */
  lag?: number;
}

/**
 * A cost line: an optional three-point fixed amount plus an optional rate per working-time unit of a
 * task's simulated duration (so schedule risk flows into cost). All amounts in cents.
 */
export interface McCostLine {
  id: string;
  amountCents?: ThreePointEstimate;
  /** Default 'triangular'. */
  distribution?: McDistribution;
  taskId?: string;
  centsPerUnit?: number;
}

/** What a risk event does when it occurs: adds working time to a task, or cents to a cost line. */
export type McRiskImpact =
  | { kind: 'duration'; taskId: string; units: ThreePointEstimate | number; distribution?: McDistribution }
  | { kind: 'cost'; costLineId: string; amountCents: ThreePointEstimate | number; distribution?: McDistribution };

/** A risk event: occurs in an iteration with `probability` (Bernoulli); then all its impacts apply. */
export interface McRiskEvent {
  id: string;
  probability: number;
  impacts: McRiskImpact[];
}

/**
 * Rank correlation between task durations, induced with Iman-Conover. Give either one `coefficient`
 * for every pair of the group or a full symmetric `matrix` (unit diagonal, positive definite) in
 * `taskIds` order. A task may belong to one group only.
 */
export interface McCorrelationGroup {
  taskIds: string[];
  coefficient?: number;
  matrix?: number[][];
}

/** The network to simulate. */
export interface McNetwork {
  tasks: McTask[];
  links?: McLink[];
  costLines?: McCostLine[];
  riskEvents?: McRiskEvent[];
  correlationGroups?: McCorrelationGroup[];
}

/** Simulation options. */
export interface McOptions {
  /** 1 .. MAX_MONTE_CARLO_ITERATIONS. */
  iterations: number;
  seed: Seed;
  /** Round each simulated duration to an integer (use with working minutes). Default false. */
  integerDurations?: boolean;
  /** Finish offset to meet; the result gives P(finish <= targetFinish). */
  targetFinish?: number;
  /** Budget to meet; the result gives P(cost <= targetCostCents). */
  targetCostCents?: number;
  /** Percentiles to report, each in (0, 100]. Default [10, 50, 80, 90]. */
  percentiles?: number[];
  /** Histogram bin count, 1..1000. Default 40. */
  histogramBins?: number;
  /** Compute Spearman sensitivity (tornado). Default true. */
  sensitivity?: boolean;
  /** Memory bound for sensitivity: tasks x iterations kept (Float32). Default 20,000,000. */
  maxSensitivityCells?: number;
  /** Tornado length. Default 20. */
  tornadoSize?: number;
}

/** Summary of one simulated quantity (finish offset or cost). */
export interface McDistributionSummary {
  mean: number;
  stdDev: number;
  min: number;
  max: number;
  p10: number;
  p50: number;
  p80: number;
  p90: number;
  /** Requested percentiles (nearest-rank: P(x <= value) >= p/100). */
  percentiles: Array<{ p: number; value: number }>;
  /** P(x <= target) when a target was given. */
  probabilityOfMeetingTarget?: number;
  /** Equal-width bins from min to max; the last bin includes max. */
  histogram: Array<{ from: number; to: number; count: number }>;
  /** Cumulative curve: value at each whole percent 0..100 (nearest rank; 0 = min). */
  sCurve: Array<{ probability: number; value: number }>;
  /** All iteration values, sorted ascending (for any later target query). */
  sortedSamples: Float64Array;
}

/** Per-task outputs, in input order. */
export interface McTaskResult {
  id: string;
  /** Share of iterations in which the task had zero total float. */
  criticalityIndex: number;
  /** Spearman rank correlation of the task's duration with the project finish (0 if undefined). */
  sensitivity: number;
  meanDuration: number;
}

/** Result of runMonteCarlo. Finish values are working-time offsets from the project start. */
export interface McResult {
  iterations: number;
  /** Finish offset with most-likely durations and no risk events. */
  deterministicFinish: number;
  deterministicCostCents: number;
  finish: McDistributionSummary;
  /** Cost in cents (values rounded to whole cents). */
  cost: McDistributionSummary;
  tasks: McTaskResult[];
  /** Tasks by descending |sensitivity|, at most tornadoSize. */
  tornado: Array<{ taskId: string; sensitivity: number }>;
  riskEvents: Array<{ id: string; occurrenceRate: number }>;
  /** Iterations used for sensitivity (bounded by maxSensitivityCells). */
  sensitivityIterations: number;
}
