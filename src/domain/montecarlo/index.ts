/** Monte Carlo schedule and cost risk analysis on a task network (pure, seeded, typed-array kernel). */
export {
  runMonteCarlo,
  prepareMonteCarlo,
  simulateMonteCarloChunk,
  combineMonteCarloChunks,
  createMonteCarloWorkspace,
  mapFinishToDates,
  MAX_MONTE_CARLO_ITERATIONS,
  MAX_MONTE_CARLO_WORK,
  MONTE_CARLO_CHUNK_ITERATIONS,
  type McPlan,
  type McChunkResult,
} from './run-monte-carlo.js';
export { compileNetwork, type CompiledNetwork } from './compile-network.js';
export type { KernelWorkspace } from './simulate-kernel.js';
export { MonteCarloInputError, type MonteCarloErrorCode } from './montecarlo-error.js';
export { percentileOfSorted, probabilityAtOrBelow } from './summarize.js';
export { spearmanCorrelation } from './ranking.js';
export type {
  McDistribution,
  ThreePointEstimate,
  McTask,
  McLinkType,
  McLink,
  McCostLine,
  McRiskImpact,
  McRiskEvent,
  McCorrelationGroup,
  McNetwork,
  McOptions,
  McDistributionSummary,
  McTaskResult,
  McResult,
} from './montecarlo-types.js';
