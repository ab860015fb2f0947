/**
 * The audit trail: every mutation writes one row (actor, time, entity, before/after) in the same
 * transaction as the change, and publishes the matching domain event.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { publishEvent, type EventRecipients } from '../../server/events.js';

export interface AuditInput {
  actorId: string | null;
  action: 'created' | 'updated' | 'deleted' | string;
  entityType: string;
  entityId: string;
  projectId: string | null;
  before?: unknown;
  after?: unknown;
  version?: number | null;
  audience?: 'all' | 'admins';
  /** Only these users (and holders of these organisation roles) receive the event; the audit row is unaffected. */
  recipients?: EventRecipients;
}

/** Records the change and publishes its event; call inside the mutation's transaction. */
export async function recordChange(tx: Kysely<DB>, input: AuditInput): Promise<void> {
  await tx
    .insertInto('audit_log')
    .values({
      actor_id: input.actorId,
      action: input.action,
      entity_type: input.entityType,
      entity_id: input.entityId,
      project_id: input.projectId,
      before: input.before === undefined ? null : JSON.stringify(input.before),
      after: input.after === undefined ? null : JSON.stringify(input.after),
    })
    .execute();
  await publishEvent(tx as unknown as Kysely<unknown>, {
    type: `${input.entityType}.${input.action}`,
    entityType: input.entityType,
    entityId: input.entityId,
    projectId: input.projectId,
    version: input.version ?? null,
    at: new Date().toISOString(),
    ...(input.audience ? { audience: input.audience } : {}),
    ...(input.recipients ? { recipients: input.recipients } : {}),
  });
}
