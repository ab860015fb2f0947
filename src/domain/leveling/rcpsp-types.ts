/** One job of a single-mode RCPSP instance (finish-to-start successors, indices into `jobs`). */
export interface RcpspJob {
  durationPeriods: number;
  /** Per-period demand on each resource, same order as `RcpspInstance.capacities`. */
  demands: number[];
  /** Indices (0-based) of the jobs that may start only after this one finishes. */
  successors: number[];
}

/** A classic RCPSP instance: renewable resources with constant capacity, integer durations. */
export interface RcpspInstance {
  name?: string;
  capacities: number[];
  jobs: RcpspJob[];
}

/** Budget, seed and tuning for {@link solveRcpsp}; the schedule budget is the deterministic default. */
export interface RcpspSolveOptions {
  /** Maximum schedule-generation passes (default 50,000 when no time budget is given). */
  maxSchedules?: number;
  /** Time budget in ms; requires `now`. */
  budgetMs?: number;
  /** Clock in ms, e.g. `() => performance.now()`; domain code does not read the clock itself. */
  now?: () => number;
  /** Seed of the internal PRNG (default 1). */
  seed?: number;
  /** Alternative to `seed`: a generator returning floats in [0, 1). */
  random?: () => number;
  populationSize?: number;
  /** Share (0..1) of children bred by biased uniform crossover instead of two-point crossover. */
  uniformCrossoverRate?: number;
  /** Share (0..1) of children bred by peak crossover (the mother's densest window kept). */
  peakCrossoverRate?: number;
  /** Children without improvement before restarting around the best (default 15 x population, min 300). */
  stagnationChildren?: number;
  /** Probability (0..1) of a shift mutation per child (default 0.5). */
  mutationRate?: number;
}

/** Result of {@link solveRcpsp}. */
export interface RcpspSolution {
  /** Start period of every job, in the instance's job order. */
  startPeriods: number[];
  makespan: number;
  /** Max of the critical path and the work/capacity bound; makespan === lowerBound proves optimality. */
  lowerBound: number;
  criticalPathLength: number;
  schedules: number;
  schedulesToBest: number;
}
