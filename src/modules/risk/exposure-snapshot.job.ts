/**
 * The daily exposure snapshot (risk_exposure_snapshots) the dashboard's trend reads: one row per view (organisation,
 * portfolio, program) and basis. The server's job runner enqueues it every day; safe to run twice (a day's snapshot
 * is replaced).
 */
import { z } from 'zod';
import type { JobDefinition } from '../../jobs/queue.js';
import { writeSnapshots } from './risk-dashboard.service.js';

const Payload = z.strictObject({ asOf: z.iso.date() });

export const EXPOSURE_SNAPSHOT_JOB = 'risk.exposure-snapshot';

/** The job definition (type, payload schema, handler). */
export const exposureSnapshotJob: JobDefinition<typeof Payload> = {
  type: EXPOSURE_SNAPSHOT_JOB,
  payload: Payload,
  async handle(payload, { db }) {
    await writeSnapshots(db, payload.asOf);
  },
};
