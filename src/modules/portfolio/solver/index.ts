export { loadHighsSolver } from './highs-loader.js';
export { solveBinaryProgram, buildHighsModel, type SolveOptions, type SolveResult, type SolveStatus } from './binary-program-solver.js';
export {
  optimizePortfolio,
  computeEfficientFrontier,
  type OptimizeOptions,
  type SelectionResult,
  type FrontierPoint,
  type FrontierOptions,
} from './portfolio-optimizer.js';
