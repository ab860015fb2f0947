/** Link types between tasks: finish-to-start, start-to-start, finish-to-finish, start-to-finish. */
export type LinkType = 'FS' | 'SS' | 'FF' | 'SF';

/** A resource (person, role or pool). Units: 1 = one full-time person per period. */
export interface PortfolioResource {
  id: string;
  /** Capacity in every period not covered by `capacityByPeriod` (e.g. 1, 0.5 for part-time, 3 for a pool). */
  capacity: number;
  /** Capacity of periods 0..length-1 (calendars, vacations, non-project time); after it `capacity` applies. */
  capacityByPeriod?: number[];
}

/** A project; tasks of higher-priority projects get resources first. */
export interface PortfolioProject {
  id: string;
  /** Larger = more important. */
  priority: number;
}

/** Demand of a task on a resource, in the same units as capacity (0.5 = half a person) for every period of the task. */
export interface TaskDemand {
  resourceId: string;
  units: number;
}

/** A task to level. Periods are integers (working days or hours) counted from period 0 (e.g. the status date). */
export interface PortfolioTask {
  id: string;
  projectId: string;
  durationPeriods: number;
  /** Earliest start: release date, status date, "start no earlier than". */
  earliestStartPeriod?: number;
  /** Hard constraint: the task must start exactly here; it is never moved (conflicts are reported instead). */
  fixedStartPeriod?: number;
  /** Hard constraint: the task must finish by this period; a levelled finish after it is reported. */
  deadlinePeriod?: number;
  demands?: TaskDemand[];
  /** Tie-break inside a project: larger = earlier. */
  priority?: number;
  /**
   * May the task be split at period boundaries when the run allows splits (`allowSplits`)? Default true, as
   * MS Project's per-task "leveling can split"; false keeps it whole.
   */
  splittable?: boolean;
}

/** A precedence link; `lagPeriods` may be negative (lead). */
export interface TaskLink {
  fromTaskId: string;
  toTaskId: string;
  type?: LinkType;
  lagPeriods?: number;
}

/** Everything {@link levelPortfolio} levels together. */
export interface PortfolioInput {
  resources: PortfolioResource[];
  projects: PortfolioProject[];
  tasks: PortfolioTask[];
  links?: TaskLink[];
}

/** Options of {@link levelPortfolio}. */
export interface PortfolioLevelOptions {
  /**
   * 'priority' (default): one serial schedule generation in project-priority order (higher priority first,
   * then latest finish), deterministic and fast. 'optimize': also run the metaheuristic to shorten the
   * overall end date, which may trade priority order for a shorter portfolio.
   */
  strategy?: 'priority' | 'optimize';
  seed?: number;
  /** Schedule passes for 'optimize' (default 1,000,000 / tasks, clamped to 50..2000). */
  maxSchedules?: number;
  budgetMs?: number;
  now?: () => number;
  /**
   * Let levelling split (preempt) splittable tasks at period boundaries to use free capacity, as MS Project's
   * "leveling can create splits in remaining work". Default false: every task moves whole.
   */
  allowSplits?: boolean;
}

/** Something levelling could not resolve without breaking a hard constraint. */
export type LevelingConflict =
  | { kind: 'demand-exceeds-capacity'; taskId: string; resourceId: string; units: number; maxCapacity: number; message: string }
  | { kind: 'no-capacity-window'; taskId: string; resourceId: string; units: number; message: string }
  | { kind: 'fixed-start-overload'; taskId: string; resourceId: string; period: number; message: string }
  | { kind: 'fixed-start-link-violated'; taskId: string; predecessorTaskId: string; message: string }
  | { kind: 'deadline-missed'; taskId: string; deadlinePeriod: number; finishPeriod: number; message: string };

/** Levelled dates of one task. */
export interface LeveledTask {
  id: string;
  projectId: string;
  startPeriod: number;
  finishPeriod: number;
  /** Start in the unlevelled (resource-free) schedule. */
  earlyStartPeriod: number;
  delayPeriods: number;
  /** Only for a task the run split: its pieces as [startPeriod, finishPeriod) (finishPeriod is the last piece's end). */
  pieces?: { startPeriod: number; finishPeriod: number }[];
}

/** Result of {@link levelPortfolio}: new starts, delays, conflicts and statistics. */
export interface PortfolioLevelResult {
  tasks: LeveledTask[];
  projects: { id: string; priority: number; finishPeriod: number; unleveledFinishPeriod: number; delayPeriods: number }[];
  conflicts: LevelingConflict[];
  stats: {
    taskCount: number;
    resourceCount: number;
    projectCount: number;
    makespanPeriods: number;
    unleveledMakespanPeriods: number;
    delayedTasks: number;
    totalDelayPeriods: number;
    schedules: number;
    /** Tasks split into two or more pieces (0 unless the run allows splits). */
    splitTasks: number;
  };
}
