/**
 * The jobs this server knows and the recurring ones it schedules: the one list the runner, the CLI and the tests
 * use. Add a job by exporting a JobDefinition beside its service and listing it here (with a schedule if it
 * recurs). Recurring slots are in UTC.
 */
import type { z } from 'zod';
import type { CronSchedule } from '../jobs/cron.js';
import type { JobDefinition } from '../jobs/queue.js';
import { EVM_SNAPSHOT_JOB, evmSnapshotJob } from '../modules/finance/evm-snapshot.job.js';
import { EXPOSURE_SNAPSHOT_JOB, exposureSnapshotJob } from '../modules/risk/exposure-snapshot.job.js';

export const JOB_DEFINITIONS: JobDefinition<z.ZodType>[] = [evmSnapshotJob, exposureSnapshotJob];

export const CRON_SCHEDULES: CronSchedule[] = [
  // Each day's status at 01:00 UTC: the S-curves, the roll-up and the exposure trend read them.
  { type: EVM_SNAPSHOT_JOB, every: 'day', atMinutes: 60, payload: (slot) => ({ asOf: slot.date }) },
  { type: EXPOSURE_SNAPSHOT_JOB, every: 'day', atMinutes: 70, payload: (slot) => ({ asOf: slot.date }) },
];
