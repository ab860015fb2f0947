/**
 * The periodic EVM snapshot: BAC, PV and EV of every project at a status date (evm_snapshots), which S-curves and
 * the roll-up read. Run it daily or weekly: `pmo finance evm-snapshot` from cron, or as a job of the queue (a
 * unique key per date makes a slot run once). Safe to run twice: the snapshot of a date is upserted.
 */
import { z } from 'zod';
import type { JobDefinition } from '../../jobs/queue.js';
import { refreshEvmSnapshots } from './financials-rollup.service.js';

const Payload = z.strictObject({ asOf: z.iso.date() });

export const EVM_SNAPSHOT_JOB = 'finance.evm-snapshot';

/** The job definition (type, payload schema, handler). */
export const evmSnapshotJob: JobDefinition<typeof Payload> = {
  type: EVM_SNAPSHOT_JOB,
  payload: Payload,
  async handle(payload, { db }) {
    await refreshEvmSnapshots(db, payload.asOf);
  },
};

/** The unique key of a date's snapshot job, so a scheduler enqueues each slot once. */
export const evmSnapshotJobKey = (asOf: string): string => `${EVM_SNAPSHOT_JOB}:${asOf}`;
