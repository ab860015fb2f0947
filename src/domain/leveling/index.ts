/** Public API of the resource levelling engine (pure domain code). */
export { LevelingError, type LevelingErrorCode } from './leveling-error.js';
export { createSeededRandom, type RandomSource } from './seeded-random.js';
export type { RcpspInstance, RcpspJob, RcpspSolution, RcpspSolveOptions } from './rcpsp-types.js';
export { solveRcpsp, compileRcpsp } from './solve-rcpsp.js';
export { parsePsplibSm, parsePattersonRcp } from './psplib-parser.js';
export { compileProblem, computeEarliestStarts, computeLatestStarts, makespanOf, type ProblemSpec, type SchedulingProblem } from './scheduling-problem.js';
export { ScheduleWorkspace } from './sgs-kernel.js';
export { runParallelSgs } from './parallel-sgs.js';
export { computePriorityKeys, criticalPathLength, PRIORITY_RULES, type PriorityRule } from './priority-rules.js';
export { searchSchedule, computeLowerBound, type SearchSettings, type SearchOutcome } from './genetic-search.js';
export type * from './portfolio-types.js';
export { levelPortfolio } from './portfolio-leveling.js';
export { generateSyntheticPortfolio, type SyntheticPortfolioSpec } from './synthetic-portfolio.js';
