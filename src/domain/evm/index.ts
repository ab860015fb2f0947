/** Earned value management: pure functions over plain numbers (amounts in one currency unit). */
export { EvmInputError } from './evm-error.js';
export { computeEvmMetrics, computeTcpiToEac, divideOrNull } from './evm-metrics.js';
export type { EvmBase, EvmMetrics, EvmMetricOptions } from './evm-metrics.js';
export { computePlannedValueAt, computePlannedValueSeries, computeBudgetAtCompletion } from './planned-value.js';
export type { PlannedCostSegment } from './planned-value.js';
export { computeEarnedValue, computeEarnedValueTotal, EARNED_VALUE_METHODS } from './earned-value.js';
export type { EarnedValueMethod, TaskProgress, WeightedMilestone } from './earned-value.js';
export { computeEarnedSchedule } from './earned-schedule.js';
export type { EarnedSchedule } from './earned-schedule.js';
export { sumEvmBase, rollupEvm, rollupEvmHierarchy } from './evm-rollup.js';
export type { EvmLeaf, EvmRollup } from './evm-rollup.js';
export { buildSCurveSeries } from './s-curve.js';
export type { EvmSnapshot, SCurveSeries } from './s-curve.js';
export { computeTaskEvmBase } from './task-evm.js';
export type { TaskEvmInput } from './task-evm.js';
export { sumEvmColumnsByProject, sumEvmSumsByGroup } from './evm-rollup-columns.js';
export type { EvmColumns, EvmSums } from './evm-rollup-columns.js';
