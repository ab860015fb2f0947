/** Public API of MS Project XML (MSPDI) import and export. */
export * from './mspdi.types.js';
export { MspdiError, type MspdiErrorCode } from './mspdi-errors.js';
export { DEFAULT_MAX_MSPDI_CHARS, parseMspdi, type ParseMspdiOptions } from './mspdi-read.js';
export { writeMspdi } from './mspdi-write.js';
export {
  applyScheduleResult, constraintFromCode, constraintToCode, lagFromMspdi, linkTypeFromCode, toScheduleInput, type ToScheduleInputOptions,
} from './mspdi-schedule.js';
export { formatDuration, parseDurationMinutes } from './mspdi-values.js';
export { parseXml, type XmlElement } from './xml-parse.js';
export { parseGanttProject } from './gantt-project-read.js';
export { emptyMspdiTask, projectSummaryTask } from './mspdi-task.js';
