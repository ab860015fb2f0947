export { PortfolioError, type PortfolioErrorCode } from './portfolio-errors.js';
export { createSeededRng } from './rng.js';
export {
  validateScoringModel,
  computeScore,
  rescoreSheet,
  resolveAnswer,
  normalizeAnswer,
  type Scale,
  type Criterion,
  type ScoringFormula,
  type ScoringModel,
  type ScoreSheet,
  type ScoreResult,
} from './scoring/scoring-model.js';
export { computeAhpWeights, buildPairwiseMatrix, mostInconsistentJudgement, SAATY_RANDOM_INDEX, SAATY_SCALE, type AhpResult } from './scoring/ahp.js';
export { computeConsensus, type Consensus, type CriterionConsensus } from './scoring/consensus.js';
export {
  computeKeyResultProgress,
  validateObjectiveTree,
  rollUpObjectiveProgress,
  computeStrategicAlignment,
  type Objective,
  type KeyResult,
  type ObjectiveLink,
  type ObjectiveProgress,
} from './scoring/objectives.js';
export {
  buildKnapsackProgram,
  validateBinaryProgram,
  evaluateSelection,
  findViolations,
  type BinaryProgram,
  type DenseKnapsackInput,
} from './selection/binary-program.js';
export { SelectionState } from './selection/selection-state.js';
export { runSelectionHeuristic, orderByUtility, repairInto, improveBySwaps, type HeuristicOptions, type HeuristicResult } from './selection/selection-heuristic.js';
export {
  compileSelection,
  validateSelectionProblem,
  candidateValues,
  describeRow,
  mandatoryClosure,
  type SelectionCandidate,
  type SelectionObjective,
  type SelectionProblem,
  type RowInfo,
  type CompiledSelection,
} from './selection/selection-model.js';
export { findSelectionConflicts, findDependencyCycle, type SelectionConflict } from './selection/selection-checks.js';
export { explainExclusions, type ExclusionReason, type ExclusionExplanation } from './selection/selection-explain.js';
export { computeSelectionUsage, compareScenarios, type Pick, type SelectionUsage, type ScenarioComparison } from './selection/scenario-compare.js';
export { parseMknapText, type MknapProblem } from './selection/mknap-format.js';
export { generateSyntheticPortfolio, type SyntheticPortfolioOptions } from './selection/synthetic-portfolio.js';
export {
  validateLifecycle,
  nextGate,
  projectCreationStage,
  entersProjectStage,
  stageIndex,
  stageName,
  STANDARD_LIFECYCLE,
  STAGE_KEY,
  GATE_FIELDS,
  APPROVER_ROLES,
  type GateField,
  type ApproverRole,
  type GateCriterion,
  type GateDefinition,
  type LifecycleDefinition,
} from './gates/lifecycle.js';
export {
  evaluateGate,
  decideGate,
  GATE_DECISIONS,
  type GateFacts,
  type GateEvaluation,
  type GateDecision,
  type GateOutcome,
  type CriterionStatus,
  type ApprovalStatus,
} from './gates/gate-review.js';
export {
  validateIntakeForm,
  validateIntakeAnswers,
  pruneIntakeAnswers,
  INTAKE_FIELD_TYPES,
  type IntakeField,
  type IntakeFieldType,
  type IntakeAnswer,
  type IntakeAnswers,
} from './intake/intake-form.js';
export { resampleProfile, resampleIndex } from './selection/resample.js';
export {
  projectDatesFromBusinessCase,
  budgetLinesFromBusinessCase,
  addMonths,
  previousDay,
  daysInMonth,
  type BusinessCasePlan,
  type BudgetLineDraft,
} from './conversion/proposal-project.js';
export { monthsOfPeriodLabel, monthSpanOfLabels, monthText, periodLabelsFrom, sumMonthsIntoPeriods } from './selection/period-labels.js';
