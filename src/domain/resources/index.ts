/** Public API of the resources domain: capacity against demand, what-if and staffing suggestions (pure). */
export { CalendarDays, dateOfDay, dayOfDate, FIRST_DAY, LAST_DAY } from './calendar-days.js';
export { bucketStart, buildBuckets, MAX_BUCKETS, mondayOnOrBefore, type Granularity } from './buckets.js';
export {
  assignmentColumns, capacityFactor, capacityRows, computeCapacity, demandByBucket, personCapacityByBucket,
  type AssignmentColumns, type AssignmentRecord, type CapacityChange, type CapacityPerson, type CapacityPlan, type CapacityRow, type CapacityTotals, type GroupBy, type NamedRef,
} from './capacity-grid.js';
export { applyWhatIf, WhatIfError, type WhatIfChange } from './what-if.js';
export { rankCandidates, scoreCandidate, SCORE_WEIGHTS, type SkillMatch, type SkillRequirement, type StaffingCandidate, type StaffingSuggestion } from './staffing-suggestions.js';
export { PeriodGrid } from './period-grid.js';
export { withPoolDemands, type PooledDemands, type ResourceDemand } from './pool-demand.js';
export { addBookings, levelingLoad, netCapacity, type LoadResource, type LoadUsage, type PeriodBooking, type ResourceLoad } from './leveling-load.js';
