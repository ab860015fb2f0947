import { LevelingError } from './leveling-error.js';
import { compileProblem, type SchedulingProblem } from './scheduling-problem.js';
import { computeLowerBound, searchSchedule } from './genetic-search.js';
import { criticalPathLength } from './priority-rules.js';
import { createSeededRandom } from './seeded-random.js';
import type { RcpspInstance, RcpspSolution, RcpspSolveOptions } from './rcpsp-types.js';

/** Compiles an {@link RcpspInstance} (validating it) into the typed-array problem the kernels use. */
export function compileRcpsp(instance: RcpspInstance): SchedulingProblem {
  if (!instance || !Array.isArray(instance.jobs) || !Array.isArray(instance.capacities)) {
    throw new LevelingError('INVALID_INSTANCE', 'instance needs `jobs` and `capacities` arrays');
  }
  const R = instance.capacities.length;
  const durations: number[] = [];
  const from: number[] = [];
  const to: number[] = [];
  const delta: number[] = [];
  const dj: number[] = [];
  const dr: number[] = [];
  const dq: number[] = [];
  const over: string[] = [];
  instance.jobs.forEach((job, j) => {
    if (!job || !Array.isArray(job.demands) || !Array.isArray(job.successors)) {
      throw new LevelingError('INVALID_INSTANCE', `job ${j} needs \`demands\` and \`successors\` arrays`);
    }
    if (job.demands.length !== R) {
      throw new LevelingError('INVALID_INSTANCE', `job ${j} has ${job.demands.length} demands for ${R} resources`);
    }
    durations.push(job.durationPeriods);
    job.demands.forEach((q, r) => {
      dj.push(j);
      dr.push(r);
      dq.push(q);
      if (q > instance.capacities[r]! && job.durationPeriods > 0) over.push(`job ${j} needs ${q} of resource ${r} (capacity ${instance.capacities[r]})`);
    });
    for (const s of job.successors) {
      from.push(j);
      to.push(s);
      delta.push(job.durationPeriods);
    }
  });
  const p = compileProblem({
    durations, arcFrom: from, arcTo: to, arcDelta: delta, resourceCount: R,
    demandJob: dj, demandResource: dr, demandQty: dq, tailCapacity: instance.capacities,
  });
  if (over.length > 0) {
    throw new LevelingError('DEMAND_EXCEEDS_CAPACITY', `no schedule exists: ${over.slice(0, 5).join('; ')}${over.length > 5 ? ` and ${over.length - 5} more` : ''}`);
  }
  return p;
}

/**
 * Minimises the makespan of an RCPSP instance: priority-rule SGS seeds, then a genetic algorithm with
 * forward-backward improvement until the schedule budget (default 50,000) or the time budget is spent,
 * or the lower bound is reached. Deterministic for a given seed and schedule budget.
 * Throws LevelingError on invalid input, a precedence cycle, or a job demanding more than a capacity.
 */
export function solveRcpsp(instance: RcpspInstance, options: RcpspSolveOptions = {}): RcpspSolution {
  if (options.budgetMs !== undefined && (typeof options.now !== 'function' || !(options.budgetMs >= 0))) {
    throw new LevelingError('INVALID_OPTIONS', 'budgetMs needs a non-negative number and a clock function `now`');
  }
  const p = compileRcpsp(instance);
  const lb = computeLowerBound(p);
  const maxSchedules = options.maxSchedules ?? (options.budgetMs !== undefined ? Number.POSITIVE_INFINITY : 50_000);
  const out = searchSchedule(p, {
    maxSchedules,
    budgetMs: options.budgetMs,
    now: options.now,
    random: options.random ?? createSeededRandom(options.seed ?? 1),
    populationSize: options.populationSize,
    uniformCrossoverRate: options.uniformCrossoverRate,
    peakCrossoverRate: options.peakCrossoverRate,
    stagnationChildren: options.stagnationChildren,
    mutationRate: options.mutationRate,
    lowerBound: lb,
  });
  return {
    startPeriods: Array.from(out.start),
    makespan: out.makespan,
    lowerBound: lb,
    criticalPathLength: criticalPathLength(p),
    schedules: out.schedules,
    schedulesToBest: out.schedulesToBest,
  };
}
